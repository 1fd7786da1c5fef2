import Fluent
import Foundation
import SQLKit
import FluentSQLiteDriver
import Vapor

extension Database {
    /// The SQLKit view of this database; both drivers the product supports provide one.
    func sql() throws -> any SQLDatabase {
        guard let sql = self as? any SQLDatabase else { throw Abort(.internalServerError, reason: "Cơ sở dữ liệu không hỗ trợ SQL.") }
        return sql
    }
}

extension Database {
    /// The one way to write: `body` runs in a transaction that commits whole or not at all.
    ///
    /// On SQLite, a transaction that reads and then writes fails at once with "database is locked" when another
    /// connection wrote in between (SQLite cannot move its snapshot forward), however long the busy handler would wait.
    /// So this process's write transactions take turns (`SQLiteWriteTurns`), and each takes the write lock with its
    /// first statement, before it reads anything; another process (a command-line import) is then simply waited for.
    /// PostgreSQL needs neither: its rows lock themselves.
    func write<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        guard let sql = self as? any SQLDatabase, !sql.isPostgres, !inTransaction else { return try await transaction(body) }
        return try await SQLiteWriteTurns.shared.take {
            try await transaction { db in
                try await db.sql().raw("UPDATE data_versions SET version = version WHERE 0 = 1").run()
                return try await body(db)
            }
        }
    }
}

/// Text a person typed, to sit inside a LIKE pattern that ends in `ESCAPE '\'`: their `%` and `_` then match
/// themselves instead of anything.
func likeEscaped(_ text: String) -> String {
    text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
}

/// Write transactions of this process on SQLite, one at a time in the order they asked.
actor SQLiteWriteTurns {
    static let shared = SQLiteWriteTurns()
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func take<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        if busy { await withCheckedContinuation { waiting.append($0) } } else { busy = true }
        defer { if waiting.isEmpty { busy = false } else { waiting.removeFirst().resume() } }
        return try await body()
    }
}

extension SQLDatabase {
    var isPostgres: Bool { dialect.name == "postgresql" }

    /// Runs bulk work (an import, classifying a year) with a 64 MB page cache on this connection, then SQLite's default
    /// 2 MB again: with the default, big reads and writes go back to the file for pages they just had.
    func withBulkCache<T>(_ body: () async throws -> T) async throws -> T {
        guard !isPostgres else { return try await body() }
        try await raw("PRAGMA cache_size = -65536").run()
        let result: T
        do { result = try await body() } catch {
            try? await raw("PRAGMA cache_size = -2000").run()
            throw error
        }
        try await raw("PRAGMA cache_size = -2000").run()
        return result
    }

    /// Inserts rows in multi-row statements as large as SQLite's bind limit (32,766) allows: fewer statements mean fewer
    /// flushes of the full-text index.
    func insertBatches(into table: String, columns: [String], rows: [[any Encodable & Sendable]]) async throws {
        _ = try await insertRows(into: table, columns: columns, rows: rows, returningIds: false)
    }

    /// Inserts rows like `insertBatches` and returns their new ids in the order of `rows`.
    func insertReturningIds(into table: String, columns: [String], rows: [[any Encodable & Sendable]]) async throws -> [Int] {
        try await insertRows(into: table, columns: columns, rows: rows, returningIds: true)
    }

    private func insertRows(into table: String, columns: [String], rows: [[any Encodable & Sendable]], returningIds: Bool) async throws -> [Int] {
        let batchSize = max(1, 32_000 / max(1, columns.count))
        var ids: [Int] = []
        ids.reserveCapacity(returningIds ? rows.count : 0)
        var start = 0
        while start < rows.count {
            let batch = rows[start..<min(start + batchSize, rows.count)]
            var batchIds: [Int] = []
            if let sqlite = self as? any SQLiteDatabase {
                // Straight to SQLite with typed values: SQLKit's Encodable path costs more than SQLite's own work here.
                let placeholders = "(" + repeatElement("?", count: columns.count).joined(separator: ", ") + ")"
                let text = "INSERT INTO \"\(table)\" (\(columns.map { "\"\($0)\"" }.joined(separator: ", "))) VALUES "
                    + repeatElement(placeholders, count: batch.count).joined(separator: ", ") + (returningIds ? " RETURNING id" : "")
                var binds: [SQLiteData] = []
                binds.reserveCapacity(batch.count * columns.count)
                for row in batch { for value in row { binds.append(try SQLiteData(bulkValue: value)) } }
                batchIds = try await sqlite.rows(text, binds).compactMap { $0.column("id")?.integer }
            } else {
                let insert = self.insert(into: table).columns(columns)
                for row in batch { _ = insert.values(row) }
                if returningIds { batchIds = try await insert.returning("id").all(decodingColumn: "id", as: Int.self) } else { try await insert.run() }
            }
            // Ids of one multi-row insert grow in the order of its rows; RETURNING itself promises no order.
            ids += batchIds.sorted()
            start += batch.count
        }
        return ids
    }
}

extension SQLDatabase {
    /// The rows of a read. On SQLite they are gathered on the driver's thread (see `SQLiteDatabase.rows`), which matters
    /// for reads of tens of thousands of rows.
    func rows(_ query: SQLQueryString) async throws -> [any SQLRow] {
        guard let sqlite = self as? any SQLiteDatabase else { return try await raw(query).all() }
        return try await sqlite.rows(query, on: self).map { $0.sql() }
    }
}

extension SQLiteDatabase {
    /// The rows of a statement, collected on the driver's thread. SQLiteNIO's future-based `query`, which SQLKit and
    /// `query(_:_:)` go through, hands every row to the event loop on its own: for tens of thousands of rows that
    /// hand-over cost as much as reading them.
    func rows(_ text: String, _ binds: [SQLiteData]) async throws -> [SQLiteRow] {
        try await withConnection { connection in
            nonisolated(unsafe) var rows: [SQLiteRow] = []
            try await connection.query(text, binds) { rows.append($0) }
            return rows
        }
    }

    /// `rows(_:_:)` of a query written with SQLKit's interpolation, serialized for `sql` (this same database).
    func rows(_ query: SQLQueryString, on sql: any SQLDatabase) async throws -> [SQLiteRow] {
        var serializer = SQLSerializer(database: sql)
        query.serialize(to: &serializer)
        return try await rows(serializer.sql, try serializer.binds.map { try SQLiteData(bulkValue: $0) })
    }
}

private protocol OptionalValue { var isNone: Bool { get } }
extension Optional: OptionalValue { var isNone: Bool { self == nil } }

extension SQLiteData {
    /// The common column types directly; anything else through SQLite's own encoder.
    init(bulkValue value: any Encodable & Sendable) throws {
        switch value {
        case let text as String: self = .text(text)
        case let integer as Int: self = .integer(integer)
        case let real as Double: self = .float(real)
        case let flag as Bool: self = .integer(flag ? 1 : 0)
        case let optional as any OptionalValue where optional.isNone: self = .null
        default: self = try SQLiteDataEncoder().encode(value)
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

extension SQLRowDecoder.KeyDecodingStrategy {
    /// `communeName` reads the column `commune_name`. SQLKit's `.convertFromSnakeCase` does the same but inspects the
    /// Unicode properties of every character of every key of every row, which was a third of a list page's time;
    /// our keys are ASCII, so bytes suffice.
    static let snakeCaseColumns = Self.custom { path in
        var column: [UInt8] = []
        for byte in (path.last?.stringValue ?? "").utf8 {
            if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") {
                if !column.isEmpty { column.append(UInt8(ascii: "_")) }
                column.append(byte + 32)
            } else {
                column.append(byte)
            }
        }
        return ColumnKey(stringValue: String(decoding: column, as: UTF8.self))
    }

    private struct ColumnKey: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
