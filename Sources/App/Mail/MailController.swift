import HopTacCore
import Plot
import Vapor

/// `/admin/mail`: the outbox as an administrator sees it: what was sent, what waits, what failed and why, and a button
/// that tries everything waiting again at once (after the mail server is fixed).
struct MailController: RouteCollection {
    static let perPage = 50

    func boot(routes: any RoutesBuilder) throws {
        let admin = routes.grouped("admin")
        admin.getEveryRepresentation("mail", access: .signedIn(.manageUsers), use: list)
        admin.on(.POST, "mail", "retry", access: .signedIn(.manageUsers), use: retry)
    }

    @Sendable func list(req: Request, representation: Representation) async throws -> Response {
        let sql = try req.db.sql()
        let unsentOnly = try Self.unsentOnly(req)
        let order = try ListOrder<Outbox.Column>(req.query[String.self, at: "sort"], defaultDescending: true)
        let page = try req.pageQuery()
        // The page shows a page; JSON pages too; the downloads hold every letter in the same order.
        let (rows, total) = try await Outbox.list(unsentOnly: unsentOnly, order: order, page: representation.isTable ? nil : page, perPage: Self.perPage, on: sql)
        func link(_ changes: [String: String?]) -> String {
            "/admin/mail" + OrganizationFilter.queryString([("unsent", unsentOnly ? "yes" : nil), ("sort", order.parameter), ("page", page == 1 ? nil : String(page))],
                                                          changes: changes)
        }
        switch representation {
        case .json:
            return try Responses.json(PagedList(total: total, page: page, perPage: Self.perPage, items: rows))
        case .csv, .xlsx:
            return try Responses.table("hop-thu-di", as: representation,
                                       header: ["Số", "Loại", "Người nhận", "Tiêu đề", "Trạng thái", "Số lần thử", "Lỗi gần nhất", "Tạo lúc", "Gửi lúc"],
                                       rows: rows.map { [PlainNumber($0.id), $0.kind, $0.recipient, $0.subject, $0.stateLabel, $0.attempts, $0.lastError ?? "",
                                                         Show.timestamp($0.createdAt), $0.sentAt.map(Show.timestamp) ?? ""] })
        case .html:
            let counts = try await Outbox.counts(on: sql)
            let server = req.application.config.mail?.smtp.description
            func header(_ label: String, _ column: Outbox.Column, numeric: Bool = false) -> Node<HTML.TableRowContext> {
                .sortableHeader(label, column: column, order: order, numeric: numeric) { link(["sort": $0, "page": nil]) }
            }
            return Page(title: "Hộp thư đi", breadcrumbs: [("Trang chủ", "/"), ("Hộp thư đi", nil)], content: .div(
                .h1("Hộp thư đi"),
                .p(.text(server.map { "Máy chủ thư: \($0)." } ?? "Chưa bật gửi thư (đặt HOPTAC_SMTP_URL để bật). Khi chưa bật, không thư nào được xếp hàng.")),
                .unwrap(req.query[String.self, at: "notice"]) { .p(.class("notice"), .text($0)) },
                .p(.text("Đã gửi: \(VietnameseNumber.format(counts.sent)) · Chờ gửi: \(VietnameseNumber.format(counts.waiting)) · Gửi lỗi, sẽ thử lại: \(VietnameseNumber.format(counts.failing))")),
                .if(counts.waiting + counts.failing > 0, .form(.method(.post), .action("/admin/mail/retry"), .class("inline"),
                    .csrfField(), .button(.type(.submit), .text("Gửi lại ngay mọi thư đang chờ")))),
                .p(.a(.href(link(["unsent": unsentOnly ? nil : "yes", "page": nil])), .text(unsentOnly ? "Xem mọi thư" : "Chỉ xem thư chưa gửi"))),
                .downloads(path: "/admin/mail", query: String(link(["page": nil]).drop { $0 != "?" })),
                .if(rows.isEmpty, .p(.class("empty"), .text("Chưa có thư nào.")), else: .table(.class("list"),
                    .thead(.tr(header("Tạo lúc", .created), header("Người nhận", .recipient), header("Loại", .kind), .th("Tiêu đề"), header("Trạng thái", .state),
                               .th(.class("num"), .text("Số lần thử")), .th("Lỗi gần nhất"))),
                    .tbody(.forEach(rows) { row in
                        .tr(.td(.text(Show.timestamp(row.createdAt))), .td(.text(row.recipient)), .td(.code(.text(row.kind))), .td(.text(row.subject)),
                            .td(.text(row.sentAt.map { "Đã gửi \(Show.timestamp($0))" } ?? row.stateLabel)),
                            .td(.class("num"), .text(VietnameseNumber.format(row.attempts))), .td(.text(row.lastError ?? "")))
                    })
                )),
                .pager(page: page, perPage: Self.perPage, total: total) { link(["page": String($0)]) }
            )).response()
        }
    }

    @Sendable func retry(req: Request) async throws -> Response {
        let actor = req.actor
        let waiting = try await req.db.write { db in
            let sql = try db.sql()
            let count = try await Outbox.retryNow(on: sql)
            try await AuditLog.record("mail.retry", entity: "mail_outbox", id: nil, provinceCode: nil,
                                      summary: "Gửi lại ngay \(count) thư đang chờ", actor: actor, on: sql)
            return count
        }
        let notice = "Sẽ gửi lại \(VietnameseNumber.format(waiting)) thư trong vài giây."
        return req.redirect(to: "/admin/mail?notice=" + notice.queryEncoded)
    }

    static func unsentOnly(_ req: Request) throws -> Bool {
        guard let raw = req.query[String.self, at: "unsent"], !raw.isEmpty else { return false }
        guard raw == "yes" else { throw Abort(.badRequest, reason: "Tham số “unsent” chỉ nhận giá trị “yes”, không phải “\(raw)”.") }
        return true
    }
}
