import Foundation
import HopTacCore
import SQLKit
import Testing
import Vapor
@testable import App

@Suite("Reminders of the reporting round")
struct RemindersTests {
    @Test("a cooperative hears about its own report, the commune about each waiting step, with the round's deadlines")
    func reminders() async throws {
        try await TestApp.run { app, admin in
            let today = Day.today()
            let year = today.year
            // This year's deadlines put today five days before the cooperative's, so the round is open and pressing.
            let due = today.adding(days: 5)
            let moved = try await admin.postForm("/reports/deadlines", [("year", String(year)), ("cooperative", due.vietnamese),
                                                                       ("commune", today.adding(days: 8).vietnamese), ("province", today.adding(days: 10).vietnamese)])
            #expect(moved.status == .seeOther, "\(moved.body.string)")
            let missing = try await admin.createOrganization(name: "Hợp tác xã Chưa Lập", code: "4201000011", extra: #", "email": "chualap@example.vn""#)
            let drafting = try await admin.createOrganization(name: "Hợp tác xã Đang Soạn", code: "4201000012", extra: #", "email": "dangsoan@example.vn""#)
            let sent = try await admin.createOrganization(name: "Hợp tác xã Đã Gửi", code: "4201000013")
            try await admin.createOrganization(name: "Tổ hợp tác Không Phải Nộp", type: "tht", code: nil)
            for id in [drafting, sent] {
                let saved = try await admin.postForm("/organizations/\(id)/reports/\(year)", ReportingTests.figures + [("version", "")])
                #expect(saved.status == .seeOther, "\(saved.body.string)")
            }
            let version = try await admin.getJSON("/organizations/\(sent)/reports/\(year).json")["version"] as? Int ?? 0
            let submitted = try await admin.postForm("/organizations/\(sent)/reports/\(year)/actions", [("action", "submit"), ("text", "Số liệu đã đối chiếu."), ("version", String(version))])
            #expect(submitted.status == .seeOther, "\(submitted.body.string)")

            // The cooperative with no report: one reminder, on its home page, its report page and at /reminders.
            let cooperative = TestClient(app: app, base: admin.base)
            try await cooperative.signIn(as: .cooperative, organization: "4201000011")
            let own = try await cooperative.getJSON("/reminders.json")
            #expect(own["year"] as? Int == year)
            let ownItems = own["reminders"] as? [[String: Any]] ?? []
            #expect(ownItems.count == 1)
            #expect(ownItems.first?["step"] as? String == "submit")
            #expect(ownItems.first?["days_left"] as? Int == 5)
            #expect(ownItems.first?["urgency"] as? String == "soon")
            #expect(ownItems.first?["url"] as? String == "/organizations/\(missing)/reports/\(year)")
            let message = "Hợp tác xã Chưa Lập chưa lập báo cáo năm \(year) — hạn \(due.vietnamese), còn 5 ngày."
            #expect(ownItems.first?["message"] as? String == message)
            #expect(try await cooperative.get("/").body.string.contains(message))
            #expect(try await cooperative.get("/organizations/\(missing)/reports/\(year)").body.string.contains(message))

            // Once sent, nothing is left to remind.
            let done = TestClient(app: app, base: admin.base)
            try await done.signIn(as: .cooperative, organization: "4201000013")
            #expect((try await done.getJSON("/reminders.json")["reminders"] as? [[String: Any]])?.isEmpty == true)

            // The commune officer: two organisations have not sent (none, draft), one report waits to be accepted.
            let commune = TestClient(app: app, base: admin.base)
            try await commune.signIn(as: .communeOfficer)
            let area = try await commune.getJSON("/reminders.json")["reminders"] as? [[String: Any]] ?? []
            #expect(area.compactMap { $0["step"] as? String } == ["submit", "accept"])
            #expect(area.compactMap { $0["waiting"] as? Int } == [2, 1])
            #expect(area.first?["url"] as? String == "/reports?year=\(year)&state=missing")
            // Looking ahead past the deadline: the same work, now overdue.
            let later = try await commune.getJSON("/reminders.json?on=\(due.adding(days: 2).vietnamese)")["reminders"] as? [[String: Any]] ?? []
            #expect(later.first?["urgency"] as? String == "overdue")
            #expect(later.first?["message"] as? String == "2 tổ chức chưa nộp báo cáo năm \(year) — quá hạn 2 ngày (hạn \(due.vietnamese)).")
            let bad = try await commune.get("/reminders?on=31/02/\(year)")
            #expect(bad.status == .badRequest)
            #expect(bad.body.string.contains("“31/02/\(year)” không phải ngày"))
            let csv = try await commune.get("/reminders.csv")
            #expect(csv.body.string.contains("Nộp báo cáo") && csv.body.string.contains("Tiếp nhận báo cáo"))

            // The round's list of whom to chase carries the contacts, a mail link with the addresses, and working downloads.
            let round = try await commune.get("/reports?year=\(year)&state=missing")
            #expect(round.body.string.contains("2 tổ chức chưa nộp báo cáo năm \(year)"))
            #expect(round.body.string.contains("mailto:?bcc=chualap%40example%2Evn,dangsoan%40example%2Evn"))
            #expect(round.body.string.contains("href=\"/reports.xlsx?year=\(year)&amp;state=missing\""))
            let list = try await commune.get("/reports.csv?year=\(year)&state=missing")
            #expect(list.body.string.contains("Thư điện tử") && list.body.string.contains("chualap@example.vn"))
            #expect(!list.body.string.contains("Hợp tác xã Đã Gửi"))

            // Another commune has nothing waiting; nobody signed in gets no reminders page.
            let elsewhere = TestClient(app: app, base: admin.base)
            try await elsewhere.signIn(as: .communeOfficer, unit: Place.ngocHa)
            #expect((try await elsewhere.getJSON("/reminders.json")["reminders"] as? [[String: Any]])?.isEmpty == true)
            let anonymous = TestClient(app: app, base: admin.base)
            #expect(try await anonymous.get("/reminders.json").status == .unauthorized)
        }
    }
}
