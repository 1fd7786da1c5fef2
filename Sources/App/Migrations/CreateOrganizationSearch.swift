import Fluent
import SQLKit

/// Full-text search over the folded `search_text` column: FTS5 on SQLite, trigram GIN on PostgreSQL.
/// The text is folded in Swift (đ → d, no diacritics, lower case) so both databases match the same words.
struct CreateOrganizationSearch: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = try database.sql()
        if sql.isPostgres {
            try await sql.raw("CREATE EXTENSION IF NOT EXISTS pg_trgm").run()
            try await sql.raw("CREATE INDEX organizations_search_trgm ON organizations USING gin (search_text gin_trgm_ops)").run()
            return
        }
        try await sql.raw("CREATE VIRTUAL TABLE organizations_fts USING fts5(search_text, content='organizations', content_rowid='id', tokenize='unicode61')").run()
        try await sql.raw("""
            CREATE TRIGGER organizations_fts_insert AFTER INSERT ON organizations BEGIN
              INSERT INTO organizations_fts(rowid, search_text) VALUES (new.id, new.search_text);
            END
            """).run()
        try await sql.raw("""
            CREATE TRIGGER organizations_fts_delete AFTER DELETE ON organizations BEGIN
              INSERT INTO organizations_fts(organizations_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
            END
            """).run()
        try await sql.raw("""
            CREATE TRIGGER organizations_fts_update AFTER UPDATE OF search_text ON organizations BEGIN
              INSERT INTO organizations_fts(organizations_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
              INSERT INTO organizations_fts(rowid, search_text) VALUES (new.id, new.search_text);
            END
            """).run()
    }

    func revert(on database: any Database) async throws {
        let sql = try database.sql()
        if sql.isPostgres {
            try await sql.raw("DROP INDEX IF EXISTS organizations_search_trgm").run()
            return
        }
        for trigger in ["organizations_fts_insert", "organizations_fts_delete", "organizations_fts_update"] {
            try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: trigger)").run()
        }
        try await sql.raw("DROP TABLE IF EXISTS organizations_fts").run()
    }
}
