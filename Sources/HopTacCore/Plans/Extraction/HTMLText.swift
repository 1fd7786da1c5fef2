import Foundation

/// HTML to plain lines: one line per block (`<p>`, `<div>`, `<li>`, `<h1>`…, `<br>`), one row of cells per `<tr>`.
/// Each line keeps the source line where its text starts. Not a full HTML parser: enough for exported documents.
enum HTMLText {
    private static let blockTags: Set<String> = [
        "p", "div", "br", "li", "ul", "ol", "table", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "blockquote", "section", "article", "body",
    ]

    static func lines(_ html: String) -> [PlanLine] {
        var result: [PlanLine] = []
        var sourceLine = 1
        var text = "", textLine = 0, headingTag = false, boldDepth = 0, boldLetters = 0, plainLetters = 0
        var row: [String]?, rowLine = 0, cell: String?
        var skipping: String?

        func flush() {
            let plain = HTMLEntities.decode(text).collapsingSpaces
            if !plain.isEmpty {
                let heading = headingTag || (boldLetters > 0 && plainLetters == 0)
                result.append(PlanLine(number: textLine, text: plain, isHeading: heading))
            }
            text = ""; headingTag = false; boldLetters = 0; plainLetters = 0
        }
        func closeCell() {
            if let open = cell { row?.append(HTMLEntities.decode(open).collapsingSpaces) }
            cell = nil
        }

        var index = html.startIndex
        while index < html.endIndex {
            let c = html[index]
            guard c == "<", let close = html[index...].firstIndex(of: ">") else {
                if c == "\n" { sourceLine += 1 }
                if skipping == nil {
                    if cell != nil {
                        cell!.append(c == "\n" ? " " : c)
                    } else if row == nil {
                        if text.isEmpty && (c.isWhitespace || c == "\n") { index = html.index(after: index); continue }
                        if text.isEmpty { textLine = sourceLine }
                        text.append(c == "\n" ? " " : c)
                        if c.isLetter { if boldDepth > 0 { boldLetters += 1 } else { plainLetters += 1 } }
                    }
                }
                index = html.index(after: index)
                continue
            }
            let tag = html[html.index(after: index)..<close]
            sourceLine += tag.filter { $0 == "\n" }.count
            index = html.index(after: close)
            let closing = tag.hasPrefix("/")
            let name = tag.drop(while: { $0 == "/" }).prefix(while: { $0.isLetter || $0.isNumber }).lowercased()
            if let skipped = skipping {
                if closing && name == skipped { skipping = nil }
                continue
            }
            switch name {
            case "script", "style", "head":
                if !closing { skipping = name }
            case "b", "strong":
                boldDepth = max(0, boldDepth + (closing ? -1 : 1))
            case "tr":
                closeCell()
                if let cells = row, !cells.allSatisfy(\.isEmpty) { result.append(PlanLine(number: rowLine, text: "", cells: cells)) }
                row = nil
                if !closing { flush(); row = []; rowLine = sourceLine }
            case "td", "th":
                closeCell()
                if !closing, row != nil { cell = "" }
            default:
                guard blockTags.contains(name) else { break }
                if cell != nil {
                    cell!.append(" ")
                } else {
                    flush()
                    if !closing && name.count == 2 && name.hasPrefix("h") && name != "hr" { headingTag = true }
                }
            }
        }
        flush()
        return result
    }

    /// A fragment's text without tags, with entities decoded and spaces collapsed.
    static func inline(_ fragment: String) -> String {
        var text = ""
        var inTag = false
        for c in fragment {
            if c == "<" { inTag = true } else if c == ">" && inTag { inTag = false; text.append(" ") } else if !inTag { text.append(c) }
        }
        return HTMLEntities.decode(text).collapsingSpaces
    }
}
