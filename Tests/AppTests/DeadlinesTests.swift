import Foundation
import HopTacCore
import SQLKit
import Testing
import Vapor
@testable import App

@Suite("The reporting calendar")
struct DeadlinesTests {
    @Test("an administrator moves a year's deadlines; bad or out-of-order dates are refused; the round uses the new date")
    func moveDeadlines() async throws {
        try await TestApp.run { app, admin in
            let year = Day.today().year
            let page = try await admin.get("/reports/deadlines?year=\(year)")
            #expect(page.body.string.contains("15/12/\(year)") && page.body.string.contains("21/12/\(year)"))
            let bad = try await admin.postForm("/reports/deadlines", [("year", String(year)), ("cooperative", "20/12/\(year)"), ("commune", "18/12/\(year)"), ("province", "31/02/\(year)")])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("Hạn cấp xã không thể trước hạn của tổ chức") && bad.body.string.contains("không phải ngày dd/mm/yyyy"))
            let saved = try await admin.postForm("/reports/deadlines", [("year", String(year)), ("cooperative", "10/12/\(year)"), ("commune", "14/12/\(year)"), ("province", "20/12/\(year)")])
            #expect(saved.status == .seeOther)
            let round = try await admin.getJSON("/reports.json?year=\(year)")
            #expect(round["deadline"] as? String == "\(year)-12-10")
            let audited = try await app.db.sql().raw("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'reporting.deadlines'").first(decodingColumn: "n", as: Int.self)
            #expect(audited == 1)
        }
    }
}
