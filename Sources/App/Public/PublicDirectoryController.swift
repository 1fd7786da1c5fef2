import HopTacCore
import SQLKit
import Vapor

/// `/public`: the directory citizens and buyers use without signing in — search, facets, downloads as open data — and
/// `/public/organizations/{id}`: one organisation's public profile. Only public fields are ever selected
/// (see `PublicOrganization`); what an official sees elsewhere stays out, whoever is signed in.
struct PublicDirectoryController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.getEveryRepresentation("public", access: .anyone, use: list)
        routes.on(.GET, "public", "organizations", ":id", access: .anyone, use: show)
    }

    static let licenceURL = "https://creativecommons.org/licenses/by/4.0/deed.vi"

    /// The attribution every public download and page carries; `place` is the province, or the whole country.
    static func licence(_ place: String) -> String { "Dữ liệu mở theo giấy phép CC BY 4.0 — ghi nguồn: HợpTác, \(place)" }

    static func place(_ area: Area) -> String { area.level == .nation ? "toàn quốc" : area.name }

    @Sendable func list(req: Request, representation: Representation) async throws -> Response {
        let sql = try req.db.sql()
        let cache = req.application.liveCache
        let filter = try PublicFilter(from: req, bandYear: try await PublicQueries.bandYear(on: sql))
        // An unknown province is a 404 naming it, as on the roll-ups, rather than an empty directory.
        var area = Area.nation
        if let province = filter.registry.province { area = try await Area.province(province, on: sql) }
        let licence = Self.licence(Self.place(area))
        let bandLabels = representation == .json ? [:] : try await PublicQueries.bandLabels(year: filter.bandYear, on: sql)
        @Sendable func cachedCount() async throws -> Int {
            try await cache.value("public-count|" + filter.cacheKey, from: PublicQueries.tables, on: sql) { try await PublicQueries.count(filter, on: sql) }
        }
        let response: Response
        switch representation {
        case .csv, .xlsx:
            let items = try await PublicQueries.list(filter, paged: false, on: sql)
            // The licence closes the table, the way a published sheet carries its source line under the last row.
            let licenceRow: [any TableCell] = [licence] + Array(repeating: "", count: PublicTable.header.count - 1)
            response = try Responses.table("danh-ba-cong-khai", as: representation, header: PublicTable.header,
                                           rows: items.map { PublicTable.row($0, bandLabels: bandLabels) } + [licenceRow])
        case .json:
            async let total = cachedCount()
            async let items = PublicQueries.list(filter, paged: true, on: sql)
            response = try Responses.json(PublicList(total: try await total, page: filter.page, perPage: PublicFilter.perPage, licence: licence, items: try await items))
        case .html:
            async let total = cachedCount()
            async let items = PublicQueries.list(filter, paged: true, on: sql)
            async let facets = cache.value("public-facets|" + filter.cacheKey, from: PublicQueries.tables, on: sql) {
                try await PublicQueries.facets(filter, bandLabels: bandLabels, on: sql)
            }
            response = PublicDirectoryPage(filter: filter, area: area, total: try await total, items: try await items, facets: try await facets,
                                           bandLabels: bandLabels, licence: licence).page().response()
        }
        response.headers.add(name: .link, value: "<\(Self.licenceURL)>; rel=\"license\"")
        return response
    }

    @Sendable func show(req: Request) async throws -> Response {
        let (raw, representation) = Representation.split(req.parameters.get("id") ?? "")
        let sql = try req.db.sql()
        let bandYear = try await PublicQueries.bandYear(on: sql)
        guard representation == .html || representation == .json, let id = Int(raw), id > 0,
              let organization = try await PublicQueries.find(id: id, bandYear: bandYear, on: sql) else {
            throw Abort(.notFound, reason: "Không có tổ chức số “\(raw)” trong danh bạ công khai.")
        }
        // The five years up to the last classified one, a year without a result included, so gaps show.
        let years = bandYear.map { ($0 - 4)...$0 }
        var found: [Int: String] = [:]
        if let years { found = try await PublicQueries.bands(organizationId: id, years: years, on: sql) }
        let bands = (years.map { Array($0.reversed()) } ?? []).map { PublicProfile.YearBand(year: $0, band: found[$0]) }
        let profile = PublicProfile(organization: organization, bands: bands, licence: Self.licence(organization.provinceName))
        let response: Response
        if representation == .json {
            response = try Responses.json(profile)
        } else {
            let province = organization.provinceCode
            let communes = try await req.application.liveCache.value("public-map|" + province, from: ["organizations"], on: sql) {
                try await PublicQueries.communesWithOrganizations(province: province, on: sql)
            }
            response = PublicProfilePage(profile: profile, communes: communes,
                                         bandLabels: try await PublicQueries.bandLabels(year: bandYear, on: sql)).page().response()
        }
        response.headers.add(name: .link, value: "<\(Self.licenceURL)>; rel=\"license\"")
        return response
    }
}

/// `/public.json`: the paged list with the licence its data is published under.
struct PublicList: Encodable, Sendable {
    let total: Int
    let page: Int
    let perPage: Int
    let licence: String
    let items: [PublicOrganization]
}

/// `/public/organizations/{id}.json`: the list item's fields, then what only the profile shows.
struct PublicProfile: Encodable, Sendable {
    struct YearBand: Encodable, Sendable {
        let year: Int
        let band: String?

        /// `band` written as null for a year without a classification, like every empty key of the directory.
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(year, forKey: .year)
            try c.encode(band, forKey: .band)
        }

        enum CodingKeys: String, CodingKey { case year, band }
    }

    let organization: PublicOrganization
    /// Newest first; `band` nil when the organisation was not classified that year.
    let bands: [YearBand]
    let licence: String

    enum Key: String, CodingKey { case officialMembers, foundedYear, ocopYear, mergedIntoId, mergedIntoName, bands, licence }

    func encode(to encoder: any Encoder) throws {
        try organization.encode(to: encoder)
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(organization.officialMembers, forKey: .officialMembers)
        try c.encode(organization.foundedYear, forKey: .foundedYear)
        try c.encode(organization.ocopYear, forKey: .ocopYear)
        try c.encode(organization.mergedIntoId, forKey: .mergedIntoId)
        try c.encode(organization.mergedIntoName, forKey: .mergedIntoName)
        try c.encode(bands, forKey: .bands)
        try c.encode(licence, forKey: .licence)
    }
}

/// The public columns of the directory downloaded as CSV or XLSX, headed in Vietnamese.
enum PublicTable {
    static let header = [
        "Số hồ sơ", "Tên tổ chức", "Tên viết tắt", "Loại hình", "Lĩnh vực", "Ngành nghề kinh doanh chính", "Mã số", "Ngày đăng ký",
        "Mã xã/phường", "Xã/phường", "Mã tỉnh/thành", "Tỉnh/thành", "Trạng thái", "Trang web", "Xếp loại", "Năm xếp loại",
        "Số sản phẩm OCOP", "Số sao OCOP cao nhất", "Vĩ độ (trung tâm xã)", "Kinh độ (trung tâm xã)", "Đường dẫn",
    ]

    static func row(_ o: PublicOrganization, bandLabels: [String: String]) -> [any TableCell] {
        [PlainNumber(o.id), o.name, o.shortName, o.type.label, o.sector.label, o.mainActivities, o.registrationCode, o.registrationDate,
         o.communeCode, o.communeName, o.provinceCode, o.provinceName, o.status.label, o.website, o.band.map { bandLabels[$0] ?? $0 },
         o.bandYear.map(PlainNumber.init), o.ocopProducts, o.ocopBestStars, o.latitude, o.longitude, o.url]
    }
}
