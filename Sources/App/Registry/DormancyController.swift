import HopTacCore
import Plot
import SQLKit
import Vapor

/// `/dormant`: organisations that show signs of no longer operating (no report two years running, suspended past the
/// limit, a last report without revenue or services) and where each stands in the dissolution workflow:
/// flagged → notice sent → awaiting dissolution → dissolved. The last two steps are status changes of the lifecycle.
struct DormancyController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.getEveryRepresentation("dormant", access: .signedIn(.reviewDormancy), use: list)
        routes.on(.POST, "organizations", ":id", "dormancy-notice", access: .organization(.changeOrganizationStatus), use: notice)
    }

    enum Stage: String, Codable, CaseIterable, Sendable {
        case flagged, notified, awaitingDissolution = "awaiting_dissolution"

        var label: String {
            switch self {
            case .flagged: "Có dấu hiệu ngừng hoạt động"
            case .notified: "Đã gửi thông báo"
            case .awaitingDissolution: "Chờ giải thể"
            }
        }
    }

    struct Flag: Content, Sendable { let kind: String; let message: String }

    struct Row: Content, Sendable {
        let organizationId: Int
        let name: String
        let registrationCode: String?
        let type: OrganizationType
        let status: OrganizationStatus
        let communeCode: String
        let communeName: String
        let provinceCode: String
        let lastReportYear: Int?
        let flags: [Flag]
        let stage: Stage
        let noticeOn: Day?
        let replyBy: Day?
    }

    static func rows(filter: OrganizationFilter, asOf: Day, on sql: any SQLDatabase) async throws -> [Row] {
        let calendar = try await ReportQueries.calendar(year: asOf.year, on: sql)
        let years = Dormancy.yearsChecked(asOf: asOf, calendar: calendar)
        let counted = ClassificationStore.ratedStates
        let filing = OrganizationType.allCases.filter(\.filesAnnualReport).map(\.rawValue)
        struct Candidate: Decodable {
            let organizationId: Int, name: String, registrationCode: String?, type: OrganizationType, status: OrganizationStatus
            let statusSince: Day?, registrationDate: Day?, communeCode: String, communeName: String, provinceCode: String
            let lastYear: Int?, recent: Int, lastRevenue: Int64?, lastServices: Int?, noticeOn: Day?, replyBy: Day?
        }
        let candidates = try await sql.raw("""
            SELECT * FROM (
              SELECT o.id AS organization_id, o.name, o.registration_code, o.type, o.status, o.status_since, o.registration_date,
                o.commune_code, cm.name AS commune_name, o.province_code,
                (SELECT MAX(r.year) FROM annual_reports r WHERE r.organization_id = o.id AND r.state IN (\(binds: counted))) AS last_year,
                (SELECT COUNT(*) FROM annual_reports r WHERE r.organization_id = o.id AND r.state IN (\(binds: counted)) AND r.year IN (\(binds: years))) AS recent,
                (SELECT r.revenue FROM annual_reports r WHERE r.organization_id = o.id AND r.state IN (\(binds: counted)) ORDER BY r.year DESC LIMIT 1) AS last_revenue,
                (SELECT r.services_to_members FROM annual_reports r WHERE r.organization_id = o.id AND r.state IN (\(binds: counted)) ORDER BY r.year DESC LIMIT 1) AS last_services,
                n.issued_on AS notice_on, n.reply_by
              FROM organizations o JOIN communes cm ON cm.code = o.commune_code
              LEFT JOIN dormancy_notices n ON n.id = (SELECT MAX(x.id) FROM dormancy_notices x WHERE x.organization_id = o.id)
              WHERE \(OrganizationQueries.condition(filter, on: sql)) AND o.status IN (\(binds: OrganizationStatus.registered.map(\.rawValue)))
            ) t
            WHERE (t.type IN (\(binds: filing)) AND t.recent = 0) OR t.status <> \(bind: OrganizationStatus.active.rawValue) OR t.notice_on IS NOT NULL OR t.last_revenue = 0
            ORDER BY t.province_code, t.commune_name, t.name
            """).all(decoding: Candidate.self, keyDecodingStrategy: .snakeCaseColumns)
        return candidates.compactMap { c in
            var last: AnnualReport?
            if let year = c.lastYear {
                last = AnnualReport(organizationId: c.organizationId, year: year)
                last?.revenue = Money(dong: c.lastRevenue ?? 0)
                last?.servicesToMembers = c.lastServices ?? 0
            }
            // Only organisations that must report can miss reports; the count of recent ones is all the rule needs.
            let reported: Set<Int> = c.type.filesAnnualReport && c.recent == 0 ? [] : Set(years)
            let flags = Dormancy.flags(reportYears: reported, registeredOn: c.registrationDate, suspendedSince: c.status == .suspended ? c.statusSince : nil,
                                       lastReport: last, asOf: asOf, calendar: calendar)
            let stage: Stage = c.status == .awaitingDissolution ? .awaitingDissolution : c.noticeOn != nil ? .notified : .flagged
            guard !flags.isEmpty || stage != .flagged else { return nil }
            return Row(organizationId: c.organizationId, name: c.name, registrationCode: c.registrationCode, type: c.type, status: c.status,
                       communeCode: c.communeCode, communeName: c.communeName, provinceCode: c.provinceCode, lastReportYear: c.lastYear,
                       flags: flags.map { Flag(kind: $0.kind.rawValue, message: $0.message) }, stage: stage, noticeOn: c.noticeOn, replyBy: c.replyBy)
        }
    }

    @Sendable func list(req: Request, representation: Representation) async throws -> Response {
        let area = try await Area.fromQuery(req)
        var filter = area.filter
        filter.scope = req.principal?.readScope ?? .nothing
        let wanted = req.query[String.self, at: "stage"].flatMap { $0.isEmpty ? nil : $0 }
        if let wanted, Stage(rawValue: wanted) == nil {
            throw Abort(.badRequest, reason: "Tham số “stage” không hợp lệ: “\(wanted)”. Giá trị được phép: \(Stage.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        let order = try ListOrder<DormantColumn>(req.query[String.self, at: "sort"])
        let page = try req.pageQuery()
        let today = Day.today()
        var rows = try await Self.rows(filter: filter, asOf: today, on: try req.db.sql())
        let counts = Dictionary(grouping: rows, by: \.stage).mapValues(\.count)
        if let wanted { rows = rows.filter { $0.stage.rawValue == wanted } }
        rows = order.sorted(rows) { row in
            switch order.column {
            case .commune: .text(row.provinceCode + "|" + foldForSearch(row.communeName))
            case .name: .text(foldForSearch(row.name))
            case .status: .number(Double(OrganizationStatus.allCases.firstIndex(of: row.status) ?? 0))
            case .lastReport: row.lastReportYear.map { .number(Double($0)) } ?? .missing
            case .stage: .number(Double(Stage.allCases.firstIndex(of: row.stage) ?? 0))
            }
        }
        switch representation {
        case .json:
            struct Body: Encodable { let asOf: Day; let code: String; let name: String; let total: Int; let items: [Row] }
            return try Responses.json(Body(asOf: today, code: area.code, name: area.name, total: rows.count, items: rows))
        case .csv, .xlsx:
            return try Responses.table("to-chuc-ngung-hoat-dong-\(area.code)", as: representation,
                                       header: ["Số hồ sơ", "Mã số", "Tên tổ chức", "Loại hình", "Trạng thái", "Xã/phường", "Mã tỉnh", "Báo cáo gần nhất",
                                                "Dấu hiệu", "Bước xử lý", "Ngày thông báo", "Hạn phản hồi"],
                                       rows: rows.map { [PlainNumber($0.organizationId), $0.registrationCode, $0.name, $0.type.abbreviation, $0.status.label, $0.communeName,
                                                         $0.provinceCode, $0.lastReportYear.map(PlainNumber.init), $0.flags.map(\.message).joined(separator: " "), $0.stage.label,
                                                         $0.noticeOn, $0.replyBy] })
        case .html:
            let principal = req.principal
            let canAct = { (row: Row) in
                principal.map { $0.can(.changeOrganizationStatus) && $0.registryWriteScope.contains(organizationId: row.organizationId, provinceCode: row.provinceCode, communeCode: row.communeCode) } ?? false
            }
            return DormantPage(area: area, stage: wanted.flatMap(Stage.init(rawValue:)), counts: counts, rows: rows, canAct: canAct, today: today,
                               message: req.query[String.self, at: "message"], order: order, pageNumber: page).page().response()
        }
    }

    /// First step of the workflow: a notice asking the organisation to report or explain by a date.
    @Sendable func notice(req: Request) async throws -> Response {
        let id = try req.idParameter()
        let sql = try req.db.sql()
        guard let organization = try await OrganizationQueries.find(id: id, on: sql) else { throw Abort(.notFound, reason: "Không có tổ chức số \(id).") }
        let values = try req.decodeBody([String: String].self)
        let today = Day.today()
        var problems: [String: FieldProblem] = [:]
        let text = (values["text"] ?? "").trimmed
        if text.isEmpty { problems["text"] = FieldProblem("Cần ghi nội dung thông báo (số văn bản, yêu cầu).") }
        let replyBy = Day(vietnamese: values["reply_by"] ?? "")
        if let replyBy { if replyBy <= today { problems["reply_by"] = FieldProblem("Hạn phản hồi \(replyBy.vietnamese) phải sau hôm nay.") } }
        else { problems["reply_by"] = FieldProblem("Hạn phản hồi “\(values["reply_by"] ?? "")” không phải ngày dd/mm/yyyy.") }
        if organization.status.isTerminal { problems["text"] = FieldProblem("\(organization.name) đã \(organization.status.label.lowercased()).") }
        guard problems.isEmpty, let replyBy else { throw ValidationFailure(problems: problems) }
        try await req.db.write { db in
            let sql = try db.sql()
            try await sql.insert(into: "dormancy_notices").columns("organization_id", "issued_on", "reply_by", "text", "actor", "recorded_at")
                .values(id, today.iso, replyBy.iso, text, req.actor.name, Timestamp.now()).run()
            try await AuditLog.record("organization.dormancy_notice", entity: "organizations", id: String(id), provinceCode: organization.provinceCode,
                                      summary: "Thông báo tổ chức có dấu hiệu ngừng hoạt động: \(organization.name), hạn phản hồi \(replyBy.vietnamese) — \(text)",
                                      actor: req.actor, on: sql)
        }
        let message = "Đã ghi thông báo cho \(organization.name), hạn phản hồi \(replyBy.vietnamese)."
        return req.redirect(to: "/dormant?message=\(message.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? "")", redirectType: .normal)
    }
}

/// The columns the dormancy list sorts by; the first (province, commune, name) is its default order.
enum DormantColumn: String, CaseIterable, Sendable { case commune, name, status, lastReport = "last_report", stage }

struct DormantPage {
    static let perPage = 50

    let area: Area
    let stage: DormancyController.Stage?
    let counts: [DormancyController.Stage: Int]
    let rows: [DormancyController.Row]
    let canAct: (DormancyController.Row) -> Bool
    let today: Day
    let message: String?
    let order: ListOrder<DormantColumn>
    let pageNumber: Int

    /// The list's own address with some parameters changed (nil removes one).
    func link(_ changes: [String: String?]) -> String {
        "/dormant" + OrganizationFilter.queryString([area.parameter.map { ($0.name, $0.value) } ?? ("province", nil), ("stage", stage?.rawValue),
                                                     ("sort", order.parameter), ("page", pageNumber == 1 ? nil : String(pageNumber))], changes: changes)
    }

    private func actions(_ row: DormancyController.Row) -> Node<HTML.BodyContext> {
        guard canAct(row) else { return .empty }
        let reason = row.flags.map(\.message).joined(separator: " ").queryEncoded
        switch row.stage {
        case .flagged, .notified:
            return .group(
                .form(.method(.post), .action("/organizations/\(row.organizationId)/dormancy-notice"), .class("inline"),
                    .csrfField(),
                    .input(.type(.text), .name("text"), .attribute(named: "aria-label", value: "Nội dung thông báo"), .placeholder("Số văn bản, yêu cầu"), .required(true)),
                    .input(.type(.text), .name("reply_by"), .attribute(named: "aria-label", value: "Hạn phản hồi (dd/mm/yyyy)"), .value(today.adding(days: DormancyDocuments.replyDays).vietnamese)),
                    .button(.type(.submit), .text(row.stage == .flagged ? "Gửi thông báo" : "Thông báo lại"))),
                .a(.href("/documents/\(DocumentKind.dormancyNotice.rawValue)?organization=\(row.organizationId)"), .text("Soạn thông báo (Word)")),
                .if(row.stage == .notified, .a(.href("/organizations/\(row.organizationId)/status?status=awaiting-dissolution&reason=\(reason)"), .text("Chuyển sang chờ giải thể →"))))
        case .awaitingDissolution:
            return .a(.href("/organizations/\(row.organizationId)/status?status=dissolved"), .text("Ghi quyết định giải thể →"))
        }
    }

    func page() -> Page {
        let shown = Array(rows.dropFirst((pageNumber - 1) * Self.perPage).prefix(Self.perPage))
        func header(_ label: String, _ column: DormantColumn, numeric: Bool = false) -> Node<HTML.TableRowContext> {
            .sortableHeader(label, column: column, order: order, numeric: numeric) { link(["sort": $0, "page": nil]) }
        }
        return Page(
            title: "Tổ chức có dấu hiệu ngừng hoạt động — \(area.name)",
            breadcrumbs: [("Trang chủ", "/"), ("Tổ chức ngừng hoạt động", nil)],
            content: .div(
                .h1(.text("Tổ chức có dấu hiệu ngừng hoạt động — \(area.name)")),
                .unwrap(message) { .p(.class("notice"), .text($0)) },
                .p(.text("Dấu hiệu: không nộp báo cáo hằng năm hai năm liên tiếp, tạm ngừng quá thời hạn, hoặc báo cáo gần nhất không có doanh thu và không cung cấp dịch vụ cho thành viên. Các bước: gửi thông báo → chờ giải thể → giải thể (ghi vào vòng đời của tổ chức).")),
                .p(.a(.href("/documents/\(DocumentKind.dissolutionList.rawValue)" + (area.query.isEmpty ? "" : "?" + area.query)),
                      .text("Soạn quyết định giải thể bắt buộc kèm danh sách tổ chức chờ giải thể hoặc quá hạn phản hồi →"))),
                .form(.method(.get), .action("/dormant"), .class("filters"), area.hiddenFields,
                    .label(.for("stage"), .text("Bước xử lý")),
                    .select(.id("stage"), .attribute(named: "name", value: "stage"),
                            .choice("", "Tất cả (\(VietnameseNumber.format(counts.values.reduce(0, +))))", selected: stage == nil),
                            .forEach(DormancyController.Stage.allCases) { .choice($0.rawValue, "\($0.label) (\(VietnameseNumber.format(counts[$0] ?? 0)))", selected: stage == $0) }),
                    .button(.type(.submit), .text("Lọc"))),
                .div(.class("scroll"), .table(.class("list"),
                    .thead(.tr(header("Tổ chức", .name), header("Xã/phường", .commune), header("Trạng thái", .status),
                               header("Báo cáo gần nhất", .lastReport, numeric: true), .th("Dấu hiệu"), header("Bước xử lý", .stage), .th("Thao tác"))),
                    .tbody(.forEach(shown) { row in
                        .tr(.td(.a(.href("/organizations/\(row.organizationId)"), .text(row.name))), .td(.text(row.communeName)), .td(.statusBadge(row.status)),
                            .td(.class("num"), .text(row.lastReportYear.map(String.init) ?? "—")),
                            .td(.ul(.forEach(row.flags) { .li(.text($0.message)) })),
                            .td(.text(row.stage.label + (row.noticeOn.map { " \($0.vietnamese), hạn \(row.replyBy?.vietnamese ?? "—")" } ?? ""))),
                            .td(actions(row)))
                    }))),
                .pager(page: pageNumber, perPage: Self.perPage, total: rows.count) { link(["page": String($0)]) },
                .downloads(path: "/dormant", query: String(link(["page": nil]).drop { $0 != "?" }))
            )
        )
    }
}
