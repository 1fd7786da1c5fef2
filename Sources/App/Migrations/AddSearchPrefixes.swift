import Fluent
import SQLKit

/// Indexes the first one to three letters of every word, so that the last, half-typed word of a search
/// ("hop tac xa d") does not have to expand over the whole vocabulary. SQLite only: PostgreSQL's trigram index already
/// serves prefixes. The triggers of `CreateOrganizationSearch` keep feeding the recreated table.
struct AddSearchPrefixes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await recreate(prefixes: ", prefix='1 2 3'", on: database)
    }

    func revert(on database: any Database) async throws {
        try await recreate(prefixes: "", on: database)
    }

    private func recreate(prefixes: String, on database: any Database) async throws {
        let sql = try database.sql()
        guard !sql.isPostgres else { return }
        try await sql.raw("DROP TABLE organizations_fts").run()
        try await sql.raw("CREATE VIRTUAL TABLE organizations_fts USING fts5(search_text, content='organizations', content_rowid='id', tokenize='unicode61'\(unsafeRaw: prefixes))").run()
        try await sql.raw("INSERT INTO organizations_fts(organizations_fts) VALUES ('rebuild')").run()
    }
}
