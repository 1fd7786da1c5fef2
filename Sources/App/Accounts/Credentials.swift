import Fluent
import Foundation
import HopTacCore
import SQLKit
import Vapor

/// Server-side sessions: the browser holds a random id in an HttpOnly cookie; the database holds its hash.
enum SessionStore {
    static let cookieName = "hoptac_session"
    static let lifetime: TimeInterval = 12 * 3600

    static func create(userId: Int, on sql: any SQLDatabase) async throws -> String {
        let token = Secrets.random()
        let now = Date()
        try await sql.insert(into: "sessions").columns("token_hash", "user_id", "created_at", "expires_at")
            .values(Secrets.hash(token), userId, Timestamp.format(now), Timestamp.format(now.addingTimeInterval(lifetime))).run()
        return token
    }

    /// The active, non-disabled user of a session cookie, or nil.
    static func user(forToken token: String, on sql: any SQLDatabase) async throws -> UserRecord? {
        let columns = UserRecord.columns.split(separator: ",").map { "u.\($0.trimmed)" }.joined(separator: ", ")
        return try await sql.raw("""
            SELECT \(unsafeRaw: columns) FROM sessions s JOIN users u ON u.id = s.user_id
            WHERE s.token_hash = \(bind: Secrets.hash(token)) AND s.expires_at > \(bind: Timestamp.now()) AND u.disabled = \(bind: false)
            """).first(decoding: UserRecord.self, keyDecodingStrategy: .snakeCaseColumns)
    }

    static func delete(token: String, on sql: any SQLDatabase) async throws {
        try await sql.delete(from: "sessions").where("token_hash", .equal, Secrets.hash(token)).run()
    }
}

/// API tokens for machine clients: shown once, stored hashed, acting with their owner's rights, revocable.
enum APITokenStore {
    struct Token: Content, Sendable {
        var id: Int
        var name: String
        var prefix: String
        var createdAt: String
        var lastUsedAt: String?
        var revokedAt: String?
    }

    static let marker = "hoptac_"

    /// Creates a token and returns its secret, the only time it is ever available.
    static func create(userId: Int, name: String, actor: Actor, on database: any Database) async throws -> (Token, String) {
        try await database.write { db in
            let sql = try db.sql()
            let secret = marker + Secrets.random()
            let label = name.trimmed.isEmpty ? "Mã truy cập API" : name.trimmed
            let token = try await sql.insert(into: "api_tokens").columns("user_id", "name", "token_hash", "prefix", "created_at")
                .values(userId, label, Secrets.hash(secret), String(secret.prefix(12)), Timestamp.now())
                .returning("id", "name", "prefix", "created_at", "last_used_at", "revoked_at")
                .first(decoding: Token.self, keyDecodingStrategy: .snakeCaseColumns)
            guard let token else { throw Abort(.internalServerError) }
            try await AuditLog.record("token.create", entity: "api_tokens", id: String(token.id), provinceCode: nil,
                                      summary: "Tạo mã truy cập API “\(label)” (\(token.prefix)…)", after: token, actor: actor, on: sql)
            return (token, secret)
        }
    }

    static func list(userId: Int, on sql: any SQLDatabase) async throws -> [Token] {
        try await sql.raw("SELECT id, name, prefix, created_at, last_used_at, revoked_at FROM api_tokens WHERE user_id = \(bind: userId) ORDER BY id DESC")
            .all(decoding: Token.self, keyDecodingStrategy: .snakeCaseColumns)
    }

    /// Revokes one of the user's own tokens; another user's token id is a 404.
    static func revoke(tokenId: Int, userId: Int, actor: Actor, on database: any Database) async throws {
        try await database.write { db in
            let sql = try db.sql()
            struct Row: Decodable { let id: Int }
            let revoked = try await sql.update("api_tokens").set("revoked_at", to: Timestamp.now())
                .where("id", .equal, tokenId).where("user_id", .equal, userId).where("revoked_at", .is, SQLLiteral.null)
                .returning("id").first(decoding: Row.self)
            guard revoked != nil else { throw Abort(.notFound, reason: "Không có mã truy cập số \(tokenId) còn hiệu lực của bạn.") }
            try await AuditLog.record("token.revoke", entity: "api_tokens", id: String(tokenId), provinceCode: nil,
                                      summary: "Thu hồi mã truy cập API số \(tokenId)", actor: actor, on: sql)
        }
    }

    /// The owner of a valid token; marks it used.
    static func user(forSecret secret: String, on sql: any SQLDatabase) async throws -> UserRecord? {
        struct Row: Decodable { let id: Int; let userId: Int }
        guard let row = try await sql.raw("SELECT id, user_id FROM api_tokens WHERE token_hash = \(bind: Secrets.hash(secret)) AND revoked_at IS NULL")
            .first(decoding: Row.self, keyDecodingStrategy: .snakeCaseColumns),
              let user = try await UserStore.find(id: row.userId, on: sql), !user.disabled else { return nil }
        try await sql.update("api_tokens").set("last_used_at", to: Timestamp.now()).where("id", .equal, row.id).run()
        return user
    }
}
