import Fluent
import SQLKit

/// Mail waits in `mail_outbox` until the server has accepted it: written in the transaction of the event it tells of,
/// sent by `MailSender`, retried while the mail server is down. `dedupe_key` lets a reminder go out once however
/// often its check runs. `password_resets` holds one-time links, hashed like sessions.
struct CreateMailOutbox: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("mail_outbox")
            .field("id", .int64, .identifier(auto: true))
            .field("kind", .string, .required)
            .field("recipient", .string, .required)
            .field("recipient_name", .string)
            .field("subject", .string, .required)
            .field("body", .string, .required)
            .field("dedupe_key", .string)
            .field("created_at", .string, .required)
            .field("next_attempt_at", .string, .required)
            .field("attempts", .int64, .required)
            .field("last_error", .string)
            .field("sent_at", .string)
            .unique(on: "dedupe_key")
            .create()
        try await database.sql().create(index: "mail_outbox_due").on("mail_outbox").column("sent_at").column("next_attempt_at").run()
        try await database.schema("password_resets")
            .field("id", .int64, .identifier(auto: true))
            .field("user_id", .int64, .required, .references("users", "id", onDelete: .cascade))
            .field("token_hash", .string, .required)
            .field("created_at", .string, .required)
            .field("expires_at", .string, .required)
            .field("used_at", .string)
            .unique(on: "token_hash")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("password_resets").delete()
        try await database.schema("mail_outbox").delete()
    }
}
