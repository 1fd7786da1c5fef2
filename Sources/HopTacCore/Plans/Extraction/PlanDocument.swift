import Foundation

/// One logical line of a plan document: a paragraph, a heading or a table row.
public struct PlanLine: Sendable, Hashable {
    /// Where the line starts: the line of the source file for text formats, the paragraph or table row for DOCX.
    public let number: Int
    /// Plain text; for a table row the cells joined with " | ".
    public let text: String
    /// The cells when the line is a table row.
    public let cells: [String]?
    /// Markup marked it as a heading (Markdown `#`, HTML `<h1>`–`<h6>`, a paragraph that is bold throughout).
    public let isHeading: Bool

    public init(number: Int, text: String, cells: [String]? = nil, isHeading: Bool = false) {
        self.number = number
        self.cells = cells
        self.isHeading = isHeading
        self.text = cells.map { $0.joined(separator: " | ") } ?? text
    }
}

public struct PlanDocumentError: Error, LocalizedError, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var errorDescription: String? { message }
}

/// A plan document read into plain-text lines, whatever format it came in.
public struct PlanDocument: Sendable {
    public enum Format: String, Sendable { case text, markdown, html, tsv, docx }

    public let fileName: String
    public let lines: [PlanLine]

    public init(fileName: String, lines: [PlanLine]) {
        self.fileName = fileName
        self.lines = lines
    }

    /// Reads a file's bytes; the format comes from the file name's extension, or from the content when that is unknown.
    public init(data: Data, fileName: String) throws {
        let format = try Self.format(of: data, fileName: fileName)
        if format == .docx {
            self.init(fileName: fileName, lines: Self.mergingContinuationRows(try DOCXText.lines(data, fileName: fileName)))
            return
        }
        guard let text = Self.decode(data) else {
            throw PlanDocumentError("Tệp “\(fileName)” không phải văn bản UTF-8. Hãy lưu lại dưới dạng .docx, .txt (UTF-8), .md, .html hoặc .tsv.")
        }
        self.init(text: text, format: format, fileName: fileName)
    }

    public init(text: String, format: Format, fileName: String = "") {
        // Word processors and web pages mix composed and decomposed diacritics; the rules match composed ones.
        let text = text.precomposedStringWithCanonicalMapping.replacingOccurrences(of: "\r\n", with: "\n")
            .replacingOccurrences(of: "\r", with: "\n")
        let lines: [PlanLine] = switch format {
        case .html: HTMLText.lines(text)
        case .tsv: Self.tsvLines(text)
        case .markdown: Self.joiningBrokenParagraphs(MarkdownText.lines(text))
        case .text, .docx: Self.joiningBrokenParagraphs(Self.textLines(text))
        }
        self.init(fileName: fileName, lines: Self.mergingContinuationRows(lines))
    }

    static func format(of data: Data, fileName: String) throws -> Format {
        let suffix = (fileName as NSString).pathExtension.lowercased()
        switch suffix {
        case "txt", "text": return looksLikeMarkdown(data) ? .markdown : .text
        case "md", "markdown": return .markdown
        case "html", "htm", "xhtml": return .html
        case "tsv", "tab": return .tsv
        case "docx": return .docx
        case "doc", "pdf", "xls", "xlsx", "odt", "rtf":
            throw PlanDocumentError("Chưa đọc được tệp .\(suffix) (“\(fileName)”). Hãy lưu văn bản dưới dạng .docx, .txt, .md, .html hoặc .tsv rồi thử lại.")
        default:
            if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return .docx }
            // The sniffed prefix may cut a character in two at its end.
            guard let text = (0...3).lazy.compactMap({ decode(data.prefix(4096 - $0)) }).first else {
                throw PlanDocumentError("Tệp “\(fileName)” không phải văn bản hoặc .docx nên không đọc được.")
            }
            let head = text.lowercased()
            if head.contains("<p") || head.contains("<html") || head.contains("<table") { return .html }
            return looksLikeMarkdown(data) ? .markdown : .text
        }
    }

    /// A text file written in Markdown, as tools that officials copy plans from write it: two headings "# …" or more,
    /// or a pipe table's rule row. Read as plain text, its headings would lose the years they state.
    static func looksLikeMarkdown(_ data: Data) -> Bool {
        guard let text = (0...3).lazy.compactMap({ decode(data.prefix(65_536 - $0)) }).first else { return false }
        let lines = text.split(whereSeparator: \.isNewline).map { $0.drop { $0 == " " } }
        let headings = lines.filter { $0.hasPrefix("#") && $0.drop { $0 == "#" }.first == " " }.count
        let tableRule = lines.contains { $0.hasPrefix("|") && $0.contains("-") && $0.allSatisfy { "|-: \t".contains($0) } }
        return headings >= 2 || tableRule
    }

    /// UTF-8 (with or without a byte order mark) or UTF-16 with a byte order mark; nil for binary content.
    static func decode(_ data: Data) -> String? {
        if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) { return String(data: data, encoding: .utf16) }
        guard !data.contains(0), let text = String(data: data, encoding: .utf8) else { return nil }
        return text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
    }

    static func textLines(_ text: String) -> [PlanLine] {
        text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { index, raw in
            let line = raw.collapsingSpaces
            return line.isEmpty ? nil : PlanLine(number: index + 1, text: line)
        }
    }

    /// Rows with tabs become cells; cells may carry HTML fragments, as exports of web tables do.
    static func tsvLines(_ text: String) -> [PlanLine] {
        text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { index, raw in
            let number = index + 1
            guard raw.contains("\t") else {
                let line = HTMLText.inline(String(raw))
                return line.isEmpty ? nil : PlanLine(number: number, text: line)
            }
            let cells = raw.split(separator: "\t", omittingEmptySubsequences: false).map { HTMLText.inline(String($0)) }
            return cells.allSatisfy(\.isEmpty) ? nil : PlanLine(number: number, text: "", cells: cells)
        }
    }

    nonisolated(unsafe) private static let listMarker = try! Regex(#"^[a-zđ][).]\s"#)

    /// Text pasted from PDF breaks paragraphs mid-sentence ("… nhân" / "văn, không chỉ …"): a line that starts in
    /// lower case after one that does not end a sentence continues it, unless it is a list item "a) …".
    static func joiningBrokenParagraphs(_ lines: [PlanLine]) -> [PlanLine] {
        var result: [PlanLine] = []
        for line in lines {
            if let previous = result.last, previous.cells == nil, !previous.isHeading, line.cells == nil,
               let first = line.text.first, first.isLowercase, line.text.prefixMatch(of: listMarker) == nil,
               let last = previous.text.last, !".;:!?".contains(last) {
                result[result.count - 1] = PlanLine(number: previous.number, text: previous.text + " " + line.text)
            } else {
                result.append(line)
            }
        }
        return result
    }

    /// A table row split across pages continues the previous row with an empty number cell; a header repeated on
    /// the next page is dropped, and so are the page's short running lines in between ("Trang 2").
    static func mergingContinuationRows(_ lines: [PlanLine]) -> [PlanLine] {
        var result: [PlanLine] = []
        var header: [String]?
        var lastRow: Int?
        for line in lines {
            guard let cells = line.cells else {
                result.append(line)
                if line.text.count > 40 { lastRow = nil; header = nil }
                continue
            }
            if cells == header { continue }
            guard let rowIndex = lastRow, let previous = result[rowIndex].cells else {
                header = cells
                lastRow = result.count
                result.append(line)
                continue
            }
            if cells.first?.isEmpty ?? true, previous != header, cells.dropFirst().contains(where: { !$0.isEmpty }) {
                var merged = previous
                for (index, cell) in cells.enumerated() where !cell.isEmpty {
                    if index < merged.count {
                        merged[index] = merged[index].isEmpty ? cell : merged[index] + " " + cell
                    } else {
                        merged.append(cell)
                    }
                }
                result[rowIndex] = PlanLine(number: result[rowIndex].number, text: "", cells: merged)
                result.removeSubrange((rowIndex + 1)...)
                continue
            }
            lastRow = result.count
            result.append(line)
        }
        return result
    }
}
