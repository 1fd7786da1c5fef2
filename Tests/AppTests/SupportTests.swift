import Foundation
import HopTacCore
import SQLKit
import Testing
import Vapor
@testable import App

@Suite("Support policies and what they delivered: policies, imported grants, scopes, and the figures they move")
struct SupportTests {
    /// A policy of Hà Tĩnh carried out by the province's cooperative alliance, entered by a provincial officer.
    static func createPolicy(_ app: Application, base: String, kind: PolicyKind = .training, code: String = "NQ56-2021-DT",
                             agency: String = "Liên minh Hợp tác xã tỉnh") async throws -> Int {
        let officer = TestClient(app: app, base: base)
        try await officer.signIn(as: .provinceOfficer)
        let created = try await officer.postForm("/policies", [
            ("code", code), ("title", "Hỗ trợ bồi dưỡng cán bộ quản lý hợp tác xã"), ("document_number", "56/2021/NQ-HĐND"), ("document_date", "10/12/2021"),
            ("issuer", "Hội đồng nhân dân tỉnh Hà Tĩnh"), ("level", "province"), ("unit_code", "42"), ("kind", kind.rawValue),
            ("budget_source", "Ngân sách tỉnh"), ("period_from", "2021"), ("period_to", "2030"), ("agency", agency), ("conditions", ""),
        ])
        #expect(created.status == .seeOther, "\(created.body.string.prefix(2000))")
        return Int(created.location?.split(separator: "/").last ?? "") ?? 0
    }

    /// Uploads a sheet to `/import/support` and confirms it when it is clean; the page's text.
    static func importSheet(_ client: TestClient, _ text: String) async throws -> (status: HTTPResponseStatus, page: String) {
        let preview = try await client.postMultipart("/import/support", [], files: [("file", "ho-tro.csv", Data(text.utf8))])
        guard preview.status == .ok, let token = preview.body.string.firstMatch(of: /name="token" value="([^"]+)"/)?.1 else {
            return (preview.status, preview.body.string)
        }
        let confirmed = try await client.postForm("/import/support/confirm", [("token", String(token))])
        return (confirmed.status, confirmed.body.string)
    }

    @Test("a course with managers of 30 of 60 cooperatives moves “managers trained” to 50% live; a sheet imported twice counts once")
    func managersTrained() async throws {
        try await TestApp.run { app, admin in
            for index in 1...60 {
                try await admin.createOrganization(name: "Hợp tác xã Thử Nghiệm \(index)", code: "42011\(String(format: "%05d", index))",
                                                   extra: #", "registration_date": "2020-01-01""#)
            }
            let policy = try await Self.createPolicy(app, base: admin.base)
            let before = FiguresTests.values(try await admin.getJSON("/figures.json?province=42"))
            #expect(before["managers_trained_share"] == 0 && before["htx_registered"] == 60)

            let alliance = TestClient(app: app, base: admin.base)
            try await alliance.signIn(as: .allianceOfficer, department: "Liên minh Hợp tác xã tỉnh Hà Tĩnh")
            let day = Day.today().adding(days: -1).vietnamese
            let rows = (1...30).map { "\($0);nq56-2021-dt;42011\(String(format: "%05d", $0));Nguyễn Văn An \($0);Giám đốc;Quản trị hợp tác xã;\(day);4.500.000" }
            let sheet = "DANH SÁCH HỌC VIÊN LỚP BỒI DƯỠNG;;;;;;;\nSTT;Chính sách;Mã số HTX;Họ và tên;Chức vụ;Khóa học;Ngày;Kinh phí (đồng)\n" + rows.joined(separator: "\n") + "\n"
            let imported = try await Self.importSheet(alliance, sheet)
            #expect(imported.status == .ok && imported.page.contains("Đã nhập: tạo mới 30"), "\(imported.page.prefix(3000))")

            let after = FiguresTests.values(try await admin.getJSON("/figures.json?province=42"))
            #expect(after["managers_trained"] == 30 && after["managers_trained_share"] == 50, "\(after["managers_trained_share"] ?? -1)")
            #expect(after["support_amount"] == 135 && after["supported_organizations"] == 30)
            let items = try #require(try await admin.getJSON("/support.json?province=42")["items"] as? [[String: Any]])
            #expect(items.count == 30)
            let first = try #require(items.first)
            #expect(first["policy"] as? String == "NQ56-2021-DT" && first["kind"] as? String == "training" && first["organization_id"] is Int)
            #expect(first["date"] as? String == Day.today().adding(days: -1).iso && first["amount"] as? Double == 4.5 && first["unit"] as? String == "triệu đồng")
            #expect(first["person_name"] as? String != nil && first["agency"] as? String == "Liên minh Hợp tác xã tỉnh")

            let again = try await Self.importSheet(alliance, sheet)
            #expect(again.page.contains("tạo mới 0") && again.page.contains("không đổi 30"), "a sheet imported twice counts once")
            let policies = try #require(try await admin.getJSON("/policies.json")["items"] as? [[String: Any]])
            #expect(policies.count == 1 && policies.first?["grants"] as? Int == 30 && policies.first?["amount"] as? Double == 135)
            let detail = try await admin.getJSON("/policies/\(policy).json")
            #expect((detail["by_year"] as? [[String: Any]])?.first?["organizations"] as? Int == 30)
            let page = try await admin.get("/policies/\(policy)").body.string
            #expect(page.contains("Nguyễn Văn An 1") && page.contains("Kết quả theo xã, phường"))
            let audit = try await app.db.sql().raw("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'support.record'").first(decodingColumn: "n", as: Int.self)
            #expect(audit == 1, "one audited write for the sheet; the repeat wrote nothing")
        }
    }

    @Test("model cooperatives and commendations: recognitions imported with their decisions count per unit; a withdrawn one does not; nothing else moves")
    func recognitions() async throws {
        try await TestApp.run { app, admin in
            for (index, commune) in [Place.thanhSen, Place.thanhSen, "18100", Place.thanhSen].enumerated() {
                try await admin.createOrganization(name: "Hợp tác xã Tiêu Biểu \(index + 1)", code: "420120000\(index + 1)", commune: commune,
                                                   extra: #", "registration_date": "2020-01-01""#)
            }
            _ = try await Self.createPolicy(app, base: admin.base, kind: .modelCooperative, code: "KM-2025", agency: "Sở Tài chính")
            _ = try await Self.createPolicy(app, base: admin.base, kind: .commendation, code: "KT-2025", agency: "Sở Nội vụ")
            let officer = TestClient(app: app, base: admin.base)
            try await officer.signIn(as: .provinceOfficer)
            let today = Day.today().vietnamese
            let header = "Chính sách;Mã số HTX;Số quyết định;Ngày quyết định;Cấp công nhận, khen thưởng;Hình thức khen thưởng;Ngày thu hồi\n"
            let bad = try await Self.importSheet(officer, header + """
                KM-2025;4201200001;;\(today);Tỉnh;;
                KT-2025;4201200002;12/QĐ-UBND;\(today);Tỉnh;;
                KT-2025;4201200002;13/QĐ-UBND;\(today);Hội đồng;Bằng khen;

                """)
            #expect(bad.status == .unprocessableEntity)
            for expected in ["cần ghi số quyết định công nhận", "cần ghi hình thức khen thưởng", "ghi “Trung ương”, “Tỉnh” hoặc “Xã”", "Hình thức khen thưởng"] {
                #expect(bad.page.contains(expected), "“\(expected)” in the problems")
            }
            let clean = try await Self.importSheet(officer, header + """
                KM-2025;4201200001;101/QĐ-UBND;\(today);UBND tỉnh;;
                KM-2025;4201200003;102/QĐ-UBND;\(today);Tỉnh;;
                KM-2025;4201200004;103/QĐ-UBND;\(today);Tỉnh;;\(today)
                KT-2025;4201200002;12/QĐ-UBND;\(today);Xã;Giấy khen của Chủ tịch UBND xã;

                """)
            #expect(clean.status == .ok && clean.page.contains("tạo mới 4"), "\(clean.page.prefix(3000))")

            let province = FiguresTests.values(try await admin.getJSON("/figures.json?province=42"))
            #expect(province["model_cooperatives"] == 2, "the one withdrawn today is no longer a model: \(province["model_cooperatives"] ?? -1)")
            #expect(province["communes_with_model"] == 2 && province["commended_organizations"] == 1)
            #expect(province["supported_organizations"] == 0 && province["support_amount"] == 0, "a recognition is not support given")
            let commune = FiguresTests.values(try await admin.getJSON("/figures.json?commune=\(Place.thanhSen)"))
            #expect(commune["model_cooperatives"] == 1 && commune["communes_with_model"] == 1)
            let items = try #require(try await admin.getJSON("/support.json?province=42&kind=commendation")["items"] as? [[String: Any]])
            #expect(items.count == 1 && items.first?["award_level"] as? String == "commune" && items.first?["award_form"] as? String == "Giấy khen của Chủ tịch UBND xã")
            let page = try await admin.get("/support?province=42&kind=model_cooperative").body.string
            #expect(page.contains("quyết định số 101/QĐ-UBND") && page.contains("thu hồi từ \(today)"))
        }
    }

    @Test("a bad row changes nothing; each refusal names the row, the column and why; scopes hold")
    func refusals() async throws {
        try await TestApp.run { app, admin in
            try await admin.createOrganization(name: "Hợp tác xã Thành Sen", code: "4201100001", extra: #", "registration_date": "2020-01-01""#)
            try await admin.createOrganization(name: "Hợp tác xã Ngọc Hà", code: "0101100001", commune: Place.ngocHa, extra: #", "registration_date": "2020-01-01""#)
            _ = try await Self.createPolicy(app, base: admin.base, kind: .credit, code: "QHT-VAY", agency: "Quỹ hỗ trợ phát triển hợp tác xã tỉnh")
            let day = Day.today().adding(days: -1).vietnamese
            let header = "Chính sách;Mã số HTX;Ngày giải ngân;Số tiền vay (triệu đồng);Bên cho vay;Lãi suất (%/năm);Dư nợ (tỷ đồng)\n"
            let officer = TestClient(app: app, base: admin.base)
            try await officer.signIn(as: .provinceOfficer)
            let bad = try await Self.importSheet(officer, header + """
                QHT-VAY;4201100001;\(day);500;Quỹ hỗ trợ phát triển HTX;6,5;0,4
                QHT-VAY;4201100001;31/02/2026;500;;150;x
                KHONG-CO;4201100001;\(day);1;;;
                QHT-VAY;0101100001;\(day);10;Quỹ;;

                """)
            #expect(bad.status == .unprocessableEntity)
            for expected in ["Ngày giải ngân", "không phải ngày dd/mm/yyyy", "Lãi suất (%/năm)", "phải từ 0 đến 100 %/năm", "Dư nợ (tỷ đồng)",
                             "Bên cho vay", "cần ghi bên cho vay", "KHONG-CO", "không có chính sách nào mang mã này", "không thuộc địa bàn"] {
                #expect(bad.page.contains(expected), "“\(expected)” in the problems")
            }
            let sql = try app.db.sql()
            let count = { try await sql.raw("SELECT COUNT(*) AS n FROM support_records").first(decodingColumn: "n", as: Int.self) }
            #expect(try await count() == 0, "nothing half-written")

            // The balance column states tỷ đồng: 0,4 tỷ is 400 triệu, read exactly.
            let clean = try await Self.importSheet(officer, header + "QHT-VAY;4201100001;\(day);500;Quỹ hỗ trợ phát triển HTX;6,5;0,4\n")
            #expect(clean.status == .ok, "\(clean.page.prefix(2000))")
            let figures = FiguresTests.values(try await admin.getJSON("/figures.json?province=42"))
            #expect(figures["loans_outstanding"] == 400 && figures["support_amount"] == 500)

            // A sector department records only under its own agency's policies.
            let sector = TestClient(app: app, base: admin.base)
            try await sector.signIn(as: .sectorOfficer, department: "Sở Tài chính")
            let refused = try await Self.importSheet(sector, header + "QHT-VAY;4201100001;\(day);20;Quỹ;;\n")
            #expect(refused.status == .unprocessableEntity && refused.page.contains("chỉ cán bộ của cơ quan đó ghi kết quả"))
            let cooperative = TestClient(app: app, base: admin.base)
            try await cooperative.signIn(as: .cooperative, organization: "4201100001")
            #expect(try await cooperative.get("/support.json").status == .forbidden)
            #expect(try await count() == 1)
        }
    }

    @Test("hoptac import support FILE --dry-run checks a sheet and writes nothing")
    func commandLine() async throws {
        let binary = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(".build/debug/hoptac")
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "build the hoptac command first")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hoptac-support-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let sheet = folder.appendingPathComponent("ho-tro.csv")
        try Data("Chính sách;Mã số HTX;Ngày\nKHONG-CO;4201100001;01/02/2026\n".utf8).write(to: sheet)
        let result = try runCommand(["import", "support", sheet.path, "--dry-run"], executable: binary,
                                    environment: ["HOPTAC_DATABASE_URL": folder.appendingPathComponent("cli.sqlite").path])
        let output = String(decoding: result.output, as: UTF8.self)
        #expect(result.status != 0 && output.contains("Dòng 2, cột “Chính sách”, giá trị “KHONG-CO”: không có chính sách nào mang mã này"), "\(output) \(result.errors)")
    }
}
