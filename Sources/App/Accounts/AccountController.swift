import HopTacCore
import Plot
import Vapor

/// Signing in and out, changing one's password, and one's own API tokens.
struct AccountController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, "login", access: .anyone, use: loginForm)
        routes.on(.POST, "login", access: .anyone, use: login)
        routes.on(.POST, "logout", access: .anyone, use: logout)
        routes.on(.GET, "account", access: .signedIn(.manageOwnAccount), use: account)
        routes.on(.GET, "account", "password", access: .signedIn(.manageOwnAccount), use: passwordForm)
        routes.on(.POST, "account", "password", access: .signedIn(.manageOwnAccount), use: changePassword)
        routes.on(.POST, "account", "tokens", access: .signedIn(.manageOwnAccount), use: createToken)
        routes.on(.POST, "account", "tokens", ":tokenId", "revoke", access: .signedIn(.manageOwnAccount), use: revokeToken)
    }

    /// Only local paths are followed after sign-in, so the form cannot be used to send people elsewhere. Browsers drop
    /// tabs and line breaks from a URL and read `\\` as `/`, so `/\t/evil.test` would leave the site: after removing
    /// control characters, the path must be `/` alone or `/` then a letter or digit, with no backslash anywhere.
    static func safeNext(_ next: String?) -> String {
        guard let next else { return "/" }
        let path = String(String.UnicodeScalarView(next.unicodeScalars.filter { !$0.properties.isWhitespace && $0.properties.generalCategory != .control }))
        guard path.hasPrefix("/"), !path.contains("\\") else { return "/" }
        guard let second = path.dropFirst().unicodeScalars.first else { return "/" }
        return second.isASCII && second.properties.isAlphabetic || ("0"..."9").contains(second) ? path : "/"
    }

    @Sendable func loginForm(req: Request) async throws -> Response {
        if req.principal != nil { return req.redirect(to: Self.safeNext(req.query[String.self, at: "next"])) }
        let notice = req.query[String.self, at: "reset"] == nil ? nil : "Đã đặt mật khẩu mới. Hãy đăng nhập bằng mật khẩu đó."
        return loginPage(next: Self.safeNext(req.query[String.self, at: "next"]), email: "", message: nil, notice: notice, status: .ok).response()
    }

    @Sendable func login(req: Request) async throws -> Response {
        let form = try req.decodeBody([String: String].self)
        let email = form["email"] ?? "", password = form["password"] ?? ""
        let next = Self.safeNext(form["next"])
        switch try await UserStore.authenticate(email: email, password: password, ip: req.remoteAddress?.ipAddress, on: req.db) {
        case .success(let user):
            let token = try await SessionStore.create(userId: user.id, on: try req.db.sql())
            let response = req.redirect(to: user.mustChangePassword ? "/account/password" : next)
            response.cookies[SessionStore.cookieName] = HTTPCookies.Value(string: token, maxAge: Int(SessionStore.lifetime), path: "/",
                                                                          isSecure: req.application.config.secureCookies, isHTTPOnly: true, sameSite: .lax)
            return response
        case .invalid, .disabled:
            // Slows down guessing on top of the lock-out.
            try await Task.sleep(for: .milliseconds(400))
            return loginPage(next: next, email: email, message: "Thư điện tử hoặc mật khẩu không đúng, hoặc tài khoản đã bị khoá.", status: .unauthorized).response()
        case .locked(let until):
            return loginPage(next: next, email: email, message: "Tài khoản tạm khoá do nhập sai mật khẩu nhiều lần. Thử lại sau \(Show.timestamp(until)).", status: .tooManyRequests).response()
        }
    }

    @Sendable func logout(req: Request) async throws -> Response {
        if let token = req.cookies[SessionStore.cookieName]?.string { try await SessionStore.delete(token: token, on: try req.db.sql()) }
        let response = req.redirect(to: "/")
        response.cookies[SessionStore.cookieName] = HTTPCookies.Value(string: "", expires: Date(timeIntervalSince1970: 0), maxAge: 0, path: "/", isHTTPOnly: true, sameSite: .lax)
        return response
    }

    @Sendable func account(req: Request) async throws -> Response {
        try await accountPage(req, newSecret: nil).response()
    }

    @Sendable func passwordForm(req: Request) async throws -> Response {
        passwordPage(req, problems: [:], status: .ok).response()
    }

    @Sendable func changePassword(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        let form = try req.decodeBody([String: String].self)
        let new = form["new_password"] ?? ""
        var problems: [String: FieldProblem] = [:]
        if !(try await UserStore.verifyPassword(userId: principal.userId, form["current_password"] ?? "", on: try req.db.sql())) {
            problems["current_password"] = FieldProblem("Mật khẩu hiện tại không đúng.")
        }
        if new != form["confirm_password"] { problems["confirm_password"] = FieldProblem("Hai lần nhập mật khẩu mới không khớp.") }
        if new == form["current_password"] { problems["new_password"] = FieldProblem("Mật khẩu mới phải khác mật khẩu hiện tại.") }
        do {
            guard problems.isEmpty else { throw ValidationFailure(problems: problems) }
            try await UserStore.setPassword(userId: principal.userId, to: new, forceChange: false, passwordCost: req.application.config.passwordCost, actor: req.actor, on: req.db)
        } catch let failure as ValidationFailure {
            return passwordPage(req, problems: failure.problems, status: .unprocessableEntity).response()
        }
        // Changing the password ended every session; start a fresh one for this browser.
        let token = try await SessionStore.create(userId: principal.userId, on: try req.db.sql())
        let response = req.redirect(to: "/account?changed=1")
        response.cookies[SessionStore.cookieName] = HTTPCookies.Value(string: token, maxAge: Int(SessionStore.lifetime), path: "/",
                                                                      isSecure: req.application.config.secureCookies, isHTTPOnly: true, sameSite: .lax)
        return response
    }

    @Sendable func createToken(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        let name = try req.decodeBody([String: String].self)["name"] ?? ""
        let (_, secret) = try await APITokenStore.create(userId: principal.userId, name: name, actor: req.actor, on: req.db)
        return try await accountPage(req, newSecret: secret).response()
    }

    @Sendable func revokeToken(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        try await APITokenStore.revoke(tokenId: try req.idParameter("tokenId"), userId: principal.userId, actor: req.actor, on: req.db)
        return req.redirect(to: "/account")
    }

    private func loginPage(next: String, email: String, message: String?, notice: String? = nil, status: HTTPResponseStatus) -> Page {
        Page(title: "Đăng nhập", status: status, content: .div(.class("narrow"),
            .h1("Đăng nhập"),
            .unwrap(notice) { .p(.class("notice"), .attribute(named: "role", value: "status"), .text($0)) },
            .unwrap(message) { .p(.class("error"), .attribute(named: "role", value: "alert"), .text($0)) },
            .form(.method(.post), .action("/login"), .class("record single"),
                .csrfField(),
                .input(.type(.hidden), .name("next"), .value(next)),
                .div(.class("field"), .label(.for("email"), .text("Thư điện tử")),
                     .input(.type(.email), .id("email"), .name("email"), .value(email), .attribute(named: "autocomplete", value: "username"), .required(true))),
                .div(.class("field"), .label(.for("password"), .text("Mật khẩu")),
                     .input(.type(.password), .id("password"), .name("password"), .attribute(named: "autocomplete", value: "current-password"), .required(true))),
                .div(.class("actions"), .button(.type(.submit), .text("Đăng nhập")), .a(.href("/password/forgot"), .text("Quên mật khẩu?")))
            ),
            .p(.class("muted"), .text("Người dân và doanh nghiệp không cần đăng nhập để tra cứu thông tin công khai của các tổ chức kinh tế tập thể."))
        ))
    }

    private func passwordPage(_ req: Request, problems: [String: FieldProblem], status: HTTPResponseStatus) -> Page {
        let forced = req.context.user?.mustChangePassword ?? false
        func field(_ name: String, _ label: String, autocomplete: String) -> Node<HTML.FormContext> {
            .div(.class(problems[name] == nil ? "field" : "field invalid"),
                 .label(.for(name), .text(label)),
                 .unwrap(problems[name]) { .p(.class("error"), .text($0.message)) },
                 .input(.type(.password), .id(name), .name(name), .attribute(named: "autocomplete", value: autocomplete), .required(true)))
        }
        return Page(title: "Đổi mật khẩu", breadcrumbs: [("Trang chủ", "/"), ("Tài khoản của tôi", "/account"), ("Đổi mật khẩu", nil)], status: status,
            content: .div(.class("narrow"),
                .h1("Đổi mật khẩu"),
                .if(forced, .p(.class("notice"), .text("Bạn đang dùng mật khẩu ban đầu do quản trị viên cấp. Hãy đặt mật khẩu riêng trước khi tiếp tục."))),
                .form(.method(.post), .action("/account/password"), .class("record single"),
                    .csrfField(),
                    field("current_password", "Mật khẩu hiện tại", autocomplete: "current-password"),
                    field("new_password", "Mật khẩu mới (ít nhất 10 ký tự)", autocomplete: "new-password"),
                    field("confirm_password", "Nhập lại mật khẩu mới", autocomplete: "new-password"),
                    .div(.class("actions"), .button(.type(.submit), .text("Đổi mật khẩu")))
                )
            ))
    }

    private func accountPage(_ req: Request, newSecret: String?) async throws -> Page {
        let user = try req.context.user ?? { throw Abort(.unauthorized) }()
        let tokens = try await APITokenStore.list(userId: user.id, on: try req.db.sql())
        return Page(title: "Tài khoản của tôi", breadcrumbs: [("Trang chủ", "/"), ("Tài khoản của tôi", nil)], content: .div(
            .h1("Tài khoản của tôi"),
            .if(req.query[String.self, at: "changed"] != nil, .p(.class("notice"), .text("Đã đổi mật khẩu."))),
            .facts([
                ("Họ tên", .text(user.displayName)), ("Thư điện tử", .text(user.email)), ("Vai trò", .text(user.role.label)),
                ("Đơn vị", .text(Show.text(user.unitCode))), ("Cơ quan", .text(Show.text(user.department))),
                ("Đăng nhập lần trước", .text(user.lastLoginAt.map(Show.timestamp) ?? "—")),
            ]),
            .p(.a(.class("button secondary"), .href("/account/password"), .text("Đổi mật khẩu"))),
            .h2("Mã truy cập API"),
            .p(.class("muted"), .text("Dùng cho phần mềm khác gọi /api/v1 hoặc tải .json/.csv với tiêu đề Authorization: Bearer <mã>. Mã có đúng quyền của tài khoản này.")),
            .unwrap(newSecret) { secret in .div(.class("notice"),
                .p(.strong("Mã mới — chỉ hiện một lần, hãy sao chép và cất giữ ngay:")),
                .p(.class("secret"), .text(secret))) },
            .form(.method(.post), .action("/account/tokens"), .class("search"),
                .csrfField(),
                .label(.for("token-name"), .text("Tên gợi nhớ")),
                .input(.type(.text), .id("token-name"), .name("name"), .placeholder("ví dụ: Đồng bộ phần mềm báo cáo")),
                .button(.type(.submit), .text("Tạo mã mới"))),
            .table(.class("list"),
                .thead(.tr(.th("Tên"), .th("Bắt đầu bằng"), .th("Tạo lúc"), .th("Dùng lần cuối"), .th("Trạng thái"), .th(""))),
                .tbody(.forEach(tokens) { token in
                    .tr(.td(.text(token.name)), .td(.class("code"), .text("\(token.prefix)…")), .td(.text(Show.timestamp(token.createdAt))),
                        .td(.text(token.lastUsedAt.map(Show.timestamp) ?? "chưa dùng")),
                        .td(.text(token.revokedAt.map { "Đã thu hồi \(Show.timestamp($0))" } ?? "Đang hiệu lực")),
                        .td(.if(token.revokedAt == nil, .form(.method(.post), .action("/account/tokens/\(token.id)/revoke"), .class("inline"),
                                                             .csrfField(), .button(.type(.submit), .class("link"), .text("Thu hồi"))))))
                })
            )
        ))
    }
}
