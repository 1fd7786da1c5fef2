import HopTacCore
import Plot
import Vapor

/// `/audit`: every write, filterable and downloadable. Administrators see all; a provincial officer sees their province.
struct AuditController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.getEveryRepresentation("audit", access: .signedIn(.readAudit), use: list)
    }

    @Sendable func list(req: Request, representation: Representation) async throws -> Response {
        let principal = try req.requirePrincipal()
        func text(_ name: String) -> String? { req.query[String.self, at: name].flatMap { $0.isEmpty ? nil : $0 } }
        func day(_ name: String) throws -> Day? {
            guard let raw = text(name) else { return nil }
            guard let day = Day(vietnamese: raw) ?? Day(iso: raw) else { throw Abort(.badRequest, reason: "Tham số “\(name)” phải là ngày dd/mm/yyyy, không phải “\(raw)”.") }
            return day
        }
        var filter = AuditLog.Filter()
        filter.action = text("action")
        filter.entity = text("entity")
        filter.entityId = text("entity_id")
        if let user = text("user") {
            guard let id = Int(user) else { throw Abort(.badRequest, reason: "Tham số “user” phải là số tài khoản, không phải “\(user)”.") }
            filter.userId = id
        }
        filter.from = try day("from")
        filter.to = try day("to")
        filter.page = try req.pageQuery()
        let order = try ListOrder<AuditLog.AuditColumn>(text("sort"), defaultDescending: true)
        filter.order = order
        let sql = try req.db.sql()
        let scope = principal.auditScope
        switch representation {
        case .json:
            return try Responses.json(PagedList(total: try await AuditLog.count(filter, scope: scope, on: sql), page: filter.page, perPage: filter.perPage,
                                                items: try await AuditLog.list(filter, scope: scope, paged: true, on: sql)))
        case .csv, .xlsx:
            let entries = try await AuditLog.list(filter, scope: scope, paged: false, on: sql)
            return try Responses.table("nhat-ky", as: representation, header: ["Số", "Thời điểm", "Người thực hiện", "Vai trò", "Đơn vị", "Thao tác", "Đối tượng", "Mã đối tượng", "Nội dung", "Trước", "Sau", "Địa chỉ IP"],
                                 rows: entries.map { [PlainNumber($0.id), $0.at, $0.actor, $0.role?.label ?? "", $0.unitCode ?? "", $0.action, $0.entity, $0.entityId ?? "", $0.summary, $0.before ?? "", $0.after ?? "", $0.ip ?? ""] })
        case .html:
            let total = try await AuditLog.count(filter, scope: scope, on: sql)
            let entries = try await AuditLog.list(filter, scope: scope, paged: true, on: sql)
            func link(_ changes: [String: String?]) -> String {
                "/audit" + OrganizationFilter.queryString([("action", filter.action), ("entity", filter.entity), ("entity_id", filter.entityId),
                                                          ("user", filter.userId.map(String.init)), ("from", text("from")), ("to", text("to")),
                                                          ("sort", order.parameter), ("page", filter.page == 1 ? nil : String(filter.page))], changes: changes)
            }
            func header(_ label: String, _ column: AuditLog.AuditColumn) -> Node<HTML.TableRowContext> {
                .sortableHeader(label, column: column, order: order) { link(["sort": $0, "page": nil]) }
            }
            return Page(title: "Nhật ký thao tác", breadcrumbs: [("Trang chủ", "/"), ("Nhật ký thao tác", nil)], content: .div(
                .h1("Nhật ký thao tác"),
                .form(.method(.get), .action("/audit"), .class("search"),
                    .label(.for("action"), .text("Thao tác")), .input(.type(.text), .id("action"), .name("action"), .value(filter.action ?? ""), .placeholder("organization.update")),
                    .label(.for("entity_id"), .text("Mã đối tượng")), .input(.type(.text), .id("entity_id"), .name("entity_id"), .value(filter.entityId ?? "")),
                    .label(.for("from"), .text("Từ ngày")), .input(.type(.text), .id("from"), .name("from"), .value(text("from") ?? ""), .placeholder("dd/mm/yyyy")),
                    .label(.for("to"), .text("Đến ngày")), .input(.type(.text), .id("to"), .name("to"), .value(text("to") ?? ""), .placeholder("dd/mm/yyyy")),
                    .button(.type(.submit), .text("Lọc"))),
                .p(.class("summary"), .text("\(VietnameseNumber.format(total)) mục")),
                .downloads(path: "/audit", query: String(link(["page": nil]).drop { $0 != "?" })),
                .table(.class("list"),
                    .thead(.tr(header("Thời điểm", .time), header("Người thực hiện", .actor), .th("Vai trò, đơn vị"), header("Thao tác", .action),
                               .th("Nội dung"), .th("IP"))),
                    .tbody(.forEach(entries) { e in
                        .tr(.td(.text(Show.timestamp(e.at))), .td(.text(e.actor)), .td(.text([e.role?.label, e.unitCode].compactMap { $0 }.joined(separator: ", "))),
                            .td(.code(.text(e.action))),
                            .td(.text(e.summary), .if(e.entity == "organizations", .unwrap(e.entityId) { id in .group(.text(" "), .a(.href("/organizations/\(id)"), .text("(xem)"))) })),
                            .td(.text(e.ip ?? "")))
                    })),
                .pager(page: filter.page, perPage: filter.perPage, total: total) { link(["page": String($0)]) }
            )).response()
        }
    }
}
