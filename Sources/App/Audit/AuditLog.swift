import Foundation
import HopTacCore
import SQLKit
import Vapor

/// Who did something: the signed-in user, or the command line. Written into the history and the audit log.
struct Actor: Sendable {
    let userId: Int?
    let name: String
    let role: Role?
    let unitCode: String?
    let ip: String?

    static func commandLine(_ command: String) -> Actor {
        Actor(userId: nil, name: "Dòng lệnh (\(command))", role: nil, unitCode: nil, ip: nil)
    }
}

/// The append-only record of every write: who, in which role and unit, when, what, before → after.
enum AuditLog {
    struct Entry: Content, Sendable {
        var id: Int
        var at: String
        var userId: Int?
        var actor: String
        var role: Role?
        var unitCode: String?
        var provinceCode: String?
        var action: String
        var entity: String
        var entityId: String?
        var summary: String
        var before: String?
        var after: String?
        var ip: String?
    }

    /// Writes one entry in the caller's transaction. `before`/`after` are encoded as JSON; callers pass
    /// public records only (never a password hash or token).
    static func record(_ action: String, entity: String, id entityId: String?, provinceCode: String?, summary: String,
                       before: (any Encodable & Sendable)? = nil, after: (any Encodable & Sendable)? = nil,
                       actor: Actor, on sql: any SQLDatabase) async throws {
        func json(_ value: (any Encodable & Sendable)?) throws -> String? {
            guard let value else { return nil }
            return String(decoding: try Responses.jsonEncoder.encode(value), as: UTF8.self)
        }
        try await sql.insert(into: "audit_events")
            .columns("at", "user_id", "actor", "role", "unit_code", "province_code", "action", "entity", "entity_id", "summary", "before", "after", "ip")
            .values(Timestamp.now(), actor.userId, actor.name, actor.role?.rawValue, actor.unitCode, provinceCode, action, entity, entityId,
                    summary, try json(before), try json(after), actor.ip)
            .run()
    }

    struct Filter: Sendable {
        var action: String?
        var entity: String?
        var entityId: String?
        var userId: Int?
        var from: Day?
        var to: Day?
        var page = 1
        var perPage = 100
        var order: ListOrder<AuditColumn>?
    }

    /// The columns the log sorts by; newest first unless asked otherwise.
    enum AuditColumn: String, CaseIterable, Sendable {
        case time, actor, action

        var expression: String { self == .time ? "id" : rawValue }
    }

    static func condition(_ filter: Filter, scope: Scope) -> SQLQueryString {
        var parts: [SQLQueryString] = ["1 = 1"]
        switch scope {
        case .everything: break
        case .province(let code): parts.append("province_code = \(bind: code)")
        case .commune, .organization, .nothing: parts.append("1 = 0")
        }
        if let action = filter.action { parts.append("action = \(bind: action)") }
        if let entity = filter.entity { parts.append("entity = \(bind: entity)") }
        if let entityId = filter.entityId { parts.append("entity_id = \(bind: entityId)") }
        if let userId = filter.userId { parts.append("user_id = \(bind: userId)") }
        if let from = filter.from { parts.append("at >= \(bind: from.iso)") }
        if let to = filter.to { parts.append("at < \(bind: to.adding(days: 1).iso)") }
        return parts.joined(separator: " AND ")
    }

    static func count(_ filter: Filter, scope: Scope, on sql: any SQLDatabase) async throws -> Int {
        try await sql.raw("SELECT COUNT(*) AS n FROM audit_events WHERE \(condition(filter, scope: scope))").first(decodingColumn: "n", as: Int.self) ?? 0
    }

    static func list(_ filter: Filter, scope: Scope, paged: Bool, on sql: any SQLDatabase) async throws -> [Entry] {
        let order = filter.order?.sql(\.expression) ?? "id DESC"
        var query: SQLQueryString = "SELECT * FROM audit_events WHERE \(condition(filter, scope: scope)) ORDER BY \(unsafeRaw: order)"
        if paged { query.appendInterpolation(unsafeRaw: " LIMIT \(filter.perPage) OFFSET \((filter.page - 1) * filter.perPage)") }
        return try await sql.raw(query).all(decoding: Entry.self, keyDecodingStrategy: .snakeCaseColumns)
    }
}
