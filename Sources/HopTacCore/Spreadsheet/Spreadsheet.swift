import Foundation

/// One cell of a sheet as the file stored it.
public enum Cell: Equatable, Sendable {
    case empty
    case text(String)
    case number(Double)
    /// A number whose cell format is a date: the Excel serial day (1900 date system).
    case date(Double)
    case bool(Bool)
    /// A formula that failed: `#DIV/0!`, `#REF!`, `#VALUE!`…
    case error(String)

    /// The cell as a person reads it in the sheet, for messages and for text fields.
    public var text: String {
        switch self {
        case .empty: ""
        case .text(let value): value
        case .number(let value): value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
        case .date(let serial): Cell.day(fromSerial: serial)?.vietnamese ?? String(serial)
        case .bool(let value): value ? "TRUE" : "FALSE"
        case .error(let code): code
        }
    }

    public var isEmpty: Bool {
        if case .empty = self { return true }
        if case .text(let value) = self { return value.unicodeScalars.allSatisfy(\.isBlank) }
        return false
    }

    /// Excel's day numbers count from 30/12/1899 (which absorbs Excel's 1900 leap-year bug for dates after 1/3/1900).
    public static func day(fromSerial serial: Double) -> Day? {
        guard serial >= 1, serial < 2_958_466 else { return nil }
        return Day(year: 1899, month: 12, day: 30)?.adding(days: Int(serial.rounded(.down)))
    }

    public static func serial(of day: Day) -> Int {
        let base = Calendar.vietnam.date(from: DateComponents(year: 1899, month: 12, day: 30)) ?? Date()
        let date = Calendar.vietnam.date(from: DateComponents(year: day.year, month: day.month, day: day.day)) ?? Date()
        return Calendar.vietnam.dateComponents([.day], from: base, to: date).day ?? 0
    }
}

/// A sheet read from a file: rows in order, each with its 1-based row number as the file shows it.
public struct Sheet: Sendable {
    public let name: String
    public let rows: [(number: Int, cells: [Cell])]

    public init(name: String, rows: [(number: Int, cells: [Cell])]) {
        self.name = name
        self.rows = rows
    }
}

extension Sheet {
    /// A header row: where it is, its cells, and the field each recognised column holds.
    public struct Header<Field: Hashable & Sendable>: Sendable {
        public let index: Int
        public let cells: [Cell]
        public let columns: [Int: Field]

        /// The header's title of each field the sheet has, for messages.
        public var titles: [Field: String] { Dictionary(columns.map { ($0.value, cells[$0.key].text.trimmed) }, uniquingKeysWith: { a, _ in a }) }
    }

    /// The first row within 30 whose titles, read by `field`, name every `required` field (the first column of a
    /// field wins); official forms put a title block above the header.
    public func header<Field: Hashable & Sendable>(naming required: Set<Field>, field: (String) -> Field?) -> Header<Field>? {
        for (index, row) in rows.prefix(30).enumerated() {
            var columns: [Int: Field] = [:]
            for (column, cell) in row.cells.enumerated() {
                if let found = field(cell.text), !columns.values.contains(found) { columns[column] = found }
            }
            if required.isSubset(of: Set(columns.values)) { return Header(index: index, cells: row.cells, columns: columns) }
        }
        return nil
    }

    /// The filled rows under a header, past a row numbering its columns, each as its fields' texts; a row whose cells
    /// start "Tổng cộng" with none of `key` filled is the table's total, not a record.
    public func records<Field>(under header: Header<Field>, key: Field) -> [(number: Int, texts: [Field: String])] {
        let numbered = header.index + 1 < rows.count && Self.numbersColumns(rows[header.index + 1].cells)
        return rows.dropFirst(header.index + (numbered ? 2 : 1)).filter { !$0.cells.allSatisfy(\.isEmpty) }.compactMap { row in
            var texts: [Field: String] = [:]
            for (column, field) in header.columns where column < row.cells.count { texts[field] = row.cells[column].text }
            let total = texts[key]?.trimmed.isEmpty != false && row.cells.contains { foldForSearch($0.text).hasPrefix("tong cong") }
            return total ? nil : (row.number, texts)
        }
    }

    /// Whether a row numbers the columns above it, as official forms do under their header: every filled cell a
    /// short label such as "1", "(2)", "A" or "(3)=(1)+(2)". A column's number has at most three digits, so a first
    /// record of codes and amounts ("4201000001", "150") is not taken for one.
    public static func numbersColumns(_ cells: [Cell]) -> Bool {
        let filled = cells.filter { !$0.isEmpty }.map { $0.text.trimmed }
        return filled.count >= 2 && filled.allSatisfy { label in
            label.count <= 15 && label.unicodeScalars.allSatisfy { CharacterSet(charactersIn: "0123456789()+-=*x/ ").contains($0) }
                && label.split(whereSeparator: { !$0.isNumber }).allSatisfy { $0.count <= 3 }
                || label.count <= 3 && label.filter(\.isLetter).count == 1 && label.allSatisfy { $0.isLetter || $0 == "(" || $0 == ")" }
        }
    }
}

/// Why a file could not be read at all, in Vietnamese.
public struct SpreadsheetError: Error, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Excel number formats, shared by the .xlsx and .xls readers.
enum NumberFormat {
    /// Whether a cell with this format shows a date: built-in formats 14–22 and 45–47, or a custom code with day,
    /// month or year letters outside quoted text ("dd/mm/yyyy", "mmm-yy").
    static func isDate(id: Int, code: String?) -> Bool {
        if (14...22).contains(id) || (45...47).contains(id) { return true }
        guard let code else { return false }
        let letters = code.lowercased().replacingOccurrences(of: "\"[^\"]*\"", with: "", options: .regularExpression)
        return (letters.contains("d") || letters.contains("y")) && (letters.contains("m") || letters.contains("y"))
    }
}

/// Reads CSV, XLSX and XLS files the way officials produce them.
public enum SpreadsheetFile {
    /// Picks the reader from the content (not only the name): XLSX is a ZIP; .xls and password-protected workbooks are
    /// OLE compound files; an "Excel" export of a web system is often an HTML table or an XML Spreadsheet 2003.
    /// `sheet` names a sheet or gives its 1-based position; by default the first sheet.
    public static func read(_ data: Data, filename: String, sheet: String? = nil) throws -> Sheet {
        guard !data.isEmpty else { throw SpreadsheetError("Tệp “\(filename)” rỗng.") }
        let head = [UInt8](data.prefix(8))
        if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) { return try XLSReader.read(data, filename: filename, sheet: sheet) }
        if head.starts(with: [0x50, 0x4B]) { return try XLSXReader.read(data, filename: filename, sheet: sheet) }
        if filename.lowercased().hasSuffix(".xlsx") {
            throw SpreadsheetError("Tệp “\(filename)” có đuôi .xlsx nhưng không phải bảng tính Excel hợp lệ (có thể bị hỏng hoặc tải về chưa hết).")
        }
        let text = try SpreadsheetText.decode(data, filename: filename)
        if XMLSpreadsheetReader.isXMLSpreadsheet(text) { return try XMLSpreadsheetReader.read(text, filename: filename, sheet: sheet) }
        if HTMLTableReader.isHTML(text) { return try HTMLTableReader.read(text, filename: filename, sheet: sheet) }
        let rows = CSV.parse(text, separator: CSV.guessSeparator(text))
        return Sheet(name: filename, rows: rows.enumerated().map { (number: $0.offset + 1, cells: $0.element.map { $0.isEmpty ? Cell.empty : .text($0) }) })
    }

    /// The sheet a person asked for: by 1-based position or by name (diacritics and case aside); the first by default.
    static func sheetIndex(_ wanted: String?, among names: [String]) throws -> Int {
        guard let wanted else { return 0 }
        if let position = Int(wanted), names.indices.contains(position - 1) { return position - 1 }
        if let found = names.firstIndex(where: { foldForSearch($0) == foldForSearch(wanted) }) { return found }
        throw SpreadsheetError("Không có trang tính “\(wanted)”. Bảng tính có: \(names.enumerated().map { "\($0.offset + 1). \($0.element)" }.joined(separator: ", ")).")
    }
}
