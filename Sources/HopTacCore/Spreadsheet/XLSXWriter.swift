import Foundation
import ZIPFoundation

/// Writes a one-sheet workbook that Excel and LibreOffice open as a real table: a bold, frozen header row,
/// column widths, thousands separators on amounts and counts (not on years and record numbers) and dd/mm/yyyy dates.
public struct XLSXWriter {
    public enum Value: Sendable {
        case text(String)
        case integer(Int)
        /// An integer that names rather than counts (a year, a record number): a number cell without thousands
        /// separators, so that a year reads 2025, never 2.025 or 2,025.
        case plainInteger(Int)
        case decimal(Double)
        /// Triệu đồng written from the exact đồng: the cell holds `1350.5`, not a double's nearest digits.
        case amount(Money)
        case date(Day)
        case empty
    }

    public struct Column: Sendable {
        public let title: String
        public let width: Double
        public init(_ title: String, width: Double) {
            self.title = title
            self.width = width
        }
    }

    let sheetName: String
    let columns: [Column]
    private var body = ""
    private var rowCount = 1

    public init(sheetName: String, columns: [Column]) {
        self.sheetName = String(sheetName.prefix(31))
        self.columns = columns
    }

    public mutating func append(_ values: [Value]) {
        rowCount += 1
        body += "<row r=\"\(rowCount)\">"
        for (index, value) in values.enumerated() {
            let reference = Self.columnName(index) + String(rowCount)
            switch value {
            case .empty: continue
            case .text(let text): body += "<c r=\"\(reference)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">\(escapeMarkup(text))</t></is></c>"
            case .integer(let number): body += "<c r=\"\(reference)\" s=\"2\"><v>\(number)</v></c>"
            case .plainInteger(let number): body += "<c r=\"\(reference)\" s=\"5\"><v>\(number)</v></c>"
            case .decimal(let number): body += "<c r=\"\(reference)\" s=\"3\"><v>\(number)</v></c>"
            case .amount(let amount): body += "<c r=\"\(reference)\" s=\"3\"><v>\(amount.decimalMillions)</v></c>"
            case .date(let day): body += "<c r=\"\(reference)\" s=\"4\"><v>\(Cell.serial(of: day))</v></c>"
            }
        }
        body += "</row>"
    }

    public func data() throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        func add(_ path: String, _ text: String) throws {
            let bytes = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: .deflate) { position, size in
                bytes.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        let header = "<row r=\"1\">" + columns.enumerated().map { index, column in
            "<c r=\"\(Self.columnName(index))1\" t=\"inlineStr\" s=\"1\"><is><t>\(escapeMarkup(column.title))</t></is></c>"
        }.joined() + "</row>"
        let widths = columns.enumerated().map { "<col min=\"\($0.offset + 1)\" max=\"\($0.offset + 1)\" width=\"\($0.element.width)\" customWidth=\"1\"/>" }.joined()
        let lastCell = Self.columnName(max(columns.count - 1, 0)) + String(rowCount)
        try add("[Content_Types].xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>
            """)
        try add("_rels/.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
            """)
        try add("xl/workbook.xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="\(escapeMarkup(sheetName))" sheetId="1" r:id="rId1"/></sheets></workbook>
            """)
        try add("xl/_rels/workbook.xml.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>
            """)
        // Styles: 0 default, 1 bold header, 2 integer #,##0, 3 decimal #,##0.0##, 4 date dd/mm/yyyy, 5 plain integer 0.
        try add("xl/styles.xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="2"><numFmt numFmtId="164" formatCode="#,##0.0##"/><numFmt numFmtId="165" formatCode="dd/mm/yyyy"/></numFmts><fonts count="2"><font><sz val="11"/><name val="Times New Roman"/></font><font><b/><sz val="11"/><name val="Times New Roman"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="6"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="1" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>
            """)
        try add("xl/worksheets/sheet1.xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:\(lastCell)"/><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><cols>\(widths)</cols><sheetData>\(header)\(body)</sheetData><autoFilter ref="A1:\(lastCell)"/></worksheet>
            """)
        guard let data = archive.data else { throw SpreadsheetError("Không tạo được tệp .xlsx.") }
        return data
    }

    /// 0 → A, 25 → Z, 26 → AA.
    static func columnName(_ index: Int) -> String {
        var name = ""
        var n = index + 1
        while n > 0 {
            let remainder = (n - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + remainder))) + name
            n = (n - 1) / 26
        }
        return name
    }
}
