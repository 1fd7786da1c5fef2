import HopTacCore
import SQLKit
import Vapor

/// What the public directory is narrowed to: the registry's search and place/type/sector filters, plus the band of the
/// last classified year and "has OCOP products". Dissolved and merged organisations are never listed.
struct PublicFilter: Sendable {
    enum Facet: String, CaseIterable, Sendable {
        case province, commune, type, sector, band, ocop

        /// The registry facet the shared condition leaves out for this one's counts.
        var registryKey: OrganizationQueries.FacetKey? { OrganizationQueries.FacetKey(rawValue: rawValue) }
    }

    static let bandCodes = ClassificationController.bandCodes + ["not_rated"]
    static let perPage = 25

    /// Search, province, commune, type and sector; always the whole country, whoever is signed in.
    var registry = OrganizationFilter()
    var band: String?
    var ocop = false
    var page = 1
    /// The last year with any classification (see `PublicQueries.bandYear`); nil before the first classification.
    var bandYear: Int?

    init() {}

    /// Reads the query string; the registry's own parser checks the shared parameters so both answer a bad value alike.
    init(from request: Request, bandYear: Int?) throws {
        let parsed = try OrganizationFilter(from: request)
        // Only the parameters the directory offers. The scope stays `.everything`: a signed-in cooperative or commune
        // officer sees the same public directory as anyone, not their own read scope.
        registry.query = parsed.query
        registry.everywhere = parsed.everywhere
        registry.sort = parsed.defaultSort
        registry.province = parsed.province
        registry.commune = parsed.commune
        registry.type = parsed.type
        registry.sector = parsed.sector
        page = parsed.page
        self.bandYear = bandYear
        if let raw = request.query[String.self, at: "band"], !raw.isEmpty {
            guard Self.bandCodes.contains(raw) else {
                throw Abort(.badRequest, reason: "Tham số “band” (xếp loại) không hợp lệ: “\(raw)”. Giá trị được phép: \(Self.bandCodes.joined(separator: ", ")).")
            }
            band = raw
        }
        if let raw = request.query[String.self, at: "ocop"], !raw.isEmpty {
            guard raw == "yes" else { throw Abort(.badRequest, reason: "Tham số “ocop” chỉ nhận giá trị “yes” (có sản phẩm OCOP), không phải “\(raw)”.") }
            ocop = true
        }
    }

    /// The SQL condition on `organizations o`; `except` leaves one facet's own filter out so its counts show the alternatives.
    func condition(on sql: any SQLDatabase, except facet: Facet? = nil) -> SQLQueryString {
        var parts: [SQLQueryString] = [
            OrganizationQueries.condition(registry, on: sql, except: facet?.registryKey),
            "o.status IN (\(binds: OrganizationStatus.registered.map(\.rawValue)))",
        ]
        if facet != .band, let band, let bandYear { parts.append("\(PublicQueries.band(year: bandYear)) = \(bind: band)") }
        if facet != .ocop, ocop { parts.append("\(PublicQueries.latestReport("ocop_products")) > 0") }
        return parts.joined(separator: " AND ")
    }

    /// The query string that reproduces this filter, with some parameters replaced (nil removes one).
    func queryString(_ changes: [String: String?] = [:]) -> String {
        OrganizationFilter.queryString([
            ("q", registry.query), ("everywhere", registry.everywhere ? "yes" : nil), ("province", registry.province), ("commune", registry.commune),
            ("type", registry.type?.rawValue), ("sector", registry.sector?.rawValue), ("band", band), ("ocop", ocop ? "yes" : nil),
            ("page", page == 1 ? nil : String(page)),
        ], changes: changes)
    }

    /// What selects the rows, for caching counts and facets (the band year is part of it: a new year changes the bands).
    var cacheKey: String { "\(bandYear ?? 0)" + queryString(["page": nil]) }

    var isEmpty: Bool { queryString(["page": nil]).isEmpty }

    /// The facet value currently chosen, if any.
    func selected(_ facet: Facet) -> String? {
        switch facet {
        case .province: registry.province
        case .commune: registry.commune
        case .type: registry.type?.rawValue
        case .sector: registry.sector?.rawValue
        case .band: band
        case .ocop: ocop ? "yes" : nil
        }
    }
}
