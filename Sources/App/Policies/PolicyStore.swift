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

    /// The problems, by field, with keeping a policy of this level and unit (the user must manage the unit; only the
    /// administrator keeps national ones) and a code no other policy has however it is typed; and the unit's province.
    private static func problems(with input: Input, replacing id: Int?, principal: Principal, on sql: any SQLDatabase) async throws
        -> (problems: [String: FieldProblem], provinceCode: String?) {
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
        if let other = try await sql.raw("SELECT code FROM support_policies WHERE code_folded = \(bind: foldForSearch(input.code)) AND id <> \(bind: id ?? 0)")
            .first(decodingColumn: "code", as: String.self) {
            problems["code"] = FieldProblem("Đã có chính sách mã “\(other)”; mã được so không phân biệt chữ hoa, chữ thường và dấu.")
        }
        return (problems, provinceCode)
    }

    /// Stores a new policy issued for an area the user manages; the code must be new.
    static func create(_ input: Input, principal: Principal, actor: Actor, on database: any Database) async throws -> Int {
        let (problems, province) = try await problems(with: input, replacing: nil, principal: principal, on: database.sql())
        guard problems.isEmpty else { throw ValidationFailure(problems: problems) }
        return try await database.write { db in
            let sql = try db.sql()
            let now = Timestamp.now()
            let id = try await sql.raw("""
                INSERT INTO support_policies (code, code_folded, title, document_number, document_date, issuer, level, unit_code, kind, budget_source, period_from, period_to,
                  agency, agency_folded, conditions, version, created_at, updated_at)
                VALUES (\(bind: input.code), \(bind: foldForSearch(input.code)), \(bind: input.title), \(bind: input.documentNumber), \(bind: input.documentDate?.iso), \(bind: input.issuer),
                  \(bind: input.level.rawValue), \(bind: input.unitCode), \(bind: input.kind.rawValue), \(bind: input.budgetSource), \(bind: input.periodFrom),
                  \(bind: input.periodTo), \(bind: input.agency), \(bind: foldForSearch(input.agency)), \(bind: input.conditions), 1, \(bind: now), \(bind: now))
                RETURNING id
                """).first(decodingColumn: "id", as: Int.self) ?? 0
            try await AuditLog.record("policy.create", entity: "support_policies", id: String(id), provinceCode: province,
                                      summary: "Ghi chính sách \(input.code): \(input.title) (\(input.documentNumber))", actor: actor, on: sql)
            return id
        }
    }

    /// The record changed since the person loaded it, or is gone; nothing was written.
    struct EditConflict: Error, Sendable { let reason: String }

    /// Refuses a user who may not keep this stored policy (a policy of another area, a national one for a
    /// non-administrator); returns the province it belongs to, nil for a national one.
    @discardableResult
    static func requireKeeper(of policy: PolicyRecord, principal: Principal, on sql: any SQLDatabase) async throws -> String? {
        guard principal.can(.managePolicies) else { throw Abort(.forbidden, reason: "Tài khoản này không sửa chính sách hỗ trợ.") }
        var stored = Input()
        stored.level = policy.level
        stored.unitCode = policy.unitCode
        let (problems, province) = try await problems(with: stored, replacing: policy.id, principal: principal, on: sql)
        if let problem = problems["level"] ?? problems["unit_code"] { throw Abort(.forbidden, reason: problem.message) }
        return province
    }

    /// Changes a policy its keeper loaded at `version`. Its kind stays while grants are recorded under it, since their
    /// details follow the kind; its period must still hold every grant's date.
    static func update(_ policy: PolicyRecord, version: Int, to input: Input, principal: Principal, actor: Actor, on database: any Database) async throws {
        let sql = try database.sql()
        try await requireKeeper(of: policy, principal: principal, on: sql)
        var (problems, keptIn) = try await problems(with: input, replacing: policy.id, principal: principal, on: sql)
        struct Span: Decodable { let n: Int; let first: String?; let last: String? }
        let span = try await sql.raw("SELECT COUNT(*) AS n, MIN(support_date) AS first, MAX(support_date) AS last FROM support_records WHERE policy_id = \(bind: policy.id)")
            .first(decoding: Span.self)
        if let span, span.n > 0 {
            if input.kind != policy.kind { problems["kind"] = FieldProblem("Đã ghi \(span.n) khoản hỗ trợ theo chính sách này; không đổi được loại hỗ trợ.") }
            if let first = span.first.flatMap(Day.init(iso:)), let last = span.last.flatMap(Day.init(iso:)),
               input.periodFrom > first.year || input.periodTo < last.year {
                problems["period_from"] = FieldProblem("Các khoản hỗ trợ đã ghi từ \(first.vietnamese) đến \(last.vietnamese); thời gian áp dụng phải bao gồm các năm đó.")
            }
        }
        guard problems.isEmpty else { throw ValidationFailure(problems: problems) }
        let province = keptIn
        try await database.write { db in
            let sql = try db.sql()
            let changed = try await sql.raw("""
                UPDATE support_policies SET code = \(bind: input.code), code_folded = \(bind: foldForSearch(input.code)), title = \(bind: input.title),
                  document_number = \(bind: input.documentNumber), document_date = \(bind: input.documentDate?.iso), issuer = \(bind: input.issuer),
                  level = \(bind: input.level.rawValue), unit_code = \(bind: input.unitCode), kind = \(bind: input.kind.rawValue), budget_source = \(bind: input.budgetSource),
                  period_from = \(bind: input.periodFrom), period_to = \(bind: input.periodTo), agency = \(bind: input.agency), agency_folded = \(bind: foldForSearch(input.agency)),
                  conditions = \(bind: input.conditions), version = version + 1, updated_at = \(bind: Timestamp.now())
                WHERE id = \(bind: policy.id) AND version = \(bind: version)
                RETURNING id
                """).first()
            guard changed != nil else { throw EditConflict(reason: "Chính sách \(policy.code) vừa được người khác sửa. Không có gì được ghi; hãy tải lại trang rồi sửa lại.") }
            let after = try await PolicyQueries.policy(policy.id, visibleTo: .everything, on: sql)
            try await AuditLog.record("policy.update", entity: "support_policies", id: String(policy.id), provinceCode: province,
                                      summary: "Sửa chính sách \(input.code): \(input.title)", before: policy, after: after, actor: actor, on: sql)
        }
    }

    /// Withdraws a policy recorded by mistake: only while nothing was given under it; a policy that has delivered
    /// support ends by its period instead, and its grants stay.
    static func withdraw(_ policy: PolicyRecord, version: Int, principal: Principal, actor: Actor, on database: any Database) async throws {
        let sql = try database.sql()
        let province = try await requireKeeper(of: policy, principal: principal, on: sql)
        let used = try await sql.raw("""
            SELECT (SELECT COUNT(*) FROM support_records WHERE policy_id = \(bind: policy.id)) + (SELECT COUNT(*) FROM training_courses WHERE policy_id = \(bind: policy.id)) AS n
            """).first(decodingColumn: "n", as: Int.self) ?? 0
        guard used == 0 else {
            throw ValidationFailure(problems: ["withdraw": FieldProblem("Đã ghi hỗ trợ hoặc khóa học theo chính sách \(policy.code); không thu hồi được. Để chính sách hết hiệu lực, sửa “Đến năm”.")])
        }
        try await database.write { db in
            let sql = try db.sql()
            guard try await sql.raw("DELETE FROM support_policies WHERE id = \(bind: policy.id) AND version = \(bind: version) RETURNING id").first() != nil else {
                throw EditConflict(reason: "Chính sách \(policy.code) vừa được người khác sửa. Không có gì bị xóa; hãy tải lại trang.")
            }
            try await AuditLog.record("policy.withdraw", entity: "support_policies", id: String(policy.id), provinceCode: province,
                                      summary: "Thu hồi chính sách \(policy.code): \(policy.title)", before: policy, actor: actor, on: sql)
        }
    }

    typealias Grant = (policy: PolicyRecord, organization: OrganizationRecord, input: SupportInput)

    /// The grant a well-formed record makes (a sheet's row, a form), or what is wrong with it by field: the policy
    /// and organisation it names (found by the caller, nil when none has that code), whether the user may record
    /// under that policy for that organisation, what the policy's kind asks for, and its period.
    static func check(_ input: SupportInput, policy: PolicyRecord?, organization: OrganizationRecord?, permit: SupportPermit) -> (grant: Grant?, problems: [(SupportField, String)]) {
        guard let policy else {
            return (nil, [(.policy, "không có chính sách nào mang mã này (trong các chính sách bạn xem được); xem danh sách ở trang Chính sách hỗ trợ.")])
        }
        guard let organization else { return (nil, [(.registrationCode, "không có tổ chức nào mang mã số này trong sổ đăng ký.")]) }
        if let refusal = permit.refusal(policy: policy, organization: organization) { return (nil, [(.registrationCode, refusal)]) }
        var problems = input.missing(for: policy.kind).sorted { $0.key.rawValue < $1.key.rawValue }
            .map { ($0.key, "chính sách \(policy.code) (\(policy.kind.label.lowercased())) \($0.value)") }
        if let date = input.date, !(policy.periodFrom...max(policy.periodFrom, policy.periodTo)).contains(date.year) {
            problems.append((.date, "ngoài thời gian áp dụng của chính sách \(policy.code) (\(policy.periodFrom)–\(policy.periodTo))."))
        }
        return problems.isEmpty ? ((policy, organization, input), []) : (nil, problems)
    }

    /// The grants of a sheet or a form, written together or not at all; a grant identical to one already recorded
    /// (same policy, organisation, person, day, amount and course) is left alone, so a sheet imported twice counts once.
    /// Returns the ids of the new ones; a dry run finds them the same way and writes nothing.
    static func record(_ grants: [Grant], dryRun: Bool = false,
                       evidence: EvidenceUpload? = nil, actor: Actor, on database: any Database) async throws -> [Int] {
        do {
            return try await write(grants, dryRun: dryRun, evidence: evidence, actor: actor, on: database)
        } catch let undone as DryRunUndone {
            return undone.created
        }
    }

    /// Thrown inside the transaction to roll a dry run back, carrying what it counted.
    private struct DryRunUndone: Error { let created: [Int] }

    private static func write(_ grants: [Grant], dryRun: Bool,
                              evidence: EvidenceUpload?, actor: Actor, on database: any Database) async throws -> [Int] {
        try await database.write { db in
            let sql = try db.sql()
            var created: [Int] = []
            let now = Timestamp.now()
            for (policy, organization, input) in grants {
                guard let date = input.date else { continue }
                let same = try await sql.raw("""
                    SELECT id FROM support_records WHERE policy_id = \(bind: policy.id) AND organization_id = \(bind: organization.id)
                      AND support_date = \(bind: date.iso) AND COALESCE(person_name, '') = \(bind: input.personName ?? "")
                      AND COALESCE(amount, -1) = \(bind: input.amount?.dong ?? -1) AND COALESCE(course, '') = \(bind: input.course ?? "")
                    """).first()
                guard same == nil else { continue }
                let course = try await courseId(of: input, policy: policy, organization: organization, actor: actor, on: sql)
                let id = try await sql.raw("""
                    INSERT INTO support_records (policy_id, organization_id, person_name, person_position, support_date, end_date, amount, quantity, quantity_unit,
                      status, agency, course, place, degree, lender, interest_rate, term_months, outstanding, overdue, land_area, land_form, decision_number, award_level, award_form, note,
                      course_id, evidence_name, evidence_type, evidence, version, actor, recorded_at)
                    VALUES (\(bind: policy.id), \(bind: organization.id), \(bind: input.personName), \(bind: input.personPosition), \(bind: date.iso),
                      \(bind: input.endDate?.iso), \(bind: input.amount?.dong), \(bind: input.quantity), \(bind: input.quantityUnit), \(bind: input.status.rawValue),
                      \(bind: input.agency ?? policy.agency), \(bind: input.course), \(bind: input.place), \(bind: input.degree), \(bind: input.lender),
                      \(bind: input.interestRate), \(bind: input.termMonths), \(bind: input.outstanding?.dong), \(bind: input.overdue?.dong), \(bind: input.landArea),
                      \(bind: input.landForm?.rawValue), \(bind: input.decisionNumber), \(bind: input.awardLevel?.rawValue), \(bind: input.awardForm), \(bind: input.note),
                      \(bind: course), \(bind: evidence?.name), \(bind: evidence?.type), \(bind: evidence?.data), 1, \(bind: actor.name), \(bind: now))
                    RETURNING id
                    """).first(decodingColumn: "id", as: Int.self)
                if let id { created.append(id) }
            }
            if !created.isEmpty {
                let organizations = Set(grants.map(\.organization.id)).count
                try await AuditLog.record("support.record", entity: "support_records", id: created.count == 1 ? created.first.map(String.init) : nil, provinceCode: Set(grants.map(\.organization.provinceCode)).count == 1 ? grants.first?.organization.provinceCode : nil,
                                          summary: "Ghi \(created.count) khoản hỗ trợ cho \(organizations) tổ chức theo chính sách \(Set(grants.map(\.policy.code)).sorted().joined(separator: ", "))",
                                          actor: actor, on: sql)
            }
            if dryRun { throw DryRunUndone(created: created) }
            return created
        }
    }

    /// The training course a participant's grant belongs to: the one the form chose, else the policy's course of the
    /// same topic and first day in the organisation's province, created the first time a sheet names it.
    static func courseId(of input: SupportInput, policy: PolicyRecord, organization: OrganizationRecord, actor: Actor, on sql: any SQLDatabase) async throws -> Int? {
        guard policy.kind == .training else { return nil }
        if let id = input.courseId { return id }
        guard let topic = input.course, let date = input.date else { return nil }
        if let id = try await sql.raw("""
            SELECT id FROM training_courses WHERE policy_id = \(bind: policy.id) AND province_code = \(bind: organization.provinceCode)
              AND topic_folded = \(bind: foldForSearch(topic)) AND start_date = \(bind: date.iso)
            """).first(decodingColumn: "id", as: Int.self) {
            return id
        }
        return try await sql.raw("""
            INSERT INTO training_courses (policy_id, province_code, topic, topic_folded, organiser, place, start_date, end_date, version, actor, recorded_at)
            VALUES (\(bind: policy.id), \(bind: organization.provinceCode), \(bind: topic), \(bind: foldForSearch(topic)), \(bind: input.agency ?? policy.agency),
                    \(bind: input.place), \(bind: date.iso), \(bind: input.endDate?.iso), 1, \(bind: actor.name), \(bind: Timestamp.now()))
            RETURNING id
            """).first(decodingColumn: "id", as: Int.self)
    }
}
