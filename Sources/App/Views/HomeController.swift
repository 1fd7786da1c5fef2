import HopTacCore
import Plot
import SQLKit
import Vapor

/// `/`: where each user's day starts. A visitor sees the registry at a glance; an official sees what waits for them
/// and their own area's figures; a cooperative sees its record, its report and its reminders.
struct HomeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, access: .anyone, use: home)
    }

    @Sendable func home(req: Request) async throws -> Response {
        guard let principal = req.principal else { return try await overview(req).response() }
        let (round, waiting) = try await WaitingWork.items(for: principal, req: req)
        let sql = try req.db.sql()
        let name = req.context.user?.displayName ?? principal.role.label
        if principal.role == .cooperative, let id = principal.organizationId, let organization = try await OrganizationQueries.find(id: id, on: sql) {
            return cooperativeHome(organization, waiting: waiting, round: round, name: name).response()
        }
        let area: Area = switch principal.readScope {
        case .province(let code): try await .province(code, on: sql)
        case .commune(let code): try await .commune(code, on: sql)
        default: .nation
        }
        let figures = Figures.total(try await FiguresQueries.figures(year: Day.today().year, by: .province, within: area.filter, on: req).values)
        return Page(title: "Việc hôm nay", content: .div(
            .h1("Việc hôm nay"),
            .p(.class("lead"), .text("\(name) · \(principal.role.label)" + (area.level == .nation ? "" : " · \(area.name)"))),
            .section(.class("reminders-panel"), .h2("Việc đang chờ"),
                .if(waiting.isEmpty, .p(.class("empty"), .text("Không có việc nào đang chờ. Các hạn sắp tới ở trang "), .a(.href("/reminders"), .text("Nhắc việc")), .text(".")),
                    else: .workList(waiting))),
            .h2(.text("Số liệu " + (area.level == .nation ? "toàn quốc" : area.name))),
            tiles(figures, query: area.query),
            .p(.class("hint"), .text("Tính đến hôm nay; không kể tổ chức đã giải thể, sáp nhập. "),
               .a(.href(DashboardController.path(area)), .text("Bảng điều hành")), .text(" · "),
               .a(.href("/figures" + (area.query.isEmpty ? "" : "?" + area.query)), .text("Định nghĩa từng số liệu"))),
            searchBox,
            .h2("Trang làm việc"),
            .ul(.class("shortcuts"), .forEach(Menu.entries(for: principal)) { .li(.a(.href($0.href), .text($0.label))) })
        )).response()
    }

    /// A cooperative's own day: its record, its report of the round, what it is reminded of.
    private func cooperativeHome(_ organization: OrganizationRecord, waiting: [WaitingWork.Item], round: Int, name: String) -> Page {
        Page(title: organization.name, content: .div(
            .h1(.text(organization.name)),
            .p(.class("lead"), .text("\(name) · "), .statusBadge(organization.status)),
            .section(.class("reminders-panel"), .h2("Việc đang chờ"),
                .if(waiting.isEmpty, .p(.class("empty"), .text("Không có việc nào đang chờ.")), else: .workList(waiting))),
            .h2("Của tổ chức"),
            .ul(.class("shortcuts"),
                .li(.a(.href("/organizations/\(organization.id)/reports/\(round)"), .text("Báo cáo năm \(round)"))),
                .li(.a(.href("/organizations/\(organization.id)/reports"), .text("Mọi báo cáo hằng năm"))),
                .li(.a(.href("/organizations/\(organization.id)"), .text("Hồ sơ đăng ký"))),
                .li(.a(.href("/organizations/\(organization.id)/edit"), .text("Sửa thông tin liên hệ, thành viên"))),
                .li(.a(.href("/reminders"), .text("Nhắc việc"))),
                .li(.a(.href("/public/organizations/\(organization.id)"), .text("Trang công khai của tổ chức")))),
            .p(.class("notice"), .text("Tra cứu các tổ chức khác: "), .a(.href("/public"), .text("Danh bạ công khai")), .text("."))
        ))
    }

    /// The registry at a glance for a visitor: the country's figures and each province's.
    private func overview(_ req: Request) async throws -> Page {
        let sql = try req.db.sql()
        // The same figures as every page (see `/figures`): the registry as it stands today.
        let byProvince = try await FiguresQueries.figures(year: Day.today().year, by: .province, within: OrganizationFilter(), on: req)
        let nation = Figures.total(byProvince.values)
        let provinces = try await req.application.liveCache.value("home-provinces", from: ["organizations"], on: sql) {
            try await AdminUnitQueries.provinces(on: sql)
        }.filter { (byProvince[$0.code]?[.organizationsRegistered] ?? 0) > 0 }
        return Page(
            title: "Tổng quan",
            content: .div(
                .h1("Quản lý nhà nước về kinh tế tập thể"),
                searchBox,
                .p(.class("notice"), .text("Người dân, doanh nghiệp tìm hợp tác xã và sản phẩm OCOP: "),
                   .a(.href("/public"), .text("Danh bạ công khai")), .text(" — không cần đăng nhập, tải về dữ liệu mở.")),
                tiles(nation, query: ""),
                .p(.class("hint"), .text("Tính đến hôm nay; không kể tổ chức đã giải thể, sáp nhập. "),
                   .a(.href("/figures"), .text("Định nghĩa từng số liệu"))),
                .if(provinces.isEmpty,
                    .p(.class("empty"), .text("Chưa có tổ chức nào trong sổ đăng ký. Chạy “hoptac demo --scale province” để nạp dữ liệu mẫu hoặc "), .a(.href("/organizations/new"), .text("thêm tổ chức đầu tiên")), .text(".")),
                    else: .table(.class("list"),
                        .caption(.text("Theo tỉnh, thành phố")),
                        .thead(.tr(.th("Tỉnh/thành phố"), .th(.class("num"), .text("Tổ chức KTTT có trong sổ đăng ký")), .th(.class("num"), .text("Xã/phường")))),
                        .tbody(.forEach(provinces) { p in
                            .tr(.td(.a(.href("/organizations?province=\(p.code)&status=registered"), .text(p.name))),
                                .td(.class("num"), .text(Show.figure(byProvince[p.code] ?? Figures(), .organizationsRegistered))),
                                .td(.class("num"), .a(.href("/units/provinces/\(p.code)"), .text(VietnameseNumber.format(p.communeCount)))))
                        })))
            )
        )
    }

    /// One tile per type: on the register, and active, linking to the list of an area (`query`, empty for the nation).
    private func tiles(_ figures: Figures, query: String) -> Node<HTML.BodyContext> {
        .ul(.class("tiles"), .forEach(OrganizationType.allCases) { type in
            .li(.a(.href("/organizations?type=\(type.rawValue)&status=registered" + (query.isEmpty ? "" : "&" + query)),
                   .strong(.text(Show.figure(figures, .registered(type)))), .span(.text(type.label + " có trong sổ đăng ký")),
                   .small(.text("\(Show.figure(figures, .active(type))) đang hoạt động"))))
        })
    }

    private var searchBox: Node<HTML.BodyContext> {
        .form(.class("search big"), .method(.get), .action("/organizations"),
            .label(.for("q"), .text("Tìm tổ chức kinh tế tập thể")),
            .input(.type(.search), .id("q"), .name("q"), .placeholder("Tên hoặc mã số (có dấu hay không dấu)")),
            .button(.type(.submit), .text("Tìm")))
    }
}

/// Serves the stylesheet from the bundle, so the app runs from any working directory.
struct AssetsController: RouteCollection {
    static let stylesheetPath = "/assets/app.css"
    static let stylesheet: String = {
        guard let url = Bundle.module.url(forResource: "app", withExtension: "css", subdirectory: "Resources"),
              let text = try? String(contentsOf: url, encoding: .utf8) else { return "" }
        return text
    }()

    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, "assets", "app.css", access: .anyone) { _ in
            let response = Response(status: .ok, body: .init(string: Self.stylesheet))
            response.headers.replaceOrAdd(name: .contentType, value: "text/css; charset=utf-8")
            response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=3600")
            return response
        }
    }
}
