import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads the parts of an Office Open XML workbook that hold data: sheets, shared strings, inline strings, number
/// formats (to tell dates from numbers) and cell errors. Formulas are read as their cached values.
enum XLSXReader {
    static func read(_ data: Data, filename: String, sheet wanted: String?) throws -> Sheet {
        guard let archive = OfficeZip<SpreadsheetError>(data, fileName: filename) else {
            throw SpreadsheetError("Tệp “\(filename)” bị hỏng hoặc không đầy đủ (không mở được như bảng tính .xlsx).")
        }
        let workbook = ElementAttributes(of: "sheet")
        guard try archive.parse("xl/workbook.xml", into: workbook) else {
            if archive.contains("EncryptedPackage") || archive.contains("EncryptionInfo") {
                throw SpreadsheetError("Tệp “\(filename)” được đặt mật khẩu. Hãy bỏ mật khẩu rồi tải lại.")
            }
            throw SpreadsheetError("Tệp “\(filename)” không phải bảng tính .xlsx (thiếu xl/workbook.xml).")
        }
        let sheets = workbook.found.map { (name: $0["name"] ?? "", relation: $0["r:id"] ?? "") }
        let relationList = ElementAttributes(of: "Relationship")
        _ = try archive.parse("xl/_rels/workbook.xml.rels", into: relationList)
        let relations = Dictionary(relationList.found.map { ($0["Id"] ?? "", $0["Target"] ?? "") }, uniquingKeysWith: { a, _ in a })
        guard !sheets.isEmpty else { throw SpreadsheetError("Bảng tính “\(filename)” không có trang tính nào.") }
        let index = try SpreadsheetFile.sheetIndex(wanted, among: sheets.map(\.name))
        var target = relations[sheets[index].relation] ?? "worksheets/sheet\(index + 1).xml"
        if target.hasPrefix("/") { target.removeFirst() } else { target = "xl/" + target }
        let sharedStrings = SharedStrings()
        _ = try archive.parse("xl/sharedStrings.xml", into: sharedStrings)
        let dateStyles = DateStyles()
        _ = try archive.parse("xl/styles.xml", into: dateStyles)
        let sheetData = SheetData(sharedStrings: sharedStrings.strings, dateStyles: dateStyles.styles)
        guard try archive.parse(target, into: sheetData) else {
            throw SpreadsheetError("Tệp “\(filename)” thiếu trang tính \(sheets[index].name).")
        }
        if let cell = sheetData.cellPastLastColumn {
            throw SpreadsheetError("Tệp “\(filename)”, trang tính \(sheets[index].name): ô \(cell) nằm ngoài cột cuối cùng của Excel (XFD): tệp bất thường nên không được đọc.")
        }
        return Sheet(name: sheets[index].name, rows: sheetData.rows)
    }

    /// Excel's last column, XFD: a reference beyond it is not a real cell, and would cost memory to place.
    static let columnCount = 16_384
}

/// Attributes of every element with a given name, for the small parts (workbook, relationships).
private final class ElementAttributes: NSObject, XMLParserDelegate {
    let element: String
    var found: [[String: String]] = []
    init(of element: String) { self.element = element }
    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        if name == element || name.hasSuffix(":" + element) { found.append(attributes) }
    }
}

/// `xl/sharedStrings.xml`: each `<si>` is one string, plain (`<t>`) or rich (several `<r><t>` runs).
private final class SharedStrings: NSObject, XMLParserDelegate {
    var strings: [String] = []
    private var current = ""
    private var inText = false
    private var inPhonetic = false
    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        switch name {
        case "si": current = ""
        case "t": inText = true
        case "rPh": inPhonetic = true
        default: break
        }
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) { if inText && !inPhonetic { current += string } }
    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "si": strings.append(current)
        case "t": inText = false
        case "rPh": inPhonetic = false
        default: break
        }
    }
}

/// `xl/styles.xml`: which cell styles (`s` attribute) show dates (see `NumberFormat.isDate`).
private final class DateStyles: NSObject, XMLParserDelegate {
    private var customDateFormats: Set<Int> = []
    private var inCellXfs = false
    private var styleFormats: [Int] = []
    var styles: Set<Int> {
        Set(styleFormats.enumerated().compactMap { index, format in
            NumberFormat.isDate(id: format, code: nil) || customDateFormats.contains(format) ? index : nil
        })
    }
    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        switch name {
        case "numFmt":
            if let id = attributes["numFmtId"].flatMap(Int.init), NumberFormat.isDate(id: id, code: attributes["formatCode"]) {
                customDateFormats.insert(id)
            }
        case "cellXfs": inCellXfs = true
        case "xf" where inCellXfs: styleFormats.append(attributes["numFmtId"].flatMap(Int.init) ?? 0)
        default: break
        }
    }
    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "cellXfs" { inCellXfs = false }
    }
}

/// A worksheet's `<sheetData>`: rows with their numbers, cells placed by their column letters.
private final class SheetData: NSObject, XMLParserDelegate {
    private let sharedStrings: [String]
    private let dateStyles: Set<Int>
    private(set) var rows: [(number: Int, cells: [Cell])] = []
    /// The first reference past Excel's last column; the sheet is refused when there is one.
    private(set) var cellPastLastColumn: String?
    private var rowNumber = 0
    private var cells: [Cell] = []
    private var column = 0
    private var type = ""
    private var style = 0
    private var value = ""
    private var collecting = false

    init(sharedStrings: [String], dateStyles: Set<Int>) {
        self.sharedStrings = sharedStrings
        self.dateStyles = dateStyles
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        switch name {
        case "row":
            rowNumber = attributes["r"].flatMap(Int.init) ?? rowNumber + 1
            cells = []
            column = 0
        case "c":
            column = attributes["r"].map(Self.columnIndex) ?? column
            if column >= XLSXReader.columnCount, cellPastLastColumn == nil { cellPastLastColumn = attributes["r"] ?? "?" }
            type = attributes["t"] ?? "n"
            style = attributes["s"].flatMap(Int.init) ?? 0
            value = ""
        case "v", "t": collecting = true
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { if collecting { value += string } }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "v", "t": collecting = false
        case "c":
            guard column < XLSXReader.columnCount else { return }
            let cell: Cell
            switch type {
            case "s": cell = Int(value).flatMap { $0 >= 0 && $0 < sharedStrings.count ? Cell.text(sharedStrings[$0]) : nil } ?? .empty
            case "inlineStr", "str": cell = value.isEmpty ? .empty : .text(value)
            case "b": cell = .bool(value == "1")
            case "e": cell = .error(value)
            default:
                if let number = Double(value) { cell = dateStyles.contains(style) ? .date(number) : .number(number) } else { cell = .empty }
            }
            while cells.count < column { cells.append(.empty) }
            cells.append(cell)
            column += 1
        case "row":
            if !cells.allSatisfy(\.isEmpty) { rows.append((rowNumber, cells)) }
        default: break
        }
    }

    /// "AB12" → 27 (0-based column); past the last column the count stops at `XLSXReader.columnCount`, so that no
    /// run of letters can overflow.
    static func columnIndex(_ reference: String) -> Int {
        var index = 0
        for scalar in reference.unicodeScalars {
            guard (65...90).contains(scalar.value) else { break }
            index = min(index * 26 + Int(scalar.value - 64), XLSXReader.columnCount + 1)
        }
        return max(0, index - 1)
    }
}
