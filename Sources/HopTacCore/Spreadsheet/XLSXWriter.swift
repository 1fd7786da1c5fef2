import Foundation

/// Writes a workbook that Excel and LibreOffice open as real tables: a bold, frozen header row, column widths,
/// thousands separators on amounts and counts (not on years and record numbers) and dd/mm/yyyy dates. A sheet
/// `forPrint` is an official table: a title block above it, the unit, borders on every cell, and A4 landscape fitted
/// to the page's width with the header row repeated on every printed page.
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

    public struct Sheet: Sendable {
        let name: String
        let columns: [Column]
        /// Lines above the table (issuing body, title, area, year), each across the table's width.
        let title: [String]
        /// "Đơn vị: …", right-aligned above the header row.
        let unit: String?
        let forPrint: Bool
        private var body = ""
        private(set) var rowCount = 0

        public init(name: String, columns: [Column], title: [String] = [], unit: String? = nil, forPrint: Bool = false) {
            self.name = String(name.prefix(31))
            self.columns = columns
            self.title = title
            self.unit = unit
            self.forPrint = forPrint
            rowCount = headerRow
        }

        /// The row of the column titles, under the title block and the unit.
        var headerRow: Int { title.count + (unit == nil ? 0 : 1) + (title.isEmpty ? 1 : 2) }

        public mutating func append(_ values: [Value], bold: Bool = false) {
            rowCount += 1
            body += "<row r=\"\(rowCount)\">"
            let border = forPrint ? 6 : 0
            for (index, value) in values.enumerated() where index < columns.count {
                let reference = XLSXWriter.columnName(index) + String(rowCount)
                func number(_ style: Int, _ text: String) -> String { "<c r=\"\(reference)\" s=\"\(style + border)\"><v>\(text)</v></c>" }
                switch value {
                case .empty: body += forPrint ? "<c r=\"\(reference)\" s=\"\(border + (bold ? 1 : 0))\"/>" : ""
                case .text(let text):
                    body += "<c r=\"\(reference)\" t=\"inlineStr\" s=\"\(border + (bold ? 1 : 0))\"><is><t xml:space=\"preserve\">\(escapeMarkup(FormulaGuard.inert(text)))</t></is></c>"
                case .integer(let value): body += number(2, String(value))
                case .plainInteger(let value): body += number(5, String(value))
                case .decimal(let value): body += number(3, String(value))
                case .amount(let amount): body += number(3, "\(amount.decimalMillions)")
                case .date(let day): body += number(4, String(Cell.serial(of: day)))
                }
            }
            if forPrint {
                for index in values.count..<max(values.count, columns.count) {
                    body += "<c r=\"\(XLSXWriter.columnName(index))\(rowCount)\" s=\"\(border)\"/>"
                }
            }
            body += "</row>"
        }

        var lastColumn: String { XLSXWriter.columnName(max(columns.count - 1, 0)) }

        func xml() -> String {
            let textRow = { (row: Int, text: String, style: Int) in
                "<row r=\"\(row)\"><c r=\"A\(row)\" t=\"inlineStr\" s=\"\(style)\"><is><t xml:space=\"preserve\">\(escapeMarkup(text))</t></is></c></row>"
            }
            var rows = title.enumerated().map { textRow($0.offset + 1, $0.element, 12) }.joined()
            if let unit {
                let row = headerRow - 1
                rows += "<row r=\"\(row)\"><c r=\"\(lastColumn)\(row)\" t=\"inlineStr\" s=\"13\"><is><t>\(escapeMarkup(unit))</t></is></c></row>"
            }
            rows += "<row r=\"\(headerRow)\">" + columns.enumerated().map { index, column in
                "<c r=\"\(XLSXWriter.columnName(index))\(headerRow)\" t=\"inlineStr\" s=\"\(forPrint ? 7 : 1)\"><is><t>\(escapeMarkup(column.title))</t></is></c>"
            }.joined() + "</row>"
            let widths = columns.enumerated().map { "<col min=\"\($0.offset + 1)\" max=\"\($0.offset + 1)\" width=\"\($0.element.width)\" customWidth=\"1\"/>" }.joined()
            let table = "A\(headerRow):\(lastColumn)\(rowCount)"
            let merges = title.indices.map { "<mergeCell ref=\"A\($0 + 1):\(lastColumn)\($0 + 1)\"/>" }
            return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                + (forPrint ? "<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>" : "")
                + "<dimension ref=\"A1:\(lastColumn)\(rowCount)\"/><sheetViews><sheetView workbookViewId=\"0\">"
                + "<pane ySplit=\"\(headerRow)\" topLeftCell=\"A\(headerRow + 1)\" activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews>"
                + "<cols>\(widths)</cols><sheetData>\(rows)\(body)</sheetData>"
                + (forPrint ? "" : "<autoFilter ref=\"\(table)\"/>")
                + (merges.isEmpty ? "" : "<mergeCells count=\"\(merges.count)\">\(merges.joined())</mergeCells>")
                + (forPrint ? "<printOptions horizontalCentered=\"1\"/><pageMargins left=\"0.6\" right=\"0.4\" top=\"0.6\" bottom=\"0.6\" header=\"0.3\" footer=\"0.3\"/>"
                    + "<pageSetup paperSize=\"9\" orientation=\"landscape\" fitToWidth=\"1\" fitToHeight=\"0\"/>" : "")
                + "</worksheet>"
        }
    }

    var sheets: [Sheet]

    /// A one-sheet workbook: a list to download.
    public init(sheetName: String, columns: [Column]) {
        sheets = [Sheet(name: sheetName, columns: columns)]
    }

    public init(sheets: [Sheet]) {
        self.sheets = sheets
    }

    public mutating func append(_ values: [Value]) {
        sheets[0].append(values)
    }

    public func data() throws -> Data {
        let package = try OfficePackage()
        let add = package.add
        let xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        let numbers = sheets.indices.map { $0 + 1 }
        try add("[Content_Types].xml", xml + """
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\(numbers.map { "<Override PartName=\"/xl/worksheets/sheet\($0).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>" }.joined())<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>
            """)
        try add("_rels/.rels", xml + """
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
            """)
        // A printed table repeats its header row on every page and prints the table with its title block only.
        let names = sheets.enumerated().filter(\.element.forPrint).map { index, sheet in
            let quoted = "'" + sheet.name.replacingOccurrences(of: "'", with: "''") + "'"
            return "<definedName name=\"_xlnm.Print_Area\" localSheetId=\"\(index)\">\(escapeMarkup(quoted))!$A$1:$\(sheet.lastColumn)$\(sheet.rowCount)</definedName>"
                + "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"\(index)\">\(escapeMarkup(quoted))!$\(sheet.headerRow):$\(sheet.headerRow)</definedName>"
        }.joined()
        try add("xl/workbook.xml", xml + """
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>\(sheets.enumerated().map { "<sheet name=\"\(escapeMarkup($0.element.name))\" sheetId=\"\($0.offset + 1)\" r:id=\"rId\($0.offset + 1)\"/>" }.joined())</sheets>\(names.isEmpty ? "" : "<definedNames>\(names)</definedNames>")</workbook>
            """)
        try add("xl/_rels/workbook.xml.rels", xml + """
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\(numbers.map { "<Relationship Id=\"rId\($0)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\($0).xml\"/>" }.joined())<Relationship Id="rId\(sheets.count + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>
            """)
        try add("xl/styles.xml", xml + Self.styles)
        for (index, sheet) in sheets.enumerated() { try add("xl/worksheets/sheet\(index + 1).xml", sheet.xml()) }
        return try package.data(".xlsx", failure: SpreadsheetError.self)
    }

    /// Cell styles: 0 default, 1 bold header, 2 integer #,##0, 3 decimal #,##0.0##, 4 date dd/mm/yyyy, 5 plain integer 0;
    /// 6–11 the same with thin borders (7 also centred and wrapped, for a printed header); 12 a title line (bold,
    /// 13 pt, centred); 13 the unit (italic, right).
    private static let styles: String = {
        let formats = [(0, 0), (0, 1), (3, 0), (164, 0), (165, 0), (1, 0)]
        func xf(_ format: (Int, Int), border: Int, alignment: String = "") -> String {
            "<xf numFmtId=\"\(format.0)\" fontId=\"\(format.1)\" fillId=\"0\" borderId=\"\(border)\" xfId=\"0\" applyNumberFormat=\"1\" applyFont=\"1\" applyBorder=\"1\""
                + (alignment.isEmpty ? "/>" : " applyAlignment=\"1\">\(alignment)</xf>")
        }
        let plain = formats.map { xf($0, border: 0) }
        let bordered = formats.enumerated().map { index, format in
            xf(format, border: 1, alignment: index == 1 ? "<alignment horizontal=\"center\" vertical=\"center\" wrapText=\"1\"/>" : "<alignment vertical=\"top\" wrapText=\"1\"/>")
        }
        let extra = [xf((0, 2), border: 0, alignment: "<alignment horizontal=\"center\"/>"), xf((0, 3), border: 0, alignment: "<alignment horizontal=\"right\"/>")]
        let cells = plain + bordered + extra
        return """
            <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="2"><numFmt numFmtId="164" formatCode="#,##0.0##"/><numFmt numFmtId="165" formatCode="dd/mm/yyyy"/></numFmts>\
            <fonts count="4"><font><sz val="11"/><name val="Times New Roman"/></font><font><b/><sz val="11"/><name val="Times New Roman"/></font><font><b/><sz val="13"/><name val="Times New Roman"/></font><font><i/><sz val="11"/><name val="Times New Roman"/></font></fonts>\
            <fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
            <borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left style="thin"/><right style="thin"/><top style="thin"/><bottom style="thin"/><diagonal/></border></borders>\
            <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="\(cells.count)">\(cells.joined())</cellXfs>\
            <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>
            """
    }()

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
