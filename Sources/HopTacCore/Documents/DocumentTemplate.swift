/// A document's text kept as a file an administrator can replace: a header of `name: value` lines between `---`
/// lines (the type, the summary, the symbol), then the body, one paragraph per line:
///
///     # I. TÌNH HÌNH CHUNG              a level-1 heading ("## " for level 2)
///     Có {{htx_registered}} hợp tác xã…  a paragraph; {{name}} is a figure or a fact of the document,
///                                       {{name@previous}} the same for the year before
///     {{table types}}                   a table the product builds from the data
///     {{free difficulties: Khó khăn}}   paragraphs the officer writes before downloading
///     {{appendix Phụ lục I: DANH SÁCH}} a new page with an appendix title
///
/// Blank lines and lines starting with `//` are left out.
public struct DocumentTemplate: Sendable {
    public enum Part: Sendable, Equatable {
        case heading(String, level: Int)
        case paragraph(String)
        case table(String)
        case free(name: String, label: String)
        case appendix(label: String, title: String)
    }

    public let name: String
    public let header: [String: String]
    public let parts: [(line: Int, part: Part)]

    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    public init(name: String, text: String) throws(Problem) {
        self.name = name
        var header: [String: String] = [:]
        var parts: [(line: Int, part: Part)] = []
        var lines = text.precomposedStringWithCanonicalMapping.components(separatedBy: .newlines).enumerated().map { ($0.offset + 1, $0.element) }[...]
        func problem(_ line: Int, _ message: String) -> Problem { Problem(message: "Mẫu “\(name)”, dòng \(line): \(message)") }
        if lines.first?.1.trimmed == "---" {
            lines = lines.dropFirst()
            while let (number, line) = lines.first, line.trimmed != "---" {
                lines = lines.dropFirst()
                guard !line.trimmed.isEmpty else { continue }
                guard let colon = line.firstIndex(of: ":") else { throw problem(number, "dòng đầu mẫu phải có dạng “tên: giá trị”.") }
                header[line[..<colon].trimmed.lowercased()] = String(line[line.index(after: colon)...]).trimmed
            }
            guard !lines.isEmpty else { throw problem(lines.last?.0 ?? 1, "thiếu dòng “---” đóng phần đầu mẫu.") }
            lines = lines.dropFirst()
        }
        for (number, raw) in lines {
            let line = raw.trimmed
            if line.isEmpty || line.hasPrefix("//") { continue }
            if line.hasPrefix("## ") {
                parts.append((number, .heading(String(line.dropFirst(3)).trimmed, level: 2)))
            } else if line.hasPrefix("# ") {
                parts.append((number, .heading(String(line.dropFirst(2)).trimmed, level: 1)))
            } else if line.hasPrefix("{{"), line.hasSuffix("}}"), let directive = Self.directive(String(line.dropFirst(2).dropLast(2))) {
                switch directive.word {
                case "table":
                    guard !directive.rest.isEmpty, !directive.rest.contains(" ") else { throw problem(number, "“{{table …}}” cần đúng một tên bảng.") }
                    parts.append((number, .table(directive.rest)))
                case "free":
                    let (key, label) = Self.split(directive.rest)
                    guard !key.isEmpty, !key.contains(" ") else { throw problem(number, "“{{free tên: Nhãn}}” cần một tên không có dấu cách.") }
                    parts.append((number, .free(name: key, label: label.isEmpty ? key : label)))
                case "appendix":
                    let (label, title) = Self.split(directive.rest)
                    guard !label.isEmpty else { throw problem(number, "“{{appendix Phụ lục I: TÊN}}” cần tên phụ lục.") }
                    parts.append((number, .appendix(label: label, title: title)))
                default:
                    parts.append((number, .paragraph(line)))
                }
            } else {
                parts.append((number, .paragraph(line)))
            }
            if case .paragraph(let text) = parts.last?.part, let open = Self.unclosed(text) {
                throw problem(number, "“{{” ở vị trí \(open) không có “}}” đóng.")
            }
        }
        self.header = header
        self.parts = parts
    }

    /// `table types` → ("table", "types"); nil for a plain `{{name}}` value.
    private static func directive(_ inner: String) -> (word: String, rest: String)? {
        let words = inner.trimmed.split(separator: " ", maxSplits: 1)
        guard words.count == 2, ["table", "free", "appendix"].contains(String(words[0])) else { return nil }
        return (String(words[0]), String(words[1]).trimmed)
    }

    private static func split(_ text: String) -> (String, String) {
        guard let colon = text.firstIndex(of: ":") else { return (text.trimmed, "") }
        return (text[..<colon].trimmed, String(text[text.index(after: colon)...]).trimmed)
    }

    private static func unclosed(_ text: String) -> Int? {
        var rest = text[...]
        while let open = rest.range(of: "{{") {
            guard let close = rest[open.upperBound...].range(of: "}}") else { return text.distance(from: text.startIndex, to: open.lowerBound) + 1 }
            rest = rest[close.upperBound...]
        }
        return nil
    }

    /// The value names the text uses (`htx_registered`, `htx_registered@previous`, `area`…), in the header too.
    public var valueNames: Set<String> {
        var names: Set<String> = []
        for text in header.values + parts.flatMap({ part -> [String] in
            switch part.part {
            case .heading(let text, _), .paragraph(let text): [text]
            case .appendix(let label, let title): [label, title]
            case .table, .free: []
            }
        }) {
            var rest = text[...]
            while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
                names.insert(rest[open.upperBound..<close.lowerBound].trimmed)
                rest = rest[close.upperBound...]
            }
        }
        return names
    }

    public var tableNames: [String] { parts.compactMap { if case .table(let name) = $0.part { name } else { nil } } }
    public var freeParts: [(name: String, label: String)] { parts.compactMap { if case .free(let name, let label) = $0.part { (name, label) } else { nil } } }

    /// Checks the template against what the product can fill, so a replaced template fails when it is stored, not
    /// when an officer downloads it.
    public func check(values: Set<String>, tables: Set<String>) throws(Problem) {
        for (number, part) in parts {
            if case .table(let table) = part, !tables.contains(table) {
                throw Problem(message: "Mẫu “\(name)”, dòng \(number): không có bảng “\(table)”. Các bảng: \(tables.sorted().joined(separator: ", ")).")
            }
        }
        if let unknown = valueNames.subtracting(values).sorted().first {
            throw Problem(message: "Mẫu “\(name)”: không có số liệu hay thông tin “{{\(unknown)}}”.")
        }
    }

    /// `text` with every `{{name}}` replaced by its value.
    public static func fill(_ text: String, _ values: [String: String]) -> String {
        var out = "", rest = text[...]
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            out += rest[..<open.lowerBound]
            out += values[rest[open.upperBound..<close.lowerBound].trimmed] ?? "…"
            rest = rest[close.upperBound...]
        }
        return out + rest
    }

    /// The body as document blocks: values filled in, tables by name, the officer's free text split into paragraphs
    /// one per line (a free part left empty keeps its label in brackets, to be written in Word).
    public func blocks(values: [String: String], tables: [String: DocumentTable], free: [String: String]) -> [OfficialDocument.Block] {
        var blocks: [OfficialDocument.Block] = []
        for (_, part) in parts {
            switch part {
            case .heading(let text, let level): blocks.append(.heading(Self.fill(text, values), level: level))
            case .paragraph(let text): blocks.append(.paragraph(Self.fill(text, values)))
            case .table(let name): if let table = tables[name] { blocks.append(.table(table)) }
            case .appendix(let label, let title): blocks.append(.appendix(label: Self.fill(label, values), title: Self.fill(title, values)))
            case .free(let name, let label):
                let paragraphs = (free[name] ?? "").components(separatedBy: .newlines).map(\.trimmed).filter { !$0.isEmpty }
                blocks += paragraphs.isEmpty ? [.paragraph("[\(label)]")] : paragraphs.map { .paragraph($0) }
            }
        }
        return blocks
    }
}
