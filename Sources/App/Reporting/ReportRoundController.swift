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
        let province = req.query[String.self, at: "province"].flatMap { $0.isEmpty ? nil : $0 }
        let wanted = req.query[String.self, at: "state"].flatMap { $0.isEmpty ? nil : $0 }
        if let wanted, wanted != "missing", ReportState(rawValue: wanted) == nil {
            throw Abort(.badRequest, reason: "Tham số “state” không hợp lệ: “\(wanted)”. Giá trị được phép: missing, \(ReportState.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        let sql = try req.db.sql()
        let yearCalendar = try await ReportQueries.calendar(year: year, on: sql)
        let deadline = yearCalendar.deadline(for: .cooperative, year: year)
        var filter = OrganizationFilter()
        filter.scope = req.principal?.readScope ?? .nothing
        filter.province = province
        var rows = try await sql.raw("""
            SELECT o.id AS organization_id, o.name, o.type, o.commune_code, c.name AS commune_name, o.province_code,
                   o.representative_name, o.phone, o.email, r.state, r.submitted_at, cl.band
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
        let names = province == nil && filter.scope == .everything ? try await AdminUnitQueries.provinceNames(on: sql) : [:]
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
        let summary = counts.values.sorted { foldForSearch($0.name) < foldForSearch($1.name) }
        // People read the band as the year's rubric names it; the JSON keeps the code.
        let rubric = try await ClassificationStore.rubric(forYear: year, on: sql)
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
            return ReportRoundPage(year: year, deadline: deadline, province: province, state: wanted, summary: summary, rows: rows,
                                   rubric: rubric, reminders: reminders, byProvince: !names.isEmpty, query: req.url.query ?? "").page().response()
        }
    }
}

struct ReportRoundPage {
    let year: Int
    let deadline: Day
    let province: String?
    let state: String?
    let summary: [ReportRoundController.Count]
    let rows: [ReportRoundController.Row]
    /// The year's rubric, which names the bands.
    let rubric: Rubric
    let reminders: [Reminders.Item]
    let byProvince: Bool
    let query: String

    /// Where the organisation's report stands, as people read it; no report at all is "Chưa lập".
    static func stateLabel(_ row: ReportRoundController.Row) -> String {
        row.state.flatMap(ReportState.init(rawValue:))?.label ?? "Chưa lập"
    }

    func page() -> Page {
        let shown = rows.prefix(500)
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
                    .unwrap(province) { .input(.type(.hidden), .name("province"), .value($0)) },
                    .button(.type(.submit), .text("Xem"))),
                .h2(.text(byProvince ? "Theo tỉnh, thành phố" : "Theo xã, phường")),
                .table(.class("data"),
                    .thead(.tr(.th(.text(byProvince ? "Tỉnh/thành phố" : "Xã/phường")), .th(.class("number"), .text("Phải nộp")),
                               .th(.class("number"), .text("Đúng hạn")), .th(.class("number"), .text("Trễ hạn")), .th(.class("number"), .text("Chưa nộp")))),
                    .tbody(.forEach(summary) { count in
                        .tr(.td(byProvince ? .a(.href("/reports?year=\(year)&province=\(count.code)"), .text(count.name)) : .text(count.name)),
                            .td(.class("number"), .text(VietnameseNumber.format(count.expected))), .td(.class("number"), .text(VietnameseNumber.format(count.onTime))),
                            .td(.class("number"), .text(VietnameseNumber.format(count.late))), .td(.class("number"), .text(VietnameseNumber.format(count.notYet))))
                    })),
                .h2(.text("Danh sách (\(VietnameseNumber.format(rows.count)) tổ chức)")),
                .if(rows.count > shown.count, .p(.class("hint"), .text("Hiển thị \(shown.count) tổ chức đầu; tải về để có đủ danh sách."))),
                .if(state == "missing", reminderMail()),
                .table(.class("data"),
                    .thead(.tr(.th("Tổ chức"), .th("Xã/phường"), .th("Trạng thái"), .th("Nộp lúc"), .th("Đúng hạn"), .th("Xếp loại"))),
                    .tbody(.forEach(Array(shown)) { row in
                        .tr(.td(.a(.href("/organizations/\(row.organizationId)/reports/\(year)"), .text(row.name))), .td(.text(row.communeName)),
                            .td(.text(Self.stateLabel(row))),
                            .td(.text(row.submittedAt.map(Show.timestamp) ?? "—")), .td(.text(row.timeliness ?? "")), .td(.text(rubric.label(ofBand: row.band))))
                    })),
                .downloads(path: "/reports", query: query)
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
        func encoded(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "" }
        let link = "mailto:?bcc=\(addresses.map(encoded).joined(separator: ","))&subject=\(encoded(subject))&body=\(encoded(body))"
        return .p(.a(.class("button"), .href(link), .text("Gửi thư nhắc \(VietnameseNumber.format(addresses.count)) tổ chức")),
                  .text(" — mở chương trình thư của máy này, các địa chỉ ở dòng BCC."))
    }
}
