import Foundation
import HopTacCore
import SQLKit
import Testing
import Vapor
@testable import App

/// One question, one number (issue 16): every page that shows a figure takes it from the same function, and that
/// function agrees with a count made from the rows.
@Suite("Figures: one definition, the same number everywhere")
struct FiguresTests {
    /// The figures of a `/figures.json` answer by key; a share of nothing (JSON null) is left out.
    static func values(_ json: [String: Any]) -> [String: Double] {
        var values: [String: Double] = [:]
        for item in json["figures"] as? [[String: Any]] ?? [] {
            guard let key = item["key"] as? String, let value = item["value"] as? Double else { continue }
            values[key] = value
        }
        return values
    }

    @Test("/figures, the dashboard, the roll-up, the registry list, the home page and direct counts agree")
    func parity() async throws {
        try await TestApp.run(as: .provinceOfficer) { app, officer in
            try await RollUpTests.loadDemo(app)
            let sql = try app.db.sql()
            let year = Day.today().year, lastYear = year - 1
            let answer = try await officer.getJSON("/figures.json?province=42&year=\(year)")
            let listed = Set((answer["figures"] as? [[String: Any]] ?? []).compactMap { $0["key"] as? String })
            for key in ["htx_registered", "htx_active", "organizations_active", "reports_submitted", "reports_on_time", "rated", "good", "fair", "good_fair_share"] {
                #expect(listed.contains(key), "\(key) is listed")
            }
            let figures = Self.values(answer)
            // The registry list with the same filters counts the same organisations.
            let active = try await officer.getJSON("/organizations.json?province=42&type=htx&status=active")["total"] as? Int
            #expect(Double(active ?? -1) == figures["htx_active"])
            let registered = try await officer.getJSON("/organizations.json?province=42&type=htx&status=registered")["total"] as? Int
            #expect(Double(registered ?? -1) == figures["htx_registered"])
            let direct = try await sql.raw("SELECT COUNT(*) AS n FROM organizations WHERE province_code = '42' AND status = 'active'")
                .first(decodingColumn: "n", as: Int.self)
            #expect(Double(direct ?? -1) == figures["organizations_active"])

            // The dashboard and the roll-up of the same year give the same values under the same keys.
            let dashboard = try await officer.getJSON("/dashboard/provinces/42.json")["figures"] as? [String: Any] ?? [:]
            let rollUp = try await officer.getJSON("/classification/\(year).json?province=42")["figures"] as? [String: Any] ?? [:]
            for key in ["htx_registered", "htx_active", "organizations_active", "organizations_registered", "reports_expected",
                        "reports_submitted", "reports_on_time", "rated", "good", "fair"] {
                #expect(dashboard[key] as? Double == figures[key], "dashboard \(key)")
                #expect(rollUp[key] as? Double == figures[key], "roll-up \(key)")
            }

            // A closed year: the rated, the bands and the share agree with the classifications and with each other.
            let closed = Self.values(try await officer.getJSON("/figures.json?province=42&year=\(lastYear)"))
            struct Band: Decodable { let band: String?; let n: Int }
            let bands = try await sql.raw("""
                SELECT c.band, COUNT(*) AS n FROM classifications c JOIN organizations o ON o.id = c.organization_id
                WHERE c.year = \(bind: lastYear) AND o.province_code = '42' GROUP BY c.band
                """).all(decoding: Band.self)
            let rated = bands.filter { $0.band != nil }.reduce(0) { $0 + $1.n }
            let goodFair = bands.filter { $0.band == "good" || $0.band == "fair" }.reduce(0) { $0 + $1.n }
            #expect(closed["rated"] == Double(rated))
            #expect(closed["good"] == Double(bands.first { $0.band == "good" }?.n ?? 0))
            let share = try #require(closed["good_fair_share"])
            #expect(abs(share - Double(goodFair) / Double(rated) * 100) < 1e-9)
            let closedRollUp = try await officer.getJSON("/classification/\(lastYear).json?province=42")
            #expect((closedRollUp["figures"] as? [String: Any])?["good_fair_share"] as? Double == share)
            #expect(closedRollUp["rated"] as? Int == rated)

            // For a commune, every report-based figure equals a count of the rows themselves.
            let commune = try #require(try await sql.raw("SELECT commune_code FROM organizations WHERE province_code = '42' GROUP BY commune_code ORDER BY COUNT(*) DESC LIMIT 1")
                .first(decodingColumn: "commune_code", as: String.self))
            let here = Self.values(try await officer.getJSON("/figures.json?commune=\(commune)&year=\(lastYear)"))
            struct Report: Decodable { let state: String; let submittedAt: String?; let revenue: Int64; let officialMembers: Int }
            let reports = try await sql.raw("""
                SELECT r.state, r.submitted_at, r.revenue, r.official_members FROM annual_reports r JOIN organizations o ON o.id = r.organization_id
                WHERE o.commune_code = \(bind: commune) AND r.year = \(bind: lastYear)
                """).all(decoding: Report.self, keyDecodingStrategy: .snakeCaseColumns)
            let submitted = reports.filter { ReportState(rawValue: $0.state)?.countsAsSubmitted == true }
            let lateFrom = try await ReportQueries.calendar(year: lastYear, on: sql).lateFrom(for: .cooperative, year: lastYear)
            #expect(here["reports_submitted"] == Double(submitted.count))
            #expect(here["reports_on_time"] == Double(submitted.filter { ($0.submittedAt.flatMap(Timestamp.parse) ?? .distantFuture) < lateFrom }.count))
            // Whole đồng add exactly, and the figure is their sum.
            #expect(here["revenue"] == Money(dong: submitted.reduce(0) { $0 + $1.revenue }).millions)
            #expect(here["official_members"] == Double(submitted.reduce(0) { $0 + $1.officialMembers }))

            // The home page shows the nation's registered HTX as /figures counts them.
            let nation = Self.values(try await officer.getJSON("/figures.json"))
            let home = try await officer.get("/").body.string
            #expect(home.contains(">\(VietnameseNumber.format(Int(nation["htx_registered"] ?? -1)))<"))
            #expect(try await officer.get("/figures?province=42").body.string.contains("id=\"htx_active\""))
            let xlsx = try await officer.get("/figures.xlsx?province=42")
            #expect(xlsx.status == .ok && xlsx.bodyBytes.starts(with: [0x50, 0x4B]))
            // The download holds the same numbers as numbers: find each figure's row by its key.
            let sheet = try SpreadsheetFile.read(Data(xlsx.bodyBytes), filename: "so-lieu.xlsx")
            for key in ["htx_registered", "htx_active", "organizations_active", "reports_submitted", "rated"] {
                let row = sheet.rows.first { $0.cells.contains { $0.text == key } }
                let numbers = row?.cells.compactMap { cell -> Double? in if case .number(let value) = cell { value } else { nil } } ?? []
                #expect(numbers.contains(figures[key] ?? -1), "XLSX \(key): \(row.map { $0.cells.map(\.text) } ?? [])")
            }

            // The map of a closed year places each commune with the organisations /figures counts there.
            let map = try await officer.getJSON("/map.json?year=\(lastYear)&province=42&indicator=htx")["items"] as? [[String: Any]] ?? []
            let mapped = try #require(map.first { $0["code"] as? String == commune })
            #expect(Double(mapped["organizations"] as? Int ?? -1) == here["organizations_registered"])
            #expect(mapped["value"] as? Double == here["htx_registered"])

            // The public directory lists the province's registered organisations, as many as /figures counts today.
            let directory = try await TestClient(app: app, base: officer.base).getJSON("/public.json?province=42")
            #expect(Double(directory["total"] as? Int ?? -1) == figures["organizations_registered"])
        }
    }

    @Test("a report sent at 23:59 Vietnam time on the deadline is on time, at 00:01 the next day late, on every page")
    func onTimeBoundary() async throws {
        try await TestApp.run { app, admin in
            let early = try await admin.createOrganization(name: "Hợp tác xã Nộp Sát Giờ", code: "4201000001")
            let late = try await admin.createOrganization(name: "Hợp tác xã Nộp Quá Nửa Đêm", code: "4201000002")
            for id in [early, late] {
                #expect(try await admin.postForm("/organizations/\(id)/reports/2025", ReportingTests.figures + [("version", "")]).status == .seeOther)
                let version = try await admin.getJSON("/organizations/\(id)/reports/2025.json")["version"] as? Int ?? 0
                #expect(try await admin.postForm("/organizations/\(id)/reports/2025/actions", [("action", "submit"), ("text", "x"), ("version", String(version))]).status == .seeOther)
            }
            // The deadline is 15/12/2025; Vietnam is UTC+7.
            let sql = try app.db.sql()
            try await sql.raw("UPDATE annual_reports SET submitted_at = '2025-12-15T16:59:00Z' WHERE organization_id = \(bind: early)").run()
            try await sql.raw("UPDATE annual_reports SET submitted_at = '2025-12-15T17:01:00Z' WHERE organization_id = \(bind: late)").run()
            let figures = Self.values(try await admin.getJSON("/figures.json?province=42&year=2025"))
            #expect(figures["reports_submitted"] == 2)
            #expect(figures["reports_on_time"] == 1)
            #expect(figures["reports_late"] == 1)
            let round = try await admin.get("/reports?year=2025&province=42").body.string
            #expect(round.contains("Đúng hạn") && round.contains("Trễ"))
            let earlyPage = try await admin.get("/organizations/\(early)/reports/2025").body.string
            let latePage = try await admin.get("/organizations/\(late)/reports/2025").body.string
            #expect(!earlyPage.contains("Trễ") && latePage.contains("Trễ"))

            // A later deadline counts both on time at once: the cached figures follow the calendar too.
            let moved = try await admin.postForm("/reports/deadlines", [("year", "2025"), ("cooperative", "16/12/2025"), ("commune", "18/12/2025"), ("province", "21/12/2025")])
            #expect(moved.status == .seeOther, "\(moved.body.string.prefix(300))")
            #expect(Self.values(try await admin.getJSON("/figures.json?province=42&year=2025"))["reports_on_time"] == 2)
            try await sql.delete(from: "reporting_deadlines").run()
        }
    }

    @Test("two workflow steps racing on one report: one wins, the other writes nothing and is told")
    func workflowRace() async throws {
        try await TestApp.run { app, admin in
            let id = try await admin.createOrganization(name: "Hợp tác xã Hai Người Duyệt", code: "4201000001")
            #expect(try await admin.postForm("/organizations/\(id)/reports/2025", ReportingTests.figures + [("version", "")]).status == .seeOther)
            let version = try await admin.getJSON("/organizations/\(id)/reports/2025.json")["version"] as? Int ?? 0
            #expect(try await admin.postForm("/organizations/\(id)/reports/2025/actions", [("action", "submit"), ("text", "x"), ("version", String(version))]).status == .seeOther)
            let submitted = try await admin.getJSON("/organizations/\(id)/reports/2025.json")["version"] as? Int ?? 0
            let officers = [TestClient(app: app, base: admin.base), TestClient(app: app, base: admin.base)]
            for officer in officers { try await officer.signIn(as: .communeOfficer) }
            let statuses = try await withThrowingTaskGroup(of: HTTPResponseStatus.self) { group in
                for (n, officer) in officers.enumerated() {
                    let action = n == 0 ? "accept" : "return"
                    group.addTask {
                        try await officer.postForm("/organizations/\(id)/reports/2025/actions", [("action", action), ("text", "Thiếu số liệu"), ("version", String(submitted))]).status
                    }
                }
                return try await group.reduce(into: [HTTPResponseStatus]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .seeOther }.count == 1, "\(statuses)")
            #expect(statuses.filter { $0 == .conflict }.count == 1, "\(statuses)")
            let events = try await app.db.sql().raw("SELECT COUNT(*) AS n FROM report_events WHERE action IN ('accept', 'return')").first(decodingColumn: "n", as: Int.self)
            #expect(events == 1)
            let audit = try await app.db.sql().raw("SELECT COUNT(*) AS n FROM audit_events WHERE action IN ('report.accept', 'report.return')").first(decodingColumn: "n", as: Int.self)
            #expect(audit == 1)
        }
    }

    @Test("the API document names exactly the catalogue's figure keys, so the two cannot drift apart")
    func openAPIKeys() async throws {
        try await TestApp.run(as: nil) { app, client in
            let document = try await client.getJSON("/api/v1/openapi.json")
            let schemas = (document["components"] as? [String: Any])?["schemas"] as? [String: Any]
            let listed = (schemas?["FigureKey"] as? [String: Any])?["enum"] as? [String]
            #expect(listed == FigureDefinition.all.map(\.key.rawValue))
            #expect((document["paths"] as? [String: Any])?["/figures.json"] != nil)
        }
    }

    @Test("a write bumps its own province's version only, and the nation, summed from provinces, follows at once")
    func perProvinceVersions() async throws {
        try await TestApp.run { app, admin in
            try await admin.createOrganization(name: "Hợp tác xã Hà Tĩnh", code: "4201000001")
            try await admin.createOrganization(name: "Hợp tác xã Hà Nội", code: "0101000001", commune: Place.ngocHa)
            let sql = try app.db.sql()
            func version(_ province: String) async throws -> Int {
                try await sql.raw("SELECT version FROM data_versions WHERE name = \(bind: "figures:" + province)").first(decodingColumn: "version", as: Int.self) ?? -1
            }
            let nation = Self.values(try await admin.getJSON("/figures.json"))
            #expect(nation["htx_registered"] == 2)
            let (hanoi, hatinh) = (try await version("01"), try await version("42"))
            let id = try await admin.createOrganization(name: "Hợp tác xã Hà Tĩnh Hai", code: "4201000002")
            #expect(try await version("01") == hanoi, "another province's figures stay cached")
            #expect(try await version("42") > hatinh)
            #expect(Self.values(try await admin.getJSON("/figures.json"))["htx_registered"] == 3)
            #expect(Self.values(try await admin.getJSON("/figures.json?province=01"))["htx_registered"] == 1)
            // A report of that organisation bumps its province too.
            let before = try await version("42")
            #expect(try await admin.postForm("/organizations/\(id)/reports/2025", ReportingTests.figures + [("version", "")]).status == .seeOther)
            #expect(try await version("42") > before)
            #expect(try await version("01") == hanoi)
        }
    }

    @Test("a write recomputes its own commune: the province, its communes and the nation stay equal to a direct count")
    func perCommuneParts() async throws {
        try await TestApp.run { app, admin in
            let ngocHa = try await admin.createOrganization(name: "Hợp tác xã Ngọc Hà", code: "0101000001", commune: Place.ngocHa)
            try await admin.createOrganization(name: "Hợp tác xã Giảng Võ", code: "0101000002", commune: Place.giangVo)
            try await admin.createOrganization(name: "Hợp tác xã Sen Hồng", code: "4201000001", commune: Place.thanhSen)
            let sql = try app.db.sql()
            func version(_ name: String) async throws -> Int {
                try await sql.raw("SELECT version FROM data_versions WHERE name = \(bind: name)").first(decodingColumn: "version", as: Int.self) ?? -1
            }
            func direct(_ filter: (inout OrganizationFilter) -> Void) async throws -> [String: Double] {
                var area = OrganizationFilter()
                filter(&area)
                let figures = try await FiguresQueries.compute(year: 2025, by: .nation, within: area, on: sql)["VN"] ?? Figures().completed
                return figures.catalogue.compactMapValues { $0?.double }
            }
            func expectAllEqual(_ comment: Comment) async throws {
                #expect(Self.values(try await admin.getJSON("/figures.json?year=2025")) == (try await direct { _ in }), comment)
                #expect(Self.values(try await admin.getJSON("/figures.json?year=2025&province=01")) == (try await direct { $0.province = "01" }), comment)
                for commune in [Place.ngocHa, Place.giangVo] {
                    #expect(Self.values(try await admin.getJSON("/figures.json?year=2025&commune=\(commune)")) == (try await direct { $0.commune = commune }), comment)
                }
                let units = try await admin.getJSON("/dashboard/provinces/01.json?year=2025")["units"] as? [[String: Any]] ?? []
                for commune in [Place.ngocHa, Place.giangVo] {
                    let htx = units.first { $0["code"] as? String == commune }?["htx"] as? Int ?? 0
                    #expect(Double(htx) == (try await direct { $0.commune = commune })["htx_active"] ?? 0, comment)
                }
            }
            try await expectAllEqual("kept")
            let (giangVo, thanhSen, hanoi) = (try await version("figures-commune:" + Place.giangVo), try await version("figures-commune:" + Place.thanhSen),
                                              try await version("figures:01"))
            #expect(try await admin.postForm("/organizations/\(ngocHa)/reports/2025", ReportingTests.figures + [("version", "")]).status == .seeOther)
            let report = try await admin.getJSON("/organizations/\(ngocHa)/reports/2025.json")["version"] as? Int ?? 0
            #expect(try await admin.postForm("/organizations/\(ngocHa)/reports/2025/actions", [("action", "submit"), ("text", "Đã đối chiếu."), ("version", String(report))]).status == .seeOther)
            #expect(try await version("figures-commune:" + Place.giangVo) == giangVo, "another commune's figures stay kept")
            #expect(try await version("figures-commune:" + Place.thanhSen) == thanhSen)
            #expect(try await version("figures:01") > hanoi)
            try await expectAllEqual("after a report")
            #expect(Self.values(try await admin.getJSON("/figures.json?year=2025&province=01"))["reports_submitted"] == 1)
            // Moved to the other commune behind the server's back: both communes are counted again.
            try await sql.raw("UPDATE organizations SET commune_code = \(bind: Place.giangVo) WHERE id = \(bind: ngocHa)").run()
            #expect(try await version("figures-commune:" + Place.giangVo) > giangVo)
            try await expectAllEqual("after a move")
            #expect(Self.values(try await admin.getJSON("/figures.json?year=2025&commune=\(Place.giangVo)"))["htx_registered"] == 2)
            #expect(Self.values(try await admin.getJSON("/figures.json?year=2025&commune=\(Place.ngocHa)"))["htx_registered"] == 0)
            // The migration reverts to province versions alone and back again.
            try await TrackFiguresByCommune().revert(on: app.db)
            #expect(try await version("figures-commune:" + Place.giangVo) == -1)
            let province = try await version("figures:01")
            try await sql.raw("UPDATE organizations SET official_members = 9 WHERE id = \(bind: ngocHa)").run()
            #expect(try await version("figures:01") > province)
            try await TrackFiguresByCommune().prepare(on: app.db)
            try await sql.raw("UPDATE organizations SET official_members = 10 WHERE id = \(bind: ngocHa)").run()
            #expect(try await version("figures-commune:" + Place.giangVo) == 1)
        }
    }

    @Test("the first national view computes all provinces in one pass, equal to a direct count of the country and of each")
    func coldNationInOnePass() async throws {
        try await TestApp.run { app, admin in
            for (name, code, commune) in [("Hợp tác xã Sen Hồng", "4201000001", Place.thanhSen), ("Hợp tác xã Ngọc Hà", "0101000001", Place.ngocHa)] {
                let id = try await admin.createOrganization(name: name, code: code, commune: commune)
                #expect(try await admin.postForm("/organizations/\(id)/reports/2025", ReportingTests.figures + [("version", "")]).status == .seeOther)
                let version = try await admin.getJSON("/organizations/\(id)/reports/2025.json")["version"] as? Int ?? 0
                #expect(try await admin.postForm("/organizations/\(id)/reports/2025/actions", [("action", "submit"), ("text", "Đã đối chiếu."), ("version", String(version))]).status == .seeOther)
            }
            let sql = try app.db.sql()
            func direct(_ province: String?) async throws -> [String: Double] {
                var filter = OrganizationFilter()
                filter.province = province
                let figures = try await FiguresQueries.compute(year: 2025, by: .nation, within: filter, on: sql)["VN"] ?? Figures().completed
                return figures.catalogue.compactMapValues { $0?.double }
            }
            let nation = Self.values(try await admin.getJSON("/figures.json?year=2025"))
            #expect(nation["reports_submitted"] == 2 && nation["htx_registered"] == 2)
            #expect(nation == (try await direct(nil)))
            for province in ["01", "42"] {
                #expect(Self.values(try await admin.getJSON("/figures.json?year=2025&province=\(province)")) == (try await direct(province)), "\(province)")
            }
            // The national dashboard's province rows come from the same one pass.
            let units = try await admin.getJSON("/dashboard.json?year=2025")["units"] as? [[String: Any]] ?? []
            for province in ["01", "42"] {
                let row = units.first { $0["code"] as? String == province }
                #expect(row?["reports_on_time"] as? Int == Int(try await direct(province)["reports_on_time"] ?? -1), "\(province)")
                #expect(row?["htx"] as? Int == 1, "\(province)")
            }
        }
    }
}
