import Foundation

/// RFC 4180 comma-separated values: quoted fields, doubled quotes, CRLF or LF line ends, a UTF-8 byte order mark.
public enum CSV {
    /// Splits text into rows of fields. Blank lines are skipped.
    public static func parse(_ text: String, separator: Unicode.Scalar = ",") -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var inQuotes = false
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = iterator.next()
        if pending == "\u{FEFF}" { pending = iterator.next() }
        func endRow() {
            row.append(field)
            field = ""
            if !(row.count == 1 && row[0].isEmpty) { rows.append(row) }
            row = []
        }
        while let c = pending {
            pending = iterator.next()
            if inQuotes {
                if c == "\"" {
                    if pending == "\"" { field.unicodeScalars.append("\""); pending = iterator.next() } else { inQuotes = false }
                } else {
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case "\"": inQuotes = true
            case separator: row.append(field); field = ""
            case "\r": if pending == "\n" { pending = iterator.next() }; endRow()
            case "\n": endRow()
            default: field.unicodeScalars.append(c)
            }
        }
        if !field.isEmpty || !row.isEmpty { endRow() }
        return rows
    }

    /// Excel writes `;` instead of `,` where the decimal mark is a comma, and some tools write tabs:
    /// the separator is the one that splits the first line most.
    public static func guessSeparator(_ text: String) -> Unicode.Scalar {
        let firstLine = text.prefix { $0 != "\n" && $0 != "\r" }
        let candidates: [Unicode.Scalar] = [",", ";", "\t"]
        return candidates.max { a, b in
            firstLine.unicodeScalars.filter { $0 == a }.count < firstLine.unicodeScalars.filter { $0 == b }.count
        } ?? ","
    }

    /// Parses text whose first row names the columns; each later row becomes a dictionary keyed by column name.
    public static func parseRecords(_ text: String) -> [[String: String]] {
        let rows = parse(text)
        guard let header = rows.first else { return [] }
        return rows.dropFirst().map { row in
            var record: [String: String] = [:]
            for (i, name) in header.enumerated() { record[name] = i < row.count ? row[i] : "" }
            return record
        }
    }

    /// One line of CSV, fields quoted only when they must be, ended by CRLF as RFC 4180 asks.
    public static func line(_ fields: [String]) -> String {
        fields.map(quote).joined(separator: ",") + "\r\n"
    }

    static func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Written first in downloads so that Excel opens UTF-8 Vietnamese text correctly.
    public static let byteOrderMark = "\u{FEFF}"
}
