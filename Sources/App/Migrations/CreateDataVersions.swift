import Fluent
import SQLKit

/// A version number per tracked table, bumped by a database trigger on every write to it. Caches of figures computed
/// from a table (facet counts, dashboards) keep the version they were computed at and are dropped when it moves, so
/// they stay correct whoever wrote: this server, another server on the same PostgreSQL, or a command-line import.
struct CreateDataVersions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = try database.sql()
        try await sql.create(table: "data_versions")
            .column("name", type: .text, .primaryKey(autoIncrement: false))
            .column("version", type: .bigint, .notNull)
            .run()
        try await DataVersion.track("organizations", on: sql)
    }

    func revert(on database: any Database) async throws {
        let sql = try database.sql()
        try await DataVersion.untrack("organizations", on: sql)
        try await sql.drop(table: "data_versions").run()
    }
}

enum DataVersion {
    /// Adds the table's row and the triggers that bump it. PostgreSQL bumps once per statement, SQLite once per row.
    static func track(_ table: String, on sql: any SQLDatabase) async throws {
        try await sql.insert(into: "data_versions").columns("name", "version").values(table, 0).run()
        if sql.isPostgres {
            try await sql.raw("""
                CREATE FUNCTION bump_\(unsafeRaw: table)_version() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN UPDATE data_versions SET version = version + 1 WHERE name = '\(unsafeRaw: table)'; RETURN NULL; END $$
                """).run()
            try await sql.raw("""
                CREATE TRIGGER \(unsafeRaw: table)_version AFTER INSERT OR UPDATE OR DELETE ON \(unsafeRaw: table)
                FOR EACH STATEMENT EXECUTE FUNCTION bump_\(unsafeRaw: table)_version()
                """).run()
            return
        }
        for event in ["INSERT", "UPDATE", "DELETE"] {
            try await sql.raw("""
                CREATE TRIGGER \(unsafeRaw: table)_version_\(unsafeRaw: event.lowercased()) AFTER \(unsafeRaw: event) ON \(unsafeRaw: table) BEGIN
                  UPDATE data_versions SET version = version + 1 WHERE name = '\(unsafeRaw: table)';
                END
                """).run()
        }
    }

    static func untrack(_ table: String, on sql: any SQLDatabase) async throws {
        if sql.isPostgres {
            try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: table)_version ON \(unsafeRaw: table)").run()
            try await sql.raw("DROP FUNCTION IF EXISTS bump_\(unsafeRaw: table)_version()").run()
        } else {
            for event in ["insert", "update", "delete"] {
                try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: table)_version_\(unsafeRaw: event)").run()
            }
        }
        try await sql.delete(from: "data_versions").where("name", .equal, table).run()
    }

    /// The current version of the tables, as one key part.
    static func current(_ tables: [String], on sql: any SQLDatabase) async throws -> String {
        key(try await sql.select().columns("name", "version").from("data_versions").where("name", .in, tables).all(decoding: Row.self))
    }

    struct Row: Decodable { let name: String; let version: Int }

    /// Versions as one key part, the same whichever query read them, so that cached values can be shared.
    static func key(_ rows: [Row]) -> String {
        rows.sorted { $0.name < $1.name }.map { "\($0.name)@\($0.version)" }.joined(separator: ",")
    }
}
