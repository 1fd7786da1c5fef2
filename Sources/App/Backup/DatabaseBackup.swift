import Fluent
import Foundation
import HopTacCore
import SQLKit

/// A whole-database copy an administrator can keep and bring back: on SQLite a consistent snapshot taken with
/// `VACUUM INTO` while the server runs, on PostgreSQL `pg_dump`'s custom format. A restore checks the file first
/// (readable, undamaged, of the same schema version as the running code, that is the same migrations) and then
/// replaces every table's rows in one transaction, so it is applied whole or not at all.
enum DatabaseBackup {
    /// Why a backup or a restore was refused; nothing was changed.
    struct Refusal: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// Rows per table, in the order of the table names.
    typealias Counts = [(table: String, rows: Int)]

    // MARK: Backup

    static func backup(to output: URL, location: AppConfig.DatabaseLocation, on database: any Database) async throws -> Counts {
        let partial = output.appendingPathExtension("partial")
        try? FileManager.default.removeItem(at: partial)
        switch location {
        case .sqliteFile:
            // A read of one instant: writers carry on, and what they commit after it is not in the copy.
            try await database.sql().raw("VACUUM INTO \(bind: partial.path)").run()
        case .postgres(let url):
            try run("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", "--file=\(partial.path)", url])
        case .sqliteMemory:
            throw Refusal("Cơ sở dữ liệu trong bộ nhớ không sao lưu được.")
        }
        // rename(2) puts the finished copy in place at once: an earlier backup of the same name is never half overwritten.
        guard Foundation.rename(partial.path, output.path) == 0 else { throw Refusal("Không ghi được tệp “\(output.path)”.") }
        return try await counts(on: database.sql())
    }

    // MARK: Restore

    static func restore(from file: URL, location: AppConfig.DatabaseLocation, on database: any Database) async throws -> Counts {
        guard FileManager.default.isReadableFile(atPath: file.path) else { throw Refusal("Không đọc được tệp “\(file.path)”.") }
        let sql = try database.sql()
        let current = try await migrations(on: sql)
        switch location {
        case .sqliteFile: try await restoreSQLite(file, expecting: current, on: database)
        case .postgres(let url): try await restorePostgres(file, url: url, expecting: current, on: sql)
        case .sqliteMemory: throw Refusal("Cơ sở dữ liệu trong bộ nhớ không phục hồi được.")
        }
        return try await counts(on: sql)
    }

    /// The schema version: the names of the migrations a database has run.
    static func migrations(on sql: any SQLDatabase) async throws -> Set<String> {
        Set(try await sql.raw("SELECT name FROM _fluent_migrations").all(decoding: Name.self).map(\.name))
    }

    private struct Name: Decodable { let name: String }

    /// Refuses a backup of another schema version, saying which migrations differ.
    static func requireSameVersion(_ saved: Set<String>, _ current: Set<String>) throws {
        guard saved != current else { return }
        let short = { (names: Set<String>) in names.sorted().map { $0.split(separator: ".").last.map(String.init) ?? $0 }.joined(separator: ", ") }
        let newer = saved.subtracting(current), older = current.subtracting(saved)
        throw Refusal("Bản sao lưu thuộc phiên bản cấu trúc khác với chương trình đang chạy"
            + (older.isEmpty ? "" : "; bản sao lưu thiếu: \(short(older))") + (newer.isEmpty ? "" : "; bản sao lưu có thêm: \(short(newer))")
            + ". Hãy phục hồi bằng phiên bản HợpTác đã tạo ra bản sao lưu, hoặc phục hồi vào một cơ sở dữ liệu đã chạy “hoptac migrate” của phiên bản đó.")
    }

    /// The tables holding data: every table but SQLite's own, full-text indexes (their triggers rebuild them from the
    /// rows) and `data_versions`, the caches' counters, which must only go up.
    private static func tables(_ schema: String, on sql: any SQLDatabase) async throws -> [String] {
        struct Table: Decodable { let name: String; let sql: String? }
        let all = try await sql.raw("SELECT name, sql FROM \(unsafeRaw: schema).sqlite_master WHERE type = 'table' ORDER BY name").all(decoding: Table.self)
        let virtual = all.filter { $0.sql?.uppercased().hasPrefix("CREATE VIRTUAL TABLE") == true }.map(\.name)
        return all.map(\.name).filter { name in
            !name.hasPrefix("sqlite_") && name != "data_versions" && !virtual.contains { name == $0 || name.hasPrefix($0 + "_") }
        }
    }

    private static func restoreSQLite(_ file: URL, expecting current: Set<String>, on database: any Database) async throws {
        let header = (try? FileHandle(forReadingFrom: file).read(upToCount: 16)) ?? nil
        guard header == Data("SQLite format 3\0".utf8) else { throw Refusal("Tệp “\(file.lastPathComponent)” không phải bản sao lưu SQLite của HợpTác.") }
        // ATTACH works outside a transaction, on one connection: the whole restore runs on the same one.
        try await SQLiteWriteTurns.shared.take {
            try await database.withConnection { connection in
                let sql = try connection.sql()
                do { try await sql.raw("ATTACH DATABASE \(bind: file.path) AS saved").run() } catch {
                    throw Refusal("Tệp “\(file.lastPathComponent)” bị hỏng hoặc không đọc được (\(String(describing: error).prefix(200))).")
                }
                do {
                    try await check(sql, expecting: current)
                    try await replace(into: sql)
                    try await sql.raw("DETACH DATABASE saved").run()
                } catch {
                    try? await sql.raw("ROLLBACK").run()
                    try? await sql.raw("DETACH DATABASE saved").run()
                    throw error
                }
            }
        }
    }

    /// The attached file is whole, of this schema version, with the same tables; any failure to read it is a refusal.
    private static func check(_ sql: any SQLDatabase, expecting current: Set<String>) async throws {
        struct Check: Decodable { let integrityCheck: String }
        let checks = (try? await sql.raw("PRAGMA saved.integrity_check").all(decoding: Check.self, keyDecodingStrategy: .snakeCaseColumns)) ?? []
        guard checks.map(\.integrityCheck) == ["ok"] else { throw Refusal("Tệp sao lưu bị hỏng: \(checks.prefix(3).map(\.integrityCheck).joined(separator: "; ")).") }
        guard let saved = try? await sql.raw("SELECT name FROM saved._fluent_migrations").all(decoding: Name.self) else {
            throw Refusal("Tệp không phải bản sao lưu của HợpTác (không có danh sách cập nhật cấu trúc).")
        }
        try requireSameVersion(Set(saved.map(\.name)), current)
        guard let savedTables = try? await tables("saved", on: sql), try await tables("main", on: sql) == savedTables else {
            throw Refusal("Các bảng của bản sao lưu khác các bảng của cơ sở dữ liệu.")
        }
    }

    /// Every data table's rows replaced by the attached file's, in one transaction, each checked row for row.
    private static func replace(into sql: any SQLDatabase) async throws {
        let names = try await tables("main", on: sql)
        struct Column: Decodable { let name: String }
        try await sql.raw("BEGIN IMMEDIATE").run()
        // Foreign keys are checked at the commit, once every table holds the saved rows.
        try await sql.raw("PRAGMA defer_foreign_keys = ON").run()
        for table in names { try await sql.raw("DELETE FROM main.\(ident: table)").run() }
        for table in names {
            let columns = try await sql.raw("SELECT name FROM pragma_table_info(\(bind: table), 'main')").all(decoding: Column.self).map(\.name)
            let list = columns.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ", ")
            try await sql.raw("INSERT INTO main.\(ident: table) (\(unsafeRaw: list)) SELECT \(unsafeRaw: list) FROM saved.\(ident: table)").run()
            // Row for row the same, both ways: what the file holds is what the database now holds.
            let differing = try await sql.raw("""
                SELECT (SELECT COUNT(*) FROM (SELECT \(unsafeRaw: list) FROM main.\(ident: table) EXCEPT SELECT \(unsafeRaw: list) FROM saved.\(ident: table)))
                     + (SELECT COUNT(*) FROM (SELECT \(unsafeRaw: list) FROM saved.\(ident: table) EXCEPT SELECT \(unsafeRaw: list) FROM main.\(ident: table))) AS n
                """).first(decodingColumn: "n", as: Int.self) ?? 0
            guard differing == 0 else { throw Refusal("Bảng \(table) sau khi phục hồi khác bản sao lưu ở \(differing) dòng; không có gì được ghi.") }
        }
        try await sql.raw("COMMIT").run()
    }

    private static func restorePostgres(_ file: URL, url: String, expecting current: Set<String>, on sql: any SQLDatabase) async throws {
        // `--list` reads the archive's table of contents: a damaged or foreign file fails here, before anything changes.
        guard (try? run("pg_restore", ["--list", file.path])) != nil else {
            throw Refusal("Tệp “\(file.lastPathComponent)” không phải bản sao lưu PostgreSQL của HợpTác hoặc đã bị hỏng.")
        }
        let copy = try run("pg_restore", ["--data-only", "--table=_fluent_migrations", "--file=-", file.path])
        try requireSameVersion(savedMigrations(fromCopy: copy), current)
        // The caches' counters go on from above every value they had, so no cached page of before survives the restore.
        let highest = try await sql.raw("SELECT COALESCE(MAX(version), 0) AS n FROM data_versions").first(decodingColumn: "n", as: Int.self) ?? 0
        try run("pg_restore", ["--clean", "--if-exists", "--single-transaction", "--exit-on-error", "--no-owner", "--no-privileges", "--dbname=\(url)", file.path])
        try await sql.raw("UPDATE data_versions SET version = version + \(bind: highest + 1)").run()
    }

    /// The migration names in the `COPY … FROM stdin` block pg_restore writes for `_fluent_migrations`.
    static func savedMigrations(fromCopy text: String) -> Set<String> {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let start = lines.firstIndex(where: { $0.hasPrefix("COPY ") && $0.contains("_fluent_migrations") }),
              let open = lines[start].firstIndex(of: "("), let close = lines[start].firstIndex(of: ")") else { return [] }
        let columns = lines[start][lines[start].index(after: open)..<close].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
        guard let column = columns.firstIndex(of: "name") else { return [] }
        var names: Set<String> = []
        for line in lines.dropFirst(start + 1) {
            if line == "\\." { break }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            if column < fields.count { names.insert(String(fields[column])) }
        }
        return names
    }

    /// Rows of every data table, for the command's summary and the round-trip tests.
    static func counts(on sql: any SQLDatabase) async throws -> Counts {
        let names: [String]
        if sql.isPostgres {
            names = try await sql.raw("SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'data_versions' ORDER BY tablename")
                .all(decoding: Name.self).map(\.name)
        } else {
            names = try await tables("main", on: sql)
        }
        var counts: Counts = []
        for name in names {
            counts.append((name, try await sql.raw("SELECT COUNT(*) AS n FROM \(ident: name)").first(decodingColumn: "n", as: Int.self) ?? 0))
        }
        return counts
    }

    /// Runs a PostgreSQL client program; its standard output, or a refusal with what it wrote on standard error.
    @discardableResult
    private static func run(_ program: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [program] + arguments
        // Complaints go to a file, so that neither pipe can fill up and stop the program while the other is read.
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("hoptac-\(program)-\(UUID().uuidString).log")
        guard FileManager.default.createFile(atPath: log.path, contents: nil), let errors = try? FileHandle(forWritingTo: log) else {
            throw Refusal("Không tạo được tệp tạm để chạy \(program).")
        }
        defer { try? errors.close(); try? FileManager.default.removeItem(at: log) }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do { try process.run() } catch { throw Refusal("Không chạy được \(program) (cài gói postgresql-client): \(error.localizedDescription)") }
        let out = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let said = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            throw Refusal("\(program) dừng với mã \(process.terminationStatus): \(said.trimmed.prefix(600))")
        }
        return String(decoding: out, as: UTF8.self)
    }
}
