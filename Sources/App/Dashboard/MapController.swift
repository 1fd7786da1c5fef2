import HopTacCore
import Plot
import SQLKit
import Vapor

/// `/map`: communes as points sized by their organisations and coloured by a chosen indicator, drawn from the units'
/// coordinates (no tile server). Earlier years can be shown by the old units: districts for the nation, communes in a
/// province.
struct MapController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.getEveryRepresentation("map", access: .signedIn(.readProgrammes), use: map)
    }

    /// Indicators that a single year's figures give, offered on the map.
    static let indicatorCodes = ["organizations", "htx", "tht", "good_fair_share", "value_chain_share", "high_tech_share", "digital_share", "members", "average_income"]

    struct Place: Content, Sendable {
        let code: String
        let name: String
        let province: String
        let latitude: Double
        let longitude: Double
        let organizations: Int
        let value: Double?
    }

    @Sendable func map(req: Request, representation: Representation) async throws -> Response {
        let today = Day.today()
        let year = try req.yearQuery(default: today.year - 1)
        guard (2020...today.year).contains(year) else { throw Abort(.badRequest, reason: "Năm phải từ 2020 đến \(today.year).") }
        let code = req.query[String.self, at: "indicator"] ?? "organizations"
        guard Self.indicatorCodes.contains(code), let indicator = IndicatorDefinition.named(code) else {
            throw Abort(.badRequest, reason: "Chỉ số “\(code)” không có trên bản đồ. Chọn một trong: \(Self.indicatorCodes.joined(separator: ", ")).")
        }
        let legacy = (req.query[String.self, at: "units"] ?? (year < 2025 ? "legacy" : "2025")) == "legacy"
        let province = req.query[String.self, at: "province"].flatMap { $0.isEmpty ? nil : $0 }
        let sql = try req.db.sql()
        let area = try await Area.fromQuery(req)
        let grouping: Grouping = legacy ? (province == nil ? .legacyDistrict : .legacyCommune) : .commune
        let figures = try await FiguresQueries.figures(year: year, by: grouping, within: area.filter, on: req)

        struct Row: Decodable { let code: String; let name: String; let provinceName: String; let latitude: Double?; let longitude: Double? }
        let table: SQLQueryString = switch grouping {
        case .legacyDistrict: "SELECT u.code, u.name, p.name AS province_name, u.latitude, u.longitude FROM legacy_districts u JOIN legacy_provinces p ON p.code = u.province_code"
        case .legacyCommune: "SELECT u.code, u.name, p.name AS province_name, u.latitude, u.longitude FROM legacy_communes u JOIN legacy_provinces p ON p.code = u.province_code"
        default: "SELECT u.code, u.name, p.name AS province_name, u.latitude, u.longitude FROM communes u JOIN provinces p ON p.code = u.province_code"
        }
        let codes = Array(figures.keys.filter { !$0.isEmpty })
        let rows = codes.isEmpty ? [] : try await sql.raw("\(table) WHERE u.code IN (\(binds: codes))").all(decoding: Row.self, keyDecodingStrategy: .snakeCaseColumns)
        var places: [Place] = []
        for row in rows {
            guard let latitude = row.latitude, let longitude = row.longitude, let f = figures[row.code] else { continue }
            let value: Double? = indicator.value(in: [year: f.completed], year: year, baselineYear: nil)
            places.append(Place(code: row.code, name: row.name, province: row.provinceName, latitude: latitude, longitude: longitude,
                                organizations: Int(saturating: f[.organizationsRegistered]), value: value))
        }
        places.sort { ($0.value ?? -1, $0.name) > ($1.value ?? -1, $1.name) }

        switch representation {
        case .json:
            struct Body: Encodable { let year: Int; let indicator: String; let label: String; let units: String; let items: [Place] }
            return try Responses.json(Body(year: year, indicator: code, label: indicator.label, units: legacy ? "legacy" : "2025", items: places))
        case .csv, .xlsx:
            return try Responses.table("ban-do-\(code)-\(year)", as: representation, header: ["Mã", "Đơn vị", "Tỉnh", "Vĩ độ", "Kinh độ", "Số tổ chức", indicator.label],
                                       rows: places.map { [$0.code, $0.name, $0.province, $0.latitude, $0.longitude, $0.organizations, $0.value] })
        case .html:
            let points = places.map { place in
                PointMap.Point(name: "\(place.name) (\(place.province))", latitude: place.latitude, longitude: place.longitude,
                               size: Double(place.organizations), value: place.value, group: province == nil ? place.province : nil,
                               href: !legacy && province != nil ? "/dashboard/communes/\(place.code)" : nil)
            }
            let svg = PointMap(id: "map", title: "\(indicator.label) năm \(year) — \(area.name)",
                               description: "Mỗi điểm là một \(grouping.label.lowercased()); kích thước theo số tổ chức, màu theo \(indicator.label.lowercased()).",
                               points: points, labels: PointMap.centroidLabels(for: points), coloring: .sequential(edges: nil),
                               colorTitle: indicator.label, sizeTitle: "Số tổ chức", mapWidth: province == nil ? 560 : 760).svg()
            return MapPage(year: year, indicator: indicator, legacy: legacy, area: area, grouping: grouping, places: places, svg: svg,
                           provinces: try await AdminUnitQueries.provinceNames(on: sql), query: req.url.query ?? "").page().response()
        }
    }
}

struct MapPage {
    let year: Int
    let indicator: IndicatorDefinition
    let legacy: Bool
    let area: Area
    let grouping: Grouping
    let places: [MapController.Place]
    let svg: String
    let provinces: [String: String]
    let query: String

    func page() -> Page {
        let shown = places.prefix(30)
        return Page(
            title: "Bản đồ kinh tế tập thể — \(area.name)",
            description: "\(indicator.label) năm \(year) theo \(grouping.label.lowercased()), \(area.name).",
            breadcrumbs: [("Trang chủ", "/"), ("Bảng điều hành", DashboardController.path(area)), ("Bản đồ", nil)],
            content: .div(
                .h1(.text("Bản đồ: \(indicator.label) năm \(year) — \(area.name)")),
                .form(.method(.get), .action("/map"), .class("filters"),
                    .label(.for("indicator"), .text("Chỉ số")),
                    .select(.id("indicator"), .attribute(named: "name", value: "indicator"),
                            .forEach(MapController.indicatorCodes) { code in
                                .choice(code, IndicatorDefinition.named(code)?.label ?? code, selected: code == indicator.code)
                            }),
                    .label(.for("year"), .text("Năm")),
                    .input(.type(.number), .id("year"), .name("year"), .value(String(year))),
                    .label(.for("units"), .text("Đơn vị")),
                    .select(.id("units"), .attribute(named: "name", value: "units"),
                            .choice("2025", "Từ 01/07/2025", selected: !legacy), .choice("legacy", "Trước 01/07/2025", selected: legacy)),
                    .label(.for("province"), .text("Tỉnh, thành phố")),
                    .select(.id("province"), .attribute(named: "name", value: "province"),
                            .choice("", "Toàn quốc", selected: area.level == .nation),
                            .forEach(provinces.sorted { foldForSearch($0.value) < foldForSearch($1.value) }) { .choice($0.key, $0.value, selected: area.code == $0.key) }),
                    .button(.type(.submit), .text("Xem"))),
                .element(named: "figure", nodes: [.class("chart map"), .raw(svg),
                    .element(named: "figcaption", text: "Mỗi điểm là một \(grouping.label.lowercased()) (\(VietnameseNumber.format(places.count)) điểm); điểm lớn hơn có nhiều tổ chức hơn, màu đậm hơn có \(indicator.label.lowercased()) cao hơn. Vẽ từ toạ độ đơn vị hành chính, không cần bản đồ nền trực tuyến.")]),
                .h2(.text("Cao nhất")),
                .table(.class("list"),
                    .thead(.tr(.th(.text(grouping.label)), .th("Tỉnh"), .th(.class("num"), .text("Số tổ chức")), .th(.class("num"), .text(indicator.label)))),
                    .tbody(.forEach(Array(shown)) { place in
                        .tr(.td(!legacy && grouping == .commune ? .a(.href("/dashboard/communes/\(place.code)"), .text(place.name)) : .text(place.name)),
                            .td(.text(place.province)), .td(.class("num"), .text(Show.number(place.organizations))),
                            .td(.class("num"), .text(ProgrammePages.value(place.value, unit: indicator.unit))))
                    })),
                .downloads(path: "/map", query: query.isEmpty ? "" : "?\(query)")
            )
        )
    }
}
