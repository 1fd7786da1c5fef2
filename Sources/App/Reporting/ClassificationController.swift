import HopTacCore
import Plot
import SQLKit
import Vapor

/// `/classification/{year}`: the year's classification and collective-economy figures for the nation, a province or a
/// commune, broken down by the units one level below (2025 units, or the old ones for years before the reorganisation),
/// and `/classification/{year}/organizations`: each organisation's score, band and points per criterion.
/// Results are public statistics, like the lists provinces publish; the reports behind them stay private.
struct ClassificationController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, "classification", ":year", access: .anyone, use: rollUp)
        routes.getEveryRepresentation("classification", ":year", "organizations", access: .anyone, use: organizations)
        routes.on(.POST, "classification", ":year", "classify", access: .signedIn(.classify), use: classify)
    }

    /// The bands of the rubric, as the `band` filter names them.
    static let bandCodes = Rubric.tt01_2020.bands.map(\.code)

    private static func year(_ raw: String) throws -> Int {
        let this = Day.today().year
        guard let year = Int(raw), (ReportingCalendar.years.lowerBound...this).contains(year) else {
            throw Abort(.notFound, reason: "Năm “\(raw)” không hợp lệ: cần một năm từ 2000 đến \(this).")
        }
        return year
    }

    /// Band counts and shares of one unit, in the shape the JSON and the tables share.
    struct Counts: Content, Sendable {
        let rated: Int, good: Int, fair: Int, average: Int, weak: Int, notRated: Int
        /// Share of good or fair among the rated, percent; nil when none is rated.
        let goodFairPercent: Double?

        init(_ figures: Figures) {
            rated = Int(saturating: figures[.rated]); good = Int(saturating: figures[.band("good")]); fair = Int(saturating: figures[.band("fair")])
            average = Int(saturating: figures[.band("average")]); weak = Int(saturating: figures[.band("weak")]); notRated = Int(saturating: figures[.notRated])
            goodFairPercent = figures.goodFairPercent
        }
    }

    struct UnitRow: Encodable, Sendable {
        let code: String
        let name: String
        let counts: Counts
        let figures: Figures

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(code, forKey: Key("code"))
            try container.encode(name, forKey: Key("name"))
            try counts.encode(to: encoder)
            try container.encode(figures.written, forKey: Key("figures"))
        }
    }

    struct Key: CodingKey {
        let stringValue: String
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }

    @Sendable func rollUp(req: Request) async throws -> Response {
        let (raw, representation) = Representation.split(req.parameters.get("year") ?? "")
        let year = try Self.year(raw)
        let area = try await Area.fromQuery(req)
        let sql = try req.db.sql()
        let wanted = req.query[String.self, at: "units"]
        guard wanted == nil || wanted == "2025" || wanted == "legacy" else {
            throw Abort(.badRequest, reason: "Tham số “units” chỉ nhận “2025” (đơn vị hành chính mới) hoặc “legacy” (trước 01/07/2025).")
        }
        // Years before the reorganisation are read by the old units unless asked otherwise.
        let legacy = wanted.map { $0 == "legacy" } ?? (year < 2025)
        let finer = area.level.finer(legacy: legacy)
        let whole = try await FiguresQueries.figures(year: year, by: area.level, within: area.filter, on: req)[area.code]?.completed ?? Figures().completed
        let parts = finer == area.level ? [:] : try await FiguresQueries.figures(year: year, by: finer, within: area.filter, on: req)
        let names = try await FiguresQueries.names(parts.keys.filter { !$0.isEmpty }, at: finer, on: sql)
        let rows = parts.map { code, figures in
            UnitRow(code: code, name: code.isEmpty ? "Chưa xác định đơn vị cũ" : names[code] ?? code, counts: Counts(figures), figures: figures)
        }.sorted { $0.code.isEmpty != $1.code.isEmpty ? !$0.code.isEmpty : foldForSearch($0.name) < foldForSearch($1.name) }
        let rubric = try await ClassificationStore.rubric(forYear: year, on: sql)
        let listQuery = area.query.isEmpty ? "" : "?\(area.query)"

        switch representation {
        case .json:
            struct Body: Encodable {
                let year: Int, rubricVersion: String, level: String, code: String, name: String, units: String
                let counts: Counts, figures: [String: FigureNumber?], breakdownLevel: String?, breakdown: [UnitRow], organizationsUrl: String
                func encode(to encoder: any Encoder) throws {
                    var container = encoder.container(keyedBy: Key.self)
                    try container.encode(year, forKey: Key("year"))
                    try container.encode(rubricVersion, forKey: Key("rubric_version"))
                    try container.encode(level, forKey: Key("level"))
                    try container.encode(code, forKey: Key("code"))
                    try container.encode(name, forKey: Key("name"))
                    try container.encode(units, forKey: Key("units"))
                    try counts.encode(to: encoder)
                    try container.encode(figures, forKey: Key("figures"))
                    try container.encode(breakdownLevel, forKey: Key("breakdown_level"))
                    try container.encode(breakdown, forKey: Key("breakdown"))
                    try container.encode(organizationsUrl, forKey: Key("organizations_url"))
                }
            }
            return try Responses.json(Body(year: year, rubricVersion: rubric.version, level: area.level.rawValue, code: area.code, name: area.name,
                                           units: legacy ? "legacy" : "2025", counts: Counts(whole), figures: whole.catalogue,
                                           breakdownLevel: finer == area.level ? nil : finer.rawValue, breakdown: rows,
                                           organizationsUrl: "/classification/\(year)/organizations.json\(listQuery)"))
        case .csv, .xlsx:
            let table = Self.summaryTable(rows + [UnitRow(code: area.code, name: "Tổng cộng — \(area.name)", counts: Counts(whole), figures: whole)], unitLabel: finer.label)
            return try Responses.table("tong-hop-\(year)-\(area.code)", as: representation, header: table.header, rows: table.rows)
        case .html:
            let canClassify = req.principal.map { $0.can(.classify) && $0.registryWriteScope.covers(area) } ?? false
            return ClassificationPage(year: year, area: area, legacy: legacy, finer: finer, whole: whole, rows: rows, rubric: rubric,
                                      canClassify: canClassify, message: req.query[String.self, at: "message"]).page().response()
        }
    }

    /// The provincial summary as a table: one row per unit, then the total.
    static func summaryTable(_ rows: [UnitRow], unitLabel: String) -> (header: [String], rows: [[any TableCell]]) {
        let header = ["Mã", unitLabel, "Số HTX", "Số LHHTX", "Số THT", "Số QTDND", "Thành lập mới", "Giải thể", "Báo cáo đã nộp",
                      "Được xếp loại", "Tốt", "Khá", "Trung bình", "Yếu", "Chưa xếp loại", "Tỷ lệ tốt, khá (%)",
                      "Tham gia chuỗi giá trị", "Tỷ lệ chuỗi giá trị (%)", "Ứng dụng công nghệ cao", "Chuyển đổi số",
                      "Siêu nhỏ", "Nhỏ", "Vừa", "Lớn", "Thành viên chính thức", "Thành viên liên kết", "Lao động thường xuyên",
                      "Doanh thu (triệu đồng)", "Lợi nhuận trước thuế (triệu đồng)", "Thu nhập bình quân (triệu đồng/năm)", "Nợ phải trả (triệu đồng)"]
        return (header, rows.map { row in
            let f = row.figures
            let chain: Double? = f[.reportsSubmitted] > 0 ? f[.valueChain] / f[.reportsSubmitted] * 100 : nil
            return [row.code, row.name, Int(saturating: f[.registered(.htx)]), Int(saturating: f[.registered(.lhhtx)]), Int(saturating: f[.registered(.tht)]),
                    Int(saturating: f[.registered(.qtdnd)]), Int(saturating: f[.organizationsFounded]), Int(saturating: f[.organizationsEnded]), Int(saturating: f[.reportsSubmitted]), row.counts.rated,
                    row.counts.good, row.counts.fair, row.counts.average, row.counts.weak, row.counts.notRated, row.counts.goodFairPercent,
                    Int(saturating: f[.valueChain]), chain, Int(saturating: f[.highTech]), Int(saturating: f[.digital]),
                    Int(saturating: f[.size(.micro)]), Int(saturating: f[.size(.small)]), Int(saturating: f[.size(.medium)]), Int(saturating: f[.size(.large)]),
                    Int(saturating: f[.officialMembers]), Int(saturating: f[.associateMembers]), Int(saturating: f[.workers]), f[.revenue], f[.pretaxProfit],
                    f[.averageIncome], f[.debts]] as [any TableCell]
        })
    }

    struct Item: Content, Sendable {
        let organizationId: Int
        let registrationCode: String?
        let name: String
        let type: OrganizationType
        let communeCode: String
        let communeName: String
        let provinceCode: String
        let score: Double?
        let band: String
        let computedBand: String?
        let overridden: Bool
        let overrideReason: String?
        let notRatedReason: String?
        let sizeClass: String?
        let rubricVersion: String
        let points: [String: Double]
    }

    /// The classifications of a year inside an area (optionally one band, or `not_rated`), by province, commune, name.
    static func items(year: Int, area: Area, band: String?, readScope: Scope, on sql: any SQLDatabase) async throws -> [Item] {
        var bandCondition: SQLQueryString = "1 = 1"
        if let band { bandCondition = band == "not_rated" ? "c.band IS NULL" : "c.band = \(bind: band)" }
        struct Row: Decodable {
            let organizationId: Int, registrationCode: String?, name: String, type: OrganizationType, communeCode: String, communeName: String
            let provinceCode: String, total: Double?, band: String?, computedBand: String?, overrideBand: String?, overrideReason: String?
            let notRatedReason: String?, sizeClass: String?, scores: String, rubricVersion: String
        }
        let decoder = JSONDecoder()
        // The reason of an override is an officer's internal note: shown only to those who see the full record.
        return try await sql.raw("""
            SELECT o.id AS organization_id, o.registration_code, o.name, o.type, o.commune_code, cm.name AS commune_name, o.province_code,
                   c.total, c.band, c.computed_band, c.override_band, c.override_reason, c.not_rated_reason, c.size_class, c.scores, c.rubric_version
            FROM classifications c JOIN organizations o ON o.id = c.organization_id JOIN communes cm ON cm.code = o.commune_code
            WHERE c.year = \(bind: year) AND \(OrganizationQueries.condition(area.filter, on: sql)) AND \(bandCondition)
            ORDER BY o.province_code, cm.name_folded, o.name_folded, o.id
            """).all(decoding: Row.self, keyDecodingStrategy: .snakeCaseColumns).map { row in
            Item(organizationId: row.organizationId, registrationCode: row.registrationCode, name: row.name, type: row.type, communeCode: row.communeCode,
                 communeName: row.communeName, provinceCode: row.provinceCode, score: row.total, band: row.band ?? "not_rated",
                 computedBand: row.computedBand, overridden: row.overrideBand != nil,
                 overrideReason: readScope.contains(organizationId: row.organizationId, provinceCode: row.provinceCode, communeCode: row.communeCode) ? row.overrideReason : nil,
                 notRatedReason: row.notRatedReason, sizeClass: row.sizeClass, rubricVersion: row.rubricVersion,
                 points: try decoder.decode([String: Double].self, from: Data(row.scores.utf8)))
        }
    }

    @Sendable func organizations(req: Request, representation: Representation) async throws -> Response {
        let year = try Self.year(req.parameters.get("year") ?? "")
        let area = try await Area.fromQuery(req)
        let band = req.query[String.self, at: "band"].flatMap { $0.isEmpty ? nil : $0 }
        if let band, !(Self.bandCodes + ["not_rated"]).contains(band) {
            throw Abort(.badRequest, reason: "Tham số “band” không hợp lệ: “\(band)”. Giá trị được phép: \((Self.bandCodes + ["not_rated"]).joined(separator: ", ")).")
        }
        let order = try ListOrder<ClassifiedColumn>(req.query[String.self, at: "sort"])
        let page = try req.pageQuery()
        let sql = try req.db.sql()
        let rubric = try await ClassificationStore.rubric(forYear: year, on: sql)
        let rows = try await Self.items(year: year, area: area, band: band, readScope: req.principal?.readScope ?? .nothing, on: sql)
        // Bands in the rubric's order (best first), not by their codes' spelling.
        let items = order.sorted(rows) { item in
            switch order.column {
            case .commune: .text(foldForSearch(item.communeName))
            case .name: .text(foldForSearch(item.name))
            case .code: item.registrationCode.map { .text($0) } ?? .missing
            case .score: item.score.map { .number($0) } ?? .missing
            case .band: rubric.bands.firstIndex { $0.code == item.band }.map { .number(Double($0)) } ?? .missing
            case .size: item.sizeClass.map { .text($0) } ?? .missing
            }
        }
        let bandLabel = { (code: String) in rubric.bands.first { $0.code == code }?.label ?? "Chưa xếp loại" }
        switch representation {
        case .json:
            struct Body: Encodable { let year: Int; let code: String; let name: String; let rubricVersion: String; let total: Int; let items: [Item] }
            return try Responses.json(Body(year: year, code: area.code, name: area.name, rubricVersion: rubric.version, total: items.count, items: items))
        case .csv, .xlsx:
            let header = ["Số hồ sơ", "Mã số HTX", "Tên tổ chức", "Loại hình", "Xã/phường", "Mã tỉnh", "Tổng điểm", "Xếp loại", "Điều chỉnh",
                          "Lý do không xếp loại", "Quy mô"] + rubric.items.map { "\($0.code) (tối đa \(Show.number($0.max, fractionDigits: 0)))" }
            let rows: [[any TableCell]] = items.map { item in
                let fixed: [any TableCell] = [PlainNumber(item.organizationId), item.registrationCode, item.name, item.type.abbreviation, item.communeName, item.provinceCode,
                                              item.score, bandLabel(item.band), item.overrideReason, item.notRatedReason,
                                              item.sizeClass.flatMap(SizeClass.init(rawValue:))?.label]
                return fixed + rubric.items.map { item.points[$0.code] as Double? }
            }
            return try Responses.table("xep-loai-\(year)-\(area.code)", as: representation, header: header, rows: rows)
        case .html:
            return ClassifiedListPage(year: year, area: area, band: band, order: order, pageNumber: page, items: items, bandLabel: bandLabel).page().response()
        }
    }

    /// Reclassifies one province or commune (the web counterpart of `hoptac classify`), within the officer's area.
    @Sendable func classify(req: Request) async throws -> Response {
        let year = try Self.year(req.parameters.get("year") ?? "")
        struct Form: Decodable { let province: String?; let commune: String? }
        let form = try req.decodeBody(Form.self)
        let sql = try req.db.sql()
        let area: Area
        if let commune = form.commune, !commune.isEmpty { area = try await .commune(commune, on: sql) }
        else if let province = form.province, !province.isEmpty { area = try await .province(province, on: sql) }
        else { area = .nation }
        guard let principal = req.principal, principal.registryWriteScope.covers(area) else {
            throw Abort(.forbidden, reason: "Bạn không được xếp loại cho \(area.name).")
        }
        let summary = try await ClassificationStore.classify(year: year, scope: area.scope, areaName: area.name, provinceCode: area.provinceCode, actor: req.actor, on: req.db)
        let message = "Đã xếp loại \(VietnameseNumber.format(summary.total)) báo cáo năm \(year) của \(area.name)."
        let query = [area.query, "message=\(message.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? "")"].filter { !$0.isEmpty }.joined(separator: "&")
        return req.redirect(to: "/classification/\(year)?\(query)", redirectType: .normal)
    }
}

extension Scope {
    /// Whether every organisation of the area lies inside this scope.
    func covers(_ area: Area) -> Bool {
        switch self {
        case .everything: true
        case .province(let code): area.provinceCode == code
        case .commune(let code): area.level == .commune && area.code == code
        case .organization, .nothing: false
        }
    }
}
