import Foundation
import HopTacCore
import SQLKit
import Testing
import Vapor
@testable import App

@Suite("Public directory")
struct PublicDirectoryTests {
    /// The fields of a directory item: these and no others.
    static let itemKeys: Set<String> = [
        "id", "name", "short_name", "type", "sector", "main_activities", "registration_code", "registration_date", "commune_code",
        "commune_name", "province_code", "province_name", "status", "website", "band", "band_year", "ocop_products", "ocop_best_stars",
        "latitude", "longitude", "url",
    ]

    static func query(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text }

    static func ids(_ json: [String: Any]) -> [Int] { (json["items"] as? [[String: Any]])?.compactMap { $0["id"] as? Int } ?? [] }

    @Test("search with or without diacritics; dissolved organisations are not listed but keep a profile; items carry exactly the public fields")
    func searchAndFields() async throws {
        try await TestApp.run { app, admin in
            let dongTam = try await admin.createOrganization(name: "Hợp tác xã Đồng Tâm", code: "4201000001", extra: """
                , "registration_date": "2015-03-02", "website": "https://dongtam.example.vn", "main_activities": "Trồng rau an toàn, mật ong"
                """)
            let dongXuan = try await admin.createOrganization(name: "Hợp tác xã Đồng Xuân", code: "4201000002")
            let group = try await admin.createOrganization(name: "Tổ hợp tác Rau sạch", type: "tht", code: nil)
            let ended = try await admin.createOrganization(name: "Hợp tác xã Đồng Cũ", code: "4201000003")
            let dissolve = try await admin.sendJSON(.POST, "/api/v1/organizations/\(ended)/status", """
                {"version": 1, "status": "dissolved", "effective_from": "2026-09-15", "reason": "Quyết định thu hồi"}
                """)
            #expect(dissolve.status == .ok)

            let visitor = TestClient(app: app, base: admin.base)
            for text in ["hop tac xa dong", "Hợp tác xã Đồng", "HOP TAC XA ĐONG", "hợp tac xa đồng"] {
                let json = try await visitor.getJSON("/public.json?q=\(Self.query(text))")
                #expect(Self.ids(json) == [dongTam, dongXuan], "“\(text)”")
                #expect(json["total"] as? Int == 2, "“\(text)”")
            }
            #expect(Self.ids(try await visitor.getJSON("/public.json?q=dong%20ta")) == [dongTam, dongXuan], "the last word is a prefix (of “tác” too)")
            #expect(Self.ids(try await visitor.getJSON("/public.json?q=dong%20tam")) == [dongTam])
            #expect(Self.ids(try await visitor.getJSON("/public.json?q=mat%20ong&everywhere=yes")) == [dongTam], "main activities are searched when asked")
            #expect(Self.ids(try await visitor.getJSON("/public.json?q=mat%20ong")) == [], "names and codes only, by default")
            #expect(Self.ids(try await visitor.getJSON("/public.json?type=tht")) == [group])

            let all = try await visitor.getJSON("/public.json")
            #expect(Set(all.keys) == ["total", "page", "per_page", "licence", "items"])
            #expect(all["total"] as? Int == 3 && all["page"] as? Int == 1 && all["per_page"] as? Int == 25)
            #expect(all["licence"] as? String == "Dữ liệu mở theo giấy phép CC BY 4.0 — ghi nguồn: HợpTác, toàn quốc")
            #expect(!Self.ids(all).contains(ended), "a dissolved organisation is not listed")
            let items = try #require(all["items"] as? [[String: Any]])
            for item in items { #expect(Set(item.keys) == Self.itemKeys, "\(item.keys.sorted())") }
            let first = try #require(items.first { $0["id"] as? Int == dongTam })
            #expect(first["registration_date"] as? String == "2015-03-02" && first["registration_code"] as? String == "4201000001")
            #expect(first["province_name"] as? String == "Tỉnh Hà Tĩnh" && first["commune_code"] as? String == Place.thanhSen)
            #expect(first["url"] as? String == "/public/organizations/\(dongTam)" && first["website"] as? String == "https://dongtam.example.vn")
            #expect(first["latitude"] is Double && first["longitude"] is Double, "the commune's centre")
            #expect(first["band"] is NSNull && first["band_year"] is NSNull && first["ocop_products"] is NSNull, "nulls are written out")
            #expect((try await visitor.getJSON("/public.json?province=42"))["licence"] as? String
                    == "Dữ liệu mở theo giấy phép CC BY 4.0 — ghi nguồn: HợpTác, Tỉnh Hà Tĩnh")

            // A cooperative's account reads only its own record in the registry, but the public directory is the same for all.
            let cooperative = TestClient(app: app, base: admin.base)
            try await cooperative.signIn(as: .cooperative, organization: "4201000002")
            #expect(try await cooperative.getJSON("/public.json")["total"] as? Int == 3)

            let page = try await visitor.get("/public?q=hop%20tac%20xa%20dong")
            #expect(page.status == .ok)
            let html = page.body.string
            #expect(html.contains("<title>Danh bạ công khai tổ chức kinh tế tập thể · HợpTác</title>"))
            #expect(html.contains("<meta name=\"description\" content=\"Tra cứu 2 hợp tác xã"))
            #expect(html.contains("Hợp tác xã Đồng Tâm") && html.contains("Hợp tác xã Đồng Xuân") && !html.contains("Đồng Cũ"))
            #expect(html.contains("href=\"/public/organizations/\(dongTam)\""))
            #expect(html.contains("Dữ liệu mở theo giấy phép ") && html.contains("CC BY 4.0</a> — ghi nguồn: HợpTác, toàn quốc"))
            #expect(html.contains("href=\"/public\">Danh bạ công khai</a>"), "the site's header links the directory")
            #expect(page.headers.first(name: .link)?.contains("rel=\"license\"") == true)

            let profile = try await visitor.get("/public/organizations/\(dongTam)")
            #expect(profile.status == .ok)
            #expect(profile.body.string.contains("<title>Hợp tác xã Đồng Tâm · HợpTác</title>"))
            #expect(profile.body.string.contains("Trồng rau an toàn, mật ong") && profile.body.string.contains("02/03/2015"))
            #expect(profile.body.string.contains("<svg") && profile.body.string.contains("Nơi đặt trụ sở"), "the location map is inline")
            #expect(profile.body.string.contains("Chưa có báo cáo năm được tiếp nhận."))
            let profileJSON = try await visitor.getJSON("/public/organizations/\(dongTam).json")
            #expect(profileJSON["founded_year"] as? Int == 2015 && profileJSON["official_members"] as? Int == 25)
            #expect(Self.itemKeys.isSubset(of: Set(profileJSON.keys)))

            // Dissolved: a profile with a clear badge rather than a 404, so old links still explain what happened.
            let gone = try await visitor.get("/public/organizations/\(ended)")
            #expect(gone.status == .ok && gone.body.string.contains("Đã giải thể") && gone.body.string.contains("Tổ chức đã giải thể."))
            #expect(!gone.body.string.contains("Quyết định thu hồi"), "no status reasons")
            #expect(try await visitor.getJSON("/public/organizations/\(ended).json")["status"] as? String == "dissolved")
        }
    }

    @Test("unknown ids, provinces and parameter values are refused in Vietnamese")
    func notFound() async throws {
        try await TestApp.run(as: nil) { _, visitor in
            for path in ["/public/organizations/999999", "/public/organizations/abc", "/public/organizations/0"] {
                let response = try await visitor.get(path)
                #expect(response.status == .notFound, "\(path)")
                #expect(response.body.string.contains("trong danh bạ công khai"), "\(path): \(response.body.string)")
            }
            let json = try await visitor.get("/public/organizations/999999.json")
            #expect(json.status == .notFound && (json.json["error"] as? [String: Any])?["message"] as? String == "Không có tổ chức số “999999” trong danh bạ công khai.")
            #expect(try await visitor.get("/public/organizations/1.csv").status == .notFound, "a profile is HTML or JSON")
            #expect(try await visitor.get("/public.json?province=99").status == .notFound)
            let band = try await visitor.get("/public.json?band=excellent")
            #expect(band.status == .badRequest && band.body.string.contains("Tham số “band”"))
            #expect(try await visitor.get("/public.json?ocop=maybe").status == .badRequest)
            #expect(try await visitor.get("/public.json?type=company").status == .badRequest)
        }
    }

    @Test("on the province demo: facet counts equal direct SQL counts, every page in turn lists everyone once, downloads list all")
    func facetsPagingDownloads() async throws {
        try await TestApp.run(as: nil) { app, visitor in
            try await RollUpTests.loadDemo(app)
            let sql = try app.db.sql()
            struct Row: Decodable { let value: String?; let n: Int }
            func direct(_ query: SQLQueryString) async throws -> [String: Int] {
                Dictionary(try await sql.raw(query).all(decoding: Row.self).map { ($0.value ?? "not_rated", $0.n) }, uniquingKeysWith: +)
            }
            let listed: SQLQueryString = "o.province_code = '42' AND o.status NOT IN ('dissolved', 'merged')"
            let total = try await direct("SELECT 'all' AS value, COUNT(*) AS n FROM organizations o WHERE \(listed)")["all"] ?? 0
            let everyone = try await direct("SELECT 'all' AS value, COUNT(*) AS n FROM organizations o")["all"] ?? 0
            #expect(total > 300 && total < everyone, "the demo has dissolved or merged organisations to leave out: \(total) of \(everyone)")
            let bandYear = try #require(try await PublicQueries.bandYear(on: sql))
            #expect(bandYear == 2025)

            let byType = try await direct("SELECT o.type AS value, COUNT(*) AS n FROM organizations o WHERE \(listed) GROUP BY o.type")
            let bySector = try await direct("SELECT o.sector AS value, COUNT(*) AS n FROM organizations o WHERE \(listed) GROUP BY o.sector")
            let byCommune = try await direct("SELECT o.commune_code AS value, COUNT(*) AS n FROM organizations o WHERE \(listed) GROUP BY o.commune_code")
            let byBand = try await direct("""
                SELECT c.band AS value, COUNT(*) AS n FROM classifications c JOIN organizations o ON o.id = c.organization_id
                WHERE c.year = (SELECT MAX(year) FROM classifications) AND \(listed) GROUP BY c.band
                """)
            let ocopCondition: SQLQueryString = """
                EXISTS (SELECT 1 FROM annual_reports r WHERE r.organization_id = o.id AND r.ocop_products > 0 AND r.year = (
                    SELECT MAX(r2.year) FROM annual_reports r2 WHERE r2.organization_id = o.id AND r2.state IN ('submitted', 'accepted', 'consolidated', 'approved')))
                """
            let withOCOP = try await direct("SELECT 'yes' AS value, COUNT(*) AS n FROM organizations o WHERE \(listed) AND \(ocopCondition)")
            #expect((withOCOP["yes"] ?? 0) > 0 && byBand.count >= 4, "the demo has OCOP products and bands: \(withOCOP), \(byBand)")

            var filter = PublicFilter()
            filter.registry.province = "42"
            filter.bandYear = bandYear
            let facets = try await PublicQueries.facets(filter, bandLabels: [:], on: sql)
            func counts(_ facet: PublicFilter.Facet) -> [String: Int] {
                Dictionary(uniqueKeysWithValues: (facets.first { $0.facet == facet }?.values ?? []).map { ($0.value, $0.count) })
            }
            #expect(counts(.province) == ["42": total])
            #expect(counts(.type) == byType)
            #expect(counts(.sector) == bySector)
            #expect(counts(.commune) == byCommune)
            #expect(counts(.band) == byBand)
            #expect(counts(.ocop) == withOCOP)

            // Through HTTP: each band's list has as many as its facet says; filters combine; other facets narrow, a facet's own does not.
            for (band, n) in byBand {
                #expect(try await visitor.getJSON("/public.json?province=42&band=\(band)")["total"] as? Int == n, "\(band)")
            }
            let htxWithOCOP = try await direct("SELECT 'n' AS value, COUNT(*) AS n FROM organizations o WHERE \(listed) AND o.type = 'htx' AND \(ocopCondition)")["n"] ?? 0
            #expect(try await visitor.getJSON("/public.json?province=42&type=htx&ocop=yes")["total"] as? Int == htxWithOCOP)
            filter.registry.type = .htx
            let narrowed = try await PublicQueries.facets(filter, bandLabels: [:], on: sql)
            #expect(narrowed.first { $0.facet == .type }?.values.count == byType.count, "the type facet still offers every type")
            let htxBands = try await direct("""
                SELECT c.band AS value, COUNT(*) AS n FROM classifications c JOIN organizations o ON o.id = c.organization_id
                WHERE c.year = 2025 AND \(listed) AND o.type = 'htx' GROUP BY c.band
                """)
            #expect(Dictionary(uniqueKeysWithValues: (narrowed.first { $0.facet == .band }?.values ?? []).map { ($0.value, $0.count) }) == htxBands)

            let html = try await visitor.get("/public?province=42").body.string
            #expect(html.contains("Xếp loại năm 2025") && html.contains("Sản phẩm OCOP") && html.contains("Xã, phường"))
            #expect(html.contains("<span>Có sản phẩm OCOP</span><span class=\"count\">\(VietnameseNumber.format(withOCOP["yes"] ?? 0))</span>"))
            #expect(html.contains("href=\"/public?province=42&amp;band=good\"") || html.contains("href=\"/public?province=42&band=good\""))

            // Paging: 25 a page, in name order, everyone exactly once.
            var seen: [Int] = []
            let pages = (total + 24) / 25
            for page in 1...pages {
                let json = try await visitor.getJSON("/public.json?province=42&page=\(page)")
                let ids = Self.ids(json)
                #expect(json["total"] as? Int == total && json["page"] as? Int == page)
                #expect(ids.count == (page < pages ? 25 : total - 25 * (pages - 1)), "page \(page)")
                seen += ids
            }
            #expect(seen.count == total && Set(seen).count == total)
            #expect(Self.ids(try await visitor.getJSON("/public.json?province=42&page=\(pages + 1)")).isEmpty)
            let second = try await visitor.get("/public?province=42&page=2")
            #expect(second.body.string.contains("rel=\"prev\"") && second.body.string.contains("Trang 2/\(VietnameseNumber.format(pages))"))

            // Downloads: every matching row, then the licence line; CSV in UTF-8 with a byte-order mark.
            let csv = try await visitor.get("/public.csv?province=42")
            #expect(csv.status == .ok && Array(csv.bodyBytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
            #expect(csv.headers.first(name: .contentType)?.hasPrefix("text/csv") == true)
            let table = try SpreadsheetFile.read(Data(csv.bodyBytes), filename: "danh-ba.csv")
            #expect(table.rows.first?.cells.map(\.text) == PublicTable.header)
            #expect(table.rows.count == total + 2)
            #expect(table.rows.last?.cells.first?.text == "Dữ liệu mở theo giấy phép CC BY 4.0 — ghi nguồn: HợpTác, Tỉnh Hà Tĩnh")
            let xlsx = try await visitor.get("/public.xlsx?province=42&band=good")
            let sheet = try SpreadsheetFile.read(Data(xlsx.bodyBytes), filename: "danh-ba.xlsx")
            #expect(sheet.rows.count == (byBand["good"] ?? 0) + 2)
            #expect(sheet.rows.dropFirst().dropLast().allSatisfy { $0.cells[14].text == "Tốt" && $0.cells[15].text == "2025" })
        }
    }

    @Test("no representative, phone, e-mail, address, draft report, note or status reason reaches any public page or download")
    func nothingPrivateLeaks() async throws {
        try await TestApp.run { app, admin in
            let id = try await admin.createOrganization(name: "Hợp tác xã Kín Đáo", code: "4201000009", extra: """
                , "registration_date": "2015-03-02", "representative_name": "Nguyễn Văn Bí Mật", "representative_title": "Chủ nhiệm kiêm giám đốc",
                "phone": "0912345678", "email": "chu.nhiem@example.vn", "address": "Số 12 hẻm Riêng Tư, thôn Ẩn"
                """)
            // 2024: submitted, so it counts (one OCOP product, three stars). 2025: a draft with figures nobody has accepted.
            func save(_ year: Int, _ changes: [(String, String)]) async throws {
                let fields = ReportingTests.figures.filter { field in !changes.contains { $0.0 == field.0 } } + changes
                let saved = try await admin.postForm("/organizations/\(id)/reports/\(year)", fields + [("version", "")])
                #expect(saved.status == .seeOther, "\(year): \(saved.body.string)")
            }
            try await save(2024, [])
            let version = try await admin.getJSON("/organizations/\(id)/reports/2024.json")["version"] as? Int ?? 0
            let submitted = try await admin.postForm("/organizations/\(id)/reports/2024/actions", [("action", "submit"), ("text", "Số liệu đã đối chiếu sổ sách."), ("version", String(version))])
            #expect(submitted.status == .seeOther, "\(submitted.body.string)")
            try await save(2025, [("revenue", "98.765,4321"), ("ocop_products", "7"), ("ocop_best_stars", "5"), ("comment", "Giải trình nội bộ chưa công bố")])
            #expect(try await admin.getJSON("/organizations/\(id)/reports/2025.json")["state"] as? String == "draft")
            let suspend = try await admin.sendJSON(.POST, "/api/v1/organizations/\(id)/status", """
                {"version": 1, "status": "suspended", "effective_from": "2026-03-01", "effective_to": "2026-12-31", "reason": "Nợ đọng thuế chưa công bố"}
                """)
            #expect(suspend.status == .ok, "\(suspend.body.string)")

            let secrets = ["0912345678", "chu.nhiem@example.vn", "example.vn", "Bí Mật", "Bi Mat", "Chủ nhiệm kiêm giám đốc", "Riêng Tư", "thôn Ẩn",
                           "98765.4321", "98.765,4321", "98765,4321", "Giải trình nội bộ", "Nợ đọng thuế"]
            let visitor = TestClient(app: app, base: admin.base)
            // The directory is the same whoever asks: an administrator who may read everything still gets only public fields.
            for client in [visitor, admin] {
                for path in ["/public", "/public.json", "/public.csv", "/public?q=kin%20dao", "/public.json?province=42&ocop=yes",
                             "/public/organizations/\(id)", "/public/organizations/\(id).json"] {
                    let response = try await client.get(path)
                    #expect(response.status == .ok, "\(path)")
                    #expect(response.body.string.contains("Kín Đáo"), "\(path) shows the organisation")
                    for secret in secrets { #expect(!response.body.string.contains(secret), "\(path) leaks “\(secret)”") }
                }
                let xlsx = try await client.get("/public.xlsx")
                let cells = try SpreadsheetFile.read(Data(xlsx.bodyBytes), filename: "danh-ba.xlsx").rows.flatMap { $0.cells.map(\.text) }.joined(separator: "\n")
                #expect(cells.contains("Kín Đáo"))
                for secret in secrets { #expect(!cells.contains(secret), "XLSX leaks “\(secret)”") }
            }
            // Private values are not searchable either: a match would tell who the phone number or the representative belongs to.
            for text in ["0912345678", "Nguyễn Văn Bí Mật", "chu.nhiem"] {
                #expect(try await visitor.getJSON("/public.json?q=\(Self.query(text))")["total"] as? Int == 0, "“\(text)”")
            }
            // What is shown comes from the counted 2024 report, not the 2025 draft.
            let profile = try await visitor.getJSON("/public/organizations/\(id).json")
            #expect(profile["ocop_products"] as? Int == 1 && profile["ocop_best_stars"] as? Int == 3 && profile["ocop_year"] as? Int == 2024)
            #expect(profile["status"] as? String == "suspended")
            let page = try await visitor.get("/public/organizations/\(id)")
            #expect(page.body.string.contains("1 sản phẩm OCOP, hạng cao nhất 3 sao (theo báo cáo năm 2024)."))
            #expect(page.body.string.contains("Tạm ngừng hoạt động"))
        }
    }
}
