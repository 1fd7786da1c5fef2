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
        func part(_ path: String) throws -> Data? { try archive.part(path) }
        guard let workbook = try part("xl/workbook.xml") else {
            if archive.contains("EncryptedPackage") || archive.contains("EncryptionInfo") {
                throw SpreadsheetError("Tệp “\(filename)” được đặt mật khẩu. Hãy bỏ mật khẩu rồi tải lại.")
            }
            throw SpreadsheetError("Tệp “\(filename)” không phải bảng tính .xlsx (thiếu xl/workbook.xml).")
        }
        let sheets = XMLElements.collect(workbook, element: "sheet").map { (name: $0["name"] ?? "", relation: $0["r:id"] ?? "") }
        let relations = Dictionary(XMLElements.collect(try part("xl/_rels/workbook.xml.rels") ?? Data(), element: "Relationship")
            .map { ($0["Id"] ?? "", $0["Target"] ?? "") }, uniquingKeysWith: { a, _ in a })
        guard !sheets.isEmpty else { throw SpreadsheetError("Bảng tính “\(filename)” không có trang tính nào.") }
        let index = try SpreadsheetFile.sheetIndex(wanted, among: sheets.map(\.name))
        var target = relations[sheets[index].relation] ?? "worksheets/sheet\(index + 1).xml"
        if target.hasPrefix("/") { target.removeFirst() } else { target = "xl/" + target }
        guard let sheetData = try part(target) else { throw SpreadsheetError("Tệp “\(filename)” thiếu trang tính \(sheets[index].name).") }
        let sharedStrings = SharedStrings.parse(try part("xl/sharedStrings.xml") ?? Data())
        let dateStyles = DateStyles.parse(try part("xl/styles.xml") ?? Data())
        return Sheet(name: sheets[index].name, rows: try SheetParser.parse(sheetData, sharedStrings: sharedStrings, dateStyles: dateStyles, filename: filename))
    }
}

/// Attributes of every element with a given name, for the small parts (workbook, relationships).
enum XMLElements {
    static func collect(_ data: Data, element: String) -> [[String: String]] {
        final class Delegate: NSObject, XMLParserDelegate {
            let element: String
            var found: [[String: String]] = []
            init(element: String) { self.element = element }
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
                if name == element || name.hasSuffix(":" + element) { found.append(attributes) }
            }
        }
        let delegate = Delegate(element: element)
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        parser.parse()
        return delegate.found
    }
}

/// `xl/sharedStrings.xml`: each `<si>` is one string, plain (`<t>`) or rich (several `<r><t>` runs).
enum SharedStrings {
    static func parse(_ data: Data) -> [String] {
        final class Delegate: NSObject, XMLParserDelegate {
            var strings: [String] = []
            var current = ""
            var inText = false
            var inPhonetic = false
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
        let delegate = Delegate()
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        parser.parse()
        return delegate.strings
    }
}

/// Which cell styles (`s` attribute) show dates (see `NumberFormat.isDate`).
enum DateStyles {
    static func parse(_ data: Data) -> Set<Int> {
        final class Delegate: NSObject, XMLParserDelegate {
            var customDateFormats: Set<Int> = []
            var inCellXfs = false
            var styleFormats: [Int] = []
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
        let delegate = Delegate()
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        parser.parse()
        return Set(delegate.styleFormats.enumerated().compactMap { index, format in
            NumberFormat.isDate(id: format, code: nil) || delegate.customDateFormats.contains(format) ? index : nil
        })
    }
}

/// A worksheet's `<sheetData>`: rows with their numbers, cells placed by their column letters.
enum SheetParser {
    static func parse(_ data: Data, sharedStrings: [String], dateStyles: Set<Int>, filename: String) throws -> [(number: Int, cells: [Cell])] {
        final class Delegate: NSObject, XMLParserDelegate {
            let sharedStrings: [String]
            let dateStyles: Set<Int>
            var rows: [(number: Int, cells: [Cell])] = []
            var rowNumber = 0
            var cells: [Cell] = []
            var column = 0
            var type = ""
            var style = 0
            var value = ""
            var collecting = false
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
                    let cell: Cell
                    switch type {
                    case "s": cell = Int(value).flatMap { $0 < sharedStrings.count ? Cell.text(sharedStrings[$0]) : nil } ?? .empty
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
            /// "AB12" → 27 (0-based column).
            static func columnIndex(_ reference: String) -> Int {
                var index = 0
                for scalar in reference.unicodeScalars {
                    guard (65...90).contains(scalar.value) else { break }
                    index = index * 26 + Int(scalar.value - 64)
                }
                return max(0, index - 1)
            }
        }
        let delegate = Delegate(sharedStrings: sharedStrings, dateStyles: dateStyles)
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        guard parser.parse() else {
            throw SpreadsheetError("Tệp “\(filename)” bị hỏng: trang tính không đọc được (dòng \(parser.lineNumber)).")
        }
        return delegate.rows
    }
}
