import Foundation
import HopTacCore
import SQLKit
import Testing
import Vapor
@testable import App

@Suite("Backup and restore: a round trip gives the same rows table by table; a damaged file or another schema version changes nothing")
struct BackupTests {
    /// Each data table's rows, as one text per table (PostgreSQL: a digest of the rows' text; SQLite: the quoted rows), sorted.
    static func fingerprints(_ sql: any SQLDatabase) async throws -> [String: String] {
        var prints: [String: String] = [:]
        for (table, _) in try await DatabaseBackup.counts(on: sql) {
            if sql.isPostgres {
                prints[table] = try await sql.raw("SELECT md5(COALESCE(string_agg(t::text, '|' ORDER BY t::text), '')) AS f FROM \(ident: table) t")
                    .first(decodingColumn: "f", as: String.self)
            } else {
                struct Column: Decodable { let name: String }
                let columns = try await sql.raw("SELECT name FROM pragma_table_info(\(bind: table))").all(decoding: Column.self)
                let row = columns.map { "quote(\"\($0.name)\")" }.joined(separator: " || ',' || ")
                prints[table] = try await sql.raw("SELECT COALESCE(group_concat(x, '|'), '') AS f FROM (SELECT \(unsafeRaw: row) AS x FROM \(ident: table) ORDER BY x)")
                    .first(decodingColumn: "f", as: String.self)
            }
        }
        return prints
    }

    @Test("back up the commune demo, change it, restore: every table as it was, search and figures working; refusals change nothing")
    func roundTrip() async throws {
        try await TestApp.run { app, admin in
            _ = try await DemoLoader.load(on: app.db, scale: .commune, seed: 7, province: "42", replace: true, progress: { _, _ in })
            let sql = try app.db.sql()
            let before = try await Self.fingerprints(sql)
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hoptac-backup-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let file = folder.appendingPathComponent("hoptac.backup")
            let saved = try await DatabaseBackup.backup(to: file, location: TestApp.config.database, on: app.db)
            #expect(saved.first { $0.table == "organizations" }?.rows ?? 0 > 10)
            let figures = try await admin.getJSON("/figures.json?province=42")["figures"] as? [String: Any]

            let name = try #require(try await sql.raw("SELECT name FROM organizations ORDER BY id").first(decodingColumn: "name", as: String.self))
            try await sql.raw("DELETE FROM support_payments").run()
            try await sql.raw("UPDATE organizations SET name = 'Đã đổi', name_folded = 'da doi' WHERE name = \(bind: name)").run()
            try await admin.createOrganization(name: "Hợp tác xã Sau Sao Lưu", code: "4209999999")
            let changed = try await Self.fingerprints(sql)
            #expect(changed != before)

            // A file of another schema version is refused whole: here the running database has one migration more.
            try await sql.raw("INSERT INTO _fluent_migrations (id, name, batch, created_at, updated_at) VALUES (\(bind: UUID()), 'App.FutureMigration', 99, NULL, NULL)").run()
            await #expect(throws: DatabaseBackup.Refusal.self) { _ = try await DatabaseBackup.restore(from: file, location: TestApp.config.database, on: app.db) }
            try await sql.raw("DELETE FROM _fluent_migrations WHERE name = 'App.FutureMigration'").run()
            // A damaged file: its first part only.
            let damaged = folder.appendingPathComponent("damaged.backup")
            try Data(try Data(contentsOf: file).prefix(20_000)).write(to: damaged)
            await #expect(throws: DatabaseBackup.Refusal.self) { _ = try await DatabaseBackup.restore(from: damaged, location: TestApp.config.database, on: app.db) }
            #expect(try await Self.fingerprints(sql) == changed, "a refused restore changes nothing")

            _ = try await DatabaseBackup.restore(from: file, location: TestApp.config.database, on: app.db)
            let after = try await Self.fingerprints(sql)
            for table in before.keys.sorted() { #expect(after[table] == before[table], "table \(table) after the round trip") }
            #expect(Set(after.keys) == Set(before.keys))
            let folded = foldForSearch(name).split(separator: " ").prefix(4).joined(separator: " ")
            let found = try #require(try await admin.getJSON("/organizations.json?q=\(folded.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")")["items"] as? [[String: Any]])
            #expect(found.contains { $0["name"] as? String == name }, "search finds the restored name")
            #expect(try await admin.getJSON("/figures.json?province=42")["figures"] as? [String: Any] as NSDictionary? == figures as NSDictionary?, "figures are those of the backup, not a cached answer")
        }
    }

    @Test("hoptac restore of a file that is no backup exits non-zero and says why in Vietnamese")
    func commandRefuses() async throws {
        let binary = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(".build/debug/hoptac")
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "build the hoptac command first")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hoptac-restore-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let junk = folder.appendingPathComponent("khong-phai.backup")
        try Data("không phải bản sao lưu".utf8).write(to: junk)
        let result = try runCommand(["restore", junk.path], executable: binary, environment: ["HOPTAC_DATABASE_URL": folder.appendingPathComponent("cli.sqlite").path])
        #expect(result.status != 0 && result.errors.contains("Không thực hiện") && result.errors.contains("Cơ sở dữ liệu không thay đổi"), "\(result.errors)")
    }
}
