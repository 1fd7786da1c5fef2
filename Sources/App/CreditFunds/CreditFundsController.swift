import HopTacCore
import Plot
import Vapor

/// `/credit-funds`: the people's credit funds of an area with the State Bank's figures of a year (members, charter
/// capital, deposits, loans outstanding, bad debt), the totals `/figures` gives for the same area and year, as a page
/// and as JSON, CSV and XLSX.
struct CreditFundsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.getEveryRepresentation("credit-funds", access: .signedIn(.readRegistry), use: list)
    }

    struct Totals: Content, Sendable {
        let funds: Int64
        let members: Int64
        let charterCapital: Money
        let deposits: Money
        let loans: Money
        let badDebt: Money
        /// Percent of the loans; nil without loans.
        let badDebtRatio: Double?

        init(_ figures: Figures) {
            funds = figures.count(.creditFundsReporting)
            members = figures.count(.creditFundMembers)
            charterCapital = figures.amount(.creditFundCapital)
            deposits = figures.amount(.creditFundDeposits)
            loans = figures.amount(.creditFundLoans)
            badDebt = figures.amount(.creditFundBadDebt)
            badDebtRatio = figures.share(.creditFundBadDebtRatio)
        }
    }

    struct Listing: Content, Sendable {
        let year: Int
        let area: String
        let areaName: String
        let total: Totals
        let items: [CreditFundQueries.Line]
    }

    @Sendable func list(req: Request, representation: Representation) async throws -> Response {
        let today = Day.today()
        let year = try req.yearQuery(default: today.year - 1, in: ReportingCalendar.years.lowerBound...today.year)
        let area = try await Area.fromQuery(req)
        let items = try await CreditFundQueries.lines(year: year, within: area.filter, on: try req.db.sql())
        let total = Totals(try await FiguresQueries.figures(of: area, year: year, on: req))
        switch representation {
        case .json:
            return try Responses.json(Listing(year: year, area: area.code, areaName: area.name, total: total, items: items))
        case .csv, .xlsx:
            return try Responses.table("quy-tin-dung-\(area.code)-\(year)", as: representation,
                                       header: ["Mã số", "Tên quỹ", "Mã xã", "Xã, phường", "Số thành viên", "Vốn điều lệ (triệu đồng)", "Tiền gửi huy động (triệu đồng)",
                                                "Dư nợ cho vay (triệu đồng)", "Nợ xấu (triệu đồng)", "Tỷ lệ nợ xấu (%)"],
                                       rows: items.map { line in
                                           let f = line.figures
                                           return [line.registrationCode ?? "", line.name, line.communeCode, line.communeName, Int(clamping: f.members),
                                                   f.charterCapital, f.deposits, f.loans, f.badDebt, f.badDebtRatio]
                                       })
        case .html:
            let canImport = req.principal?.can(.recordCreditFunds) == true
            let amount = { (money: Money?) in Show.amount(money, fractionDigits: 1) }
            return Page(title: "Quỹ tín dụng nhân dân — \(area.name)", breadcrumbs: [("Trang chủ", "/"), ("Quỹ tín dụng nhân dân", nil)], content: .div(
                .h1(.text("Quỹ tín dụng nhân dân — \(area.name), năm \(year)")),
                .form(.method(.get), .action("/credit-funds"), .class("filters"), area.hiddenFields,
                      .label(.for("year"), .text("Năm")), .input(.type(.number), .id("year"), .name("year"), .value(String(year))),
                      .button(.type(.submit), .text("Xem"))),
                .facts([("Quỹ có số liệu", .text(Show.number(Int(clamping: total.funds)))),
                        ("Thành viên", .text(Show.number(Int(clamping: total.members)))),
                        ("Vốn điều lệ (triệu đồng)", .text(amount(total.charterCapital))),
                        ("Tiền gửi huy động (triệu đồng)", .text(amount(total.deposits))),
                        ("Dư nợ cho vay (triệu đồng)", .text(amount(total.loans))),
                        ("Tỷ lệ nợ xấu", .text(Show.percent(total.badDebtRatio)))]),
                .p(.class("hint"), .text("Số liệu năm do Ngân hàng Nhà nước báo cáo; tỷ lệ nợ xấu của địa bàn là tổng nợ xấu chia tổng dư nợ, không phải trung bình các tỷ lệ.")),
                .if(canImport, .p(.class("actions"), .a(.href("/import/credit-funds"), .text("Nhập số liệu từ bảng của Ngân hàng Nhà nước")))),
                .if(items.isEmpty, .p(.text("Chưa có số liệu năm \(year) của quỹ tín dụng nhân dân nào ở \(area.name)."))),
                .if(!items.isEmpty, .div(.class("scroll"), .table(.class("list"),
                    .thead(.tr(.th("Quỹ tín dụng nhân dân"), .th("Xã, phường"), .th(.class("num"), .text("Thành viên")), .th(.class("num"), .text("Vốn điều lệ")),
                               .th(.class("num"), .text("Tiền gửi")), .th(.class("num"), .text("Dư nợ")), .th(.class("num"), .text("Nợ xấu")),
                               .th(.class("num"), .text("Tỷ lệ nợ xấu")))),
                    .tbody(.forEach(items) { line in
                        .tr(.td(.a(.href("/organizations/\(line.organizationId)"), .text(line.name))), .td(.text(line.communeName)),
                            .td(.class("num"), .text(Show.number(Int(clamping: line.figures.members)))), .td(.class("num"), .text(amount(line.figures.charterCapital))),
                            .td(.class("num"), .text(amount(line.figures.deposits))), .td(.class("num"), .text(amount(line.figures.loans))),
                            .td(.class("num"), .text(amount(line.figures.badDebt))), .td(.class("num"), .text(Show.percent(line.figures.badDebtRatio))))
                    })))),
                .downloads(path: "/credit-funds", query: [area.query, "year=\(year)"].filter { !$0.isEmpty }.joined(separator: "&"))
            )).response()
        }
    }
}
