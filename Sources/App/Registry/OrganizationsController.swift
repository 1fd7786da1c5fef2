import Fluent
import HopTacCore
import Vapor

/// The registry's HTML pages and their `.csv`/`.json` twins.
struct OrganizationsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.getEveryRepresentation("organizations", access: .anyone, use: list)
        routes.on(.POST, "organizations", access: .signedIn(.createOrganization), use: create)
        routes.on(.GET, "organizations", "new", access: .signedIn(.createOrganization), use: newForm)
        routes.on(.GET, "organizations", ":id", access: .anyone, use: show)
        routes.on(.POST, "organizations", ":id", access: .organization(.editOrganization), use: update)
        routes.on(.GET, "organizations", ":id", "edit", access: .organization(.editOrganization), use: editForm)
        routes.on(.GET, "organizations", ":id", "status", access: .organization(.changeOrganizationStatus), use: statusForm)
        routes.on(.POST, "organizations", ":id", "status", access: .organization(.changeOrganizationStatus), use: changeStatus)
    }

    @Sendable func list(req: Request, representation: Representation) async throws -> Response {
        let filter = try OrganizationFilter(from: req)
        let sql = try req.db.sql()
        switch representation {
        case .csv, .xlsx:
            let items = try await OrganizationQueries.list(filter, paged: false, on: sql).map(req.visible)
            return try Responses.table("to-chuc-kinh-te-tap-the", as: representation, header: OrganizationTable.header, rows: items.map(OrganizationTable.row))
        case .json:
            let total = try await OrganizationQueries.cachedCount(filter, cache: req.application.liveCache, on: sql)
            let items = try await OrganizationQueries.list(filter, paged: true, total: total, on: sql).map(req.visible)
            return try Responses.json(PagedList(total: total, page: filter.page, perPage: filter.perPage, items: items))
        case .html:
            async let facets = req.application.liveCache.value("facets|" + filter.cacheKey, from: ["organizations"], on: sql) {
                try await OrganizationQueries.facets(filter, on: sql)
            }
            let total = try await OrganizationQueries.cachedCount(filter, cache: req.application.liveCache, on: sql)
            let items = try await OrganizationQueries.list(filter, paged: true, total: total, on: sql)
            return OrganizationListPage(filter: filter, total: total, items: items.map(req.visible), facets: try await facets,
                                        canCreate: req.principal?.can(.createOrganization) ?? false).page().response()
        }
    }

    @Sendable func show(req: Request) async throws -> Response {
        let (raw, representation) = Representation.split(req.parameters.get("id") ?? "")
        guard let id = Int(raw), let stored = try await OrganizationQueries.find(id: id, on: try req.db.sql()) else {
            throw Abort(.notFound, reason: "Không có tổ chức số “\(raw)”.")
        }
        let sql = try req.db.sql()
        let full = req.seesFullRecord(stored)
        let record = req.visible(stored)
        switch representation {
        case .json: return try Responses.json(record)
        case .csv, .xlsx: return try Responses.table("to-chuc-\(id)", as: representation, header: OrganizationTable.header, rows: [OrganizationTable.row(record)])
        case .html:
            var membersFilter = OrganizationFilter()
            membersFilter.unionId = id
            let writeScope = req.registryWriteScope
            return OrganizationDetailPage(
                record: record,
                // The reasons behind status changes are officers' notes: the public sees the dated lifecycle only.
                statusEvents: try await OrganizationQueries.statusEvents(organizationId: id, on: sql).map { event in
                    var shown = event
                    if !full { shown.reason = nil }
                    return shown
                },
                changes: full ? try await OrganizationQueries.changes(organizationId: id, on: sql) : nil,
                members: record.type == .lhhtx ? try await OrganizationQueries.list(membersFilter, paged: false, on: sql) : [],
                absorbed: try await OrganizationQueries.absorbed(into: id, on: sql),
                canEdit: writeScope.contains(organizationId: id, provinceCode: record.provinceCode, communeCode: record.communeCode),
                canChangeStatus: (req.principal?.can(.changeOrganizationStatus) ?? false)
                    && writeScope.contains(organizationId: id, provinceCode: record.provinceCode, communeCode: record.communeCode),
                canReadReports: full && (req.principal?.can(.readReports) ?? false),
                support: full ? try await PolicyQueries.support(.init(organizationId: id), scope: .everything, on: sql) : nil,
                creditFundYears: full && record.type == .qtdnd ? try await CreditFundQueries.years(of: [id], on: sql)[id] ?? [] : nil
            ).page().response()
        }
    }

    @Sendable func newForm(req: Request) async throws -> Response {
        var values = ["type": OrganizationType.htx.rawValue, "sector": Sector.agriculture.rawValue]
        if let commune = req.query[String.self, at: "commune"] { values["commune_code"] = commune }
        let choices = try await formChoices(req)
        return OrganizationFormPage(existing: nil, values: values, choices: choices).page().response()
    }

    @Sendable func editForm(req: Request) async throws -> Response {
        let record = try await findOr404(req)
        let choices = try await formChoices(req, currentCommune: record.communeCode)
        return OrganizationFormPage(existing: record, values: OrganizationFormPage.values(of: record), choices: choices).page().response()
    }

    @Sendable func create(req: Request) async throws -> Response {
        let values = try req.decodeBody([String: String].self)
        let (input, parseProblems) = OrganizationInput.fromForm(values)
        do {
            guard parseProblems.isEmpty else { throw ValidationFailure(problems: merged(parseProblems, input)) }
            let id = try await OrganizationStore.create(input, within: req.registryWriteScope, actor: req.actor, on: req.db)
            return req.redirect(to: "/organizations/\(id)", redirectType: .normal)
        } catch let failure as ValidationFailure {
            let choices = try await formChoices(req)
            return OrganizationFormPage(existing: nil, values: values, problems: failure.problems, choices: choices).page().response()
        }
    }

    @Sendable func update(req: Request) async throws -> Response {
        let record = try await findOr404(req)
        let values = try req.decodeBody([String: String].self)
        let (input, parseProblems) = OrganizationInput.fromForm(values)
        do {
            guard let version = values["version"].flatMap(Int.init) else {
                throw Abort(.badRequest, reason: "Biểu mẫu thiếu số phiên bản; hãy tải lại trang sửa.")
            }
            guard parseProblems.isEmpty else { throw ValidationFailure(problems: merged(parseProblems, input)) }
            try await OrganizationStore.update(id: record.id, input, expectedVersion: version, within: req.registryWriteScope, actor: req.actor, on: req.db)
            return req.redirect(to: "/organizations/\(record.id)", redirectType: .normal)
        } catch let failure as ValidationFailure {
            let choices = try await formChoices(req, currentCommune: record.communeCode)
            return OrganizationFormPage(existing: record, values: values, problems: failure.problems, choices: choices).page().response()
        } catch let stale as StaleVersion {
            // Keep what the person typed, but carry the current version so a deliberate second save goes through.
            var kept = values
            kept["version"] = String(stale.current.version)
            let choices = try await formChoices(req, currentCommune: record.communeCode)
            return OrganizationFormPage(existing: stale.current, values: kept, conflict: stale.current, choices: choices).page().response()
        }
    }

    @Sendable func statusForm(req: Request) async throws -> Response {
        // The dormancy list links here with the next step of the dissolution workflow filled in.
        var values = ["effective_from": Day.today().vietnamese]
        for name in ["status", "reason"] { if let value = req.query[String.self, at: name] { values[name] = value } }
        return StatusFormPage(record: try await findOr404(req), values: values).page().response()
    }

    @Sendable func changeStatus(req: Request) async throws -> Response {
        let record = try await findOr404(req)
        let values = try req.decodeBody([String: String].self)
        let (change, parseProblems) = StatusChangeForm.read(values)
        do {
            guard let version = values["version"].flatMap(Int.init) else { throw Abort(.badRequest, reason: "Biểu mẫu thiếu số phiên bản; hãy tải lại trang.") }
            guard parseProblems.isEmpty, let change else { throw ValidationFailure(problems: parseProblems) }
            try await OrganizationStore.changeStatus(id: record.id, change, expectedVersion: version, within: req.registryWriteScope, actor: req.actor, on: req.db)
            return req.redirect(to: "/organizations/\(record.id)", redirectType: .normal)
        } catch let failure as ValidationFailure {
            return StatusFormPage(record: record, values: values, problems: failure.problems).page().response()
        } catch let stale as StaleVersion {
            var kept = values
            kept["version"] = String(stale.current.version)
            return StatusFormPage(record: stale.current, values: kept, conflict: true).page().response()
        }
    }

    private func findOr404(_ req: Request) async throws -> OrganizationRecord {
        let id = try req.idParameter()
        guard let record = try await OrganizationQueries.find(id: id, on: try req.db.sql()) else {
            throw Abort(.notFound, reason: "Không có tổ chức số \(id).")
        }
        return record
    }

    private func merged(_ parseProblems: [OrganizationField: FieldProblem], _ input: OrganizationInput) -> [String: FieldProblem] {
        var problems = Dictionary(uniqueKeysWithValues: input.problems(today: Day.today()).map { ($0.key.rawValue, $0.value) })
        for (field, problem) in parseProblems { problems[field.rawValue] = problem }
        return problems
    }

    /// The communes the user may file in (for a cooperative: only where it already is) and the unions it may join.
    private func formChoices(_ req: Request, currentCommune: String? = nil) async throws -> OrganizationFormPage.Choices {
        let sql = try req.db.sql()
        var restriction: (province: String?, commune: String?) = (nil, nil)
        switch req.registryWriteScope {
        case .province(let code): restriction.province = code
        case .commune(let code): restriction.commune = code
        case .organization: restriction.commune = currentCommune ?? ""
        case .everything, .nothing: break
        }
        let communes = try await AdminUnitQueries.communeChoices(province: restriction.province, commune: restriction.commune, on: sql)
        var groups: [(province: String, communes: [(code: String, name: String)])] = []
        for commune in communes {
            if groups.last?.province != commune.provinceName { groups.append((commune.provinceName, [])) }
            groups[groups.count - 1].communes.append((commune.code, commune.name))
        }
        return .init(communesByProvince: groups, unions: try await OrganizationQueries.unions(on: sql))
    }
}

/// Reads the status form's text fields into a `StatusChange`.
enum StatusChangeForm {
    static func read(_ values: [String: String]) -> (StatusChange?, [String: FieldProblem]) {
        var problems: [String: FieldProblem] = [:]
        func text(_ name: String) -> String? {
            guard let value = values[name]?.trimmed, !value.isEmpty else { return nil }
            return value
        }
        func day(_ name: String) -> Day? {
            guard let raw = text(name) else { return nil }
            guard let day = Day(vietnamese: raw) ?? Day(iso: raw) else {
                problems[name] = FieldProblem("“\(raw)” không phải là ngày hợp lệ (dd/mm/yyyy).")
                return nil
            }
            return day
        }
        guard let rawStatus = text("status"), let status = OrganizationStatus(rawValue: rawStatus) else {
            return (nil, ["status": FieldProblem("Chưa chọn trạng thái mới hợp lệ.")])
        }
        var mergedInto: Int?
        if let raw = text("merged_into_id") {
            mergedInto = Int(raw)
            if mergedInto == nil { problems["merged_into_id"] = FieldProblem("“\(raw)” không phải là số hồ sơ.") }
        }
        let change = StatusChange(status: status, effectiveFrom: day("effective_from"), effectiveTo: day("effective_to"), mergedIntoId: mergedInto, reason: text("reason"))
        return (change, problems)
    }
}

/// The columns of an organisation list downloaded as CSV or XLSX, headed in Vietnamese. `hoptac import` reads them back.
enum OrganizationTable {
    static let header = [
        "Số hồ sơ", "Tên tổ chức", "Tên viết tắt", "Loại hình", "Lĩnh vực", "Ngành nghề kinh doanh chính", "Mã số", "Ngày đăng ký",
        "Cơ quan cấp đăng ký", "Địa chỉ trụ sở", "Mã xã/phường", "Xã/phường", "Mã tỉnh/thành", "Tỉnh/thành", "Mã xã cũ",
        "Vốn điều lệ (triệu đồng)", "Thành viên chính thức", "Thành viên liên kết", "Lao động thường xuyên",
        "Người đại diện theo pháp luật", "Chức danh người đại diện", "Điện thoại", "Thư điện tử", "Trang web",
        "Số hồ sơ liên hiệp HTX", "Trạng thái", "Trạng thái từ ngày", "Tạm ngừng đến ngày",
    ]

    static func row(_ r: OrganizationRecord) -> [any TableCell] {
        [PlainNumber(r.id), r.name, r.shortName, r.type.label, r.sector.label, r.mainActivities, r.registrationCode, r.registrationDate,
         r.issuingAuthority, r.address, r.communeCode, r.communeName, r.provinceCode, r.provinceName, r.legacyCommuneCode,
         r.charterCapital, r.officialMembers, r.associateMembers, r.workers, r.representativeName, r.representativeTitle,
         r.phone, r.email, r.website, r.unionId.map(PlainNumber.init), r.status.label, r.statusSince, r.suspendedUntil]
    }
}
