import Foundation
import HopTacCore
import SQLKit
import Testing
import Vapor
@testable import App

@Suite("Dashboards and the map")
struct DashboardTests {
    @Test("a province's dashboard equals direct counts, its communes add up, writes show at once, and each chart's data downloads")
    func provinceDashboard() async throws {
        try await TestApp.run(as: .provinceOfficer) { app, officer in
            try await RollUpTests.loadDemo(app)
            let sql = try app.db.sql()
            let registered = try await sql.raw("""
                SELECT COUNT(*) AS n FROM organizations WHERE province_code = '42' AND status NOT IN ('dissolved', 'merged')
                """).first(decodingColumn: "n", as: Int.self) ?? -1
            let active = try await sql.raw("SELECT COUNT(*) AS n FROM organizations WHERE province_code = '42' AND status = 'active'")
                .first(decodingColumn: "n", as: Int.self) ?? -1
            let lastYear = Day.today().year - 1
            let good = try await sql.raw("""
                SELECT COUNT(*) AS n FROM classifications c JOIN organizations o ON o.id = c.organization_id
                WHERE c.year = \(bind: lastYear) AND o.province_code = '42' AND c.band = 'good'
                """).first(decodingColumn: "n", as: Int.self) ?? -1

            let json = try await officer.getJSON("/dashboard/provinces/42.json")
            let now = try #require(json["now"] as? [String: Any])
            let nowValues = try #require(now["values"] as? [String: Double])
            #expect(Int(nowValues["organizations_registered"] ?? -1) == registered)
            #expect(Int(nowValues["organizations_active"] ?? -1) == active)
            let series = try #require(json["series"] as? [[String: Any]])
            let last = try #require(series.last?["values"] as? [String: Double])
            #expect(Int(last["good"] ?? -1) == good)
            let units = try #require(json["units"] as? [[String: Any]])
            #expect(units.map { $0["organizations"] as? Int ?? 0 }.reduce(0, +) == active)
            let timeliness = try #require(json["timeliness"] as? [String: Any])
            #expect(units.map { $0["reports_expected"] as? Int ?? 0 }.reduce(0, +) == timeliness["expected"] as? Int)
            let targets = try #require(json["targets"] as? [[String: Any]])
            #expect(targets.count == 7, "the demo's provincial plan is measured here")
            let online = try #require(targets.last)
            #expect((online["reported_values"] as? [Any])?.count == 3 && (online["assessment"] as? [String: Any])?["current"] != nil,
                    "the reported target is judged on the agency's values")

            // A policy's page compares each organisation it reached with its own reports: the year before and the latest after.
            let policies = try #require(try await officer.getJSON("/policies.json")["items"] as? [[String: Any]])
            var compared = 0
            for policy in policies {
                guard let id = (policy["policy"] as? [String: Any])?["id"] as? Int, let outcome = try await officer.getJSON("/policies/\(id).json")["outcome"] as? [String: Any],
                      let first = (outcome["organizations"] as? [[String: Any]])?.first, let org = first["organization_id"] as? Int,
                      let after = (first["after"] as? [String: Any])?["year"] as? Int else { continue }
                let revenue = try await sql.raw("SELECT revenue FROM annual_reports WHERE organization_id = \(bind: org) AND year = \(bind: after)")
                    .first(decodingColumn: "revenue", as: Int64.self) ?? -1
                #expect(Money(approximately: (first["after"] as? [String: Any])?["revenue"] as? Double ?? -1) == Money(dong: revenue))
                #expect((first["before"] as? [String: Any])?["year"] as? Int == (first["first_support_year"] as? Int ?? 0) - 1)
                compared += 1
            }
            #expect(compared > 0, "the demo's grants reach organisations with reports before and after")

            let page = try await officer.get("/dashboard/provinces/42")
            #expect(page.status == .ok)
            for chart in ["types", "statuses", "bands", "members", "revenue", "value-chain", "timeliness"] {
                #expect(page.body.string.contains("chart-\(chart)"), "chart \(chart) is drawn")
                let csv = try await officer.get("/dashboard/provinces/42.csv?chart=\(chart)")
                #expect(csv.status == .ok && csv.body.string.hasPrefix("\u{FEFF}"))
            }
            #expect(page.body.string.contains("role=\"img\""))
            #expect(try await officer.get("/dashboard/provinces/42.csv?chart=nothing").status == .badRequest)

            // A new organisation is counted on the next load: the cache follows writes.
            let admin = TestClient(app: app, base: officer.base)
            try await admin.signIn(as: .admin)
            try await admin.createOrganization(name: "Hợp tác xã Mới Lập", code: "4209999999")
            let after = try await officer.getJSON("/dashboard/provinces/42.json")
            #expect(Int(((after["now"] as? [String: Any])?["values"] as? [String: Double])?["organizations_registered"] ?? -1) == registered + 1)

            // Drill-down: nation (for whoever sees the nation) → province → commune; the province officer starts at the province.
            #expect(try await admin.get("/dashboard").body.string.contains("/dashboard/provinces/42"))
            #expect(try await officer.get("/dashboard").location == "/dashboard/provinces/42")
            let commune = try #require(units.first?["code"] as? String)
            #expect(try await officer.get("/dashboard/communes/\(commune)").status == .ok)
            #expect(try await officer.get("/dashboard/provinces/99").status == .notFound)

            let cooperative = TestClient(app: app, base: officer.base)
            try await cooperative.signIn(as: .cooperative, organization: "4209999999")
            #expect(try await cooperative.get("/dashboard").status == .forbidden)
        }
    }

    @Test("the map places every commune with organisations, sized by their count and valued by the indicator")
    func map() async throws {
        try await TestApp.run(as: .provinceOfficer) { app, officer in
            try await RollUpTests.loadDemo(app)
            let sql = try app.db.sql()
            let withOrganizations = try await sql.raw("""
                SELECT COUNT(DISTINCT commune_code) AS n FROM organizations WHERE province_code = '42' AND status NOT IN ('dissolved', 'merged')
                """).first(decodingColumn: "n", as: Int.self) ?? -1
            let json = try await officer.getJSON("/map.json?province=42&indicator=htx&year=\(Day.today().year)")
            let items = try #require(json["items"] as? [[String: Any]])
            #expect(items.count == withOrganizations)
            let htx = try await sql.raw("""
                SELECT COUNT(*) AS n FROM organizations WHERE province_code = '42' AND type = 'htx' AND status NOT IN ('dissolved', 'merged')
                """).first(decodingColumn: "n", as: Int.self) ?? -1
            #expect(Int(items.map { $0["value"] as? Double ?? 0 }.reduce(0, +)) == htx)
            let old = try await officer.getJSON("/map.json?units=legacy&year=2023")
            #expect(old["units"] as? String == "legacy" && !((old["items"] as? [[String: Any]]) ?? []).isEmpty)
            let page = try await officer.get("/map?province=42")
            #expect(page.status == .ok && page.body.string.contains("<circle"))
            #expect(try await officer.get("/map?indicator=nothing").status == .badRequest)
        }
    }
}
