import Fluent

/// Who asked for an extension, as an account (the name stays for the record): the decision is mailed to them.
/// Requests made before this have no account and are answered to the lead agency's officers.
struct RecordExtensionRequesters: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("task_extensions").field("requested_by_user_id", .int64).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("task_extensions").deleteField("requested_by_user_id").update()
    }
}
