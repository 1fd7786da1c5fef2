import Fluent
import SQLKit

/// The registry: organisations, their dated status lifecycle and the field-by-field history of changes.
struct CreateOrganizations: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("organizations")
            .field("id", .int64, .identifier(auto: true))
            .field("name", .string, .required)
            .field("name_folded", .string, .required)
            .field("short_name", .string)
            .field("type", .string, .required)
            .field("sector", .string, .required)
            .field("main_activities", .string)
            .field("registration_code", .string)
            .field("registration_date", .string)
            .field("issuing_authority", .string)
            .field("address", .string)
            .field("commune_code", .string, .required, .references("communes", "code"))
            .field("province_code", .string, .required, .references("provinces", "code"))
            .field("legacy_commune_code", .string, .references("legacy_communes", "code"))
            .field("charter_capital", .double)
            .field("official_members", .int64)
            .field("associate_members", .int64)
            .field("workers", .int64)
            .field("representative_name", .string)
            .field("representative_title", .string)
            .field("phone", .string)
            .field("email", .string)
            .field("website", .string)
            .field("union_id", .int64, .references("organizations", "id"))
            .field("status", .string, .required)
            .field("status_since", .string)
            .field("suspended_until", .string)
            .field("merged_into_id", .int64, .references("organizations", "id"))
            .field("search_text", .string, .required)
            .field("version", .int64, .required)
            .field("created_at", .string, .required)
            .field("updated_at", .string, .required)
            .unique(on: "registration_code")
            .create()
        try await database.schema("organization_status_events")
            .field("id", .int64, .identifier(auto: true))
            .field("organization_id", .int64, .required, .references("organizations", "id", onDelete: .cascade))
            .field("status", .string, .required)
            .field("effective_from", .string, .required)
            .field("effective_to", .string)
            .field("merged_into_id", .int64, .references("organizations", "id"))
            .field("reason", .string)
            .field("actor", .string, .required)
            .field("recorded_at", .string, .required)
            .create()
        try await database.schema("organization_changes")
            .field("id", .int64, .identifier(auto: true))
            .field("organization_id", .int64, .required, .references("organizations", "id", onDelete: .cascade))
            .field("field", .string, .required)
            .field("old_value", .string)
            .field("new_value", .string)
            .field("actor", .string, .required)
            .field("changed_at", .string, .required)
            .create()
        let sql = try database.sql()
        for column in ["province_code", "commune_code", "type", "status", "sector", "name_folded", "union_id", "legacy_commune_code"] {
            try await sql.create(index: "organizations_\(column)").on("organizations").column(column).run()
        }
        try await sql.create(index: "organization_status_events_org").on("organization_status_events").column("organization_id").run()
        try await sql.create(index: "organization_changes_org").on("organization_changes").column("organization_id").run()
    }

    func revert(on database: any Database) async throws {
        for table in ["organization_changes", "organization_status_events", "organizations"] {
            try await database.schema(table).delete()
        }
    }
}
