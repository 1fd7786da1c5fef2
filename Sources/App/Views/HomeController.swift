import HopTacCore
import Plot
import SQLKit
import Vapor

/// `/`: the registry at a glance, counted live.
struct HomeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, access: .anyone, use: home)
    }

    @Sendable func home(req: Request) async throws -> Response {
        let sql = try req.db.sql()
        let year = Day.today().year
        // The same figures as every page (see `/figures`): the registry as it stands today.
        let byProvince = try await FiguresQueries.figures(year: year, by: .province, within: OrganizationFilter(), on: req)
        let nation = Figures.total(byProvince.values)
        let provinces = try await req.application.liveCache.value("home-provinces", from: ["organizations"], on: sql) {
            try await AdminUnitQueries.provinces(on: sql)
        }.filter { (byProvince[$0.code]?[.organizationsRegistered] ?? 0) > 0 }
        var reminders: [Reminders.Item] = []
        if let principal = req.principal { reminders = try await Reminders.items(for: principal, on: .today(), req: req).items }
        return Page(
            title: "Tổng quan",
            content: .div(
                .h1("Quản lý nhà nước về kinh tế tập thể"),
                .if(!reminders.isEmpty, .section(.class("reminders-panel"), .h2("Nhắc việc"), .reminders(reminders))),
                .form(.class("search big"), .method(.get), .action("/organizations"),
                    .label(.for("q"), .text("Tìm tổ chức kinh tế tập thể")),
                    .input(.type(.search), .id("q"), .name("q"), .placeholder("Tên hoặc mã số (có dấu hay không dấu)")),
                    .button(.type(.submit), .text("Tìm"))),
                .p(.class("notice"), .text("Người dân, doanh nghiệp tìm hợp tác xã và sản phẩm OCOP: "),
                   .a(.href("/public"), .text("Danh bạ công khai")), .text(" — không cần đăng nhập, tải về dữ liệu mở.")),
                .ul(.class("tiles"), .forEach(OrganizationType.allCases) { type in
                    .li(.a(.href("/organizations?type=\(type.rawValue)&status=registered"),
                           .strong(.text(Show.figure(nation, .registered(type)))), .span(.text(type.label + " có trong sổ đăng ký")),
                           .small(.text("\(Show.figure(nation, .active(type))) đang hoạt động"))))
                }),
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
        ).response()
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
