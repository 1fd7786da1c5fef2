import Foundation
import HopTacCore
import Logging
import SQLKit
import Testing
import Vapor
@testable import App

@Suite("Security: scopes, tokens, CSRF, brute force, secrets")
struct SecurityTests {
    /// Name and version of an organisation straight from the database.
    func stored(_ id: Int, _ app: Application) async throws -> (name: String, version: Int, commune: String) {
        struct Row: Decodable { let name: String; let version: Int; let communeCode: String }
        let row = try await app.db.sql().raw("SELECT name, version, commune_code FROM organizations WHERE id = \(bind: id)")
            .first(decoding: Row.self, keyDecodingStrategy: .snakeCaseColumns)
        return (row?.name ?? "", row?.version ?? 0, row?.communeCode ?? "")
    }

    func editForm(_ name: String, commune: String, code: String, version: Int = 1) -> [(String, String)] {
        [("version", String(version)), ("name", name), ("type", "htx"), ("sector", "agriculture"), ("registration_code", code),
         ("commune_code", commune), ("official_members", "30")]
    }

    @Test("officials cannot touch organisations outside their unit, and nothing changes")
    func crossScopeEditsRefused() async throws {
        try await TestApp.run { app, admin in
            let home = try await admin.createOrganization(name: "Hợp tác xã Thành Sen", code: "4201000001", commune: Place.thanhSen)
            let neighbour = try await admin.createOrganization(name: "Hợp tác xã Trần Phú", code: "4201000002", commune: "18100")
            let hanoi = try await admin.createOrganization(name: "Hợp tác xã Ngọc Hà", code: "0101000001", commune: Place.ngocHa)

            let communeOfficer = TestClient(app: app, base: admin.base)
            try await communeOfficer.signIn(as: .communeOfficer)
            let refused = try await communeOfficer.postForm("/organizations/\(neighbour)", editForm("Đổi tên trái phép", commune: "18100", code: "4201000002"))
            #expect(refused.status == .forbidden)
            #expect(try await stored(neighbour, app) == ("Hợp tác xã Trần Phú", 1, "18100"))
            let editPage = try await communeOfficer.get("/organizations/\(neighbour)/edit")
            #expect(editPage.status == .forbidden)
            // Moving her own commune's cooperative into another commune is refused too.
            let moved = try await communeOfficer.postForm("/organizations/\(home)", editForm("Hợp tác xã Thành Sen", commune: "18100", code: "4201000001"))
            #expect(moved.status == .forbidden)
            #expect(try await stored(home, app).commune == Place.thanhSen)
            let created = try await communeOfficer.sendJSON(.POST, "/api/v1/organizations", """
                {"name": "Hợp tác xã Ngoài Xã", "type": "htx", "registration_code": "4201000003", "commune_code": "18100"}
                """)
            #expect(created.status == .forbidden)
            // She sees only her commune in the registry list.
            let list = try await communeOfficer.getJSON("/organizations.json")
            #expect((list["items"] as? [[String: Any]])?.compactMap { $0["id"] as? Int } == [home])

            let provinceOfficer = TestClient(app: app, base: admin.base)
            try await provinceOfficer.signIn(as: .provinceOfficer)
            let api = try await provinceOfficer.sendJSON(.PUT, "/api/v1/organizations/\(hanoi)", """
                {"version": 1, "name": "Đổi tên trái phép", "type": "htx", "registration_code": "0101000001", "commune_code": "\(Place.ngocHa)"}
                """)
            #expect(api.status == .forbidden)
            let status = try await provinceOfficer.sendJSON(.POST, "/api/v1/organizations/\(hanoi)/status", """
                {"version": 1, "status": "dissolved", "effective_from": "2026-01-01", "reason": "x"}
                """)
            #expect(status.status == .forbidden)
            #expect(try await stored(hanoi, app) == ("Hợp tác xã Ngọc Hà", 1, Place.ngocHa))
            let ok = try await provinceOfficer.postForm("/organizations/\(neighbour)", editForm("Hợp tác xã Trần Phú Mới", commune: "18100", code: "4201000002"))
            #expect(ok.status == .seeOther, "inside the province the same edit is allowed")

            let sector = TestClient(app: app, base: admin.base)
            try await sector.signIn(as: .sectorOfficer)
            #expect(try await sector.postForm("/organizations/\(home)", editForm("x", commune: Place.thanhSen, code: "4201000001")).status == .forbidden)
        }
    }

    @Test("a cooperative edits only its own record and sees others only as the public does")
    func cooperativeAccount() async throws {
        try await TestApp.run { app, admin in
            let own = try await admin.createOrganization(name: "Hợp tác xã Của Tôi", code: "4201000011",
                                                         extra: #", "representative_name": "Nguyễn Văn An", "phone": "0912345678""#)
            let other = try await admin.createOrganization(name: "Hợp tác xã Hàng Xóm", code: "4201000012",
                                                           extra: #", "representative_name": "Trần Thị Bình", "phone": "0987654321""#)
            let coop = TestClient(app: app, base: admin.base)
            try await coop.signIn(as: .cooperative, organization: "4201000011")

            let mine = try await coop.getJSON("/organizations/\(own).json")
            #expect(mine["phone"] as? String == "0912345678")
            let theirs = try await coop.getJSON("/organizations/\(other).json")
            #expect(theirs["name"] as? String == "Hợp tác xã Hàng Xóm")
            #expect(theirs["phone"] == nil || theirs["phone"] is NSNull)
            #expect(theirs["representative_name"] == nil || theirs["representative_name"] is NSNull)
            let page = try await coop.get("/organizations/\(other)")
            #expect(!page.body.string.contains("0987654321"))
            #expect(!page.body.string.contains("Lịch sử thay đổi"))
            #expect(try await coop.get("/api/v1/organizations/\(other)/history").status == .forbidden)
            #expect(try await coop.postForm("/organizations/\(other)", editForm("Chiếm hồ sơ", commune: Place.thanhSen, code: "4201000012")).status == .forbidden)
            #expect(try await stored(other, app).version == 1)
            let saved = try await coop.postForm("/organizations/\(own)", editForm("Hợp tác xã Của Tôi Đổi Tên", commune: Place.thanhSen, code: "4201000011"))
            #expect(saved.status == .seeOther)
            #expect(try await stored(own, app).name == "Hợp tác xã Của Tôi Đổi Tên")
        }
    }

    @Test("the public sees public fields only")
    func anonymousPublicView() async throws {
        try await TestApp.run { app, admin in
            let id = try await admin.createOrganization(name: "Hợp tác xã Công Khai", code: "4201000021",
                                                        extra: #", "representative_name": "Lê Văn Cường", "phone": "0911222333", "email": "cuong@example.vn""#)
            let visitor = TestClient(app: app, base: admin.base)
            let list = try await visitor.get("/organizations.json")
            #expect(list.status == .ok)
            #expect(list.body.string.contains("Hợp tác xã Công Khai"))
            for secret in ["Lê Văn Cường", "0911222333", "cuong@example.vn"] {
                #expect(!list.body.string.contains(secret))
                #expect(!(try await visitor.get("/organizations.csv")).body.string.contains(secret))
                #expect(!(try await visitor.get("/organizations/\(id)")).body.string.contains(secret))
                #expect(!(try await visitor.get("/api/v1/organizations/\(id)")).body.string.contains(secret))
            }
            #expect(try await visitor.get("/api/v1/organizations/\(id)/history").status == .unauthorized)

            // A group's address is a member's home; a status change's reason is an officer's note. Neither is public;
            // a cooperative's office address is.
            let group = try await admin.createOrganization(name: "Tổ hợp tác Nhà Bà Tư", type: "tht", code: nil, extra: #", "address": "Số 7 ngõ Nhà Riêng""#)
            let office = try await admin.createOrganization(name: "Hợp tác xã Trụ Sở", code: "4201000022", extra: #", "address": "Số 1 đường Trụ Sở""#)
            #expect(try await admin.postForm("/organizations/\(office)/status", [
                ("version", "1"), ("status", "suspended"), ("effective_from", "01/03/2026"), ("effective_to", "31/08/2026"), ("reason", "Ghi chú nội bộ: nợ thuế"),
            ]).status == .seeOther)
            let groupPage = try await visitor.get("/organizations/\(group)").body.string + (try await visitor.get("/organizations/\(group).json")).body.string
            #expect(!groupPage.contains("Nhà Riêng"))
            let officePage = try await visitor.get("/organizations/\(office)").body.string
            #expect(officePage.contains("Số 1 đường Trụ Sở") && !officePage.contains("nợ thuế"))
            #expect(try await admin.get("/organizations/\(office)").body.string.contains("nợ thuế"), "officers still see it")
            let edit = try await visitor.get("/organizations/\(id)/edit")
            #expect(edit.status == .seeOther)
            #expect(edit.location == "/login?next=%2Forganizations%2F\(id)%2Fedit")
        }
    }

    @Test("an API token works with its owner's rights until it is revoked")
    func apiTokens() async throws {
        try await TestApp.run(as: .provinceOfficer) { app, officer in
            let created = try await officer.postForm("/account/tokens", [("name", "Phần mềm báo cáo")])
            #expect(created.status == .ok)
            let secret = try #require(created.body.string.firstMatch(of: /hoptac_[A-Za-z0-9_-]{40,}/).map { String($0.output) })
            let machine = TestClient(app: app, base: officer.base)
            machine.bearer = secret
            let write = try await machine.sendJSON(.POST, "/api/v1/organizations", """
                {"name": "Hợp tác xã Qua API", "type": "htx", "registration_code": "4201000031", "commune_code": "\(Place.thanhSen)"}
                """)
            #expect(write.status == .created, "\(write.body.string)")
            #expect(try await machine.get("/organizations.csv").status == .ok)
            #expect(try await machine.sendJSON(.POST, "/api/v1/organizations", """
                {"name": "Hợp tác xã Ngoài Tỉnh", "type": "htx", "registration_code": "0101000031", "commune_code": "\(Place.ngocHa)"}
                """).status == .forbidden)
            // The secret is stored only as a hash.
            let stored = try await app.db.sql().raw("SELECT token_hash, prefix, last_used_at FROM api_tokens").all()
            #expect(stored.count == 1)
            #expect(try stored[0].decode(column: "token_hash", as: String.self) != secret)
            #expect(try stored[0].decode(column: "last_used_at", as: String?.self) != nil)

            let tokenId = try #require(officer.body(of: try await officer.get("/account")).firstMatch(of: /account\/tokens\/(\d+)\/revoke/).map { Int($0.output.1) ?? 0 })
            #expect(try await officer.postForm("/account/tokens/\(tokenId)/revoke", []).status == .seeOther)
            let after = try await machine.sendJSON(.POST, "/api/v1/organizations", """
                {"name": "Hợp tác xã Sau Thu Hồi", "type": "htx", "registration_code": "4201000032", "commune_code": "\(Place.thanhSen)"}
                """)
            #expect(after.status == .unauthorized)
            #expect(try await machine.get("/organizations.json").status == .unauthorized)
            let count = try await app.db.sql().raw("SELECT COUNT(*) AS n FROM organizations WHERE registration_code = '4201000032'").first(decodingColumn: "n", as: Int.self)
            #expect(count == 0)
        }
    }

    @Test("a form post without the anti-forgery field is refused and changes nothing")
    func csrf() async throws {
        try await TestApp.run { app, admin in
            let id = try await admin.createOrganization(name: "Hợp tác xã Chống Giả Mạo", code: "4201000041")
            let forged = try await admin.postForm("/organizations/\(id)", editForm("Bị sửa từ trang khác", commune: Place.thanhSen, code: "4201000041"), withCSRF: false)
            #expect(forged.status == .forbidden)
            #expect(forged.body.string.contains("mã chống giả mạo"))
            #expect(try await stored(id, app).version == 1)
            var wrong = editForm("Bị sửa từ trang khác", commune: Place.thanhSen, code: "4201000041")
            wrong.append((AccessMiddleware.csrfField, "khong-dung-ma"))
            #expect(try await admin.postForm("/organizations/\(id)", wrong, withCSRF: false).status == .forbidden)
            // A JSON write from the browser session needs the header as well.
            var headers = HTTPHeaders()
            headers.contentType = .json
            let json = try await admin.send(.POST, "/api/v1/organizations", headers: headers, body: #"{"name": "Hợp tác xã Giả", "type": "tht", "commune_code": "18073"}"#)
            #expect(json.status == .forbidden)
            #expect(try await stored(id, app).name == "Hợp tác xã Chống Giả Mạo")
            let page = try await admin.get("/organizations/\(id)/edit")
            #expect(page.headers.first(name: "X-Frame-Options") == "DENY")
            #expect(page.headers.first(name: "Content-Security-Policy")?.contains("frame-ancestors 'none'") == true)
            #expect(page.headers.first(name: "X-Content-Type-Options") == "nosniff")
            #expect(page.headers.setCookie == nil || page.headers.setCookie?[SessionStore.cookieName] == nil)
        }
    }

    @Test("repeated wrong passwords lock the account, even against the right password")
    func bruteForce() async throws {
        try await TestApp.run(as: nil) { app, client in
            _ = try await UserStore.create(NewUser(email: "lan@test.hoptac.vn", displayName: "Lan", password: "mật-khẩu-đúng-123", role: .provinceOfficer,
                                                   unitCode: "42", organizationRegistrationCode: nil, department: nil, mustChangePassword: false),
                                           passwordCost: 4, actor: .commandLine("test"), on: app.db)
            for attempt in 1...UserStore.maxFailedLogins {
                let response = try await client.postForm("/login", [("email", "lan@test.hoptac.vn"), ("password", "đoán-sai-\(attempt)")])
                #expect(response.status == (attempt < UserStore.maxFailedLogins ? .unauthorized : .tooManyRequests))
            }
            let right = try await client.postForm("/login", [("email", "lan@test.hoptac.vn"), ("password", "mật-khẩu-đúng-123")])
            #expect(right.status == .tooManyRequests)
            #expect(right.body.string.contains("Tài khoản tạm khoá"))
            #expect(client.cookies[SessionStore.cookieName] == nil)
            let audit = try await app.db.sql().raw("SELECT action FROM audit_events WHERE entity = 'users' ORDER BY id").all(decodingColumn: "action", as: String.self)
            #expect(audit.filter { $0 == "login.failure" }.count == UserStore.maxFailedLogins - 1)
            #expect(audit.contains("login.locked"))
        }
    }

    @Test("passwords never reach the logs, the database in clear, or the audit log")
    func secretsStayOut() async throws {
        let capture = LogCapture()
        try await TestApp.run { app, admin in
            app.logger = Logger(label: "test") { _ in capture }
            app.logger.logLevel = .trace
            let password = "Bí-mật-tuyệt-đối-2026"
            let created = try await admin.postForm("/admin/users", [("email", "hoa@test.hoptac.vn"), ("display_name", "Lê Thị Hoa"), ("role", "commune-officer"),
                                                                   ("unit", Place.thanhSen), ("password", password)])
            #expect(created.status == .seeOther)
            let user = TestClient(app: app, base: admin.base)
            #expect(try await user.postForm("/login", [("email", "hoa@test.hoptac.vn"), ("password", "sai-\(password)")]).status == .unauthorized)
            let login = try await user.postForm("/login", [("email", "hoa@test.hoptac.vn"), ("password", password)])
            #expect(login.location == "/account/password", "an initial password must be changed first")
            #expect(try await user.get("/organizations/new").location == "/account/password")
            let changed = try await user.postForm("/account/password", [("current_password", password), ("new_password", "Mật-khẩu-mới-của-Hoa"), ("confirm_password", "Mật-khẩu-mới-của-Hoa")])
            #expect(changed.status == .seeOther)
            #expect(try await user.get("/organizations/new").status == .ok)

            let sql = try app.db.sql()
            let hash = try await sql.raw("SELECT password_hash FROM users WHERE email = 'hoa@test.hoptac.vn'").first(decodingColumn: "password_hash", as: String.self) ?? ""
            #expect(hash.hasPrefix("$2"))
            #expect(!hash.contains(password))
            let audit = try await sql.raw("SELECT summary, before, after FROM audit_events").all()
            for row in audit {
                let text = [try row.decode(column: "summary", as: String?.self), try row.decode(column: "before", as: String?.self), try row.decode(column: "after", as: String?.self)]
                    .compactMap { $0 }.joined()
                #expect(!text.contains(password) && !text.contains("Mật-khẩu-mới-của-Hoa"))
                #expect(!text.contains("password_hash") && !text.contains("$2b$") && !text.contains("$2y$"))
            }
            #expect(audit.count >= 4)
        }
        #expect(!capture.text.contains("Bí-mật-tuyệt-đối-2026"))
        #expect(!capture.text.contains("Mật-khẩu-mới-của-Hoa"))
    }
}

/// Collects everything logged, to prove secrets are not in it.
final class LogCapture: LogHandler, @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace
    subscript(metadataKey key: String) -> Logger.Metadata.Value? { get { metadata[key] } set { metadata[key] = newValue } }
    var text: String { lock.withLock { lines.joined(separator: "\n") } }

    func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String, function: String, line: UInt) {
        lock.withLock { lines.append("\(message) \(metadata ?? [:]) \(self.metadata)") }
    }
}

extension TestClient {
    func body(of response: HTTPResult) -> String { response.body.string }
}

@Suite("Signing in from a program")
struct ScriptedSignInTests {
    @Test("a program may sign in with e-mail and password alone; a cross-site form may not")
    func scriptedSignIn() async throws {
        try await TestApp.run(as: nil) { app, client in
            _ = try await UserStore.create(NewUser(email: "may@test.hoptac.vn", displayName: "Máy", password: "mật-khẩu-của-máy", role: .nationalViewer,
                                                   unitCode: nil, organizationRegistrationCode: nil, department: nil, mustChangePassword: false),
                                           passwordCost: 4, actor: .commandLine("test"), on: app.db)
            var headers = HTTPHeaders()
            headers.contentType = .urlEncodedForm
            let scripted = try await client.send(.POST, "/login", headers: headers, body: "email=may%40test.hoptac.vn&password=m%E1%BA%ADt-kh%E1%BA%A9u-c%E1%BB%A7a-m%C3%A1y")
            #expect(scripted.status == .seeOther)
            #expect(client.cookies[SessionStore.cookieName] != nil)

            let forger = TestClient(app: app, base: client.base)
            headers.replaceOrAdd(name: .origin, value: "https://trang-gia-mao.example")
            let forged = try await forger.send(.POST, "/login", headers: headers, body: "email=may%40test.hoptac.vn&password=m%E1%BA%ADt-kh%E1%BA%A9u-c%E1%BB%A7a-m%C3%A1y")
            #expect(forged.status == .forbidden)
            #expect(forger.cookies[SessionStore.cookieName] == nil)
        }
    }
}
