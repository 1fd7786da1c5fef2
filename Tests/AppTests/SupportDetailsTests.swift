import Foundation
import HopTacCore
import SQLKit
import Testing
import Vapor
@testable import App

@Suite("Support one grant at a time: the grant form, corrections and withdrawals under optimistic locking, payments by period, courses, model-cooperative criteria")
struct SupportDetailsTests {
    static func count(_ app: Application, _ table: String, _ condition: String = "1 = 1") async throws -> Int {
        try await app.db.sql().raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table) WHERE \(unsafeRaw: condition)").first(decodingColumn: "n", as: Int.self) ?? -1
    }

    @Test("a policy code is unique however it is typed, and a policy is corrected under its version; one with grants keeps its kind and cannot be withdrawn")
    func policyEdits() async throws {
        try await TestApp.run { app, admin in
            try await admin.createOrganization(name: "Hợp tác xã Thành Sen", code: "4201100001", extra: #", "registration_date": "2020-01-01""#)
            let policy = try await SupportTests.createPolicy(app, base: admin.base)
            let officer = TestClient(app: app, base: admin.base)
            try await officer.signIn(as: .provinceOfficer)
            let twin = try await officer.postForm("/policies", [
                ("code", "nq56-2021-dt"), ("title", "Bản trùng"), ("document_number", "56/2021/NQ-HĐND"), ("issuer", "HĐND tỉnh"), ("level", "province"),
                ("unit_code", "42"), ("kind", "training"), ("period_from", "2021"), ("period_to", "2030"), ("agency", "Liên minh Hợp tác xã tỉnh"),
            ])
            #expect(twin.status == .unprocessableEntity && twin.body.string.contains("Đã có chính sách mã “NQ56-2021-DT”"), "\(twin.status)")

            let form = try await officer.get("/policies/\(policy)/edit")
            #expect(form.status == .ok && form.body.string.contains(#"name="version" value="1""#))
            var fields = [("code", "NQ56-2021-DT"), ("title", "Hỗ trợ bồi dưỡng cán bộ quản lý HTX (sửa đổi)"), ("document_number", "56/2021/NQ-HĐND"),
                          ("document_date", "10/12/2021"), ("issuer", "Hội đồng nhân dân tỉnh Hà Tĩnh"), ("level", "province"), ("unit_code", "42"),
                          ("kind", "training"), ("budget_source", "Ngân sách tỉnh"), ("period_from", "2021"), ("period_to", "2030"), ("agency", "Liên minh Hợp tác xã tỉnh")]
            let saved = try await officer.postForm("/policies/\(policy)", fields + [("version", "1")])
            #expect(saved.status == .seeOther, "\(saved.body.string.prefix(1500))")
            let stale = try await officer.postForm("/policies/\(policy)", fields + [("version", "1")])
            #expect(stale.status == .conflict && stale.body.string.contains("vừa được người khác sửa"))
            let stored = try await admin.getJSON("/policies/\(policy).json")["policy"] as? [String: Any]
            #expect(stored?["title"] as? String == "Hỗ trợ bồi dưỡng cán bộ quản lý HTX (sửa đổi)" && stored?["version"] as? Int == 2)

            // A commune officer keeps no provincial policy.
            let commune = TestClient(app: app, base: admin.base)
            try await commune.signIn(as: .communeOfficer)
            #expect(try await commune.get("/policies/\(policy)/edit").status == .forbidden)

            let alliance = TestClient(app: app, base: admin.base)
            try await alliance.signIn(as: .allianceOfficer, department: "Liên minh Hợp tác xã tỉnh Hà Tĩnh")
            let day = Day.today().adding(days: -1).vietnamese
            let granted = try await alliance.postForm("/support", [("policy", "nq56-2021-dt"), ("registration_code", "4201100001"), ("person_name", "Trần Thị Bình"),
                                                                   ("person_position", "Kế toán"), ("date", day), ("amount", "4,5"), ("status", "finished")])
            #expect(granted.status == .seeOther, "\(granted.body.string.prefix(1500))")
            fields[7] = ("kind", "credit")
            let kindChange = try await officer.postForm("/policies/\(policy)", fields + [("version", "2")])
            #expect(kindChange.status == .unprocessableEntity && kindChange.body.string.contains("không đổi được loại hỗ trợ"))
            let withdrawn = try await officer.postForm("/policies/\(policy)/withdraw", [("version", "2")])
            #expect(withdrawn.status == .conflict && withdrawn.body.string.contains("không thu hồi được"))

            let spare = try await SupportTests.createPolicy(app, base: admin.base, code: "GHI-NHAM")
            #expect(try await officer.postForm("/policies/\(spare)/withdraw", [("version", "1")]).status == .seeOther)
            #expect(try await admin.get("/policies/\(spare)").status == .notFound)
            #expect(try await Self.count(app, "audit_events", "action IN ('policy.update', 'policy.withdraw')") == 2)
        }
    }

    @Test("one grant on a form: the sheet's checks with the field named, evidence kept as a download; corrected under its version, withdrawn, and the figures follow")
    func grantForm() async throws {
        try await TestApp.run { app, admin in
            try await admin.createOrganization(name: "Hợp tác xã Thành Sen", code: "4201100001", extra: #", "registration_date": "2020-01-01""#)
            let policy = try await SupportTests.createPolicy(app, base: admin.base)
            let alliance = TestClient(app: app, base: admin.base)
            try await alliance.signIn(as: .allianceOfficer, department: "Liên minh Hợp tác xã tỉnh Hà Tĩnh")
            let form = try await alliance.get("/support/new?policy=NQ56-2021-DT")
            #expect(form.status == .ok && form.body.string.contains(#"<option value="NQ56-2021-DT" selected"#))
            let day = Day.today().adding(days: -2).vietnamese
            let missing = try await alliance.postMultipart("/support", [("policy", "NQ56-2021-DT"), ("registration_code", "4201100001"), ("date", day), ("amount", "abc")])
            #expect(missing.status == .unprocessableEntity)
            #expect(missing.body.string.contains("Số tiền (triệu đồng): không phải là số"), "the field is named")
            let wrongPerson = try await alliance.postMultipart("/support", [("policy", "NQ56-2021-DT"), ("registration_code", "4201100001"), ("date", day)])
            #expect(wrongPerson.body.string.contains("Họ và tên: chính sách NQ56-2021-DT"), "a training grant names its person")
            let pdf = Data("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".utf8)
            let created = try await alliance.postMultipart("/support", [("policy", "NQ56-2021-DT"), ("registration_code", "4201100001"), ("date", day),
                                                                        ("person_name", "Lê Văn Cường"), ("person_position", "Giám đốc"), ("amount", "6"),
                                                                        ("course", "Quản trị hợp tác xã"), ("status", "finished")],
                                                           files: [("evidence", "danh-sach.pdf", pdf)])
            #expect(created.status == .seeOther, "\(created.body.string.prefix(1500))")
            let id = try #require(Int(created.location?.split(separator: "/").last ?? ""))
            let grant = try #require(try await admin.getJSON("/support/\(id).json")["grant"] as? [String: Any])
            #expect(grant["person_name"] as? String == "Lê Văn Cường" && grant["amount"] as? Double == 6 && grant["version"] as? Int == 1)
            #expect(grant["evidence_name"] as? String != nil && grant["course_id"] is Int, "the named course is made a course record")
            let evidence = try await admin.get("/support/\(id)/evidence")
            #expect(evidence.status == .ok && evidence.headers.contentType?.subType == "pdf")
            #expect(FiguresTests.values(try await admin.getJSON("/figures.json?province=42"))["support_amount"] == 6)

            // Another agency's officer may read the grant but not change it.
            let sector = TestClient(app: app, base: admin.base)
            try await sector.signIn(as: .sectorOfficer, department: "Sở Tài chính")
            #expect(try await sector.get("/support/\(id)/edit").status == .forbidden)
            #expect(try await sector.postForm("/support/\(id)/withdraw", [("version", "1")]).status == .forbidden)

            let edit = try await alliance.get("/support/\(id)/edit")
            #expect(edit.status == .ok && edit.body.string.contains(#"value="Lê Văn Cường""#) && edit.body.string.contains(#"name="version" value="1""#))
            let fields = [("person_name", "Lê Văn Cường"), ("person_position", "Giám đốc"), ("date", day), ("amount", "7,25"), ("course", "Quản trị hợp tác xã"),
                          ("status", "finished"), ("version", "1")]
            #expect(try await alliance.postMultipart("/support/\(id)", fields).status == .seeOther)
            let stale = try await alliance.postMultipart("/support/\(id)", fields.map { $0.0 == "amount" ? ("amount", "9") : $0 })
            #expect(stale.status == .conflict && stale.body.string.contains("vừa được người khác sửa"))
            let after = try #require(try await admin.getJSON("/support/\(id).json")["grant"] as? [String: Any])
            #expect(after["amount"] as? Double == 7.25 && after["version"] as? Int == 2 && after["evidence_name"] as? String != nil, "the lost edit wrote nothing")
            #expect(FiguresTests.values(try await admin.getJSON("/figures.json?province=42"))["support_amount"] == 7.25)

            #expect(try await alliance.postForm("/support/\(id)/withdraw", [("version", "1")]).status == .conflict)
            #expect(try await alliance.postForm("/support/\(id)/withdraw", [("version", "2")]).status == .seeOther)
            #expect(try await admin.get("/support/\(id)").status == .notFound)
            #expect(FiguresTests.values(try await admin.getJSON("/figures.json?province=42"))["support_amount"] == 0)
            #expect(try await Self.count(app, "audit_events", "action IN ('support.update', 'support.withdraw')") == 2)
            _ = policy
        }
    }

    @Test("a graduate's allowance is paid by period: overlapping periods and payments beyond the approved amount are refused")
    func allowancePayments() async throws {
        try await TestApp.run { app, admin in
            try await admin.createOrganization(name: "Hợp tác xã Thành Sen", code: "4201100001", extra: #", "registration_date": "2020-01-01""#)
            _ = try await SupportTests.createPolicy(app, base: admin.base, kind: .graduates, code: "LDT", agency: "Sở Tài chính")
            let finance = TestClient(app: app, base: admin.base)
            try await finance.signIn(as: .sectorOfficer, department: "Sở Tài chính tỉnh Hà Tĩnh")
            let created = try await finance.postForm("/support", [("policy", "LDT"), ("registration_code", "4201100001"), ("person_name", "Phạm Thu Hà"),
                                                                  ("degree", "Đại học"), ("date", "01/01/2025"), ("end_date", "31/12/2026"), ("amount", "24")])
            #expect(created.status == .seeOther, "\(created.body.string.prefix(1500))")
            let id = try #require(Int(created.location?.split(separator: "/").last ?? ""))
            let quarter = [("period_from", "01/01/2025"), ("period_to", "31/03/2025"), ("paid_on", "05/04/2025"), ("amount", "3")]
            #expect(try await finance.postForm("/support/\(id)/payments", quarter).status == .seeOther)
            let twice = try await finance.postForm("/support/\(id)/payments", [("period_from", "01/03/2025"), ("period_to", "30/06/2025"), ("paid_on", "05/07/2025"), ("amount", "3")])
            #expect(twice.status == .unprocessableEntity && twice.body.string.contains("trùng kỳ đã chi trả 01/01/2025–31/03/2025"))
            let beyond = try await finance.postForm("/support/\(id)/payments", [("period_from", "01/04/2025"), ("period_to", "30/06/2025"), ("paid_on", "05/07/2025"), ("amount", "21,5")])
            #expect(beyond.status == .unprocessableEntity && beyond.body.string.contains("vượt số tiền được duyệt 24 triệu đồng"))
            let early = try await finance.postForm("/support/\(id)/payments", [("period_from", "01/12/2024"), ("period_to", "31/12/2024"), ("paid_on", "05/01/2025"), ("amount", "1")])
            #expect(early.body.string.contains("Trước ngày bắt đầu hỗ trợ 01/01/2025"))
            #expect(try await finance.postForm("/support/\(id)/payments", [("period_from", "01/04/2025"), ("period_to", "30/06/2025"), ("paid_on", "05/07/2025"), ("amount", "3")]).status == .seeOther)
            let body = try await admin.getJSON("/support/\(id).json")
            #expect((body["payments"] as? [[String: Any]])?.count == 2 && body["paid"] as? Double == 6)
            #expect((body["grant"] as? [String: Any])?["paid"] as? Double == 6)
            let page = try await admin.get("/support/\(id)").body.string
            #expect(page.contains("Đã chi 6 triệu đồng qua 2 kỳ; còn 18 triệu đồng"))
            let csv = try await admin.get("/support/\(id).csv").body.string
            #expect(csv.contains("01/04/2025") && csv.contains("Phụ cấp") == false)
            #expect(try await Self.count(app, "audit_events", "action = 'support.pay'") == 2)
        }
    }

    @Test("a course is a record: rows of a sheet naming one course make one course with all its participants; the course page adds one more")
    func courses() async throws {
        try await TestApp.run { app, admin in
            for index in 1...4 {
                try await admin.createOrganization(name: "Hợp tác xã Học Viên \(index)", code: "420110000\(index)", extra: #", "registration_date": "2020-01-01""#)
            }
            _ = try await SupportTests.createPolicy(app, base: admin.base)
            let alliance = TestClient(app: app, base: admin.base)
            try await alliance.signIn(as: .allianceOfficer, department: "Liên minh Hợp tác xã tỉnh Hà Tĩnh")
            let day = Day.today().adding(days: -3).vietnamese, end = Day.today().adding(days: -1).vietnamese
            let rows = (1...3).map { "NQ56-2021-DT;420110000\($0);Học viên \($0);Giám đốc;Kế toán HTX;Trường Chính trị tỉnh;\(day);\(end)" }
            let imported = try await SupportTests.importSheet(alliance, "Chính sách;Mã số HTX;Họ và tên;Chức vụ;Khóa học;Địa điểm;Từ ngày;Đến ngày\n" + rows.joined(separator: "\n") + "\n")
            #expect(imported.status == .ok, "\(imported.page.prefix(2000))")
            let list = try #require(try await admin.getJSON("/courses.json")["items"] as? [[String: Any]])
            #expect(list.count == 1 && list.first?["participants"] as? Int == 3 && list.first?["topic"] as? String == "Kế toán HTX")
            #expect(list.first?["place"] as? String == "Trường Chính trị tỉnh" && list.first?["organiser"] as? String == "Liên minh Hợp tác xã tỉnh")
            let course = try #require(list.first?["id"] as? Int)

            let added = try await alliance.postForm("/courses/\(course)/participants", [("registration_code", "4201100004"), ("person_name", "Học viên 4"),
                                                                                       ("person_position", "Kiểm soát viên"), ("status", "finished")])
            #expect(added.status == .seeOther, "\(added.body.string.prefix(1500))")
            let again = try await alliance.postForm("/courses/\(course)/participants", [("registration_code", "4201100004"), ("person_name", "Học viên 4"),
                                                                                       ("person_position", "Kiểm soát viên"), ("status", "finished")])
            #expect(again.status == .unprocessableEntity && again.body.string.contains("đã có trong danh sách học viên"))
            let unknown = try await alliance.postForm("/courses/\(course)/participants", [("registration_code", "9999999999"), ("person_name", "Ai đó")])
            #expect(unknown.status == .unprocessableEntity && unknown.body.string.contains("không có tổ chức nào mang mã số này"))
            let detail = try await admin.getJSON("/courses/\(course).json")
            #expect((detail["participants"] as? [[String: Any]])?.count == 4)
            #expect(FiguresTests.values(try await admin.getJSON("/figures.json?province=42"))["managers_trained"] == 4)

            let made = try await alliance.postForm("/courses", [("policy", "NQ56-2021-DT"), ("topic", "Chuyển đổi số"), ("organiser", "Liên minh HTX tỉnh"),
                                                                ("start_date", day)])
            #expect(made.status == .seeOther, "\(made.body.string.prefix(1500))")
            let bad = try await alliance.postForm("/courses", [("policy", "NQ56-2021-DT"), ("topic", ""), ("organiser", "X"), ("start_date", "32/13/2025")])
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("Cần ghi chủ đề khóa học") && bad.body.string.contains("không phải ngày"))
            let other = TestClient(app: app, base: admin.base)
            try await other.signIn(as: .provinceOfficer, unit: "01")
            #expect(try await other.get("/courses/\(course)").status == .notFound, "a course of another province is not shown")
            #expect(((try await other.getJSON("/courses.json"))["items"] as? [Any])?.isEmpty == true)
        }
    }

    @Test("model-cooperative criteria are data: a province adopts, extends and trims its set; a checklist with the data beside it finds the candidates")
    func modelCriteria() async throws {
        try await TestApp.run { app, admin in
            let id = try await admin.createOrganization(name: "Hợp tác xã Kiểu Mẫu", code: "4201100001", extra: #", "registration_date": "2020-01-01""#)
            let shipped = try #require(try await admin.getJSON("/model-criteria.json")["criteria"] as? [[String: Any]])
            #expect(shipped.count == ModelCriterion.shipped.count && shipped.allSatisfy { $0["province_code"] == nil })

            let officer = TestClient(app: app, base: admin.base)
            try await officer.signIn(as: .provinceOfficer)
            #expect(try await officer.postForm("/model-criteria", [("title", "Có sản phẩm OCOP")]).status == .unprocessableEntity, "adopt a set first")
            #expect(try await officer.postForm("/model-criteria/adopt", []).status == .seeOther)
            #expect(try await officer.postForm("/model-criteria", [("title", "Có sản phẩm OCOP từ 3 sao"), ("basis", "")]).status == .seeOther)
            var own = try #require(try await officer.getJSON("/model-criteria.json")["criteria"] as? [[String: Any]])
            #expect(own.count == shipped.count + 1 && own.allSatisfy { $0["province_code"] as? String == "42" })
            let dropped = try #require(own.first?["id"] as? Int)
            #expect(try await officer.postForm("/model-criteria/\(dropped)/withdraw", []).status == .seeOther)
            own = try #require(try await officer.getJSON("/model-criteria.json")["criteria"] as? [[String: Any]])
            #expect(own.count == shipped.count)
            #expect(((try await admin.getJSON("/model-criteria.json"))["criteria"] as? [Any])?.count == shipped.count, "the shipped set stays")

            let year = Day.today().year - 1
            let checklist = try await officer.getJSON("/organizations/\(id)/model-criteria.json?year=\(year)")
            let lines = try #require(checklist["lines"] as? [[String: Any]])
            #expect(lines.count == shipped.count && lines.allSatisfy { $0["met"] == nil })
            let classification = lines.first { ($0["criterion"] as? [String: Any])?["basis"] as? String == "classification" }
            #expect(classification?["data_reading"] as? String == "Chưa được xếp loại năm \(year).")

            let ids = lines.compactMap { ($0["criterion"] as? [String: Any])?["id"] as? Int }
            let saved = try await officer.postForm("/organizations/\(id)/model-criteria", [("year", String(year))] + ids.map { ("met_\($0)", "yes") })
            #expect(saved.status == .seeOther)
            let candidates = try #require(try await officer.getJSON("/model-criteria.json?year=\(year)")["candidates"] as? [[String: Any]])
            #expect(candidates.first?["id"] as? Int == id)
            let page = try await officer.get("/organizations/\(id)/model-criteria?year=\(year)").body.string
            #expect(page.contains("Đạt đủ \(ids.count) tiêu chí năm \(year)"))
            let bad = try await officer.postForm("/organizations/\(id)/model-criteria", [("year", String(year)), ("met_\(ids[0])", "có lẽ")])
            #expect(bad.status == .badRequest)

            let commune = TestClient(app: app, base: admin.base)
            try await commune.signIn(as: .communeOfficer, unit: "18100")
            #expect(try await commune.get("/organizations/\(id)/model-criteria").status == .notFound, "another commune's organisation")
            #expect(try await commune.postForm("/model-criteria/adopt", []).status == .forbidden)
            #expect(try await Self.count(app, "audit_events", "action LIKE 'model_criteria.%'") == 4)
        }
    }
}

extension SupportDetailsTests {
    @Test("graduates, land and trade promotion come from one sheet with Vietnamese headers; a commune officer records only in its commune")
    func everyKindFromASheet() async throws {
        try await TestApp.run { app, admin in
            try await admin.createOrganization(name: "Hợp tác xã Thành Sen", code: "4201100001", extra: #", "registration_date": "2020-01-01""#)
            try await admin.createOrganization(name: "Hợp tác xã Xã Khác", code: "4201100002", commune: "18100", extra: #", "registration_date": "2020-01-01""#)
            for (kind, code) in [(PolicyKind.graduates, "LDT"), (.land, "MB"), (.tradePromotion, "XTTM")] {
                _ = try await SupportTests.createPolicy(app, base: admin.base, kind: kind, code: code, agency: "Sở Tài chính")
            }
            let commune = TestClient(app: app, base: admin.base)
            try await commune.signIn(as: .communeOfficer)
            let day = Day.today().adding(days: -1).vietnamese
            let header = "Chính sách;Mã số HTX;Họ và tên;Trình độ;Ngày;Đến ngày;Kinh phí (nghìn đồng);Diện tích (m²);Hình thức sử dụng đất;Số quyết định;Nội dung;Số lượng;ĐVT\n"
            let rows = """
                LDT;4201100001;Đặng Minh Khoa;Đại học;\(day);;36.000;;;;;;
                MB;4201100001;;;\(day);;120.000;450;Thuê đất;125/QĐ-UBND;;;
                XTTM;4201100001;;;\(day);;8.500;;;;Hội chợ nông sản;2;gian hàng

                """
            let refused = try await SupportTests.importSheet(commune, header + rows + "XTTM;4201100002;;;\(day);;1.000;;;;Hội chợ;1;gian hàng\n")
            #expect(refused.status == .unprocessableEntity && refused.page.contains("Hợp tác xã Xã Khác không thuộc địa bàn bạn phụ trách"))
            #expect(try await Self.count(app, "support_records") == 0, "nothing half-written")
            let imported = try await SupportTests.importSheet(commune, header + rows)
            #expect(imported.status == .ok && imported.page.contains("tạo mới 3"), "\(imported.page.prefix(2000))")
            let items = try #require(try await admin.getJSON("/support.json?province=42")["items"] as? [[String: Any]])
            let byKind = Dictionary(items.map { ($0["kind"] as? String ?? "", $0) }, uniquingKeysWith: { a, _ in a })
            #expect(byKind["graduates"]?["degree"] as? String == "Đại học" && byKind["graduates"]?["amount"] as? Double == 36)
            #expect(byKind["land"]?["land_area"] as? Double == 450 && byKind["land"]?["land_form"] as? String == "lease" && byKind["land"]?["decision_number"] as? String == "125/QĐ-UBND")
            #expect(byKind["trade_promotion"]?["quantity"] as? Double == 2 && byKind["trade_promotion"]?["unit"] as? String == "gian hàng" && byKind["trade_promotion"]?["amount"] as? Double == 8.5)
            let figures = FiguresTests.values(try await admin.getJSON("/figures.json?province=42"))
            #expect(figures["graduates_placed"] == 1 && figures["support_amount"] == 164.5)
        }
    }
}
