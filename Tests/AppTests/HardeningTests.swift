import Foundation
import HopTacCore
import SQLKit
import Testing
import Vapor
import ZIPFoundation
@testable import App

/// The security and crash findings of the probe of the landed product (issue 15), one test per finding.
@Suite("Hardening: hostile input, extremes, limits, redirects, lock-out, scopes, concurrent writes")
struct HardeningTests {
    static let hostile = #"Hợp tác xã "><img src=x onerror=alert(1)><script>alert(2)</script>'"#

    /// True when a page carries markup injected from the hostile text rather than its escaped form.
    static func injected(_ page: String) -> Bool {
        page.contains("<img src=x") || page.contains("<script>alert") || page.contains("\"><img")
    }

    // MARK: 1. Stored XSS

    @Test("hostile text in every field of an organisation and a programme never becomes markup on any page")
    func hostileTextEverywhere() async throws {
        try await TestApp.run { app, admin in
            let h = Self.hostile
            let json = { (s: String) in s.replacingOccurrences(of: "\"", with: "\\\"") }
            let id = try await admin.createOrganization(name: json(h), code: "4201000001", extra: """
                , "short_name": "\(json(h))", "main_activities": "\(json(h))", "address": "\(json(h))", "issuing_authority": "\(json(h))",
                "representative_name": "\(json(h))", "representative_title": "\(json(h))"
                """)
            #expect(id > 0)
            #expect(try await admin.postForm("/organizations/\(id)/reports/2025", ReportingTests.figures + [("version", ""), ("value_chain_partner", h), ("awards", h), ("comment", h)]).status == .seeOther)
            let draft = ProgrammeDraft(symbol: h, title: h, issuedOn: Day(year: 2025, month: 1, day: 5), issuer: h, level: .province, unitCode: "42",
                                       periodFrom: 2025, periodTo: 2030, parentId: nil, sourceFile: h,
                                       targets: [(ProgrammeTarget(indicatorCode: "htx", comparator: .atLeast, value: 3, unit: .count, horizonYear: 2030, quote: h), nil)],
                                       tasks: [.init(number: nil, section: h, text: h, lead: h, coordinating: [h], deadline: nil, frequency: .ongoing, line: nil)])
            let programme = try await ProgrammeStore.create(draft, actor: .commandLine("test"), on: app.db)
            let task = try #require((try await admin.getJSON("/programmes/\(programme).json")["tasks"] as? [[String: Any]])?.first?["id"] as? Int)
            let q = h.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            let visitor = TestClient(app: app, base: admin.base)
            for path in ["/organizations/\(id)", "/organizations/\(id)/edit", "/organizations/\(id)/status", "/organizations/\(id)/reports/2025",
                         "/organizations?q=\(q)", "/organizations", "/reports?year=2025", "/audit", "/units?q=\(q)", "/programmes", "/programmes/\(programme)",
                         "/tasks", "/tasks/\(task)", "/scorecard", "/tasks?agency=\(q)", "/dashboard", "/dashboard/provinces/42", "/public?q=\(q)"] {
                let page = try await admin.get(path)
                #expect(page.status.code < 500, "\(path) → \(page.status)")
                #expect(!Self.injected(page.body.string), "markup injected on \(path)")
            }
            for path in ["/public/organizations/\(id)", "/public", "/organizations/\(id)", "/login?next=\(q)"] {
                let page = try await visitor.get(path)
                #expect(!Self.injected(page.body.string), "markup injected on \(path) for a visitor")
            }
            #expect(try await admin.get("/organizations/\(id)").body.string.contains("&lt;img src=x"), "the value is shown, escaped")
        }
    }

    @Test("hostile text through accounts, dormancy notices, status reasons and both sheet imports never becomes markup")
    func hostileTextThroughOtherForms() async throws {
        try await TestApp.run { app, admin in
            let h = Self.hostile
            // The sheet cell: a semicolon-separated CSV quotes the text so that its own quotes survive.
            let cell = "\"" + h.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            let organizations = Data("""
                Tên HTX;Mã số HTX;Loại hình;Xã/phường;Tỉnh/thành;Ngày thành lập;Vốn điều lệ;Số thành viên;Địa chỉ;\(cell)
                \(cell);4201000001;HTX;Thành Sen;Hà Tĩnh;01/02/2020;1.500;20;\(cell);\(cell)
                Hợp tác xã Hai;4201000002;HTX;\(cell);Hà Tĩnh;01/02/2020;\(cell);20;x;x

                """.utf8)
            // A bad row first: the problems page repeats the typed values and the unknown column title.
            let refused = try await admin.postMultipart("/import/organizations", [], files: [("file", "htx.csv", organizations)])
            #expect(refused.status == .unprocessableEntity)
            #expect(!Self.injected(refused.body.string), "markup injected in the organisation import's problems")
            #expect(refused.body.string.contains("&lt;img src=x"))
            let clean = Data(String(decoding: organizations, as: UTF8.self).split(separator: "\n").prefix(2).joined(separator: "\n").utf8)
            let preview = try await admin.postMultipart("/import/organizations", [], files: [("file", "htx.csv", clean)])
            #expect(preview.status == .ok, "\(preview.body.string)")
            #expect(!Self.injected(preview.body.string), "markup injected in the organisation import's preview")
            let token = try #require(preview.body.string.firstMatch(of: /name="token" value="([^"]+)"/)?.1)
            let confirmed = try await admin.postForm("/import/organizations/confirm", [("token", String(token))])
            #expect(!Self.injected(confirmed.body.string))
            let id = try #require(try await app.db.sql().raw("SELECT id FROM organizations WHERE registration_code = '4201000001'").first(decodingColumn: "id", as: Int.self))

            let reports = Data("""
                Mã số HTX;Năm;Doanh thu;Số thành viên chính thức;Giải trình;\(cell)
                4201000001;2025;\(cell);30;\(cell);\(cell)

                """.utf8)
            let badReport = try await admin.postMultipart("/import/reports", [("year", "2025")], files: [("file", "bao-cao.csv", reports)])
            #expect(badReport.status == .unprocessableEntity)
            #expect(!Self.injected(badReport.body.string), "markup injected in the report import's problems")
            let goodReport = Data("Mã số HTX;Năm;Doanh thu;Số thành viên chính thức;Giải trình\n4201000001;2025;1.200;30;\(cell)\n".utf8)
            let reportPreview = try await admin.postMultipart("/import/reports", [("year", "2025")], files: [("file", "bao-cao.csv", goodReport)])
            #expect(!Self.injected(reportPreview.body.string), "markup injected in the report import's preview")
            if let reportToken = reportPreview.body.string.firstMatch(of: /name="token" value="([^"]+)"/)?.1 {
                #expect(!Self.injected(try await admin.postForm("/import/reports/confirm", [("token", String(reportToken))]).body.string))
            }

            let account = try await admin.postForm("/admin/users", [("email", "doc@test.hoptac.vn"), ("display_name", h), ("role", "province-officer"),
                                                                   ("unit", "42"), ("password", "Mật-khẩu-đủ-dài-2026")])
            #expect(account.status == .seeOther)
            let hostileUser = TestClient(app: app, base: admin.base)
            #expect(try await hostileUser.postForm("/login", [("email", "doc@test.hoptac.vn"), ("password", "Mật-khẩu-đủ-dài-2026")]).status == .seeOther)
            #expect(try await hostileUser.postForm("/account/password", [("current_password", "Mật-khẩu-đủ-dài-2026"), ("new_password", "Mật-khẩu-mới-2026-xyz"),
                                                                        ("confirm_password", "Mật-khẩu-mới-2026-xyz")]).status == .seeOther)
            let version = try #require(try await admin.getJSON("/organizations/\(id).json")["version"] as? Int)
            let status = try await hostileUser.postForm("/organizations/\(id)/status", [("version", String(version)), ("status", "suspended"),
                ("effective_from", "01/03/2026"), ("effective_to", "31/08/2026"), ("reason", h)])
            #expect(status.status == .seeOther, "\(status.body.string)")
            let notice = try await hostileUser.postForm("/organizations/\(id)/dormancy-notice", [("text", h), ("reply_by", Day.today().adding(days: 30).vietnamese)])
            #expect(notice.status == .seeOther, "\(notice.body.string)")
            // The refused forms repeat what was typed.
            let badStatus = try await hostileUser.postForm("/organizations/\(id)/status", [("version", String(version + 1)), ("status", h), ("effective_from", h), ("reason", h)])
            #expect(!Self.injected(badStatus.body.string), "markup injected in the refused status form")
            let badNotice = try await hostileUser.postForm("/organizations/\(id)/dormancy-notice", [("text", h), ("reply_by", h)])
            #expect(!Self.injected(badNotice.body.string), "markup injected in the refused notice")
            let badAccount = try await admin.postForm("/admin/users", [("email", h), ("display_name", h), ("role", "province-officer"), ("unit", h), ("password", "x")])
            #expect(!Self.injected(badAccount.body.string), "markup injected in the refused account form")

            for path in ["/admin/users", "/audit", "/organizations/\(id)", "/organizations/\(id)/status", "/organizations/\(id)/reports/2025",
                         "/dormant", "/dormant?stage=notified", "/organizations?status=suspended", "/reports?year=2025", "/import/organizations", "/import/reports"] {
                let page = try await admin.get(path)
                #expect(page.status.code < 500, "\(path) → \(page.status)")
                #expect(!Self.injected(page.body.string), "markup injected on \(path)")
            }
            for path in ["/", "/organizations/\(id)", "/dormant", "/account/password"] {
                let page = try await hostileUser.get(path)
                #expect(!Self.injected(page.body.string), "markup injected on \(path) for the user whose name is the hostile text")
            }
            #expect(try await admin.get("/admin/users").body.string.contains("&lt;img src=x"), "the name is shown, escaped")
        }
    }

    @Test("evidence files: HTML and SVG refused whatever their name, others served as downloads with the server's type")
    func evidenceFiles() async throws {
        try await TestApp.run(as: .provinceOfficer) { app, officer in
            let draft = ProgrammeDraft(symbol: "1/KH", title: "Kế hoạch", issuedOn: Day(year: 2025, month: 1, day: 5), issuer: "UBND tỉnh", level: .province,
                                       unitCode: "42", periodFrom: 2025, periodTo: 2030, parentId: nil, sourceFile: nil, targets: [],
                                       tasks: [.init(number: nil, section: nil, text: "Nhiệm vụ", lead: "Sở Tài chính", coordinating: [], deadline: nil, frequency: .ongoing, line: nil)])
            let programme = try await ProgrammeStore.create(draft, actor: .commandLine("test"), on: app.db)
            let task = try #require((try await officer.getJSON("/programmes/\(programme).json")["tasks"] as? [[String: Any]])?.first?["id"] as? Int)
            let finance = TestClient(app: app, base: officer.base)
            try await finance.signIn(as: .sectorOfficer, department: "Sở Tài chính")
            let today = Day.today().vietnamese
            let page = Data("<html><script>fetch('/admin/users',{method:'POST'})</script></html>".utf8)
            let svg = Data(#"<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>"#.utf8)
            for (name, data) in [("bao-cao.pdf", page), ("bao-cao.html", page), ("anh.svg", svg), ("anh.png", svg)] {
                let refused = try await finance.postMultipart("/tasks/\(task)/progress", [("reported_on", today), ("percent", "50"), ("note", "x")], files: [("evidence", name, data)])
                #expect(refused.status == .unprocessableEntity, "\(name) → \(refused.status)")
                #expect(refused.body.string.contains("không phải loại được nhận làm minh chứng"))
            }
            #expect(try await app.db.sql().raw("SELECT COUNT(*) AS n FROM task_progress").first(decodingColumn: "n", as: Int.self) == 0)

            let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13])
            #expect(try await finance.postMultipart("/tasks/\(task)/progress", [("reported_on", today), ("percent", "50"), ("note", "x")],
                                                    files: [("evidence", "ảnh hiện trường", png)]).status == .seeOther)
            let progress = try #require(((try await finance.getJSON("/tasks/\(task).json")["progress"] as? [[String: Any]])?.first)?["id"] as? Int)
            let download = try await finance.get("/tasks/\(task)/progress/\(progress)/evidence")
            #expect(download.headers.first(name: .contentType) == "image/png")
            #expect(download.headers.first(name: .contentDisposition)?.hasPrefix("attachment;") == true)
            #expect(download.headers.first(name: .contentDisposition)?.contains(".png") == true)
            #expect(download.headers.first(name: "Content-Security-Policy")?.contains("sandbox") == true)
            #expect(download.headers.first(name: "X-Content-Type-Options") == "nosniff")

            // A page stored before types were checked comes back as bytes to save, never as HTML.
            try await app.db.sql().raw("UPDATE task_progress SET evidence = \(bind: page), evidence_type = 'text/html', evidence_name = 'x.html' WHERE id = \(bind: progress)").run()
            let old = try await finance.get("/tasks/\(task)/progress/\(progress)/evidence")
            #expect(old.headers.first(name: .contentType) == "application/octet-stream")
            #expect(old.headers.first(name: .contentDisposition)?.hasPrefix("attachment;") == true)
        }
    }

    // MARK: 2. Values that used to stop the server

    @Test("figures out of range are refused by field; extremes already stored and absurd dates never stop the server")
    func extremesNeverTrap() async throws {
        try await TestApp.run { app, admin in
            let id = try await admin.createOrganization(name: "Hợp tác xã Cực Hạn", code: "4201000001")
            let coop = TestClient(app: app, base: admin.base)
            try await coop.signIn(as: .cooperative, organization: "4201000001")
            for (field, typed, label) in [("revenue", String(repeating: "9", count: 400), "Doanh thu"),
                                          ("member_needs_met_percent", "10000000000000000000000000", "Mức đáp ứng nhu cầu của thành viên"),
                                          ("official_members", "-5", "Số thành viên chính thức"),
                                          ("months_operated", "13", "Số tháng hoạt động trong năm")] {
                let response = try await coop.postForm("/organizations/\(id)/reports/2025", [(field, typed), ("version", "")])
                #expect(response.status == .unprocessableEntity, "\(field)=\(typed) → \(response.status)")
                #expect(response.body.string.contains(label), "the message names \(label)")
            }
            #expect(try await coop.postForm("/organizations/\(id)/reports/2025", ReportingTests.figures + [("version", "")]).status == .seeOther)

            // Values stored before the checks existed: every page that shows them still answers.
            let sql = try app.db.sql()
            // Every numeric field at an extreme: the largest integers the old checks let through (10^15), and decimals
            // near the end of what a double holds.
            let extremes = ReportField.allCases.compactMap { field -> String? in
                switch field.storedKind {
                case .integer: "\(field.rawValue) = \(field == .highTech || field == .valueChain || field == .digitalTransformation ? 1 : 1_000_000_000_000_000)"
                case .decimal: "\(field.rawValue) = \(field == .pretaxProfit ? "-1e300" : "1e300")"
                case .text: nil
                }
            }
            try await sql.raw("UPDATE annual_reports SET \(unsafeRaw: extremes.joined(separator: ", "))").run()
            try await sql.raw("UPDATE organizations SET charter_capital = 9223372036854775807, official_members = 999999999999").run()
            try await ClassificationStore.classify(year: 2025, scope: .everything, on: app.db)
            let programme = try await ProgrammeStore.create(ProgrammeDraft(symbol: "1/KH", title: "Kế hoạch", issuedOn: Day(year: 2025, month: 1, day: 5), issuer: "UBND tỉnh",
                level: .province, unitCode: "42", periodFrom: 2025, periodTo: 2030, parentId: nil, sourceFile: nil,
                targets: [(ProgrammeTarget(indicatorCode: "revenue", comparator: .atLeast, value: 5, unit: .millionVND, horizonYear: 2030), nil)], tasks: []),
                actor: .commandLine("test"), on: app.db)
            try await sql.raw("UPDATE programme_targets SET value = 1e25").run()
            for path in ["/organizations/\(id)", "/organizations/\(id).json", "/organizations/\(id)/reports/2025", "/organizations/\(id)/reports/2025.json",
                         "/organizations/\(id)/reports/2025.csv", "/organizations/\(id)/reports/2025.xlsx", "/organizations.csv", "/organizations.xlsx",
                         "/reports?year=2025", "/classification/2025", "/classification/2025.json", "/classification/2025.xlsx",
                         "/classification/2025/organizations", "/dashboard", "/dashboard/provinces/42", "/dashboard/communes/\(Place.thanhSen)",
                         "/map?year=2025&indicator=revenue", "/programmes/\(programme)", "/public/organizations/\(id)", "/"] {
                let page = try await admin.get(path)
                #expect(page.status.code < 500, "\(path) → \(page.status): \(page.body.string.prefix(300))")
            }

            // Dates and years outside what the pages work with: a 400 that says why.
            coop.bearer = try await APITokenStore.create(userId: try #require(coop.user?.id), name: "t", actor: .commandLine("test"), on: app.db).1
            for path in ["/reminders?on=01/01/1000", "/reminders.json?on=31/12/9999", "/reports/deadlines?year=999", "/reports/deadlines?year=10000",
                         "/reports?year=abc"] {
                let response = try await coop.get(path)
                #expect(response.status == .badRequest, "\(path) → \(response.status)")
            }
            #expect(try await admin.get("/map?year=-1").status == .badRequest)
            #expect(try await admin.get("/reminders?on=01/01/1000").body.string.contains("không phải ngày"))
        }
    }

    @Test("targets, allocations and imported reports out of range are refused with the row and field")
    func programmeAndImportRanges() async throws {
        try await TestApp.run { app, admin in
            try await admin.createOrganization(name: "Hợp tác xã Một", code: "4201000001")
            let programme = try await ProgrammeStore.create(ProgrammeDraft(symbol: "1/KH", title: "Kế hoạch", issuedOn: Day(year: 2025, month: 1, day: 5), issuer: "UBND tỉnh",
                level: .province, unitCode: "42", periodFrom: 2025, periodTo: 2030, parentId: nil, sourceFile: nil,
                targets: [(ProgrammeTarget(indicatorCode: "htx", comparator: .atLeast, value: 5, unit: .count, horizonYear: 2030), nil)], tasks: []),
                actor: .commandLine("test"), on: app.db)
            let target = try #require(((try await admin.getJSON("/programmes/\(programme).json")["targets"] as? [[String: Any]])?.first?["target"] as? [String: Any])?["id"] as? Int)
            let allocation = try await admin.postForm("/programmes/\(programme)/targets/\(target)/allocations", [("commune-\(Place.thanhSen)", "10000000000000000000000000")])
            #expect(allocation.status == .unprocessableEntity)
            #expect(allocation.body.string.contains("Phường Thành Sen"))
            #expect(try await app.db.sql().raw("SELECT COUNT(*) AS n FROM target_allocations").first(decodingColumn: "n", as: Int.self) == 0)

            let sheet = Data("Mã số HTX,Năm,Doanh thu,Số thành viên chính thức\n4201000001,2025,10000000000000000000000000,30\n".utf8)
            let imported = try await admin.postMultipart("/import/reports", [("year", "2025")], files: [("file", "bao-cao.csv", sheet)])
            #expect(imported.status.code < 500)
            #expect(imported.body.string.contains("Doanh thu") && imported.body.string.contains("nằm ngoài khoảng cho phép"))
            #expect(try await app.db.sql().raw("SELECT COUNT(*) AS n FROM annual_reports").first(decodingColumn: "n", as: Int.self) == 0)
        }
    }

    // MARK: 3. Work bounded before it starts

    /// A workbook whose shared strings inflate from a few kilobytes to `bytes`.
    static func bombWorkbook(inflating bytes: Int, doctype: Bool = false) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        func add(_ path: String, _ text: String) throws {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        try add("[Content_Types].xml", #"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#)
        try add("xl/workbook.xml", #"<?xml version="1.0"?><workbook xmlns:r="r"><sheets><sheet name="Sheet1" r:id="rId1"/></sheets></workbook>"#)
        try add("xl/_rels/workbook.xml.rels", #"<?xml version="1.0"?><Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>"#)
        try add("xl/worksheets/sheet1.xml", #"<?xml version="1.0"?><worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>"#)
        if doctype {
            try add("xl/sharedStrings.xml", #"<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><sst><si><t>&b;</t></si></sst>"#)
        } else {
            try archive.addEntry(with: "xl/sharedStrings.xml", type: .file, uncompressedSize: Int64(bytes), compressionMethod: .deflate) { _, size in
                Data(repeating: UInt8(ascii: " "), count: size)
            }
        }
        return try #require(archive.data)
    }

    @Test("zip bombs, DTDs and forms of thousands of parts are refused before the work, with a message")
    func boundedWork() async throws {
        #expect(throws: SpreadsheetError.self) { try SpreadsheetFile.read(try Self.bombWorkbook(inflating: 300 * 1024 * 1024), filename: "bom.xlsx") }
        do {
            _ = try SpreadsheetFile.read(try Self.bombWorkbook(inflating: 0, doctype: true), filename: "dtd.xlsx")
            Issue.record("a DOCTYPE must be refused")
        } catch let error as SpreadsheetError {
            #expect(error.message.contains("DOCTYPE"))
        }
        try await TestApp.run { app, admin in
            let started = Date()
            let bomb = try Self.bombWorkbook(inflating: 300 * 1024 * 1024)
            #expect(bomb.count < 2 * 1024 * 1024)
            let upload = try await admin.postMultipart("/import/organizations", [], files: [("file", "bom.xlsx", bomb)])
            #expect(upload.status == .unprocessableEntity)
            #expect(upload.body.string.contains("giải nén ra quá lớn"))
            #expect(Date().timeIntervalSince(started) < 30)

            // Thousands of parts: refused on the raw bytes, for anonymous visitors too.
            let boundary = "----nhieu-phan"
            var body = ""
            for n in 0..<20_000 { body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"f\(n)\"\r\n\r\nx\r\n" }
            body += "--\(boundary)--\r\n"
            var headers = HTTPHeaders()
            headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
            let visitor = TestClient(app: app, base: admin.base)
            let flood = try await visitor.send(.POST, "/login", headers: headers, body: body)
            #expect(flood.status == .payloadTooLarge)
            let fields = try await visitor.send(.POST, "/login", headers: ["Content-Type": "application/x-www-form-urlencoded"],
                                                body: (0..<10_000).map { "f\($0)=x" }.joined(separator: "&"))
            #expect(fields.status == .payloadTooLarge)
            #expect(Date().timeIntervalSince(started) < 60)
        }
    }

    @Test("a plan document whose text inflates past any real plan is refused")
    func docxBomb() throws {
        let archive = try Archive(data: Data(), accessMode: .create)
        try archive.addEntry(with: "word/document.xml", type: .file, uncompressedSize: Int64(100 * 1024 * 1024), compressionMethod: .deflate) { _, size in
            Data(repeating: UInt8(ascii: " "), count: size)
        }
        let data = try #require(archive.data)
        do {
            _ = try PlanDocument(data: data, fileName: "ke-hoach.docx")
            Issue.record("the document must be refused")
        } catch let error as PlanDocumentError {
            #expect(error.message.contains("giải nén ra quá lớn"))
        }
    }

    // MARK: 4. Open redirect

    @Test("after sign-in only local paths are followed, whatever control characters or slashes they hide")
    func openRedirect() async throws {
        for hostile in ["/\t/evil.test", "//evil.test", "/\\evil.test", "\\/evil.test", "/\n/evil.test", "https://evil.test", "/%2F/evil.test".removingPercentEncoding ?? "", " /\t/evil.test", "/\u{0}/evil.test"] {
            #expect(AccountController.safeNext(hostile) == "/", "\(hostile.debugDescription)")
        }
        #expect(AccountController.safeNext("/organizations?q=a") == "/organizations?q=a")
        #expect(AccountController.safeNext("/2025") == "/2025")
        try await TestApp.run { app, admin in
            let signedIn = try await admin.get("/login?next=/%09/evil.test")
            #expect(signedIn.location == "/")
            let visitor = TestClient(app: app, base: admin.base)
            _ = try await UserStore.create(NewUser(email: "dan@test.hoptac.vn", displayName: "Dân", password: "mật-khẩu-của-dân", role: .nationalViewer,
                                                   unitCode: nil, organizationRegistrationCode: nil, department: nil, mustChangePassword: false),
                                           passwordCost: 4, actor: .commandLine("test"), on: app.db)
            let login = try await visitor.postForm("/login", [("email", "dan@test.hoptac.vn"), ("password", "mật-khẩu-của-dân"), ("next", "/\t/evil.test")])
            #expect(login.location == "/")
        }
    }

    // MARK: 5. Lock-out

    @Test("forty wrong passwords in parallel check at most five, and passwords past 72 bytes are refused")
    func parallelGuesses() async throws {
        try await TestApp.run(as: nil) { app, client in
            _ = try await UserStore.create(NewUser(email: "lan@test.hoptac.vn", displayName: "Lan", password: "mật-khẩu-đúng-123", role: .provinceOfficer,
                                                   unitCode: "42", organizationRegistrationCode: nil, department: nil, mustChangePassword: false),
                                           passwordCost: 4, actor: .commandLine("test"), on: app.db)
            let statuses = try await withThrowingTaskGroup(of: HTTPResponseStatus.self) { group in
                for n in 0..<40 {
                    group.addTask {
                        let guesser = TestClient(app: app, base: client.base)
                        return try await guesser.postForm("/login", [("email", "lan@test.hoptac.vn"), ("password", "đoán-sai-\(n)")]).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .unauthorized }.count <= UserStore.maxFailedLogins - 1)
            let checked = try await app.db.sql().raw("SELECT COUNT(*) AS n FROM audit_events WHERE action IN ('login.failure', 'login.locked')").first(decodingColumn: "n", as: Int.self)
            #expect(checked == UserStore.maxFailedLogins, "only the guesses before the lock were checked")
            #expect(try await client.postForm("/login", [("email", "lan@test.hoptac.vn"), ("password", "mật-khẩu-đúng-123")]).status == .tooManyRequests)

            let long = String(repeating: "a", count: 60) + "bcdefghijklm"  // 72 bytes
            #expect(UserStore.passwordProblem(long, email: "x@test.hoptac.vn") == nil)
            #expect(UserStore.passwordProblem(long + "n", email: "x@test.hoptac.vn") != nil)
            #expect(UserStore.passwordProblem(String(repeating: "ệ", count: 25), email: "x@test.hoptac.vn") != nil, "75 bytes in 25 letters")
            _ = try await UserStore.create(NewUser(email: "dai@test.hoptac.vn", displayName: "Dài", password: long, role: .nationalViewer, unitCode: nil,
                                                   organizationRegistrationCode: nil, department: nil, mustChangePassword: false),
                                           passwordCost: 4, actor: .commandLine("test"), on: app.db)
            let cut = TestClient(app: app, base: client.base)
            #expect(try await cut.postForm("/login", [("email", "dai@test.hoptac.vn"), ("password", long + "-phần-bị-cắt")]).status == .unauthorized,
                    "a longer password sharing the first 72 bytes is not the same password")
            #expect(try await cut.postForm("/login", [("email", "dai@test.hoptac.vn"), ("password", long)]).status == .seeOther)
        }
    }

    // MARK: 6. Internal notes

    @Test("the reason of a classification override stays with officers")
    func overrideReasonIsInternal() async throws {
        try await TestApp.run { app, admin in
            let id = try await admin.createOrganization(name: "Hợp tác xã Thành Sen", code: "4201000001")
            #expect(try await admin.postForm("/organizations/\(id)/reports/2025", ReportingTests.figures + [("version", "")]).status == .seeOther)
            let version = try await admin.getJSON("/organizations/\(id)/reports/2025.json")["version"] as? Int ?? 0
            #expect(try await admin.postForm("/organizations/\(id)/reports/2025/actions", [("action", "submit"), ("text", "Giải trình"), ("version", String(version))]).status == .seeOther)
            try await ClassificationStore.classify(year: 2025, scope: .everything, on: app.db)
            #expect(try await admin.postForm("/organizations/\(id)/classifications/2025", [("band", "weak"), ("reason", "Ghi chú nội bộ: đang thanh tra")]).status == .seeOther)
            let visitor = TestClient(app: app, base: admin.base)
            for suffix in ["", ".json", ".csv", ".xlsx"] {
                let page = try await visitor.get("/classification/2025/organizations\(suffix)")
                #expect(page.status == .ok)
                #expect(!page.body.string.contains("thanh tra") && !page.bodyBytes.isEmpty, "no internal note in \(suffix)")
            }
            #expect(try await admin.get("/classification/2025/organizations.json").body.string.contains("đang thanh tra"))
        }
    }

    // MARK: 7. Scope of edits

    @Test("a cooperative keeps its registration facts; a commune cannot attach its cooperative to another area's record")
    func scopeOfEdits() async throws {
        try await TestApp.run { app, admin in
            let own = try await admin.createOrganization(name: "Hợp tác xã Của Tôi", code: "4201000011")
            let union = try await admin.createOrganization(name: "Liên hiệp HTX Trần Phú", type: "lhhtx", code: "4201000012", commune: "18100")
            let hanoi = try await admin.createOrganization(name: "Hợp tác xã Ngọc Hà", code: "0101000001", commune: Place.ngocHa)
            func form(type: String = "htx", code: String = "4201000011", union: Int? = nil, version: Int) -> [(String, String)] {
                [("version", String(version)), ("name", "Hợp tác xã Của Tôi"), ("type", type), ("sector", "agriculture"), ("registration_code", code),
                 ("commune_code", Place.thanhSen), ("official_members", "30")] + (union.map { [("union_id", String($0))] } ?? [])
            }
            func version() async throws -> Int { try await admin.getJSON("/organizations/\(own).json")["version"] as? Int ?? 0 }
            let coop = TestClient(app: app, base: admin.base)
            try await coop.signIn(as: .cooperative, organization: "4201000011")
            let retype = try await coop.postForm("/organizations/\(own)", form(type: "lhhtx", version: try await version()))
            #expect(retype.status == .forbidden && retype.body.string.contains("Loại hình"))
            #expect(try await coop.postForm("/organizations/\(own)", form(code: "4201000099", version: try await version())).status == .forbidden)
            #expect(try await coop.postForm("/organizations/\(own)", form(union: union, version: try await version())).status == .forbidden)
            let stored = try await admin.getJSON("/organizations/\(own).json")
            #expect(stored["type"] as? String == "htx" && stored["registration_code"] as? String == "4201000011")
            #expect(try await coop.postForm("/organizations/\(own)", form(version: try await version()) + [("phone", "0912345678")]).status == .seeOther,
                    "the rest of its profile is its own")

            let commune = TestClient(app: app, base: admin.base)
            try await commune.signIn(as: .communeOfficer)
            let join = try await commune.postForm("/organizations/\(own)", form(union: union, version: try await version()))
            #expect(join.status == .forbidden && join.body.string.contains("ngoài địa bàn"))
            let merge = try await commune.postForm("/organizations/\(own)/status", [("version", String(try await version())), ("status", "merged"),
                                                                                  ("effective_from", "01/03/2026"), ("merged_into_id", String(hanoi)), ("reason", "x")])
            #expect(merge.status == .forbidden)
            #expect(try await admin.getJSON("/organizations/\(own).json")["status"] as? String == "active")

            let province = TestClient(app: app, base: admin.base)
            try await province.signIn(as: .provinceOfficer)
            #expect(try await province.postForm("/organizations/\(own)", form(union: union, version: try await version())).status == .seeOther,
                    "the province holds both sides")
        }
    }

    // MARK: 8. Concurrent writes

    @Test("twenty writers for thirty seconds: no write fails on a locked database")
    func concurrentWriters() async throws {
        try await TestApp.run { app, admin in
            var ids: [Int] = []
            for n in 0..<20 { ids.append(try await admin.createOrganization(name: "Hợp tác xã Ghi Song Song \(n)", code: "42020000\(String(format: "%02d", n))")) }
            let deadline = Date().addingTimeInterval(30)
            let results = try await withThrowingTaskGroup(of: (writes: Int, failures: [String]).self) { group in
                for (n, id) in ids.enumerated() {
                    group.addTask {
                        let writer = TestClient(app: app, base: admin.base)
                        try await writer.signIn(as: .admin)
                        var writes = 0, failures: [String] = []
                        while Date() < deadline {
                            let response: HTTPResult
                            if (n + writes) % 2 == 0 {
                                let version = try await writer.getJSON("/organizations/\(id).json")["version"] as? Int ?? 0
                                response = try await writer.postForm("/organizations/\(id)", [("version", String(version)), ("name", "Hợp tác xã Ghi Song Song \(n) lần \(writes)"),
                                    ("type", "htx"), ("sector", "agriculture"), ("registration_code", "42020000\(String(format: "%02d", n))"), ("commune_code", Place.thanhSen),
                                    ("official_members", String(10 + writes % 50))])
                            } else {
                                let version = (try await writer.getJSON("/organizations/\(id)/reports/2025.json")["version"] as? Int).map(String.init) ?? ""
                                response = try await writer.postForm("/organizations/\(id)/reports/2025", [("official_members", String(10 + writes % 50)), ("version", version)])
                            }
                            if response.status.code >= 500 { failures.append("\(response.status): \(response.body.string.prefix(200))") }
                            writes += 1
                        }
                        return (writes, failures)
                    }
                }
                return try await group.reduce(into: [(writes: Int, failures: [String])]()) { $0.append($1) }
            }
            let failures = results.flatMap(\.failures)
            #expect(failures.isEmpty, "\(failures.count) failed writes, first: \(failures.first ?? "")")
            #expect(results.map(\.writes).reduce(0, +) > 100)
        }
    }

    // MARK: 9. Smaller findings

    @Test("error pages carry the security headers; sign-in from another origin is refused; LIKE wildcards match themselves")
    func smallerFindings() async throws {
        try await TestApp.run(as: .communeOfficer) { app, coop in
            for (path, status) in [("/khong-co-trang-nay", HTTPResponseStatus.notFound), ("/admin/users", .forbidden), ("/organizations/abc", .notFound)] {
                let page = try await coop.get(path)
                #expect(page.status == status, "\(path)")
                for header in ["Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy"] {
                    #expect(page.headers.first(name: header) != nil, "\(header) on \(path)")
                }
            }
            let port = try #require(URLComponents(string: coop.base)?.port)
            var headers = HTTPHeaders()
            headers.contentType = .urlEncodedForm
            headers.replaceOrAdd(name: .origin, value: "http://127.0.0.1:\(port == 1 ? 2 : 1)")
            let other = TestClient(app: app, base: coop.base)
            #expect(try await other.send(.POST, "/login", headers: headers, body: "email=a%40b.vn&password=x").status == .forbidden)

            let officer = TestClient(app: app, base: coop.base)
            try await officer.signIn(as: .provinceOfficer)
            _ = try await ProgrammeStore.create(ProgrammeDraft(symbol: "1/KH", title: "Kế hoạch", issuedOn: Day(year: 2025, month: 1, day: 5), issuer: "UBND tỉnh",
                level: .province, unitCode: "42", periodFrom: 2025, periodTo: 2030, parentId: nil, sourceFile: nil, targets: [],
                tasks: [.init(number: nil, section: nil, text: "Nhiệm vụ", lead: "Sở Tài chính", coordinating: [], deadline: nil, frequency: .ongoing, line: nil)]),
                actor: .commandLine("test"), on: app.db)
            for wildcard in ["%25", "_", "%25%25"] {
                let list = try await officer.getJSON("/tasks.json?agency=\(wildcard)")
                #expect((list["items"] as? [[String: Any]])?.isEmpty == true, "agency=\(wildcard) is not a wildcard")
            }
            #expect(((try await officer.getJSON("/tasks.json?agency=S%E1%BB%9F%20T%C3%A0i%20ch%C3%ADnh"))["items"] as? [[String: Any]])?.count == 1)

            #expect(AppConfig(database: .sqliteMemory, port: 8080, hostname: "0.0.0.0").insecureCookieWarning(listeningOn: "0.0.0.0") != nil)
            #expect(AppConfig(database: .sqliteMemory, port: 8080, hostname: "127.0.0.1").insecureCookieWarning(listeningOn: "127.0.0.1") == nil)
            var secure = AppConfig(database: .sqliteMemory, port: 8080, hostname: "0.0.0.0")
            secure.secureCookies = true
            #expect(secure.insecureCookieWarning(listeningOn: "0.0.0.0") == nil)
        }
    }

    @Test("the demo data and an interrupted import leave no dangling references")
    func foreignKeysStayClean() async throws {
        try await TestApp.run { app, admin in
            _ = try await DemoLoader.load(on: app.db, scale: .commune, seed: 7, province: "42", replace: true, progress: { _, _ in })
            let sheet = Data("Tên HTX,Mã số HTX,Loại hình,Xã/phường\nHợp tác xã Mới,4209999991,HTX,\(Place.thanhSen)\nHợp tác xã Lỗi,123,HTX,99999\n".utf8)
            let upload = try await admin.postMultipart("/import/organizations", [], files: [("file", "loi.csv", sheet)])
            #expect(upload.status.code < 500)
            let sql = try app.db.sql()
            if sql.isPostgres {
                // PostgreSQL checks every reference on write; nothing to scan.
                return
            }
            let dangling = try await sql.raw("PRAGMA foreign_key_check").all()
            #expect(dangling.isEmpty, "\(dangling.count) dangling references")
        }
    }
}
