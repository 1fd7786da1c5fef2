import Foundation
import HopTacCore
import SQLKit
import Testing
import Vapor
@testable import App

@Suite("Official documents: the annual report in the Decree 30 layout, filled from live figures")
struct DocumentTests {
    struct Read: Decodable {
        struct PageSize: Decodable {
            let widthMm: Int, heightMm: Int, topMm: Int, bottomMm: Int, leftMm: Int, rightMm: Int
            let differentFirstPage: Bool
        }
        struct Table: Decodable { let rows: [[String]]; let repeatsHeader: Bool; let bordered: Bool }
        struct Run: Decodable { let text: String; let bold: Bool; let italic: Bool }
        let page: PageSize
        let font: String?
        let sizePt: Double
        let headerText: String
        let firstHeaderText: String
        let paragraphs: [String]
        let tables: [Table]
        let runs: [Run]
    }

    /// What python-docx reads in the file.
    static func read(_ data: Data) throws -> Read {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("hoptac-\(UUID().uuidString).docx")
        try data.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let (status, bytes, errors) = try runCommand(["python3", try SMTPSink.fixture("read_docx"), file.path])
        #expect(status == 0, "python-docx could not read the file: \(errors)")
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(Read.self, from: bytes)
    }

    /// "1.234" → 1234, as the document writes counts.
    static func count(_ text: String) -> Double? { VietnameseNumber.parse(text) }

    /// The table whose header row starts with `title`.
    static func table(_ read: Read, startingWith title: String) throws -> Read.Table {
        try #require(read.tables.first { $0.rows.first?.first == title }, "no table headed “\(title)”")
    }

    @Test("a province's and a commune's annual report: Decree 30 blocks, fonts and page; every number equals /figures.json")
    func annualReport() async throws {
        try await TestApp.run(as: .provinceOfficer) { app, officer in
            try await RollUpTests.loadDemo(app)
            let index = try await officer.get("/documents?year=2025").body.string
            #expect(index.contains("href=\"/documents/annual-report.docx?province=42&amp;year=2025\""))

            let response = try await officer.get("/documents/annual-report.docx?province=42&year=2025")
            #expect(response.status == .ok && response.headers.contentType?.description.contains("wordprocessingml") == true)
            #expect(response.headers.first(name: .contentDisposition)?.contains("attachment") == true)
            let read = try Self.read(Data(response.bodyBytes))
            #expect(read.page.widthMm == 210 && read.page.heightMm == 297, "A4")
            #expect(read.page.topMm == 20 && read.page.bottomMm == 20 && read.page.leftMm == 30 && read.page.rightMm == 15)
            #expect(read.font == "Times New Roman" && read.sizePt == 14)
            #expect(read.page.differentFirstPage && read.firstHeaderText.trimmed.isEmpty && read.headerText.contains("PAGE"), "page numbers from page 2")

            let top = try #require(read.tables.first?.rows.first)
            #expect(top.count == 2)
            #expect(top[0].contains("ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH") && top[0].contains("Số:") && top[0].contains("/BC-UBND"))
            #expect(top[1].contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") && top[1].contains("Độc lập - Tự do - Hạnh phúc") && top[1].contains("Hà Tĩnh, ngày"))
            #expect(read.paragraphs.contains("BÁO CÁO") && read.paragraphs.contains("Tình hình phát triển kinh tế tập thể năm 2025 trên địa bàn tỉnh Hà Tĩnh"))
            let signature = try #require(read.tables.last?.rows.first)
            #expect(signature[0].hasPrefix("Nơi nhận:") && signature[0].contains("- Lưu: VT, KT.") && signature[1].contains("TM. ỦY BAN NHÂN DÂN"))

            let figures = FiguresTests.values(try await officer.getJSON("/figures.json?province=42&year=2025"))
            let types = try Self.table(read, startingWith: "Loại hình")
            #expect(types.repeatsHeader && types.bordered)
            for (row, type) in zip(types.rows.dropFirst(), OrganizationType.allCases) {
                #expect(row[0] == type.label && Self.count(row[1]) == figures[FigureKey.registered(type).rawValue], "\(row)")
                #expect(Self.count(row[2]) == figures[FigureKey.active(type).rawValue], "\(row)")
            }
            #expect(types.rows.last.map { Self.count($0[1]) } == figures["organizations_registered"])
            let bands = try Self.table(read, startingWith: "Xếp loại")
            for (row, band) in zip(bands.rows.dropFirst(), ["good", "fair", "average", "weak"]) {
                #expect(Self.count(row[1]) == figures[band], "\(row) \(band)")
            }
            let results = try Self.table(read, startingWith: "Chỉ tiêu")
            let revenue = try #require(results.rows.first { $0[0].hasPrefix("Doanh thu") && !$0[0].contains("bình quân") })
            #expect(Self.count(revenue[3]).map { ($0 - (figures["revenue"] ?? -1)).magnitude < 1 } == true, "\(revenue) vs \(figures["revenue"] ?? -1)")
            let registered = Int(figures["organizations_registered"] ?? -1)
            #expect(read.paragraphs.contains { $0.contains("có \(VietnameseNumber.format(registered)) tổ chức kinh tế tập thể đang đăng ký") })
            let units = try Self.table(read, startingWith: Grouping.commune.label)
            #expect(units.rows.dropFirst().compactMap { Self.count($0[3]) }.reduce(0, +) == figures["organizations_registered"], "communes add up")
            let audit = try await app.db.sql().raw("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'document.generate'").first(decodingColumn: "n", as: Int.self)
            #expect(audit == 1)

            // A commune's own report, read by its officer; a province's is not theirs.
            let commune = try #require(try await app.db.sql().raw("SELECT commune_code FROM organizations GROUP BY commune_code ORDER BY COUNT(*) DESC LIMIT 1")
                .first(decodingColumn: "commune_code", as: String.self))
            let communeOfficer = TestClient(app: app, base: officer.base)
            try await communeOfficer.signIn(as: .communeOfficer, unit: commune)
            let own = try Self.read(Data(try await communeOfficer.get("/documents/annual-report.docx?year=2025").bodyBytes))
            let communeFigures = FiguresTests.values(try await communeOfficer.getJSON("/figures.json?commune=\(commune)&year=2025"))
            let communeTypes = try Self.table(own, startingWith: "Loại hình")
            #expect(communeTypes.rows.last.map { Self.count($0[1]) } == communeFigures["organizations_registered"])
            #expect(try await communeOfficer.get("/documents/annual-report.docx?province=42&year=2025").status == .forbidden)
            #expect(try await officer.get("/documents/annual-report.docx?province=01&year=2025").status == .forbidden)
            #expect(try await officer.get("/documents/annual-report.docx?province=42&year=abc").status == .badRequest)
            #expect(try await officer.get("/documents/ke-hoach.docx").status == .notFound)
        }
    }

    @Test("the officer's draft: number, signer and free paragraphs kept per area and year, checked, versioned; Vietnamese intact")
    func draft() async throws {
        try await TestApp.run(as: .provinceOfficer) { app, officer in
            try await RollUpTests.loadDemo(app)
            let form = try await officer.get("/documents/annual-report?province=42&year=2025").body.string
            #expect(form.contains("name=\"free_difficulties\"") && form.contains("value=\"ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH\"") == false)
            let registered = Int(FiguresTests.values(try await officer.getJSON("/figures.json?province=42&year=2025"))["organizations_registered"] ?? -1)
            #expect(form.contains("<section class=\"preview\"") && form.contains("có \(VietnameseNumber.format(registered)) tổ chức kinh tế tập thể đang đăng ký"),
                    "the form previews the filled text")
            // Typed with combining marks (as some keyboards send them) and rare letters: the document holds them composed.
            let rare = "Huyện Kỳ Anh: ỹ, Ỷ, ự, ữ, ẵ, ặ, đ, Đ, Ễ, ổ"
            let decomposed = rare.decomposedStringWithCanonicalMapping
            var fields: [(String, String)] = [("issuing_body", "Ủy ban nhân dân tỉnh Hà Tĩnh"), ("number", "7"), ("place", "Hà Tĩnh"), ("date", "05/01/2026"),
                                              ("authority", "TM. ỦY BAN NHÂN DÂN"), ("signer_title", "Chủ tịch"), ("signer", "Nguyễn Văn Ấn"),
                                              ("recipients", "Bộ Tài chính;\nThường trực Tỉnh ủy\nLưu: VT, KT"),
                                              ("free_difficulties", "Một số hợp tác xã thiếu vốn.\n\n" + decomposed), ("version", "0")]
            let bad = try await officer.postForm("/documents/annual-report?province=42&year=2025",
                                                 fields.map { $0.0 == "date" ? ($0.0, "32/13/2026") : $0.0 == "number" ? ($0.0, "7a") : $0 })
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("Ngày “32/13/2026” không đọc được") && bad.body.string.contains("Số văn bản chỉ gồm chữ số"))
            #expect(try await officer.postForm("/documents/annual-report?province=42&year=2025", fields).status == .seeOther)
            #expect(try await officer.postForm("/documents/annual-report?province=42&year=2025", fields).status == .conflict, "a second first draft")
            fields[fields.count - 1] = ("version", "1")
            #expect(try await officer.postForm("/documents/annual-report?province=42&year=2025", fields).status == .seeOther)

            let read = try Self.read(Data(try await officer.get("/documents/annual-report.docx?province=42&year=2025").bodyBytes))
            let top = try #require(read.tables.first?.rows.first)
            #expect(top[0].contains("Số: 07/BC-UBND") && top[1].contains("Hà Tĩnh, ngày 05 tháng 01 năm 2026"))
            #expect(read.paragraphs.contains("Một số hợp tác xã thiếu vốn.") && read.paragraphs.contains(rare), "NFC, every diacritic")
            #expect(!read.paragraphs.contains { $0.unicodeScalars.contains { (0x300...0x36F).contains($0.value) } }, "no combining marks left")
            let signature = try #require(read.tables.last?.rows.first)
            #expect(signature[0].contains("- Bộ Tài chính;") && signature[0].contains("- Lưu: VT, KT.") && signature[1].contains("Nguyễn Văn Ấn"))
            #expect(read.paragraphs.contains("[Kết quả đạt được]"), "a free part left empty keeps its label")

            let commune = TestClient(app: app, base: officer.base)
            try await commune.signIn(as: .communeOfficer)
            #expect(try await commune.postForm("/documents/annual-report?province=42&year=2025", fields).status == .forbidden)
            #expect(try await officer.get("/documents?year=2025").body.string.contains("Báo cáo kinh tế tập thể năm 2025 — Tỉnh Hà Tĩnh"), "the draft is listed")
        }
    }

    struct Sheet: Decodable {
        let name: String
        let rows: [[JSONValue]]
        let merged: [String]
        let orientation: String?
        let paper: Int?
        let fitWidth: Int?
        let fitToPage: Bool?
        let titleRows: String?
        let printArea: String?
        let headerRow: Int?
    }

    /// A cell as openpyxl gives it: text, a number or nothing.
    enum JSONValue: Decodable, Equatable {
        case text(String), number(Double), none
        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() { self = .none } else if let number = try? container.decode(Double.self) { self = .number(number) } else { self = .text(try container.decode(String.self)) }
        }
        var number: Double? { if case .number(let value) = self { value } else { nil } }
        var text: String? { if case .text(let value) = self { value } else { nil } }
    }

    /// What openpyxl reads in a workbook.
    static func sheets(_ data: Data) throws -> [Sheet] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("hoptac-\(UUID().uuidString).xlsx")
        try data.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let bytes = try runCommand(["python3", try SMTPSink.fixture("read_xlsx"), file.path]).output
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode([Sheet].self, from: bytes)
    }

    @Test("the classification results as print-ready XLSX: title block, borders, A4 landscape fitted to width, header repeated; counts equal /figures.json")
    func classificationWorkbook() async throws {
        try await TestApp.run(as: .provinceOfficer) { app, officer in
            try await RollUpTests.loadDemo(app)
            let response = try await officer.get("/documents/classification.xlsx?province=42&year=2025")
            #expect(response.status == .ok && response.headers.contentType?.description.contains("spreadsheetml") == true)
            let sheets = try Self.sheets(Data(response.bodyBytes))
            #expect(sheets.map(\.name) == ["Tổng hợp", "Theo đơn vị", "Danh sách"])
            let figures = FiguresTests.values(try await officer.getJSON("/figures.json?province=42&year=2025"))
            for sheet in sheets {
                #expect(sheet.orientation == "landscape" && sheet.paper == 9 && sheet.fitWidth == 1 && sheet.fitToPage == true, "\(sheet.name)")
                let header = try #require(sheet.headerRow)
                #expect(sheet.titleRows == "$\(header):$\(header)" && sheet.printArea?.hasPrefix("'\(sheet.name)'!$A$1:") == true, "\(sheet.name)")
                #expect(sheet.merged.contains { $0.hasPrefix("A1:") } && sheet.rows.first?.first?.text == "ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH")
                #expect(sheet.rows.contains { $0.first?.text?.contains("NĂM 2025") == true })
            }
            let summary = sheets[0], header = try #require(summary.headerRow)
            let rows = Array(summary.rows.dropFirst(header))
            for (row, band) in zip(rows, ["good", "fair", "average", "weak"]) {
                #expect(row[1].number == figures[band], "\(row) \(band)")
            }
            #expect(rows.last?[1].number == figures["rated"] && rows.dropLast().last?[1].number == figures["not_rated"])
            let list = sheets[2]
            let listed = list.rows.dropFirst(try #require(list.headerRow))
            #expect(Double(listed.count) == (figures["rated"] ?? 0) + (figures["not_rated"] ?? 0))
            #expect(listed.first?[0].number == 1 && listed.first?[2].text?.isEmpty == false)
        }
    }

    @Test("an administrator replaces the template without a release: checked first, used at once, and the shipped one restored")
    func replacedTemplate() async throws {
        try await TestApp.run { app, admin in
            let page = try await admin.get("/documents/templates/annual-report").body.string
            #expect(page.contains("Đang dùng mẫu gốc") && page.contains("{{table types}}"), "\(page.prefix(600))")
            let unknown = try await admin.postForm("/documents/templates/annual-report", [("text", "# I. CHUNG\nCó {{so_htx}} hợp tác xã.")])
            #expect(unknown.status == .unprocessableEntity && unknown.body.string.contains("không có số liệu hay thông tin “{{so_htx}}”"))
            let badTable = try await admin.postForm("/documents/templates/annual-report", [("text", "{{table bang_la}}")])
            #expect(badTable.status == .unprocessableEntity && badTable.body.string.contains("dòng 1: không có bảng “bang_la”"))
            let text = "---\nsummary: Tóm tắt năm {{year}} của {{area}}\n---\n# I. SỐ LIỆU\nCó {{htx_registered}} hợp tác xã (năm trước {{htx_registered@previous}}).\n{{free y_kien: Ý kiến}}"
            #expect(try await admin.postForm("/documents/templates/annual-report", [("text", text)]).status == .seeOther)
            let read = try Self.read(Data(try await admin.get("/documents/annual-report.docx?province=42&year=2025").bodyBytes))
            #expect(read.paragraphs.contains("Tóm tắt năm 2025 của tỉnh Hà Tĩnh") && read.paragraphs.contains("Có 0 hợp tác xã (năm trước 0)."))
            #expect(read.paragraphs.contains("[Ý kiến]"))
            #expect(try await admin.get("/documents/annual-report?province=42&year=2025").body.string.contains("name=\"free_y_kien\""))
            #expect(try await admin.postForm("/documents/templates/annual-report", [("reset", "yes")]).status == .seeOther)
            #expect(try await admin.get("/documents/templates/annual-report").body.string.contains("Đang dùng mẫu gốc"))
            // Every kind's template is replaceable, checked against that kind's own facts and tables.
            #expect(try await admin.get("/documents/templates/dormancy-notice").body.string.contains("{{signs}}"))
            let foreign = try await admin.postForm("/documents/templates/dormancy-notice", [("text", "Kính gửi: {{organization}}.\n{{table types}}")])
            #expect(foreign.status == .unprocessableEntity && foreign.body.string.contains("không có bảng “types”"))
            let officer = TestClient(app: app, base: admin.base)
            try await officer.signIn(as: .provinceOfficer)
            #expect(try await officer.postForm("/documents/templates/annual-report", [("text", text)]).status == .forbidden)
            let audit = try await app.db.sql().raw("SELECT COUNT(*) AS n FROM audit_events WHERE action LIKE 'document.template%'").first(decodingColumn: "n", as: Int.self)
            #expect(audit == 2)
        }
    }

    @Test("hoptac document annual-report writes the DOCX a scheduled run asks for; a wrong format is told in Vietnamese")
    func commandLine() throws {
        let binary = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(".build/debug/hoptac")
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "build the hoptac command first")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hoptac-document-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        func run(_ arguments: [String]) throws -> (status: Int32, errors: String) {
            let result = try runCommand(arguments, executable: binary, environment: ["HOPTAC_DATABASE_URL": folder.appendingPathComponent("cli.sqlite").path])
            return (result.status, result.errors)
        }
        let output = folder.appendingPathComponent("bao-cao.docx")
        let done = try run(["document", "annual-report", "--province", "42", "--year", "2025", "--format", "docx", "--output", output.path])
        #expect(done.status == 0, "\(done.errors)")
        let read = try Self.read(try Data(contentsOf: output))
        #expect(read.paragraphs.contains("Tình hình phát triển kinh tế tập thể năm 2025 trên địa bàn tỉnh Hà Tĩnh"))
        #expect(try Self.table(read, startingWith: "Loại hình").rows.last?[1] == "0", "an empty registry counts nothing")
        let wrong = try run(["document", "annual-report", "--province", "42", "--year", "2025", "--format", "odt", "--output", output.path])
        #expect(wrong.status != 0 && wrong.errors.contains("--format chỉ nhận docx, pdf, xlsx"), "\(wrong.errors)")
        let noProgramme = try run(["document", "programme-report", "--output", output.path])
        #expect(noProgramme.status != 0 && noProgramme.errors.contains("programme-report cần --programme"), "\(noProgramme.errors)")
        let unknown = try run(["document", "programme-report", "--programme", "99", "--output", output.path])
        #expect(unknown.status != 0 && unknown.errors.contains("Không có chương trình số 99"), "\(unknown.errors)")
    }

    @Test("every kind as PDF through LibreOffice: page 1 rendered to PNG, the text layer holds the national title, the motto and the area")
    func pdf() async throws {
        try await TestApp.run(as: .provinceOfficer) { app, officer in
            try await RollUpTests.loadDemo(app)
            guard DocumentConversion.available else {
                let response = try await officer.get("/documents/annual-report.pdf?province=42&year=2025")
                #expect(response.status == .serviceUnavailable && response.body.string.contains("LibreOffice"))
                return
            }
            let programme = try #require((try await officer.getJSON("/programmes.json")["items"] as? [[String: Any]])?
                .compactMap { $0["programme"] as? [String: Any] }.first { $0["unit_code"] as? String == "42" }?["id"] as? Int)
            let organization = try #require((try await officer.getJSON("/organizations.json?province=42")["items"] as? [[String: Any]])?.first?["id"] as? Int)
            let folder = URL(fileURLWithPath: ProcessInfo.processInfo.environment["HOPTAC_TEST_ARTIFACTS"] ?? FileManager.default.temporaryDirectory.path)
                .appendingPathComponent("documents")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            func run(_ arguments: [String]) throws -> String { String(decoding: try runCommand(arguments).output, as: UTF8.self) }
            let kinds: [(kind: String, query: String, pages: ClosedRange<Int>, says: String)] = [
                ("annual-report", "province=42&year=2025", 3...40, "trên địa bàn tỉnh Hà Tĩnh"),
                ("programme-report", "programme=\(programme)&period=h1", 2...60, "6 tháng đầu năm"),
                ("classification-report", "province=42&year=2025", 2...300, "xếp loại tổ chức kinh tế tập thể năm 2025"),
                ("dissolution-list", "province=42", 1...100, "Giải thể bắt buộc"),
                ("dormancy-notice", "organization=\(organization)", 1...2, "Kính gửi:"),
            ]
            for (kind, query, expectedPages, says) in kinds {
                let response = try await officer.get("/documents/\(kind).pdf?\(query)")
                #expect(response.status == .ok && response.headers.contentType?.description == "application/pdf", "\(kind): \(response.status)")
                let file = folder.appendingPathComponent("\(kind).pdf")
                try Data(response.bodyBytes).write(to: file)
                let pages = Int(try run(["pdfinfo", file.path]).split(separator: "\n").first { $0.hasPrefix("Pages:") }?.split(separator: " ").last ?? "") ?? 0
                #expect(expectedPages.contains(pages), "\(kind): \(pages) pages")
                let text = try run(["pdftotext", file.path, "-"]).precomposedStringWithCanonicalMapping.replacingOccurrences(of: "\n", with: " ")
                #expect(text.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") && text.contains("Độc lập - Tự do - Hạnh phúc") && text.contains("Hà Tĩnh"), "\(kind)")
                #expect(text.contains(says), "\(kind) says “\(says)”")
                _ = try run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", file.path, folder.appendingPathComponent("\(kind)-page").path])
                let png = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("\(kind)-page") && $0.hasSuffix(".png") }
                #expect(!png.isEmpty, "page 1 of \(kind) as PNG in \(folder.path)")
            }
        }
    }
}
