import Fluent
import HopTacCore
import SQLKit

/// Amounts become whole đồng in integer columns (BIGINT on PostgreSQL, INTEGER on SQLite) instead of triệu đồng in
/// doubles: stored, summed and compared exactly (`Money`). Each value becomes value × 1 000 000 rounded to the nearest
/// đồng, half away from zero on both databases, so `1350.5` is 1 350 500 000 and `0.000001` is 1.
struct StoreMoneyAsDong: AsyncMigration {
    /// Every amount column: the organisation's charter capital and the amounts of the annual report.
    static let columns: [(table: String, columns: [String])] = [
        ("organizations", ["charter_capital"]),
        ("annual_reports", ReportField.allCases.filter { $0.kind == .amount }.map(\.rawValue)),
    ]

    func prepare(on database: any Database) async throws {
        let sql = try database.sql()
        for (table, columns) in Self.columns {
            if sql.isPostgres {
                // Through numeric, which takes the double's shortest digits (1350.5, not 1350.49999…) and rounds ties away
                // from zero as SQLite's round() does; a value stored before range checks existed is clamped to what 64 bits
                // of đồng hold rather than failing the migration.
                try await alter(table, columns, on: sql) { column in
                    "TYPE BIGINT USING round(LEAST(GREATEST(\(ident: column), -9.2e12), 9.2e12)::numeric * 1000000)"
                }
            } else {
                // SQLite's CAST saturates at the ends of 64 bits by itself.
                try await rebuild(table, columns, type: "INTEGER", on: sql) { column in "CAST(round(\(ident: column) * 1000000) AS INTEGER)" }
            }
        }
    }

    func revert(on database: any Database) async throws {
        let sql = try database.sql()
        for (table, columns) in Self.columns {
            if sql.isPostgres {
                try await alter(table, columns, on: sql) { column in "TYPE DOUBLE PRECISION USING \(ident: column) / 1000000.0" }
            } else {
                try await rebuild(table, columns, type: "REAL", on: sql) { column in "\(ident: column) / 1000000.0" }
            }
        }
    }

    /// PostgreSQL changes every column's type in one rewrite of the table, keeping NOT NULL.
    private func alter(_ table: String, _ columns: [String], on sql: any SQLDatabase, _ change: (String) -> SQLQueryString) async throws {
        let clauses = columns.map { column -> SQLQueryString in "ALTER COLUMN \(ident: column) \(change(column))" }
        try await sql.raw("ALTER TABLE \(ident: table) \(clauses.joined(separator: ", "))").run()
    }

    /// SQLite cannot change a column's type: each column is copied into a new one of the type, then the old one is
    /// dropped and the new one takes its name (SQLite 3.35 and later; none of these columns is indexed or named by a
    /// trigger or view). Required columns stay NOT NULL, with a default that only the copy ever needed.
    private func rebuild(_ table: String, _ columns: [String], type: String, on sql: any SQLDatabase,
                         _ value: (String) -> SQLQueryString) async throws {
        let required = table == "annual_reports"
        for column in columns {
            try await sql.raw("ALTER TABLE \(ident: table) ADD COLUMN \(ident: column + "_new") \(unsafeRaw: type)\(unsafeRaw: required ? " NOT NULL DEFAULT 0" : "")").run()
        }
        let copies = columns.map { column -> SQLQueryString in "\(ident: column + "_new") = \(value(column))" }
        try await sql.raw("UPDATE \(ident: table) SET \(copies.joined(separator: ", "))").run()
        for column in columns {
            try await sql.raw("ALTER TABLE \(ident: table) DROP COLUMN \(ident: column)").run()
            try await sql.raw("ALTER TABLE \(ident: table) RENAME COLUMN \(ident: column + "_new") TO \(ident: column)").run()
        }
    }
}
