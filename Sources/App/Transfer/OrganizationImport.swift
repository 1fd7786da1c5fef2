import Fluent
import HopTacCore
import SQLKit
import Vapor

/// What an import did, or would do on a dry run.
struct ImportReport: Content, Sendable {
    var filename: String
    var sheet: String
    var rows: Int
    var created: Int
    var updated: Int
    var unchanged: Int
    var problems: [ImportProblem]
    var dryRun: Bool
    /// How each column of the sheet was read.
    var columns: [ImportColumn]

    var isClean: Bool { problems.isEmpty }

    /// The columns as people check them: "“Tên HTX” → Tên tổ chức, …; không dùng: “Ghi chú”".
    var columnsLine: String? {
        guard !columns.isEmpty else { return nil }
        let read = columns.filter { $0.use != nil }.map { "“\($0.title)” → \($0.use ?? "")" }.joined(separator: ", ")
        let unused = columns.filter { $0.use == nil }.map { "“\($0.title)”" }.joined(separator: ", ")
        return "Cột đã đọc: " + read + (unused.isEmpty ? "." : "; không dùng: \(unused).")
    }

    /// One line for people: "Tạo mới 3, cập nhật 2, không đổi 10 (15 dòng)."
    var summary: String {
        let counts = "tạo mới \(VietnameseNumber.format(created)), cập nhật \(VietnameseNumber.format(updated)), không đổi \(VietnameseNumber.format(unchanged)) (\(VietnameseNumber.format(rows)) dòng)"
        if !isClean { return "Có \(VietnameseNumber.format(problems.count)) lỗi; chưa ghi gì. Nếu sửa hết lỗi: \(counts)." }
        return dryRun ? "Chạy thử, chưa ghi gì: sẽ \(counts)." : "Đã nhập: \(counts)."
    }
}

/// Imports organisations from a sheet: all or nothing, matched to existing records by registration code
/// (or, for groups without a code, by name within the commune), with history and audit for every write.
enum OrganizationImport {
    /// The bundled units, read once: imports resolve communes in memory.
    static let catalog: AdminUnitCatalog? = try? AdminUnitCatalog.bundled()

    static func run(_ sheet: Sheet, filename: String, dryRun: Bool, scope: Scope, actor: Actor, on database: any Database,
                    progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }) async throws -> ImportReport {
        guard let catalog else { throw Abort(.internalServerError, reason: "Thiếu danh mục đơn vị hành chính.") }
        let today = Day.today()
        let reader = OrganizationSheet(catalog: catalog, today: today)
        let rows = try reader.rows(of: sheet)
        var report = ImportReport(filename: filename, sheet: sheet.name, rows: rows.count, created: 0, updated: 0, unchanged: 0, problems: [], dryRun: dryRun,
                                  columns: reader.columnUse(of: sheet))
        guard !rows.isEmpty else {
            report.problems = [ImportProblem(row: 0, column: "", value: "", reason: "Tệp không có dòng dữ liệu nào dưới dòng tiêu đề.")]
            return report
        }
        let sql = try database.sql()
        let existing = try await matches(for: rows, on: sql)
        let unions = Set(try await OrganizationQueries.unions(on: sql).map(\.id))
        var plans: [Plan] = []
        var seenCodes: [String: Int] = [:]
        let provinceOfCommune = Dictionary(catalog.communes.map { ($0.code, $0.provinceCode) }, uniquingKeysWith: { a, _ in a })
        for row in rows {
            let current = existing.record(for: row.input)
            let merged = row.merged(onto: current?.input)
            var problems = row.problems + row.ruleProblems(merged, today: today)
            func problem(_ field: OrganizationField, _ reason: String) {
                problems.append(row.problem(field, reason))
            }
            if let code = merged.registrationCode {
                if let first = seenCodes[code] { problem(.registrationCode, "mã số trùng với dòng \(first) của tệp.") } else { seenCodes[code] = row.row }
            }
            if let union = merged.unionId, !unions.contains(union) { problem(.unionId, "không có liên hiệp HTX số \(union).") }
            let province = provinceOfCommune[merged.communeCode] ?? ""
            let place = current.map { (id: $0.id, provinceCode: $0.provinceCode, communeCode: $0.communeCode) }
            if !merged.communeCode.isEmpty && !scope.permits(savingIn: merged.communeCode, provinceCode: province, existing: place) {
                problem(.communeCode, "không thuộc địa bàn bạn được phép quản lý.")
            }
            report.problems += problems
            guard problems.isEmpty else { continue }
            if let current {
                if current.input == merged { report.unchanged += 1 } else { report.updated += 1; plans.append(.update(current, merged, provinceCode: province)) }
            } else {
                report.created += 1
                plans.append(.create(merged, provinceCode: province))
            }
        }
        report.problems.sort { ($0.row, $0.column) < ($1.row, $1.column) }
        guard report.isClean, !dryRun else { return report }
        let planned = plans
        try await database.write { db in
            let sql = try db.sql()
            try await sql.withBulkCache { try await write(planned, filename: filename, actor: actor, on: sql, progress: progress) }
        }
        return report
    }

    enum Plan {
        case create(OrganizationInput, provinceCode: String)
        case update(OrganizationRecord, OrganizationInput, provinceCode: String)
    }

    /// Existing records that rows of the sheet refer to.
    struct Matches {
        var byCode: [String: OrganizationRecord] = [:]
        var byCommuneAndName: [String: OrganizationRecord] = [:]

        func record(for input: OrganizationInput) -> OrganizationRecord? {
            if let code = input.registrationCode { return byCode[code] }
            return byCommuneAndName[input.communeCode + " " + foldForSearch(input.name)]
        }
    }

    private static func matches(for rows: [ImportedRow], on sql: any SQLDatabase) async throws -> Matches {
        var found = Matches()
        let codes = Array(Set(rows.compactMap(\.input.registrationCode)))
        for start in stride(from: 0, to: codes.count, by: 500) {
            let chunk = Array(codes[start..<min(start + 500, codes.count)])
            let records = try await sql.raw("SELECT \(unsafeRaw: OrganizationRecord.selectList) FROM \(unsafeRaw: OrganizationRecord.fromJoins) WHERE o.registration_code IN (\(binds: chunk))")
                .all(decoding: OrganizationRecord.self, keyDecodingStrategy: .snakeCaseColumns)
            for record in records { if let code = record.registrationCode { found.byCode[code] = record } }
        }
        let communes = Array(Set(rows.filter { $0.input.registrationCode == nil }.map(\.input.communeCode)))
        for start in stride(from: 0, to: communes.count, by: 500) {
            let chunk = Array(communes[start..<min(start + 500, communes.count)])
            let records = try await sql.raw("SELECT \(unsafeRaw: OrganizationRecord.selectList) FROM \(unsafeRaw: OrganizationRecord.fromJoins) WHERE o.registration_code IS NULL AND o.commune_code IN (\(binds: chunk))")
                .all(decoding: OrganizationRecord.self, keyDecodingStrategy: .snakeCaseColumns)
            for record in records { found.byCommuneAndName[record.communeCode + " " + foldForSearch(record.name)] = record }
        }
        return found
    }

    private static func write(_ plans: [Plan], filename: String, actor: Actor, on sql: any SQLDatabase, progress: @escaping @Sendable (Int, Int) -> Void) async throws {
        let now = Timestamp.now()
        let note = "Nhập từ tệp \(filename)"
        var changes: [[any Encodable & Sendable]] = []
        // The audit log gets one entry per province the file touched (officials read the log of their own province);
        // each organisation's own history holds the row-level detail.
        var touched: [String: (created: Int, updated: Int)] = [:]
        var done = 0
        let creates = plans.compactMap { plan -> (OrganizationInput, String)? in if case .create(let input, let province) = plan { (input, province) } else { nil } }
        for start in stride(from: 0, to: creates.count, by: 1_000) {
            let batch = creates[start..<min(start + 1_000, creates.count)]
            var columnNames: [String] = []
            var rows: [[any Encodable & Sendable]] = []
            for (input, province) in batch {
                var columns = OrganizationStore.columnValues(input, provinceCode: province)
                columns += [("status", OrganizationStatus.active.rawValue), ("version", 1), ("created_at", now), ("updated_at", now)]
                columnNames = columns.map(\.0)
                rows.append(columns.map(\.1))
            }
            let ids = try await sql.insertReturningIds(into: "organizations", columns: columnNames, rows: rows)
            try await OrganizationStore.recordCreation(of: ids, reason: note, note: note, actor: actor, at: now, on: sql)
            for (_, province) in batch { touched[province, default: (0, 0)].created += 1 }
            done += batch.count
            progress(done, plans.count)
        }
        for plan in plans {
            guard case .update(let current, let input, let province) = plan else { continue }
            let update = sql.update("organizations")
            for (column, value) in OrganizationStore.columnValues(input, provinceCode: province) { _ = update.set(column, to: value) }
            struct Updated: Decodable { let id: Int }
            let updated = try await update.set("updated_at", to: now).set(SQLColumn("version"), to: SQLRaw("version + 1"))
                .where("id", .equal, current.id).where("version", .equal, current.version).returning("id").first(decoding: Updated.self)
            guard updated != nil else { throw StaleVersion(current: current) }
            for field in OrganizationField.allCases where current.input.displayValue(of: field) != input.displayValue(of: field) {
                changes.append([current.id, field.rawValue, current.input.displayValue(of: field), input.displayValue(of: field), actor.name, now])
            }
            touched[province, default: (0, 0)].updated += 1
            done += 1
            if done % 200 == 0 { progress(done, plans.count) }
        }
        try await sql.insertBatches(into: "organization_changes", columns: ["organization_id", "field", "old_value", "new_value", "actor", "changed_at"], rows: changes)
        for (province, counts) in touched.sorted(by: { $0.key < $1.key }) {
            try await AuditLog.record("organization.import", entity: "organizations", id: nil, provinceCode: province,
                                      summary: "\(note): tạo mới \(VietnameseNumber.format(counts.created)), cập nhật \(VietnameseNumber.format(counts.updated)) hồ sơ",
                                      actor: actor, on: sql)
        }
        progress(plans.count, plans.count)
    }
}
