import Foundation
import HopTacCore
import SQLKit
import Testing
import Vapor
@testable import App

@Suite("Search ranks names first")
struct SearchRankingTests {
    static func query(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text }

    static func names(_ json: [String: Any]) -> [String] { (json["items"] as? [[String: Any]])?.compactMap { $0["name"] as? String } ?? [] }

    @Test("for 30 demo names, the name itself comes first, typed with and without diacritics, in the registry and the public directory")
    func demoNamesComeFirst() async throws {
        try await TestApp.run(as: .provinceOfficer) { app, officer in
            try await RollUpTests.loadDemo(app)
            let sql = try app.db.sql()
            struct Row: Decodable { let name: String }
            let all = try await sql.raw("SELECT name FROM organizations WHERE status IN (\(binds: OrganizationStatus.registered.map(\.rawValue))) ORDER BY id")
                .all(decoding: Row.self).map(\.name)
            #expect(all.count > 1_000)
            // Every 67th name: spread over types, sectors and communes, always the same ones.
            let sample = stride(from: 0, to: all.count, by: all.count / 30).prefix(30).map { all[$0] }
            #expect(sample.count == 30)
            let visitor = TestClient(app: app, base: officer.base)
            for name in sample {
                for typed in [name, foldForSearch(name)] {
                    let registry = Self.names(try await officer.getJSON("/organizations.json?q=\(Self.query(typed))"))
                    #expect(registry.first == name, "“\(typed)” ranks \(registry.prefix(3))")
                    let directory = Self.names(try await visitor.getJSON("/public.json?q=\(Self.query(typed))"))
                    #expect(directory.first == name, "“\(typed)” in the directory ranks \(directory.prefix(3))")
                }
            }
        }
    }

    @Test("type and unit words do not select every row; addresses and activities are searched only when asked; ranks go whole name, phrase, words, prefixes")
    func typeWordsAndAddresses() async throws {
        try await TestApp.run { _, admin in
            let tamXuan = try await admin.createOrganization(name: "Hợp tác xã Tâm Xuân Đồng", code: "4201000004")
            let dongTamMoi = try await admin.createOrganization(name: "Hợp tác xã Đồng Tâm Mới", code: "4201000002")
            let dongTam = try await admin.createOrganization(name: "Hợp tác xã Đồng Tâm", code: "4201000001")
            let dongTamNam = try await admin.createOrganization(name: "Hợp tác xã Nam Đồng Tâm", code: "4201000003")
            let dongTamer = try await admin.createOrganization(name: "Hợp tác xã Đồngg Tâmm", code: "4201000005")
            let byAddress = try await admin.createOrganization(name: "Hợp tác xã Thành Công", code: "4201000006", extra: """
                , "address": "Thôn Đồng Tiến, xã Thạch Sơn", "main_activities": "Nuôi ong lấy mật"
                """)
            let other = try await admin.createOrganization(name: "Tổ hợp tác Rau sạch xã Thạch Sơn", type: "tht", code: nil)
            func ids(_ path: String) async throws -> [Int] {
                (try await admin.getJSON(path)["items"] as? [[String: Any]])?.compactMap { $0["id"] as? Int } ?? []
            }
            // The phrase as words (by name within a rank), then both words anywhere, then both begun.
            #expect(try await ids("/organizations.json?q=dong%20tam") == [dongTam, dongTamMoi, dongTamNam, tamXuan, dongTamer])
            // The whole name first, then the phrase inside a longer name, then the words; the phrase begun before the words.
            #expect(try await ids("/organizations.json?q=hop%20tac%20xa%20dong%20tam") == [dongTam, dongTamMoi, dongTamNam, tamXuan, dongTamer])
            // The phrase with its last word begun, then every word begun ("ta" begins "tác" and "tâm").
            #expect(try await ids("/organizations.json?q=xa%20dong%20ta") == [dongTam, dongTamMoi, dongTamer, dongTamNam, tamXuan])
            // "xã" and "hợp tác xã" do not match every row; "Thôn Đồng Tiến" is an address.
            #expect(try await ids("/organizations.json?q=xa%20thach%20son") == [other], "the commune's name in a name, not in an address")
            #expect(Set(try await ids("/organizations.json?q=dong")) == [tamXuan, dongTamMoi, dongTam, dongTamNam, dongTamer])
            #expect(Set(try await ids("/organizations.json?q=dong&everywhere=yes")) == [tamXuan, dongTamMoi, dongTam, dongTamNam, dongTamer, byAddress])
            #expect(try await ids("/organizations.json?q=mat%20ong") == [])
            #expect(try await ids("/organizations.json?q=mat%20ong&everywhere=yes") == [byAddress])
            #expect(try await ids("/public.json?q=mat%20ong&everywhere=yes") == [byAddress])
            // Only type words: they are then what is searched.
            #expect(try await ids("/organizations.json?q=to%20hop%20tac") == [other])
            // Another order still applies to the same matches, and the list links keep it.
            #expect(try await ids("/organizations.json?q=dong%20tam&sort=-name") == [tamXuan, dongTamNam, dongTamer, dongTamMoi, dongTam])
            let page = try await admin.get("/organizations?q=dong+tam&everywhere=yes")
            #expect(page.body.string.contains("<option value=\"relevance\" selected"))
            #expect(page.body.string.contains("name=\"everywhere\" value=\"yes\" checked"))
            #expect(page.body.string.contains("href=\"/organizations.csv?q=dong%20tam&amp;everywhere=yes\""))
            #expect(try await admin.get("/organizations.json?q=dong&everywhere=no").status == .badRequest)
            #expect(!(try await admin.get("/organizations").body.string.contains("value=\"relevance\"")), "nothing to rank without a search")
        }
    }

    @Test("the migration splits what is already stored: names and codes apart from activities and addresses, on both databases")
    func migrationSplitsStoredRows() async throws {
        try await TestApp.run { app, admin in
            let id = try await admin.createOrganization(name: "Hợp tác xã Thành Công", code: "4201000006", extra: """
                , "short_name": "HTX Thành Công", "address": "Thôn Đồng Tiến", "main_activities": "Nuôi ong lấy mật"
                """)
            func total(_ path: String) async throws -> Int? { try await admin.getJSON(path)["total"] as? Int }
            // Back to one column holding everything, as rows were stored before.
            try await SearchNamesApartFromAddresses().revert(on: app.db)
            let sql = try app.db.sql()
            #expect(try await sql.raw("SELECT search_text FROM organizations WHERE id = \(bind: id)").first(decodingColumn: "search_text", as: String.self)
                    == " hop tac xa thanh cong htx thanh cong 4201000006 nuoi ong lay mat thon dong tien ")
            try await SearchNamesApartFromAddresses().prepare(on: app.db)
            struct Row: Decodable { let searchText: String; let searchMore: String }
            let row = try #require(try await sql.raw("SELECT search_text, search_more FROM organizations WHERE id = \(bind: id)")
                .first(decoding: Row.self, keyDecodingStrategy: .snakeCaseColumns))
            #expect(row.searchText == " hop tac xa thanh cong htx thanh cong 4201000006 " && row.searchMore == " nuoi ong lay mat thon dong tien ")
            #expect(try await total("/organizations.json?q=dong%20tien") == 0)
            #expect(try await total("/organizations.json?q=dong%20tien&everywhere=yes") == 1)
            #expect(try await total("/organizations.json?q=thanh%20cong") == 1)
            // The index follows later edits of either column.
            let edit = try await admin.sendJSON(.PUT, "/api/v1/organizations/\(id)", """
                {"version": 1, "name": "Hợp tác xã Thành Công", "type": "htx", "sector": "agriculture", "registration_code": "4201000006",
                 "commune_code": "\(Place.thanhSen)", "address": "Thôn Bắc Sơn"}
                """)
            #expect(edit.status == .ok)
            #expect(try await total("/organizations.json?q=bac%20son&everywhere=yes") == 1)
            #expect(try await total("/organizations.json?q=dong%20tien&everywhere=yes") == 0)
        }
    }
}
