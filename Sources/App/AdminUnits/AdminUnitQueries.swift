import HopTacCore
import SQLKit
import Vapor

enum AdminUnitQueries {
    static func provinces(on sql: any SQLDatabase) async throws -> [ProvinceRecord] {
        try await sql.raw("""
            SELECT p.code, p.name, p.latitude, p.longitude, p.valid_from, p.valid_to,
              COALESCE(c.n, 0) AS commune_count, COALESCE(o.n, 0) AS organization_count
            FROM provinces p
            LEFT JOIN (SELECT province_code, COUNT(*) AS n FROM communes GROUP BY province_code) c ON c.province_code = p.code
            LEFT JOIN (SELECT province_code, COUNT(*) AS n FROM organizations GROUP BY province_code) o ON o.province_code = p.code
            ORDER BY p.code
            """).all(decoding: ProvinceRecord.self, keyDecodingStrategy: .snakeCaseColumns)
    }

    /// Legacy provinces, counting the organisations still tied to one of their communes.
    static func legacyProvinces(on sql: any SQLDatabase) async throws -> [ProvinceRecord] {
        try await sql.raw("""
            SELECT p.code, p.name, p.latitude, p.longitude, p.valid_from, p.valid_to,
              COALESCE(c.n, 0) AS commune_count, COALESCE(o.n, 0) AS organization_count
            FROM legacy_provinces p
            LEFT JOIN (SELECT province_code, COUNT(*) AS n FROM legacy_communes GROUP BY province_code) c ON c.province_code = p.code
            LEFT JOIN (SELECT lc.province_code, COUNT(*) AS n FROM organizations o JOIN legacy_communes lc ON lc.code = o.legacy_commune_code
                       GROUP BY lc.province_code) o ON o.province_code = p.code
            ORDER BY p.code
            """).all(decoding: ProvinceRecord.self, keyDecodingStrategy: .snakeCaseColumns)
    }

    static func legacyDistrictCount(on sql: any SQLDatabase) async throws -> Int {
        try await sql.raw("SELECT COUNT(*) AS n FROM legacy_districts").first(decodingColumn: "n", as: Int.self) ?? 0
    }

    static func provinceNames(on sql: any SQLDatabase) async throws -> [String: String] {
        struct Row: Decodable { let code: String; let name: String }
        return Dictionary(uniqueKeysWithValues: try await sql.raw("SELECT code, name FROM provinces").all(decoding: Row.self).map { ($0.code, $0.name) })
    }

    static func communeNames(provinceCode: String, on sql: any SQLDatabase) async throws -> [String: String] {
        struct Row: Decodable { let code: String; let name: String }
        return Dictionary(uniqueKeysWithValues: try await sql.raw("SELECT code, name FROM communes WHERE province_code = \(bind: provinceCode)")
            .all(decoding: Row.self).map { ($0.code, $0.name) })
    }

    /// Communes for a form's choice list, grouped by province in alphabetical order (diacritics ignored).
    static func communeChoices(province: String?, commune: String?, on sql: any SQLDatabase) async throws -> [(code: String, name: String, provinceName: String)] {
        struct Row: Decodable { let code: String; let name: String; let provinceName: String }
        var statement: SQLQueryString = "SELECT c.code, c.name, p.name AS province_name FROM communes c JOIN provinces p ON p.code = c.province_code WHERE 1 = 1"
        if let province { statement.appendInterpolation(" AND c.province_code = \(bind: province)" as SQLQueryString) }
        if let commune { statement.appendInterpolation(" AND c.code = \(bind: commune)" as SQLQueryString) }
        statement.appendLiteral(" ORDER BY p.name_folded, c.name_folded")
        return try await sql.raw(statement).all(decoding: Row.self, keyDecodingStrategy: .snakeCaseColumns).map { ($0.code, $0.name, $0.provinceName) }
    }

    private static let communeSelect = """
        SELECT c.code, c.name, c.type, c.province_code, p.name AS province_name, c.latitude, c.longitude, c.area_km2,
          c.valid_from, c.valid_to,
          (SELECT COUNT(*) FROM organizations o WHERE o.commune_code = c.code) AS organization_count,
          (SELECT COUNT(*) FROM commune_successions s WHERE s.code_2025 = c.code) AS predecessor_count
        FROM communes c JOIN provinces p ON p.code = c.province_code
        """

    /// Communes of a province, optionally narrowed by a diacritic-insensitive name search.
    static func communes(provinceCode: String, query: String?, on sql: any SQLDatabase) async throws -> [CommuneRecord] {
        var statement: SQLQueryString = "\(unsafeRaw: communeSelect) WHERE c.province_code = \(bind: provinceCode)"
        for term in searchTerms(query ?? "") {
            statement.appendInterpolation(" AND (' ' || c.name_folded) LIKE \(bind: "% \(likeEscaped(term))%") ESCAPE '\\'" as SQLQueryString)
        }
        statement.appendLiteral(" ORDER BY c.name_folded")
        return try await sql.raw(statement).all(decoding: CommuneRecord.self, keyDecodingStrategy: .snakeCaseColumns)
    }

    static func commune(code: String, on sql: any SQLDatabase) async throws -> CommuneRecord? {
        try await sql.raw("\(unsafeRaw: communeSelect) WHERE c.code = \(bind: code)")
            .first(decoding: CommuneRecord.self, keyDecodingStrategy: .snakeCaseColumns)
    }

    private static let legacyCommuneSelect = """
        SELECT c.code, c.name, c.type, c.district_code, d.name AS district_name, c.province_code, p.name AS province_name,
          c.latitude, c.longitude, c.valid_from, c.valid_to,
          (SELECT COUNT(*) FROM organizations o WHERE o.legacy_commune_code = c.code) AS organization_count
        FROM legacy_communes c JOIN legacy_districts d ON d.code = c.district_code JOIN legacy_provinces p ON p.code = c.province_code
        """

    static func legacyCommune(code: String, on sql: any SQLDatabase) async throws -> LegacyCommuneRecord? {
        try await sql.raw("\(unsafeRaw: legacyCommuneSelect) WHERE c.code = \(bind: code)")
            .first(decoding: LegacyCommuneRecord.self, keyDecodingStrategy: .snakeCaseColumns)
    }

    static func legacyCommunes(districtCode: String, on sql: any SQLDatabase) async throws -> [LegacyCommuneRecord] {
        try await sql.raw("\(unsafeRaw: legacyCommuneSelect) WHERE c.district_code = \(bind: districtCode) ORDER BY c.name_folded")
            .all(decoding: LegacyCommuneRecord.self, keyDecodingStrategy: .snakeCaseColumns)
    }

    static func legacyProvince(code: String, on sql: any SQLDatabase) async throws -> ProvinceRecord? {
        try await legacyProvinces(on: sql).first { $0.code == code }
    }

    static func legacyDistricts(provinceCode: String?, districtCode: String? = nil, on sql: any SQLDatabase) async throws -> [LegacyDistrictRecord] {
        var statement: SQLQueryString = """
            SELECT d.code, d.name, d.type, d.province_code, p.name AS province_name,
              (SELECT COUNT(*) FROM legacy_communes c WHERE c.district_code = d.code) AS commune_count
            FROM legacy_districts d JOIN legacy_provinces p ON p.code = d.province_code WHERE 1 = 1
            """
        if let provinceCode { statement.appendInterpolation(" AND d.province_code = \(bind: provinceCode)" as SQLQueryString) }
        if let districtCode { statement.appendInterpolation(" AND d.code = \(bind: districtCode)" as SQLQueryString) }
        statement.appendLiteral(" ORDER BY d.code")
        return try await sql.raw(statement).all(decoding: LegacyDistrictRecord.self, keyDecodingStrategy: .snakeCaseColumns)
    }

    /// The legacy communes a 2025 commune was formed from.
    static func predecessors(ofCommune code: String, on sql: any SQLDatabase) async throws -> [SuccessionLink] {
        try await sql.raw("""
            SELECT lc.code, lc.name, lc.type, d.name AS district_name, lc.province_code, p.name AS province_name,
              CASE WHEN s.is_split THEN 'split' ELSE 'whole' END AS kind, s.is_default AS "default"
            FROM commune_successions s JOIN legacy_communes lc ON lc.code = s.legacy_code
              JOIN legacy_districts d ON d.code = lc.district_code JOIN legacy_provinces p ON p.code = lc.province_code
            WHERE s.code_2025 = \(bind: code) ORDER BY lc.code
            """).all(decoding: SuccessionLink.self)
    }

    /// The 2025 communes a legacy commune went to (several when it was split); nil when the code is unknown.
    static func successors(ofLegacyCommune code: String, on sql: any SQLDatabase) async throws -> [SuccessionLink]? {
        guard try await legacyCommune(code: code, on: sql) != nil else { return nil }
        return try await sql.raw("""
            SELECT c.code, c.name, c.type, NULL AS district_name, c.province_code, p.name AS province_name,
              CASE WHEN s.is_split THEN 'split' ELSE 'whole' END AS kind, s.is_default AS "default"
            FROM commune_successions s JOIN communes c ON c.code = s.code_2025 JOIN provinces p ON p.code = c.province_code
            WHERE s.legacy_code = \(bind: code) ORDER BY s.is_default DESC, c.code
            """).all(decoding: SuccessionLink.self)
    }

    /// The 2025 province(s) a legacy province went to, and the reverse.
    static func provinceSuccession(on sql: any SQLDatabase) async throws -> [(legacy: String, current: String)] {
        struct Row: Decodable { let legacyCode: String; let currentCode: String }
        return try await sql.raw("SELECT legacy_code, code_2025 AS current_code FROM province_successions ORDER BY legacy_code")
            .all(decoding: Row.self, keyDecodingStrategy: .snakeCaseColumns).map { ($0.legacyCode, $0.currentCode) }
    }
}
