import Foundation
import HopTacCore
import Plot
import SQLKit
import Vapor

/// A criterion of a model-cooperative set as stored.
struct CriterionRecord: Content, Sendable {
    var id: Int
    var provinceCode: String?
    var position: Int
    var title: String
    var guidance: String?
    var basis: CriterionBasis?
}

/// One organisation's checklist against its province's criteria for a year.
struct ModelChecklist: Content, Sendable {
    struct Line: Content, Sendable {
        let criterion: CriterionRecord
        /// The officer's judgement, nil while not assessed.
        let met: Bool?
        let note: String?
        /// What the data says, for the criteria the data speaks to.
        let dataSuggestsMet: Bool?
        let dataReading: String?
    }

    let organizationId: Int
    let year: Int
    let lines: [Line]
    /// Every criterion assessed as met: a candidate for recognition as a model cooperative.
    var meetsAll: Bool { !lines.isEmpty && lines.allSatisfy { $0.met == true } }
    var assessed: Int { lines.filter { $0.met != nil }.count }
}

enum ModelCriteriaQueries {
    /// The set a province judges by: its own criteria once it has adopted a set, the shipped ones until then.
    /// Whether the province has adopted a set of its own (withdrawn criteria count: the set stays the province's).
    static func hasOwnSet(_ province: String, on sql: any SQLDatabase) async throws -> Bool {
        try await sql.raw("SELECT COUNT(*) AS n FROM model_criteria WHERE province_code = \(bind: province)").first(decodingColumn: "n", as: Int.self) ?? 0 > 0
    }

    static func criteria(forProvince province: String?, on sql: any SQLDatabase) async throws -> [CriterionRecord] {
        var adopted = false
        if let province { adopted = try await hasOwnSet(province, on: sql) }
        let owner: SQLQueryString = adopted ? "province_code = \(bind: province ?? "")" : "province_code IS NULL"
        return try await sql.raw("""
            SELECT id, province_code, position, title, guidance, basis FROM model_criteria WHERE \(owner) AND withdrawn_at IS NULL ORDER BY position, id
            """).all(decoding: CriterionRecord.self, keyDecodingStrategy: .snakeCaseColumns)
    }

    /// The registry's facts of the organisation in the year that the criteria's readings use.
    static func evidence(of organizationId: Int, year: Int, on sql: any SQLDatabase) async throws -> ModelEvidence {
        var data = ModelEvidence(year: year)
        data.topBand = Rubric.tt01_2020.bands.first?.code
        struct Report: Decodable { let year: Int; let revenue: Int64; let pretaxProfit: Int64; let valueChain: Int64; let highTech: Int64 }
        let reports = try await sql.raw("""
            SELECT year, revenue, pretax_profit, value_chain, high_tech FROM annual_reports
            WHERE organization_id = \(bind: organizationId) AND year IN (\(bind: year), \(bind: year - 1)) AND state IN (\(binds: ReportState.submittedStates.map(\.rawValue)))
            """).all(decoding: Report.self, keyDecodingStrategy: .snakeCaseColumns)
        if let report = reports.first(where: { $0.year == year }) {
            data.reportSubmitted = true
            data.revenue = Money(dong: report.revenue)
            data.profit = Money(dong: report.pretaxProfit)
            data.valueChain = report.valueChain != 0
            data.highTech = report.highTech != 0
        }
        data.revenueBefore = reports.first { $0.year == year - 1 }.map { Money(dong: $0.revenue) }
        data.band = try await sql.raw("SELECT band FROM classifications WHERE organization_id = \(bind: organizationId) AND year = \(bind: year)")
            .first(decodingColumn: "band", as: String?.self) ?? nil
        data.bandLabel = data.band.map { Rubric.tt01_2020.label(ofBand: $0) }
        data.trainedPeople = try await sql.raw("""
            SELECT COUNT(*) AS n FROM support_records s JOIN support_policies p ON p.id = s.policy_id
            WHERE s.organization_id = \(bind: organizationId) AND p.kind = \(bind: PolicyKind.training.rawValue) AND s.person_name IS NOT NULL
              AND s.status IN (\(binds: SupportStatus.allCases.filter(\.isDelivered).map(\.rawValue))) AND s.support_date <= \(bind: "\(year)-12-31")
            """).first(decodingColumn: "n", as: Int.self) ?? 0
        return data
    }

    static func checklist(of organization: OrganizationRecord, year: Int, on sql: any SQLDatabase) async throws -> ModelChecklist {
        let criteria = try await criteria(forProvince: organization.provinceCode, on: sql)
        struct Assessment: Decodable { let criterionId: Int; let met: Bool; let note: String? }
        let assessments = Dictionary(try await sql.raw("""
            SELECT criterion_id, met, note FROM model_assessments WHERE organization_id = \(bind: organization.id) AND year = \(bind: year)
            """).all(decoding: Assessment.self, keyDecodingStrategy: .snakeCaseColumns).map { ($0.criterionId, $0) }, uniquingKeysWith: { a, _ in a })
        let data = try await evidence(of: organization.id, year: year, on: sql)
        return ModelChecklist(organizationId: organization.id, year: year, lines: criteria.map { criterion in
            let reading = criterion.basis?.reading(data)
            return .init(criterion: criterion, met: assessments[criterion.id]?.met, note: assessments[criterion.id]?.note,
                         dataSuggestsMet: reading?.suggestsMet, dataReading: reading?.text)
        })
    }
}

/// `/model-criteria`: the set a province judges model cooperatives by, which its officers adopt from the shipped one
/// and then extend or trim; `/organizations/{id}/model-criteria`: an organisation's checklist of a year, each
/// criterion with what the registry's data says beside the officer's judgement.
struct ModelCriteriaController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.getEveryRepresentation("model-criteria", access: .signedIn(.readSupport), use: list)
        routes.on(.POST, "model-criteria", "adopt", access: .signedIn(.managePolicies), use: adopt)
        routes.on(.POST, "model-criteria", access: .signedIn(.managePolicies), use: add)
        routes.on(.POST, "model-criteria", ":criterionId", "withdraw", access: .signedIn(.managePolicies), use: withdraw)
        routes.getEveryRepresentation("organizations", ":id", "model-criteria", access: .signedIn(.readSupport), use: checklist)
        routes.on(.POST, "organizations", ":id", "model-criteria", access: .signedIn(.recordSupport), use: assess)
    }

    /// The province whose set the user sees or keeps: their own (a commune officer's is the commune's), or the one the
    /// administrator or a national viewer names with `province`.
    private func province(_ req: Request) async throws -> String? {
        let principal = try req.requirePrincipal()
        let sql = try req.db.sql()
        switch principal.readScope {
        case .province(let code): return code
        case .commune(let code): return try await Area.commune(code, on: sql).provinceCode
        default:
            guard let raw = (req.query[String.self, at: "province"] ?? (try? req.content.get(String.self, at: "province")))?.trimmed, !raw.isEmpty else { return nil }
            return try await Area.province(raw, on: sql).code
        }
    }

    /// Only a provincial officer of the province, or the administrator, keeps a province's set.
    private func keptProvince(_ req: Request) async throws -> String {
        let principal = try req.requirePrincipal()
        guard principal.role == .admin || principal.role == .provinceOfficer else {
            throw Abort(.forbidden, reason: "Chỉ cán bộ cấp tỉnh hoặc quản trị hệ thống sửa bộ tiêu chí của tỉnh.")
        }
        guard let province = try await province(req) else { throw Abort(.badRequest, reason: "Cần ghi mã tỉnh (trường “province”, mã 2025) của bộ tiêu chí.") }
        return province
    }

    @Sendable func list(req: Request, representation: Representation) async throws -> Response {
        let principal = try req.requirePrincipal()
        let sql = try req.db.sql()
        let province = try await province(req)
        let criteria = try await ModelCriteriaQueries.criteria(forProvince: province, on: sql)
        let year = try req.yearQuery(default: Day.today().year - 1)
        // Organisations of the province assessed as meeting every criterion of the set in the year.
        var area = OrganizationFilter()
        area.scope = principal.readScope
        if let province { area.province = province }
        struct Candidate: Content { let id: Int; let name: String; let communeName: String; let met: Int }
        let candidates = criteria.isEmpty ? [] : try await sql.raw("""
            SELECT o.id, o.name, cm.name AS commune_name, COUNT(*) AS met FROM model_assessments a JOIN organizations o ON o.id = a.organization_id
            JOIN communes cm ON cm.code = o.commune_code
            WHERE \(OrganizationQueries.condition(area, on: sql)) AND a.year = \(bind: year) AND a.met = \(bind: true) AND a.criterion_id IN (\(binds: criteria.map(\.id)))
            GROUP BY o.id, o.name, cm.name HAVING COUNT(*) = \(bind: criteria.count) ORDER BY o.name
            """).all(decoding: Candidate.self, keyDecodingStrategy: .snakeCaseColumns)
        switch representation {
        case .json:
            struct Body: Encodable { let provinceCode: String?; let ownSet: Bool; let year: Int; let criteria: [CriterionRecord]; let candidates: [Candidate] }
            return try Responses.json(Body(provinceCode: province, ownSet: criteria.first?.provinceCode != nil, year: year, criteria: criteria, candidates: candidates))
        case .csv, .xlsx:
            return try Responses.table("tieu-chi-htx-kieu-mau", as: representation, header: ["Số", "Thứ tự", "Tiêu chí", "Hướng dẫn", "Dữ liệu đối chiếu", "Bộ tiêu chí"],
                                       rows: criteria.map { [PlainNumber($0.id), PlainNumber($0.position), $0.title, $0.guidance, $0.basis?.label,
                                                             $0.provinceCode.map { "Tỉnh \($0)" } ?? "Bộ mặc định"] })
        case .html:
            let canKeep = (principal.role == .admin && province != nil) || principal.role == .provinceOfficer
            return ModelCriteriaPage(province: province, criteria: criteria, year: year, candidates: candidates.map { ($0.id, $0.name, $0.communeName) },
                                     canKeep: canKeep, problem: nil).page().response()
        }
    }

    @Sendable func adopt(req: Request) async throws -> Response {
        let province = try await keptProvince(req)
        let actor = req.actor
        try await req.db.write { db in
            let sql = try db.sql()
            guard try await !ModelCriteriaQueries.hasOwnSet(province, on: sql) else { return }
            let now = Timestamp.now()
            for criterion in try await ModelCriteriaQueries.criteria(forProvince: nil, on: sql) {
                try await sql.raw("""
                    INSERT INTO model_criteria (province_code, position, title, guidance, basis, actor, recorded_at)
                    VALUES (\(bind: province), \(bind: criterion.position), \(bind: criterion.title), \(bind: criterion.guidance), \(bind: criterion.basis?.rawValue),
                            \(bind: actor.name), \(bind: now))
                    """).run()
            }
            try await AuditLog.record("model_criteria.adopt", entity: "model_criteria", id: nil, provinceCode: province,
                                      summary: "Lập bộ tiêu chí HTX kiểu mẫu của tỉnh \(province) từ bộ mặc định", actor: actor, on: sql)
        }
        return req.redirect(to: "/model-criteria?province=\(province)", redirectType: .normal)
    }

    @Sendable func add(req: Request) async throws -> Response {
        let province = try await keptProvince(req)
        struct Body: Content { var title: String?; var guidance: String?; var basis: String? }
        let body = try req.decodeBody(Body.self)
        let title = (body.title ?? "").trimmed.precomposedStringWithCanonicalMapping, guidance = (body.guidance ?? "").trimmed.precomposedStringWithCanonicalMapping
        let sql = try req.db.sql()
        var problem: String?
        if title.isEmpty { problem = "Cần ghi nội dung tiêu chí." } else if title.count > 500 || guidance.count > 2_000 { problem = "Tiêu chí dài quá 500 ký tự hoặc hướng dẫn dài quá 2.000 ký tự." }
        let basis = (body.basis ?? "").isEmpty ? nil : CriterionBasis(rawValue: body.basis ?? "")
        if basis == nil, !(body.basis ?? "").isEmpty { problem = "Dữ liệu đối chiếu “\(body.basis ?? "")” không có trong danh sách." }
        if try await !ModelCriteriaQueries.hasOwnSet(province, on: sql) { problem = "Tỉnh chưa lập bộ tiêu chí riêng: bấm “Lập bộ tiêu chí của tỉnh” trước, rồi thêm tiêu chí." }
        if let problem {
            return ModelCriteriaPage(province: province, criteria: try await ModelCriteriaQueries.criteria(forProvince: province, on: sql), year: Day.today().year - 1,
                                     candidates: [], canKeep: true, problem: problem).page(status: .unprocessableEntity).response()
        }
        let actor = req.actor
        try await req.db.write { db in
            let sql = try db.sql()
            let position = (try await sql.raw("SELECT MAX(position) AS n FROM model_criteria WHERE province_code = \(bind: province)").first(decodingColumn: "n", as: Int?.self) ?? nil) ?? 0
            try await sql.raw("""
                INSERT INTO model_criteria (province_code, position, title, guidance, basis, actor, recorded_at)
                VALUES (\(bind: province), \(bind: position + 1), \(bind: title), \(bind: guidance.isEmpty ? nil : guidance), \(bind: basis?.rawValue), \(bind: actor.name), \(bind: Timestamp.now()))
                """).run()
            try await AuditLog.record("model_criteria.add", entity: "model_criteria", id: nil, provinceCode: province, summary: "Thêm tiêu chí HTX kiểu mẫu: \(title)", actor: actor, on: sql)
        }
        return req.redirect(to: "/model-criteria?province=\(province)", redirectType: .normal)
    }

    @Sendable func withdraw(req: Request) async throws -> Response {
        let province = try await keptProvince(req)
        guard let id = req.parameters.get("criterionId").flatMap(Int.init) else { throw Abort(.notFound, reason: "Không có tiêu chí này.") }
        let actor = req.actor
        try await req.db.write { db in
            let sql = try db.sql()
            guard let title = try await sql.raw("""
                UPDATE model_criteria SET withdrawn_at = \(bind: Timestamp.now()) WHERE id = \(bind: id) AND province_code = \(bind: province) AND withdrawn_at IS NULL RETURNING title
                """).first(decodingColumn: "title", as: String.self) else {
                throw Abort(.notFound, reason: "Bộ tiêu chí của tỉnh không có tiêu chí số \(id) đang dùng (tiêu chí của bộ mặc định không bỏ được; hãy lập bộ của tỉnh).")
            }
            try await AuditLog.record("model_criteria.withdraw", entity: "model_criteria", id: String(id), provinceCode: province, summary: "Bỏ tiêu chí HTX kiểu mẫu: \(title)", actor: actor, on: sql)
        }
        return req.redirect(to: "/model-criteria?province=\(province)", redirectType: .normal)
    }

    /// The organisation of the path, if the user may read its full record.
    private func organization(_ req: Request) async throws -> OrganizationRecord {
        guard let id = req.parameters.get("id").flatMap(Int.init), let organization = try await OrganizationQueries.find(id: id, on: req.db.sql()),
              req.seesFullRecord(organization) else {
            throw Abort(.notFound, reason: "Không có tổ chức này trong phạm vi của tài khoản.")
        }
        return organization
    }

    @Sendable func checklist(req: Request, representation: Representation) async throws -> Response {
        let organization = try await organization(req)
        let year = try req.yearQuery(default: Day.today().year - 1)
        let checklist = try await ModelCriteriaQueries.checklist(of: organization, year: year, on: req.db.sql())
        switch representation {
        case .json: return try Responses.json(checklist)
        case .csv, .xlsx:
            let judged = { (met: Bool?) in met.map { $0 ? "Đạt" : "Chưa đạt" } ?? "Chưa đánh giá" }
            return try Responses.table("tieu-chi-kieu-mau-\(organization.id)-\(year)", as: representation,
                                       header: ["Thứ tự", "Tiêu chí", "Đánh giá", "Ghi chú", "Dữ liệu đối chiếu"],
                                       rows: checklist.lines.map { [PlainNumber($0.criterion.position), $0.criterion.title, judged($0.met), $0.note, $0.dataReading] })
        case .html:
            return ModelChecklistPage(organization: organization, checklist: checklist, canAssess: try req.requirePrincipal().can(.recordSupport)).page().response()
        }
    }

    /// Saves the officer's judgement of every criterion of the year: `met_{id}` is `yes`, `no` or empty (not assessed),
    /// `note_{id}` the reason.
    @Sendable func assess(req: Request) async throws -> Response {
        let organization = try await organization(req)
        let principal = try req.requirePrincipal()
        guard principal.role != .cooperative, principal.readScope.contains(organizationId: organization.id, provinceCode: organization.provinceCode, communeCode: organization.communeCode) else {
            throw Abort(.forbidden, reason: "\(organization.name) không thuộc địa bàn bạn phụ trách.")
        }
        let values = try req.decodeBody([String: String].self)
        guard let raw = values["year"]?.trimmed, let year = Int(raw), ReportingCalendar.years.contains(year) else {
            throw Abort(.badRequest, reason: "Năm đánh giá “\(values["year"] ?? "")” không hợp lệ.")
        }
        let sql = try req.db.sql()
        let criteria = try await ModelCriteriaQueries.criteria(forProvince: organization.provinceCode, on: sql)
        var judgements: [(CriterionRecord, Bool?, String?)] = []
        for criterion in criteria {
            let met: Bool?
            switch values["met_\(criterion.id)"]?.trimmed ?? "" {
            case "yes": met = true
            case "no": met = false
            case "": met = nil
            case let other: throw Abort(.badRequest, reason: "Đánh giá tiêu chí “\(criterion.title)”: “\(other)” không phải “yes”, “no” hay để trống.")
            }
            let note = (values["note_\(criterion.id)"] ?? "").trimmed.precomposedStringWithCanonicalMapping
            guard note.count <= 1_000 else { throw Abort(.badRequest, reason: "Ghi chú của tiêu chí “\(criterion.title)” dài quá 1.000 ký tự.") }
            judgements.append((criterion, met, note.isEmpty ? nil : note))
        }
        let actor = req.actor, judged = judgements
        let before = try await ModelCriteriaQueries.checklist(of: organization, year: year, on: sql)
        try await req.db.write { db in
            let sql = try db.sql()
            let now = Timestamp.now()
            for (criterion, met, note) in judged {
                try await sql.raw("DELETE FROM model_assessments WHERE organization_id = \(bind: organization.id) AND year = \(bind: year) AND criterion_id = \(bind: criterion.id)").run()
                guard let met else { continue }
                try await sql.raw("""
                    INSERT INTO model_assessments (organization_id, year, criterion_id, met, note, actor, recorded_at)
                    VALUES (\(bind: organization.id), \(bind: year), \(bind: criterion.id), \(bind: met), \(bind: note), \(bind: actor.name), \(bind: now))
                    """).run()
            }
            let after = try await ModelCriteriaQueries.checklist(of: organization, year: year, on: sql)
            try await AuditLog.record("model_criteria.assess", entity: "organizations", id: String(organization.id), provinceCode: organization.provinceCode,
                                      summary: "Đánh giá tiêu chí HTX kiểu mẫu năm \(year) của \(organization.name): đạt \(after.lines.filter { $0.met == true }.count)/\(after.lines.count)",
                                      before: before, after: after, actor: actor, on: sql)
        }
        return req.redirect(to: "/organizations/\(organization.id)/model-criteria?year=\(year)", redirectType: .normal)
    }
}
