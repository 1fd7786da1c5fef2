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
                let value = HTMLText.inline(cell.content)
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
}
