import Fluent
import Foundation
import HopTacCore
import SQLKit
import Vapor

/// Who may record support under a policy: an officer whose area holds the organisation, and for the sector
/// departments and the cooperative alliance only under the policies their own agency carries out.
struct SupportPermit: Sendable {
    let principal: Principal
    /// The user's agency ("Sở Nông nghiệp và Môi trường"), from their account.
    let department: String?

    static let system = SupportPermit(principal: .system, department: nil)

    /// Why the user may not record this grant, nil when they may.
    func refusal(policy: PolicyRecord, organization: OrganizationRecord) -> String? {
        guard principal.can(.recordSupport) else { return "tài khoản này không ghi kết quả hỗ trợ." }
        guard principal.readScope.contains(organizationId: organization.id, provinceCode: organization.provinceCode, communeCode: organization.communeCode),
              principal.role != .cooperative else {
            return "\(organization.name) không thuộc địa bàn bạn phụ trách."
        }
        if [.sectorOfficer, .allianceOfficer].contains(principal.role) {
            // "Liên minh Hợp tác xã tỉnh Hà Tĩnh" carries out what "Liên minh Hợp tác xã tỉnh" is given, and the other way round.
            let own = foldForSearch(department ?? ""), agency = foldForSearch(policy.agency)
            guard !own.isEmpty, agency.contains(own) || own.contains(agency) else {
                return "chính sách \(policy.code) do \(policy.agency) thực hiện; chỉ cán bộ của cơ quan đó ghi kết quả."
            }
        }
        return nil
    }
}

enum PolicyStore {
    /// A policy as typed on its form, checked; `problems` by field.
    struct Input: Sendable {
        var code = "", title = "", documentNumber = "", issuer = "", agency = ""
        var documentDate: Day?
        var level = PolicyLevel.province
        var unitCode: String?
        var kind = PolicyKind.other
        var budgetSource: String?
        var periodFrom = 0, periodTo = 0
        var conditions: String?

        static func read(_ values: [String: String]) -> (Input, [String: FieldProblem]) {
            var input = Input()
            var problems: [String: FieldProblem] = [:]
            func text(_ name: String, _ label: String, required: Bool = false, limit: Int = 300) -> String {
                let value = (values[name] ?? "").trimmed.precomposedStringWithCanonicalMapping
                if required && value.isEmpty { problems[name] = FieldProblem("Cần ghi \(label).") }
                if value.count > limit { problems[name] = FieldProblem("\(label.capitalizedFirst) dài quá \(limit) ký tự.") }
                return value
            }
            input.code = text("code", "mã chính sách", required: true, limit: 60)
            if !input.code.isEmpty, !input.code.allSatisfy({ $0.isLetter || $0.isNumber || "-_/.".contains($0) }) {
                problems["code"] = FieldProblem("Mã chính sách chỉ gồm chữ, số và các dấu - _ / ., không có dấu cách (ví dụ NQ56-2021-DT).")
            }
            input.title = text("title", "tên chính sách", required: true, limit: 500)
            input.documentNumber = text("document_number", "số, ký hiệu văn bản", required: true, limit: 60)
            let date = text("document_date", "ngày ban hành")
            if !date.isEmpty {
                input.documentDate = Day(vietnamese: date)
                if input.documentDate == nil { problems["document_date"] = FieldProblem("Ngày “\(date)” không đọc được; ghi dd/mm/yyyy.") }
            }
            input.issuer = text("issuer", "cơ quan ban hành", required: true)
            input.agency = text("agency", "cơ quan thực hiện", required: true)
            if let level = PolicyLevel(rawValue: values["level"] ?? "") { input.level = level } else { problems["level"] = FieldProblem("Chọn cấp ban hành.") }
            if let kind = PolicyKind(rawValue: values["kind"] ?? "") { input.kind = kind } else { problems["kind"] = FieldProblem("Chọn loại hỗ trợ.") }
            input.unitCode = text("unit_code", "mã đơn vị", limit: 10).nilIfEmpty
            if input.level != .national, input.unitCode == nil { problems["unit_code"] = FieldProblem("Chính sách của tỉnh hoặc xã cần mã tỉnh hoặc mã xã ban hành.") }
            if input.level == .national { input.unitCode = nil }
            input.budgetSource = text("budget_source", "nguồn kinh phí").nilIfEmpty
            input.conditions = text("conditions", "điều kiện", limit: 5_000).nilIfEmpty
            for (name, label) in [("period_from", "từ năm"), ("period_to", "đến năm")] {
                let raw = text(name, label, required: true)
                guard !raw.isEmpty else { continue }
                guard let year = Int(raw), (2000...2100).contains(year) else { problems[name] = FieldProblem("\(label.capitalizedFirst) phải là năm từ 2000 đến 2100."); continue }
                if name == "period_from" { input.periodFrom = year } else { input.periodTo = year }
            }
            if input.periodFrom > 0, input.periodTo > 0, input.periodTo < input.periodFrom { problems["period_to"] = FieldProblem("Đến năm phải từ \(input.periodFrom) trở đi.") }
            return (input, problems)
        }
    }

    /// Stores a new policy issued for an area the user manages; the code must be new.
    static func create(_ input: Input, principal: Principal, actor: Actor, on database: any Database) async throws -> Int {
        let sql = try database.sql()
        var problems: [String: FieldProblem] = [:]
        var provinceCode: String?
        switch input.level {
        case .national:
            if principal.role != .admin { problems["level"] = FieldProblem("Chỉ quản trị hệ thống ghi chính sách của Trung ương.") }
        case .province, .commune:
            let code = input.unitCode ?? ""
            let area: Area? = input.level == .province ? try? await Area.province(code, on: sql) : try? await Area.commune(code, on: sql)
            if let area {
                provinceCode = area.provinceCode
                if !principal.registryWriteScope.covers(area) { problems["unit_code"] = FieldProblem("\(area.name) không thuộc địa bàn bạn phụ trách.") }
            } else {
                problems["unit_code"] = FieldProblem("Không có \(input.level == .province ? "tỉnh" : "xã") mã “\(code)” (mã 2025).")
            }
        }
        if try await sql.raw("SELECT id FROM support_policies WHERE code = \(bind: input.code)").first() != nil {
            problems["code"] = FieldProblem("Đã có chính sách mã “\(input.code)”.")
        }
        guard problems.isEmpty else { throw ValidationFailure(problems: problems) }
        let province = provinceCode
        return try await database.write { db in
            let sql = try db.sql()
            let now = Timestamp.now()
            let id = try await sql.raw("""
                INSERT INTO support_policies (code, title, document_number, document_date, issuer, level, unit_code, kind, budget_source, period_from, period_to,
                  agency, agency_folded, conditions, version, created_at, updated_at)
                VALUES (\(bind: input.code), \(bind: input.title), \(bind: input.documentNumber), \(bind: input.documentDate?.iso), \(bind: input.issuer),
                  \(bind: input.level.rawValue), \(bind: input.unitCode), \(bind: input.kind.rawValue), \(bind: input.budgetSource), \(bind: input.periodFrom),
                  \(bind: input.periodTo), \(bind: input.agency), \(bind: foldForSearch(input.agency)), \(bind: input.conditions), 1, \(bind: now), \(bind: now))
                RETURNING id
                """).first(decodingColumn: "id", as: Int.self) ?? 0
            try await AuditLog.record("policy.create", entity: "support_policies", id: String(id), provinceCode: province,
                                      summary: "Ghi chính sách \(input.code): \(input.title) (\(input.documentNumber))", actor: actor, on: sql)
            return id
        }
    }

    /// The grants of a sheet or a form, written together or not at all; a grant identical to one already recorded
    /// (same policy, organisation, person, day, amount and course) is left alone, so a sheet imported twice counts once.
    /// Returns how many were new; a dry run counts them the same way and writes nothing.
    static func record(_ grants: [(policy: PolicyRecord, organization: OrganizationRecord, input: SupportInput)], dryRun: Bool = false, actor: Actor,
                       on database: any Database) async throws -> Int {
        do {
            return try await write(grants, dryRun: dryRun, actor: actor, on: database)
        } catch let undone as DryRunUndone {
            return undone.created
        }
    }

    /// Thrown inside the transaction to roll a dry run back, carrying what it counted.
    private struct DryRunUndone: Error { let created: Int }

    private static func write(_ grants: [(policy: PolicyRecord, organization: OrganizationRecord, input: SupportInput)], dryRun: Bool,
                              actor: Actor, on database: any Database) async throws -> Int {
        try await database.write { db in
            let sql = try db.sql()
            var created = 0
            let now = Timestamp.now()
            for (policy, organization, input) in grants {
                guard let date = input.date else { continue }
                let same = try await sql.raw("""
                    SELECT id FROM support_records WHERE policy_id = \(bind: policy.id) AND organization_id = \(bind: organization.id)
                      AND support_date = \(bind: date.iso) AND COALESCE(person_name, '') = \(bind: input.personName ?? "")
                      AND COALESCE(amount, -1) = \(bind: input.amount?.dong ?? -1) AND COALESCE(course, '') = \(bind: input.course ?? "")
                    """).first()
                guard same == nil else { continue }
                try await sql.raw("""
                    INSERT INTO support_records (policy_id, organization_id, person_name, person_position, support_date, end_date, amount, quantity, quantity_unit,
                      status, agency, course, place, degree, lender, interest_rate, term_months, outstanding, overdue, land_area, land_form, decision_number, award_level, award_form, note,
                      actor, recorded_at)
                    VALUES (\(bind: policy.id), \(bind: organization.id), \(bind: input.personName), \(bind: input.personPosition), \(bind: date.iso),
                      \(bind: input.endDate?.iso), \(bind: input.amount?.dong), \(bind: input.quantity), \(bind: input.quantityUnit), \(bind: input.status.rawValue),
                      \(bind: input.agency ?? policy.agency), \(bind: input.course), \(bind: input.place), \(bind: input.degree), \(bind: input.lender),
                      \(bind: input.interestRate), \(bind: input.termMonths), \(bind: input.outstanding?.dong), \(bind: input.overdue?.dong), \(bind: input.landArea),
                      \(bind: input.landForm?.rawValue), \(bind: input.decisionNumber), \(bind: input.awardLevel?.rawValue), \(bind: input.awardForm), \(bind: input.note), \(bind: actor.name), \(bind: now))
                    """).run()
                created += 1
            }
            if created > 0 {
                let organizations = Set(grants.map(\.organization.id)).count
                try await AuditLog.record("support.record", entity: "support_records", id: nil, provinceCode: Set(grants.map(\.organization.provinceCode)).count == 1 ? grants.first?.organization.provinceCode : nil,
                                          summary: "Ghi \(created) khoản hỗ trợ cho \(organizations) tổ chức theo chính sách \(Set(grants.map(\.policy.code)).sorted().joined(separator: ", "))",
                                          actor: actor, on: sql)
            }
            if dryRun { throw DryRunUndone(created: created) }
            return created
        }
    }
}
