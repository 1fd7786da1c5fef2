import Foundation

/// The kinds of file accepted as evidence, recognised from their first bytes and never from the name or the type the
/// uploader's browser claims: a page of HTML or SVG named `bao-cao.pdf` is still refused. Each kind is served back
/// with the content type decided here.
public enum EvidenceFile: String, CaseIterable, Sendable {
    case pdf, png, jpeg, gif, webp
    /// Office Open XML (Word, Excel, PowerPoint) and OpenDocument files, and other ZIP archives.
    case docx, xlsx, pptx, odt, ods, zip
    /// Word, Excel 97–2003 (the OLE compound file that holds them).
    case legacyOffice
    /// Plain UTF-8 text without markup, such as CSV or a note.
    case text

    /// The type the server sends the file back with.
    public var contentType: String {
        switch self {
        case .pdf: "application/pdf"
        case .png: "image/png"
        case .jpeg: "image/jpeg"
        case .gif: "image/gif"
        case .webp: "image/webp"
        case .docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case .pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation"
        case .odt: "application/vnd.oasis.opendocument.text"
        case .ods: "application/vnd.oasis.opendocument.spreadsheet"
        case .zip: "application/zip"
        case .legacyOffice: "application/octet-stream"
        case .text: "text/plain; charset=utf-8"
        }
    }

    public static let maxBytes = 15 * 1024 * 1024
    /// Shown on the upload form and in the refusal.
    public static let acceptedDescription = "PDF, ảnh (PNG, JPEG, GIF, WebP), Word, Excel, PowerPoint, OpenDocument, ZIP hoặc văn bản thuần (CSV, TXT)"

    /// The kind of `data`, or nil for anything else (HTML, SVG, scripts, executables, unknown binaries).
    public static func recognise(_ data: Data) -> EvidenceFile? {
        let head = [UInt8](data.prefix(64))
        func starts(_ bytes: [UInt8]) -> Bool { head.starts(with: bytes) }
        if starts(Array("%PDF-".utf8)) { return .pdf }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if starts([0xFF, 0xD8, 0xFF]) { return .jpeg }
        if starts(Array("GIF87a".utf8)) || starts(Array("GIF89a".utf8)) { return .gif }
        if starts(Array("RIFF".utf8)) && head.count >= 12 && Array(head[8..<12]) == Array("WEBP".utf8) { return .webp }
        if starts([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return .legacyOffice }
        if starts([0x50, 0x4B, 0x03, 0x04]) { return zipKind(data) }
        return isPlainText(data) ? .text : nil
    }

    /// An OpenDocument file names its type in a first, stored `mimetype` member; an Office file has a
    /// `[Content_Types].xml` and a `word/`, `xl/` or `ppt/` folder. The names are in the central directory, read as bytes.
    private static func zipKind(_ data: Data) -> EvidenceFile {
        let head = data.prefix(200)
        if let text = String(data: head, encoding: .isoLatin1), text.contains("mimetype") {
            if text.contains("application/vnd.oasis.opendocument.text") { return .odt }
            if text.contains("application/vnd.oasis.opendocument.spreadsheet") { return .ods }
        }
        let names = String(decoding: data.suffix(64 * 1024), as: UTF8.self)
        guard names.contains("[Content_Types].xml") else { return .zip }
        if names.contains("word/") { return .docx }
        if names.contains("xl/") { return .xlsx }
        if names.contains("ppt/") { return .pptx }
        return .zip
    }

    /// UTF-8 text with no control characters but tab and line breaks, and nothing a browser would read as markup.
    private static func isPlainText(_ data: Data) -> Bool {
        let sample = data.prefix(1024 * 1024)
        // The sample may end inside a letter of two to four bytes.
        guard !sample.isEmpty, let text = (0...3).lazy.compactMap({ String(data: sample.dropLast($0), encoding: .utf8) }).first
        else { return false }
        if text.unicodeScalars.contains(where: { $0.value < 0x20 && !["\t", "\n", "\r"].contains($0) }) { return false }
        return !text.contains("<")
    }

    /// A file name safe for a download header: no path, no quotes or control characters, an extension of its kind.
    public func downloadName(_ given: String?) -> String {
        let base = (given ?? "").split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let cleaned = String(String.UnicodeScalarView(base.unicodeScalars.filter { $0.value >= 0x20 && $0 != "\"" && $0.value != 0x7F })).trimmed
        let stem = cleaned.isEmpty ? "minh-chung" : cleaned
        let given = stem.split(separator: ".").last.map { $0.lowercased() } ?? ""
        return stem.contains(".") && extensions.contains(given) ? stem : stem + "." + extensions[0]
    }

    private var extensions: [String] {
        switch self {
        case .jpeg: ["jpg", "jpeg"]
        case .legacyOffice: ["doc", "xls", "ppt", "bin"]
        case .text: ["txt", "csv"]
        default: [rawValue]
        }
    }
}
