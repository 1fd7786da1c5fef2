import Fluent
import Foundation
import HopTacCore
import SQLKit
import Vapor

/// Templates (the shipped ones, or the one an administrator stored instead) and officers' drafts of documents.
enum DocumentStore {
    /// The template shipped with the product (`Resources/documents/<name>.txt`).
    static func shipped(_ name: String) throws -> String {
        guard let url = Bundle.module.url(forResource: name, withExtension: "txt", subdirectory: "Resources/documents"),
              let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw Abort(.internalServerError, reason: "Thiếu mẫu văn bản “\(name)” trong bản cài đặt.")
        }
        return text
    }

    /// The text an administrator stored in place of the shipped template, if any.
    static func storedText(_ name: String, on sql: any SQLDatabase) async throws -> String? {
        try await sql.raw("SELECT text FROM document_templates WHERE name = \(bind: name)").first(decodingColumn: "text", as: String.self)
    }

    /// The template in force and whether an administrator replaced the shipped one.
    static func template(_ name: String, on sql: any SQLDatabase) async throws -> (text: DocumentTemplate, replaced: Bool) {
        let stored = try await storedText(name, on: sql)
        do {
            return (try DocumentTemplate(name: name, text: stored ?? shipped(name)), stored != nil)
        } catch let problem as DocumentTemplate.Problem {
            throw Abort(.internalServerError, reason: problem.message)
        }
    }

    /// Stores a template in place of the shipped one, after checking it parses and names only what the product can fill.
    static func replaceTemplate(_ name: String, text: String, values: Set<String>, tables: Set<String>, actor: Actor, on database: any Database) async throws {
        guard text.count <= 100_000 else { throw ValidationFailure(problems: ["text": FieldProblem("Mẫu dài quá 100.000 ký tự.")]) }
        do {
            try DocumentTemplate(name: name, text: text).check(values: values, tables: tables)
        } catch {
            throw ValidationFailure(problems: ["text": FieldProblem(error.message)])
        }
        try await database.write { db in
            let sql = try db.sql()
            try await sql.delete(from: "document_templates").where("name", .equal, name).run()
            try await sql.insert(into: "document_templates").columns("name", "text", "updated_by", "updated_at")
                .values(name, text, actor.name, Timestamp.now()).run()
            try await AuditLog.record("document.template_replace", entity: "document_templates", id: name, provinceCode: nil,
                                      summary: "Thay mẫu văn bản “\(name)” (\(text.count) ký tự)", actor: actor, on: sql)
        }
    }

    /// Goes back to the shipped template.
    static func restoreShipped(_ name: String, actor: Actor, on database: any Database) async throws {
        try await database.write { db in
            let sql = try db.sql()
            try await sql.delete(from: "document_templates").where("name", .equal, name).run()
            try await AuditLog.record("document.template_restore", entity: "document_templates", id: name, provinceCode: nil,
                                      summary: "Dùng lại mẫu văn bản gốc “\(name)”", actor: actor, on: sql)
        }
    }

    private struct StoredDraft: Decodable { let fields: String; let version: Int; let updatedBy: String; let updatedAt: String }

    struct Draft<Fields: Codable & Sendable>: Sendable {
        let fields: Fields
        let version: Int
        let updatedBy: String
        let updatedAt: String
    }

    static func draft<Fields: Codable & Sendable>(_ key: String, area: Area, year: Int, as: Fields.Type, on sql: any SQLDatabase) async throws -> Draft<Fields>? {
        guard let row = try await sql.raw("""
            SELECT fields, version, updated_by, updated_at FROM document_drafts WHERE kind = \(bind: key) AND area_code = \(bind: area.code) AND year = \(bind: year)
            """).first(decoding: StoredDraft.self, keyDecodingStrategy: .snakeCaseColumns),
              let fields = try? JSONDecoder().decode(Fields.self, from: Data(row.fields.utf8)) else { return nil }
        return Draft(fields: fields, version: row.version, updatedBy: row.updatedBy, updatedAt: row.updatedAt)
    }

    /// Saves a subject's draft if it is still at `version` (0 for a first draft); a draft saved meanwhile by someone
    /// else is a conflict, not overwritten.
    static func saveDraft(_ subject: DocumentSubject, fields: DocumentFields, version: Int, actor: Actor, on database: any Database) async throws {
        let text = String(decoding: try JSONEncoder().encode(fields), as: UTF8.self)
        let (key, area, year) = (subject.draftKey, subject.area, subject.year)
        try await database.write { db in
            let sql = try db.sql()
            let now = Timestamp.now()
            if version == 0 {
                let exists = try await sql.raw("SELECT id FROM document_drafts WHERE kind = \(bind: key) AND area_code = \(bind: area.code) AND year = \(bind: year)").first()
                guard exists == nil else { throw Abort(.conflict, reason: "Bản nháp này vừa được người khác lưu; tải lại trang để xem rồi sửa tiếp.") }
                try await sql.insert(into: "document_drafts").columns("kind", "area_code", "year", "title", "fields", "version", "updated_by", "updated_at")
                    .values(key, area.code, year, subject.title, text, 1, actor.name, now).run()
            } else {
                let changed = try await sql.raw("""
                    UPDATE document_drafts SET fields = \(bind: text), title = \(bind: subject.title), version = version + 1, updated_by = \(bind: actor.name),
                        updated_at = \(bind: now)
                    WHERE kind = \(bind: key) AND area_code = \(bind: area.code) AND year = \(bind: year) AND version = \(bind: version) RETURNING id
                    """).all()
                guard !changed.isEmpty else { throw Abort(.conflict, reason: "Bản nháp này vừa được người khác sửa; tải lại trang để xem rồi sửa tiếp.") }
            }
            try await AuditLog.record("document.draft_save", entity: "document_drafts", id: "\(key)|\(area.code)|\(year)", provinceCode: area.provinceCode,
                                      summary: "Lưu bản nháp: \(subject.title)", actor: actor, on: sql)
        }
    }

    /// A draft as the list of drafts shows it, with the way back to its form.
    struct Listed: Decodable, Sendable {
        let kind: String
        let areaCode: String
        let year: Int
        let title: String?
        let updatedBy: String
        let updatedAt: String

        /// The form's address: the key already names a programme or an organisation; else the area's code does.
        var link: String {
            if kind.contains("?") { return "/documents/\(kind)&year=\(year)" }
            let unit = areaCode.count == 2 ? "province=\(areaCode)&" : areaCode.count == 5 ? "commune=\(areaCode)&" : ""
            return "/documents/\(kind)?\(unit)year=\(year)"
        }

        var shownTitle: String { title ?? DocumentKind(rawValue: String(kind.prefix { $0 != "?" }))?.title ?? kind }
    }

    /// Drafts of the areas a user may read, newest first.
    static func drafts(within scope: Scope, on sql: any SQLDatabase) async throws -> [Listed] {
        let condition: SQLQueryString = switch scope {
        case .everything: "1 = 1"
        case .province(let code): "(d.area_code = \(bind: code) OR d.area_code IN (SELECT code FROM communes WHERE province_code = \(bind: code)))"
        case .commune(let code): "d.area_code = \(bind: code)"
        case .organization, .nothing: "1 = 0"
        }
        return try await sql.raw("""
            SELECT d.kind, d.area_code, d.year, d.title, d.updated_by, d.updated_at FROM document_drafts d WHERE \(condition) ORDER BY d.updated_at DESC LIMIT 200
            """).all(decoding: Listed.self, keyDecodingStrategy: .snakeCaseColumns)
    }

    /// Records that a document was produced, with the figure versions it was computed from.
    static func recordGenerated(_ subject: DocumentSubject, format: String, actor: Actor, on database: any Database) async throws {
        let area = subject.area
        let version = try await DataVersion.current(FiguresQueries.tables(within: area.filter), on: database.sql())
        try await database.write { db in
            try await AuditLog.record("document.generate", entity: "documents", id: "\(subject.draftKey)|\(area.code)|\(subject.year)", provinceCode: area.provinceCode,
                                      summary: "Xuất \(format.uppercased()): \(subject.title) (số liệu phiên bản \(version))", actor: actor, on: db.sql())
        }
    }
}
