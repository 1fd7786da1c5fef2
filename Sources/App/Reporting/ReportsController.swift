import Fluent
import HopTacCore
import Vapor

/// Annual reports of one organisation: the year's page, saving figures, workflow steps and classification overrides.
struct ReportsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, "organizations", ":id", "reports", access: .signedIn(.readReports), use: years)
        routes.on(.GET, "organizations", ":id", "reports", ":year", access: .signedIn(.readReports), use: show)
        routes.on(.POST, "organizations", ":id", "reports", ":year", access: .organization(.handleReports), use: save)
        routes.on(.POST, "organizations", ":id", "reports", ":year", "actions", access: .organization(.handleReports), use: act)
        routes.on(.POST, "organizations", ":id", "classifications", ":year", access: .organization(.classify), use: override)
    }

    /// The organisation, if the viewer may read its reports (its full record is in their read scope).
    private func organization(_ req: Request) async throws -> OrganizationRecord {
        let id = try req.idParameter()
        guard let record = try await OrganizationQueries.find(id: id, on: try req.db.sql()), req.seesFullRecord(record) else {
            throw Abort(.notFound, reason: "Không có tổ chức số \(id) trong phạm vi bạn được xem.")
        }
        try ReportStore.requireReporting(record)
        return record
    }

    private func year(_ req: Request) throws -> (Int, Representation) {
        let (raw, representation) = Representation.split(req.parameters.get("year") ?? "")
        guard let year = Int(raw), ReportingCalendar.years.contains(year) else { throw Abort(.badRequest, reason: "Năm báo cáo “\(raw)” không hợp lệ.") }
        return (year, representation)
    }

    @Sendable func years(req: Request) async throws -> Response {
        let organization = try await organization(req)
        let latest = try await ReportQueries.all(organizationId: organization.id, on: try req.db.sql()).first?.report.year ?? Day.today().year
        return req.redirect(to: "/organizations/\(organization.id)/reports/\(latest)", redirectType: .normal)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let organization = try await organization(req)
        let (year, representation) = try year(req)
        let page = try await page(req, organization: organization, year: year)
        switch representation {
        case .json: return try Responses.json(ReportJSON(page))
        case .html:
            var page = page
            // After a send (see `save` and `act`): what was sent and when, read back from the stored report.
            if req.query[String.self, at: "sent"] != nil, let record = page.record, !record.state.isEditable, let at = record.submittedAt {
                page.notice = "Đã gửi báo cáo năm \(year) lúc \(Show.timestamp(at)). Số liệu đã gửi ở dưới đây."
            }
            return page.page().response()
        case .csv, .xlsx:
            let r = page.report
            return try Responses.table("bao-cao-\(organization.id)-\(year)", as: representation, header: ["Chỉ tiêu", "Đơn vị", "Giá trị"],
                                       rows: ReportField.allCases.map { [$0.label, $0.unit, $0.value(in: r)] })
        }
    }

    func page(_ req: Request, organization: OrganizationRecord, year: Int) async throws -> ReportPage {
        let sql = try req.db.sql()
        let all = try await ReportQueries.all(organizationId: organization.id, on: sql)
        let record = all.first { $0.report.year == year }
        let events = if let record { try await ReportQueries.events(reportId: record.id, on: sql) } else { [ReportEventRecord]() }
        let principal = req.principal
        let writes = req.registryWriteScope.contains(organizationId: organization.id, provinceCode: organization.provinceCode, communeCode: organization.communeCode)
        let calendar = try await ReportQueries.calendar(year: year, on: sql)
        // Shown on the page of the year it is about.
        let reminder = try await Reminders.forOrganization(organization.id, on: .today(), on: sql).flatMap { $0.year == year ? $0 : nil }
        return ReportPage(
            organization: organization, year: year, record: record,
            previous: all.first { $0.report.year == year - 1 }?.report,
            events: events,
            classification: try await ClassificationStore.find(organizationId: organization.id, year: year, on: sql),
            rubric: try await ClassificationStore.rubric(forYear: year, on: sql),
            deadline: calendar.deadline(for: .cooperative, year: year),
            reminder: reminder,
            years: Array(Set(all.map(\.report.year) + [year, Day.today().year])).sorted(),
            levels: principal?.reportingLevels ?? [],
            canWrite: writes && (principal?.can(.handleReports) ?? false),
            canClassify: writes && (principal?.can(.classify) ?? false))
    }

    /// The report form: "Lưu bản nháp" saves; "Gửi báo cáo" (`action=submit`, the form's second button) saves what
    /// the form holds and sends it, all or nothing, so that typed figures are never dropped by a send.
    @Sendable func save(req: Request) async throws -> Response {
        let organization = try await organization(req)
        let (year, _) = try year(req)
        let values = try req.decodeBody([String: String].self)
        let sends = values["action"] == "submit"
        let version = values["version"].flatMap(Int.init)
        let levels = req.principal?.reportingLevels ?? []
        let address = "/organizations/\(organization.id)/reports/\(year)"
        do {
            if sends {
                try await ReportStore.saveAndSubmit(organization: organization, year: year, form: values, expectedVersion: version, levels: levels, actor: req.actor, on: req.db)
                return req.redirect(to: address + "?sent=1", redirectType: .normal)
            }
            try await ReportStore.save(organization: organization, year: year, form: values, expectedVersion: version, levels: levels, actor: req.actor, on: req.db)
            return req.redirect(to: address, redirectType: .normal)
        } catch let failure as ValidationFailure {
            return try await again(req, organization, year: year, status: .unprocessableEntity, values: values, problems: failure.problems,
                                   message: sends ? "Báo cáo CHƯA được gửi và số liệu CHƯA được ghi: có ô không đọc được (nêu dưới đây). Hãy sửa rồi gửi lại." : nil)
        } catch let refused as ReportingError where sends {
            return try await again(req, organization, year: year, status: .unprocessableEntity, values: values,
                                   message: refused.message + " Số liệu vừa nhập CHƯA được ghi; chúng vẫn ở trong biểu mẫu dưới đây.")
        } catch let stale as StaleReport {
            var kept = values
            kept["version"] = String(stale.current.version)
            return try await again(req, organization, year: year, status: .conflict, values: kept,
                                   message: "Báo cáo đã được người khác sửa trong lúc bạn nhập (nay là phiên bản \(stale.current.version)). Số liệu CHƯA được ghi\(sends ? ", báo cáo CHƯA được gửi" : ""); hãy kiểm tra lại rồi \(sends ? "gửi" : "lưu") lại.")
        }
    }

    @Sendable func act(req: Request) async throws -> Response {
        let organization = try await organization(req)
        let (year, _) = try year(req)
        let values = try req.decodeBody([String: String].self)
        guard let action = ReportAction(name: values["action"] ?? "", text: values["text"] ?? "") else {
            throw Abort(.badRequest, reason: "Bước xử lý “\(values["action"] ?? "")” không hợp lệ (submit, accept, return, consolidate, approve, reopen).")
        }
        guard let version = values["version"].flatMap(Int.init) else { throw Abort(.badRequest, reason: "Biểu mẫu thiếu số phiên bản; hãy tải lại trang.") }
        do {
            try await ReportStore.act(action, organization: organization, year: year, expectedVersion: version,
                                      levels: req.principal?.reportingLevels ?? [], actor: req.actor, mail: req.application.config.mail, on: req.db)
            let sent = if case .submit = action { "?sent=1" } else { "" }
            return req.redirect(to: "/organizations/\(organization.id)/reports/\(year)\(sent)", redirectType: .normal)
        } catch let refused as ReportingError {
            return try await again(req, organization, year: year, status: .unprocessableEntity, message: refused.message)
        } catch is StaleReport {
            return try await again(req, organization, year: year, status: .conflict,
                                   message: "Báo cáo đã thay đổi trong lúc bạn xem; bước xử lý CHƯA được thực hiện. Hãy xem lại rồi thực hiện lại.")
        }
    }

    @Sendable func override(req: Request) async throws -> Response {
        let organization = try await organization(req)
        let (year, _) = try year(req)
        let values = try req.decodeBody([String: String].self)
        let rubric = try await ClassificationStore.rubric(forYear: year, on: try req.db.sql())
        guard let band = rubric.bands.first(where: { $0.code == values["band"] }) else {
            throw Abort(.badRequest, reason: "Xếp loại “\(values["band"] ?? "")” không có trong \(rubric.title).")
        }
        do {
            try await ClassificationStore.override(organization: organization, year: year, band: band, reason: values["reason"] ?? "", actor: req.actor, on: req.db)
            return req.redirect(to: "/organizations/\(organization.id)/reports/\(year)", redirectType: .normal)
        } catch let failure as ValidationFailure {
            return try await again(req, organization, year: year, status: .unprocessableEntity, values: values, problems: failure.problems)
        }
    }

    /// The page again after a refused write: what was typed, why, and the status that says so.
    private func again(_ req: Request, _ organization: OrganizationRecord, year: Int, status: HTTPResponseStatus,
                       values: [String: String]? = nil, problems: [String: FieldProblem] = [:], message: String? = nil) async throws -> Response {
        var page = try await page(req, organization: organization, year: year)
        if let values { page.values = values }
        page.problems = problems
        page.message = message
        page.status = status
        return page.page().response()
    }
}

/// `/organizations/{id}/reports/{year}.json`.
struct ReportJSON: Encodable {
    struct Finding: Encodable { let rule: String; let severity: String; let field: String; let message: String }
    struct Score: Encodable { let code: String; let name: String; let points: Double; let max: Double; let explanation: String }
    struct Classification: Encodable {
        let band: String?
        let computedBand: String?
        let total: Double?
        let sizeClass: String?
        let notRatedReason: String?
        let overrideReason: String?
        let scores: [Score]
    }
    let organizationId: Int
    let year: Int
    let state: String?
    let version: Int?
    let deadline: String
    /// Keyed by the report fields' keys; numbers are JSON numbers, flags booleans, text strings.
    let figures: [String: ReportField.Value]
    let selfAssessed: [String: Double]
    let findings: [Finding]
    let classification: Classification?
    let events: [ReportEventRecord]

    init(_ page: ReportPage) {
        organizationId = page.organization.id
        year = page.year
        state = page.state?.rawValue
        version = page.record?.version
        deadline = page.deadline.iso
        let report = page.report
        figures = page.record == nil ? [:] : Dictionary(uniqueKeysWithValues: ReportField.allCases.map { ($0.rawValue, $0.value(in: report)) })
        selfAssessed = report.selfAssessedPoints
        findings = page.record == nil ? [] : ValidationRules.evaluate(report, previous: page.previous).map {
            Finding(rule: $0.ruleId, severity: $0.severity.rawValue, field: $0.field.rawValue, message: $0.message)
        }
        classification = page.classification.map { stored in
            let result = Classifier.classify(report: report, previous: page.previous, organizationType: page.organization.type, rubric: page.rubric)
            return Classification(band: stored.band, computedBand: stored.computedBand, total: stored.total, sizeClass: stored.sizeClass,
                                  notRatedReason: stored.notRatedReason, overrideReason: stored.overrideReason,
                                  scores: result.scores.map { Score(code: $0.item.code, name: $0.item.name, points: $0.points, max: $0.item.max, explanation: $0.explanation) })
        }
        events = page.events
    }
}

/// A report figure in a download: counts and amounts as number cells, flags as "có"/"không".
extension ReportField.Value: TableCell {
    var tableValue: XLSXWriter.Value {
        switch self {
        case .integer(let value): .integer(value)
        case .money(let value): .amount(value)
        case .decimal(let value): .decimal(value)
        case .flag(let value): .text(value ? "có" : "không")
        case .text(let value): value.tableValue
        }
    }
}
