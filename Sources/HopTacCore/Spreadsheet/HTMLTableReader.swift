import Foundation

/// Reads the tables of an HTML page saved with an .xls name, which is what many web systems hand out as their
/// "Excel" export and what Excel itself opens without complaint. Each `<table>` is a sheet; cells spanning several
/// columns keep their text in the first and leave the rest empty, as Excel shows merged cells.
enum HTMLTableReader {
    /// Whether decoded text is an HTML page rather than CSV.
    static func isHTML(_ text: String) -> Bool {
        let head = text.prefix(4_096).trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        return head.hasPrefix("<") && ["<html", "<table", "<!doctype html"].contains { head.contains($0) }
    }

    static func read(_ text: String, filename: String, sheet wanted: String?) throws -> Sheet {
        let tables = matches(of: "<table\\b[^>]*>(.*?)</table\\s*>", in: text)
        guard !tables.isEmpty else {
            throw SpreadsheetError("Tệp “\(filename)” là một trang web, không có bảng số liệu nào (có thể phiên đăng nhập của hệ thống xuất tệp đã hết hạn). Hãy tải lại tệp, hoặc mở bằng Excel và lưu dạng .xlsx.")
        }
        let index = try SpreadsheetFile.sheetIndex(wanted, among: tables.indices.map { "Bảng \($0 + 1)" })
        var rows: [(number: Int, cells: [Cell])] = []
        for (number, row) in matches(of: "<tr\\b[^>]*>(.*?)(?=<tr\\b|</tr\\s*>|$)", in: tables[index]).enumerated() {
            var cells: [Cell] = []
            for cell in cellMatches(in: row) {
                let value = plainText(cell.content)
                cells.append(value.isEmpty ? .empty : .text(value))
                cells += repeatElement(.empty, count: max(0, cell.span - 1))
            }
            if !cells.allSatisfy(\.isEmpty) { rows.append((number + 1, cells)) }
        }
        return Sheet(name: "Bảng \(index + 1)", rows: rows)
    }

    /// The first group of every match, case-insensitively and across lines.
    private static func matches(of pattern: String, in text: String) -> [String] {
        guard let expression = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive, .dotMatchesLineSeparators]) else { return [] }
        let range = NSRange(text.startIndex..., in: text)
        return expression.matches(in: text, range: range).compactMap { Range($0.range(at: 1), in: text).map { String(text[$0]) } }
    }

    private static func cellMatches(in row: String) -> [(content: String, span: Int)] {
        guard let expression = try? NSRegularExpression(pattern: "<t([dh])\\b([^>]*)>(.*?)(?=<t[dh]\\b|</t[dh]\\s*>|$)",
                                                        options: [.caseInsensitive, .dotMatchesLineSeparators]) else { return [] }
        return expression.matches(in: row, range: NSRange(row.startIndex..., in: row)).compactMap { match in
            guard let attributes = Range(match.range(at: 2), in: row), let content = Range(match.range(at: 3), in: row) else { return nil }
            let span = matches(of: "colspan\\s*=\\s*[\"']?(\\d+)", in: String(row[attributes])).first.flatMap(Int.init) ?? 1
            return (String(row[content]), min(span, 1_000))
        }
    }

    /// A cell's text: tags dropped (a line break kept as a space), entities decoded, spaces collapsed.
    static func plainText(_ html: String) -> String {
        var text = html.replacingOccurrences(of: "<br\\s*/?>", with: " ", options: [.regularExpression, .caseInsensitive])
        text = text.replacingOccurrences(of: "<[^>]*>", with: "", options: .regularExpression)
        var decoded = ""
        var rest = Substring(text)
        while let ampersand = rest.firstIndex(of: "&") {
            decoded += rest[..<ampersand]
            let tail = rest[ampersand...]
            if let semicolon = tail.prefix(10).firstIndex(of: ";"), let character = entity(String(tail[tail.index(after: ampersand)..<semicolon])) {
                decoded.append(character)
                rest = tail[tail.index(after: semicolon)...]
            } else {
                decoded.append("&")
                rest = tail.dropFirst()
            }
        }
        decoded += rest
        return decoded.precomposedStringWithCanonicalMapping.collapsingSpaces.trimmed
    }

    private static func entity(_ name: String) -> Character? {
        switch name {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        default:
            if let index = latin1Names.firstIndex(of: name) { return Character(Unicode.Scalar(UInt8(160 + index))) }
            let number = name.hasPrefix("#x") || name.hasPrefix("#X") ? UInt32(name.dropFirst(2), radix: 16) : name.hasPrefix("#") ? UInt32(name.dropFirst()) : nil
            return number.flatMap(Unicode.Scalar.init).map(Character.init)
        }
    }

    /// HTML's names for U+00A0–U+00FF in order, which exports use for Vietnamese letters such as á, â, ã, ê, ô.
    private static let latin1Names = """
        nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 acute micro \
        para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil \
        Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave \
        Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml \
        igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute \
        thorn yuml
        """.split(separator: " ").map(String.init)
}
