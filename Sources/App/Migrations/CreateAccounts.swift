import Fluent
import SQLKit

/// Users with one role and unit, server-side sessions, hashed API tokens and the audit log of every write.
struct CreateAccounts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("users")
            .field("id", .int64, .identifier(auto: true))
            .field("email", .string, .required)
            .field("display_name", .string, .required)
            .field("password_hash", .string, .required)
            .field("role", .string, .required)
            .field("unit_code", .string)
            .field("organization_id", .int64, .references("organizations", "id"))
            .field("department", .string)
            .field("must_change_password", .bool, .required)
            .field("disabled", .bool, .required)
            .field("failed_logins", .int64, .required)
            .field("locked_until", .string)
            .field("last_login_at", .string)
            .field("version", .int64, .required)
            .field("created_at", .string, .required)
            .field("updated_at", .string, .required)
            .unique(on: "email")
            .create()
        try await database.schema("sessions")
            .field("token_hash", .string, .identifier(auto: false))
            .field("user_id", .int64, .required, .references("users", "id", onDelete: .cascade))
            .field("created_at", .string, .required)
            .field("expires_at", .string, .required)
            .create()
        try await database.schema("api_tokens")
            .field("id", .int64, .identifier(auto: true))
            .field("user_id", .int64, .required, .references("users", "id", onDelete: .cascade))
            .field("name", .string, .required)
            .field("token_hash", .string, .required)
            .field("prefix", .string, .required)
            .field("created_at", .string, .required)
            .field("last_used_at", .string)
            .field("revoked_at", .string)
            .unique(on: "token_hash")
            .create()
        try await database.schema("audit_events")
            .field("id", .int64, .identifier(auto: true))
            .field("at", .string, .required)
            .field("user_id", .int64)
            .field("actor", .string, .required)
            .field("role", .string)
            .field("unit_code", .string)
            .field("province_code", .string)
            .field("action", .string, .required)
            .field("entity", .string, .required)
            .field("entity_id", .string)
            .field("summary", .string, .required)
            .field("before", .string)
            .field("after", .string)
            .field("ip", .string)
            .create()
        let sql = try database.sql()
        try await sql.create(index: "sessions_user").on("sessions").column("user_id").run()
        try await sql.create(index: "api_tokens_user").on("api_tokens").column("user_id").run()
        for column in ["at", "user_id", "entity", "province_code", "action"] {
            try await sql.create(index: "audit_events_\(column)").on("audit_events").column(column).run()
        }
    }

    func revert(on database: any Database) async throws {
        for table in ["audit_events", "api_tokens", "sessions", "users"] {
            try await database.schema(table).delete()
        }
    }
}
