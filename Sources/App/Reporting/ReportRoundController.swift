import HopTacCore
import Plot
import SQLKit
import Vapor

/// `/reports`: the reporting round of a year for the viewer's area: who has reported, who is late, who has not,
/// with counts per commune (or per province at national level), the reminders of the round while it is open, and the
/// list as CSV, XLSX and JSON with each organisation's contacts: the list of whom to chase by phone or e-mail.
struct ReportRoundController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.getEveryRepresentation("reports", access: .signedIn(.readReports), use: round)
    }

    struct Row: Content, Sendable {
        let organizationId: Int
        let name: String
        let type: OrganizationType
        let communeCode: String
        let communeName: String
        let provinceCode: String
        let representativeName: String?
        let phone: String?
        let email: String?
        let state: String?
        let submittedAt: String?
        let band: String?
        let reportVersion: Int?
        /// Worked out after reading, from the calendar; optional so that decoding the row does not look for it.
        var timeliness: String?
    }

    struct Count: Content, Sendable {
        let code: String
        let name: String
        var expected = 0
        var onTime = 0
        var late = 0
        var notYet = 0
    }

    /// No report yet, a draft, or one sent back: the organisation still has to send it.
    private static func notSent(_ row: Row) -> Bool {
        ReportingReminder.Step.submit.waitingStates.contains(row.state.flatMap(ReportState.init(rawValue:)))
    }

    @Sendable func round(req: Request, representation: Representation) async throws -> Response {
        let today = Day.today()
        let year = try req.yearQuery(default: today.year, in: ReportingCalendar.years.lowerBound...today.year)
        let sql = try req.db.sql()
        let (province, commune, communesOf) = try await Self.area(req, on: sql)
        let wanted = req.query[String.self, at: "state"].flatMap { $0.isEmpty ? nil : $0 }
        let sort = try ListOrder<RoundColumn>(req.query[String.self, at: "sort"])
        let page = try req.pageQuery()
        if let wanted, wanted != "missing", ReportState(rawValue: wanted) == nil {
            throw Abort(.badRequest, reason: "Tham số “state” không hợp lệ: “\(wanted)”. Giá trị được phép: missing, \(ReportState.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        let yearCalendar = try await ReportQueries.calendar(year: year, on: sql)
        let deadline = yearCalendar.deadline(for: .cooperative, year: year)
        var filter = OrganizationFilter()
        filter.scope = req.principal?.readScope ?? .nothing
        filter.province = province
        filter.commune = commune
        var rows = try await sql.raw("""
            SELECT o.id AS organization_id, o.name, o.type, o.commune_code, c.name AS commune_name, o.province_code,
                   o.representative_name, o.phone, o.email, r.state, r.submitted_at, cl.band, r.version AS report_version
            FROM organizations o JOIN communes c ON c.code = o.commune_code
            LEFT JOIN annual_reports r ON r.organization_id = o.id AND r.year = \(bind: year)
            LEFT JOIN classifications cl ON cl.organization_id = o.id AND cl.year = \(bind: year)
            WHERE \(OrganizationQueries.condition(filter, on: sql)) AND \(ReportQueries.owesReport(year: year))
            ORDER BY o.province_code, c.name_folded, o.name_folded
            """).all(decoding: Row.self, keyDecodingStrategy: .snakeCaseColumns)
        var byState: [ReportState?: Int] = [:]
        for row in rows { byState[row.state.flatMap(ReportState.init(rawValue:)), default: 0] += 1 }
        var reminders: [Reminders.Item] = []
        if let principal = req.principal, principal.role != .cooperative, try await year == Reminders.round(on: today, on: sql).year {
            reminders = Reminders.area(year: year, calendar: yearCalendar, day: today, steps: Reminders.steps(for: principal), counts: byState, province: province)
        }
        var counts: [String: Count] = [:]
        let names = province == nil && commune == nil && filter.scope == .everything ? try await AdminUnitQueries.provinceNames(on: sql) : [:]
        for index in rows.indices {
            let row = rows[index]
            let submitted = row.submittedAt.flatMap(Timestamp.parse).map { Day($0) }
            let done = !Self.notSent(row)
            let timeliness = yearCalendar.timeliness(for: .cooperative, year: year, doneOn: done ? submitted : nil, asOf: today)
            rows[index].timeliness = timeliness.label
            let key = names.isEmpty ? row.communeCode : row.provinceCode
            var count = counts[key] ?? Count(code: key, name: names.isEmpty ? row.communeName : names[key] ?? key)
            count.expected += 1
            switch timeliness {
            case .onTime: count.onTime += 1
            case .late: count.late += 1
            case .pending, .missing: count.notYet += 1
            }
            counts[key] = count
        }
        if let wanted { rows = rows.filter { wanted == ReportingReminder.Step.submit.listFilter ? Self.notSent($0) : $0.state == wanted } }
        // People read the band as the year's rubric names it, and in its order; the JSON keeps the code.
        let rubric = try await ClassificationStore.rubric(forYear: year, on: sql)
        rows = sort.sorted(rows) { row in
            switch sort.column {
            case .commune: .text(foldForSearch(row.communeName))
            case .name: .text(foldForSearch(row.name))
            case .state: row.state.flatMap(ReportState.init(rawValue:)).flatMap { ReportState.allCases.firstIndex(of: $0) }.map { .number(Double($0)) } ?? .missing
            case .submitted: row.submittedAt.map { .text($0) } ?? .missing
            case .timeliness: row.timeliness.map { .text(foldForSearch($0)) } ?? .missing
            case .band: row.band.flatMap { band in rubric.bands.firstIndex { $0.code == band } }.map { .number(Double($0)) } ?? .missing
            }
        }
        let summary = counts.values.sorted { foldForSearch($0.name) < foldForSearch($1.name) }
        switch representation {
        case .json:
            struct Body: Encodable { let year: Int; let deadline: String; let summary: [Count]; let items: [Row] }
            return try Responses.json(Body(year: year, deadline: deadline.iso, summary: summary, items: rows))
        case .csv, .xlsx:
            return try Responses.table("bao-cao-nam-\(year)", as: representation,
                                       header: ["Số hồ sơ", "Tên tổ chức", "Loại hình", "Xã/phường", "Mã tỉnh", "Người đại diện", "Điện thoại", "Thư điện tử",
                                                "Trạng thái báo cáo", "Nộp lúc", "Đúng hạn", "Xếp loại"],
                                       rows: rows.map { [PlainNumber($0.organizationId), $0.name, $0.type.abbreviation, $0.communeName, $0.provinceCode,
                                                         $0.representativeName, $0.phone, $0.email, ReportRoundPage.stateLabel($0), $0.submittedAt.map(Show.timestamp),
                                                         $0.timeliness, rubric.label(ofBand: $0.band)] })
        case .html:
            let actions = req.principal.map(ReportRoundPage.actions(for:)) ?? []
            var selectable: Set<Int> = []
            if let principal = req.principal, principal.can(.handleReports) {
                selectable = Set(rows.filter { row in
                    row.reportVersion != nil && principal.registryWriteScope.contains(organizationId: row.organizationId, provinceCode: row.provinceCode, communeCode: row.communeCode)
                        && row.state.flatMap(ReportState.init(rawValue:)).map { state in actions.contains { $0.action.permitted.values.contains { $0.contains(state) } } } == true
                }.map(\.organizationId))
            }
            var communes: [(code: String, name: String)] = []
            if let communesOf {
                communes = try await AdminUnitQueries.communeNames(provinceCode: communesOf, on: sql).sorted { foldForSearch($0.value) < foldForSearch($1.value) }
                    .map { ($0.key, $0.value) }
            }
            return ReportRoundPage(year: year, deadline: deadline, province: province, commune: commune, communes: communes, state: wanted,
                                   sort: sort, pageNumber: page, summary: summary, rows: rows,
                                   rubric: rubric, reminders: reminders, byProvince: !names.isEmpty, selectable: selectable,
                                   actions: actions, selectAll: req.query[String.self, at: "select"] == "all").page().response()
        }
    }
}

extension ReportRoundController {
    /// The `province` and `commune` asked for, each a unit that exists (else a 400 naming it), and the province
    /// whose communes the list offers: the one asked for, the commune's, or the viewer's own.
    static func area(_ req: Request, on sql: any SQLDatabase) async throws -> (province: String?, commune: String?, communesOf: String?) {
        func text(_ name: String) -> String? { req.query[String.self, at: name]?.trimmed }
        let province = text("province").flatMap { $0.isEmpty ? nil : $0 }, commune = text("commune").flatMap { $0.isEmpty ? nil : $0 }
        if let province, try await AdminUnitQueries.provinceNames(on: sql)[province] == nil {
            throw Abort(.badRequest, reason: "Tham số “province”: không có tỉnh, thành phố mã “\(province)”.")
        }
        var communesOf = province
        if let commune {
            guard let record = try await AdminUnitQueries.commune(code: commune, on: sql) else {
                throw Abort(.badRequest, reason: "Tham số “commune”: không có xã, phường, đặc khu mã “\(commune)”.")
            }
            communesOf = communesOf ?? record.provinceCode
        }
        if case .province(let own) = req.principal?.readScope { communesOf = own }
        return (province, commune, communesOf)
    }
}

/// The columns the round's list sorts by; the first is its default order.
enum RoundColumn: String, CaseIterable, Sendable { case commune, name, state, submitted, timeliness, band }

struct ReportRoundPage {
    static let perPage = 50

    let year: Int
    let deadline: Day
    let province: String?
    let commune: String?
    /// The communes the list can be narrowed to (those of the province shown), by name.
    let communes: [(code: String, name: String)]
    let state: String?
    let sort: ListOrder<RoundColumn>
    let pageNumber: Int
    let summary: [ReportRoundController.Count]
    let rows: [ReportRoundController.Row]
    /// The year's rubric, which names the bands.
    let rubric: Rubric
    let reminders: [Reminders.Item]
    let byProvince: Bool
    /// Organisations whose report the viewer may move a step on, and the steps they may take in bulk.
    let selectable: Set<Int>
    let actions: [(action: ReportAction, label: String)]
    /// `?select=all`: every selectable row of the page starts ticked.
    let selectAll: Bool

    /// The steps a user may take on many reports at once, from their reporting levels.
    static func actions(for principal: Principal) -> [(action: ReportAction, label: String)] {
        BulkReportActions.actions.compactMap { name in
            guard let action = ReportAction(name: name, text: ""), principal.reportingLevels.contains(where: { action.permitted[$0] != nil }) else { return nil }
            return (action, action.verb.capitalizedFirst)
        }
    }

    /// Where the organisation's report stands, as people read it; no report at all is "Chưa lập".
    static func stateLabel(_ row: ReportRoundController.Row) -> String {
        row.state.flatMap(ReportState.init(rawValue:))?.label ?? "Chưa lập"
    }

    /// The list's own address with some parameters changed (nil removes one).
    func link(_ changes: [String: String?]) -> String {
        "/reports" + OrganizationFilter.queryString([("year", String(year)), ("province", province), ("commune", commune), ("state", state), ("sort", sort.parameter),
                                                     ("page", pageNumber == 1 ? nil : String(pageNumber))], changes: changes)
    }

    func page() -> Page {
        let shown = Array(rows.dropFirst((pageNumber - 1) * Self.perPage).prefix(Self.perPage))
        let bulk = !actions.isEmpty && shown.contains { selectable.contains($0.organizationId) }
        func header(_ label: String, _ column: RoundColumn) -> Node<HTML.TableRowContext> {
            .sortableHeader(label, column: column, order: sort) { link(["sort": $0, "page": nil]) }
        }
        let table = Node<HTML.BodyContext>.table(.class("list"),
            .thead(.tr(.if(bulk, .th(.span(.class("visually-hidden"), .text("Chọn")))), header("Tổ chức", .name), header("Xã/phường", .commune),
                       header("Trạng thái", .state), header("Nộp lúc", .submitted), header("Đúng hạn", .timeliness), header("Xếp loại", .band))),
            .tbody(.forEach(shown) { row in
                .tr(.if(bulk, .td(.if(selectable.contains(row.organizationId),
                        .input(.type(.checkbox), .id("r\(row.organizationId)"), .name("r\(row.organizationId)"), .value(String(row.reportVersion ?? 0)),
                               .attribute(named: "form", value: "bulk"), .attribute(named: "checked", value: selectAll ? "checked" : nil),
                               .attribute(named: "aria-label", value: "Chọn \(row.name)"))))),
                    .td(.a(.href("/organizations/\(row.organizationId)/reports/\(year)"), .text(row.name))), .td(.text(row.communeName)),
                    .td(.text(Self.stateLabel(row))),
                    .td(.text(row.submittedAt.map(Show.timestamp) ?? "—")), .td(.text(row.timeliness ?? "")), .td(.text(rubric.label(ofBand: row.band))))
            }))
        return Page(
            title: "Báo cáo hằng năm \(year)",
            breadcrumbs: [("Trang chủ", "/"), ("Báo cáo hằng năm", nil)],
            content: .div(
                .h1(.text("Kỳ báo cáo năm \(year)")),
                .if(!reminders.isEmpty, .reminders(reminders)),
                .p(.text("Hạn nộp của tổ chức: \(deadline.vietnamese). Kỳ số liệu \(AnnualReport.period(forYear: year).lowerBound.vietnamese) – \(AnnualReport.period(forYear: year).upperBound.vietnamese).")),
                .form(.method(.get), .action("/reports"), .class("filters"),
                    .label(.for("year"), .text("Năm")), .input(.type(.number), .id("year"), .name("year"), .value(String(year))),
                    .label(.for("state"), .text("Tình trạng")),
                    .select(.id("state"), .attribute(named: "name", value: "state"),
                            .choice("", "Tất cả", selected: state == nil), .choice("missing", "Chưa nộp", selected: state == "missing"),
                            .forEach(ReportState.allCases) { .choice($0.rawValue, $0.label, selected: state == $0.rawValue) }),
                    .if(!communes.isEmpty, .group(.label(.for("commune"), .text("Xã, phường")),
                        .select(.id("commune"), .attribute(named: "name", value: "commune"), .choice("", "Tất cả", selected: commune == nil),
                                .forEach(communes) { .choice($0.code, $0.name, selected: commune == $0.code) }))),
                    .if(communes.isEmpty, .unwrap(commune) { .input(.type(.hidden), .name("commune"), .value($0)) }),
                    .unwrap(province) { .input(.type(.hidden), .name("province"), .value($0)) },
                    .unwrap(sort.parameter) { .input(.type(.hidden), .name("sort"), .value($0)) },
                    .button(.type(.submit), .text("Xem"))),
                .h2(.text(byProvince ? "Theo tỉnh, thành phố" : "Theo xã, phường")),
                .table(.class("list"),
                    .thead(.tr(.th(.text(byProvince ? "Tỉnh/thành phố" : "Xã/phường")), .th(.class("num"), .text("Phải nộp")),
                               .th(.class("num"), .text("Đúng hạn")), .th(.class("num"), .text("Trễ hạn")), .th(.class("num"), .text("Chưa nộp")))),
                    .tbody(.forEach(summary) { count in
                        .tr(.td(.a(.href(link([byProvince ? "province" : "commune": count.code, "page": nil])), .text(count.name))),
                            .td(.class("num"), .text(VietnameseNumber.format(count.expected))), .td(.class("num"), .text(VietnameseNumber.format(count.onTime))),
                            .td(.class("num"), .text(VietnameseNumber.format(count.late))), .td(.class("num"), .text(VietnameseNumber.format(count.notYet))))
                    })),
                .h2(.text("Danh sách (\(VietnameseNumber.format(rows.count)) tổ chức)")),
                .if(state == "missing", reminderMail()),
                .if(bulk, .form(.method(.post), .action("/reports/bulk"), .id("bulk"), .class("filters bulk"),
                    .csrfField(),
                    .input(.type(.hidden), .name("year"), .value(String(year))),
                    .label(.for("bulk-action"), .text("Với các báo cáo đã chọn")),
                    .select(.id("bulk-action"), .attribute(named: "name", value: "action"),
                            .forEach(actions) { .choice($0.action.name, $0.label, selected: false) }),
                    .label(.for("bulk-reason"), .text("Lý do (khi trả lại)")),
                    .input(.type(.text), .id("bulk-reason"), .name("reason")),
                    .button(.type(.submit), .text("Xem trước rồi xác nhận")),
                    .a(.href(link(["select": selectAll ? nil : "all"])), .text(selectAll ? "Bỏ chọn cả trang" : "Chọn cả trang")))),
                table,
                .pager(page: pageNumber, perPage: Self.perPage, total: rows.count) { link(["page": String($0)]) },
                .downloads(path: "/reports", query: String(link(["page": nil]).drop { $0 != "?" }))
            )
        )
    }

    /// Addresses of the organisations listed, as one reminder e-mail from the officer's own mail program (blind
    /// copies, so no organisation sees the others). Mail programs take a few dozen addresses in a link; a longer list
    /// is for the download.
    private func reminderMail() -> Node<HTML.BodyContext> {
        let addresses = Array(Set(rows.compactMap { $0.email?.trimmed }.filter { $0.contains("@") })).sorted()
        guard !addresses.isEmpty else { return .p(.class("hint"), .text("Chưa tổ chức nào trong danh sách có thư điện tử; tải danh sách để gọi điện nhắc.")) }
        guard addresses.count <= 50 else {
            return .p(.class("hint"), .text("\(VietnameseNumber.format(addresses.count)) tổ chức có thư điện tử: tải danh sách về để gửi thư nhắc hàng loạt."))
        }
        let subject = "Nhắc nộp báo cáo hằng năm \(year)"
        let body = "Kính gửi Quý tổ chức,\n\nĐề nghị Quý tổ chức lập và gửi báo cáo tình hình hoạt động năm \(year) trên hệ thống HợpTác trước ngày \(deadline.vietnamese).\n\nTrân trọng."
        let link = "mailto:?bcc=\(addresses.map(\.queryEncoded).joined(separator: ","))&subject=\(subject.queryEncoded)&body=\(body.queryEncoded)"
        return .p(.a(.class("button"), .href(link), .text("Gửi thư nhắc \(VietnameseNumber.format(addresses.count)) tổ chức")),
                  .text(" — mở chương trình thư của máy này, các địa chỉ ở dòng BCC."))
    }
}
