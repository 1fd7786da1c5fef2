import Foundation
import HopTacCore
import SQLKit
import Vapor

/// The durable queue of outgoing mail (`mail_outbox`). A letter is written in the same transaction as the event it
/// tells of, so a rolled-back event sends nothing and a committed one is never forgotten; `MailSender` delivers it.
enum Outbox {
    /// A message to write. `dedupeKey` names what it is about ("reminder|2026|submit|7|user 12"): a second letter with
    /// the same key is dropped, so a check that runs every hour sends its reminder once.
    struct Letter: Sendable {
        var kind: String
        var to: MailAddress
        var subject: String
        var body: String
        var dedupeKey: String?
    }

    /// A letter as stored, for the sender and the administrator's page. Written out (JSON) without its body: a
    /// password letter holds a one-time link that only its addressee may see.
    struct Row: Decodable, Encodable, Sendable {
        var id: Int
        var kind: String
        var recipient: String
        var recipientName: String?
        var subject: String
        var body: String
        var createdAt: String
        var nextAttemptAt: String
        var attempts: Int
        var lastError: String?
        var sentAt: String?

        var state: String { sentAt != nil ? "sent" : attempts == 0 ? "waiting" : "retrying" }
        var stateLabel: String { sentAt != nil ? "Đã gửi" : attempts == 0 ? "Chờ gửi" : "Gửi lỗi, sẽ thử lại" }

        private enum Written: String, CodingKey { case id, kind, recipient, subject, state, attempts, lastError, createdAt, nextAttemptAt, sentAt }

        func encode(to encoder: any Encoder) throws {
            var out = encoder.container(keyedBy: Written.self)
            try out.encode(id, forKey: .id)
            try out.encode(kind, forKey: .kind)
            try out.encode(recipient, forKey: .recipient)
            try out.encode(subject, forKey: .subject)
            try out.encode(state, forKey: .state)
            try out.encode(attempts, forKey: .attempts)
            try out.encode(lastError, forKey: .lastError)
            try out.encode(createdAt, forKey: .createdAt)
            try out.encode(nextAttemptAt, forKey: .nextAttemptAt)
            try out.encode(sentAt, forKey: .sentAt)
        }
    }

    /// The columns the administrator's list sorts by; newest first unless asked otherwise.
    enum Column: String, CaseIterable, Sendable {
        case created, recipient, kind, state

        var expression: String {
            switch self {
            case .created: "id"
            case .recipient, .kind: rawValue
            case .state: "CASE WHEN sent_at IS NOT NULL THEN 2 WHEN attempts = 0 THEN 0 ELSE 1 END"
            }
        }
    }

    static let columns = "id, kind, recipient, recipient_name, subject, body, created_at, next_attempt_at, attempts, last_error, sent_at"

    /// Writes letters when mail is on; nothing when it is off, so no backlog builds up for a server nobody configured.
    static func enqueue(_ letters: [Letter], mail: MailSettings?, on sql: any SQLDatabase) async throws {
        guard mail != nil else { return }
        let now = Timestamp.now()
        for letter in letters {
            let insert = sql.insert(into: "mail_outbox")
                .columns("kind", "recipient", "recipient_name", "subject", "body", "dedupe_key", "created_at", "next_attempt_at", "attempts")
                .values(letter.kind, letter.to.address, letter.to.name, letter.subject, letter.body, letter.dedupeKey, now, now, 0)
            if letter.dedupeKey != nil { _ = insert.ignoringConflicts(with: ["dedupe_key"]) }
            try await insert.run()
        }
    }

    /// Letters whose turn has come, oldest first.
    static func due(limit: Int, now: Date = Date(), on sql: any SQLDatabase) async throws -> [Row] {
        try await sql.raw("""
            SELECT \(unsafeRaw: columns) FROM mail_outbox WHERE sent_at IS NULL AND next_attempt_at <= \(bind: Timestamp.format(now))
            ORDER BY next_attempt_at, id LIMIT \(unsafeRaw: String(limit))
            """).all(decoding: Row.self, keyDecodingStrategy: .snakeCaseColumns)
    }

    /// Takes a letter for one attempt: another sender (a second server on the same PostgreSQL) that read the same row
    /// finds it moved on and leaves it. The claim lasts as long as an attempt may.
    static func claim(_ row: Row, now: Date = Date(), on sql: any SQLDatabase) async throws -> Bool {
        struct Claimed: Decodable { let id: Int }
        return try await sql.raw("""
            UPDATE mail_outbox SET next_attempt_at = \(bind: Timestamp.format(now.addingTimeInterval(300)))
            WHERE id = \(bind: row.id) AND sent_at IS NULL AND next_attempt_at = \(bind: row.nextAttemptAt) RETURNING id
            """).first(decoding: Claimed.self) != nil
    }

    static func markSent(_ id: Int, on sql: any SQLDatabase) async throws {
        try await sql.update("mail_outbox").set("sent_at", to: Timestamp.now()).set("last_error", to: SQLLiteral.null)
            .set(SQLColumn("attempts"), to: SQLRaw("attempts + 1")).where("id", .equal, id).run()
    }

    /// Waits longer after each failure: 30 s, 1, 2, 4 … minutes by default, at most an hour, so a long outage costs little.
    static func retryDelay(afterAttempts attempts: Int, first: TimeInterval) -> TimeInterval {
        min(3600, first * pow(2, Double(min(max(attempts - 1, 0), 10))))
    }

    static func markFailed(_ row: Row, error: String, firstRetry: TimeInterval, now: Date = Date(), on sql: any SQLDatabase) async throws {
        let attempts = row.attempts + 1
        try await sql.update("mail_outbox").set("attempts", to: attempts).set("last_error", to: String(error.prefix(500)))
            .set("next_attempt_at", to: Timestamp.format(now.addingTimeInterval(retryDelay(afterAttempts: attempts, first: firstRetry))))
            .where("id", .equal, row.id).run()
    }

    /// Every letter not yet sent is tried again at once (the administrator's "send now" after fixing the server).
    static func retryNow(on sql: any SQLDatabase) async throws -> Int {
        struct Count: Decodable { let n: Int }
        let waiting = try await sql.raw("SELECT COUNT(*) AS n FROM mail_outbox WHERE sent_at IS NULL").first(decoding: Count.self)?.n ?? 0
        try await sql.update("mail_outbox").set("next_attempt_at", to: Timestamp.now()).where("sent_at", .is, SQLLiteral.null).run()
        return waiting
    }

    /// A page of letters for the administrator's list (every letter when `page` is nil), optionally only those not
    /// yet sent, and how many there are in all.
    static func list(unsentOnly: Bool, order: ListOrder<Column>, page: Int?, perPage: Int, on sql: any SQLDatabase) async throws -> (rows: [Row], total: Int) {
        let condition = unsentOnly ? "WHERE sent_at IS NULL" : ""
        var query: SQLQueryString = """
            SELECT \(unsafeRaw: columns) FROM mail_outbox \(unsafeRaw: condition) ORDER BY \(unsafeRaw: order.sql(\.expression))
            """
        if let page { query.appendInterpolation(unsafeRaw: " LIMIT \(perPage) OFFSET \((page - 1) * perPage)") }
        let total = try await sql.raw("SELECT COUNT(*) AS n FROM mail_outbox \(unsafeRaw: condition)").first(decodingColumn: "n", as: Int.self) ?? 0
        return (try await sql.raw(query).all(decoding: Row.self, keyDecodingStrategy: .snakeCaseColumns), total)
    }

    static func counts(on sql: any SQLDatabase) async throws -> (sent: Int, waiting: Int, failing: Int) {
        struct Counts: Decodable { let sent: Int?; let waiting: Int?; let failing: Int? }
        let row = try await sql.raw("""
            SELECT SUM(CASE WHEN sent_at IS NOT NULL THEN 1 ELSE 0 END) AS sent,
                   SUM(CASE WHEN sent_at IS NULL AND attempts = 0 THEN 1 ELSE 0 END) AS waiting,
                   SUM(CASE WHEN sent_at IS NULL AND attempts > 0 THEN 1 ELSE 0 END) AS failing
            FROM mail_outbox
            """).first(decoding: Counts.self)
        return (row?.sent ?? 0, row?.waiting ?? 0, row?.failing ?? 0)
    }
}
