import Foundation
import HopTacCore
import SQLKit
import Testing
import Vapor
@testable import App

@Suite("The round's list: sorted, paged, and steps on many reports at once")
struct BulkReportTests {
    struct Waiting: Decodable { let organizationId: Int; let version: Int; let communeCode: String }

    /// Submitted reports of 2026 in the commune with the most of them.
    static func submitted(_ app: Application) async throws -> [Waiting] {
        try await app.db.sql().raw("""
            SELECT r.organization_id, r.version, o.commune_code FROM annual_reports r JOIN organizations o ON o.id = r.organization_id
            WHERE r.year = 2026 AND r.state = 'submitted' AND o.commune_code = (
              SELECT o2.commune_code FROM annual_reports r2 JOIN organizations o2 ON o2.id = r2.organization_id
              WHERE r2.year = 2026 AND r2.state = 'submitted' GROUP BY o2.commune_code ORDER BY COUNT(*) DESC, o2.commune_code LIMIT 1)
            ORDER BY r.organization_id
            """).all(decoding: Waiting.self, keyDecodingStrategy: .snakeCaseColumns)
    }

    static func states(_ ids: [Int], on app: Application) async throws -> [String] {
        try await app.db.sql().raw("SELECT state FROM annual_reports WHERE year = 2026 AND organization_id IN (\(binds: ids)) ORDER BY organization_id")
            .all(decoding: [String: String].self).compactMap { $0["state"] }
    }

    @Test("a commune accepts several reports after a confirmation; a missing reason, a wrong state, a stale version or another area changes nothing")
    func bulkAccept() async throws {
        try await TestApp.run { app, admin in
            try await RollUpTests.loadDemo(app)
            let waiting = try await Self.submitted(app)
            #expect(waiting.count >= 4, "\(waiting.count)")
            let commune = try #require(waiting.first?.communeCode)
            let officer = TestClient(app: app, base: admin.base)
            try await officer.signIn(as: .communeOfficer, unit: commune)
            let page = try await officer.get("/reports?year=2026&state=submitted")
            #expect(page.body.string.contains("action=\"/reports/bulk\"") && page.body.string.contains("name=\"r\(waiting[0].organizationId)\""))
            let chosen = Array(waiting.prefix(3))
            let ids = chosen.map(\.organizationId)
            let fields = chosen.map { ("r\($0.organizationId)", String($0.version)) }

            let preview = try await officer.postForm("/reports/bulk", [("year", "2026"), ("action", "accept")] + fields)
            #expect(preview.status == .ok && preview.body.string.contains("Xác nhận tiếp nhận báo cáo (3 báo cáo năm 2026)"))
            #expect(try await Self.states(ids, on: app) == ["submitted", "submitted", "submitted"], "a preview changes nothing")

            let noReason = try await officer.postForm("/reports/bulk", [("year", "2026"), ("action", "return"), ("confirm", "yes")] + fields)
            #expect(noReason.status == .unprocessableEntity && noReason.body.string.contains("Cần ghi lý do"))
            let stale = try await officer.postForm("/reports/bulk", [("year", "2026"), ("action", "accept"), ("confirm", "yes")] + fields.dropLast()
                                                   + [("r\(chosen[2].organizationId)", String(chosen[2].version - 1))])
            #expect(stale.status == .conflict)
            let elsewhere = try #require(try await app.db.sql().raw("SELECT id FROM organizations WHERE commune_code <> \(bind: commune) ORDER BY id LIMIT 1")
                .first(decodingColumn: "id", as: Int.self))
            #expect(try await officer.postForm("/reports/bulk", [("year", "2026"), ("action", "accept"), ("confirm", "yes"), ("r\(elsewhere)", "1")] + fields).status == .forbidden)
            #expect(try await Self.states(ids, on: app) == ["submitted", "submitted", "submitted"], "refused batches change nothing")

            let done = try await officer.postForm("/reports/bulk", [("year", "2026"), ("action", "accept"), ("confirm", "yes")] + fields)
            #expect(done.status == .ok && done.body.string.contains("Đã tiếp nhận báo cáo: 3 báo cáo năm 2026"), "\(done.body.string.prefix(300))")
            #expect(try await Self.states(ids, on: app) == ["accepted", "accepted", "accepted"])
            let events = try await app.db.sql().raw("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'report.accept'").first(decodingColumn: "n", as: Int.self)
            #expect(events == 3, "each step is audited")
            // Already accepted: a second accept names the organisations and changes nothing.
            let again = try await officer.postForm("/reports/bulk", [("year", "2026"), ("action", "accept"), ("confirm", "yes")]
                                                   + chosen.map { ("r\($0.organizationId)", String($0.version + 1)) })
            #expect(again.status == .unprocessableEntity && again.body.string.contains("Không thể tiếp nhận báo cáo"))
            // A province officer may not accept for the commune.
            let province = TestClient(app: app, base: admin.base)
            try await province.signIn(as: .provinceOfficer)
            let fourth = try #require(waiting.dropFirst(3).first)
            let refused = try await province.postForm("/reports/bulk", [("year", "2026"), ("action", "accept"), ("confirm", "yes"), ("r\(fourth.organizationId)", String(fourth.version))])
            #expect(refused.status == .unprocessableEntity)
        }
    }

    @Test("the round's list sorts by any column, pages by 50, keeps its order in downloads, and refuses bad parameters")
    func sortedAndPaged() async throws {
        try await TestApp.run(as: .provinceOfficer) { app, officer in
            try await RollUpTests.loadDemo(app)
            let json = try await officer.getJSON("/reports.json?year=2025&sort=-submitted")
            let items = try #require(json["items"] as? [[String: Any]])
            let times = items.compactMap { $0["submitted_at"] as? String }
            #expect(times.count > 100 && times == times.sorted(by: >), "latest first")
            let page = try await officer.get("/reports?year=2025&sort=-submitted")
            let html = page.body.string
            #expect(html.contains("aria-sort=\"descending\"") && html.contains("href=\"/reports?year=2025&amp;sort=submitted\""))
            #expect(html.components(separatedBy: "/reports/2025\"").count - 1 == ReportRoundPage.perPage, "one page of 50")
            let second = try await officer.get("/reports?year=2025&sort=-submitted&page=2")
            let firstOfSecond = try #require(items.dropFirst(50).first?["name"] as? String)
            #expect(second.body.string.contains(escapeMarkup(firstOfSecond)))
            #expect(html.contains("href=\"/reports.csv?year=2025&amp;sort=-submitted\""), "downloads keep the filter and the order, not the page")
            let csv = try await officer.get("/reports.csv?year=2025&sort=-submitted")
            #expect(csv.body.string.split(whereSeparator: \.isNewline).dropFirst().first?.contains(items.first?["name"] as? String ?? "?") == true)
            for bad in ["/reports?year=2025&sort=xyz", "/reports?year=2025&page=abc", "/reports?year=2025&page=0", "/reports?year=2025&commune=99999"] {
                #expect(try await officer.get(bad).status == .badRequest, "\(bad)")
            }
            #expect(try await officer.get("/reports?commune=99999").body.string.contains("không có xã, phường, đặc khu mã “99999”"))

            // One commune of the province: its rows only, chosen from the province's communes, the summary's rows linking to each.
            let commune = try #require(items.first?["commune_code"] as? String)
            let own = try #require(try await officer.getJSON("/reports.json?year=2025&commune=\(commune)")["items"] as? [[String: Any]])
            #expect(own.count == items.filter { $0["commune_code"] as? String == commune }.count && !own.isEmpty)
            #expect(html.contains("<select id=\"commune\" name=\"commune\">") && html.contains("href=\"/reports?year=2025&amp;commune=\(commune)&amp;sort=-submitted\""))
            let narrowed = try await officer.get("/reports?year=2025&commune=\(commune)").body.string
            #expect(narrowed.contains("<option value=\"\(commune)\" selected>"))
            #expect(try await officer.get("/reports.csv?year=2025&commune=\(commune)").body.string.split(whereSeparator: \.isNewline).count == own.count + 1)
        }
    }
}
