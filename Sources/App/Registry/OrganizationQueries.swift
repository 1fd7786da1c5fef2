import HopTacCore
import SQLKit
import Vapor

/// Read queries over the registry. Writes live in `OrganizationStore`.
enum OrganizationQueries {
    struct Facet: Sendable {
        struct Value: Sendable {
            let value: String; let label: String; let count: Int

            /// Places by name as Vietnamese read them, diacritics aside (provinces).
            static func byName(_ a: Value, _ b: Value) -> Bool { foldForSearch(a.label) < foldForSearch(b.label) }

            /// Largest first, ties by name, so that every database lists the same facet in the same order (communes).
            static func byCount(_ a: Value, _ b: Value) -> Bool { a.count != b.count ? a.count > b.count : byName(a, b) }
        }
        let parameter: String
        let title: String
        let values: [Value]
    }

    enum FacetKey: String, CaseIterable { case type, status, sector, province, commune }

    /// How a search is matched. The full-text index answers "which rows" fastest; when a search matches a large part of
    /// the registry, checking the stored words of each row in name order finds a page sooner than collecting every match.
    enum SearchMethod { case index, rowScan }

    /// The SQL condition for a filter; `except` leaves one facet out so its own counts show the alternatives.
    static func condition(_ filter: OrganizationFilter, on sql: any SQLDatabase, except: FacetKey? = nil, method: SearchMethod = .index) -> SQLQueryString {
        var parts: [SQLQueryString] = ["1 = 1"]
        switch filter.scope {
        case .everything: break
        case .province(let code): parts.append("o.province_code = \(bind: code)")
        case .commune(let code): parts.append("o.commune_code = \(bind: code)")
        case .organization(let id): parts.append("o.id = \(bind: id)")
        case .nothing: parts.append("1 = 0")
        }
        if except != .type, let type = filter.type { parts.append("o.type = \(bind: type.rawValue)") }
        if except != .status, let status = filter.status { parts.append("o.status = \(bind: status.rawValue)") }
        if except != .status, filter.registeredOnly { parts.append("o.status IN (\(binds: OrganizationStatus.registered.map(\.rawValue)))") }
        if except != .sector, let sector = filter.sector { parts.append("o.sector = \(bind: sector.rawValue)") }
        if except != .province, let province = filter.province { parts.append("o.province_code = \(bind: province)") }
        if except != .commune, let commune = filter.commune { parts.append("o.commune_code = \(bind: commune)") }
        if let legacy = filter.legacyCommune { parts.append("o.legacy_commune_code = \(bind: legacy)") }
        if let union = filter.unionId { parts.append("o.union_id = \(bind: union)") }
        if let search = filter.search {
            if sql.isPostgres || method == .rowScan {
                // The search columns hold a space before and after every word: each required word begins one of them.
                for term in search.required {
                    let pattern = "% \(likeEscaped(term))%"
                    parts.append(filter.everywhere
                        ? "(o.search_text LIKE \(bind: pattern) ESCAPE '\\' OR o.search_more LIKE \(bind: pattern) ESCAPE '\\')"
                        : "o.search_text LIKE \(bind: pattern) ESCAPE '\\'")
                }
            } else {
                parts.append("o.id IN (SELECT rowid FROM organizations_fts WHERE organizations_fts MATCH \(bind: ftsQuery(search, everywhere: filter.everywhere)))")
            }
        }
        return parts.joined(separator: " AND ")
    }

    /// Every required word as the start of a word, in the names and codes or, `everywhere`, in any search column.
    static func ftsQuery(_ search: RegistrySearch, everywhere: Bool) -> String {
        search.required.map { (everywhere ? "" : "search_text : ") + "\"\($0)\"*" }.joined(separator: " ")
    }

    /// Rows the full-text index matches, from the index alone (SQLite).
    private static func searchMatches(_ filter: OrganizationFilter, on sql: any SQLDatabase) async throws -> Int {
        guard let search = filter.search else { return 0 }
        return try await sql.raw("SELECT COUNT(*) AS n FROM organizations_fts WHERE organizations_fts MATCH \(bind: ftsQuery(search, everywhere: filter.everywhere))")
            .first(decodingColumn: "n", as: Int.self) ?? 0
    }

    /// The list's order. Relevance ranks the name against the search, best first: the whole name, the whole phrase as
    /// words, the phrase with its last word begun, every required word whole, every one begun, then rows matched only
    /// by their short name, code or (when asked) address; names A→Z within a rank.
    static func order(_ filter: OrganizationFilter, on sql: any SQLDatabase) -> SQLQueryString {
        guard filter.sort == .relevance, let search = filter.search else { return "\(unsafeRaw: filter.sort.orderBy)" }
        // A plain substring test: cheaper than LIKE, and the folded words hold no wildcard to escape.
        let position = sql.isPostgres ? "strpos" : "instr"
        func has(_ words: String, whole: Bool) -> SQLQueryString {
            "\(unsafeRaw: position)(' ' || o.name_folded\(unsafeRaw: whole ? " || ' '" : ""), \(bind: " " + words + (whole ? " " : ""))) > 0"
        }
        let allWhole = search.required.map { has($0, whole: true) }.joined(separator: " AND ")
        let allBegun = search.required.map { has($0, whole: false) }.joined(separator: " AND ")
        return """
            CASE WHEN o.name_folded = \(bind: search.phrase) THEN 0 WHEN \(has(search.phrase, whole: true)) THEN 1 \
            WHEN \(has(search.phrase, whole: false)) THEN 2 WHEN \(allWhole) THEN 3 WHEN \(allBegun) THEN 4 ELSE 5 END, \(unsafeRaw: filter.sort.orderBy)
            """
    }

    /// A search matching more rows than this is paged by scanning names in order (see `SearchMethod`).
    static let rowScanThreshold = 2_000

    static func count(_ filter: OrganizationFilter, on sql: any SQLDatabase) async throws -> Int {
        if !sql.isPostgres, filter.isSearchOnly { return try await searchMatches(filter, on: sql) }
        let query: SQLQueryString = "SELECT COUNT(*) AS n FROM organizations o WHERE \(condition(filter, on: sql))"
        return try await sql.raw(query).first(decodingColumn: "n", as: Int.self) ?? 0
    }

    /// One page of the list, or every row when `paged` is false (downloads). The page's ids are chosen first, so the
    /// joins that name units and unions run for that page only. `total` is the filter's count when the caller has it:
    /// a search of common words then counts its matches once, not twice.
    static func list(_ filter: OrganizationFilter, paged: Bool, total: Int? = nil, on sql: any SQLDatabase) async throws -> [OrganizationRecord] {
        var method = SearchMethod.index
        if paged, !sql.isPostgres, filter.isSearchOnly, filter.sort == .name {
            // For a search-only filter on SQLite, `count` is the number of matches.
            let matches = if let total { total } else { try await searchMatches(filter, on: sql) }
            if matches > rowScanThreshold { method = .rowScan }
        }
        let order = order(filter, on: sql)
        var ids: SQLQueryString = "SELECT o.id FROM organizations o\(unsafeRaw: method == .rowScan ? " INDEXED BY organizations_name_folded" : "") WHERE \(condition(filter, on: sql, method: method)) ORDER BY \(order)"
        if paged {
            ids.appendInterpolation(unsafeRaw: " LIMIT \(filter.perPage) OFFSET \((filter.page - 1) * filter.perPage)")
        }
        // The joins do not keep the ids' order, so the page is ordered again by the same rule.
        let query: SQLQueryString = "SELECT \(unsafeRaw: OrganizationRecord.selectList) FROM \(unsafeRaw: OrganizationRecord.fromJoins) WHERE o.id IN (\(ids)) ORDER BY \(order)"
        return try await sql.raw(query).all(decoding: OrganizationRecord.self, keyDecodingStrategy: .snakeCaseColumns)
    }

    /// The count, computed once per version of the registry: paging through a list or reloading it costs nothing.
    static func cachedCount(_ filter: OrganizationFilter, cache: LiveCache, on sql: any SQLDatabase) async throws -> Int {
        try await cache.value("count|" + filter.cacheKey, from: ["organizations"], on: sql) { try await count(filter, on: sql) }
    }

    static func find(id: Int, on sql: any SQLDatabase) async throws -> OrganizationRecord? {
        try await sql.raw("SELECT \(unsafeRaw: OrganizationRecord.selectList) FROM \(unsafeRaw: OrganizationRecord.fromJoins) WHERE o.id = \(bind: id)")
            .first(decoding: OrganizationRecord.self, keyDecodingStrategy: .snakeCaseColumns)
    }

    /// The organisations of these ids that exist, in pieces small enough for any database's bind limit.
    static func find(ids: [Int], on sql: any SQLDatabase) async throws -> [OrganizationRecord] {
        var found: [OrganizationRecord] = []
        for chunk in ids.chunks(of: 500) {
            found += try await sql.raw("SELECT \(unsafeRaw: OrganizationRecord.selectList) FROM \(unsafeRaw: OrganizationRecord.fromJoins) WHERE o.id IN (\(binds: chunk))")
                .all(decoding: OrganizationRecord.self, keyDecodingStrategy: .snakeCaseColumns)
        }
        return found
    }

    static func find(registrationCodes codes: [String], on sql: any SQLDatabase) async throws -> [OrganizationRecord] {
        guard !codes.isEmpty else { return [] }
        return try await sql.raw("SELECT \(unsafeRaw: OrganizationRecord.selectList) FROM \(unsafeRaw: OrganizationRecord.fromJoins) WHERE o.registration_code IN (\(binds: codes))")
            .all(decoding: OrganizationRecord.self, keyDecodingStrategy: .snakeCaseColumns)
    }

    /// Where an organisation is filed, for access checks.
    static func place(id: Int, on sql: any SQLDatabase) async throws -> (provinceCode: String, communeCode: String)? {
        struct Row: Decodable { let provinceCode: String; let communeCode: String }
        return try await sql.raw("SELECT province_code, commune_code FROM organizations WHERE id = \(bind: id)")
            .first(decoding: Row.self, keyDecodingStrategy: .snakeCaseColumns).map { ($0.provinceCode, $0.communeCode) }
    }

    static func statusEvents(organizationId: Int, on sql: any SQLDatabase) async throws -> [StatusEventRecord] {
        try await sql.raw("""
            SELECT e.id, e.status, e.effective_from, e.effective_to, e.merged_into_id, m.name AS merged_into_name, e.reason, e.actor, e.recorded_at
            FROM organization_status_events e LEFT JOIN organizations m ON m.id = e.merged_into_id
            WHERE e.organization_id = \(bind: organizationId) ORDER BY e.effective_from DESC, e.id DESC
            """).all(decoding: StatusEventRecord.self, keyDecodingStrategy: .snakeCaseColumns)
    }

    static func changes(organizationId: Int, on sql: any SQLDatabase) async throws -> [ChangeRecord] {
        try await sql.raw("""
            SELECT id, field, old_value, new_value, actor, changed_at FROM organization_changes
            WHERE organization_id = \(bind: organizationId) ORDER BY changed_at DESC, id ASC
            """).all(decoding: ChangeRecord.self, keyDecodingStrategy: .snakeCaseColumns)
    }

    /// Organisations that merged into this one.
    static func absorbed(into id: Int, on sql: any SQLDatabase) async throws -> [OrganizationRecord] {
        try await sql.raw("SELECT \(unsafeRaw: OrganizationRecord.selectList) FROM \(unsafeRaw: OrganizationRecord.fromJoins) WHERE o.merged_into_id = \(bind: id) ORDER BY o.name_folded")
            .all(decoding: OrganizationRecord.self, keyDecodingStrategy: .snakeCaseColumns)
    }

    /// The unions of cooperatives a cooperative may join, for form choices.
    static func unions(on sql: any SQLDatabase) async throws -> [(id: Int, name: String, provinceCode: String)] {
        struct Row: Decodable { let id: Int; let name: String; let provinceCode: String }
        return try await sql.raw("SELECT id, name, province_code FROM organizations WHERE type = \(bind: OrganizationType.lhhtx.rawValue) AND status IN (\(binds: OrganizationStatus.registered.map(\.rawValue))) ORDER BY name_folded")
            .all(decoding: Row.self, keyDecodingStrategy: .snakeCaseColumns).map { ($0.id, $0.name, $0.provinceCode) }
    }

    /// Counts per facet value under the other filters, labelled in Vietnamese.
    static func facets(_ filter: OrganizationFilter, on sql: any SQLDatabase) async throws -> [Facet] {
        struct Row: Decodable { let value: String; let n: Int }
        func counts(_ key: FacetKey, column: String) async throws -> [Row] {
            try await sql.raw("SELECT o.\(unsafeRaw: column) AS value, COUNT(*) AS n FROM organizations o WHERE \(condition(filter, on: sql, except: key)) GROUP BY o.\(unsafeRaw: column)")
                .all(decoding: Row.self)
        }
        func facet<T: RawRepresentable & CaseIterable>(_ key: FacetKey, _ type: T.Type, title: String, label: (T) -> String) async throws -> Facet where T.RawValue == String {
            let rows = Dictionary(try await counts(key, column: key.rawValue).map { ($0.value, $0.n) }, uniquingKeysWith: +)
            return Facet(parameter: key.rawValue, title: title, values: T.allCases.compactMap { value in
                rows[value.rawValue].map { Facet.Value(value: value.rawValue, label: label(value), count: $0) }
            })
        }
        var facets = [
            try await facet(.type, OrganizationType.self, title: "Loại hình", label: \.label),
            try await facet(.status, OrganizationStatus.self, title: "Trạng thái", label: \.label),
            try await facet(.sector, Sector.self, title: "Lĩnh vực", label: \.label),
        ]
        let provinceNames = try await AdminUnitQueries.provinceNames(on: sql)
        let provinceCounts = try await counts(.province, column: "province_code")
        facets.append(Facet(parameter: "province", title: "Tỉnh/thành phố", values: provinceCounts
            .map { Facet.Value(value: $0.value, label: provinceNames[$0.value] ?? $0.value, count: $0.n) }
            .sorted(by: Facet.Value.byName)))
        if let province = filter.province {
            let names = try await AdminUnitQueries.communeNames(provinceCode: province, on: sql)
            let communeCounts = try await counts(.commune, column: "commune_code")
            facets.append(Facet(parameter: "commune", title: "Xã/phường", values: communeCounts
                .map { Facet.Value(value: $0.value, label: names[$0.value] ?? $0.value, count: $0.n) }
                .sorted(by: Facet.Value.byCount)))
        }
        return facets
    }
}
