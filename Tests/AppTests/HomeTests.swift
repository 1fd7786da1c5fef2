import Foundation
import HopTacCore
import SQLKit
import Testing
import Vapor
@testable import App

@Suite("Each role's home page")
struct HomeTests {
    /// The links of the waiting-work list of a page.
    static func waitingLinks(_ html: String) -> [String] {
        let pattern = try? NSRegularExpression(pattern: #"<li class="reminder [a-z_]+">[^<]*<a href="([^"]+)""#)
        return (pattern?.matches(in: html, range: NSRange(html.startIndex..., in: html)) ?? []).compactMap { match in
            Range(match.range(at: 1), in: html).map { String(html[$0]).replacingOccurrences(of: "&amp;", with: "&") }
        }
    }

    @Test("each role's home page links every page of its menu, lists what waits with links that open, and shows its own area")
    func homePerRole() async throws {
        try await TestApp.run { app, admin in
            try await RollUpTests.loadDemo(app)
            let sql = try app.db.sql()
            // The commune with the most reports waiting for it, and one of its cooperatives.
            struct Busy: Decodable { let communeCode: String; let n: Int }
            let busy = try #require(try await sql.raw("""
                SELECT o.commune_code, COUNT(*) AS n FROM annual_reports r JOIN organizations o ON o.id = r.organization_id
                WHERE r.state = 'submitted' GROUP BY o.commune_code ORDER BY n DESC, o.commune_code LIMIT 1
                """).first(decoding: Busy.self, keyDecodingStrategy: .snakeCaseColumns))
            let code = try #require(try await sql.raw("SELECT registration_code FROM organizations WHERE registration_code IS NOT NULL AND type = 'htx' ORDER BY registration_code LIMIT 1")
                .first(decodingColumn: "registration_code", as: String.self))
            let tasks = try await admin.getJSON("/tasks.json?status=overdue")["items"] as? [[String: Any]] ?? []
            let lead = try #require(tasks.first?["lead"] as? String, "the demo has overdue tasks")

            for role in Role.allCases {
                let user = role == .admin ? admin : TestClient(app: app, base: admin.base)
                if role != .admin {
                    try await user.signIn(as: role, unit: role == .communeOfficer ? busy.communeCode : nil, organization: role == .cooperative ? code : nil,
                                          department: role == .sectorOfficer ? lead : nil)
                }
                let home = try await user.get("/")
                #expect(home.status == .ok, "\(role)")
                let html = home.body.string
                for entry in Menu.entries(for: user.user?.principal) {
                    #expect(html.contains("href=\"\(entry.href.replacingOccurrences(of: "&", with: "&amp;"))\""), "\(role): no link to \(entry.href)")
                }
                for link in Self.waitingLinks(html) {
                    #expect(try await user.get(link).status == .ok, "\(role): \(link)")
                }
                switch role {
                case .provinceOfficer, .sectorOfficer, .allianceOfficer:
                    for path in ["/dashboard", "/programmes", "/tasks", "/map", "/reports"] { #expect(html.contains("href=\"\(path)\""), "\(role) \(path)") }
                    #expect(html.contains("Số liệu Tỉnh Hà Tĩnh") && !html.contains("Theo tỉnh, thành phố"), "\(role)")
                    #expect(html.contains("Xin gia hạn") == (role == .provinceOfficer), "\(role): extension requests wait for the issuing body")
                case .communeOfficer:
                    #expect(html.contains("chờ xã tiếp nhận") && Self.waitingLinks(html).contains("/reports?year=2026&state=submitted"), "\(Self.waitingLinks(html))")
                    #expect(!html.contains("Xin gia hạn"), "the province decides on its own programme's extensions, not the commune")
                case .cooperative:
                    let id = try #require(user.user?.organizationId)
                    #expect(html.contains("href=\"/organizations/\(id)/reports/2026\"") && html.contains("href=\"/organizations/\(id)\""))
                    #expect(!html.contains("Số liệu "), "a cooperative's home is about itself, not the province")
                case .admin, .nationalViewer:
                    #expect(html.contains("Số liệu toàn quốc"))
                }
                if role == .sectorOfficer {
                    #expect(Self.waitingLinks(html).contains("/tasks?agency=mine&status=overdue"), "\(Self.waitingLinks(html))")
                    #expect(try await user.get("/tasks?agency=mine&status=overdue").body.string.contains(lead))
                }
            }
            // The dormancy count on a province officer's home follows a notice sent (it is cached against the notices too).
            let officer = TestClient(app: app, base: admin.base)
            try await officer.signIn(as: .provinceOfficer)
            func flaggedCount() async throws -> Int? {
                let html = try await officer.get("/").body.string
                guard let end = html.range(of: " tổ chức có dấu hiệu ngừng hoạt động, chưa được gửi thông báo.") else { return nil }
                let digits = html[..<end.lowerBound].reversed().prefix { $0.isNumber || $0 == "." }.filter(\.isNumber)
                return Int(String(digits.reversed()))
            }
            // A cooperative registered in 2015 that has never reported shows the signs.
            let first = try await admin.createOrganization(name: "Hợp tác xã Im Lặng", code: "4201999990", extra: #", "registration_date": "2015-03-02""#)
            let flagged = try await officer.getJSON("/dormant.json?stage=flagged")["items"] as? [[String: Any]] ?? []
            let before = try #require(try await flaggedCount(), "\(flagged.count) organisations to notify")
            #expect(before == flagged.count && flagged.contains { $0["organization_id"] as? Int == first })
            let sent = try await officer.postForm("/organizations/\(first)/dormancy-notice", [("text", "Công văn yêu cầu báo cáo"), ("reply_by", Day.today().adding(days: 30).vietnamese)])
            #expect(sent.status == .seeOther)
            #expect(try await flaggedCount() == (before > 1 ? before - 1 : nil))
            #expect(!(try await admin.get("/").body.string.contains("dấu hiệu ngừng hoạt động")), "a national view has no notices to send")

            let visitor = try await TestClient(app: app, base: admin.base).get("/")
            #expect(visitor.body.string.contains("Theo tỉnh, thành phố") && !visitor.body.string.contains("Việc đang chờ"))
        }
    }
}
