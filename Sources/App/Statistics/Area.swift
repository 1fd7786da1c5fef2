import HopTacCore
import Plot
import SQLKit
import Vapor

/// The nation, one province or one commune (2025 units): what a roll-up, a dashboard or a list is about.
struct Area: Sendable {
    let level: Grouping
    let code: String
    let name: String
    let provinceCode: String?
    let provinceName: String?

    static let nation = Area(level: .nation, code: "VN", name: Grouping.nation.label, provinceCode: nil, provinceName: nil)

    /// The organisations inside the area.
    var filter: OrganizationFilter {
        var filter = OrganizationFilter()
        switch level {
        case .province: filter.province = code
        case .commune: filter.commune = code
        default: break
        }
        return filter
    }

    /// The query parameter that selects this area on list pages (`province`, `42`), nil for the nation.
    var parameter: (name: String, value: String)? {
        switch level {
        case .province: ("province", code)
        case .commune: ("commune", code)
        default: nil
        }
    }

    /// The query string that selects this area on list pages (`province=…`), empty for the nation.
    var query: String { parameter.map { "\($0.name)=\($0.value)" } ?? "" }

    /// Hidden inputs that keep the area in a form.
    var hiddenFields: Node<HTML.FormContext> {
        switch level {
        case .province: .input(.type(.hidden), .name("province"), .value(code))
        case .commune: .input(.type(.hidden), .name("commune"), .value(code))
        default: .empty
        }
    }

    /// The scope an officer needs to act on the whole area.
    var scope: Scope {
        switch level {
        case .province: .province(code)
        case .commune: .commune(code)
        default: .everything
        }
    }

    /// Breadcrumb trail from the nation down to this area, with links made by `link`.
    func trail(_ link: (Area) -> String) -> [(label: String, href: String?)] {
        var trail: [(label: String, href: String?)] = [(Area.nation.name, level == .nation ? nil : link(.nation))]
        if let provinceCode, let provinceName, level == .commune {
            trail.append((provinceName, link(Area(level: .province, code: provinceCode, name: provinceName, provinceCode: provinceCode, provinceName: provinceName))))
        }
        if level != .nation { trail.append((name, nil)) }
        return trail
    }

    static func province(_ code: String, on sql: any SQLDatabase) async throws -> Area {
        guard let name = try await AdminUnitQueries.provinceNames(on: sql)[code] else {
            throw Abort(.notFound, reason: "Không có tỉnh, thành phố mã “\(code)” (mã theo danh mục từ 01/07/2025).")
        }
        return Area(level: .province, code: code, name: name, provinceCode: code, provinceName: name)
    }

    static func commune(_ code: String, on sql: any SQLDatabase) async throws -> Area {
        guard let commune = try await AdminUnitQueries.commune(code: code, on: sql) else {
            throw Abort(.notFound, reason: "Không có xã, phường mã “\(code)” (mã theo danh mục từ 01/07/2025).")
        }
        return Area(level: .commune, code: code, name: commune.name, provinceCode: commune.provinceCode, provinceName: commune.provinceName)
    }

    /// The area named by `?commune=` or `?province=`, else the nation.
    static func fromQuery(_ req: Request) async throws -> Area {
        let sql = try req.db.sql()
        if let commune = req.query[String.self, at: "commune"], !commune.isEmpty { return try await Area.commune(commune, on: sql) }
        if let province = req.query[String.self, at: "province"], !province.isEmpty { return try await Area.province(province, on: sql) }
        return .nation
    }
}
