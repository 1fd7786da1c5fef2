import Fluent
import HopTacCore
import SQLKit
import Vapor

/// Imports support grants from a sheet: all rows or none. Each row names its policy by code (one the importer can
/// see) and its organisation by registration code (one the importer may record for); every field is checked, and
/// what the policy's kind requires (a person for training, a lender for a loan…) is asked for by its column.
enum SupportImport {
    static func run(_ sheet: Sheet, filename: String, dryRun: Bool, permit: SupportPermit, actor: Actor, on database: any Database,
                    progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }) async throws -> ImportReport {
        let sql = try database.sql()
        let reader = SupportSheet()
        let rows = try reader.rows(of: sheet)
        let units = reader.units(of: sheet), titles = reader.titles(of: sheet)
        var report = ImportReport(filename: filename, sheet: sheet.name, rows: rows.count, created: 0, updated: 0, unchanged: 0, problems: [], dryRun: dryRun,
                                  columns: reader.columnUse(of: sheet))
        guard !rows.isEmpty else {
            report.problems = [ImportProblem(row: 0, column: "", value: "", reason: "Tệp không có dòng dữ liệu nào dưới dòng tiêu đề.")]
            return report
        }
        let policies = Dictionary(try await PolicyQueries.policies(visibleTo: permit.principal.readScope, on: sql).map { (foldForSearch($0.code), $0) },
                                  uniquingKeysWith: { a, _ in a })
        var organizations: [String: OrganizationRecord] = [:]
        let codes = Array(Set(rows.compactMap { $0.texts[.registrationCode]?.trimmed }.filter { !$0.isEmpty }))
        for chunk in codes.chunks(of: 500) {
            for record in try await OrganizationQueries.find(registrationCodes: chunk, on: sql) { organizations[record.registrationCode ?? ""] = record }
        }
        var grants: [PolicyStore.Grant] = []
        for (index, row) in rows.enumerated() {
            func problem(_ field: SupportField, _ reason: String) {
                report.problems.append(ImportProblem(row: row.number, column: titles[field] ?? field.label, value: row.texts[field]?.trimmed ?? "", reason: reason))
            }
            let (input, problems) = SupportInput.read(row.texts, units: units)
            for (field, reason) in problems.sorted(by: { $0.key.rawValue < $1.key.rawValue }) { problem(field, reason) }
            guard problems[.policy] == nil, problems[.registrationCode] == nil else { continue }
            let (grant, found) = PolicyStore.check(input, policy: policies[foldForSearch(input.policy)], organization: organizations[input.registrationCode], permit: permit)
            for (field, reason) in found { problem(field, reason) }
            if let grant { grants.append(grant) }
            if index % 200 == 199 { progress(index + 1, rows.count) }
        }
        progress(rows.count, rows.count)
        guard report.problems.isEmpty else { return report }
        report.created = try await PolicyStore.record(grants, dryRun: dryRun, actor: actor, on: database).count
        report.unchanged = grants.count - report.created
        return report
    }
}
