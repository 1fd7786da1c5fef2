import Fluent
import HopTacCore
import SQLKit
import Vapor

/// Imports annual reports from a sheet as drafts: all rows or none, each organisation found by its registration code
/// inside the importer's area, every field checked as the form checks it, unchanged reports left alone.
enum ReportImport {
    /// Raised inside the transaction to undo a dry run or a file with problems, carrying what was found.
    private struct Undo: Error { let report: ImportReport }

    static func run(_ sheet: Sheet, filename: String, year defaultYear: Int?, dryRun: Bool, principal: Principal, actor: Actor,
                    on database: any Database, progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }) async throws -> ImportReport {
        let sql = try database.sql()
        let rubric = try await ClassificationStore.rubric(forYear: defaultYear ?? Day.today().year, on: sql)
        let codes = rubric.items.filter { if case .selfAssessed = $0.method { true } else { false } }.map(\.code)
        let reader = ReportSheet(selfAssessedCodes: codes)
        let rows = try reader.rows(of: sheet)
        let empty = ImportReport(filename: filename, sheet: sheet.name, rows: rows.count, created: 0, updated: 0, unchanged: 0, problems: [], dryRun: dryRun,
                                 columns: reader.columnUse(of: sheet))
        guard !rows.isEmpty else {
            var report = empty
            report.problems = [ImportProblem(row: 0, column: "", value: "", reason: "Tệp không có dòng dữ liệu nào dưới dòng tiêu đề.")]
            return report
        }
        var byCode: [String: OrganizationRecord] = [:]
        let wanted = Array(Set(rows.map(\.registrationCode).filter { !$0.isEmpty }))
        for chunk in wanted.chunks(of: 500) {
            for record in try await OrganizationQueries.find(registrationCodes: chunk, on: sql) { byCode[record.registrationCode ?? ""] = record }
        }
        let scope = principal.registryWriteScope, found = byCode
        do {
            return try await database.write { db in
                var report = empty
                for (index, row) in rows.enumerated() {
                    func problem(_ column: String, _ value: String, _ reason: String) {
                        report.problems.append(ImportProblem(row: row.number, column: column, value: value, reason: reason))
                    }
                    guard let year = row.year ?? defaultYear else { problem("Năm", "", "thiếu năm báo cáo: thêm cột “Năm” hoặc chọn năm khi nhập."); continue }
                    guard let organization = found[row.registrationCode] else {
                        problem("Mã số HTX", row.registrationCode, row.registrationCode.isEmpty ? "thiếu mã số tổ chức." : "không có tổ chức nào mang mã số này trong sổ đăng ký.")
                        continue
                    }
                    guard scope.contains(organizationId: organization.id, provinceCode: organization.provinceCode, communeCode: organization.communeCode) else {
                        problem("Mã số HTX", row.registrationCode, "\(organization.name) không thuộc địa bàn bạn phụ trách.")
                        continue
                    }
                    for unread in row.problems { problem(unread.title, unread.text, unread.reason) }
                    guard row.problems.isEmpty else { continue }
                    let form = row.values.mapValues(\.text)
                    do {
                        let current = try await ReportQueries.find(organizationId: organization.id, year: year, on: db.sql())
                        let (_, changed) = try await ReportStore.write(organization: organization, year: year, form: form, expectedVersion: current?.version,
                                                                       levels: principal.reportingLevels, actor: actor, on: db)
                        if current == nil { report.created += 1 } else if changed { report.updated += 1 } else { report.unchanged += 1 }
                    } catch let failure as ValidationFailure {
                        for (key, fieldProblem) in failure.problems.sorted(by: { $0.key < $1.key }) {
                            problem(row.values[key]?.title ?? key, row.values[key]?.text ?? "", fieldProblem.message)
                        }
                    } catch let refused as ReportingError {
                        problem("Mã số HTX", row.registrationCode, "\(organization.name), năm \(year): \(refused.message)")
                    }
                    if index % 200 == 199 { progress(index + 1, rows.count) }
                }
                progress(rows.count, rows.count)
                if dryRun || !report.problems.isEmpty { throw Undo(report: report) }
                return report
            }
        } catch let undo as Undo {
            return undo.report
        }
    }
}
