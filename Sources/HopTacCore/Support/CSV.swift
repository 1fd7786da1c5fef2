import Foundation

/// RFC 4180 comma-separated values: quoted fields, doubled quotes, CRLF or LF line ends, a UTF-8 byte order mark.
public enum CSV {
    /// Splits text into rows of fields. A blank line is a row with one empty field, so that row numbers stay those a
    /// spreadsheet shows; readers skip blank rows themselves.
    public static func parse(_ text: String, separator: Unicode.Scalar = ",") -> [[String]] {
        // Byte by byte: the separator, quotes and line ends are ASCII, so they never occur inside a UTF-8 sequence.
        let separator = UInt8(ascii: separator)
        let quote = UInt8(ascii: "\""), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        var rows: [[String]] = []
        var row: [String] = []
        var field: [UInt8] = []
        var inQuotes = false
        var bytes = Array(text.utf8)[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        func endField() {
            row.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
        }
        func endRow() {
            endField()
            rows.append(row)
            row = []
        }
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            let next: UInt8? = index + 1 < bytes.endIndex ? bytes[index + 1] : nil
            index += 1
            if inQuotes {
                if byte == quote {
                    if next == quote { field.append(quote); index += 1 } else { inQuotes = false }
                } else {
                    field.append(byte)
                }
                continue
            }
            switch byte {
            case quote: inQuotes = true
            case separator: endField()
            case cr: if next == lf { index += 1 }; endRow()
            case lf: endRow()
            default: field.append(byte)
            }
        }
        if !field.isEmpty || !row.isEmpty { endRow() }
        return rows
    }

    /// Excel writes `;` instead of `,` where the decimal mark is a comma, and some tools write tabs:
    /// the separator is the one that splits the first line most.
    public static func guessSeparator(_ text: String) -> Unicode.Scalar {
        // By scalars: "\r\n" is one Character, so a Character-wise search for "\n" would read the whole file.
        let firstLine = text.unicodeScalars.prefix { $0 != "\n" && $0 != "\r" }
        let candidates: [Unicode.Scalar] = [",", ";", "\t"]
        return candidates.max { a, b in
            firstLine.filter { $0 == a }.count < firstLine.filter { $0 == b }.count
        } ?? ","
    }

    /// Parses text whose first row names the columns; each later row becomes a dictionary keyed by column name.
    public static func parseRecords(_ text: String) -> [[String: String]] {
        let rows = parse(text)
        guard let header = rows.first else { return [] }
        return rows.dropFirst().filter { $0 != [""] }.map { row in
            var record: [String: String] = [:]
            for (i, name) in header.enumerated() { record[name] = i < row.count ? row[i] : "" }
            return record
        }
    }

    /// One line of CSV, fields quoted only when they must be, ended by CRLF as RFC 4180 asks; a field that would
    /// start a formula is written as text (`FormulaGuard`).
    public static func line(_ fields: [String]) -> String {
        fields.map { quote(FormulaGuard.inert($0)) }.joined(separator: ",") + "\r\n"
    }

    static func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Written first in downloads so that Excel opens UTF-8 Vietnamese text correctly.
    public static let byteOrderMark = "\u{FEFF}"
}
