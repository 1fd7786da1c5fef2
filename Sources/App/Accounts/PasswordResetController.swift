import Foundation
import HopTacCore
import Plot
import SQLKit
import Vapor

/// "Quên mật khẩu": a one-time link by mail, valid for an hour, that lets its holder choose a new password. The request
/// page answers the same whether or not the address has an account, so it cannot be used to find out who has one.
struct PasswordResetController: RouteCollection {
    static let lifetime: TimeInterval = 3600
    /// Links one account may be sent in `lifetime`: enough for a lost message, too few to flood someone's inbox.
    static let maxLinksPerHour = 3

    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, "password", "forgot", access: .anyone, use: requestForm)
        routes.on(.POST, "password", "forgot", access: .anyone, use: request)
        routes.on(.GET, "password", "reset", access: .anyone, use: resetForm)
        routes.on(.POST, "password", "reset", access: .anyone, use: reset)
    }

    @Sendable func requestForm(req: Request) async throws -> Response {
        requestPage(mailOn: req.application.config.mail != nil, sent: false).response()
    }

    @Sendable func request(req: Request) async throws -> Response {
        guard let mail = req.application.config.mail else { return requestPage(mailOn: false, sent: false).response() }
        let email = UserStore.normalize(try req.decodeBody([String: String].self)["email"] ?? "")
        let actor = req.actor
        try await req.db.write { db in
            let sql = try db.sql()
            guard let user = try await UserStore.find(email: email, on: sql), !user.disabled,
                  let to = MailAddress(user.email, name: user.displayName) else { return }
            let now = Date()
            struct Count: Decodable { let n: Int }
            let recent = try await sql.raw("SELECT COUNT(*) AS n FROM password_resets WHERE user_id = \(bind: user.id) AND created_at > \(bind: Timestamp.format(now.addingTimeInterval(-Self.lifetime)))")
                .first(decoding: Count.self)?.n ?? 0
            guard recent < Self.maxLinksPerHour else { return }
            let token = Secrets.random()
            let expires = now.addingTimeInterval(Self.lifetime)
            try await sql.insert(into: "password_resets").columns("user_id", "token_hash", "created_at", "expires_at")
                .values(user.id, Secrets.hash(token), Timestamp.format(now), Timestamp.format(expires)).run()
            try await Outbox.enqueue([Notices.passwordReset(to: to, link: mail.link("/password/reset?token=\(token)"), validUntil: Show.timestamp(Timestamp.format(expires)))],
                                     mail: mail, on: sql)
            try await AuditLog.record("user.reset-link", entity: "users", id: String(user.id), provinceCode: nil,
                                      summary: "Gửi liên kết đặt lại mật khẩu tới \(user.email)", actor: actor, on: sql)
        }
        return requestPage(mailOn: true, sent: true).response()
    }

    @Sendable func resetForm(req: Request) async throws -> Response {
        let token = req.query[String.self, at: "token"] ?? ""
        guard try await Self.userId(forToken: token, on: try req.db.sql()) != nil else { return expiredPage().response() }
        return resetPage(token: token, problems: [:], status: .ok).response()
    }

    @Sendable func reset(req: Request) async throws -> Response {
        let form = try req.decodeBody([String: String].self)
        let token = form["token"] ?? "", new = form["new_password"] ?? ""
        guard new == form["confirm_password"] else {
            return resetPage(token: token, problems: ["confirm_password": FieldProblem("Hai lần nhập mật khẩu mới không khớp.")], status: .unprocessableEntity).response()
        }
        let cost = req.application.config.passwordCost, actor = req.actor
        do {
            let used = try await req.db.write { db -> Bool in
                let sql = try db.sql()
                // Taken in one statement: two submissions of the same link cannot both set a password.
                struct Taken: Decodable { let userId: Int }
                guard let taken = try await sql.raw("""
                    UPDATE password_resets SET used_at = \(bind: Timestamp.now())
                    WHERE token_hash = \(bind: Secrets.hash(token)) AND used_at IS NULL AND expires_at > \(bind: Timestamp.now()) RETURNING user_id
                    """).first(decoding: Taken.self, keyDecodingStrategy: .snakeCaseColumns) else { return false }
                try await UserStore.setPassword(userId: taken.userId, to: new, forceChange: false, passwordCost: cost, actor: actor, on: db)
                // Any other link of this account dies with this one.
                try await sql.update("password_resets").set("used_at", to: Timestamp.now())
                    .where("user_id", .equal, taken.userId).where("used_at", .is, SQLLiteral.null).run()
                return true
            }
            guard used else { return expiredPage().response() }
        } catch let failure as ValidationFailure {
            return resetPage(token: token, problems: failure.problems, status: .unprocessableEntity).response()
        }
        return req.redirect(to: "/login?reset=1")
    }

    /// The account a link belongs to while it is unused and unexpired.
    static func userId(forToken token: String, on sql: any SQLDatabase) async throws -> Int? {
        guard !token.isEmpty, token.utf8.count <= 100 else { return nil }
        return try await sql.raw("""
            SELECT user_id FROM password_resets WHERE token_hash = \(bind: Secrets.hash(token)) AND used_at IS NULL AND expires_at > \(bind: Timestamp.now())
            """).first(decodingColumn: "user_id", as: Int.self)
    }

    private func requestPage(mailOn: Bool, sent: Bool) -> Page {
        Page(title: "Quên mật khẩu", breadcrumbs: [("Trang chủ", "/"), ("Đăng nhập", "/login"), ("Quên mật khẩu", nil)], content: .div(.class("narrow"),
            .h1("Quên mật khẩu"),
            .if(!mailOn, .p(.class("notice"), .text("Máy chủ này chưa được cấu hình để gửi thư. Hãy liên hệ quản trị viên của đơn vị để được đặt lại mật khẩu."))),
            .if(sent, .p(.class("notice"), .attribute(named: "role", value: "status"),
                         .text("Nếu địa chỉ này có tài khoản đang hoạt động, một thư có liên kết đặt lại mật khẩu vừa được gửi tới đó. Liên kết dùng được một lần, trong 60 phút."))),
            .if(mailOn && !sent, .form(.method(.post), .action("/password/forgot"), .class("record single"),
                .csrfField(),
                .div(.class("field"), .label(.for("email"), .text("Thư điện tử của tài khoản")),
                     .input(.type(.email), .id("email"), .name("email"), .attribute(named: "autocomplete", value: "username"), .required(true))),
                .div(.class("actions"), .button(.type(.submit), .text("Gửi liên kết đặt lại")))
            )),
            .p(.a(.href("/login"), .text("← Quay lại đăng nhập")))
        ))
    }

    private func resetPage(token: String, problems: [String: FieldProblem], status: HTTPResponseStatus) -> Page {
        Page(title: "Đặt mật khẩu mới", breadcrumbs: [("Trang chủ", "/"), ("Đặt mật khẩu mới", nil)], status: status, content: .div(.class("narrow"),
            .h1("Đặt mật khẩu mới"),
            .form(.method(.post), .action("/password/reset"), .class("record single"),
                .csrfField(),
                .input(.type(.hidden), .name("token"), .value(token)),
                .field(name: "new_password", label: "Mật khẩu mới (ít nhất 10 ký tự)", problem: problems["new_password"],
                       .input(.type(.password), .id("new_password"), .name("new_password"), .attribute(named: "autocomplete", value: "new-password"), .required(true))),
                .field(name: "confirm_password", label: "Nhập lại mật khẩu mới", problem: problems["confirm_password"],
                       .input(.type(.password), .id("confirm_password"), .name("confirm_password"), .attribute(named: "autocomplete", value: "new-password"), .required(true))),
                .div(.class("actions"), .button(.type(.submit), .text("Đặt mật khẩu")))
            )
        ))
    }

    private func expiredPage() -> Page {
        Page(title: "Liên kết không còn dùng được", status: .gone, content: .div(.class("narrow"),
            .h1("Liên kết không còn dùng được"),
            .p(.text("Liên kết đặt lại mật khẩu này đã hết hạn, đã được dùng, hoặc không đúng. Bạn có thể xin một liên kết mới.")),
            .p(.a(.class("button"), .href("/password/forgot"), .text("Xin liên kết mới")))
        ))
    }
}
