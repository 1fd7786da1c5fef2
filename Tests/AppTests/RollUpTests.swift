import Foundation
import HopTacCore
import SQLKit
import Testing
import Vapor
@testable import App

@Suite("Roll-ups of a year by commune, province and nation, in 2025 and old units")
struct RollUpTests {
    /// The province demo: five closed years of reports, classified as the demo loader does.
    static func loadDemo(_ app: Application) async throws {
        _ = try await DemoLoader.load(on: app.db, scale: .province, seed: 7, province: "42", replace: true, progress: { _, _ in })
    }

    @Test("the province's counts equal a direct count; units sum to the whole; the per-organisation list and XLSX agree")
    func sumsMatchDirectCounts() async throws {
        try await TestApp.run(as: nil) { app, visitor in
            try await Self.loadDemo(app)
            let sql = try app.db.sql()
            struct Direct: Decodable { let band: String?; let n: Int }
            let direct = try await sql.raw("""
                SELECT c.band, COUNT(*) AS n FROM classifications c JOIN organizations o ON o.id = c.organization_id
                WHERE c.year = 2025 AND o.province_code = '42' GROUP BY c.band
                """).all(decoding: Direct.self)
            let count = { (band: String?) in direct.first { $0.band == band }?.n ?? 0 }
            let revenue = try await sql.raw("""
                SELECT CAST(SUM(r.revenue) AS BIGINT) AS total FROM annual_reports r JOIN organizations o ON o.id = r.organization_id
                WHERE r.year = 2025 AND o.province_code = '42' AND r.state IN ('submitted', 'accepted', 'consolidated', 'approved')
                """).first(decodingColumn: "total", as: Int64.self).map { Money(dong: $0).millions } ?? 0

            let json = try await visitor.getJSON("/classification/2025.json?province=42")
            #expect(json["good"] as? Int == count("good"))
            #expect(json["fair"] as? Int == count("fair"))
            #expect(json["average"] as? Int == count("average"))
            #expect(json["weak"] as? Int == count("weak"))
            #expect(json["not_rated"] as? Int == count(nil))
            let rated = ["good", "fair", "average", "weak"].map(count).reduce(0, +)
            #expect(json["rated"] as? Int == rated && rated > 300, "a province demo rates hundreds: \(rated)")
            let share = try #require(json["good_fair_percent"] as? Double)
            #expect(abs(share - Double(count("good") + count("fair")) / Double(rated) * 100) < 1e-9)
            let figures = try #require(json["figures"] as? [String: Double])
            #expect(figures["revenue"] == revenue, "whole đồng summed exactly")

            // Communes (2025) and old districts both add up to the province.
            for units in ["2025", "legacy"] {
                let split = try await visitor.getJSON("/classification/2025.json?province=42&units=\(units)")
                let rows = try #require(split["breakdown"] as? [[String: Any]])
                #expect(split["breakdown_level"] as? String == (units == "2025" ? "commune" : "legacy-district"))
                #expect(rows.count > (units == "2025" ? 50 : 8), "\(units): \(rows.count) units")
                for key in ["rated", "good", "not_rated"] {
                    #expect(rows.map { $0[key] as? Int ?? 0 }.reduce(0, +) == json[key] as? Int, "\(units) \(key)")
                }
                let revenues = rows.map { ($0["figures"] as? [String: Double])?["revenue"] ?? 0 }.reduce(0, +)
                #expect(abs(revenues - revenue) < 1)
            }
            // Before the reorganisation the breakdown is by the old units unless asked; the nation sums its provinces.
            let old = try await visitor.getJSON("/classification/2023.json")
            #expect(old["units"] as? String == "legacy" && old["breakdown_level"] as? String == "legacy-province")
            let oldRows = try #require(old["breakdown"] as? [[String: Any]])
            #expect(oldRows.map { $0["rated"] as? Int ?? 0 }.reduce(0, +) == old["rated"] as? Int)
            #expect((old["rated"] as? Int ?? 0) > 0)

            let list = try await visitor.getJSON("/classification/2025/organizations.json?province=42")
            let items = try #require(list["items"] as? [[String: Any]])
            #expect(items.count == rated + count(nil))
            let first = try #require(items.first { $0["band"] as? String != "not_rated" })
            #expect(first["registration_code"] is String && first["score"] is Double)
            let points = try #require(first["points"] as? [String: Double])
            #expect(abs(points.values.reduce(0, +) - (first["score"] as? Double ?? -1)) < 0.01, "points add up to the score")
            #expect(items.filter { $0["band"] as? String == "not_rated" }.count == count(nil))
            let weak = try await visitor.getJSON("/classification/2025/organizations.json?province=42&band=weak")
            #expect((weak["items"] as? [[String: Any]])?.count == count("weak"))

            // The provincial summary as a workbook: one row per commune and a total row equal to the JSON.
            let xlsx = try await visitor.get("/classification/2025.xlsx?province=42")
            #expect(xlsx.status == .ok)
            let sheet = try SpreadsheetFile.read(Data(xlsx.bodyBytes), filename: "tong-hop.xlsx")
            let header = try #require(sheet.rows.first).cells.map(\.text)
            let total = try #require(sheet.rows.last).cells.map(\.text)
            let column = try #require(header.firstIndex(of: "Tốt"))
            #expect(total[1].hasPrefix("Tổng cộng") && total[column] == String(count("good")))
            let perOrganization = try await visitor.get("/classification/2025/organizations.xlsx?province=42")
            #expect(try SpreadsheetFile.read(Data(perOrganization.bodyBytes), filename: "xep-loai.xlsx").rows.count == items.count + 1)

            let page = try await visitor.get("/classification/2025?province=42")
            #expect(page.status == .ok && page.body.string.contains("Tỷ lệ tốt, khá"))
            #expect(!page.body.string.contains("Xếp loại lại năm"), "a visitor cannot reclassify")
            #expect(try await visitor.get("/classification/2025.json?province=99").status == .notFound)
            #expect(try await visitor.get("/classification/1999.json").status == .notFound)
            #expect(try await visitor.get("/classification/2025.json?units=old").status == .badRequest)
        }
    }

    @Test("a province officer reclassifies their own province from the page, not another; the run is audited")
    func classifyFromTheWeb() async throws {
        try await TestApp.run(as: .provinceOfficer) { app, officer in
            try await Self.loadDemo(app)
            let sql = try app.db.sql()
            try await sql.raw("DELETE FROM classifications WHERE year = 2025").run()
            let page = try await officer.get("/classification/2025?province=42")
            #expect(page.body.string.contains("Xếp loại lại năm 2025"))
            let other = try await officer.postForm("/classification/2025/classify", [("province", "01")])
            #expect(other.status == .forbidden)
            let done = try await officer.postForm("/classification/2025/classify", [("province", "42")])
            #expect(done.status == .seeOther && done.location?.hasPrefix("/classification/2025?province=42") == true)
            let stored = try await sql.raw("SELECT COUNT(*) AS n FROM classifications WHERE year = 2025").first(decodingColumn: "n", as: Int.self) ?? 0
            #expect(stored > 300)
            // The demo's own runs are audited as the command line's; the officer's run is hers, for her province.
            let audited = try await sql.raw("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'classification.run' AND province_code = '42' AND user_id IS NOT NULL")
                .first(decodingColumn: "n", as: Int.self)
            #expect(audited == 1)

            // A run reads only some of last year's fields; the report page scores from the whole of both reports.
            // Both must give every organisation the same points.
            struct Stored: Decodable { let organizationId: Int; let total: Double }
            let sample = try await sql.raw("""
                SELECT organization_id, total FROM classifications WHERE year = 2025 AND total IS NOT NULL ORDER BY organization_id LIMIT 40
                """).all(decoding: Stored.self, keyDecodingStrategy: .snakeCaseColumns)
            #expect(sample.count == 40)
            for stored in sample {
                let report = try await officer.getJSON("/organizations/\(stored.organizationId)/reports/2025.json")
                let scores = (report["classification"] as? [String: Any])?["scores"] as? [[String: Any]] ?? []
                let recomputed = scores.compactMap { $0["points"] as? Double }.reduce(0, +)
                #expect(abs(recomputed - stored.total) < 0.000_1, "organisation \(stored.organizationId): stored \(stored.total), page \(recomputed)")
            }
        }
    }
}
