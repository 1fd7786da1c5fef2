import Foundation
import HopTacCore
import SQLKit
import Testing
import Vapor
@testable import App

@Suite("Population by unit and year: imported from the statistics office's table, the share of people in collective organisations measured")
struct PopulationTests {
    /// Uploads a sheet to `/import/population` for `year` and confirms it when it is clean; the page's text.
    static func importSheet(_ client: TestClient, _ text: String, year: Int) async throws -> (status: HTTPResponseStatus, page: String) {
        let preview = try await client.postMultipart("/import/population", [("year", String(year))], files: [("file", "dan-so.csv", Data(text.utf8))])
        guard preview.status == .ok, let token = preview.body.string.firstMatch(of: /name="token" value="([^"]+)"/)?.1 else {
            return (preview.status, preview.body.string)
        }
        let confirmed = try await client.postForm("/import/population/confirm", [("token", String(token))])
        return (confirmed.status, confirmed.body.string)
    }

    @Test("a province's table of communes moves population and the members' share live; a bad row changes nothing; only the province imports its own")
    func populationShare() async throws {
        try await TestApp.run { app, admin in
            try await admin.createOrganization(name: "Tổ hợp tác Rau Sạch", type: "tht", code: nil, extra: #", "official_members": 30"#)
            try await admin.createOrganization(name: "Tổ hợp tác Chăn Nuôi", type: "tht", code: nil, extra: #", "official_members": 20"#)
            let officer = TestClient(app: app, base: admin.base)
            try await officer.signIn(as: .provinceOfficer)
            let last = Day.today().year - 1
            let sql = try app.db.sql()
            let count = { try await sql.raw("SELECT COUNT(*) AS n FROM populations").first(decodingColumn: "n", as: Int.self) }

            let bad = try await Self.importSheet(officer, """
                BIỂU DÂN SỐ CÁC XÃ, PHƯỜNG;;
                Mã xã;Tên xã, phường;Dân số (người)
                18073;Phường Thành Sen;1.000
                99999;Không có;500
                00008;Phường Ngọc Hà;2.000
                18100;Xã khác;12,5
                18073;Phường Thành Sen;1.100

                """, year: last)
            #expect(bad.status == .unprocessableEntity)
            for expected in ["không có xã, phường, đặc khu nào mang mã này", "không thuộc tỉnh bạn phụ trách", "phải là số nguyên", "đã có số dân năm \(last) ở dòng 3",
                             "Dân số (người)"] {
                #expect(bad.page.contains(expected), "“\(expected)” in the problems")
            }
            #expect(try await count() == 0, "nothing half-written")

            let clean = try await Self.importSheet(officer, "Mã xã;Tên xã, phường;Dân số (người)\n18073;Phường Thành Sen;1.000\n", year: last)
            #expect(clean.status == .ok && clean.page.contains("tạo mới 1"), "\(clean.page.prefix(3000))")
            // This year has no table yet: the latest earlier one stands.
            let figures = FiguresTests.values(try await admin.getJSON("/figures.json?commune=\(Place.thanhSen)"))
            #expect(figures["population"] == 1_000 && figures["population_share"] == 5, "\(figures["population_share"] ?? -1)")
            let page = try await admin.getJSON("/population.json?province=42&year=\(last)")
            let items = try #require(page["items"] as? [[String: Any]])
            #expect(items.count == 1 && items.first?["code"] as? String == Place.thanhSen && items.first?["population"] as? Int == 1_000
                    && items.first?["members"] as? Int == 50 && items.first?["share"] as? Double == 5)

            let again = try await Self.importSheet(officer, "Mã xã;Năm;Dân số\n18073;\(last);1.250\n", year: last)
            #expect(again.page.contains("cập nhật 1"), "\(again.page.prefix(3000))")
            #expect(FiguresTests.values(try await admin.getJSON("/figures.json?province=42"))["population_share"] == 4, "50 of 1.250, recomputed at once")

            let commune = TestClient(app: app, base: admin.base)
            try await commune.signIn(as: .communeOfficer)
            #expect(try await commune.get("/import/population").status == .forbidden)
            let audit = try await sql.raw("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'population.import'").first(decodingColumn: "n", as: Int.self)
            #expect(audit == 2)
        }
    }
}
