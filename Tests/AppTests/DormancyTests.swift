import Foundation
import HopTacCore
import SQLKit
import Testing
import Vapor
@testable import App

@Suite("Dormant organisations and the dissolution workflow over HTTP")
struct DormancyTests {
    @Test("an HTX without reports is flagged, noticed, moved to awaiting dissolution and dissolved; only officers of its area act")
    func workflow() async throws {
        try await TestApp.run(as: .communeOfficer) { app, officer in
            let admin = TestClient(app: app, base: officer.base)
            try await admin.signIn(as: .admin)
            let silent = try await admin.createOrganization(name: "Hợp tác xã Im Lặng", code: "4201000010", extra: #", "registration_date": "2015-03-02""#)
            try await admin.createOrganization(name: "Tổ hợp tác Rau Sạch", type: "tht", code: nil, extra: #", "registration_date": "2015-03-02""#)

            var list = try await officer.getJSON("/dormant.json")
            var items = try #require(list["items"] as? [[String: Any]])
            #expect(items.count == 1, "a THT files no annual report, so it cannot miss one: \(items)")
            let years = Dormancy.yearsChecked(asOf: Day.today()).map(String.init).joined(separator: ", ")
            let flags = try #require(items.first?["flags"] as? [[String: String]])
            #expect(flags.map { $0["kind"] } == ["no_reports"])
            #expect(flags.first?["message"] == "Không nộp báo cáo hằng năm 2 năm liên tiếp (\(years)).")
            #expect(items.first?["stage"] as? String == "flagged")

            // Another commune's officer may read nothing of it and act on nothing.
            let stranger = TestClient(app: app, base: officer.base)
            try await stranger.signIn(as: .communeOfficer, unit: Place.ngocHa)
            #expect((try await stranger.getJSON("/dormant.json")["items"] as? [[String: Any]])?.isEmpty == true)
            #expect(try await stranger.postForm("/organizations/\(silent)/dormancy-notice", [("text", "x"), ("reply_by", "01/01/2099")]).status == .forbidden)

            let bad = try await officer.postForm("/organizations/\(silent)/dormancy-notice", [("text", ""), ("reply_by", "31/02/2026")])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("Cần ghi nội dung thông báo") && bad.body.string.contains("không phải ngày dd/mm/yyyy"))
            let replyBy = Day.today().adding(days: 30)
            let sent = try await officer.postForm("/organizations/\(silent)/dormancy-notice", [("text", "Công văn 12/UBND yêu cầu nộp báo cáo"), ("reply_by", replyBy.vietnamese)])
            #expect(sent.status == .seeOther)
            list = try await officer.getJSON("/dormant.json?stage=notified")
            items = try #require(list["items"] as? [[String: Any]])
            #expect(items.count == 1 && items.first?["reply_by"] as? String == replyBy.iso)
            let page = try await officer.get("/dormant")
            #expect(page.body.string.contains("Chuyển sang chờ giải thể"))
            let sql = try app.db.sql()
            #expect(try await sql.raw("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'organization.dormancy_notice'").first(decodingColumn: "n", as: Int.self) == 1)

            // The next steps are the lifecycle's own status changes; the status form arrives filled in.
            let form = try await officer.get("/organizations/\(silent)/status?status=awaiting-dissolution&reason=Kh%C3%B4ng%20n%E1%BB%99p")
            #expect(form.body.string.contains("Không nộp"))
            let awaiting = try await officer.postForm("/organizations/\(silent)/status", [
                ("version", "1"), ("status", "awaiting-dissolution"), ("effective_from", Day.today().vietnamese), ("reason", "Không phản hồi thông báo"),
            ])
            #expect(awaiting.status == .seeOther, "\(awaiting.body.string)")
            items = try #require(try await officer.getJSON("/dormant.json")["items"] as? [[String: Any]])
            #expect(items.first?["stage"] as? String == "awaiting_dissolution")
            let dissolved = try await officer.postForm("/organizations/\(silent)/status", [
                ("version", "2"), ("status", "dissolved"), ("effective_from", Day.today().vietnamese), ("reason", "Quyết định 34/QĐ-UBND"),
            ])
            #expect(dissolved.status == .seeOther, "\(dissolved.body.string)")
            #expect((try await officer.getJSON("/dormant.json")["items"] as? [[String: Any]])?.isEmpty == true, "a dissolved organisation leaves the list")
            let csv = try await officer.get("/dormant.csv")
            #expect(csv.status == .ok && csv.body.string.contains("Bước xử lý"))
        }
    }
}
