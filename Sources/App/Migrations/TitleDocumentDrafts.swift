import Fluent

/// Drafts of every kind of document share one table, keyed by the kind and what names the subject
/// (`programme-report?programme=3&period=q2`); the title says what the draft is in the list of drafts.
struct TitleDocumentDrafts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("document_drafts").field("title", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("document_drafts").deleteField("title").update()
    }
}
