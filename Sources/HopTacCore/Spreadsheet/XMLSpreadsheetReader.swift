import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads "XML Spreadsheet 2003" files (SpreadsheetML), which older systems export under an .xls name: worksheets by
/// name, rows and cells placed by their optional `ss:Index`, typed data (text, numbers, dates, booleans, errors).
enum XMLSpreadsheetReader {
    static func isXMLSpreadsheet(_ text: String) -> Bool {
        let head = text.prefix(4_096)
        return head.contains("<?xml") && head.contains("urn:schemas-microsoft-com:office:spreadsheet")
    }

    static func read(_ text: String, filename: String, sheet wanted: String?) throws -> Sheet {
        let delegate = Delegate()
        let source = "Tệp “\(filename)” (bảng tính XML 2003)"
        try SafeXML.parse(Data(text.utf8), into: delegate, source: source, as: SpreadsheetError.self)
        // A file cut short can parse without complaint up to where it ends: the workbook must also be closed.
        guard delegate.complete else { throw SpreadsheetError("\(source) bị hỏng: tệp bị cắt cụt, thiếu phần kết thúc.") }
        if let index = delegate.cellPastLastColumn {
            throw SpreadsheetError("\(source): một ô ghi số cột \(index), ngoài các cột của Excel (1 đến \(VietnameseNumber.format(XLSXReader.columnCount))): tệp bất thường nên không được đọc.")
        }
        guard !delegate.sheets.isEmpty else { throw SpreadsheetError("Bảng tính “\(filename)” không có trang tính nào.") }
        let index = try SpreadsheetFile.sheetIndex(wanted, among: delegate.sheets.map(\.name))
        return Sheet(name: delegate.sheets[index].name, rows: delegate.sheets[index].rows.filter { !$0.cells.allSatisfy(\.isEmpty) })
    }

    private final class Delegate: NSObject, XMLParserDelegate {
        var sheets: [(name: String, rows: [(number: Int, cells: [Cell])])] = []
        var complete = false
        /// The first `ss:Index` of a cell outside Excel's columns; the sheet is refused when there is one.
        private(set) var cellPastLastColumn: String?
        private var skipping = false
        private var rowNumber = 0
        private var cells: [Cell] = []
        private var column = 0
        private var span = 0
        private var type = ""
        private var value: String?

        /// "ss:Row" and "Row" alike.
        private static func local(_ name: String) -> String { name.split(separator: ":").last.map(String.init) ?? name }
        private static func attribute(_ attributes: [String: String], _ name: String) -> String? {
            attributes.first { local($0.key) == name }?.value
        }

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            switch Self.local(name) {
            case "Worksheet":
                sheets.append((Self.attribute(attributes, "Name") ?? "Trang \(sheets.count + 1)", []))
                rowNumber = 0
            case "Row":
                rowNumber = Self.attribute(attributes, "Index").flatMap(Int.init) ?? rowNumber + 1
                cells = []
                column = 0
            case "Cell":
                if let index = Self.attribute(attributes, "Index") {
                    guard let number = Int(index), (1...XLSXReader.columnCount).contains(number) else {
                        if cellPastLastColumn == nil { cellPastLastColumn = index }
                        skipping = true
                        return
                    }
                    column = number - 1
                }
                skipping = false
                span = Self.attribute(attributes, "MergeAcross").flatMap(Int.init) ?? 0
            case "Data":
                type = Self.attribute(attributes, "Type") ?? "String"
                value = ""
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { value? += string }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            switch Self.local(name) {
            case "Cell" where skipping:
                value = nil
            case "Cell":
                while cells.count < column { cells.append(.empty) }
                cells.append(value.map(cell) ?? .empty)
                cells += repeatElement(.empty, count: max(0, min(span, 1_000)))
                column = cells.count
                value = nil
            case "Row":
                if !sheets.isEmpty { sheets[sheets.count - 1].rows.append((rowNumber, cells)) }
            case "Workbook": complete = true
            default: break
            }
        }

        private func cell(_ text: String) -> Cell {
            switch type {
            case "Number": return Double(text).map(Cell.number) ?? .text(text)
            case "DateTime":
                // "2015-03-02T00:00:00.000": the day is what the import needs.
                return Day(iso: String(text.prefix(10))).map { .date(Double(Cell.serial(of: $0))) } ?? .text(text)
            case "Boolean": return .bool(text == "1")
            case "Error": return .error(text)
            default: return text.isEmpty ? .empty : .text(text.precomposedStringWithCanonicalMapping)
            }
        }
    }
}
