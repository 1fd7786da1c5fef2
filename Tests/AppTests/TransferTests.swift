import Foundation
@testable import HopTacCore
import SQLKit
import Testing
import Vapor
@testable import App

@Suite("Import and export of organisations")
struct TransferTests {
    static func fixture(_ name: String) throws -> Data {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures"))
        return try Data(contentsOf: url)
    }

    func importFile(_ data: Data, name: String, sheet: String? = nil, dryRun: Bool = false, _ app: Application) async throws -> ImportReport {
        try await OrganizationImport.run(try SpreadsheetFile.read(data, filename: name, sheet: sheet), filename: name, dryRun: dryRun,
                                         scope: .everything, actor: .commandLine("test"), on: app.db)
    }

    func count(_ app: Application) async throws -> Int {
        try await app.db.sql().raw("SELECT COUNT(*) AS n FROM organizations").first(decodingColumn: "n", as: Int.self) ?? -1
    }

    @Test("a messy Excel sheet is read as officials wrote it, from .xlsx and from Excel 97–2003 .xls", arguments: ["messy.xlsx", "messy.xls"])
    func messyWorkbook(file: String) async throws {
        try await TestApp.run { app, client in
            let data = try Self.fixture(file)
            let dry = try await importFile(data, name: file, dryRun: true, app)
            #expect(dry.problems.isEmpty, "\(dry.problems.map(\.line))")
            #expect((dry.created, dry.rows, dry.sheet) == (4, 4, "Hợp tác xã"))
            #expect(try await count(app) == 0, "a dry run writes nothing")
            // How each column was understood, shown before anything is written.
            #expect(dry.columns.first == ImportColumn(title: "STT", use: nil))
            #expect(dry.columns.contains(ImportColumn(title: "TEN HTX", use: "Tên tổ chức")))
            #expect(dry.columns.contains(ImportColumn(title: "Số thành viên", use: "Thành viên chính thức")))
            #expect(dry.columnsLine?.hasSuffix("không dùng: “STT”, “Ghi chú”.") == true)

            let report = try await importFile(data, name: file, app)
            #expect((report.created, report.updated, report.unchanged) == (4, 0, 0))
            func record(_ code: String) async throws -> [String: Any] {
                let list = try await client.getJSON("/organizations.json?q=\(code)")
                return (list["items"] as? [[String: Any]])?.first ?? [:]
            }
            let dongTam = try await record("4201100001")
            #expect(dongTam["commune_code"] as? String == Place.thanhSen, "commune by name within the province")
            #expect(dongTam["registration_date"] as? String == "2015-03-02", "a real date cell")
            #expect(dongTam["charter_capital"] as? Double == 1234.5)
            #expect(dongTam["official_members"] as? Int == 45)
            let thachLong = try await record("4201100002")
            #expect(thachLong["registration_date"] as? String == "2015-03-02", "d/m/yy text")
            #expect(thachLong["charter_capital"] as? Double == 1234567, "1.234.567")
            #expect(thachLong["official_members"] as? Int == 1200, "1.200")
            let congVi = try await record("0101100003")
            #expect(congVi["commune_code"] as? String == Place.ngocHa, "a legacy code goes to its default successor")
            #expect(congVi["legacy_commune_code"] as? String == Place.congViLegacy)
            #expect(congVi["charter_capital"] as? Double == 2.5, "2,5")
            let fund = try await record("4201100004")
            #expect(fund["commune_code"] as? String == "18100")
            #expect(fund["type"] as? String == "qtdnd")
            #expect(fund["sector"] as? String == "finance-banking")
            #expect(fund["registration_date"] as? String == "2019-01-01", "an Excel serial number")
            #expect(fund["charter_capital"] as? Double == 1234.5, "1,234.5")

            // One audit entry per province the file touched; each organisation's history names the file.
            struct Entry: Decodable { let provinceCode: String; let summary: String }
            let entries = try await app.db.sql().raw("SELECT province_code, summary FROM audit_events WHERE action = 'organization.import' ORDER BY province_code")
                .all(decoding: Entry.self, keyDecodingStrategy: .snakeCaseColumns)
            #expect(entries.map(\.provinceCode) == ["01", "42"])
            #expect(entries.last?.summary == "Nhập từ tệp \(file): tạo mới 3, cập nhật 0 hồ sơ")
            let history = try await client.getJSON("/api/v1/organizations/\(dongTam["id"] as? Int ?? 0)/history")
            #expect("\(history)".contains("Nhập từ tệp \(file)"))

            let again = try await importFile(data, name: file, app)
            #expect((again.created, again.updated, again.unchanged) == (0, 0, 4), "re-importing creates no duplicates")
            #expect(try await count(app) == 4)

            for sheet in ["Tổ hợp tác", "to hop tac", "2"] {
                let groups = try await importFile(data, name: file, sheet: sheet, dryRun: true, app)
                #expect(groups.sheet == "Tổ hợp tác")
                #expect(groups.created == 1 && groups.problems.isEmpty, "\(groups.problems.map(\.line))")
            }
            #expect(throws: SpreadsheetError.self) { try SpreadsheetFile.read(data, filename: file, sheet: "Không có") }
        }
    }

    @Test("a file whose last row is bad leaves the database unchanged, and every problem names row, column and reason")
    func allOrNothing() async throws {
        try await TestApp.run { app, _ in
            let csv = """
                Tên HTX;Mã số HTX;Loại hình;Xã/phường;Tỉnh/thành;Ngày thành lập;Vốn điều lệ;Số thành viên
                Hợp tác xã Một;4201200001;HTX;Thành Sen;Hà Tĩnh;01/02/2020;1.500;20
                Hợp tác xã Hai;4201200002;HTX;18073;;03/04/2021;2.000,5;30
                Hợp tác xã Ba;42012;HTX;Minh Khai;Hà Nội;31/02/2020;nhiều;4


                """
            let report = try await importFile(Data(csv.utf8), name: "hong.csv", app)
            #expect(!report.isClean)
            #expect(try await count(app) == 0)
            let lines = report.problems.map(\.line)
            #expect(lines.contains("Dòng 4, cột “Ngày thành lập”, giá trị “31/02/2020”: không phải ngày (dd/mm/yyyy, d/m/yy hoặc ngày Excel)."))
            #expect(lines.contains("Dòng 4, cột “Vốn điều lệ”, giá trị “nhiều”: không phải là số (ví dụ 1.234,5)."))
            #expect(lines.contains { $0.hasPrefix("Dòng 4, cột “Xã/phường”, giá trị “Minh Khai”: có 3 xã cũ trùng tên") }, "an ambiguous name is an error, not a guess: \(lines)")
            #expect(lines.contains("Dòng 4, cột “Mã số HTX”, giá trị “42012”: Mã số phải có đúng 10 chữ số; “42012” có 5 chữ số."))
            #expect(report.problems.allSatisfy { $0.row == 4 })

            let fixed = csv.replacingOccurrences(of: "Hợp tác xã Ba;42012;HTX;Minh Khai;Hà Nội;31/02/2020;nhiều;4", with: "Hợp tác xã Ba;4201200003;HTX;Thành Sen;Hà Tĩnh;28/02/2020;1,234.5;7")
            let good = try await importFile(Data(fixed.utf8), name: "sua.csv", app)
            #expect(good.problems.isEmpty, "\(good.problems.map(\.line))")
            #expect(good.created == 3)
            #expect(try await count(app) == 3)
        }
    }

    @Test("an .xls workbook reads cell for cell like the same workbook saved as .xlsx, long shared-string tables included")
    func xlsMatchesXLSX() throws {
        let xls = try Self.fixture("messy.xls"), xlsx = try Self.fixture("messy.xlsx")
        func trimmed(_ sheet: Sheet) -> [[Cell]] {
            sheet.rows.map { row in Array(row.cells.reversed().drop(while: \.isEmpty).reversed()) }
        }
        for sheet in ["1", "2"] {
            let old = try SpreadsheetFile.read(xls, filename: "messy.xls", sheet: sheet)
            let new = try SpreadsheetFile.read(xlsx, filename: "messy.xlsx", sheet: sheet)
            #expect(old.name == new.name)
            #expect(old.rows.map(\.number) == new.rows.map(\.number))
            #expect(trimmed(old) == trimmed(new))
        }
        // The third sheet's 120 notes fill the shared-string table past several CONTINUE records.
        let notes = try SpreadsheetFile.read(xls, filename: "messy.xls", sheet: "ghi chu")
        #expect(notes.rows.count == 120)
        #expect(notes.rows.last?.cells == [.text("Ghi chú số 120: hợp tác xã cần bổ sung báo cáo tài chính năm 2025 trước ngày 31/3 — Đồng Tâm, Thạch Long, Cống Vị")])
    }

    @Test("stream names in an .xls are matched without case; an Office file without a workbook is named as such")
    func xlsStreamNames() throws {
        let xls = [UInt8](try Self.fixture("messy.xls"))
        func renamed(_ name: String) throws -> Data {
            // Directory entries hold names in UTF-16LE; "Workbook" has the same length as each replacement.
            let old = Array("Workbook".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
            let new = Array(name.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
            let at = try #require((0...(xls.count - old.count)).first { Array(xls[$0..<($0 + old.count)]) == old })
            var bytes = xls
            bytes.replaceSubrange(at..<(at + old.count), with: new)
            return Data(bytes)
        }
        #expect(try SpreadsheetFile.read(try renamed("WORKBOOK"), filename: "hoa.xls").rows.count == 7)
        do {
            _ = try SpreadsheetFile.read(try renamed("Document"), filename: "vanban.doc")
            Issue.record("a document without a workbook should be refused")
        } catch let error as SpreadsheetError {
            #expect(error.message == "Tệp “vanban.doc” không phải bảng tính Excel (.xls hoặc .xlsx).")
        }
    }

    @Test("a damaged .xls gets a message, never a crash")
    func damagedXLS() throws {
        let xls = [UInt8](try Self.fixture("messy.xls"))
        // The demo's seeded generator: a fixed sequence, so that a failure repeats.
        var random = DemoRandom(seed: 2025)
        let rounds = 300
        var read = 0, refused = 0
        for round in 0..<rounds {
            var bytes = xls
            if round % 3 == 0 {
                bytes = Array(bytes.prefix(random.int(8...(bytes.count - 1))))
            } else {
                for _ in 0..<random.int(1...40) {
                    bytes[random.below(bytes.count)] = UInt8(random.below(256))
                }
            }
            do {
                _ = try SpreadsheetFile.read(Data(bytes), filename: "hong.xls")
                read += 1
            } catch let error as SpreadsheetError {
                #expect(error.message.contains("hong.xls"), "\(error.message)")
                refused += 1
            }
        }
        #expect(read + refused == rounds && refused > 0)
    }

    @Test("unreadable files get a clear message, not a crash")
    func badFiles() async throws {
        let messy = try Self.fixture("messy.xlsx")
        let cases: [(Data, String, String)] = [
            (Data(), "rong.csv", "rỗng"),
            (messy.prefix(messy.count / 2), "cut.xlsx", "bị hỏng"),
            (try Self.fixture("password.xlsx"), "password.xlsx", "đặt mật khẩu"),
            (Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0]), "anh.png", "không phải bảng tính CSV, XLSX hay XLS"),
            (Data("Tên;Mã\n".utf8) + Data([0xC3, 0x28]), "latin.csv", "UTF-8"),
        ]
        for (data, name, expected) in cases {
            do {
                _ = try SpreadsheetFile.read(data, filename: name)
                Issue.record("\(name) should be refused")
            } catch let error as SpreadsheetError {
                #expect(error.message.contains(expected), "\(name): \(error.message)")
            }
        }
        try await TestApp.run { app, _ in
            let report = try await importFile(try Self.fixture("formula-error.xlsx"), name: "formula-error.xlsx", app)
            #expect(report.problems.map(\.line) == ["Dòng 2, cột “Số thành viên”, giá trị “#DIV/0!”: ô có lỗi công thức; hãy sửa công thức hoặc nhập giá trị."])
            #expect(try await count(app) == 0)
            await #expect(throws: SpreadsheetError.self) { try await importFile(Data("a,b,c\n1,2,3\n".utf8), name: "x.csv", dryRun: true, app) }
        }
    }

    @Test("export to CSV and XLSX, then import the same file: everything unchanged")
    func roundTrip() async throws {
        try await TestApp.run { app, client in
            try await client.createOrganization(name: "Hợp tác xã Vòng Tròn", code: "4201300001",
                                                extra: #", "registration_date": "2012-05-06", "representative_name": "Đặng Thị Mai", "email": "htx@example.vn", "workers": 12"#)
            try await client.createOrganization(name: "Liên hiệp hợp tác xã Khứ Hồi", type: "lhhtx", code: "4201300002")
            try await client.createOrganization(name: "Tổ hợp tác Không Mã", type: "tht", code: nil, commune: Place.ngocHa)
            for format in ["csv", "xlsx"] {
                let download = try await client.get("/organizations.\(format)")
                #expect(download.status == .ok)
                let bytes = format == "xlsx" ? Data(download.bodyBytes) : Data(download.body.string.utf8)
                let report = try await importFile(bytes, name: "xuat.\(format)", app)
                #expect(report.problems.isEmpty, "\(format): \(report.problems.map(\.line))")
                #expect((report.created, report.updated, report.unchanged) == (0, 0, 3), "\(format)")
            }
            // The XLSX is a real workbook: typed numbers and dates in a sheet with a header row.
            let sheet = try SpreadsheetFile.read(Data(try await client.get("/organizations.xlsx").bodyBytes), filename: "x.xlsx")
            let header = sheet.rows[0].cells.map(\.text)
            let row = sheet.rows.first { $0.cells.contains(.text("Hợp tác xã Vòng Tròn")) }?.cells ?? []
            #expect(row[header.firstIndex(of: "Ngày đăng ký") ?? 0] == .date(Double(Cell.serial(of: Day(year: 2012, month: 5, day: 6)!))))
            #expect(row[header.firstIndex(of: "Thành viên chính thức") ?? 0] == .number(25))
        }
    }

    @Test("the upload page previews problems, then imports on confirmation")
    func uploadPage() async throws {
        try await TestApp.run(as: .provinceOfficer) { app, officer in
            let data = try Self.fixture("messy.xlsx")
            let preview = try await officer.upload("/import/organizations", file: data, filename: "messy.xlsx")
            // Row 7 is in Hà Nội, outside the officer's province: the whole file waits.
            #expect(preview.status == .unprocessableEntity)
            #expect(preview.body.string.contains("không thuộc địa bàn bạn được phép quản lý"))
            // Named as the sheet has it: the commune came from the "Xã/phường" column, written as a legacy code.
            #expect(preview.body.string.contains("<td>Xã/phường</td><td>00007</td>"))
            #expect(preview.body.string.contains("Các cột đã đọc: 8 cột dùng, 2 cột không dùng"))
            #expect(try await count(app) == 0)

            let own = try await officer.upload("/import/organizations", file: data, filename: "messy.xlsx", sheet: "Tổ hợp tác")
            #expect(own.status == .ok)
            #expect(own.body.string.contains("sẽ tạo mới 1"))
            let token = try #require(own.body.string.firstMatch(of: /name="token" value="([^"]+)"/).map { String($0.output.1) })
            let done = try await officer.postForm("/import/organizations/confirm", [("token", token)])
            #expect(done.status == .ok)
            #expect(done.body.string.contains("Đã nhập: tạo mới 1"))
            #expect(try await count(app) == 1)
            #expect(try await officer.postForm("/import/organizations/confirm", [("token", token)]).status == .gone, "a preview is confirmed once")

            // A preview left for more than a day has expired, and its file is gone.
            let late = try await officer.upload("/import/organizations", file: data, filename: "messy.xlsx", sheet: "Tổ hợp tác")
            let lateToken = try #require(late.body.string.firstMatch(of: /name="token" value="([^"]+)"/).map { String($0.output.1) })
            let file = ImportController.folder.appendingPathComponent(lateToken)
            try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-ImportController.previewLifetime - 60)], ofItemAtPath: file.path)
            let expired = try await officer.postForm("/import/organizations/confirm", [("token", lateToken)])
            #expect(expired.status == .gone)
            #expect(expired.body.string.contains("Phiên xem trước đã hết hạn"))
            #expect(!FileManager.default.fileExists(atPath: file.path))
            #expect(try await count(app) == 1)
        }
    }
}

extension TestClient {
    /// A multipart form upload with the anti-forgery field, as a browser sends it.
    func upload(_ path: String, file: Data, filename: String, sheet: String = "") async throws -> HTTPResult {
        if cookies[AccessMiddleware.csrfCookie] == nil { _ = try await get("/login") }
        let boundary = "----hoptac\(UUID().uuidString)"
        var body = Data()
        func field(_ name: String, _ value: String) {
            body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        field(AccessMiddleware.csrfField, cookies[AccessMiddleware.csrfCookie] ?? "")
        field("sheet", sheet)
        body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(filename)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8)
        body += file
        body += Data("\r\n--\(boundary)--\r\n".utf8)
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        return try await sendData(.POST, path, headers: headers, body: body)
    }
}
