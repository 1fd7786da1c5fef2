import HopTacCore
import SQLKit
import Vapor

/// The administrative level figures are broken down by: the 2025 units, or for earlier years the units before the
/// reorganisation of 1 July 2025 (63 provinces, districts, communes).
enum Grouping: String, CaseIterable, Sendable {
    case nation, province, commune
    case legacyProvince = "legacy-province", legacyDistrict = "legacy-district", legacyCommune = "legacy-commune"

    var isLegacy: Bool { [.legacyProvince, .legacyDistrict, .legacyCommune].contains(self) }

    /// The level below this one, for the rows of a roll-up table.
    func finer(legacy: Bool) -> Grouping {
        switch self {
        case .nation: legacy ? .legacyProvince : .province
        case .province, .legacyProvince: legacy ? .legacyDistrict : .commune
        case .legacyDistrict: .legacyCommune
        case .commune, .legacyCommune: self
        }
    }

    var label: String {
        switch self {
        case .nation: "Toàn quốc"
        case .province: "Tỉnh, thành phố"
        case .commune: "Xã, phường, đặc khu"
        case .legacyProvince: "Tỉnh, thành phố (trước 01/07/2025)"
        case .legacyDistrict: "Quận, huyện (trước 01/07/2025)"
        case .legacyCommune: "Xã, phường (trước 01/07/2025)"
        }
    }

    /// The SQL expression naming an organisation's unit at this level. Organisations registered before the
    /// reorganisation carry their old commune; for the others it is the first old commune their 2025 commune was formed
    /// from, which always lies in the right old district and province.
    fileprivate var key: SQLQueryString {
        switch self {
        case .nation: "'VN'"
        case .province: "o.province_code"
        case .commune: "o.commune_code"
        case .legacyProvince: "lc.province_code"
        case .legacyDistrict: "lc.district_code"
        case .legacyCommune: "lc.code"
        }
    }

    fileprivate var joins: SQLQueryString {
        isLegacy ? """
            LEFT JOIN (SELECT code_2025, MIN(legacy_code) AS legacy_code FROM commune_successions GROUP BY code_2025) cs ON cs.code_2025 = o.commune_code
            LEFT JOIN legacy_communes lc ON lc.code = COALESCE(o.legacy_commune_code, cs.legacy_code)
            """ : ""
    }

    var table: String {
        switch self {
        case .nation: ""
        case .province: "provinces"
        case .commune: "communes"
        case .legacyProvince: "legacy_provinces"
        case .legacyDistrict: "legacy_districts"
        case .legacyCommune: "legacy_communes"
        }
    }
}

/// Computes `Figures` straight from the registry, the reports and the classifications: nothing is precomputed, so a
/// figure is never older than the data. Results are cached until one of `tables` changes.
enum FiguresQueries {
    static let tables = ["organizations", "annual_reports", "classifications"]

    /// Figures of `year` for every unit at `grouping` inside `filter`, keyed by unit code ("VN" for the nation).
    static func figures(year: Int, by grouping: Grouping, within filter: OrganizationFilter, on req: Request) async throws -> [String: Figures] {
        let sql = try req.db.sql()
        let key = "figures|\(year)|\(grouping.rawValue)|\(filter.cacheKey)"
        return try await req.application.liveCache.value(key, from: tables, on: sql) {
            try await compute(year: year, by: grouping, within: filter, on: sql)
        }
    }

    /// The area's own figures in each of the years.
    static func series(_ area: Area, years: some Sequence<Int>, on req: Request) async throws -> [Int: Figures] {
        var series: [Int: Figures] = [:]
        for year in years {
            series[year] = try await figures(year: year, by: area.level, within: area.filter, on: req)[area.code] ?? Figures().completed
        }
        return series
    }

    static func compute(year: Int, by grouping: Grouping, within filter: OrganizationFilter, on sql: any SQLDatabase) async throws -> [String: Figures] {
        let start = "\(year)-01-01", end = "\(year)-12-31"
        let place = OrganizationQueries.condition(filter, on: sql)
        let unit = grouping.key, joins = grouping.joins
        var result: [String: Figures] = [:]
        func add(_ unit: String?, _ key: String, _ value: Double) { result[unit ?? "", default: Figures()][key] += value }

        // The registry at the end of the year: status as the lifecycle stood then, and who was founded in the year.
        struct Registry: Decodable { let unit: String?; let type: String; let status: String; let founded: Int; let n: Int }
        for row in try await sql.raw("""
            SELECT unit, type, status, founded, COUNT(*) AS n FROM (
              SELECT \(unit) AS unit, o.type,
                COALESCE((SELECT e.status FROM organization_status_events e WHERE e.organization_id = o.id AND e.effective_from <= \(bind: end)
                          ORDER BY e.effective_from DESC, e.id DESC LIMIT 1), o.status) AS status,
                CASE WHEN o.registration_date >= \(bind: start) THEN 1 ELSE 0 END AS founded
              FROM organizations o \(joins)
              WHERE \(place) AND (o.registration_date IS NULL OR o.registration_date <= \(bind: end))) t
            GROUP BY unit, type, status, founded
            """).all(decoding: Registry.self) {
            let n = Double(row.n)
            add(row.unit, "status.\(row.status)", n)
            if row.status != OrganizationStatus.dissolved.rawValue && row.status != OrganizationStatus.merged.rawValue {
                add(row.unit, "organizations", n)
                add(row.unit, "organizations.\(row.type)", n)
            }
            if row.founded == 1 {
                add(row.unit, "founded", n)
                add(row.unit, "founded.\(row.type)", n)
            }
        }

        struct Ended: Decodable { let unit: String?; let type: String; let n: Int }
        for row in try await sql.raw("""
            SELECT \(unit) AS unit, o.type, COUNT(DISTINCT o.id) AS n
            FROM organization_status_events e JOIN organizations o ON o.id = e.organization_id \(joins)
            WHERE \(place) AND e.status IN ('dissolved', 'merged') AND e.effective_from BETWEEN \(bind: start) AND \(bind: end)
            GROUP BY 1, 2
            """).all(decoding: Ended.self) {
            add(row.unit, "dissolved", Double(row.n))
            add(row.unit, "dissolved.\(row.type)", Double(row.n))
        }

        // Reports that count: submitted and onwards.
        let sums = ["official_members", "associate_members", "workers", "charter_capital", "total_assets", "indivisible_assets", "revenue",
                    "pretax_profit", "debt_state", "debt_banks", "debt_members", "debt_other", "ocop_products"]
        let flags = ["value_chain", "high_tech", "digital_transformation"]
        // Cast so that both databases return a double whatever the column type (PostgreSQL sums integers as bigint).
        let columns = (sums + flags).map { "CAST(SUM(r.\($0)) AS DOUBLE PRECISION) AS \($0)" }.joined(separator: ", ")
        for row in try await sql.raw("""
            SELECT \(unit) AS unit, CAST(COUNT(*) AS DOUBLE PRECISION) AS reports, \(unsafeRaw: columns),
                   CAST(SUM(CASE WHEN r.average_income > 0 THEN r.average_income ELSE 0 END) AS DOUBLE PRECISION) AS income_sum,
                   CAST(SUM(CASE WHEN r.average_income > 0 THEN 1 ELSE 0 END) AS DOUBLE PRECISION) AS income_reports
            FROM annual_reports r JOIN organizations o ON o.id = r.organization_id \(joins)
            WHERE \(place) AND r.year = \(bind: year) AND r.state IN (\(binds: ClassificationStore.ratedStates))
            GROUP BY 1
            """).all() {
            let code = try row.decodeNil(column: "unit") ? nil : try row.decode(column: "unit", as: String.self)
            func number(_ column: String) throws -> Double { try row.decodeNil(column: column) ? 0 : try row.decode(column: column, as: Double.self) }
            add(code, "reports", try number("reports"))
            for column in sums { add(code, column, try number(column)) }
            add(code, "value_chain", try number("value_chain"))
            add(code, "high_tech", try number("high_tech"))
            add(code, "digital", try number("digital_transformation"))
            let incomeReports = try number("income_reports")
            add(code, "income_reports", incomeReports)
            if incomeReports > 0 { add(code, "average_income", try number("income_sum") / incomeReports) }
        }

        struct Rated: Decodable { let unit: String?; let band: String?; let sizeClass: String?; let n: Int }
        for row in try await sql.raw("""
            SELECT \(unit) AS unit, c.band, c.size_class, COUNT(*) AS n
            FROM classifications c JOIN organizations o ON o.id = c.organization_id \(joins)
            WHERE \(place) AND c.year = \(bind: year)
            GROUP BY 1, 2, 3
            """).all(decoding: Rated.self, keyDecodingStrategy: .snakeCaseColumns) {
            let n = Double(row.n)
            if let band = row.band {
                add(row.unit, "rated", n)
                add(row.unit, "band.\(band)", n)
            } else {
                add(row.unit, "not_rated", n)
            }
            if let size = row.sizeClass { add(row.unit, "size.\(size)", n) }
        }

        for code in result.keys {
            var figures = result[code]!
            figures["members"] = figures["official_members"] + figures["associate_members"]
            figures["debts"] = figures["debt_state"] + figures["debt_banks"] + figures["debt_members"] + figures["debt_other"]
            result[code] = figures.completed
        }
        return result
    }

    /// Names of the units at `grouping` with these codes.
    static func names(_ codes: [String], at grouping: Grouping, on sql: any SQLDatabase) async throws -> [String: String] {
        guard grouping != .nation else { return ["VN": Grouping.nation.label] }
        guard !codes.isEmpty else { return [:] }
        struct Row: Decodable { let code: String; let name: String }
        let rows = try await sql.raw("SELECT code, name FROM \(ident: grouping.table) WHERE code IN (\(binds: codes))").all(decoding: Row.self)
        return Dictionary(rows.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
    }
}

extension Figures {
    /// Every documented key present, so that JSON readers and indicators never meet a missing one.
    var completed: Figures {
        var figures = self
        var keys = ["organizations", "founded", "dissolved", "reports", "rated", "not_rated", "value_chain", "high_tech", "digital",
                    "ocop_products", "official_members", "associate_members", "members", "workers", "charter_capital", "total_assets",
                    "indivisible_assets", "revenue", "pretax_profit", "average_income", "income_reports", "debt_state", "debt_banks", "debt_members",
                    "debt_other", "debts"]
        for type in OrganizationType.allCases { keys += ["organizations.\(type.rawValue)", "founded.\(type.rawValue)", "dissolved.\(type.rawValue)"] }
        keys += OrganizationStatus.allCases.map { "status.\($0.rawValue)" }
        keys += ["good", "fair", "average", "weak"].map { "band.\($0)" }
        keys += SizeClass.allCases.map { "size.\($0.rawValue)" }
        for key in keys where figures.values[key] == nil { figures[key] = 0 }
        return figures
    }

    /// The sum of several units' figures; the mean income is weighted by the reports that gave one.
    static func total(_ parts: some Collection<Figures>) -> Figures {
        var total = Figures()
        for part in parts {
            for (key, value) in part.values where key != "average_income" { total[key] += value }
            total["average_income"] += part["average_income"] * part["income_reports"]
        }
        total["average_income"] = total["income_reports"] > 0 ? total["average_income"] / total["income_reports"] : 0
        return total.completed
    }
}
