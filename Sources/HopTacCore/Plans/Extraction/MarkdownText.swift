import Foundation

/// Markdown to plain lines: headings flagged, emphasis and links stripped, pipe tables read as cells.
enum MarkdownText {
    static func lines(_ text: String) -> [PlanLine] {
        var result: [PlanLine] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            var line = raw.trimmed
            if line.hasPrefix("|") {
                let cells = line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().map { inline($0.trimmed) }
                let row = line.hasSuffix("|") ? Array(cells.dropLast()) : Array(cells)
                // The `|---|:--|` line only separates the header.
                if row.allSatisfy({ $0.allSatisfy { "-: ".contains($0) } }) { continue }
                result.append(PlanLine(number: number, text: "", cells: row))
                continue
            }
            var heading = false
            if line.hasPrefix("#") {
                heading = true
                line = String(line.drop(while: { $0 == "#" }))
            }
            if line.allSatisfy({ "-*_= ".contains($0) }) { continue }
            let stripped = line.trimmed
            // A paragraph in bold throughout is a heading in documents converted from Word.
            if stripped.hasPrefix("**") && stripped.hasSuffix("**") && stripped.count > 4
                && !stripped.dropFirst(2).dropLast(2).contains("**") {
                heading = true
            }
            let plain = inline(stripped)
            if !plain.isEmpty { result.append(PlanLine(number: number, text: plain, isHeading: heading)) }
        }
        return result
    }

    /// Drops emphasis markers and backslash escapes; keeps list markers, which tell items apart.
    static func inline(_ text: String) -> String {
        var out = ""
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "\\", i + 1 < chars.count { out.append(chars[i + 1]); i += 2; continue }
            // `_` inside a word (snake_case) is not emphasis.
            if c == "*" || (c == "_" && (i == 0 || i + 1 == chars.count || !chars[i - 1].isLetter || !chars[i + 1].isLetter)) {
                // A list marker "* " stays as "- ".
                if c == "*", out.trimmed.isEmpty, i + 1 < chars.count, chars[i + 1] == " " { out.append("-") }
                i += 1
                continue
            }
            out.append(c)
            i += 1
        }
        return out.collapsingSpaces
    }
}
