import Fluent
import Foundation
import SQLKit
import Vapor

extension Database {
    /// The SQLKit view of this database; both drivers the product supports provide one.
    func sql() throws -> any SQLDatabase {
        guard let sql = self as? any SQLDatabase else { throw Abort(.internalServerError, reason: "Cơ sở dữ liệu không hỗ trợ SQL.") }
        return sql
    }
}

extension SQLDatabase {
    var isPostgres: Bool { dialect.name == "postgresql" }

    /// Inserts rows in multi-row statements, small enough for SQLite's and PostgreSQL's bind limits.
    func insertBatches(into table: String, columns: [String], rows: [[any Encodable & Sendable]], batchSize: Int = 500) async throws {
        var start = 0
        while start < rows.count {
            let end = min(start + batchSize, rows.count)
            let insert = self.insert(into: table).columns(columns)
            for row in rows[start..<end] { _ = insert.values(row) }
            try await insert.run()
            start = end
        }
    }
}

/// Timestamps are stored as ISO 8601 text in UTC so that both databases sort and compare them alike.
enum Timestamp {
    static func now() -> String { format(Date()) }
    static func format(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
    static func parse(_ text: String) -> Date? { try? Date(text, strategy: .iso8601) }
}
