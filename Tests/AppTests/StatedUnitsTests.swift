import Foundation
import HopTacCore
import SQLKit
import Testing
import Vapor
@testable import App

@Suite("Sheets whose headers state a unit: đồng, nghìn, triệu and tỷ đồng read as such")
struct StatedUnitsTests {
    @Test("“Vốn điều lệ (đồng)” and “(tỷ đồng)” convert to the stored unit; a value too large for triệu says to state the unit")
    func charterCapital() async throws {
        try await TestApp.run(as: .provinceOfficer) { app, officer in
            func imported(_ header: String, _ value: String) async throws -> (status: HTTPResponseStatus, page: String) {
                let csv = "Tên HTX;Mã số HTX;Mã xã;Loại hình;Lĩnh vực;Số thành viên;\(header)\nHợp tác xã Đơn Vị;4201000009;\(Place.thanhSen);HTX;Nông nghiệp;12;\(value)\n"
                let preview = try await officer.upload("/import/organizations", file: Data(csv.utf8), filename: "don-vi.csv")
                return (preview.status, preview.body.string)
            }
            let inDong = try await imported("Vốn điều lệ (đồng)", "1.500.000.000")
            #expect(inDong.status == .ok && inDong.page.contains("Vốn điều lệ, tính bằng đồng"), "\(inDong.page.prefix(3000))")
            let fraction = try await imported("Vốn điều lệ (đồng)", "1,5")
            #expect(fraction.status == .unprocessableEntity && fraction.page.contains("Vốn điều lệ (đồng)"))
            let unstated = try await imported("Vốn điều lệ", "1.500.000.000")
            #expect(unstated.status == .unprocessableEntity && unstated.page.contains("ghi đơn vị ở tiêu đề"))

            let token = try #require(try await imported("Vốn điều lệ (tỷ đồng)", "1,5").page.firstMatch(of: /name="token" value="([^"]+)"/).map { String($0.output.1) })
            #expect(try await officer.postForm("/import/organizations/confirm", [("token", token)]).status == .ok)
            let capital = try await app.db.sql().raw("SELECT charter_capital FROM organizations WHERE registration_code = '4201000009'")
                .first(decodingColumn: "charter_capital", as: Int64.self)
            #expect(capital == 1_500_000_000, "1,5 tỷ đồng is 1.500 triệu, stored in đồng")
        }
    }

    @Test("a report sheet's “Doanh thu (nghìn đồng)” is read in nghìn; a fraction of a đồng is refused with the column")
    func reportAmounts() async throws {
        try await TestApp.run { app, admin in
            let id = try await admin.createOrganization(name: "Hợp tác xã Một", code: "4201000001", extra: #", "registration_date": "2019-01-02""#)
            func run(_ revenue: String) async throws -> ImportReport {
                let csv = "Mã số HTX,Số thành viên chính thức,Doanh thu (nghìn đồng),Lợi nhuận trước thuế (đồng)\n4201000001,45,\(revenue),\"420.500.000\"\n"
                return try await ReportImport.run(try SpreadsheetFile.read(Data(csv.utf8), filename: "bao-cao.csv"), filename: "bao-cao.csv", year: 2025, dryRun: false,
                                                  principal: .system, actor: .commandLine("test"), on: app.db)
            }
            let bad = try await run("\"2.500,0005\"")
            #expect(bad.problems.contains { $0.column == "Doanh thu (nghìn đồng)" && $0.value == "2.500,0005" }, "\(bad.problems.map(\.line))")
            let good = try await run("\"2.500.000\"")
            #expect(good.isClean, "\(good.problems.map(\.line))")
            let figures = try #require(try await admin.getJSON("/organizations/\(id)/reports/2025.json")["figures"] as? [String: Any])
            #expect(figures["revenue"] as? Double == 2_500 && figures["pretax_profit"] as? Double == 420.5)
        }
    }
}
