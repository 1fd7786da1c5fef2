import HopTacCore
import Plot
import SQLKit
import Vapor

/// The reporting round's reminders for a signed-in user, on a given day: a cooperative account hears about its own
/// report; officials hear what waits in their area, step by step. There is no mail server, so reminders are shown
/// where people look (the home page, the round, the report) and at `/reminders`, whose list links to the round's
/// downloadable list of whom to chase, with their contacts.
enum Reminders {
    /// A reminder with the page that deals with it.
    struct Item: Content, Sendable {
        let year: Int
        let step: ReportingReminder.Step
        let level: ReportingLevel
        let deadline: Day
        let daysLeft: Int
        let urgency: ReportingReminder.Urgency
        let waiting: Int
        let message: String
        let url: String

        init(_ reminder: ReportingReminder, url: String) {
            year = reminder.year
            step = reminder.step
            level = reminder.step.level
            deadline = reminder.deadline
            daysLeft = reminder.daysLeft
            urgency = reminder.urgency
            waiting = reminder.waiting
            message = reminder.message
            self.url = url
        }
    }

    /// The steps a user is reminded of: a cooperative files; a commune officer also accepts and consolidates;
    /// the province and those who follow the whole round see every step.
    static func steps(for principal: Principal) -> [ReportingReminder.Step] {
        switch principal.role {
        case .cooperative: [.submit]
        case .communeOfficer: [.submit, .accept, .consolidate]
        case .admin, .provinceOfficer, .nationalViewer, .sectorOfficer, .allianceOfficer: ReportingReminder.Step.allCases
        }
    }

    /// The round reminders speak of on `day` (see `ReportingReminder.roundYear`), with that year's calendar.
    static func round(on day: Day, on sql: any SQLDatabase) async throws -> (year: Int, calendar: ReportingCalendar) {
        let thisYear = try await ReportQueries.calendar(year: day.year, on: sql)
        let year = ReportingReminder.roundYear(on: day, calendar: thisYear)
        return (year, year == day.year ? thisYear : try await ReportQueries.calendar(year: year, on: sql))
    }

    /// Everything waiting for `principal` on `day`, most pressing first.
    static func items(for principal: Principal, on day: Day, req: Request) async throws -> (year: Int, items: [Item]) {
        guard principal.can(.readReports) else { return (day.year, []) }
        let sql = try req.db.sql()
        let (year, calendar) = try await round(on: day, on: sql)
        if principal.role == .cooperative {
            guard let id = principal.organizationId,
                  let reminder = try await forOrganization(id, on: day, round: (year, calendar), on: sql) else { return (year, []) }
            return (year, [Item(reminder, url: "/organizations/\(id)/reports/\(year)")])
        }
        let counts = try await stateCounts(year: year, scope: principal.readScope, req: req)
        return (year, area(year: year, calendar: calendar, day: day, steps: steps(for: principal), counts: counts, province: nil))
    }

    /// An organisation's reminder about its own report of the round open on `day`; nil when it owes none or has sent it.
    static func forOrganization(_ id: Int, on day: Day, round known: (year: Int, calendar: ReportingCalendar)? = nil,
                                on sql: any SQLDatabase) async throws -> ReportingReminder? {
        let (year, calendar) = if let known { known } else { try await round(on: day, on: sql) }
        struct Row: Decodable { let name: String; let state: String? }
        guard let own = try await sql.raw("""
            SELECT o.name, r.state FROM organizations o LEFT JOIN annual_reports r ON r.organization_id = o.id AND r.year = \(bind: year)
            WHERE o.id = \(bind: id) AND \(ReportQueries.owesReport(year: year))
            """).first(decoding: Row.self) else { return nil }
        return ReportingReminder.forOrganization(name: own.name, year: year, state: own.state.flatMap(ReportState.init(rawValue:)), calendar: calendar, today: day)
    }

    /// An area's reminders from its counts per report state, linking to the round's list filtered on each step.
    static func area(year: Int, calendar: ReportingCalendar, day: Day, steps: [ReportingReminder.Step], counts: [ReportState?: Int], province: String?) -> [Item] {
        ReportingReminder.forArea(year: year, calendar: calendar, today: day, steps: steps, counts: counts)
            .sorted { $0.daysLeft < $1.daysLeft }
            .map { Item($0, url: "/reports?year=\(year)&state=\($0.step.listFilter)" + (province.map { "&province=\($0)" } ?? "")) }
    }

    /// How many of the organisations in `scope` that owe the year's report stand in each state (`nil`: none yet).
    /// Counted once per version of the registry and the reports: the home page asks on every visit.
    private static func stateCounts(year: Int, scope: Scope, req: Request) async throws -> [ReportState?: Int] {
        let sql = try req.db.sql()
        let pairs = try await req.application.liveCache.value("reminders|\(year)|\(scope)", from: ["organizations", "annual_reports"], on: sql) {
            var filter = OrganizationFilter()
            filter.scope = scope
            struct Row: Decodable { let state: String?; let n: Int }
            return try await sql.raw("""
                SELECT r.state, COUNT(*) AS n FROM organizations o LEFT JOIN annual_reports r ON r.organization_id = o.id AND r.year = \(bind: year)
                WHERE \(OrganizationQueries.condition(filter, on: sql)) AND \(ReportQueries.owesReport(year: year))
                GROUP BY r.state
                """).all(decoding: Row.self).map { ($0.state, $0.n) }
        }
        var counts: [ReportState?: Int] = [:]
        for (state, n) in pairs { counts[state.flatMap(ReportState.init(rawValue:)), default: 0] += n }
        return counts
    }
}

/// `/reminders`: the signed-in user's reminders on a day (today unless `on` says otherwise, to look ahead), as a page,
/// JSON, CSV or XLSX.
struct RemindersController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.getEveryRepresentation("reminders", access: .signedIn(.readReports), use: show)
    }

    @Sendable func show(req: Request, representation: Representation) async throws -> Response {
        guard let principal = req.principal else { throw Abort(.unauthorized) }
        let asked = try req.dayQuery("on")
        let day = asked ?? .today()
        let (year, items) = try await Reminders.items(for: principal, on: day, req: req)
        switch representation {
        case .json:
            struct Body: Encodable { let on: Day; let year: Int; let reminders: [Reminders.Item] }
            return try Responses.json(Body(on: day, year: year, reminders: items))
        case .csv, .xlsx:
            return try Responses.table("nhac-viec-\(day.iso)", as: representation,
                                       header: ["Năm báo cáo", "Việc", "Cấp", "Hạn", "Còn (ngày)", "Số báo cáo chờ", "Nội dung"],
                                       rows: items.map { [PlainNumber($0.year), $0.step.label, $0.level.label, $0.deadline, $0.daysLeft, $0.waiting, $0.message] })
        case .html:
            let query = asked == nil ? "" : "?on=\(day.vietnamese)"
            return Page(
                title: "Nhắc việc báo cáo năm \(year)",
                breadcrumbs: [("Trang chủ", "/"), ("Báo cáo hằng năm", "/reports"), ("Nhắc việc", nil)],
                content: .div(
                    .h1(.text("Nhắc việc báo cáo năm \(year)")),
                    .p(.text("Tính đến ngày \(day.vietnamese). Nhắc việc bắt đầu \(ReportingReminder.leadDays) ngày trước hạn nộp của tổ chức và còn đến khi báo cáo được xử lý; hạn từng cấp xem tại "),
                       .a(.href("/reports/deadlines?year=\(year)"), .text("lịch báo cáo")), .text(".")),
                    .form(.method(.get), .action("/reminders"), .class("filters"),
                        .label(.for("on"), .text("Xem vào ngày")),
                        .input(.type(.text), .id("on"), .name("on"), .value(day.vietnamese), .placeholder("dd/mm/yyyy")),
                        .button(.type(.submit), .text("Xem"))),
                    items.isEmpty ? .p(.class("empty"), .text("Không có việc nào đang chờ.")) : .reminders(items),
                    .downloads(path: "/reminders", query: query)
                )
            ).response()
        }
    }
}

extension ReportingReminder.Step {
    var label: String {
        switch self {
        case .submit: "Nộp báo cáo"
        case .accept: "Tiếp nhận báo cáo"
        case .consolidate: "Tổng hợp báo cáo"
        case .approve: "Phê duyệt báo cáo"
        }
    }
}

extension Node where Context == HTML.BodyContext {
    /// Reminders as a list coloured by urgency, each with a link to where the work is done.
    static func reminders(_ items: [Reminders.Item]) -> Node { .workList(items.map(WaitingWork.Item.init)) }
}
