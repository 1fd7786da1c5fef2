import Fluent
import SQLKit

/// Support policies and what they delivered. `support_policies`: a policy with its legal basis, level, kind, budget
/// source, period and implementing agency; its `code` is what sheets name it by. `support_records`: one grant to an
/// organisation (or to a person of it, for training and graduates), with the details its kind needs, in đồng.
/// Grants count in figures, so their writes bump the figure versions of the organisation's commune and province.
struct CreateSupportLedger: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("support_policies")
            .field("id", .int64, .identifier(auto: true))
            .field("code", .string, .required)
            .field("title", .string, .required)
            .field("document_number", .string, .required)
            .field("document_date", .string)
            .field("issuer", .string, .required)
            .field("level", .string, .required)
            .field("unit_code", .string)
            .field("kind", .string, .required)
            .field("budget_source", .string)
            .field("period_from", .int64, .required)
            .field("period_to", .int64, .required)
            .field("agency", .string, .required)
            .field("agency_folded", .string, .required)
            .field("conditions", .string)
            .field("version", .int64, .required)
            .field("created_at", .string, .required)
            .field("updated_at", .string, .required)
            .unique(on: "code")
            .create()
        try await database.schema("support_records")
            .field("id", .int64, .identifier(auto: true))
            .field("policy_id", .int64, .required, .references("support_policies", "id", onDelete: .restrict))
            .field("organization_id", .int64, .required, .references("organizations", "id", onDelete: .cascade))
            .field("person_name", .string)
            .field("person_position", .string)
            .field("support_date", .string, .required)
            .field("end_date", .string)
            .field("amount", .int64)
            .field("quantity", .double)
            .field("quantity_unit", .string)
            .field("status", .string, .required)
            .field("agency", .string)
            .field("course", .string)
            .field("place", .string)
            .field("degree", .string)
            .field("lender", .string)
            .field("interest_rate", .double)
            .field("term_months", .int64)
            .field("outstanding", .int64)
            .field("overdue", .int64)
            .field("land_area", .double)
            .field("land_form", .string)
            .field("decision_number", .string)
            .field("note", .string)
            .field("actor", .string, .required)
            .field("recorded_at", .string, .required)
            .create()
        let sql = try database.sql()
        try await sql.create(index: "support_records_policy").on("support_records").column("policy_id").run()
        try await sql.create(index: "support_records_organization").on("support_records").column("organization_id").run()
        try await DataVersion.track("support_policies", on: sql)
        try await DataVersion.track("support_records", on: sql)
        try await FigureVersionTriggers.install([.province, .commune], tables: ["support_records"], on: sql)
    }

    func revert(on database: any Database) async throws {
        let sql = try database.sql()
        try await DataVersion.untrack("support_records", on: sql)
        try await DataVersion.untrack("support_policies", on: sql)
        // Dropping the table drops its figure triggers too.
        try await database.schema("support_records").delete()
        try await database.schema("support_policies").delete()
    }
}
