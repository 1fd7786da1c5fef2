import Foundation
import HopTacCore
import SQLKit
import Testing
import Vapor
import ZIPFoundation
@testable import App

/// One question, one number: machine outputs carry typed values, downloads write years as years, and people read
/// Vietnamese labels where the data holds codes.
@Suite("Typed outputs, plain years and Vietnamese labels over HTTP")
struct OutputTests {
    /// The sheet and the styles of a downloaded workbook.
    struct Workbook {
        let sheet: String
        let styles: String

        init(_ result: HTTPResult) throws {
            let archive = try Archive(data: Data(result.bodyBytes), accessMode: .read)
            func text(_ path: String) throws -> String {
                let entry = try #require(archive[path], "\(path) in the workbook")
                var data = Data()
                _ = try archive.extract(entry) { data.append($0) }
                return String(decoding: data, as: UTF8.self)
            }
            sheet = try text("xl/worksheets/sheet1.xml")
            styles = try text("xl/styles.xml")
        }

        /// The cell at `reference` ("C5"): its style index and its value.
        func cell(_ reference: String) -> (style: Int?, value: String)? {
            guard let start = sheet.range(of: "<c r=\"\(reference)\""), let end = sheet[start.upperBound...].range(of: "</c>") else { return nil }
            let cell = sheet[start.upperBound..<end.lowerBound]
            let style = cell.firstMatch(of: /s="(\d+)"/).flatMap { Int($0.1) }
            let value = cell.firstMatch(of: /<v>([^<]*)<\/v>/).map { String($0.1) } ?? cell.firstMatch(of: /<t[^>]*>([^<]*)<\/t>/).map { String($0.1) } ?? ""
            return (style, value)
        }

        /// The number of the row whose first cell holds `value`.
        func row(whereFirstCellIs value: String) -> Int? {
            sheet.matches(of: /<row r="(\d+)">(.*?)<\/row>/).first { cell("A\($0.1)")?.value == value }.flatMap { Int($0.1) }
        }

        /// The number format of a cell style: its built-in id, and the format code when it is a custom one.
        func numberFormat(ofStyle index: Int) -> (id: Int, code: String?)? {
            guard let xfs = styles.firstMatch(of: /<cellXfs[^>]*>(.*?)<\/cellXfs>/)?.1 else { return nil }
            let styles = xfs.matches(of: /<xf [^>]*>/).map { String($0.0) }
            guard styles.indices.contains(index), let id = styles[index].firstMatch(of: /numFmtId="(\d+)"/).flatMap({ Int($0.1) }) else { return nil }
            let code = self.styles.matches(of: /<numFmt numFmtId="(\d+)" formatCode="([^"]*)"/).first { Int($0.1) == id }.map { String($0.2) }
            return (id, code)
        }
    }

    /// A column's letter (the tables here have fewer than 27 columns).
    static func column(_ index: Int) -> String { String(UnicodeScalar(UInt8(65 + index))) }

    /// Two cooperatives that sent their 2025 reports, classified, one rated Tốt and one Khá by an officer.
    static func classifiedPair(_ app: Application, _ admin: TestClient) async throws -> (good: Int, fair: Int) {
        let good = try await admin.createOrganization(name: "Hợp tác xã Thành Sen", code: "4201000001")
        let fair = try await admin.createOrganization(name: "Hợp tác xã Sen Hồng", code: "4201000002")
        for id in [good, fair] {
            #expect(try await admin.postForm("/organizations/\(id)/reports/2025", ReportingTests.figures + [("comment", "Giải trình"), ("version", "")]).status == .seeOther)
            let version = try await admin.getJSON("/organizations/\(id)/reports/2025.json")["version"] as? Int ?? 0
            #expect(try await admin.postForm("/organizations/\(id)/reports/2025/actions", [("action", "submit"), ("text", "Giải trình"), ("version", String(version))]).status == .seeOther)
        }
        try await ClassificationStore.classify(year: 2025, scope: .everything, on: app.db)
        for (id, band) in [(good, "good"), (fair, "fair")] {
            #expect(try await admin.postForm("/organizations/\(id)/classifications/2025", [("band", band), ("reason", "Kết luận kiểm tra số 7/KL")]).status == .seeOther)
        }
        return (good, fair)
    }

    @Test("the report's JSON carries numbers as numbers, flags as booleans and ISO dates; its XLSX has number cells")
    func typedReport() async throws {
        try await TestApp.run { app, admin in
            let id = try await admin.createOrganization(name: "Hợp tác xã Thành Sen", code: "4201000001")
            let typed = ReportingTests.figures.filter { $0.0 != "charter_capital" } + [("charter_capital", "1.350,5"), ("version", "")]
            #expect(try await admin.postForm("/organizations/\(id)/reports/2025", typed).status == .seeOther)
            let stored = try await app.db.sql().raw("SELECT charter_capital FROM annual_reports WHERE organization_id = \(bind: id)")
                .first(decodingColumn: "charter_capital", as: Int64.self)
            #expect(stored == 1_350_500_000, "whole đồng")

            let json = try await admin.getJSON("/organizations/\(id)/reports/2025.json")
            let figures = try #require(json["figures"] as? [String: Any])
            #expect(!(figures["charter_capital"] is String) && (figures["charter_capital"] as? NSNumber)?.doubleValue == 1350.5)
            #expect(!(figures["official_members"] is String) && figures["official_members"] as? Int == 45)
            #expect(figures["high_tech"] as? Bool == true && figures["digital_transformation"] as? Bool == false)
            #expect(figures["value_chain_partner"] as? String == "Công ty CP Thực phẩm Xanh")
            #expect(Set(figures.keys) == Set(ReportField.allCases.map(\.rawValue)), "the keys stay the fields' keys")
            #expect((json["deadline"] as? String)?.wholeMatch(of: /\d{4}-\d{2}-\d{2}/) != nil)
            let at = try #require((json["events"] as? [[String: Any]])?.first?["at"] as? String)
            #expect(Timestamp.parse(at) != nil && at.contains("T"), "timestamps are full ISO 8601: \(at)")

            // The same figures downloaded: real numbers in the XLSX (row 5 is the charter capital).
            let workbook = try Workbook(try await admin.get("/organizations/\(id)/reports/2025.xlsx"))
            #expect(workbook.cell("A5")?.value == ReportField.charterCapital.label)
            let capital = try #require(workbook.cell("C5"))
            #expect(Double(capital.value) == 1350.5 && capital.style.flatMap { workbook.numberFormat(ofStyle: $0) }?.id != 0, "\(capital)")
            #expect(workbook.cell("C2")?.value == "45")
        }
    }

    @Test("downloads write years and record numbers without thousands separators, in XLSX and CSV")
    func plainYears() async throws {
        try await TestApp.run { app, admin in
            let (good, _) = try await Self.classifiedPair(app, admin)
            let header = PublicTable.header
            let yearColumn = try #require(header.firstIndex(of: "Năm xếp loại"))
            let idColumn = try #require(header.firstIndex(of: "Số hồ sơ"))

            let workbook = try Workbook(try await admin.get("/public.xlsx"))
            let row = try #require(workbook.row(whereFirstCellIs: String(good)))
            for column in [yearColumn, idColumn] {
                let reference = Self.column(column) + String(row)
                let cell = try #require(workbook.cell(reference), "\(reference)")
                let format = try #require(cell.style.flatMap { workbook.numberFormat(ofStyle: $0) })
                // 0 General, 1 "0": digits only. 3 is "#,##0", which a Vietnamese Excel shows as 2.025.
                #expect([0, 1].contains(format.id) && !(format.code ?? "").contains(","), "\(reference) \(cell) \(format)")
            }
            #expect(workbook.cell(Self.column(yearColumn) + String(row))?.value == "2025")

            let csv = CSV.parse(try await admin.get("/public.csv").body.string)
            let line = try #require(csv.first { $0.first == String(good) })
            #expect(line[yearColumn] == "2025" && !line[yearColumn].contains("."))
        }
    }

    @Test("the reporting round shows the rubric's band labels, on the page and in its downloads; JSON keeps the codes")
    func roundLabels() async throws {
        try await TestApp.run { app, admin in
            let (good, fair) = try await Self.classifiedPair(app, admin)
            let page = try await admin.get("/reports?year=2025").body.string
            #expect(page.contains("<td>Tốt</td>") && page.contains("<td>Khá</td>"))
            #expect(!page.contains(">good<") && !page.contains(">fair<"))

            let workbook = try Workbook(try await admin.get("/reports.xlsx?year=2025"))
            #expect(workbook.sheet.contains(">Tốt<") && workbook.sheet.contains(">Khá<"))
            #expect(!workbook.sheet.contains(">good<") && !workbook.sheet.contains(">fair<") && !workbook.sheet.contains(">submitted<"))
            let csv = try await admin.get("/reports.csv?year=2025").body.string
            #expect(csv.contains(",Tốt") && csv.contains(",Khá") && !csv.contains(",good") && !csv.contains(",fair"))

            let items = try #require(try await admin.getJSON("/reports.json?year=2025")["items"] as? [[String: Any]])
            let bands = Dictionary(uniqueKeysWithValues: items.compactMap { item in (item["organization_id"] as? Int).map { ($0, item["band"] as? String) } })
            #expect(bands[good] == "good" && bands[fair] == "fair")
        }
    }
}
