import Foundation
import SQLKit
import Testing
import Vapor
@testable import App

@Suite("Registry of collective organisations over HTTP")
struct RegistryTests {
    @Test("search ignores diacritics, including đ/Đ")
    func diacriticInsensitiveSearch() async throws {
        try await TestApp.run { _, client in
            try await client.createOrganization(name: "Hợp tác xã Đồng Tâm", code: "3001234567")
            try await client.createOrganization(name: "Hợp tác xã Nông nghiệp Tân Tiến", code: "3001234568")
            try await client.createOrganization(name: "Tổ hợp tác rau an toàn Đông Hà", type: "tht", code: nil)

            for query in ["hop tac xa dong", "Hợp tác xã Đồng", "HOP TAC XA ĐONG TAM", "dong tam", "đồng", "3001234567"] {
                let body = try await client.getJSON("/organizations.json?q=\(query.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!)")
                let names = (body["items"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
                #expect(names.contains("Hợp tác xã Đồng Tâm"), "“\(query)” should find Đồng Tâm, got \(names)")
                #expect(!names.contains("Hợp tác xã Nông nghiệp Tân Tiến"), "“\(query)” should not find Tân Tiến")
            }
            // Word prefixes: “dong” also finds “Đông Hà”; a word that appears nowhere finds nothing.
            let dong = try await client.getJSON("/organizations.json?q=dong")
            #expect(dong["total"] as? Int == 2)
            let none = try await client.getJSON("/organizations.json?q=xyzabc")
            #expect(none["total"] as? Int == 0)
            let html = try await client.get("/organizations?q=hop+tac+xa+dong")
            #expect(html.status == .ok)
            #expect(html.body.string.contains("Hợp tác xã Đồng Tâm"))
        }
    }

    @Test("counts and facets are cached, yet follow every write, also one made behind the server's back")
    func cachedFiguresFollowWrites() async throws {
        try await TestApp.run { app, client in
            func total(_ path: String = "/organizations.json") async throws -> Int? { try await client.getJSON(path)["total"] as? Int }
            #expect(try await total() == 0)
            try await client.createOrganization(name: "Hợp tác xã Đồng Tâm", code: "3001234567")
            #expect(try await total() == 1)
            #expect(try await total("/organizations.json?q=dong+tam") == 1)
            func facetCount(_ label: String) async throws -> String? {
                let page = try await client.get("/organizations").body.string
                guard let at = page.range(of: label + "<span class=\"count\">") else { return nil }
                return String(page[at.upperBound...].prefix { $0 != "<" })
            }
            #expect(try await facetCount("Hợp tác xã") == "1")
            // Another process (an import on the command line, another server) writes straight to the database.
            let sql = try app.db.sql()
            try await sql.raw("UPDATE organizations SET type = 'tht', registration_code = NULL").run()
            #expect(try await facetCount("Tổ hợp tác") == "1")
            #expect(try await facetCount("Hợp tác xã") == nil)
            #expect(try await total("/organizations.json?type=tht") == 1)
            #expect(try await total("/organizations.json?type=htx") == 0)
            try await sql.raw("DELETE FROM organization_changes").run()
            try await sql.raw("DELETE FROM organization_status_events").run()
            try await sql.raw("DELETE FROM organizations").run()
            #expect(try await total() == 0)
            #expect(try await total("/organizations.json?q=dong+tam") == 0)
        }
    }

    @Test("a malformed registration code is refused with a Vietnamese message and nothing is written")
    func malformedRegistrationCode() async throws {
        try await TestApp.run { _, client in
            let form = try await client.postForm("/organizations", [
                ("name", "Hợp tác xã Thành Công"), ("type", "htx"), ("sector", "agriculture"),
                ("registration_code", "12345"), ("commune_code", Place.thanhSen), ("official_members", "12"),
            ])
            #expect(form.status == .unprocessableEntity)
            #expect(form.body.string.contains("Mã số phải có đúng 10 chữ số; “12345” có 5 chữ số."))
            #expect(form.body.string.contains("value=\"Hợp tác xã Thành Công\""), "the form keeps what was typed")

            let api = try await client.sendJSON(.POST, "/api/v1/organizations", """
                {"name": "Hợp tác xã Thành Công", "type": "htx", "registration_code": "30012A4567", "commune_code": "\(Place.thanhSen)"}
                """)
            #expect(api.status == .unprocessableEntity)
            let fields = (api.json["error"] as? [String: Any])?["fields"] as? [String: String]
            #expect(fields?["registration_code"]?.contains("chỉ gồm chữ số") == true)

            let missing = try await client.sendJSON(.POST, "/api/v1/organizations", """
                {"name": "Hợp tác xã Không Mã", "type": "htx", "commune_code": "99999", "official_members": -3}
                """)
            let missingFields = (missing.json["error"] as? [String: Any])?["fields"] as? [String: String] ?? [:]
            #expect(Set(missingFields.keys) == ["registration_code", "commune_code", "official_members"])
            #expect(missingFields["commune_code"] == "Không có xã/phường mã “99999” trong danh mục 2025.")

            let all = try await client.getJSON("/organizations.json")
            #expect(all["total"] as? Int == 0)
        }
    }

    @Test("a duplicate registration code is refused, naming the holder")
    func duplicateRegistrationCode() async throws {
        try await TestApp.run { _, client in
            let first = try await client.createOrganization(name: "Hợp tác xã Hưng Thịnh", code: "3009999999")
            let second = try await client.sendJSON(.POST, "/api/v1/organizations", """
                {"name": "Hợp tác xã Khác", "type": "htx", "registration_code": "3009999999", "commune_code": "\(Place.thanhSen)"}
                """)
            #expect(second.status == .unprocessableEntity)
            #expect(second.body.string.contains("đã được dùng cho “Hợp tác xã Hưng Thịnh” (số \(first))"))
        }
    }

    @Test("an edit based on a stale version is refused and overwrites nothing")
    func staleEditRefused() async throws {
        try await TestApp.run { _, client in
            let id = try await client.createOrganization(name: "Hợp tác xã Quyết Tiến", code: "3001111111")
            let edit = try await client.get("/organizations/\(id)/edit")
            #expect(edit.status == .ok)
            #expect(edit.body.string.contains("name=\"version\" value=\"1\""))

            func save(name: String, members: String, version: String) async throws -> HTTPResult {
                try await client.postForm("/organizations/\(id)", [
                    ("version", version), ("name", name), ("type", "htx"), ("sector", "agriculture"),
                    ("registration_code", "3001111111"), ("commune_code", Place.thanhSen), ("official_members", members),
                    ("charter_capital", "1.500,5"),
                ])
            }
            let first = try await save(name: "Hợp tác xã Quyết Tiến Mới", members: "1.234", version: "1")
            #expect(first.status == .seeOther)
            #expect(first.location == "/organizations/\(id)")

            let stale = try await save(name: "Hợp tác xã Ghi Đè", members: "7", version: "1")
            #expect(stale.status == .conflict)
            #expect(stale.body.string.contains("Hồ sơ đã được người khác sửa trong lúc bạn đang sửa"))

            let record = try await client.getJSON("/organizations/\(id).json")
            #expect(record["name"] as? String == "Hợp tác xã Quyết Tiến Mới")
            #expect(record["official_members"] as? Int == 1234)
            #expect(record["charter_capital"] as? Double == 1500.5)
            #expect(record["version"] as? Int == 2)

            let apiStale = try await client.sendJSON(.PUT, "/api/v1/organizations/\(id)", """
                {"version": 1, "name": "Hợp tác xã Ghi Đè", "type": "htx", "registration_code": "3001111111", "commune_code": "\(Place.thanhSen)"}
                """)
            #expect(apiStale.status == .conflict)
            #expect((apiStale.json["error"] as? [String: Any])?["message"] as? String != nil)

            // The history names who changed what, old → new, and is shown on the page.
            let history = try await client.getJSON("/api/v1/organizations/\(id)/history")
            let changes = history["changes"] as? [[String: Any]] ?? []
            let nameChange = changes.first { $0["field"] as? String == "name" && $0["old_value"] as? String != nil }
            #expect(nameChange?["old_value"] as? String == "Hợp tác xã Quyết Tiến")
            #expect(nameChange?["new_value"] as? String == "Hợp tác xã Quyết Tiến Mới")
            #expect((nameChange?["actor"] as? String)?.contains("@test.hoptac.vn") == true)
            let membersChange = changes.first { $0["field"] as? String == "official_members" && $0["old_value"] as? String != nil }
            #expect(membersChange?["old_value"] as? String == "25")
            #expect(membersChange?["new_value"] as? String == "1.234")
            let page = try await client.get("/organizations/\(id)")
            #expect(page.body.string.contains("Lịch sử thay đổi"))
            #expect(page.body.string.contains("Hợp tác xã Quyết Tiến Mới"))
        }
    }

    @Test(".csv and .json of a filtered list hold the same rows as the page")
    func filteredDownloads() async throws {
        try await TestApp.run { _, client in
            try await client.createOrganization(name: "Hợp tác xã Thủy sản Hải Hòa", code: "3002000001")
            try await client.createOrganization(name: "Hợp tác xã Vận tải Thành Công", sector: "trade-services", code: "3002000002")
            try await client.createOrganization(name: "Tổ hợp tác trồng rau Trung Tiến", type: "tht", code: nil)
            try await client.createOrganization(name: "Hợp tác xã Môi trường Ngọc Hà", sector: "trade-services", code: "0102000003", commune: Place.ngocHa)

            let json = try await client.getJSON("/organizations.json?type=htx&province=42")
            #expect(json["total"] as? Int == 2)
            let items = json["items"] as? [[String: Any]] ?? []
            #expect(Set(items.compactMap { $0["registration_code"] as? String }) == ["3002000001", "3002000002"])
            for item in items {
                #expect(item["province_code"] as? String == "42")
                #expect(item["commune_code"] as? String == Place.thanhSen)
                #expect(item["type"] as? String == "htx")
                #expect(item["status"] as? String == "active")
                #expect(item["id"] as? Int != nil)
            }

            let csv = try await client.get("/organizations.csv?type=htx&province=42")
            #expect(csv.status == .ok)
            #expect(csv.headers.first(name: .contentType) == "text/csv; charset=utf-8")
            #expect(csv.body.string.hasPrefix("\u{FEFF}Số hồ sơ,Tên tổ chức,"))
            let lines = csv.body.string.split(separator: "\r\n")
            #expect(lines.count == 3)
            #expect(csv.body.string.contains("Hợp tác xã Thủy sản Hải Hòa"))
            #expect(!csv.body.string.contains("Ngọc Hà"))

            let sectorFiltered = try await client.getJSON("/organizations.json?sector=trade-services")
            #expect(sectorFiltered["total"] as? Int == 2)
            let hanoi = try await client.getJSON("/organizations.json?commune=\(Place.ngocHa)")
            #expect(hanoi["total"] as? Int == 1)
            let paged = try await client.getJSON("/organizations.json?per_page=1&page=2&sort=-name")
            #expect(paged["total"] as? Int == 4)
            #expect((paged["items"] as? [[String: Any]])?.count == 1)

            let page = try await client.get("/organizations?province=42")
            #expect(page.body.string.contains("3 tổ chức"))
            #expect(page.body.string.contains("href=\"/organizations.csv?province=42\""))
        }
    }

    @Test("a filter value outside its list is a 400 naming the parameter")
    func badFilterValue() async throws {
        try await TestApp.run { _, client in
            let response = try await client.get("/organizations.json?type=cooperative")
            #expect(response.status == .badRequest)
            let message = (response.json["error"] as? [String: Any])?["message"] as? String ?? ""
            #expect(message.contains("Tham số “type” (loại hình) không hợp lệ: “cooperative”"))
            let html = try await client.get("/organizations?page=abc")
            #expect(html.status == .badRequest)
            #expect(html.body.string.contains("Tham số “page” (trang) phải là số nguyên"))
        }
    }

    @Test("an organisation given only its legacy commune is filed under the default successor")
    func legacyCommuneGoesToDefaultSuccessor() async throws {
        try await TestApp.run { _, client in
            let response = try await client.sendJSON(.POST, "/api/v1/organizations", """
                {"name": "Hợp tác xã Dịch vụ Cống Vị", "type": "htx", "registration_code": "0101000007", "legacy_commune_code": "\(Place.congViLegacy)"}
                """)
            #expect(response.status == .created)
            #expect(response.json["commune_code"] as? String == Place.ngocHa)
            #expect(response.json["province_code"] as? String == "01")
            #expect(response.json["legacy_commune_name"] as? String == "Phường Cống Vị")

            let underSuccessor = try await client.getJSON("/organizations.json?commune=\(Place.ngocHa)")
            #expect(underSuccessor["total"] as? Int == 1)
            let byLegacy = try await client.getJSON("/organizations.json?legacy_commune=\(Place.congViLegacy)")
            #expect(byLegacy["total"] as? Int == 1)

            // A split commune may also be filed under its other successor, but not under an unrelated one.
            let other = try await client.sendJSON(.POST, "/api/v1/organizations", """
                {"name": "Hợp tác xã Giảng Võ", "type": "htx", "registration_code": "0101000008", "legacy_commune_code": "\(Place.congViLegacy)", "commune_code": "\(Place.giangVo)"}
                """)
            #expect(other.status == .created)
            let wrong = try await client.sendJSON(.POST, "/api/v1/organizations", """
                {"name": "Hợp tác xã Sai Xã", "type": "htx", "registration_code": "0101000009", "legacy_commune_code": "\(Place.congViLegacy)", "commune_code": "\(Place.thanhSen)"}
                """)
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.body.string.contains("không thuộc xã/phường đã chọn"))
        }
    }

    @Test("status lifecycle: suspension needs an end date, dissolution is final")
    func statusLifecycle() async throws {
        try await TestApp.run { _, client in
            let id = try await client.createOrganization(name: "Hợp tác xã Hợp Nhất", code: "3003000001", extra: #", "registration_date": "2015-03-02""#)
            let noEnd = try await client.postForm("/organizations/\(id)/status", [
                ("version", "1"), ("status", "suspended"), ("effective_from", "01/03/2026"), ("reason", "Nghị quyết ĐHTV số 05/NQ-ĐHTV"),
            ])
            #expect(noEnd.status == .unprocessableEntity)
            #expect(noEnd.body.string.contains("Tạm ngừng hoạt động phải có ngày kết thúc."))

            let suspend = try await client.postForm("/organizations/\(id)/status", [
                ("version", "1"), ("status", "suspended"), ("effective_from", "01/03/2026"), ("effective_to", "31/08/2026"),
                ("reason", "Nghị quyết ĐHTV số 05/NQ-ĐHTV"),
            ])
            #expect(suspend.status == .seeOther)
            var record = try await client.getJSON("/organizations/\(id).json")
            #expect(record["status"] as? String == "suspended")
            #expect(record["status_since"] as? String == "2026-03-01")
            #expect(record["suspended_until"] as? String == "2026-08-31")

            let stale = try await client.postForm("/organizations/\(id)/status", [
                ("version", "1"), ("status", "active"), ("effective_from", "01/09/2026"),
            ])
            #expect(stale.status == .conflict)

            let dissolve = try await client.sendJSON(.POST, "/api/v1/organizations/\(id)/status", """
                {"version": 2, "status": "dissolved", "effective_from": "2026-09-15", "reason": "Quyết định thu hồi số 12/QĐ-UBND"}
                """)
            #expect(dissolve.status == .ok)
            #expect(dissolve.json["status"] as? String == "dissolved")
            let again = try await client.sendJSON(.POST, "/api/v1/organizations/\(id)/status", """
                {"version": 3, "status": "active", "effective_from": "2026-10-01"}
                """)
            #expect(again.status == .unprocessableEntity)
            #expect(again.body.string.contains("không thể chuyển sang trạng thái khác"))

            record = try await client.getJSON("/organizations/\(id).json")
            #expect(record["version"] as? Int == 3)
            let history = try await client.getJSON("/api/v1/organizations/\(id)/history")
            let events = history["status_events"] as? [[String: Any]] ?? []
            #expect(events.map { $0["status"] as? String } == ["dissolved", "suspended", "active"])
            let page = try await client.get("/organizations/\(id)")
            #expect(page.body.string.contains("Quyết định thu hồi số 12/QĐ-UBND"))
        }
    }

    @Test("a union lists its member cooperatives; mergers point to the receiver")
    func unionMembershipAndMerger() async throws {
        try await TestApp.run { _, client in
            let union = try await client.createOrganization(name: "Liên hiệp hợp tác xã Rau quả Hà Tĩnh", type: "lhhtx", code: "3004000001")
            let member = try await client.createOrganization(name: "Hợp tác xã Rau sạch Thạch Hà", code: "3004000002", extra: #", "union_id": \#(union)"#)
            let receiver = try await client.createOrganization(name: "Hợp tác xã Tiến Thành", code: "3004000003")

            let notAUnion = try await client.sendJSON(.POST, "/api/v1/organizations", """
                {"name": "Hợp tác xã Sai", "type": "htx", "registration_code": "3004000004", "commune_code": "\(Place.thanhSen)", "union_id": \(receiver)}
                """)
            #expect(notAUnion.status == .unprocessableEntity)

            let members = try await client.getJSON("/organizations.json?union=\(union)")
            #expect((members["items"] as? [[String: Any]])?.compactMap { $0["id"] as? Int } == [member])
            let page = try await client.get("/organizations/\(union)")
            #expect(page.body.string.contains("Hợp tác xã thành viên (1)"))
            #expect(page.body.string.contains("Hợp tác xã Rau sạch Thạch Hà"))

            let merge = try await client.sendJSON(.POST, "/api/v1/organizations/\(member)/status", """
                {"version": 1, "status": "merged", "effective_from": "2026-06-01", "merged_into_id": \(receiver), "reason": "Hợp đồng sáp nhập ngày 15/05/2026"}
                """)
            #expect(merge.status == .ok)
            #expect(merge.json["merged_into_name"] as? String == "Hợp tác xã Tiến Thành")
            let receiverPage = try await client.get("/organizations/\(receiver)")
            #expect(receiverPage.body.string.contains("Tổ chức đã hợp nhất/sáp nhập vào đây"))
        }
    }
}
