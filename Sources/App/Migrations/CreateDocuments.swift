import Fluent
import SQLKit

/// `document_templates`: a template an administrator stored in place of the one shipped (by name; deleting the row
/// brings the shipped one back). `document_drafts`: what officers wrote for a document of an area and year (its
/// number, signer, recipients and free paragraphs, as JSON), one draft per document, area and year, versioned.
struct CreateDocuments: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("document_templates")
            .field("name", .string, .identifier(auto: false))
            .field("text", .string, .required)
            .field("updated_by", .string, .required)
            .field("updated_at", .string, .required)
            .create()
        try await database.schema("document_drafts")
            .field("id", .int64, .identifier(auto: true))
            .field("kind", .string, .required)
            .field("area_code", .string, .required)
            .field("year", .int64, .required)
            .field("fields", .string, .required)
            .field("version", .int64, .required)
            .field("updated_by", .string, .required)
            .field("updated_at", .string, .required)
            .unique(on: "kind", "area_code", "year")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("document_drafts").delete()
        try await database.schema("document_templates").delete()
    }
}
