import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation

/// An error that carries one Vietnamese message, so that shared readers can raise each caller's own kind.
protocol MessageError: Error {
    init(_ message: String)
}

extension SpreadsheetError: MessageError {}
extension PlanDocumentError: MessageError {}

/// The parts of a ZIP-based Office file (.xlsx, .docx), read with limits checked before and during inflation: a small
/// upload whose parts inflate to gigabytes ("zip bomb") is refused after at most `maxPartBytes` of work. Parts are
/// parsed with `SafeXML`.
struct OfficeZip<Failure: MessageError> {
    /// The largest part read: a national sheet of 100.000 organisations is about 60 MB of XML.
    static var maxPartBytes: Int { 256 * 1024 * 1024 }
    /// Inflation past this ratio, for parts larger than `ratioFloorBytes`, is not text a person typed.
    static var maxRatio: Int { 100 }
    static var ratioFloorBytes: Int { 8 * 1024 * 1024 }

    private let archive: Archive
    private let fileName: String

    /// Nil when the bytes are not a ZIP archive.
    init?(_ data: Data, fileName: String) {
        guard let archive = try? Archive(data: data, accessMode: .read) else { return nil }
        self.archive = archive
        self.fileName = fileName
    }

    func contains(_ path: String) -> Bool { archive[path] != nil }

    /// The inflated bytes of the part at `path`, nil when there is none; at most `maxBytes` of them.
    private func part(_ path: String, maxBytes: Int) throws(Failure) -> Data? {
        guard let entry = archive[path] else { return nil }
        let compressed = max(1, Int(clamping: entry.compressedSize))
        let limit = min(maxBytes, max(Self.ratioFloorBytes, compressed.multipliedReportingOverflow(by: Self.maxRatio).partialValue))
        let tooLarge = Failure("Tệp “\(fileName)” có phần \(path) giải nén ra quá lớn (hơn \(limit / 1024 / 1024) MB hoặc gấp hơn \(Self.maxRatio) lần cỡ nén): tệp bất thường nên không được đọc. Hãy mở bằng Excel/Word, lưu lại rồi tải lên.")
        // The declared size can lie; the count while inflating cannot.
        guard entry.uncompressedSize <= UInt64(limit) else { throw tooLarge }
        var content = Data()
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                guard content.count + chunk.count <= limit else { throw PartTooLarge() }
                content.append(chunk)
            }
        } catch is PartTooLarge {
            throw tooLarge
        } catch {
            throw Failure("Tệp “\(fileName)” bị hỏng: không đọc được phần \(path).")
        }
        return content
    }

    /// Parses the part at `path` into `delegate`; false when there is no such part.
    func parse(_ path: String, into delegate: any XMLParserDelegate, maxBytes: Int = maxPartBytes) throws(Failure) -> Bool {
        guard let content = try part(path, maxBytes: maxBytes) else { return false }
        try SafeXML.parse(content, into: delegate, source: "Tệp “\(fileName)” (phần \(path))", as: Failure.self)
        return true
    }

    private struct PartTooLarge: Error {}
}
