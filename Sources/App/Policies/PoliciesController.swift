import Foundation
import HopTacCore
import Plot
import SQLKit
import Vapor

/// `/policies`: the support policies an official sees, each with who received what under it; `/support`: every grant
/// in the user's area, filtered by policy, kind, year and unit. Both download as JSON, CSV and XLSX.
struct PoliciesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.getEveryRepresentation("policies", access: .signedIn(.readSupport), use: list)
        routes.on(.GET, "policies", "new", access: .signedIn(.managePolicies), use: newForm)
        routes.on(.POST, "policies", access: .signedIn(.managePolicies), use: create)
        routes.on(.GET, "policies", ":policyId", access: .signedIn(.readSupport), use: show)
        routes.on(.GET, "policies", ":policyId", "edit", access: .signedIn(.managePolicies), use: editForm)
        routes.on(.POST, "policies", ":policyId", access: .signedIn(.managePolicies), use: update)
        routes.on(.POST, "policies", ":policyId", "withdraw", access: .signedIn(.managePolicies), use: withdraw)
        routes.getEveryRepresentation("support", access: .signedIn(.readSupport), use: support)
    }

    /// A policy with what was delivered under it in the user's area.
    struct Summary: Content, Sendable {
        let policy: PolicyRecord
        let grants: Int
        let organizations: Int
        let amount: Money
    }

    /// Each policy's delivered grants in the scope, counted by the database rather than loaded grant by grant.
    static func summaries(_ policies: [PolicyRecord], scope: Scope, on sql: any SQLDatabase) async throws -> [Summary] {
        var area = OrganizationFilter()
        area.scope = scope
        struct Row: Decodable { let policyId: Int; let grants: Int; let organizations: Int; let amount: Int64? }
        let rows = try await sql.raw("""
            SELECT s.policy_id, COUNT(*) AS grants, COUNT(DISTINCT s.organization_id) AS organizations, CAST(SUM(s.amount) AS BIGINT) AS amount
            FROM support_records s JOIN organizations o ON o.id = s.organization_id
            WHERE \(OrganizationQueries.condition(area, on: sql)) AND s.status IN (\(binds: SupportStatus.allCases.filter(\.isDelivered).map(\.rawValue)))
            GROUP BY s.policy_id
            """).all(decoding: Row.self, keyDecodingStrategy: .snakeCaseColumns)
        let byPolicy = Dictionary(rows.map { ($0.policyId, $0) }, uniquingKeysWith: { a, _ in a })
        return policies.map { policy in
            let row = byPolicy[policy.id]
            return Summary(policy: policy, grants: row?.grants ?? 0, organizations: row?.organizations ?? 0, amount: Money(dong: row?.amount ?? 0))
        }
    }

    @Sendable func list(req: Request, representation: Representation) async throws -> Response {
        let principal = try req.requirePrincipal()
        let sql = try req.db.sql()
        let rows = try await Self.summaries(try await PolicyQueries.policies(visibleTo: principal.readScope, on: sql), scope: principal.readScope, on: sql)
        switch representation {
        case .json:
            return try Responses.json(PagedList(total: rows.count, page: 1, perPage: rows.count, items: rows))
        case .csv, .xlsx:
            return try Responses.table("chinh-sach-ho-tro", as: representation,
                                       header: ["Số", "Mã", "Tên chính sách", "Văn bản", "Ngày ban hành", "Cơ quan ban hành", "Cấp", "Đơn vị", "Loại hỗ trợ",
                                                "Nguồn kinh phí", "Từ năm", "Đến năm", "Cơ quan thực hiện", "Khoản hỗ trợ", "Tổ chức được hỗ trợ", "Kinh phí (triệu đồng)"],
                                       rows: rows.map { row in
                                           let p = row.policy
                                           return [PlainNumber(p.id), p.code, p.title, p.documentNumber, p.documentDate, p.issuer, p.level.label, p.unitCode, p.kind.label,
                                                   p.budgetSource, PlainNumber(p.periodFrom), PlainNumber(p.periodTo), p.agency, row.grants, row.organizations, row.amount]
                                       })
        case .html:
            return PolicyListPage(rows: rows, canCreate: principal.can(.managePolicies), canImport: principal.can(.recordSupport)).page().response()
        }
    }

    @Sendable func newForm(req: Request) async throws -> Response {
        PolicyFormPage(policy: nil, values: ["level": "province", "kind": PolicyKind.training.rawValue, "unit_code": req.principal?.unitCode ?? ""], problems: [:]).page().response()
    }

    @Sendable func create(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        let values = try req.decodeBody([String: String].self)
        let (input, problems) = PolicyStore.Input.read(values)
        guard problems.isEmpty else { return PolicyFormPage(policy: nil, values: values, problems: problems).page(status: .unprocessableEntity).response() }
        do {
            let id = try await PolicyStore.create(input, principal: principal, actor: req.actor, on: req.db)
            return req.redirect(to: "/policies/\(id)", redirectType: .normal)
        } catch let failure as ValidationFailure {
            return PolicyFormPage(policy: nil, values: values, problems: failure.problems).page(status: .unprocessableEntity).response()
        }
    }

    /// The policy of the path if the user may see it, with how the path asks for it.
    private func policy(_ req: Request) async throws -> (PolicyRecord, Representation) {
        let (raw, representation) = Representation.split(req.parameters.get("policyId") ?? "")
        guard let id = Int(raw), id > 0 else { throw Abort(.notFound, reason: "Không có chính sách “\(raw)”.") }
        return (try await PolicyQueries.policy(id, visibleTo: try req.requirePrincipal().readScope, on: req.db.sql()), representation)
    }

    @Sendable func editForm(req: Request) async throws -> Response {
        let (policy, _) = try await policy(req)
        try await PolicyStore.requireKeeper(of: policy, principal: try req.requirePrincipal(), on: req.db.sql())
        return PolicyFormPage(policy: policy, values: policy.formValues, problems: [:]).page().response()
    }

    @Sendable func update(req: Request) async throws -> Response {
        let (policy, _) = try await policy(req)
        let principal = try req.requirePrincipal()
        let values = try req.decodeBody([String: String].self)
        let version = try req.postedVersion(of: "chính sách")
        let (input, problems) = PolicyStore.Input.read(values)
        guard problems.isEmpty else { return PolicyFormPage(policy: policy, values: values, problems: problems).page(status: .unprocessableEntity).response() }
        do {
            try await PolicyStore.update(policy, version: version, to: input, principal: principal, actor: req.actor, on: req.db)
        } catch let failure as ValidationFailure {
            return PolicyFormPage(policy: policy, values: values, problems: failure.problems).page(status: .unprocessableEntity).response()
        } catch let conflict as PolicyStore.EditConflict {
            let current = try await PolicyQueries.policy(policy.id, visibleTo: .everything, on: req.db.sql())
            return PolicyFormPage(policy: current, values: values.merging(["version": String(current.version)]) { $1 },
                                  problems: ["version": FieldProblem(conflict.reason)]).page(status: .conflict).response()
        }
        return req.redirect(to: "/policies/\(policy.id)", redirectType: .normal)
    }

    @Sendable func withdraw(req: Request) async throws -> Response {
        let (policy, _) = try await policy(req)
        let version = try req.postedVersion(of: "chính sách")
        do {
            try await PolicyStore.withdraw(policy, version: version, principal: try req.requirePrincipal(), actor: req.actor, on: req.db)
        } catch let failure as ValidationFailure {
            throw Abort(.conflict, reason: failure.problems["withdraw"]?.message ?? "Không thu hồi được chính sách \(policy.code).")
        } catch let conflict as PolicyStore.EditConflict {
            throw Abort(.conflict, reason: conflict.reason)
        }
        return req.redirect(to: "/policies", redirectType: .normal)
    }

    /// A policy: its legal basis, totals by year and by unit, and every grant in the user's area.
    @Sendable func show(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        let (policy, representation) = try await policy(req)
        let sql = try req.db.sql()
        let grants = try await PolicyQueries.support(.init(policyId: policy.id), scope: principal.readScope, on: sql)
        let totals = PolicyTotals(grants)
        switch representation {
        case .json:
            struct Body: Encodable {
                let policy: PolicyRecord; let byYear: [PolicyTotals.Line]; let byCommune: [PolicyTotals.Line]; let outcome: SupportOutcome; let items: [SupportRecord]
            }
            return try Responses.json(Body(policy: policy, byYear: totals.byYear, byCommune: totals.byCommune,
                                           outcome: try await PolicyQueries.outcome(of: grants, on: sql), items: grants))
        case .csv, .xlsx:
            return try Self.grantsTable("ho-tro-\(policy.code)", grants, as: representation)
        case .html:
            let canKeep = (try? await PolicyStore.requireKeeper(of: policy, principal: principal, on: sql)) != nil
            let recordable = principal.can(.recordSupport) ? try await GrantsController.policies(for: GrantsController.permit(req), on: sql) : []
            let canRecord = recordable.contains { $0.id == policy.id }
            return PolicyPage(policy: policy, totals: totals, outcome: try await PolicyQueries.outcome(of: grants, on: sql), grants: grants,
                              pageNumber: try req.pageQuery(), canKeep: canKeep, canRecord: canRecord).page().response()
        }
    }

    /// `/support`: grants in the user's area, by `policy`, `kind`, `year` and `province` or `commune`.
    @Sendable func support(req: Request, representation: Representation) async throws -> Response {
        let principal = try req.requirePrincipal()
        let sql = try req.db.sql()
        let area = try await Area.fromQuery(req)
        var filter = PolicyQueries.Filter(area: area.filter)
        if let raw = req.query[String.self, at: "kind"]?.trimmed, !raw.isEmpty {
            guard let kind = PolicyKind(rawValue: raw) else {
                throw Abort(.badRequest, reason: "Tham số “kind” (loại hỗ trợ) không hợp lệ: “\(raw)”. Giá trị được phép: \(PolicyKind.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            filter.kind = kind
        }
        if let raw = req.query[String.self, at: "policy"]?.trimmed, !raw.isEmpty {
            guard let id = Int(raw), id > 0 else { throw Abort(.badRequest, reason: "Tham số “policy”: “\(raw)” không phải số hồ sơ chính sách.") }
            filter.policyId = try await PolicyQueries.policy(id, visibleTo: principal.readScope, on: sql).id
        }
        if req.query[String.self, at: "year"]?.trimmed.isEmpty == false { filter.year = try req.yearQuery(default: Day.today().year) }
        let grants = try await PolicyQueries.support(filter, scope: principal.readScope, on: sql)
        switch representation {
        case .json:
            return try Responses.json(PagedList(total: grants.count, page: 1, perPage: grants.count, items: grants))
        case .csv, .xlsx:
            return try Self.grantsTable("ho-tro-\(area.code)", grants, as: representation)
        case .html:
            return SupportListPage(area: area, filter: filter, grants: grants, totals: PolicyTotals(grants), pageNumber: try req.pageQuery(),
                                   canImport: principal.can(.recordSupport)).page().response()
        }
    }

    static func grantsTable(_ name: String, _ grants: [SupportRecord], as representation: Representation) throws -> Response {
        try Responses.table(name, as: representation,
                            header: ["Số", "Chính sách", "Loại hỗ trợ", "Mã số HTX", "Tên tổ chức", "Xã, phường", "Mã tỉnh", "Họ và tên", "Chức vụ", "Ngày hỗ trợ",
                                     "Đến ngày", "Số tiền (triệu đồng)", "Số lượng", "Đơn vị tính", "Trạng thái", "Cơ quan thực hiện", "Khóa học, nội dung", "Địa điểm",
                                     "Trình độ", "Bên cho vay", "Lãi suất (%/năm)", "Thời hạn vay (tháng)", "Dư nợ (triệu đồng)", "Nợ quá hạn (triệu đồng)",
                                     "Diện tích (m²)", "Hình thức sử dụng đất", "Số quyết định", "Cấp công nhận, khen thưởng", "Hình thức khen thưởng", "Ghi chú",
                                     "Đã chi trả theo kỳ (triệu đồng)", "Khóa học số"],
                            rows: grants.map { g in
                                [PlainNumber(g.id), g.policy, g.kind.label, g.registrationCode, g.organizationName, g.communeName, g.provinceCode, g.personName,
                                 g.personPosition, g.date, g.endDate, g.amount, g.quantity, g.quantity == nil ? nil : g.unit, g.status.label, g.agency, g.course, g.place,
                                 g.degree, g.lender, g.interestRate, g.termMonths, g.outstanding, g.overdue, g.landArea, g.landForm?.label, g.decisionNumber, g.awardLevel?.label, g.awardForm, g.note,
                                 g.paid, g.courseId.map(PlainNumber.init)]
                            })
    }
}

/// What was delivered, by year and by commune: grants, organisations and amounts of the delivered grants.
struct PolicyTotals: Sendable {
    struct Line: Content, Sendable {
        let key: String
        let label: String
        let grants: Int
        let organizations: Int
        let amount: Money
    }

    let byYear: [Line]
    let byCommune: [Line]

    init(_ grants: [SupportRecord]) {
        let delivered = grants.filter(\.status.isDelivered)
        func lines(_ key: (SupportRecord) -> (String, String)) -> [Line] {
            Dictionary(grouping: delivered) { key($0).0 }.map { code, group in
                Line(key: code, label: group.first.map { key($0).1 } ?? code, grants: group.count, organizations: Set(group.map(\.organizationId)).count,
                     amount: group.compactMap(\.amount).reduce(.zero, +))
            }
        }
        byYear = lines { (String($0.date.year), "Năm \($0.date.year)") }.sorted { $0.key > $1.key }
        byCommune = lines { ($0.communeCode, $0.communeName) }.sorted { foldForSearch($0.label) < foldForSearch($1.label) }
    }
}

extension PolicyRecord {
    /// The policy as its form shows it, each field as `PolicyStore.Input.read` reads it back.
    var formValues: [String: String] {
        let values: [String: String?] = [
            "code": code, "title": title, "document_number": documentNumber, "document_date": documentDate?.vietnamese, "issuer": issuer, "level": level.rawValue,
            "unit_code": unitCode, "kind": kind.rawValue, "budget_source": budgetSource, "period_from": String(periodFrom), "period_to": String(periodTo),
            "agency": agency, "conditions": conditions, "version": String(version),
        ]
        return values.compactMapValues { $0 }
    }
}
