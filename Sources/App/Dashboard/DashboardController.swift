import HopTacCore
import Plot
import Vapor

/// `/dashboard` (nation), `/dashboard/provinces/{code}`, `/dashboard/communes/{code}`: where an area stands against its
/// programme, with its registry, classification, members and revenue, value chains, reporting and overdue tasks.
/// Each chart's figures are in a table under it and downloadable (`.csv?chart=…`); `.json` gives everything.
struct DashboardController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.getEveryRepresentation("dashboard", access: .signedIn(.readProgrammes)) { req, representation in
            // An official of a province or commune sees nothing of the rest of the country: their dashboard is their
            // own area's, under its own title, not "Toàn quốc" over their part.
            let own: String? = switch req.principal?.readScope {
            case .province(let code): "/dashboard/provinces/\(code)"
            case .commune(let code): "/dashboard/communes/\(code)"
            default: nil
            }
            if let own {
                let suffix = representation == .html ? "" : ".\(representation.rawValue)"
                return req.redirect(to: own + suffix + (req.url.query.map { "?" + $0 } ?? ""), redirectType: .normal)
            }
            return try await respond(req, area: .nation, representation: representation)
        }
        routes.on(.GET, "dashboard", "provinces", ":code", access: .signedIn(.readProgrammes)) { req in
            let (code, representation) = Representation.split(req.parameters.get("code") ?? "")
            return try await respond(req, area: try await .province(code, on: req.db.sql()), representation: representation)
        }
        routes.on(.GET, "dashboard", "communes", ":code", access: .signedIn(.readProgrammes)) { req in
            let (code, representation) = Representation.split(req.parameters.get("code") ?? "")
            return try await respond(req, area: try await .commune(code, on: req.db.sql()), representation: representation)
        }
    }

    static func path(_ area: Area) -> String {
        switch area.level {
        case .province: "/dashboard/provinces/\(area.code)"
        case .commune: "/dashboard/communes/\(area.code)"
        default: "/dashboard"
        }
    }

    private func respond(_ req: Request, area: Area, representation: Representation) async throws -> Response {
        let dashboard = try await Dashboard.load(area, on: req)
        switch representation {
        case .json:
            return try Responses.json(dashboard)
        case .csv, .xlsx:
            let wanted = req.query[String.self, at: "chart"] ?? ""
            guard let chart = dashboard.charts.first(where: { $0.id == wanted }) else {
                throw Abort(.badRequest, reason: "Tham số “chart” phải là một trong: \(dashboard.charts.map(\.id).joined(separator: ", ")).")
            }
            return try Responses.table("\(chart.id)-\(area.code)", as: representation, header: chart.header, rows: chart.rows.map { $0.map { $0 as any TableCell } })
        case .html:
            return DashboardPage(area: area, dashboard: dashboard).page().response()
        }
    }
}

struct DashboardPage {
    let area: Area
    let dashboard: Dashboard

    private var unitLink: (Dashboard.Unit) -> String {
        switch area.level {
        case .nation: { "/dashboard/provinces/\($0.code)" }
        default: { "/dashboard/communes/\($0.code)" }
        }
    }

    private func tile(_ label: String, _ value: String, _ note: String? = nil) -> Node<HTML.BodyContext> {
        .div(.class("tile"), .p(.class("tile-value"), .text(value)), .p(.class("tile-label"), .text(label)), .unwrap(note) { .p(.class("hint"), .text($0)) })
    }

    /// A tile of one figure, named as `/figures` defines it and linked to its definition there.
    private func figureTile(_ key: FigureKey, _ figures: Figures, year: Int, note: String? = nil) -> Node<HTML.BodyContext> {
        let label = (FigureDefinition.of(key)?.label ?? key.rawValue) + " (\(year))"
        let link = "/figures?" + (area.query.isEmpty ? "" : area.query + "&") + "year=\(year)#\(key.rawValue)"
        return .div(.class("tile"), .p(.class("tile-value"), .text(Show.figure(figures, key))),
                    .p(.class("tile-label"), .a(.href(link), .text(label))), .unwrap(note) { .p(.class("hint"), .text($0)) })
    }

    func page() -> Page {
        let d = dashboard
        let last = d.series.last ?? Figures().completed
        let lastYear = d.years.last ?? d.asOf.year - 1
        let path = DashboardController.path(area)
        return Page(
            title: "Bảng điều hành — \(area.name)",
            description: "Kinh tế tập thể của \(area.name): chỉ tiêu chương trình, tổ chức, xếp loại, thành viên, doanh thu, báo cáo và nhiệm vụ quá hạn.",
            breadcrumbs: [("Trang chủ", "/")] + area.trail { DashboardController.path($0) },
            content: .div(.class("dashboard"),
                .h1(.text("Bảng điều hành — \(area.name)")),
                .p(.class("hint"), .text("Số liệu tính trực tiếp từ sổ đăng ký, báo cáo hằng năm và chương trình hành động lúc \(Show.day(d.asOf)); chỉ tiêu từ báo cáo lấy năm \(lastYear) (kỳ báo cáo đã khép)."),
                   .text(" "), .a(.href("/map" + (area.provinceCode.map { "?province=\($0)" } ?? "")), .text("Xem bản đồ")), .text(" · "),
                   .a(.href("/classification/\(lastYear)" + (area.query.isEmpty ? "" : "?\(area.query)")), .text("Tổng hợp, xếp loại")),
                   .if(area.level == .commune, .group(.text(" · "), .a(.href("/organizations?commune=\(area.code)"), .text("Danh sách tổ chức")))),
                   .text(" · "), .a(.href("/figures" + (area.query.isEmpty ? "" : "?\(area.query)")), .text("Định nghĩa và danh sách của từng số liệu"))),
                .div(.class("tiles"),
                    figureTile(.organizationsActive, d.now, year: d.asOf.year, note: "trong \(Show.figure(d.now, .organizationsRegistered)) tổ chức có trong sổ đăng ký"),
                    figureTile(.active(.htx), d.now, year: d.asOf.year, note: "trong \(Show.figure(d.now, .registered(.htx))) HTX có trong sổ đăng ký"),
                    figureTile(.members, last, year: lastYear),
                    figureTile(.goodFairShare, last, year: lastYear, note: "trong \(Show.figure(last, .rated)) tổ chức được xếp loại"),
                    tile("Tham gia chuỗi giá trị (\(lastYear))", Show.percent(last.percent(.valueChain, of: .reportsSubmitted))),
                    tile("Báo cáo năm \(d.timeliness.year) đã nộp", "\(Show.number(d.timeliness.onTime + d.timeliness.late))/\(Show.number(d.timeliness.expected))",
                         "hạn \(d.timeliness.deadline.vietnamese)"),
                    tile("Nhiệm vụ quá hạn", Show.number(d.overdueTasks.count))),
                .h2(.text("Hỗ trợ theo chính sách")),
                .div(.class("tiles"),
                    figureTile(.supportAmount, last, year: lastYear, note: "cho \(Show.figure(last, .supportedOrganizations)) tổ chức"),
                    figureTile(.managersTrainedShare, last, year: lastYear, note: "\(Show.figure(last, .managersTrained)) hợp tác xã"),
                    figureTile(.graduatesPlaced, last, year: lastYear),
                    figureTile(.loansOutstanding, last, year: lastYear),
                    figureTile(.modelCooperatives, last, year: lastYear, note: "ở \(Show.figure(last, .communesWithModel)) xã, phường; \(Show.figure(last, .commendedOrganizations)) tổ chức được khen thưởng")),
                .if(last.count(.creditFundsReporting) > 0, .group(
                    .h2(.text("Quỹ tín dụng nhân dân")),
                    .div(.class("tiles"),
                        figureTile(.creditFundMembers, last, year: lastYear, note: "\(Show.figure(last, .creditFundsReporting)) quỹ có số liệu của Ngân hàng Nhà nước"),
                        figureTile(.creditFundDeposits, last, year: lastYear),
                        figureTile(.creditFundLoans, last, year: lastYear),
                        figureTile(.creditFundBadDebtRatio, last, year: lastYear, note: "\(Show.figure(last, .creditFundBadDebt)) triệu đồng nợ xấu")),
                    .p(.a(.href("/credit-funds?" + [area.query, "year=\(lastYear)"].filter { !$0.isEmpty }.joined(separator: "&")), .text("Số liệu từng quỹ"))))),
                .h2(.text("Chỉ tiêu chương trình hành động")),
                .if(d.targets.isEmpty, .p(.text("Chưa có chương trình hành động nào của \(area.name) trong hệ thống. "), .a(.href("/programmes"), .text("Chương trình hành động")))),
                .if(!d.targets.isEmpty, .div(.class("scroll"), .table(.class("list"),
                    .thead(.tr(.th("Chỉ tiêu"), .th(.class("num"), .text("Hiện tại")), .th("Mục tiêu"), .th("Xu hướng"), .th("Tình trạng"))),
                    .tbody(.forEach(d.targets) { m in
                        .tr(.td(.a(.href("/programmes/\(m.target.programmeId)/targets/\(m.target.id)"), .text(m.indicatorLabel))),
                            .td(.class("num"), .text(ProgrammePages.value(m.assessment.current?.value, unit: m.target.unit))),
                            .td(.text(ProgrammePages.goal(m.target.target))),
                            .td(.raw(Sparkline(id: "spark-\(m.target.id)", title: "Xu hướng: \(m.indicatorLabel)", values: m.assessment.trend.map(\.value)).svg())),
                            .td(ProgrammePages.statusBadge(m.assessment.status)))
                    })))),
                .div(.class("charts"), .forEach(d.charts) { chart in
                    .section(.class("chart-block"),
                        .h2(.text(chart.title)),
                        .chart(chart.svg, caption: chart.title),
                        .element(named: "details", nodes: [
                            .element(named: "summary", text: "Bảng số liệu"),
                            .table(.class("list"), .thead(.tr(.forEach(chart.header) { .th(.text($0)) })),
                                   .tbody(.forEach(chart.rows) { row in .tr(.forEach(row) { .td(.text(Responses.csvText($0.tableValue))) }) })),
                        ]),
                        .p(.class("downloads"), .a(.href("\(path).csv?chart=\(chart.id)"), .text("Tải số liệu (CSV)"))))
                }),
                .if(!d.units.isEmpty, .group(
                    .h2(.text(area.level == .nation ? "Theo tỉnh, thành phố" : "Theo xã, phường")),
                    .div(.class("scroll"), .table(.class("list"),
                        .thead(.tr(.th(.text(area.level == .nation ? "Tỉnh, thành phố" : "Xã, phường")), .th(.class("num"), .text("Tổ chức đang hoạt động")),
                                   .th(.class("num"), .text("HTX đang hoạt động")), .th(.class("num"), .text("Tốt, khá \(lastYear)")),
                                   .th(.class("num"), .text("Chuỗi giá trị \(lastYear)")), .th(.class("num"), .text("Báo cáo \(d.timeliness.year) đúng hạn")))),
                        .tbody(.forEach(d.units) { unit in
                            .tr(.td(.a(.href(unitLink(unit)), .text(unit.name))), .td(.class("num"), .text(Show.number(unit.organizations))),
                                .td(.class("num"), .text(Show.number(unit.htx))),
                                .td(.class("num"), .text(Show.percent(unit.goodFairPercent))),
                                .td(.class("num"), .text(Show.percent(unit.valueChainPercent))),
                                .td(.class("num"), .text("\(Show.number(unit.reportsOnTime))/\(Show.number(unit.reportsExpected))")))
                        }))))),
                .h2(.text("Nhiệm vụ quá hạn (\(d.overdueTasks.count))")),
                .if(d.overdueTasks.isEmpty, .p(.text("Không có nhiệm vụ quá hạn."))),
                .if(!d.overdueTasks.isEmpty, TaskListPage.table(Array(d.overdueTasks.prefix(20))))
            )
        )
    }
}
