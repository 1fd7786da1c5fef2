import Foundation
import HopTacCore
import SQLKit
import Testing
import Vapor
@testable import App

@Suite("People's credit funds: the State Bank's yearly figures imported, on the fund's record, in /figures and /credit-funds")
struct CreditFundTests {
    /// Uploads a sheet to `/import/credit-funds` for `year` and confirms it when it is clean; the page's text.
    static func importSheet(_ client: TestClient, _ text: String, year: Int) async throws -> (status: HTTPResponseStatus, page: String) {
        let preview = try await client.postMultipart("/import/credit-funds", [("year", String(year))], files: [("file", "qtdnd.csv", Data(text.utf8))])
        guard preview.status == .ok, let token = preview.body.string.firstMatch(of: /name="token" value="([^"]+)"/)?.1 else {
            return (preview.status, preview.body.string)
        }
        let confirmed = try await client.postForm("/import/credit-funds/confirm", [("token", String(token))])
        return (confirmed.status, confirmed.body.string)
    }

    @Test("the State Bank's officer imports the funds' table in tỷ đồng; a bad row changes nothing; the province's bad-debt ratio is its amounts' ratio")
    func stateBankTable() async throws {
        try await TestApp.run { app, admin in
            let first = try await admin.createOrganization(name: "Quỹ tín dụng nhân dân Thạch Trung", type: "qtdnd", sector: "finance-banking", code: "4201000001")
            try await admin.createOrganization(name: "Quỹ tín dụng nhân dân Thạch Hạ", type: "qtdnd", sector: "finance-banking", code: "4201000002")
            try await admin.createOrganization(name: "Hợp tác xã Nông nghiệp Đại Hưng", code: "4201000003")
            try await admin.createOrganization(name: "Quỹ tín dụng nhân dân Ba Đình", type: "qtdnd", sector: "finance-banking", code: "0101000004", commune: Place.ngocHa)
            let bank = TestClient(app: app, base: admin.base)
            try await bank.signIn(as: .sectorOfficer, department: "Ngân hàng Nhà nước Khu vực 10")
            let year = Day.today().year - 1
            let sql = try app.db.sql()
            let count = { try await sql.raw("SELECT COUNT(*) AS n FROM credit_fund_years").first(decodingColumn: "n", as: Int.self) }
            let header = "Mã số QTDND;Tên quỹ;Số thành viên;Vốn điều lệ (tỷ đồng);Tiền gửi huy động (tỷ đồng);Dư nợ cho vay (tỷ đồng);Nợ xấu (tỷ đồng);Tỷ lệ nợ xấu (%)"

            let bad = try await Self.importSheet(bank, """
                SỐ LIỆU QUỸ TÍN DỤNG NHÂN DÂN NĂM \(year);;;;;;;
                \(header)
                4201000001;QTDND Thạch Trung;2.150;5,2;180;150;1,5;1
                4201000003;HTX Đại Hưng;10;1;1;1;;
                9999999999;Không có;10;1;1;1;;
                0101000004;QTDND Ba Đình;3.000;8;200;210;;0,8
                4201000002;QTDND Thạch Hạ;1.200;3;90;;;
                4201000002;QTDND Thạch Hạ;1.200;3;90;100;2;1,5
                4201000001;QTDND Thạch Trung;2.150;5,2;180;150;;120

                """, year: year)
            #expect(bad.status == .unprocessableEntity)
            for expected in ["không phải quỹ tín dụng nhân dân", "không có tổ chức nào mang mã số này", "không thuộc tỉnh bạn phụ trách",
                             "cần ghi dư nợ cho vay", "không khớp với nợ xấu 2.000 triệu đồng", "phải là số từ 0 đến 100", "Tỷ lệ nợ xấu (%)"] {
                #expect(bad.page.contains(expected), "“\(expected)” in the problems")
            }
            #expect(try await count() == 0, "nothing half-written")

            let clean = try await Self.importSheet(bank, """
                \(header)
                4201000001;QTDND Thạch Trung;2.150;5,2;180;150;1,5;1
                4201000002;QTDND Thạch Hạ;1.200;3;90;100;;2,25

                """, year: year)
            #expect(clean.status == .ok && clean.page.contains("tạo mới 2"), "\(clean.page.prefix(3000))")
            let figures = FiguresTests.values(try await admin.getJSON("/figures.json?province=42&year=\(year)"))
            #expect(figures["credit_funds_reporting"] == 2 && figures["credit_fund_members"] == 3_350)
            #expect(figures["credit_fund_loans"] == 250_000 && figures["credit_fund_deposits"] == 270_000 && figures["credit_fund_charter_capital"] == 8_200)
            // 1,5 tỷ and 2,25% of 100 tỷ: 3,75 of 250 tỷ, 1,5% (never the mean of 1% and 2,25%).
            #expect(figures["credit_fund_bad_debt"] == 3_750 && figures["credit_fund_bad_debt_ratio"] == 1.5, "\(figures["credit_fund_bad_debt_ratio"] ?? -1)")

            let list = try await admin.getJSON("/credit-funds.json?province=42&year=\(year)")
            let items = try #require(list["items"] as? [[String: Any]])
            #expect(items.count == 2 && items.first?["name"] as? String == "Quỹ tín dụng nhân dân Thạch Hạ")
            let total = try #require(list["total"] as? [String: Any])
            #expect(total["loans"] as? Double == 250_000 && total["bad_debt_ratio"] as? Double == 1.5)
            let csv = try await admin.get("/credit-funds.csv?province=42&year=\(year)").body.string
            #expect(csv.contains("Quỹ tín dụng nhân dân Thạch Trung") && csv.contains("150.000"))
            let record = try await admin.get("/organizations/\(first)").body.string
            #expect(record.contains("Số liệu của Ngân hàng Nhà nước") && record.contains("150.000") && record.contains("1%"))

            let again = try await Self.importSheet(bank, "Mã số QTDND;Năm;Dư nợ cho vay;Nợ xấu\n4201000001;\(year);160.000;800\n", year: year)
            #expect(again.page.contains("cập nhật 1"), "\(again.page.prefix(3000))")
            #expect(FiguresTests.values(try await admin.getJSON("/figures.json?province=42&year=\(year)"))["credit_fund_loans"] == 260_000, "recomputed at once")
            let audit = try await sql.raw("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'credit_fund.import' AND entity_id = \(bind: String(first))")
                .first(decodingColumn: "n", as: Int.self)
            #expect(audit == 2, "each change on the fund's record")

            let agriculture = TestClient(app: app, base: admin.base)
            try await agriculture.signIn(as: .sectorOfficer, department: "Sở Nông nghiệp và Môi trường")
            let refused = try await Self.importSheet(agriculture, "Mã số QTDND;Dư nợ cho vay\n4201000001;1\n", year: year)
            #expect(refused.status == .unprocessableEntity && refused.page.contains("chỉ cán bộ Ngân hàng Nhà nước"), "\(refused.page.components(separatedBy: "<main").last?.prefix(4000) ?? "")")
            let commune = TestClient(app: app, base: admin.base)
            try await commune.signIn(as: .communeOfficer)
            #expect(try await commune.get("/import/credit-funds").status == .forbidden)
        }
    }
}
