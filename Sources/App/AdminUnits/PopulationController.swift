import HopTacCore
import Plot
import Vapor

/// `/population`: the population of an area's units in a year, with the members of collective organisations and their
/// share of it (the figures `population`, `population_share`), as a page and as JSON, CSV and XLSX.
struct PopulationController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.getEveryRepresentation("population", access: .signedIn(.readRegistry), use: show)
    }

    struct Line: Content, Sendable {
        let code: String
        let name: String
        let population: Int64
        let members: Int64
        /// Percent; nil where no population is recorded.
        let share: Double?
    }

    struct Summary: Content, Sendable {
        let year: Int
        let area: String
        let areaName: String
        let total: Line
        let items: [Line]
    }

    static func line(code: String, name: String, _ figures: Figures) -> Line {
        Line(code: code, name: name, population: figures.count(.population),
             members: FigureKey.membersCounted.reduce(Int64(0)) { $0.addingSaturating(figures.count($1)) }, share: figures.share(.populationShare))
    }

    @Sendable func show(req: Request, representation: Representation) async throws -> Response {
        let today = Day.today()
        let year = try req.yearQuery(default: today.year, in: ReportingCalendar.years.lowerBound...today.year)
        let area = try await Area.fromQuery(req)
        let finer = area.level.finer(legacy: false)
        let units = try await FiguresQueries.figures(year: year, by: finer, within: area.filter, on: req)
        let names = try await FiguresQueries.names(Array(units.keys), at: finer, on: try req.db.sql())
        let items = units.map { Self.line(code: $0.key, name: names[$0.key] ?? $0.key, $0.value) }
            .filter { $0.population > 0 || $0.members > 0 }.sorted { foldForSearch($0.name) < foldForSearch($1.name) }
        let whole = try await FiguresQueries.figures(of: area, year: year, on: req)
        let summary = Summary(year: year, area: area.code, areaName: area.name, total: Self.line(code: area.code, name: area.name, whole), items: items)
        switch representation {
        case .json:
            return try Responses.json(summary)
        case .csv, .xlsx:
            return try Responses.table("dan-so-\(area.code)-\(year)", as: representation, header: ["Mã", "Tên đơn vị", "Dân số (người)", "Thành viên", "Tỷ lệ (%)"],
                                       rows: items.map { [$0.code, $0.name, PlainNumber(Int(clamping: $0.population)), PlainNumber(Int(clamping: $0.members)), $0.share] })
        case .html:
            let canImport = req.principal?.can(.recordPopulation) == true
            return Page(title: "Dân số — \(area.name)", breadcrumbs: [("Trang chủ", "/"), ("Dân số", nil)], content: .div(
                .h1(.text("Dân số và tỷ lệ tham gia kinh tế tập thể — \(area.name), năm \(year)")),
                .form(.method(.get), .action("/population"), .class("filters"), area.hiddenFields,
                      .label(.for("year"), .text("Năm")), .input(.type(.number), .id("year"), .name("year"), .value(String(year))),
                      .button(.type(.submit), .text("Xem"))),
                .facts([("Dân số", .text(Show.number(Int(clamping: summary.total.population)))),
                        ("Thành viên các tổ chức kinh tế tập thể", .text(Show.number(Int(clamping: summary.total.members)))),
                        ("Tỷ lệ", .text(Show.percent(summary.total.share)))]),
                .p(.class("hint"), .text(FigureDefinition.of(.populationShare)?.definition ?? "")),
                .if(canImport, .p(.class("actions"), .a(.href("/import/population"), .text("Nhập dân số từ tệp")))),
                .if(items.isEmpty, .p(.text("Chưa có số liệu dân số của \(area.name) đến năm \(year)."))),
                .if(!items.isEmpty, .div(.class("scroll"), .table(.class("list"),
                    .thead(.tr(.th("Mã"), .th(.text(finer.label)), .th(.class("num"), .text("Dân số")), .th(.class("num"), .text("Thành viên")),
                               .th(.class("num"), .text("Tỷ lệ")))),
                    .tbody(.forEach(items) { line in
                        .tr(.td(.text(line.code)),
                            .td(finer == area.level ? .text(line.name) : .a(.href("/population?year=\(year)&\(finer == .province ? "province" : "commune")=\(line.code)"), .text(line.name))),
                            .td(.class("num"), .text(Show.number(Int(clamping: line.population)))), .td(.class("num"), .text(Show.number(Int(clamping: line.members)))),
                            .td(.class("num"), .text(Show.percent(line.share))))
                    })))),
                .downloads(path: "/population", query: [area.query, "year=\(year)"].filter { !$0.isEmpty }.joined(separator: "&"))
            )).response()
        }
    }
}
