import Foundation
import HopTacCore
import SQLKit
import Testing
import Vapor
@testable import App

@Suite("Mail through a real SMTP server")
struct MailTests {
    /// A cooperative with its own account files its report of 2025; returns the report's id and the account's address.
    static func submittedReport(_ app: Application, admin: TestClient) async throws -> (id: Int, cooperative: TestClient) {
        let id = try await admin.createOrganization(name: "Hợp tác xã Đồng Tâm", code: "4201000001")
        let cooperative = TestClient(app: app, base: admin.base)
        try await cooperative.signIn(as: .cooperative, organization: "4201000001", email: "dongtam@htx.test")
        try await submit(id, as: cooperative)
        return (id, cooperative)
    }

    static func submit(_ id: Int, as cooperative: TestClient) async throws {
        let version = try await cooperative.getJSON("/organizations/\(id)/reports/2025.json")["version"] as? Int
        let send = try await cooperative.postForm("/organizations/\(id)/reports/2025", ReportingTests.figures + [("version", version.map(String.init) ?? ""), ("action", "submit")])
        #expect(send.status == .seeOther, "\(send.body.string)")
    }

    static func returnReport(_ id: Int, as officer: TestClient, reason: String) async throws {
        let version = try await officer.getJSON("/organizations/\(id)/reports/2025.json")["version"] as? Int ?? 0
        let response = try await officer.postForm("/organizations/\(id)/reports/2025/actions", [("action", "return"), ("text", reason), ("version", String(version))])
        #expect(response.status == .seeOther, "\(response.body.string)")
    }

    @Test("a report sent back gives exactly one message to the cooperative; with the server down it waits in the outbox, then goes out")
    func returnedReportIsMailedOnce() async throws {
        let sink = try SMTPSink()
        try await TestApp.run(mail: try sink.settings()) { app, admin in
            let (id, cooperative) = try await Self.submittedReport(app, admin: admin)
            let officer = TestClient(app: app, base: admin.base)
            try await officer.signIn(as: .communeOfficer)
            try await Self.returnReport(id, as: officer, reason: "Thiếu số liệu doanh thu quý IV")

            let first = try await sink.waitForMessages(1)
            try await Task.sleep(for: .milliseconds(600))
            let received = try sink.messages()
            #expect(received.count == 1, "exactly one message: \(received.map(\.subject))")
            let message = try #require(received.first)
            #expect(first.count == 1 && message.to.contains("dongtam@htx.test"))
            #expect(message.subject == "Báo cáo năm 2025 của Hợp tác xã Đồng Tâm bị trả lại")
            #expect(message.body.contains("Thiếu số liệu doanh thu quý IV"), "\(message.body)")
            #expect(message.body.contains("http://hoptac.test/organizations/\(id)/reports/2025"))

            // The mail server goes down; the next return waits in the outbox, with the error, and is tried again.
            sink.stop()
            try await Self.submit(id, as: cooperative)
            try await Self.returnReport(id, as: officer, reason: "Vẫn thiếu chữ ký")
            var waiting: [String: Any] = [:]
            for _ in 0..<50 {
                let items = try await admin.getJSON("/admin/mail.json?unsent=yes")["items"] as? [[String: Any]] ?? []
                if let item = items.first, (item["attempts"] as? Int ?? 0) >= 1 { waiting = item; break }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(waiting["state"] as? String == "retrying" && waiting["last_error"] is String, "\(waiting)")
            let page = try await admin.get("/admin/mail")
            #expect(page.body.string.contains("Gửi lỗi, sẽ thử lại: 1"))
            #expect(try sink.messages().count == 1)

            try sink.start()
            let after = try await sink.waitForMessages(2)
            #expect(after.count == 2 && after.last?.body.contains("Vẫn thiếu chữ ký") == true, "\(after.map(\.subject))")
            try await Task.sleep(for: .milliseconds(400))
            #expect(try sink.messages().count == 2, "sent once, not again")
            #expect(try await admin.getJSON("/admin/mail.json?unsent=yes")["total"] as? Int == 0)
        }
    }

    @Test("forgot password: a one-time link by mail that expires; the page says the same for an unknown address")
    func passwordResetByLink() async throws {
        let sink = try SMTPSink()
        try await TestApp.run(as: nil, mail: try sink.settings()) { app, visitor in
            let owner = TestClient(app: app, base: visitor.base)
            try await owner.signIn(as: .communeOfficer, email: "can-bo@xa.test")
            _ = try await visitor.get("/login")
            let unknown = try await visitor.postForm("/password/forgot", [("email", "khong-co@xa.test")])
            let known = try await visitor.postForm("/password/forgot", [("email", "Can-Bo@xa.test")])
            #expect(unknown.status == .ok && known.status == .ok)
            #expect(unknown.body.string.contains("Nếu địa chỉ này có tài khoản đang hoạt động"))
            #expect(Self.withoutCSRF(unknown.body.string) == Self.withoutCSRF(known.body.string), "no way to tell who has an account")

            let messages = try await sink.waitForMessages(1)
            #expect(messages.count == 1 && messages.first?.to.contains("can-bo@xa.test") == true)
            let body = try #require(messages.first?.body)
            let link = try #require(body.split(whereSeparator: \.isWhitespace).first { $0.hasPrefix("http://hoptac.test/password/reset?token=") })
            let path = String(link.dropFirst("http://hoptac.test".count))
            #expect(try await visitor.get(path).status == .ok)
            let mismatch = try await visitor.postForm("/password/reset", [("token", Self.token(path)), ("new_password", "mật-khẩu-mới-2026"), ("confirm_password", "khác")])
            #expect(mismatch.status == .unprocessableEntity && mismatch.body.string.contains("không khớp"))
            let reset = try await visitor.postForm("/password/reset", [("token", Self.token(path)), ("new_password", "mật-khẩu-mới-2026"), ("confirm_password", "mật-khẩu-mới-2026")])
            #expect(reset.status == .seeOther && reset.location == "/login?reset=1")
            // Used once; the owner's old sessions ended with the old password.
            #expect(try await visitor.get(path).status == .gone)
            #expect(try await owner.get("/account").status == .seeOther)
            let signIn = try await visitor.postForm("/login", [("email", "can-bo@xa.test"), ("password", "mật-khẩu-mới-2026")])
            #expect(signIn.status == .seeOther && signIn.location == "/")

            // An expired link is refused, and a bad token is just refused.
            _ = try await visitor.postForm("/logout", [])
            _ = try await visitor.get("/login")
            _ = try await visitor.postForm("/password/forgot", [("email", "can-bo@xa.test")])
            let second = try await sink.waitForMessages(2)
            let later = try #require(second.last?.body.split(whereSeparator: \.isWhitespace).first { $0.hasPrefix("http://hoptac.test/password/reset?token=") })
            try await app.db.sql().raw("UPDATE password_resets SET expires_at = '2026-01-01T00:00:00Z' WHERE used_at IS NULL").run()
            #expect(try await visitor.get(String(later.dropFirst("http://hoptac.test".count))).status == .gone)
            #expect(try await visitor.get("/password/reset?token=nonsense").status == .gone)
            let audit = try await app.db.sql().raw("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'user.reset-link'").first(decodingColumn: "n", as: Int.self)
            #expect(audit == 2)
        }
    }

    @Test("deadline reminders go once per window to whoever must act, and nothing is queued with mail off")
    func remindersOncePerWindow() async throws {
        let sink = try SMTPSink()
        let settings = try sink.settings()
        try await TestApp.run(mail: settings) { app, admin in
            let id = try await admin.createOrganization(name: "Hợp tác xã Đồng Tâm", code: "4201000001")
            let cooperative = TestClient(app: app, base: admin.base)
            try await cooperative.signIn(as: .cooperative, organization: "4201000001", email: "dongtam@htx.test")
            // Ten days before the 2026 deadline nothing is due; a week before, and the day before, one each; twice a day changes nothing.
            let deadline = try await ReportQueries.calendar(year: 2026, on: try app.db.sql()).deadline(for: .cooperative, year: 2026)
            for daysBefore in [10, 7, 6, 1, 1] {
                try await Notices.queueDeadlineReminders(on: deadline.adding(days: -daysBefore), mail: settings, on: app.db)
            }
            let messages = try await sink.waitForMessages(2)
            try await Task.sleep(for: .milliseconds(400))
            #expect(try sink.messages().count == 2)
            #expect(messages.allSatisfy { $0.to.contains("dongtam@htx.test") && $0.subject.hasPrefix("Nhắc hạn báo cáo năm 2026") }, "\(messages.map(\.subject))")
            #expect(messages.first?.body.contains("http://hoptac.test/organizations/\(id)/reports/2026") == true)
            try await Notices.queueDeadlineReminders(on: deadline.adding(days: -1), mail: nil, on: app.db)
            #expect(try await app.db.sql().raw("SELECT COUNT(*) AS n FROM mail_outbox").first(decodingColumn: "n", as: Int.self) == 2)
        }
    }

    @Test("a task past its deadline is mailed once to its lead agency; a request for time goes to the managers, the decision to whoever asked")
    func taskNotices() async throws {
        let sink = try SMTPSink()
        let settings = try sink.settings()
        try await TestApp.run(as: .provinceOfficer, mail: settings) { app, manager in
            let today = Day.today()
            let draft = ProgrammeDraft(symbol: "7/KH-UBND", title: "Kế hoạch thử", issuedOn: today.adding(days: -400), issuer: "UBND tỉnh", level: .province,
                                       unitCode: "42", periodFrom: 2025, periodTo: 2027, parentId: nil, sourceFile: nil, targets: [], tasks: [
                                           .init(number: "3", section: nil, text: "Rà soát hợp tác xã ngừng hoạt động", lead: "Sở Tài chính", coordinating: [],
                                                 deadline: TaskDeadline(day: today.adding(days: -3)), frequency: .once, line: nil),
                                           .init(number: "4", section: nil, text: "Tập huấn", lead: "Sở Tài chính", coordinating: [],
                                                 deadline: TaskDeadline(day: today.adding(days: 30)), frequency: .once, line: nil),
                                       ])
            let id = try await ProgrammeStore.create(draft, actor: .commandLine("test"), on: app.db)
            let taskId = try #require((try await manager.getJSON("/programmes/\(id).json")["tasks"] as? [[String: Any]])?.first?["id"] as? Int)
            let finance = TestClient(app: app, base: manager.base)
            try await finance.signIn(as: .sectorOfficer, email: "tai-chinh@so.test", department: "Sở Tài chính")
            // Another province's officer of the same department sees neither the programme nor the letter.
            let elsewhere = TestClient(app: app, base: manager.base)
            try await elsewhere.signIn(as: .sectorOfficer, unit: "01", email: "tai-chinh@hanoi.test", department: "Sở Tài chính")

            let sql = try app.db.sql()
            for _ in 0..<2 { try await Notices.queueOverdueTasks(on: today, mail: settings, on: sql) }
            let overdue = try await sink.waitForMessages(1)
            try await Task.sleep(for: .milliseconds(400))
            let received = try sink.messages()
            #expect(received.count == 1, "once, to the one agency: \(received.map(\.to))")
            #expect(overdue.first?.to.contains("tai-chinh@so.test") == true)
            #expect(overdue.first?.subject.hasPrefix("Quá hạn: nhiệm vụ 3 của 7/KH-UBND") == true, "\(overdue.map(\.subject))")
            #expect(overdue.first?.body.contains("http://hoptac.test/tasks/\(taskId)") == true)

            let asked = try await finance.postForm("/tasks/\(taskId)/extensions", [("new_deadline", "quý IV/\(today.year + 1)"), ("reason", "Chờ kinh phí")])
            #expect(asked.status == .seeOther)
            let request = try await sink.waitForMessages(2)
            #expect(request.last?.to.contains(manager.user?.email ?? "?") == true && request.last?.body.contains("Chờ kinh phí") == true,
                    "\(request.map(\.to))")
            let extensionId = try #require(((try await manager.getJSON("/tasks/\(taskId).json")["extensions"] as? [[String: Any]])?.first)?["id"] as? Int)
            #expect(try await manager.postForm("/tasks/\(taskId)/extensions/\(extensionId)/decision", [("decision", "approve")]).status == .seeOther)
            let decided = try await sink.waitForMessages(3)
            #expect(decided.last?.to.contains("tai-chinh@so.test") == true)
            #expect(decided.last?.subject == "Gia hạn nhiệm vụ 3 của 7/KH-UBND được chấp thuận", "\(decided.map(\.subject))")
            // The new deadline is not past: nothing more is due.
            try await Notices.queueOverdueTasks(on: today, mail: settings, on: sql)
            try await Task.sleep(for: .milliseconds(400))
            #expect(try sink.messages().count == 3)
        }
    }

    static func token(_ path: String) -> String { String(path.split(separator: "=").last ?? "") }

    static func withoutCSRF(_ html: String) -> String {
        html.replacingOccurrences(of: #"name="csrf_token" value="[^"]*""#, with: "", options: .regularExpression)
    }
}

@Suite("Mail settings")
struct MailSettingsTests {
    @Test("HOPTAC_SMTP_URL turns mail on; a bad URL, sender or public address stops start-up with a Vietnamese message")
    func environment() throws {
        #expect(try AppConfig.fromEnvironment([:]).mail == nil)
        let on = try #require(try AppConfig.fromEnvironment(["HOPTAC_SMTP_URL": "smtp://127.0.0.1:2525", "HOPTAC_PORT": "9000"]).mail)
        #expect(on.smtp == SMTPSettings(host: "127.0.0.1", port: 2525, tls: false) && on.from.address == "no-reply@hoptac.local")
        #expect(on.link("/login") == "http://127.0.0.1:9000/login")
        let secure = try #require(try AppConfig.fromEnvironment(["HOPTAC_SMTP_URL": "smtps://thu%40so:m%E1%BA%ADt@mail.hatinh.gov.vn",
                                                                 "HOPTAC_MAIL_FROM": "hoptac@hatinh.gov.vn", "HOPTAC_PUBLIC_URL": "https://hoptac.hatinh.gov.vn/"]).mail)
        #expect(secure.smtp == SMTPSettings(host: "mail.hatinh.gov.vn", port: 465, tls: true, username: "thu@so", password: "mật"))
        #expect(secure.smtp.description == "smtps://thu@so@mail.hatinh.gov.vn:465", "never the password")
        #expect(secure.link("/password/reset?token=x") == "https://hoptac.hatinh.gov.vn/password/reset?token=x")
        for bad in [["HOPTAC_SMTP_URL": "mail.example.vn"], ["HOPTAC_SMTP_URL": "http://mail.example.vn"],
                    ["HOPTAC_SMTP_URL": "smtp://m.vn", "HOPTAC_MAIL_FROM": "không phải địa chỉ"],
                    ["HOPTAC_SMTP_URL": "smtp://m.vn", "HOPTAC_PUBLIC_URL": "hoptac.vn"]] {
            #expect(throws: ConfigError.self, "\(bad)") { try AppConfig.fromEnvironment(bad) }
        }
    }
}
