import Foundation
import HopTacCore
import SQLKit
import Testing
import Vapor
@testable import App

@Suite("Long lists: sorted by their columns, paged, the same order in downloads, bad parameters refused")
struct SortedListsTests {
    static func rows(_ json: [String: Any]) -> [[String: Any]] { json["items"] as? [[String: Any]] ?? [] }

    /// The number of body rows of the page's list (the one with sortable headings).
    static func shownRows(_ html: String) -> Int {
        guard let body = html.range(of: "aria-sort").flatMap({ html[$0.upperBound...].range(of: "<tbody>") }),
              let end = html[body.upperBound...].range(of: "</tbody>") else { return -1 }
        return html[body.upperBound..<end.lowerBound].components(separatedBy: "<tr>").count - 1
    }

    @Test("dormancy, tasks, the audit log and the outbox sort by any column and page by 50")
    func sortedAndPaged() async throws {
        try await TestApp.run { app, admin in
            try await RollUpTests.loadDemo(app)

            let dormant = Self.rows(try await admin.getJSON("/dormant.json?sort=-last_report"))
            let years = dormant.map { $0["last_report_year"] as? Int ?? Int.min }
            #expect(dormant.count > 50 && years == years.sorted(by: >), "latest report first, none last")
            let dormantPage = try await admin.get("/dormant?sort=-last_report").body.string
            #expect(Self.shownRows(dormantPage) == DormantPage.perPage)
            #expect(dormantPage.contains("href=\"/dormant?sort=last_report\"") && dormantPage.contains("href=\"/dormant?sort=-last_report&amp;page=2\""))
            #expect(dormantPage.contains("href=\"/dormant.csv?sort=-last_report\""))
            let csvNames = try await admin.get("/dormant.csv?sort=-last_report").body.string.split(whereSeparator: \.isNewline).dropFirst().prefix(3)
            #expect(zip(csvNames, dormant.prefix(3)).allSatisfy { $0.contains($1["name"] as? String ?? "?") }, "the download in the page's order")

            let tasks = Self.rows(try await admin.getJSON("/tasks.json?sort=-progress"))
            let percents = tasks.map { $0["percent"] as? Double ?? -1 }
            #expect(!tasks.isEmpty && percents == percents.sorted(by: >))
            let leads = Self.rows(try await admin.getJSON("/tasks.json?sort=lead")).map { foldForSearch($0["lead"] as? String ?? "") }
            #expect(leads == leads.sorted())
            let taskPage = try await admin.get("/tasks?sort=-progress").body.string
            #expect(Self.shownRows(taskPage) == min(tasks.count, TaskListPage.perPage) && taskPage.contains("aria-sort=\"descending\""))

            let audit = Self.rows(try await admin.getJSON("/audit.json?sort=action"))
            let actions = audit.map { $0["action"] as? String ?? "" }
            #expect(audit.count > 1 && actions == actions.sorted())
            let newest = Self.rows(try await admin.getJSON("/audit.json")).map { $0["id"] as? Int ?? 0 }
            #expect(newest == newest.sorted(by: >), "the log is newest first by default")
            let oldest = Self.rows(try await admin.getJSON("/audit.json?sort=time")).map { $0["id"] as? Int ?? 0 }
            #expect(oldest == oldest.sorted() && oldest.first != newest.first)

            let sql = try app.db.sql()
            for (index, recipient) in ["c@x.vn", "a@x.vn", "b@x.vn"].enumerated() {
                try await sql.insert(into: "mail_outbox").columns("kind", "recipient", "subject", "body", "created_at", "next_attempt_at", "attempts", "sent_at")
                    .values("test", recipient, "Thư \(index)", "Nội dung riêng \(index)", Timestamp.now(), Timestamp.now(), index == 2 ? 2 : 0, index == 0 ? Timestamp.now() : nil).run()
            }
            let letters = try await admin.getJSON("/admin/mail.json?sort=recipient")
            #expect(Self.rows(letters).map { $0["recipient"] as? String } == ["a@x.vn", "b@x.vn", "c@x.vn"] && letters["total"] as? Int == 3)
            #expect(Self.rows(letters).allSatisfy { $0["body"] == nil }, "a letter's body is not written out")
            #expect(Self.rows(try await admin.getJSON("/admin/mail.json?sort=state")).map { $0["state"] as? String } == ["waiting", "retrying", "sent"])
            #expect(Self.rows(try await admin.getJSON("/admin/mail.json?page=2")).isEmpty)

            for bad in ["/dormant?sort=xyz", "/dormant?page=0", "/tasks?sort=when", "/tasks?page=abc", "/tasks?programme=abc", "/audit?sort=ip",
                        "/audit?page=-1", "/audit?user=abc", "/admin/mail?sort=body", "/admin/mail?page=x"] {
                let response = try await admin.get(bad)
                #expect(response.status == .badRequest && response.body.string.contains("Tham số"), "\(bad)")
            }
        }
    }
}
