import Fluent
import SQLKit

/// Targets that nothing in the data measures are judged on the values their responsible agency reports: the agency
/// named on the target (`reporting_agency`), a value per period with its evidence (`target_values`).
struct CreateReportedValues: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("programme_targets").field("reporting_agency", .string).update()
        try await database.schema("target_values")
            .field("id", .int64, .identifier(auto: true))
            .field("target_id", .int64, .required, .references("programme_targets", "id", onDelete: .cascade))
            .field("year", .int64, .required)
            .field("period", .string, .required)
            .field("value", .double, .required)
            .field("note", .string, .required)
            .field("evidence_name", .string)
            .field("evidence_type", .string)
            .field("evidence", .data)
            .field("actor", .string, .required)
            .field("recorded_at", .string, .required)
            .create()
        let sql = try database.sql()
        try await sql.create(index: "target_values_target").on("target_values").column("target_id").run()
        try await DataVersion.track("target_values", on: sql)
    }

    func revert(on database: any Database) async throws {
        try await DataVersion.untrack("target_values", on: database.sql())
        try await database.schema("target_values").delete()
        try await database.schema("programme_targets").deleteField("reporting_agency").update()
    }
}
