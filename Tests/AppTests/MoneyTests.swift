import Foundation
import HopTacCore
import SQLKit
import Testing
@testable import App

@Suite("Money stored exactly", .serialized)
struct MoneyStorageTests {
    @Test("the migration turns amounts in triệu đồng held as doubles into exact whole đồng")
    func migration() async throws {
        try await TestApp.run { app, admin in
            let id = try await admin.createOrganization(name: "Hợp tác xã Thành Sen", code: "4201000001")
            #expect(try await admin.postForm("/organizations/\(id)/reports/2025", ReportingTests.figures + [("version", "")]).status == .seeOther)
            let sql = try app.db.sql()
            // Back to the schema before: doubles of triệu đồng, holding what forms stored then.
            try await StoreMoneyAsDong().revert(on: app.db)
            try await sql.raw("UPDATE organizations SET charter_capital = 1350.5 WHERE id = \(bind: id)").run()
            try await sql.raw("""
                UPDATE annual_reports SET revenue = 1350.5, total_assets = 0.000001, pretax_profit = -420.25, average_income = 62.5,
                  debt_banks = 1350.4999999999998, charter_capital = 99999999.999999 WHERE organization_id = \(bind: id)
                """).run()
            try await StoreMoneyAsDong().prepare(on: app.db)

            #expect(try await sql.raw("SELECT charter_capital FROM organizations WHERE id = \(bind: id)").first(decodingColumn: "charter_capital", as: Int64.self) == 1_350_500_000)
            struct Row: Decodable { let revenue: Int64; let totalAssets: Int64; let pretaxProfit: Int64; let averageIncome: Int64; let debtBanks: Int64
                                    let charterCapital: Int64; let totalCapital: Int64 }
            let row = try #require(try await sql.raw("SELECT * FROM annual_reports WHERE organization_id = \(bind: id)")
                .first(decoding: Row.self, keyDecodingStrategy: .snakeCaseColumns))
            #expect(row.revenue == 1_350_500_000 && row.totalAssets == 1 && row.pretaxProfit == -420_250_000 && row.averageIncome == 62_500_000)
            #expect(row.debtBanks == 1_350_500_000, "a double's noise rounds to the nearest đồng")
            #expect(row.charterCapital == 99_999_999_999_999 && row.totalCapital == 4_200_000_000)
            // The pages read the converted row.
            let json = try await admin.getJSON("/organizations/\(id)/reports/2025.json")
            let figures = try #require(json["figures"] as? [String: Any])
            #expect((figures["revenue"] as? NSNumber)?.doubleValue == 1350.5 && (figures["total_assets"] as? NSNumber)?.doubleValue == 0.000001)
        }
    }

    @Test("a report typed as 1.350,5 is stored, shown and summed exactly in /figures.json")
    func typedAndSummed() async throws {
        try await TestApp.run { app, admin in
            var ids: [Int] = []
            for (index, (capital, revenue)) in [("1.350,5", "99.999.999,999999"), ("0,000001", "99.999.999,999999")].enumerated() {
                let id = try await admin.createOrganization(name: "Hợp tác xã Sen \(index)", code: "420100000\(index + 1)")
                ids.append(id)
                let typed = ReportingTests.figures.filter { $0.0 != "charter_capital" && $0.0 != "revenue" }
                    + [("charter_capital", capital), ("revenue", revenue), ("comment", "Giải trình"), ("version", "")]
                #expect(try await admin.postForm("/organizations/\(id)/reports/2025", typed).status == .seeOther)
                let version = try await admin.getJSON("/organizations/\(id)/reports/2025.json")["version"] as? Int ?? 0
                #expect(try await admin.postForm("/organizations/\(id)/reports/2025/actions", [("action", "submit"), ("text", "Giải trình"), ("version", String(version))]).status == .seeOther)
            }
            let page = try await admin.get("/organizations/\(ids[0])/reports/2025")
            #expect(page.body.string.contains("1.350,5") && page.body.string.contains("99.999.999,999999"))
            #expect(try await admin.get("/organizations/\(ids[1])/reports/2025").body.string.contains("0,000001"))

            // A submitted report is no longer editable, so the refusal is tried on a year not yet reported.
            let tooPrecise = try await admin.postForm("/organizations/\(ids[0])/reports/2024",
                                                      ReportingTests.figures.filter { $0.0 != "revenue" } + [("revenue", "1,0000001"), ("version", "")])
            #expect(tooPrecise.body.string.contains("Doanh thu") && tooPrecise.body.string.contains("6 chữ số thập phân"))

            for query in ["province=42&year=2025", "year=2025"] {
                let body = try await admin.get("/figures.json?\(query)").body.string
                let items = try #require((try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])?["figures"] as? [[String: Any]])
                let value = { (key: String) in items.first { $0["key"] as? String == key }?["value"] as? NSNumber }
                #expect(value("charter_capital")?.doubleValue == 1350.500001, "\(query)")
                // Two doubles of 99 999 999,999999 add to 199 999 999,99999797; đồng add exactly.
                #expect(body.contains("199999999.999998") && value("revenue")?.doubleValue == 199_999_999.999998, "\(query)")
                #expect(value("average_revenue")?.doubleValue == 99_999_999.999999, "\(query)")
            }
            let sum = try await app.db.sql().raw("SELECT CAST(SUM(charter_capital) AS BIGINT) AS total FROM annual_reports").first(decodingColumn: "total", as: Int64.self)
            #expect(sum == 1_350_500_001)
        }
    }
}
