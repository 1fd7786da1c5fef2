import HopTacCore
import Vapor

/// What a list of organisations is narrowed to, read from the query string the same way for HTML, CSV, JSON and the API.
struct OrganizationFilter: Sendable, Equatable {
    enum Sort: String, CaseIterable, Sendable {
        /// Best match first (see `OrganizationQueries.order`); the default order of a search.
        case relevance
        case name, nameDesc = "-name", registrationDate = "registration_date", registrationDateDesc = "-registration_date"
        case members = "-official_members", capital = "-charter_capital", updated = "-updated_at"

        var label: String {
            switch self {
            case .relevance: "Phù hợp nhất"
            case .name: "Tên A→Z"
            case .nameDesc: "Tên Z→A"
            case .registrationDate: "Ngày đăng ký cũ nhất"
            case .registrationDateDesc: "Ngày đăng ký mới nhất"
            case .members: "Nhiều thành viên nhất"
            case .capital: "Vốn điều lệ lớn nhất"
            case .updated: "Cập nhật gần nhất"
            }
        }

        /// The order in SQL; a search's relevance is built with its words by `OrganizationQueries.order`.
        var orderBy: String {
            switch self {
            case .relevance, .name: "o.name_folded ASC, o.id ASC"
            case .nameDesc: "o.name_folded DESC, o.id DESC"
            case .registrationDate: "o.registration_date ASC, o.id ASC"
            case .registrationDateDesc: "o.registration_date DESC, o.id DESC"
            case .members: "o.official_members DESC, o.id ASC"
            case .capital: "o.charter_capital DESC, o.id ASC"
            case .updated: "o.updated_at DESC, o.id DESC"
            }
        }
    }

    var query: String?
    /// The query's words, nil without any.
    var search: RegistrySearch? { RegistrySearch(query) }
    /// `everywhere=yes`: the search also matches main activities and addresses, not only names and codes.
    var everywhere = false
    var province: String?
    var commune: String?
    var legacyCommune: String?
    var type: OrganizationType?
    var sector: Sector?
    var status: OrganizationStatus?
    /// `status=registered`: on the register, any status but dissolved or merged (the figure `…_registered`).
    var registeredOnly = false
    var unionId: Int?
    var sort: Sort = .name
    /// A search is shown best match first unless another order is asked for.
    var defaultSort: Sort { search == nil ? .name : .relevance }
    /// Set by the server from the user's rights, never from the query string.
    var scope: Scope = .everything
    var page: Int = 1
    var perPage: Int = 50

    static let maxPerPage = 1000

    /// Reads the filter; a value that is not in its list is a 400 with the parameter named, not an empty result.
    init(from request: Request) throws {
        if let principal = request.principal { scope = principal.readScope }
        func text(_ name: String) -> String? {
            guard let value = request.query[String.self, at: name]?.trimmed, !value.isEmpty else { return nil }
            return value
        }
        func choice<T: RawRepresentable>(_ name: String, _ type: T.Type, label: String) throws -> T? where T.RawValue == String, T: CaseIterable {
            guard let raw = text(name) else { return nil }
            guard let value = T(rawValue: raw) else {
                let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
                throw Abort(.badRequest, reason: "Tham số “\(name)” (\(label)) không hợp lệ: “\(raw)”. Giá trị được phép: \(allowed).")
            }
            return value
        }
        func number(_ name: String, label: String, range: ClosedRange<Int>) throws -> Int? {
            guard let raw = text(name) else { return nil }
            guard let value = Int(raw), range.contains(value) else {
                throw Abort(.badRequest, reason: "Tham số “\(name)” (\(label)) phải là số nguyên từ \(range.lowerBound) đến \(range.upperBound), không phải “\(raw)”.")
            }
            return value
        }
        query = text("q")
        province = text("province")
        commune = text("commune")
        legacyCommune = text("legacy_commune")
        type = try choice("type", OrganizationType.self, label: "loại hình")
        sector = try choice("sector", Sector.self, label: "lĩnh vực")
        if text("status") == "registered" { registeredOnly = true } else { status = try choice("status", OrganizationStatus.self, label: "trạng thái (hoặc registered)") }
        sort = try choice("sort", Sort.self, label: "sắp xếp") ?? defaultSort
        if let raw = text("everywhere") {
            guard raw == "yes" else { throw Abort(.badRequest, reason: "Tham số “everywhere” (tìm cả ngành nghề, địa chỉ) chỉ nhận giá trị “yes”, không phải “\(raw)”.") }
            everywhere = true
        }
        unionId = try number("union", label: "liên hiệp HTX", range: 1...Int(Int32.max))
        page = try number("page", label: "trang", range: 1...1_000_000) ?? 1
        perPage = try number("per_page", label: "số dòng mỗi trang", range: 1...Self.maxPerPage) ?? 50
        for (name, value) in [("province", province), ("commune", commune), ("legacy_commune", legacyCommune)] {
            if let value, !value.allSatisfy({ $0.isASCII && $0.isNumber }) || value.count > 5 {
                throw Abort(.badRequest, reason: "Tham số “\(name)” phải là mã đơn vị hành chính (chữ số), không phải “\(value)”.")
            }
        }
    }

    init() {}

    /// The query string that reproduces this filter, with some parameters replaced (nil removes one).
    func queryString(_ changes: [String: String?] = [:]) -> String {
        Self.queryString([
            ("q", query), ("everywhere", everywhere ? "yes" : nil), ("province", province), ("commune", commune), ("legacy_commune", legacyCommune),
            ("type", type?.rawValue), ("sector", sector?.rawValue), ("status", registeredOnly ? "registered" : status?.rawValue),
            ("union", unionId.map(String.init)), ("sort", sort == defaultSort ? nil : sort.rawValue),
            ("per_page", perPage == 50 ? nil : String(perPage)), ("page", page == 1 ? nil : String(page)),
        ], changes: changes)
    }

    /// `?name=value&…` from the current parameters in order, with some replaced (nil removes one); "" when none is left.
    /// Shared with the other filters that link to themselves (the public directory).
    static func queryString(_ current: [(String, String?)], changes: [String: String?]) -> String {
        var items: [(String, String)] = []
        for (name, value) in current {
            let replaced = changes.keys.contains(name) ? changes[name] ?? nil : value
            if let replaced { items.append((name, replaced)) }
        }
        guard !items.isEmpty else { return "" }
        var components = URLComponents()
        components.queryItems = items.map { URLQueryItem(name: $0.0, value: $0.1) }
        return "?" + (components.percentEncodedQuery ?? "")
    }

    /// What selects the rows (not their order or page), for caching counts.
    var cacheKey: String { "\(scope)" + queryString(["sort": nil, "page": nil, "per_page": nil]) }

    /// A search with no other condition: its count comes from the full-text index alone.
    var isSearchOnly: Bool {
        var plain = OrganizationFilter()
        plain.query = query
        plain.everywhere = everywhere
        return query != nil && plain.cacheKey == cacheKey
    }

    var isEmpty: Bool { self.queryString(["sort": nil, "page": nil, "per_page": nil]).isEmpty }
}
