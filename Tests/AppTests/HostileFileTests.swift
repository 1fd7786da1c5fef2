import Foundation
@testable import HopTacCore
import Testing
import ZIPFoundation

/// Uploaded files built to exhaust or trap a reader: deep nesting, cell references past Excel's columns, indexes out
/// of range, and thousands of random corruptions of real files. Each must end in a message, never in a trap.
@Suite("Hostile files: nesting, references and corruptions end in a message")
struct HostileFileTests {
    static func zip(_ parts: [(String, Data)]) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        for (path, data) in parts {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return try #require(archive.data)
    }

    /// A one-sheet workbook with the given sheet and shared-strings XML.
    static func workbook(sheet: String, sharedStrings: String = #"<sst><si><t>a</t></si></sst>"#) throws -> Data {
        try zip([
            ("[Content_Types].xml", Data(#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#.utf8)),
            ("xl/workbook.xml", Data(#"<?xml version="1.0"?><workbook xmlns:r="r"><sheets><sheet name="Sheet1" r:id="rId1"/></sheets></workbook>"#.utf8)),
            ("xl/_rels/workbook.xml.rels", Data(#"<?xml version="1.0"?><Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>"#.utf8)),
            ("xl/worksheets/sheet1.xml", Data(#"<?xml version="1.0"?><worksheet><sheetData>\#(sheet)</sheetData></worksheet>"#.utf8)),
            ("xl/sharedStrings.xml", Data(sharedStrings.utf8)),
        ])
    }

    static func message(_ read: () throws -> Any) -> String? {
        do {
            _ = try read()
            return nil
        } catch let error as SpreadsheetError {
            return error.message
        } catch let error as PlanDocumentError {
            return error.message
        } catch {
            return "\(error)"
        }
    }

    @Test("XML nested deeper than any Office file is refused with a message naming the part")
    func deepNesting() throws {
        let deep = String(repeating: "<x>", count: 100_000) + String(repeating: "</x>", count: 100_000)
        let sheet = try #require(Self.message { try SpreadsheetFile.read(try Self.workbook(sheet: #"<row r="1"><c r="A1"><v>1</v></c></row>"# + deep), filename: "sau.xlsx") })
        #expect(sheet.contains("sâu quá \(SafeXML.maxDepth) cấp") && sheet.contains("xl/worksheets/sheet1.xml"), "\(sheet)")
        let strings = try #require(Self.message { try SpreadsheetFile.read(try Self.workbook(sheet: "", sharedStrings: "<sst>\(deep)</sst>"), filename: "sau.xlsx") })
        #expect(strings.contains("sâu quá") && strings.contains("xl/sharedStrings.xml"), "\(strings)")

        let document = try Self.zip([("word/document.xml", Data("<w:document><w:body>\(deep)</w:body></w:document>".utf8))])
        let plan = try #require(Self.message { try PlanDocument(data: document, fileName: "ke-hoach.docx") })
        #expect(plan.contains("sâu quá") && plan.contains("ke-hoach.docx"), "\(plan)")

        let xml2003 = #"<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="A"><Table>"# + deep + "</Table></Worksheet></Workbook>"
        let old = try #require(Self.message { try SpreadsheetFile.read(Data(xml2003.utf8), filename: "cu.xls") })
        #expect(old.contains("sâu quá"), "\(old)")

        // Real depth passes: a table in a table in a table is read.
        let nested = String(repeating: "<w:tbl><w:tr><w:tc>", count: 10) + "<w:p><w:r><w:t>Kế hoạch phát triển kinh tế tập thể</w:t></w:r></w:p>" + String(repeating: "</w:tc></w:tr></w:tbl>", count: 10)
        let fine = try Self.zip([("word/document.xml", Data("<w:document><w:body><w:p><w:r><w:t>KẾ HOẠCH</w:t></w:r></w:p>\(nested)</w:body></w:document>".utf8))])
        #expect(Self.message { try PlanDocument(data: fine, fileName: "ke-hoach.docx") } == nil)
    }

    @Test("cell references past the last column and string indexes out of range end in a message, not a trap")
    func referencesOutOfRange() throws {
        let letters = String(repeating: "Z", count: 40)
        let far = try #require(Self.message { try SpreadsheetFile.read(try Self.workbook(sheet: #"<row r="1"><c r="\#(letters)1"><v>1</v></c></row>"#), filename: "xa.xlsx") })
        #expect(far.contains("ngoài cột cuối cùng"), "\(far)")
        let lastColumn = try SpreadsheetFile.read(try Self.workbook(sheet: #"<row r="1"><c r="XFD1"><v>7</v></c></row>"#), filename: "xfd.xlsx")
        #expect(lastColumn.rows.first?.cells.count == XLSXReader.columnCount)

        let negative = try SpreadsheetFile.read(try Self.workbook(sheet: #"<row r="1"><c r="A1" t="s"><v>-1</v></c><c r="B1" t="s"><v>99</v></c><c r="C1" t="s"><v>0</v></c></row>"#), filename: "am.xlsx")
        #expect(negative.rows.first?.cells == [.empty, .empty, .text("a")])

        for index in ["-9223372036854775808", "99999999999", "0", "16385"] {
            let xml = #"<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="A"><Table><Row><Cell ss:Index="\#(index)"><Data ss:Type="Number">1</Data></Cell></Row></Table></Worksheet></Workbook>"#
            let message = try #require(Self.message { try SpreadsheetFile.read(Data(xml.utf8), filename: "cu.xls") }, "\(index)")
            #expect(message.contains("ngoài các cột của Excel"), "\(message)")
        }
    }

    /// A fixed-seed generator, so that a corruption that traps can be replayed.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Overwrites, inserts or cuts a few bytes, biased to the digits and letters that readers turn into numbers.
    static func corrupt(_ data: Data, _ rng: inout SplitMix) -> Data {
        var bytes = [UInt8](data)
        let interesting: [UInt8] = Array("0123456789-9AZXFD<>/\"=:.,e".utf8) + [0, 0xFF, 0x7F, 0x80]
        for _ in 0..<Int.random(in: 1...8, using: &rng) where !bytes.isEmpty {
            let at = Int.random(in: 0..<bytes.count, using: &rng)
            switch Int.random(in: 0..<10, using: &rng) {
            case 0: bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...64, using: &rng)))
            case 1: bytes.insert(contentsOf: (0..<Int.random(in: 1...8, using: &rng)).map { _ in interesting.randomElement(using: &rng) ?? 0 }, at: at)
            case 2: bytes[at] = UInt8.random(in: 0...255, using: &rng)
            default: bytes[at] = interesting.randomElement(using: &rng) ?? 0
            }
        }
        return Data(bytes)
    }

    static func fixture(_ name: String) throws -> Data {
        try Data(contentsOf: try #require(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures")))
    }

    @Test("thousands of corruptions of real .xls, .xlsx parts, XML 2003, HTML and CSV files are read or refused, never trap")
    func corruptions() throws {
        var rng = SplitMix(state: 20_261_202)
        let xls = try Self.fixture("messy.xls")
        for _ in 0..<3_000 { _ = try? SpreadsheetFile.read(Self.corrupt(xls, &rng), filename: "hong.xls") }

        // Corrupting compressed bytes only trips the checksum: corrupt the XML inside and zip it again.
        let xlsx = try Self.fixture("messy.xlsx")
        let archive = try Archive(data: xlsx, accessMode: .read)
        var parts: [(String, Data)] = []
        for entry in archive where entry.type == .file {
            var content = Data()
            _ = try archive.extract(entry) { content.append($0) }
            parts.append((entry.path, content))
        }
        for _ in 0..<400 {
            let victim = Int.random(in: 0..<parts.count, using: &rng)
            var mutated = parts
            mutated[victim].1 = Self.corrupt(parts[victim].1, &rng)
            _ = try? SpreadsheetFile.read(try Self.zip(mutated), filename: "hong.xlsx")
        }

        let document = Data(#"<w:document><w:body><w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>KẾ HOẠCH</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>Đạt 15 HTX</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>2030</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>"#.utf8)
        for _ in 0..<400 {
            _ = try? PlanDocument(data: try Self.zip([("word/document.xml", Self.corrupt(document, &rng))]), fileName: "hong.docx")
        }

        let texts = [
            #"<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="A"><Table><Row ss:Index="2"><Cell ss:Index="2" ss:MergeAcross="3"><Data ss:Type="Number">12</Data></Cell><Cell><Data ss:Type="DateTime">2025-03-02T00:00:00.000</Data></Cell></Row></Table></Worksheet></Workbook>"#,
            "<html><body><table><tr><td colspan=\"3\">Mã số</td><td rowspan=\"2\">Tên</td></tr><tr><td>4201000001</td><td>1.234,5</td></tr></table></body></html>",
            "Mã số HTX;Năm;Doanh thu\n4201000001;2025;\"1.350,5\"\n4201000002;2025;12\n",
        ]
        for (n, text) in texts.enumerated() {
            for _ in 0..<1_000 { _ = try? SpreadsheetFile.read(Self.corrupt(Data(text.utf8), &rng), filename: n == 2 ? "hong.csv" : "hong.xls") }
        }
    }
}
