import HopTacCore
import Plot
import Vapor

/// User management for administrators: list, create with an initial password, disable, reset a password.
struct UsersController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let users = routes.grouped("admin")
        users.getEveryRepresentation("users", access: .signedIn(.manageUsers), use: list)
        users.on(.GET, "users", "new", access: .signedIn(.manageUsers), use: newForm)
        users.on(.POST, "users", access: .signedIn(.manageUsers), use: create)
        users.on(.POST, "users", ":userId", "disable", access: .signedIn(.manageUsers), use: disable)
        users.on(.POST, "users", ":userId", "enable", access: .signedIn(.manageUsers), use: enable)
        users.on(.POST, "users", ":userId", "reset-password", access: .signedIn(.manageUsers), use: resetPassword)
    }

    @Sendable func list(req: Request, representation: Representation) async throws -> Response {
        let users = try await UserStore.list(on: try req.db.sql())
        switch representation {
        case .json: return try Responses.json(PagedList(total: users.count, page: 1, perPage: users.count, items: users))
        case .csv, .xlsx:
            return try Responses.table("tai-khoan", as: representation, header: ["Số", "Thư điện tử", "Họ tên", "Vai trò", "Đơn vị", "Số hồ sơ tổ chức", "Cơ quan", "Bị khoá", "Phải đổi mật khẩu", "Đăng nhập lần cuối"],
                                 rows: users.map { [PlainNumber($0.id), $0.email, $0.displayName, $0.role.label, $0.unitCode ?? "", $0.organizationId.map(PlainNumber.init),
                                                    $0.department, $0.disabled ? "Có" : "Không", $0.mustChangePassword ? "Có" : "Không", $0.lastLoginAt ?? ""] })
        case .html:
            let notice = req.query[String.self, at: "notice"]
            return Page(title: "Tài khoản người dùng", breadcrumbs: [("Trang chủ", "/"), ("Tài khoản người dùng", nil)], content: .div(
                .div(.class("title-row"), .h1("Tài khoản người dùng"), .a(.class("button"), .href("/admin/users/new"), .text("+ Tạo tài khoản"))),
                .unwrap(notice) { .p(.class("notice"), .text($0)) },
                .downloads(path: "/admin/users", query: ""),
                .table(.class("list"),
                    .thead(.tr(.th("Thư điện tử"), .th("Họ tên"), .th("Vai trò"), .th("Đơn vị / tổ chức"), .th("Trạng thái"), .th("Đăng nhập lần cuối"), .th("Thao tác"))),
                    .tbody(.forEach(users) { user in
                        .tr(.td(.text(user.email)), .td(.text(user.displayName)), .td(.text(user.role.label)),
                            .td(.text(user.unitCode ?? user.organizationId.map { "Tổ chức số \($0)" } ?? "—")),
                            .td(.text(user.disabled ? "Đã khoá" : (user.mustChangePassword ? "Chờ đổi mật khẩu ban đầu" : "Hoạt động"))),
                            .td(.text(user.lastLoginAt.map(Show.timestamp) ?? "—")),
                            .td(.form(.method(.post), .action("/admin/users/\(user.id)/\(user.disabled ? "enable" : "disable")"), .class("inline"),
                                      .csrfField(), .button(.type(.submit), .class("link"), .text(user.disabled ? "Mở khoá" : "Khoá"))),
                                .form(.method(.post), .action("/admin/users/\(user.id)/reset-password"), .class("inline"),
                                      .csrfField(),
                                      .label(.for("pw-\(user.id)"), .class("visually-hidden"), .text("Mật khẩu tạm cho \(user.email)")),
                                      .input(.type(.password), .id("pw-\(user.id)"), .name("password"), .placeholder("mật khẩu tạm mới"), .attribute(named: "autocomplete", value: "new-password")),
                                      .button(.type(.submit), .class("link"), .text("Đặt lại")))))
                    })
                )
            )).response()
        }
    }

    @Sendable func newForm(req: Request) async throws -> Response {
        formPage(values: ["role": Role.communeOfficer.rawValue], problems: [:]).response()
    }

    @Sendable func create(req: Request) async throws -> Response {
        let form = try req.decodeBody([String: String].self)
        func text(_ name: String) -> String? { form[name].flatMap { $0.trimmed.isEmpty ? nil : $0.trimmed } }
        guard let role = text("role").flatMap(Role.init(rawValue:)) else {
            return formPage(values: form, problems: ["role": FieldProblem("Chưa chọn vai trò.")]).response()
        }
        do {
            let user = try await UserStore.create(NewUser(email: text("email") ?? "", displayName: text("display_name") ?? "", password: form["password"] ?? "",
                                                          role: role, unitCode: text("unit"), organizationRegistrationCode: text("organization"),
                                                          department: text("department"), mustChangePassword: true),
                                                  passwordCost: req.application.config.passwordCost, actor: req.actor, on: req.db)
            return req.redirect(to: "/admin/users?notice=" + "Đã tạo tài khoản \(user.email). Người dùng phải đổi mật khẩu ở lần đăng nhập đầu.".queryEncoded)
        } catch let failure as ValidationFailure {
            return formPage(values: form, problems: failure.problems).response()
        }
    }

    @Sendable func disable(req: Request) async throws -> Response {
        let id = try req.idParameter("userId")
        guard id != req.principal?.userId else { throw Abort(.badRequest, reason: "Không thể tự khoá tài khoản của chính mình.") }
        try await UserStore.setDisabled(userId: id, true, actor: req.actor, on: req.db)
        return req.redirect(to: "/admin/users")
    }

    @Sendable func enable(req: Request) async throws -> Response {
        try await UserStore.setDisabled(userId: try req.idParameter("userId"), false, actor: req.actor, on: req.db)
        return req.redirect(to: "/admin/users")
    }

    @Sendable func resetPassword(req: Request) async throws -> Response {
        let id = try req.idParameter("userId")
        let password = try req.decodeBody([String: String].self)["password"] ?? ""
        do {
            try await UserStore.setPassword(userId: id, to: password, forceChange: true, passwordCost: req.application.config.passwordCost, actor: req.actor, on: req.db)
        } catch let failure as ValidationFailure {
            throw Abort(.unprocessableEntity, reason: "Chưa đặt lại được: \(failure.problems.values.map(\.message).joined(separator: " "))")
        }
        return req.redirect(to: "/admin/users?notice=" + "Đã đặt lại mật khẩu; người dùng phải đổi ở lần đăng nhập sau.".queryEncoded)
    }

    private func formPage(values: [String: String], problems: [String: FieldProblem]) -> Page {
        func field(_ name: String, _ label: String, hint: String? = nil, type: HTMLInputType = .text) -> Node<HTML.FormContext> {
            .div(.class(problems[name] == nil ? "field" : "field invalid"),
                 .label(.for(name), .text(label)),
                 .unwrap(hint) { .p(.class("hint"), .text($0)) },
                 .unwrap(problems[name]) { .p(.class("error"), .text($0.message)) },
                 .input(.type(type), .id(name), .name(name), .value(type == .password ? "" : values[name] ?? "")))
        }
        return Page(title: "Tạo tài khoản", breadcrumbs: [("Trang chủ", "/"), ("Tài khoản người dùng", "/admin/users"), ("Tạo mới", nil)],
                    status: problems.isEmpty ? .ok : .unprocessableEntity, content: .div(
            .h1("Tạo tài khoản"),
            .form(.method(.post), .action("/admin/users"), .class("record single"),
                .csrfField(),
                field("email", "Thư điện tử"),
                field("display_name", "Họ tên"),
                .div(.class("field"), .label(.for("role"), .text("Vai trò")),
                     .unwrap(problems["role"]) { .p(.class("error"), .text($0.message)) },
                     .select(.id("role"), .attribute(named: "name", value: "role"),
                             .forEach(Role.allCases) { .choice($0.rawValue, $0.label, selected: values["role"] == $0.rawValue) })),
                field("unit", "Mã đơn vị", hint: "Mã tỉnh 2025 cho cán bộ tỉnh, sở ngành, Liên minh HTX; mã xã 2025 cho cán bộ xã; để trống cho các vai trò khác."),
                field("organization", "Mã số tổ chức (chỉ với tài khoản tổ chức)"),
                field("department", "Cơ quan (ví dụ Sở Nông nghiệp và Môi trường)"),
                field("password", "Mật khẩu ban đầu", hint: "Ít nhất 10 ký tự. Người dùng phải đổi ở lần đăng nhập đầu.", type: .password),
                .div(.class("actions"), .button(.type(.submit), .text("Tạo tài khoản")), .a(.href("/admin/users"), .text("Huỷ")))
            )
        ))
    }
}
