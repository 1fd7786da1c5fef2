import Foundation
import HopTacCore
import SQLKit
import Testing
import Vapor
@testable import App

@Suite("Annual reports and classification over HTTP")
struct ReportingTests {
    /// A full year's figures as a cooperative types them.
    static let figures: [(String, String)] = [
        ("official_members", "45"), ("associate_members", "10"), ("workers", "12"), ("average_income", "62,5"),
        ("charter_capital", "1.500"), ("total_capital", "4.200"), ("total_assets", "4.800"), ("indivisible_assets", "900"),
        ("development_fund", "120"), ("reserve_fund", "60"), ("other_funds", "0"),
        ("revenue", "6.500"), ("pretax_profit", "420"), ("services_to_members", "3"), ("member_needs_met_percent", "70"),
        ("debt_state", "0"), ("debt_banks", "300"), ("debt_members", "0"), ("debt_other", "0"),
        ("managers", "5"), ("managers_university", "2"), ("managers_vocational", "2"), ("managers_under_35", "1"),
        ("high_tech", "có"), ("digital_transformation", "không"), ("value_chain", "có"), ("value_chain_partner", "Công ty CP Thực phẩm Xanh"),
        ("ocop_products", "1"), ("ocop_best_stars", "3"), ("legal_violations", "0"), ("disputes", "0"), ("awards", ""),
        ("months_operated", "12"), ("months_suspended", "0"),
        ("self.TC8", "5"), ("self.TC10", "7"), ("self.TC11", "7"), ("self.TC12", "6,5"), ("self.TC13", "5"), ("self.TC14", "4"), ("self.TC15", "3"),
    ]

    func report(_ client: TestClient, _ id: Int, _ year: Int = 2025) async throws -> [String: Any] {
        try await client.getJSON("/organizations/\(id)/reports/\(year).json")
    }

    func act(_ client: TestClient, _ id: Int, _ action: String, text: String = "", year: Int = 2025) async throws -> HTTPResult {
        let version = try await report(client, id, year)["version"] as? Int ?? 0
        return try await client.postForm("/organizations/\(id)/reports/\(year)/actions", [("action", action), ("text", text), ("version", String(version))])
    }

    @Test("a cooperative reports, the commune accepts and consolidates, the province approves, locks and reopens")
    func workflow() async throws {
        try await TestApp.run { app, admin in
            let id = try await admin.createOrganization(name: "Hợp tác xã Thành Sen", code: "4201000001")
            let cooperative = TestClient(app: app, base: admin.base)
            try await cooperative.signIn(as: .cooperative, organization: "4201000001")

            // A value that is not a number is named with its field; nothing is written.
            let bad = try await cooperative.postForm("/organizations/\(id)/reports/2025", [("official_members", "bốn mươi"), ("version", "")])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("Số thành viên chính thức: “bốn mươi” không phải là số nguyên."))
            let nothing = try await report(cooperative, id)
            #expect(nothing["state"] == nil && nothing["version"] == nil, "no report was created: \(nothing)")

            // A hard error (more university-trained managers than managers) blocks submission.
            var wrong = Self.figures
            wrong.removeAll { $0.0 == "managers_university" }
            wrong.append(("managers_university", "9"))
            let saved = try await cooperative.postForm("/organizations/\(id)/reports/2025", wrong + [("version", "")])
            #expect(saved.status == .seeOther, "\(saved.body.string)")
            var json = try await report(cooperative, id)
            #expect(json["state"] as? String == "draft")
            #expect(((json["figures"] as? [String: Any])?["revenue"] as? NSNumber)?.doubleValue == 6500)
            #expect((json["findings"] as? [[String: Any]])?.contains { $0["severity"] as? String == "error" && $0["field"] as? String == "managers_university" } == true)
            let refused = try await act(cooperative, id, "submit")
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("Chưa gửi được báo cáo"))

            // Corrected; profit above revenue is only a warning, which needs an explanation.
            var warned = Self.figures
            warned.removeAll { $0.0 == "pretax_profit" }
            warned.append(("pretax_profit", "7.000"))
            let version = try await report(cooperative, id)["version"] as? Int ?? 0
            #expect(try await cooperative.postForm("/organizations/\(id)/reports/2025", warned + [("version", String(version))]).status == .seeOther)
            #expect(try await act(cooperative, id, "submit").status == .unprocessableEntity)
            #expect(try await act(cooperative, id, "submit", text: "Năm 2025 bán tài sản cố định, có khoản thu nhập khác lớn.").status == .seeOther)
            json = try await report(cooperative, id)
            #expect(json["state"] as? String == "submitted")

            // Each level does its own step only.
            let early = try await act(cooperative, id, "accept")
            #expect(early.status == .unprocessableEntity)
            #expect(early.body.string.contains("không được tiếp nhận báo cáo"))
            let commune = TestClient(app: app, base: admin.base)
            try await commune.signIn(as: .communeOfficer)
            #expect(try await act(commune, id, "accept").status == .seeOther)
            #expect(try await act(commune, id, "consolidate").status == .seeOther)
            let province = TestClient(app: app, base: admin.base)
            try await province.signIn(as: .provinceOfficer)
            #expect(try await act(province, id, "approve").status == .seeOther)
            #expect(try await report(province, id)["state"] as? String == "approved")

            // Locked: the cooperative can no longer change the figures.
            let locked = try await cooperative.postForm("/organizations/\(id)/reports/2025", Self.figures + [("version", String(try await report(cooperative, id)["version"] as? Int ?? 0))])
            #expect(locked.status == .unprocessableEntity)
            #expect(locked.body.string.contains("Tỉnh đã phê duyệt"))
            // Reopening needs a reason and the province.
            #expect(try await act(commune, id, "reopen", text: "Sai số liệu").status == .unprocessableEntity)
            #expect(try await act(province, id, "reopen").status == .unprocessableEntity)
            #expect(try await act(province, id, "reopen", text: "Thanh tra phát hiện sai doanh thu").status == .seeOther)
            json = try await report(province, id)
            #expect(json["state"] as? String == "returned")
            let events = json["events"] as? [[String: Any]] ?? []
            #expect(events.first?["reason"] as? String == "Thanh tra phát hiện sai doanh thu")
            #expect(events.compactMap { $0["action"] as? String } == ["reopen", "approve", "consolidate", "accept", "submit", "edit", "create"])
            let audit = try await app.db.sql().raw("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'report.reopen'").first(decodingColumn: "n", as: Int.self)
            #expect(audit == 1)

            // A stale version is refused without writing; a commune officer elsewhere is refused outright.
            let stale = try await cooperative.postForm("/organizations/\(id)/reports/2025/actions", [("action", "submit"), ("text", "x"), ("version", "1")])
            #expect(stale.status == .conflict)
            let elsewhere = TestClient(app: app, base: admin.base)
            try await elsewhere.signIn(as: .communeOfficer, unit: Place.ngocHa)
            let current = try await report(province, id)["version"] as? Int ?? 0
            let foreign = try await elsewhere.postForm("/organizations/\(id)/reports/2025/actions", [("action", "return"), ("text", "x"), ("version", String(current))])
            #expect(foreign.status == .forbidden)
            #expect(try await elsewhere.get("/organizations/\(id)/reports/2025.json").status == .notFound, "another commune does not see the report")
        }
    }

    @Test("“Gửi báo cáo” saves what the form holds and sends it in one step; an unreadable value or a refused send changes nothing")
    func sendSavesTheForm() async throws {
        try await TestApp.run { app, admin in
            let id = try await admin.createOrganization(name: "Hợp tác xã Thành Sen", code: "4201000001")
            let cooperative = TestClient(app: app, base: admin.base)
            try await cooperative.signIn(as: .cooperative, organization: "4201000001")
            let path = "/organizations/\(id)/reports/2025"
            func typed(_ changes: [(String, String)]) -> [(String, String)] {
                Self.figures.filter { field in !changes.contains { $0.0 == field.0 } } + changes
            }
            func members() async throws -> Int? { (try await report(cooperative, id)["figures"] as? [String: Any])?["official_members"] as? Int }
            func count(_ action: String) async throws -> Int? {
                try await app.db.sql().raw("SELECT COUNT(*) AS n FROM audit_events WHERE action = \(bind: action)").first(decodingColumn: "n", as: Int.self)
            }
            #expect(try await cooperative.postForm(path, typed([("official_members", "21")]) + [("version", "")]).status == .seeOther)
            let version = try #require(try await report(cooperative, id)["version"] as? Int)

            // Both buttons belong to the one form that holds the figures and the anti-forgery field.
            let page = try await cooperative.get(path).body.string
            let start = try #require(page.range(of: "action=\"\(path)\""))
            let form = try #require(page[start.upperBound...].range(of: "</form>").map { page[start.upperBound..<$0.lowerBound] })
            #expect(form.contains("name=\"csrf_token\"") && form.contains("name=\"official_members\"") && form.contains("name=\"version\""))
            #expect(form.contains("Lưu bản nháp") && form.contains("name=\"action\" value=\"submit\""))

            // An unreadable value: nothing is saved or sent; the form comes back with the problem named and the typed values kept.
            let bad = try await cooperative.postForm(path, typed([("official_members", "25"), ("workers", "mười hai")]) + [("version", String(version)), ("action", "submit")])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("Số lao động thường xuyên: “mười hai” không phải là số nguyên."))
            #expect(bad.body.string.contains("value=\"mười hai\"") && bad.body.string.contains("value=\"25\""))
            #expect(bad.body.string.contains("CHƯA được gửi"))
            // A send the workflow refuses (a warning without explanation) leaves the typed figures unsaved too.
            let refused = try await cooperative.postForm(path, typed([("official_members", "25"), ("pretax_profit", "7.000"), ("comment", "")])
                                                             + [("version", String(version)), ("action", "submit")])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("Chưa gửi được báo cáo") && refused.body.string.contains("value=\"25\""))
            var json = try await report(cooperative, id)
            #expect(json["state"] as? String == "draft" && json["version"] as? Int == version)
            #expect(try await members() == 21)
            #expect(try await count("report.save") == 1)
            #expect(try await count("report.submit") == 0)

            // Typed 25 without saving first, then sent: 25 is stored and sent, the save and the send each audited.
            let sent = try await cooperative.postForm(path, typed([("official_members", "25"), ("comment", "Số liệu đã đối chiếu với sổ sách.")])
                                                          + [("version", String(version)), ("action", "submit")])
            #expect(sent.status == .seeOther, "\(sent.body.string)")
            #expect(sent.location == path + "?sent=1")
            json = try await report(cooperative, id)
            #expect(json["state"] as? String == "submitted")
            #expect(try await members() == 25)
            #expect((json["events"] as? [[String: Any]])?.compactMap { $0["action"] as? String } == ["submit", "edit", "create"])
            #expect(try await count("report.save") == 2)
            #expect(try await count("report.submit") == 1)
            let confirmation = try await cooperative.get(path + "?sent=1").body.string
            #expect(confirmation.contains("Đã gửi báo cáo năm 2025 lúc "))
            #expect(confirmation.contains("<dd>25</dd>"), "the stored figures are shown")
            #expect(!confirmation.contains("Lưu bản nháp"), "a sent report is no longer a form")
        }
    }

    @Test("classification scores the submitted reports, keeps an officer's override with its reason, and does not rate credit funds")
    func classification() async throws {
        try await TestApp.run { app, admin in
            let htx = try await admin.createOrganization(name: "Hợp tác xã Thành Sen", code: "4201000001")
            let fund = try await admin.createOrganization(name: "Quỹ tín dụng nhân dân Thành Sen", type: "qtdnd", sector: "finance-banking", code: "4201000002")
            let draftOnly = try await admin.createOrganization(name: "Hợp tác xã Chưa Nộp", code: "4201000003")
            for id in [htx, fund, draftOnly] {
                #expect(try await admin.postForm("/organizations/\(id)/reports/2025", Self.figures + [("version", "")]).status == .seeOther)
            }
            for id in [htx, fund] { #expect(try await act(admin, id, "submit", text: "Giải trình").status == .seeOther) }

            let summary = try await ClassificationStore.classify(year: 2025, scope: .everything, on: app.db)
            #expect(summary.total == 2, "the draft is not classified")
            #expect(summary.notRated == 1)
            let stored = try await app.db.sql().raw("SELECT COUNT(*) AS n FROM classifications WHERE year = 2025 AND band IS NOT NULL").first(decodingColumn: "n", as: Int.self)
            #expect(stored == summary.rated.values.reduce(0, +))

            // The page shows the same points as the classifier computes from the stored report.
            var expected = AnnualReport(organizationId: htx, year: 2025)
            for (key, value) in Self.figures {
                if let field = ReportField(rawValue: key) { _ = field.assign(value, to: &expected) }
                else if key.hasPrefix("self.") { expected.selfAssessedPoints[String(key.dropFirst(5))] = VietnameseNumber.parse(value) }
            }
            expected.comment = "Giải trình"
            let result = Classifier.classify(report: expected, previous: nil, organizationType: .htx)
            var json = try await report(admin, htx)
            var classification = json["classification"] as? [String: Any] ?? [:]
            #expect(classification["total"] as? Double == result.total)
            #expect(classification["band"] as? String == result.computedBand?.code)
            #expect((classification["scores"] as? [[String: Any]])?.count == result.scores.count)
            let fundJSON = try await report(admin, fund)
            #expect(((fundJSON["classification"] as? [String: Any])?["not_rated_reason"] as? String)?.isEmpty == false)

            // An override needs a reason, is audited, and keeps the computed band visible; reclassifying keeps it.
            let province = TestClient(app: app, base: admin.base)
            try await province.signIn(as: .provinceOfficer)
            #expect(try await province.postForm("/organizations/\(htx)/classifications/2025", [("band", "weak"), ("reason", " ")]).status == .unprocessableEntity)
            #expect(try await province.postForm("/organizations/\(htx)/classifications/2025", [("band", "weak"), ("reason", "Kết luận thanh tra số 12/KL-UBND")]).status == .seeOther)
            try await ClassificationStore.classify(year: 2025, scope: .province("42"), on: app.db)
            json = try await report(province, htx)
            classification = json["classification"] as? [String: Any] ?? [:]
            #expect(classification["band"] as? String == "weak")
            #expect(classification["computed_band"] as? String == result.computedBand?.code)
            #expect(classification["override_reason"] as? String == "Kết luận thanh tra số 12/KL-UBND")
            let audit = try await app.db.sql().raw("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'classification.override'").first(decodingColumn: "n", as: Int.self)
            #expect(audit == 1)
            // A commune officer may not override.
            let commune = TestClient(app: app, base: admin.base)
            try await commune.signIn(as: .communeOfficer)
            #expect(try await commune.postForm("/organizations/\(htx)/classifications/2025", [("band", "good"), ("reason", "x")]).status == .forbidden)
        }
    }
}
