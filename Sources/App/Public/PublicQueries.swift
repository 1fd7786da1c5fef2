import HopTacCore
import SQLKit
import Vapor

/// One organisation as the public directory shows it. The queries below select these columns and no others, so a
/// representative, phone, e-mail, address, note or report figure cannot reach a public page by mistake: it is never read.
struct PublicOrganization: Decodable, Sendable {
    let id: Int
    let name: String
    let shortName: String?
    let type: OrganizationType
    let sector: Sector
    let mainActivities: String?
    let registrationCode: String?
    let registrationDate: Day?
    let communeCode: String
    let communeName: String
    let provinceCode: String
    let provinceName: String
    let status: OrganizationStatus
    let website: String?
    /// `good|fair|average|weak|not_rated` in `bandYear`, the last classified year; nil when not classified that year.
    let band: String?
    let bandYear: Int?
    /// From the latest report that counts (submitted onwards); nil without one. Drafts and returned reports never show.
    let ocopProducts: Int?
    let ocopBestStars: Int?
    let ocopYear: Int?
    /// The commune's centre: the directory gives no street address.
    let latitude: Double?
    let longitude: Double?
    let officialMembers: Int?
    let mergedIntoId: Int?
    let mergedIntoName: String?

    var url: String { "/public/organizations/\(id)" }
    var foundedYear: Int? { registrationDate?.year }
    var hasEnded: Bool { status.isTerminal }
}

extension PublicOrganization: Encodable {
    enum ListKey: String, CodingKey {
        case id, name, shortName, type, sector, mainActivities, registrationCode, registrationDate, communeCode, communeName
        case provinceCode, provinceName, status, website, band, bandYear, ocopProducts, ocopBestStars, latitude, longitude, url
    }

    /// The list item: every key always present (null when empty), so open-data readers meet one fixed shape.
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: ListKey.self)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encode(shortName, forKey: .shortName)
        try c.encode(type, forKey: .type)
        try c.encode(sector, forKey: .sector)
        try c.encode(mainActivities, forKey: .mainActivities)
        try c.encode(registrationCode, forKey: .registrationCode)
        try c.encode(registrationDate, forKey: .registrationDate)
        try c.encode(communeCode, forKey: .communeCode)
        try c.encode(communeName, forKey: .communeName)
        try c.encode(provinceCode, forKey: .provinceCode)
        try c.encode(provinceName, forKey: .provinceName)
        try c.encode(status, forKey: .status)
        try c.encode(website, forKey: .website)
        try c.encode(band, forKey: .band)
        try c.encode(bandYear, forKey: .bandYear)
        try c.encode(ocopProducts, forKey: .ocopProducts)
        try c.encode(ocopBestStars, forKey: .ocopBestStars)
        try c.encode(latitude, forKey: .latitude)
        try c.encode(longitude, forKey: .longitude)
        try c.encode(url, forKey: .url)
    }
}

/// Read queries of the public directory. Counts and facets are cached until organisations, reports or
/// classifications change.
enum PublicQueries {
    static let tables = ["organizations", "annual_reports", "classifications"]

    /// An organisation's band in `year` as an SQL expression on `o`: `not_rated` when classified without a band, NULL
    /// when not classified that year.
    static func band(year: Int) -> SQLQueryString {
        "(SELECT COALESCE(cl.band, 'not_rated') FROM classifications cl WHERE cl.organization_id = o.id AND cl.year = \(bind: year))"
    }

    /// A column of the organisation's latest report that counts, as an SQL expression on `o`; NULL without one.
    static func latestReport(_ column: String) -> SQLQueryString {
        """
        (SELECT r.\(unsafeRaw: column) FROM annual_reports r WHERE r.organization_id = o.id
         AND r.state IN (\(binds: ClassificationStore.ratedStates)) ORDER BY r.year DESC LIMIT 1)
        """
    }

    /// The last year that has any classification: the bands shown are that year's, for every organisation alike.
    static func bandYear(on sql: any SQLDatabase) async throws -> Int? {
        try await sql.raw("SELECT MAX(year) AS year FROM classifications").first()
            .flatMap { try $0.decodeNil(column: "year") ? nil : $0.decode(column: "year", as: Int.self) }
    }

    /// The public columns, with units named and the band and OCOP figures joined in.
    private static func select(bandYear: Int?, where condition: SQLQueryString, orderBy order: SQLQueryString = "o.name_folded, o.id") -> SQLQueryString {
        """
        SELECT o.id, o.name, o.short_name, o.type, o.sector, o.main_activities, o.registration_code, o.registration_date,
               o.commune_code, c.name AS commune_name, o.province_code, p.name AS province_name, o.status, o.website,
               CASE WHEN cl.id IS NULL THEN NULL ELSE COALESCE(cl.band, 'not_rated') END AS band, cl.year AS band_year,
               lr.ocop_products, lr.ocop_best_stars, lr.year AS ocop_year, c.latitude, c.longitude, o.official_members,
               o.merged_into_id, m.name AS merged_into_name
        FROM organizations o
        JOIN communes c ON c.code = o.commune_code
        JOIN provinces p ON p.code = o.province_code
        LEFT JOIN organizations m ON m.id = o.merged_into_id
        LEFT JOIN classifications cl ON cl.organization_id = o.id AND cl.year = \(bind: bandYear ?? 0)
        LEFT JOIN annual_reports lr ON lr.organization_id = o.id AND lr.year = (
            SELECT MAX(r.year) FROM annual_reports r WHERE r.organization_id = o.id AND r.state IN (\(binds: ClassificationStore.ratedStates)))
        WHERE \(condition)
        ORDER BY \(order)
        """
    }

    /// One page, best match first for a search and by name otherwise, or every match when `paged` is false (downloads).
    /// The page's ids are chosen first, so the joins run for that page only.
    static func list(_ filter: PublicFilter, paged: Bool, on sql: any SQLDatabase) async throws -> [PublicOrganization] {
        let order = OrganizationQueries.order(filter.registry, on: sql)
        var ids: SQLQueryString = "SELECT o.id FROM organizations o WHERE \(filter.condition(on: sql)) ORDER BY \(order)"
        if paged { ids.appendInterpolation(unsafeRaw: " LIMIT \(PublicFilter.perPage) OFFSET \((filter.page - 1) * PublicFilter.perPage)") }
        return try await sql.raw(select(bandYear: filter.bandYear, where: "o.id IN (\(ids))", orderBy: order))
            .all(decoding: PublicOrganization.self, keyDecodingStrategy: .snakeCaseColumns)
    }

    static func count(_ filter: PublicFilter, on sql: any SQLDatabase) async throws -> Int {
        try await sql.raw("SELECT COUNT(*) AS n FROM organizations o WHERE \(filter.condition(on: sql))").first(decodingColumn: "n", as: Int.self) ?? 0
    }

    /// Any organisation by id, dissolved and merged ones included (their page says so).
    static func find(id: Int, bandYear: Int?, on sql: any SQLDatabase) async throws -> PublicOrganization? {
        try await sql.raw(select(bandYear: bandYear, where: "o.id = \(bind: id)")).first(decoding: PublicOrganization.self, keyDecodingStrategy: .snakeCaseColumns)
    }

    /// The organisation's band in each of `years` (nil: not classified that year).
    static func bands(organizationId: Int, years: ClosedRange<Int>, on sql: any SQLDatabase) async throws -> [Int: String] {
        struct Row: Decodable { let year: Int; let band: String }
        let rows = try await sql.raw("""
            SELECT year, COALESCE(band, 'not_rated') AS band FROM classifications
            WHERE organization_id = \(bind: organizationId) AND year BETWEEN \(bind: years.lowerBound) AND \(bind: years.upperBound)
            """).all(decoding: Row.self)
        return Dictionary(rows.map { ($0.year, $0.band) }, uniquingKeysWith: { a, _ in a })
    }

    struct Commune: Decodable, Sendable { let code: String; let name: String; let latitude: Double; let longitude: Double }

    /// The communes of a province where a listed organisation has its seat: the context points of a profile's map.
    static func communesWithOrganizations(province: String, on sql: any SQLDatabase) async throws -> [Commune] {
        try await sql.raw("""
            SELECT c.code, c.name, c.latitude, c.longitude FROM communes c
            WHERE c.province_code = \(bind: province) AND c.latitude IS NOT NULL AND c.longitude IS NOT NULL
              AND EXISTS (SELECT 1 FROM organizations o WHERE o.commune_code = c.code AND o.status IN (\(binds: OrganizationStatus.registered.map(\.rawValue))))
            ORDER BY c.code
            """).all(decoding: Commune.self)
    }

    struct Facet: Sendable {
        let facet: PublicFilter.Facet
        let title: String
        let values: [OrganizationQueries.Facet.Value]
    }

    /// Counts per facet value under the other filters, labelled in Vietnamese. The commune facet appears once a
    /// province is chosen, the band facet once a year has been classified.
    static func facets(_ filter: PublicFilter, bandLabels: [String: String], on sql: any SQLDatabase) async throws -> [Facet] {
        struct Row: Decodable { let value: String?; let n: Int }
        func counts(_ facet: PublicFilter.Facet, _ value: SQLQueryString) async throws -> [String: Int] {
            // Grouped by position: PostgreSQL refuses to group by an expression repeated with its bound parameters.
            let rows = try await sql.raw("SELECT \(value) AS value, COUNT(*) AS n FROM organizations o WHERE \(filter.condition(on: sql, except: facet)) GROUP BY 1")
                .all(decoding: Row.self)
            return Dictionary(rows.compactMap { row in row.value.map { ($0, row.n) } }, uniquingKeysWith: +)
        }
        typealias Value = OrganizationQueries.Facet.Value
        func listed(_ counts: [String: Int], in order: [(value: String, label: String)]) -> [Value] {
            order.compactMap { item in counts[item.value].map { Value(value: item.value, label: item.label, count: $0) } }
        }
        let provinceNames = try await AdminUnitQueries.provinceNames(on: sql)
        var facets = [Facet(facet: .province, title: "Tỉnh, thành phố", values: try await counts(.province, "o.province_code")
            .map { Value(value: $0.key, label: provinceNames[$0.key] ?? $0.key, count: $0.value) }
            .sorted(by: Value.byName))]
        if let province = filter.registry.province {
            let names = try await AdminUnitQueries.communeNames(provinceCode: province, on: sql)
            facets.append(Facet(facet: .commune, title: "Xã, phường", values: try await counts(.commune, "o.commune_code")
                .map { Value(value: $0.key, label: names[$0.key] ?? $0.key, count: $0.value) }
                .sorted(by: Value.byCount)))
        }
        facets.append(Facet(facet: .type, title: "Loại hình", values: listed(try await counts(.type, "o.type"), in: OrganizationType.allCases.map { ($0.rawValue, $0.label) })))
        facets.append(Facet(facet: .sector, title: "Lĩnh vực", values: listed(try await counts(.sector, "o.sector"), in: Sector.allCases.map { ($0.rawValue, $0.label) })))
        if let year = filter.bandYear {
            facets.append(Facet(facet: .band, title: "Xếp loại năm \(year)", values: listed(try await counts(.band, band(year: year)),
                                                                                           in: PublicFilter.bandCodes.map { ($0, bandLabels[$0] ?? $0) })))
        }
        let ocop = try await counts(.ocop, "CASE WHEN \(latestReport("ocop_products")) > 0 THEN 'yes' END")
        facets.append(Facet(facet: .ocop, title: "Sản phẩm OCOP", values: listed(ocop, in: [("yes", "Có sản phẩm OCOP")])))
        return facets
    }

    /// Labels of the bands as the rubric of `year` names them, with "Chưa xếp loại".
    static func bandLabels(year: Int?, on sql: any SQLDatabase) async throws -> [String: String] {
        let rubric = try await ClassificationStore.rubric(forYear: year ?? Day.today().year, on: sql)
        var labels = Dictionary(rubric.bands.map { ($0.code, $0.label) }, uniquingKeysWith: { a, _ in a })
        labels["not_rated"] = "Chưa xếp loại"
        return labels
    }
}
