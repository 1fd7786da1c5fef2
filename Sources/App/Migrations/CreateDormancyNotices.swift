import Fluent
import SQLKit

/// Notices sent to organisations that show signs of no longer operating: the first step of the dissolution workflow,
/// before the registry moves them to awaiting dissolution and then dissolved.
struct CreateDormancyNotices: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("dormancy_notices")
            .field("id", .int64, .identifier(auto: true))
            .field("organization_id", .int64, .required, .references("organizations", "id", onDelete: .cascade))
            .field("issued_on", .string, .required)
            .field("reply_by", .string, .required)
            .field("text", .string, .required)
            .field("actor", .string, .required)
            .field("recorded_at", .string, .required)
            .create()
        try await database.sql().create(index: "dormancy_notices_org").on("dormancy_notices").column("organization_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("dormancy_notices").delete()
    }
}
