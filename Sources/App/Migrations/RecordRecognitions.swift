import Fluent

/// Model-cooperative recognitions and commendations are recorded as grants of policies of those kinds; a decision
/// carries the level it was taken at and, for a commendation, its form (Bằng khen, Giấy khen, Cờ thi đua…).
struct RecordRecognitions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("support_records").field("award_level", .string).update()
        try await database.schema("support_records").field("award_form", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("support_records").deleteField("award_form").update()
        try await database.schema("support_records").deleteField("award_level").update()
    }
}
