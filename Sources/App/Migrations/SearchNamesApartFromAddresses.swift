import Fluent
import HopTacCore
import SQLKit

/// A search matches names and codes (`search_text`), and main activities and addresses (`search_more`) only when asked:
/// "hop tac xa dong" used to find every "Thôn Đồng Tiến" and every "Xã …" address. Rewrites both columns of every row
/// and gives SQLite's full-text index one column for each, so a query can name the column it searches.
struct SearchNamesApartFromAddresses: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = try database.sql()
        try await sql.raw("ALTER TABLE organizations ADD COLUMN search_more TEXT NOT NULL DEFAULT ''").run()
        if !sql.isPostgres { try await dropIndex(on: sql) }
        try await rewrite(on: sql) { row in (OrganizationInput.searchColumn(row.name, row.shortName, row.registrationCode),
                                             OrganizationInput.searchColumn(row.mainActivities, row.address)) }
        if sql.isPostgres {
            try await sql.raw("CREATE INDEX organizations_search_more_trgm ON organizations USING gin (search_more gin_trgm_ops)").run()
        } else {
            try await createIndex(columns: ["search_text", "search_more"], on: sql)
        }
    }

    func revert(on database: any Database) async throws {
        let sql = try database.sql()
        if !sql.isPostgres { try await dropIndex(on: sql) }
        try await rewrite(on: sql) { row in (OrganizationInput.searchColumn(row.name, row.shortName, row.registrationCode, row.mainActivities, row.address), "") }
        if sql.isPostgres {
            try await sql.raw("DROP INDEX IF EXISTS organizations_search_more_trgm").run()
        } else {
            try await createIndex(columns: ["search_text"], on: sql)
        }
        try await sql.raw("ALTER TABLE organizations DROP COLUMN search_more").run()
    }

    private struct Row: Decodable {
        let id: Int; let name: String; let shortName: String?; let registrationCode: String?; let mainActivities: String?; let address: String?
    }

    /// Recomputes both search columns of every row through a work table (a plain one: a temporary table would belong to
    /// one connection of the pool only).
    private func rewrite(on sql: any SQLDatabase, _ columns: (Row) -> (String, String)) async throws {
        let rows = try await sql.raw("SELECT id, name, short_name, registration_code, main_activities, address FROM organizations")
            .all(decoding: Row.self, keyDecodingStrategy: .snakeCaseColumns)
        guard !rows.isEmpty else { return }
        try await sql.raw("CREATE TABLE search_rewrite (id BIGINT PRIMARY KEY, search_text TEXT NOT NULL, search_more TEXT NOT NULL)").run()
        try await sql.insertBatches(into: "search_rewrite", columns: ["id", "search_text", "search_more"], rows: rows.map { row in
            let (text, more) = columns(row)
            return [row.id, text, more]
        })
        try await sql.raw("""
            UPDATE organizations SET search_text = t.search_text, search_more = t.search_more
            FROM search_rewrite t WHERE t.id = organizations.id
            """).run()
        try await sql.raw("DROP TABLE search_rewrite").run()
    }

    /// SQLite's full-text index goes while the rows are rewritten, so that the rewrite does not feed it row by row.
    private func dropIndex(on sql: any SQLDatabase) async throws {
        for trigger in ["organizations_fts_insert", "organizations_fts_delete", "organizations_fts_update"] {
            try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: trigger)").run()
        }
        try await sql.raw("DROP TABLE organizations_fts").run()
    }

    /// SQLite's full-text index over `columns`, with the prefixes of `AddSearchPrefixes` and triggers that keep it fed.
    private func createIndex(columns: [String], on sql: any SQLDatabase) async throws {
        let list = columns.joined(separator: ", ")
        let new = columns.map { "new.\($0)" }.joined(separator: ", ")
        let old = columns.map { "old.\($0)" }.joined(separator: ", ")
        try await sql.raw("CREATE VIRTUAL TABLE organizations_fts USING fts5(\(unsafeRaw: list), content='organizations', content_rowid='id', tokenize='unicode61', prefix='1 2 3')").run()
        try await sql.raw("""
            CREATE TRIGGER organizations_fts_insert AFTER INSERT ON organizations BEGIN
              INSERT INTO organizations_fts(rowid, \(unsafeRaw: list)) VALUES (new.id, \(unsafeRaw: new));
            END
            """).run()
        try await sql.raw("""
            CREATE TRIGGER organizations_fts_delete AFTER DELETE ON organizations BEGIN
              INSERT INTO organizations_fts(organizations_fts, rowid, \(unsafeRaw: list)) VALUES ('delete', old.id, \(unsafeRaw: old));
            END
            """).run()
        try await sql.raw("""
            CREATE TRIGGER organizations_fts_update AFTER UPDATE OF \(unsafeRaw: list) ON organizations BEGIN
              INSERT INTO organizations_fts(organizations_fts, rowid, \(unsafeRaw: list)) VALUES ('delete', old.id, \(unsafeRaw: old));
              INSERT INTO organizations_fts(rowid, \(unsafeRaw: list)) VALUES (new.id, \(unsafeRaw: new));
            END
            """).run()
        try await sql.raw("INSERT INTO organizations_fts(organizations_fts) VALUES ('rebuild')").run()
    }
}
