import HopTacCore
import Plot
import Vapor

/// `/figures` (also `.json`, `.csv`, `.xlsx`): every figure of an area and year with its key, value, unit, definition
/// and a link to the organisations, reports or classifications it counts. The same function computes the figures of
/// every other page, which link here for the definitions.
struct FiguresController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.getEveryRepresentation("figures", access: .anyone, use: show)
    }

    /// A figure as `/figures` gives it: JSON numbers (null for a share of nothing), the unit and the definition.
    struct Item: Encodable, Sendable {
        let key: String
        let label: String
        let value: FigureNumber?
        let unit: String
        let unitLabel: String
        let definition: String
        let definitionEn: String
        let list: String?

        /// Every key always present, `null` where there is no value: a share of nothing, or no list.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(key, forKey: .key)
            try container.encode(label, forKey: .label)
            try container.encode(value, forKey: .value)
            try container.encode(unit, forKey: .unit)
            try container.encode(unitLabel, forKey: .unitLabel)
            try container.encode(definition, forKey: .definition)
            try container.encode(definitionEn, forKey: .definitionEn)
            try container.encode(list, forKey: .list)
        }

        enum CodingKeys: String, CodingKey { case key, label, value, unit, unitLabel = "unit_label", definition, definitionEn = "definition_en", list }
    }

    /// The place figures are asked about: an area of the 2025 units, or a unit before the reorganisation.
    struct Place: Sendable {
        let grouping: Grouping
        let code: String
        let name: String
        let filter: OrganizationFilter
        /// `province=42`, `legacy_district=436`…: what selects the place in links.
        let query: String
    }

    static func place(_ req: Request) async throws -> Place {
        let sql = try req.db.sql()
        for (parameter, grouping) in [("legacy_commune", Grouping.legacyCommune), ("legacy_district", .legacyDistrict), ("legacy_province", .legacyProvince)] {
            guard let code = req.query[String.self, at: parameter]?.trimmed, !code.isEmpty else { continue }
            guard code.count <= 5, code.allSatisfy({ $0.isASCII && $0.isNumber }),
                  let name = try await FiguresQueries.names([code], at: grouping, on: sql)[code] else {
                throw Abort(.notFound, reason: "Không có đơn vị “\(code)” (\(grouping.label)).")
            }
            var filter = OrganizationFilter()
            if grouping == .legacyCommune { filter.legacyCommune = code }
            return Place(grouping: grouping, code: code, name: name, filter: grouping == .legacyCommune ? filter : OrganizationFilter(), query: "\(parameter)=\(code)")
        }
        let area = try await Area.fromQuery(req)
        return Place(grouping: area.level, code: area.code, name: area.name, filter: area.filter, query: area.query)
    }

    /// The figures of `place` in `year`, each with what it means.
    static func items(_ place: Place, year: Int, on req: Request) async throws -> [Item] {
        let figures = try await FiguresQueries.figures(year: year, by: place.grouping, within: place.filter, on: req)[place.code] ?? Figures().completed
        return FigureDefinition.all.map { definition in
            Item(key: definition.key.rawValue, label: definition.label, value: figures.number(definition.key), unit: definition.unit.rawValue,
                 unitLabel: definition.unit.label, definition: definition.definition, definitionEn: definition.english,
                 list: list(definition, place: place, year: year))
        }
    }

    /// Where the organisations a figure counts are listed, with the same filters; nil where no list selects exactly them.
    static func list(_ definition: FigureDefinition, place: Place, year: Int) -> String? {
        let area = place.query.isEmpty ? "" : "&" + place.query
        switch definition.source {
        case .registry:
            // Lists show today's status, so only the current year's registry figures have a list of exactly those.
            guard year == Day.today().year, !place.grouping.isLegacy || place.grouping == .legacyCommune else { return nil }
            let key = definition.key
            if key == .organizationsRegistered { return "/organizations?status=registered" + area }
            for type in OrganizationType.allCases {
                if key == .registered(type) { return "/organizations?type=\(type.rawValue)&status=registered" + area }
                if key == .active(type) { return "/organizations?type=\(type.rawValue)&status=active" + area }
            }
            for status in OrganizationStatus.allCases where key == .status(status) { return "/organizations?status=\(status.rawValue)" + area }
            return nil
        case .reports:
            guard place.grouping == .nation || place.grouping == .province else { return nil }
            return "/reports?year=\(year)" + area
        case .support:
            guard place.grouping == .nation || place.grouping == .province || place.grouping == .commune else { return nil }
            let kind: PolicyKind? = switch definition.key {
            case .loansOutstanding: .credit
            case .graduatesPlaced: .graduates
            case .managersTrained, .managersTrainedShare: .training
            case .modelCooperatives, .communesWithModel: .modelCooperative
            case .commendedOrganizations: .commendation
            default: nil
            }
            let year = [.supportAmount, .supportedOrganizations, .commendedOrganizations].contains(definition.key) ? "year=\(year)" : ""
            return "/support?" + [year, kind.map { "kind=\($0.rawValue)" } ?? "", place.query].filter { !$0.isEmpty }.joined(separator: "&")
        case .creditFunds:
            guard !place.grouping.isLegacy else { return nil }
            return "/credit-funds?" + ["year=\(year)", place.query].filter { !$0.isEmpty }.joined(separator: "&")
        case .population:
            guard place.grouping == .nation || place.grouping == .province || place.grouping == .commune else { return nil }
            return "/population?" + ["year=\(year)", place.query].filter { !$0.isEmpty }.joined(separator: "&")
        case .classifications:
            guard !place.grouping.isLegacy else { return nil }
            let band = Rubric.tt01_2020.bands.first { definition.key == .band($0.code) }.map { "&band=\($0.code)" } ?? (definition.key == .notRated ? "&band=not_rated" : "")
            return "/classification/\(year)/organizations?" + place.query + band
        }
    }

    @Sendable func show(req: Request, representation: Representation) async throws -> Response {
        let today = Day.today()
        let year = try req.yearQuery(default: today.year, in: ReportingCalendar.years.lowerBound...today.year)
        let place = try await Self.place(req)
        let items = try await Self.items(place, year: year, on: req)
        let reference = Figures.referenceDay(year: year, today: today)
        switch representation {
        case .json:
            struct Body: Encodable { let level: String; let code: String; let name: String; let year: Int; let referenceDay: Day; let figures: [Item] }
            return try Responses.json(Body(level: place.grouping.rawValue, code: place.code, name: place.name, year: year, referenceDay: reference, figures: items))
        case .csv, .xlsx:
            return try Responses.table("so-lieu-\(place.code)-\(year)", as: representation,
                                       header: ["Khoá", "Số liệu", "Giá trị", "Đơn vị", "Định nghĩa"],
                                       rows: items.map { [$0.key, $0.label, $0.value, $0.unitLabel, $0.definition] })
        case .html:
            return FiguresPage(place: place, year: year, reference: reference, items: items).page().response()
        }
    }
}

struct FiguresPage {
    let place: FiguresController.Place
    let year: Int
    let reference: Day
    let items: [FiguresController.Item]

    func page() -> Page {
        let query = (place.query.isEmpty ? "" : place.query + "&") + "year=\(year)"
        return Page(
            title: "Số liệu \(place.name) năm \(year)",
            description: "Mọi số liệu kinh tế tập thể của \(place.name) năm \(year), mỗi số với định nghĩa và danh sách tổ chức được đếm.",
            breadcrumbs: [("Trang chủ", "/"), ("Số liệu", nil)],
            content: .div(
                .h1(.text("Số liệu — \(place.name) — năm \(year)")),
                .p(.class("hint"), .text("Mỗi câu hỏi một con số: trang chủ, bảng điều hành, tổng hợp xếp loại, bản đồ, danh bạ công khai, API và các tệp tải về đều lấy số liệu từ đây. Số liệu về sổ đăng ký tính đến ngày \(reference.vietnamese)\(reference.year == year && reference.month == 12 && reference.day == 31 ? " (cuối năm)" : " (hôm nay)"); số liệu báo cáo, xếp loại tính theo báo cáo năm \(year).")),
                .form(.method(.get), .action("/figures"), .class("filters"),
                    .label(.for("year"), .text("Năm")), .input(.type(.number), .id("year"), .name("year"), .value(String(year))),
                    .unwrap(place.query.split(separator: "=", maxSplits: 1).first.map(String.init)) { name in
                        .input(.type(.hidden), .name(name), .value(place.code))
                    },
                    .button(.type(.submit), .text("Xem"))),
                .div(.class("scroll"), .table(.class("list"),
                    .thead(.tr(.th("Số liệu"), .th(.class("num"), .text("Giá trị")), .th("Đơn vị"), .th("Định nghĩa"), .th("Khoá"), .th("Danh sách"))),
                    .tbody(.forEach(items) { item in
                        .tr(.id(item.key),
                            .td(.text(item.label)),
                            .td(.class("num"), .text(Show.figure(item.value?.double, unit: FigureDefinition.Unit(rawValue: item.unit)))),
                            .td(.text(item.unitLabel)),
                            .td(.text(item.definition)),
                            .td(.code(.text(item.key))),
                            .td(.unwrap(item.list, { .a(.href($0), .text("Xem")) }, else: .text("—"))))
                    }))),
                .downloads(path: "/figures", query: query)
            )
        )
    }
}
