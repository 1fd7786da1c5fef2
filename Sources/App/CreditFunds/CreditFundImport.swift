import Fluent
import HopTacCore
import SQLKit
import Vapor

/// Who may record the State Bank's figures of credit funds: the administrator anywhere; inside their province, the
/// provincial officer and the officers of the State Bank's branch (a sector officer whose agency is the State Bank).
struct CreditFundPermit: Sendable {
    let principal: Principal
    /// The user's agency, from their account.
    let department: String?

    /// Why the user may not record this fund's figures, nil when they may.
    func refusal(for fund: OrganizationRecord) -> String? {
        switch principal.role {
        case .admin: return nil
        case .provinceOfficer: break
        case .sectorOfficer:
            guard foldForSearch(department ?? "").contains("ngan hang nha nuoc") else {
                return "chỉ cán bộ Ngân hàng Nhà nước (chi nhánh, khu vực) hoặc cán bộ tỉnh ghi số liệu của quỹ tín dụng nhân dân."
            }
        default: return "tài khoản này không ghi số liệu của quỹ tín dụng nhân dân."
        }
        guard principal.readScope.contains(organizationId: fund.id, provinceCode: fund.provinceCode, communeCode: fund.communeCode) else {
            return "\(fund.name) không thuộc tỉnh bạn phụ trách."
        }
        return nil
    }
}

/// Imports the yearly figures of people's credit funds from the State Bank branch's sheet: all rows or none. A fund's
/// line for a year replaces the one recorded before; each change is audited on the fund's record.
enum CreditFundImport {
    static func run(_ sheet: Sheet, filename: String, year: Int?, dryRun: Bool, permit: CreditFundPermit, actor: Actor, on database: any Database,
                    progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }) async throws -> ImportReport {
        let sql = try database.sql()
        var sheetImport = try YearlySheetImport(sheet, reader: CreditFundSheet(), filename: filename, year: year, dryRun: dryRun)
        let rows = sheetImport.rows
        guard !rows.isEmpty else { return sheetImport.report }
        func problem(_ row: Int, _ field: CreditFundField, _ value: String, _ reason: String) { sheetImport.problem(row, field, value, reason) }
        var funds: [String: OrganizationRecord] = [:]
        let codes = Array(Set(rows.map(\.registrationCode)))
        for chunk in codes.chunks(of: 500) {
            for record in try await OrganizationQueries.find(registrationCodes: chunk, on: sql) { funds[record.registrationCode ?? ""] = record }
        }
        let known = try await CreditFundQueries.years(of: Array(Set(funds.values.map(\.id))), on: sql)
        var changes: [(input: CreditFundInput, fund: OrganizationRecord, before: CreditFundYear?)] = []
        for (index, row) in rows.enumerated() {
            guard let fund = funds[row.registrationCode] else {
                problem(row.row, .registrationCode, row.registrationCode, "không có tổ chức nào mang mã số này trong sổ đăng ký.")
                continue
            }
            guard fund.type == .qtdnd else {
                problem(row.row, .registrationCode, row.registrationCode, "\(fund.name) là \(fund.type.label.lowercased()), không phải quỹ tín dụng nhân dân.")
                continue
            }
            if let refusal = permit.refusal(for: fund) { problem(row.row, .registrationCode, row.registrationCode, refusal); continue }
            let before = known[fund.id]?.first { $0.year == row.year }
            if let before, before.same(as: row) { sheetImport.report.unchanged += 1 } else { changes.append((row, fund, before)) }
            if index % 500 == 499 { progress(index + 1, rows.count) }
        }
        progress(rows.count, rows.count)
        guard !sheetImport.failed else { return sheetImport.report }
        sheetImport.report.created = changes.filter { $0.before == nil }.count
        sheetImport.report.updated = changes.count - sheetImport.report.created
        guard !dryRun, !changes.isEmpty else { return sheetImport.report }
        let writes = changes
        try await database.write { db in
            let sql = try db.sql()
            let now = Timestamp.now()
            for (input, fund, before) in writes {
                let after = CreditFundYear(input, organizationId: fund.id)
                if before == nil {
                    try await sql.raw("""
                        INSERT INTO credit_fund_years (organization_id, year, members, charter_capital, deposits, loans, bad_debt, actor, recorded_at)
                        VALUES (\(bind: fund.id), \(bind: input.year), \(bind: input.members), \(bind: input.charterCapital.dong), \(bind: input.deposits.dong),
                                \(bind: input.loans.dong), \(bind: input.badDebt.dong), \(bind: actor.name), \(bind: now))
                        """).run()
                } else {
                    try await sql.raw("""
                        UPDATE credit_fund_years SET members = \(bind: input.members), charter_capital = \(bind: input.charterCapital.dong),
                          deposits = \(bind: input.deposits.dong), loans = \(bind: input.loans.dong), bad_debt = \(bind: input.badDebt.dong),
                          actor = \(bind: actor.name), recorded_at = \(bind: now)
                        WHERE organization_id = \(bind: fund.id) AND year = \(bind: input.year)
                        """).run()
                }
                try await AuditLog.record("credit_fund.import", entity: "organizations", id: String(fund.id), provinceCode: fund.provinceCode,
                                          summary: "\(before == nil ? "Ghi" : "Sửa") số liệu năm \(input.year) của \(fund.name) từ \(filename)",
                                          before: before, after: after, actor: actor, on: sql)
            }
        }
        return sheetImport.report
    }
}
