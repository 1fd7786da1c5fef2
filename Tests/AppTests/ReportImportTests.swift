import Foundation
import HopTacCore
import SQLKit
import Testing
import Vapor
@testable import App

@Suite("Importing annual reports from a sheet")
struct ReportImportTests {
    /// A sheet as a commune sends it: a title block, Vietnamese headers without diacritics in places, a row numbering the
    /// columns, numbers written the Vietnamese way, and self-assessed points by rubric code.
    static func sheet(lastRow: String) -> Data {
        Data("""
        BÁO CÁO TÌNH HÌNH HOẠT ĐỘNG HỢP TÁC XÃ NĂM 2025
        (Kèm theo công văn số 12/UBND)

        Mã số HTX,Tên HTX,So thanh vien chinh thuc,Số lao động thường xuyên,Doanh thu (triệu đồng),Lợi nhuận trước thuế,Tham gia chuỗi giá trị,TC8
        (1),(2),(3),(4),(5),(6),(7),(8)
        4201000001,Hợp tác xã Một,45,12,"6.500","420,5",có,5
        \(lastRow)

        """.utf8)
    }

    func run(_ data: Data, dryRun: Bool = false, as principal: Principal = .system, _ app: Application) async throws -> ImportReport {
        try await ReportImport.run(try SpreadsheetFile.read(data, filename: "bao-cao.csv"), filename: "bao-cao.csv", year: 2025, dryRun: dryRun,
                                   principal: principal, actor: .commandLine("test"), on: app.db)
    }

    func reports(_ app: Application) async throws -> Int {
        try await app.db.sql().raw("SELECT COUNT(*) AS n FROM annual_reports").first(decodingColumn: "n", as: Int.self) ?? -1
    }

    @Test("a good sheet makes drafts, a bad last row leaves nothing, re-importing changes nothing")
    func allOrNothing() async throws {
        try await TestApp.run { app, admin in
            let one = try await admin.createOrganization(name: "Hợp tác xã Một", code: "4201000001", extra: #", "registration_date": "2019-01-02""#)
            try await admin.createOrganization(name: "Hợp tác xã Hai", code: "4201000002", extra: #", "registration_date": "2019-01-02""#)

            let bad = try await run(Self.sheet(lastRow: "4201000002,Hợp tác xã Hai,bốn mươi,12,\"1.000\",10,không,4\n4209999999,Không có,10,1,1,1,không,1"), app)
            #expect(bad.problems.map(\.line).contains { $0.contains("Dòng 7, cột “So thanh vien chinh thuc”") && $0.contains("bốn mươi") },
                    "\(bad.problems.map(\.line))")
            #expect(bad.problems.contains { $0.row == 8 && $0.reason.contains("không có tổ chức nào mang mã số này") })
            #expect(try await reports(app) == 0, "the good first row was not kept either")

            let good = Self.sheet(lastRow: "4201000002,Hợp tác xã Hai,30,8,\"1.234,5\",10,không,4")
            let dry = try await run(good, dryRun: true, app)
            let afterDryRun = try await reports(app)
            #expect(dry.isClean && dry.created == 2 && afterDryRun == 0)
            #expect(dry.columns == [
                ImportColumn(title: "Mã số HTX", use: "Mã số HTX (để tìm tổ chức)"), ImportColumn(title: "Tên HTX", use: nil),
                ImportColumn(title: "So thanh vien chinh thuc", use: ReportField.officialMembers.label), ImportColumn(title: "Số lao động thường xuyên", use: ReportField.workers.label),
                ImportColumn(title: "Doanh thu (triệu đồng)", use: "Doanh thu, tính bằng triệu đồng"), ImportColumn(title: "Lợi nhuận trước thuế", use: "\(ReportField.pretaxProfit.label), tính bằng triệu đồng"),
                ImportColumn(title: "Tham gia chuỗi giá trị", use: ReportField.valueChain.label), ImportColumn(title: "TC8", use: "Điểm tự chấm TC8"),
            ])
            let done = try await run(good, app)
            #expect((done.created, done.updated, done.unchanged) == (2, 0, 0), "\(done.problems.map(\.line))")
            let json = try await admin.getJSON("/organizations/\(one)/reports/2025.json")
            #expect(json["state"] as? String == "draft")
            let figures = try #require(json["figures"] as? [String: Any])
            #expect((figures["revenue"] as? NSNumber)?.doubleValue == 6500 && (figures["pretax_profit"] as? NSNumber)?.doubleValue == 420.5)
            let chain = try await app.db.sql().raw("SELECT value_chain FROM annual_reports WHERE organization_id = \(bind: one)").first(decodingColumn: "value_chain", as: Int.self)
            #expect(chain == 1, "“có” is read as yes")
            let again = try await run(good, app)
            #expect((again.created, again.updated, again.unchanged) == (0, 0, 2))

            // Officers import only inside their area.
            let elsewhere = Principal(userId: 1, role: .communeOfficer, unitCode: "00008", organizationId: nil)
            let refused = try await run(good, as: elsewhere, app)
            #expect(refused.problems.count == 2 && refused.problems.allSatisfy { $0.reason.contains("không thuộc địa bàn") })
        }
    }

    @Test("the web upload previews, then writes on confirmation")
    func webUpload() async throws {
        try await TestApp.run(as: .communeOfficer) { app, officer in
            let admin = TestClient(app: app, base: officer.base)
            try await admin.signIn(as: .admin)
            try await admin.createOrganization(name: "Hợp tác xã Một", code: "4201000001", extra: #", "registration_date": "2019-01-02""#)
            try await admin.createOrganization(name: "Hợp tác xã Hai", code: "4201000002", extra: #", "registration_date": "2019-01-02""#)
            let data = Self.sheet(lastRow: "4201000002,Hợp tác xã Hai,30,8,100,10,không,4")
            let preview = try await officer.postMultipart("/import/reports", [("year", "2025")], files: [("file", "bao-cao.csv", data)])
            #expect(preview.status == .ok && preview.body.string.contains("sẽ tạo mới 2"))
            #expect(try await reports(app) == 0)
            let token = try #require(preview.body.string.range(of: #"name="token" value="([^"]+)""#, options: .regularExpression).map {
                String(preview.body.string[$0]).components(separatedBy: "value=\"")[1].dropLast()
            })
            let confirmed = try await officer.postForm("/import/reports/confirm", [("token", String(token))])
            #expect(confirmed.status == .ok && confirmed.body.string.contains("Đã nhập"))
            #expect(try await reports(app) == 2)
        }
    }
}
