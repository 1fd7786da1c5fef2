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
    static let tables = ["organizations", "annual_reports", "classifications", "reporting_deadlines", "support_records", "support_policies", "populations", "credit_fund_years"]

    /// Figures of `year` for every unit at `grouping` inside `filter`, keyed by unit code ("VN" for the nation).
    ///
    /// A province's figures are kept commune by commune against each commune's version (`TrackFiguresByCommune`) and
    /// the whole country's are the sum of its provinces', so a write recomputes its own commune alone. The units before
    /// 2025 cut across today's communes, so their figures are kept a province at a time; other filters are cached
    /// against the narrowest versions that cover them.
    static func figures(year: Int, by grouping: Grouping, within filter: OrganizationFilter, on req: Request) async throws -> [String: Figures] {
        let sql = try req.db.sql()
        let cache = req.application.liveCache
        let wholeCountry = filter.isEmpty && filter.scope == .everything
        guard wholeCountry || (!grouping.isLegacy && onlyProvince(filter) != nil) else {
            let version = try await DataVersion.current(tables(within: filter), on: sql)
            return try await cached(year: year, by: grouping, within: filter, version: version, on: sql, cache: cache)
        }
        let versions = try await provinceVersions(on: sql).filter { entry in onlyProvince(filter).map { $0 == entry.province } ?? true }
        var whole: [String: Figures] = [:]
        func add(_ part: [String: Figures]) {
            for (code, figures) in part { whole[code] = whole[code].map { Figures.total([$0, figures]) } ?? figures }
        }
        if grouping.isLegacy {
            for (province, version) in versions {
                var part = filter
                part.province = province
                add(try await cached(year: year, by: grouping, within: part, version: version, on: sql, cache: cache))
            }
            return whole
        }
        if wholeCountry { try await fillMissingProvinces(year: year, versions: versions, on: sql, cache: cache) }
        for (province, version) in versions {
            add(try await provinceParts(year: year, province: province, version: version, on: sql, cache: cache).figures(by: grouping, province: province))
        }
        return whole
    }

    /// The province a filter asks for and nothing else (the area filter of a province), if it is one.
    private static func onlyProvince(_ filter: OrganizationFilter) -> String? {
        guard let province = filter.province, filter.scope == .everything || filter.scope == .province(province) else { return nil }
        var rest = filter
        rest.province = nil
        return rest.isEmpty ? province : nil
    }

    /// What figures inside `filter` are computed from: the version of the one commune or province the filter lies in,
    /// else every table figures read.
    static func tables(within filter: OrganizationFilter) -> [String] {
        guard filter.legacyCommune == nil else { return tables }
        if case .commune(let commune) = filter.scope { return communeTables(commune) }
        if let commune = filter.commune { return communeTables(commune) }
        if case .province(let province) = filter.scope { return provinceTables(province) }
        if let province = filter.province { return provinceTables(province) }
        return tables
    }

    static func provinceTables(_ province: String) -> [String] { ["figures:\(province)", "reporting_deadlines"] }
    private static func communeTables(_ commune: String) -> [String] { ["figures-commune:\(commune)", "reporting_deadlines"] }

    private static func cached(year: Int, by grouping: Grouping, within filter: OrganizationFilter, version: String,
                               on sql: any SQLDatabase, cache: LiveCache) async throws -> [String: Figures] {
        try await cache.value(cacheKey(year: year, by: grouping, within: filter), version: version) {
            try await compute(year: year, by: grouping, within: filter, on: sql)
        }
    }

    /// The reference day is part of the key: this year's figures count the registry as it stands today.
    private static func cacheKey(year: Int, by grouping: Grouping, within filter: OrganizationFilter) -> String {
        "figures|\(year)|\(Figures.referenceDay(year: year).iso)|\(grouping.rawValue)|\(filter.cacheKey)"
    }

    /// One province's figures of a year, commune by commune.
    private struct ProvinceParts: Sendable {
        /// The versions the parts were computed at: each commune's, and the reporting calendar's.
        let versions: [String: Int]
        /// Each commune's figures as computed, not completed: the catalogue's derived figures are filled in once summed.
        let communes: [String: Figures]
        let total: Figures

        init(versions: [String: Int], communes: [String: Figures]) {
            self.versions = versions
            self.communes = communes
            total = Figures.total(communes.values)
        }

        /// The province's figures at a grouping the province's communes add up to. A province without organisations
        /// has no row, as a query grouped by unit gives none.
        func figures(by grouping: Grouping, province: String) -> [String: Figures] {
            guard !communes.isEmpty else { return [:] }
            switch grouping {
            case .nation: return ["VN": total]
            case .province: return [province: total]
            default: return communes.mapValues(\.completed)
            }
        }
    }

    private static func partsKey(year: Int, province: String) -> String {
        "figures-parts|\(year)|\(Figures.referenceDay(year: year).iso)|\(province)"
    }

    /// A province's parts at `version` (its `provinceTables` version). When the parts kept are older, only the
    /// communes whose version moved since are computed again, unless the calendar moved or so many communes did that
    /// one pass over the province is cheaper.
    private static func provinceParts(year: Int, province: String, version: String, on sql: any SQLDatabase, cache: LiveCache) async throws -> ProvinceParts {
        let key = partsKey(year: year, province: province)
        let kept = await cache.stale(key, as: ProvinceParts.self)
        if let kept, kept.version == version { return kept.value }
        // Versions first, data second: a write landing in between is then computed again next time, never missed.
        let versions = try await communeVersions(province: province, on: sql)
        var filter = OrganizationFilter()
        filter.province = province
        let changed = kept.map { kept in versions.filter { kept.value.versions[$0.key] != $0.value }.map(\.key) }
        let parts: ProvinceParts
        if let kept, let changed, !changed.isEmpty, changed.count <= 8, Set(versions.keys) == Set(kept.value.versions.keys),
           !changed.contains("reporting_deadlines") {
            var communes = kept.value.communes
            for name in changed {
                let commune = String(name.dropFirst("figures-commune:".count))
                filter.commune = commune
                communes[commune] = try await compute(year: year, by: .commune, within: filter, on: sql, completed: false)[commune]
            }
            parts = ProvinceParts(versions: versions, communes: communes)
        } else {
            parts = ProvinceParts(versions: versions, communes: try await compute(year: year, by: .commune, within: filter, on: sql, completed: false))
        }
        await cache.store(key, version: version, parts)
        return parts
    }

    /// The versions a province's parts are computed at: each of its communes' and the reporting calendar's, by name.
    private static func communeVersions(province: String?, on sql: any SQLDatabase) async throws -> [String: Int] {
        let inProvince: SQLQueryString = province.map { "WHERE province_code = \(bind: $0)" } ?? ""
        let rows = try await sql.raw("""
            SELECT name, version FROM data_versions
            WHERE name = 'reporting_deadlines' OR name IN (SELECT 'figures-commune:' || code FROM communes \(inProvince))
            """).all(decoding: DataVersion.Row.self)
        return Dictionary(rows.map { ($0.name, $0.version) }, uniquingKeysWith: { a, _ in a })
    }

    /// When several provinces' parts are not kept (the first national view, or a year nobody opened), they are
    /// computed in one pass over the country grouped by commune rather than one pass per province: the same rows and
    /// the same sums, at the cost of one province's queries instead of 34.
    private static func fillMissingProvinces(year: Int, versions: [(province: String, version: String)], on sql: any SQLDatabase, cache: LiveCache) async throws {
        var missing: [(province: String, version: String)] = []
        for entry in versions where !(await cache.contains(partsKey(year: year, province: entry.province), version: entry.version)) { missing.append(entry) }
        guard missing.count > 1 else { return }
        struct Commune: Decodable { let code: String; let provinceCode: String }
        let provinceOf = Dictionary(try await sql.raw("SELECT code, province_code FROM communes").all(decoding: Commune.self, keyDecodingStrategy: .snakeCaseColumns)
            .map { ($0.code, $0.provinceCode) }, uniquingKeysWith: { a, _ in a })
        let allVersions = try await communeVersions(province: nil, on: sql)
        let byCommune = try await compute(year: year, by: .commune, within: OrganizationFilter(), on: sql, completed: false)
        for (province, version) in missing {
            let inProvince = { (commune: String) in provinceOf[commune] == province }
            let versions = allVersions.filter { $0.key == "reporting_deadlines" || inProvince(String($0.key.dropFirst("figures-commune:".count))) }
            await cache.store(partsKey(year: year, province: province), version: version,
                              ProvinceParts(versions: versions, communes: byCommune.filter { inProvince($0.key) }))
        }
    }

    /// Each province's version key (as `DataVersion.current(provinceTables(code))` gives it), in one query.
    private static func provinceVersions(on sql: any SQLDatabase) async throws -> [(province: String, version: String)] {
        let rows = try await sql.raw("SELECT name, version FROM data_versions WHERE name LIKE 'figures:%' OR name = 'reporting_deadlines'")
            .all(decoding: DataVersion.Row.self)
        let byName = Dictionary(rows.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        return rows.filter { $0.name.hasPrefix("figures:") }.sorted { $0.name < $1.name }.map { row in
            let province = String(row.name.dropFirst("figures:".count))
            return (province, DataVersion.key(provinceTables(province).compactMap { byName[$0] }))
        }
    }

    /// The area's own figures in a year (all zero for an area without organisations).
    static func figures(of area: Area, year: Int, on req: Request) async throws -> Figures {
        try await figures(year: year, by: area.level, within: area.filter, on: req)[area.code] ?? Figures().completed
    }

    /// The area's own figures in each of the years.
    static func series(_ area: Area, years: some Sequence<Int>, on req: Request) async throws -> [Int: Figures] {
        var series: [Int: Figures] = [:]
        for year in years { series[year] = try await figures(of: area, year: year, on: req) }
        return series
    }

    /// An organisation's status on `day`: the last status event in force then, else the record's own status.
    /// The one definition of "status on a day" for figures and for "owes a report".
    static func statusOn(_ day: Day) -> SQLQueryString {
        """
        COALESCE((SELECT e.status FROM organization_status_events e WHERE e.organization_id = o.id AND e.effective_from <= \(bind: day.iso)
                  ORDER BY e.effective_from DESC, e.id DESC LIMIT 1), o.status)
        """
    }

    /// The figures counted straight from the data; `completed: false` leaves out the catalogue's derived figures, for
    /// parts that are summed before they are shown.
    static func compute(year: Int, by grouping: Grouping, within filter: OrganizationFilter, on sql: any SQLDatabase,
                        completed: Bool = true) async throws -> [String: Figures] {
        let start = "\(year)-01-01", end = "\(year)-12-31"
        let reference = Figures.referenceDay(year: year)
        let periodEnd = AnnualReport.period(forYear: year).upperBound.iso
        let place = OrganizationQueries.condition(filter, on: sql)
        let unit = grouping.key, joins = grouping.joins
        let registered = OrganizationStatus.registered.map(\.rawValue)
        let reporting = OrganizationType.allCases.filter(\.filesAnnualReport).map(\.rawValue)
        var result: [String: Figures] = [:]
        func add(_ unit: String?, _ key: FigureKey, _ value: Int64) { result[unit ?? "", default: Figures()].add(key, value) }

        // The registry on the reference day: status as the lifecycle stood then, who was founded in the year, and who
        // owed a report for it.
        struct Registry: Decodable { let unit: String?; let type: OrganizationType; let status: OrganizationStatus; let founded: Int; let owes: Int
                                     let n: Int64; let members: Int64?; let capital: Int64? }
        for row in try await sql.raw("""
            SELECT unit, type, status, founded, owes, COUNT(*) AS n, CAST(SUM(official_members) AS BIGINT) AS members,
                   CAST(SUM(charter_capital) AS BIGINT) AS capital FROM (
              SELECT \(unit) AS unit, o.type, o.official_members, o.charter_capital, \(statusOn(reference)) AS status,
                CASE WHEN o.registration_date >= \(bind: start) THEN 1 ELSE 0 END AS founded,
                CASE WHEN o.type IN (\(binds: reporting)) AND (o.registration_date IS NULL OR o.registration_date <= \(bind: periodEnd)) THEN 1 ELSE 0 END AS owes
              FROM organizations o \(joins)
              WHERE \(place) AND (o.registration_date IS NULL OR o.registration_date <= \(bind: reference.iso))) t
            GROUP BY unit, type, status, founded, owes
            """).all(decoding: Registry.self) {
            let n = row.n
            add(row.unit, .status(row.status), n)
            if row.status.isRegistered {
                add(row.unit, .organizationsRegistered, n)
                add(row.unit, .registered(row.type), n)
                if row.owes == 1 { add(row.unit, .reportsExpected, n) }
                if !row.type.filesAnnualReport {
                    add(row.unit, .registeredMembers(row.type), row.members ?? 0)
                    add(row.unit, .registeredCapital(row.type), row.capital ?? 0)
                }
            }
            if row.status == .active { add(row.unit, .active(row.type), n) }
            if row.founded == 1 {
                add(row.unit, .organizationsFounded, n)
                add(row.unit, .founded(row.type), n)
            }
        }

        struct Ended: Decodable { let unit: String?; let type: OrganizationType; let n: Int64 }
        for row in try await sql.raw("""
            SELECT \(unit) AS unit, o.type, COUNT(DISTINCT o.id) AS n
            FROM organization_status_events e JOIN organizations o ON o.id = e.organization_id \(joins)
            WHERE \(place) AND e.status NOT IN (\(binds: registered)) AND e.effective_from BETWEEN \(bind: start) AND \(bind: end)
            GROUP BY 1, 2
            """).all(decoding: Ended.self) {
            add(row.unit, .organizationsEnded, row.n)
            add(row.unit, .ended(row.type), row.n)
        }

        // Reports that count: submitted and onwards; on time when sent before the deadline day ended in Vietnam.
        let lateFrom = Timestamp.format(try await ReportQueries.calendar(year: year, on: sql).lateFrom(for: .cooperative, year: year))
        // Every summed column is an integer (counts, flags, amounts in đồng), so the sums are exact. Cast because
        // PostgreSQL sums bigints as numeric; a province's sum stays far inside 64 bits (see `ReportField.allowedRange`).
        let columns = FigureKey.reportSums.map { "CAST(SUM(r.\($0.field.rawValue)) AS BIGINT) AS \($0.field.rawValue)" }.joined(separator: ", ")
        for row in try await sql.raw("""
            SELECT \(unit) AS unit, COUNT(*) AS reports, \(unsafeRaw: columns),
                   CAST(SUM(CASE WHEN r.submitted_at < \(bind: lateFrom) THEN 1 ELSE 0 END) AS BIGINT) AS on_time,
                   CAST(SUM(CASE WHEN r.average_income > 0 THEN r.average_income ELSE 0 END) AS BIGINT) AS income_sum,
                   CAST(SUM(CASE WHEN r.average_income > 0 THEN 1 ELSE 0 END) AS BIGINT) AS income_reports
            FROM annual_reports r JOIN organizations o ON o.id = r.organization_id \(joins)
            WHERE \(place) AND r.year = \(bind: year) AND r.state IN (\(binds: ClassificationStore.ratedStates))
            GROUP BY 1
            """).all() {
            let code = try row.decodeNil(column: "unit") ? nil : try row.decode(column: "unit", as: String.self)
            func number(_ column: String) throws -> Int64 { try row.decodeNil(column: column) ? 0 : try row.decode(column: column, as: Int64.self) }
            let reports = try number("reports"), onTime = try number("on_time")
            add(code, .reportsSubmitted, reports)
            add(code, .reportsOnTime, onTime)
            add(code, .reportsLate, reports - onTime)
            for sum in FigureKey.reportSums { add(code, sum.key, try number(sum.field.rawValue)) }
            // The mean income is computed from these two once units are added up (`Figures.completed`).
            add(code, .incomeReports, try number("income_reports"))
            add(code, .incomeSum, try number("income_sum"))
        }

        struct Rated: Decodable { let unit: String?; let band: String?; let sizeClass: SizeClass?; let n: Int64 }
        for row in try await sql.raw("""
            SELECT \(unit) AS unit, c.band, c.size_class, COUNT(*) AS n
            FROM classifications c JOIN organizations o ON o.id = c.organization_id \(joins)
            WHERE \(place) AND c.year = \(bind: year)
            GROUP BY 1, 2, 3
            """).all(decoding: Rated.self, keyDecodingStrategy: .snakeCaseColumns) {
            let n = row.n
            if let band = row.band {
                add(row.unit, .rated, n)
                add(row.unit, .band(band), n)
            } else {
                add(row.unit, .notRated, n)
            }
            if let size = row.sizeClass { add(row.unit, .size(size), n) }
        }
        try await addSupport(year: year, by: grouping, within: filter, on: sql) { add($0, $1, $2) }
        try await addCreditFunds(year: year, by: grouping, within: filter, on: sql) { add($0, $1, $2) }
        try await addPopulation(year: year, by: grouping, within: filter, on: sql) { add($0, $1, $2) }
        return completed ? result.mapValues(\.completed) : result
    }

    /// What the support policies delivered: amounts, organisations supported and organisations commended in the year;
    /// loans outstanding, graduates in place, model cooperatives (and their communes) and cooperatives with a trained
    /// person on the reference day. Only delivered grants count.
    private static func addSupport(year: Int, by grouping: Grouping, within filter: OrganizationFilter, on sql: any SQLDatabase,
                                   add: (String?, FigureKey, Int64) -> Void) async throws {
        let start = "\(year)-01-01", end = "\(year)-12-31"
        let reference = Figures.referenceDay(year: year).iso
        let place = OrganizationQueries.condition(filter, on: sql)
        let unit = grouping.key, joins = grouping.joins
        let delivered = SupportStatus.allCases.filter(\.isDelivered).map(\.rawValue)
        let grants: SQLQueryString = """
            support_records s JOIN support_policies p ON p.id = s.policy_id JOIN organizations o ON o.id = s.organization_id \(joins)
            WHERE \(place) AND s.status IN (\(binds: delivered))
            """
        struct Sum: Decodable { let unit: String?; let n: Int64?; let organizations: Int64?; let commended: Int64?; let communes: Int64? }
        let recognitions = PolicyKind.allCases.filter(\.isRecognition).map(\.rawValue)
        for row in try await sql.raw("""
            SELECT \(unit) AS unit, CAST(SUM(s.amount) AS BIGINT) AS n,
                   COUNT(DISTINCT CASE WHEN p.kind NOT IN (\(binds: recognitions)) THEN s.organization_id END) AS organizations,
                   COUNT(DISTINCT CASE WHEN p.kind = \(bind: PolicyKind.commendation.rawValue) THEN s.organization_id END) AS commended
            FROM \(grants) AND s.support_date BETWEEN \(bind: start) AND \(bind: end) GROUP BY 1
            """).all(decoding: Sum.self) {
            add(row.unit, .supportAmount, row.n ?? 0)
            add(row.unit, .supportedOrganizations, row.organizations ?? 0)
            add(row.unit, .commendedOrganizations, row.commended ?? 0)
        }
        for row in try await sql.raw("""
            SELECT \(unit) AS unit, CAST(SUM(COALESCE(s.outstanding, s.amount)) AS BIGINT) AS n FROM \(grants)
              AND p.kind = \(bind: PolicyKind.credit.rawValue) AND s.status = \(bind: SupportStatus.disbursed.rawValue) AND s.support_date <= \(bind: reference)
            GROUP BY 1
            """).all(decoding: Sum.self) {
            add(row.unit, .loansOutstanding, row.n ?? 0)
        }
        for row in try await sql.raw("""
            SELECT \(unit) AS unit, COUNT(*) AS n FROM \(grants)
              AND p.kind = \(bind: PolicyKind.graduates.rawValue) AND s.support_date <= \(bind: reference) AND (s.end_date IS NULL OR s.end_date >= \(bind: start))
            GROUP BY 1
            """).all(decoding: Sum.self) {
            add(row.unit, .graduatesPlaced, row.n ?? 0)
        }
        let onRegister: SQLQueryString = """
            (o.registration_date IS NULL OR o.registration_date <= \(bind: reference))
              AND \(statusOn(Figures.referenceDay(year: year))) IN (\(binds: OrganizationStatus.registered.map(\.rawValue)))
            """
        for row in try await sql.raw("""
            SELECT \(unit) AS unit, COUNT(*) AS n, COUNT(DISTINCT o.commune_code) AS communes FROM organizations o \(joins)
            WHERE \(place) AND \(onRegister)
              AND EXISTS (SELECT 1 FROM support_records s JOIN support_policies p ON p.id = s.policy_id
                          WHERE s.organization_id = o.id AND p.kind = \(bind: PolicyKind.modelCooperative.rawValue) AND s.status IN (\(binds: delivered))
                            AND s.support_date <= \(bind: reference) AND (s.end_date IS NULL OR s.end_date > \(bind: reference)))
            GROUP BY 1
            """).all(decoding: Sum.self) {
            add(row.unit, .modelCooperatives, row.n ?? 0)
            add(row.unit, .communesWithModel, row.communes ?? 0)
        }
        let cooperatives = [OrganizationType.htx, .lhhtx].map(\.rawValue)
        for row in try await sql.raw("""
            SELECT \(unit) AS unit, COUNT(*) AS n FROM organizations o \(joins)
            WHERE \(place) AND o.type IN (\(binds: cooperatives)) AND \(onRegister)
              AND EXISTS (SELECT 1 FROM support_records s JOIN support_policies p ON p.id = s.policy_id
                          WHERE s.organization_id = o.id AND p.kind = \(bind: PolicyKind.training.rawValue) AND s.status IN (\(binds: delivered))
                            AND s.person_name IS NOT NULL AND s.support_date <= \(bind: reference))
            GROUP BY 1
            """).all(decoding: Sum.self) {
            add(row.unit, .managersTrained, row.n ?? 0)
        }
    }

    /// The credit funds' own figures of the year as the State Bank reported them, summed as amounts.
    private static func addCreditFunds(year: Int, by grouping: Grouping, within filter: OrganizationFilter, on sql: any SQLDatabase,
                                       add: (String?, FigureKey, Int64) -> Void) async throws {
        struct Row: Decodable { let unit: String?; let funds: Int64?; let members: Int64?; let capital: Int64?; let deposits: Int64?; let loans: Int64?; let bad: Int64? }
        for row in try await sql.raw("""
            SELECT \(grouping.key) AS unit, COUNT(*) AS funds, CAST(SUM(f.members) AS BIGINT) AS members, CAST(SUM(f.charter_capital) AS BIGINT) AS capital,
                   CAST(SUM(f.deposits) AS BIGINT) AS deposits, CAST(SUM(f.loans) AS BIGINT) AS loans, CAST(SUM(f.bad_debt) AS BIGINT) AS bad
            FROM credit_fund_years f JOIN organizations o ON o.id = f.organization_id \(grouping.joins)
            WHERE \(OrganizationQueries.condition(filter, on: sql)) AND f.year = \(bind: year) GROUP BY 1
            """).all(decoding: Row.self) {
            add(row.unit, .creditFundsReporting, row.funds ?? 0)
            add(row.unit, .creditFundMembers, row.members ?? 0)
            add(row.unit, .creditFundCapital, row.capital ?? 0)
            add(row.unit, .creditFundDeposits, row.deposits ?? 0)
            add(row.unit, .creditFundLoans, row.loans ?? 0)
            add(row.unit, .creditFundBadDebt, row.bad ?? 0)
        }
    }

    /// The population of the area's communes: each commune's figure of the year, or of the latest earlier year it
    /// has one. Only the 2025 units have populations, and an area is its communes whatever else the filter selects.
    private static func addPopulation(year: Int, by grouping: Grouping, within filter: OrganizationFilter, on sql: any SQLDatabase,
                                      add: (String?, FigureKey, Int64) -> Void) async throws {
        let unit: SQLQueryString
        switch grouping {
        case .nation: unit = "'VN'"
        case .province: unit = "c.province_code"
        case .commune: unit = "c.code"
        case .legacyProvince, .legacyDistrict, .legacyCommune: return
        }
        guard filter.legacyCommune == nil else { return }
        var place: SQLQueryString = "1 = 1"
        switch filter.scope {
        case .everything: break
        case .province(let code): place.appendInterpolation(" AND c.province_code = \(bind: code)" as SQLQueryString)
        case .commune(let code): place.appendInterpolation(" AND c.code = \(bind: code)" as SQLQueryString)
        case .organization, .nothing: return
        }
        if let code = filter.province { place.appendInterpolation(" AND c.province_code = \(bind: code)" as SQLQueryString) }
        if let code = filter.commune { place.appendInterpolation(" AND c.code = \(bind: code)" as SQLQueryString) }
        struct Row: Decodable { let unit: String?; let n: Int64? }
        for row in try await sql.raw("""
            SELECT \(unit) AS unit, CAST(SUM(p.population) AS BIGINT) AS n FROM populations p JOIN communes c ON c.code = p.commune_code
            WHERE \(place) AND p.year = (SELECT MAX(q.year) FROM populations q WHERE q.commune_code = p.commune_code AND q.year <= \(bind: year))
            GROUP BY 1
            """).all(decoding: Row.self) {
            add(row.unit, .population, row.n ?? 0)
        }
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
