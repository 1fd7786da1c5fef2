import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The one way uploaded XML is parsed. A document that declares a document type (the only way to define entities,
/// and so to expand a few bytes into gigabytes) is refused before parsing, and nesting deeper than `maxDepth` stops
/// the parser: no Office or SpreadsheetML file comes near it, and depth is what a hostile file uses to exhaust a reader.
enum SafeXML {
    /// Word's deepest real structures (tables in tables, text boxes in content controls) stay under fifty levels;
    /// libxml2 gives up on its own at 256 with a message nobody could act on.
    static let maxDepth = 128

    /// Parses `data` into `delegate`. `source` names what is read in messages: `Tệp “a.xlsx” (phần xl/styles.xml)`.
    static func parse<Failure: MessageError>(_ data: Data, into delegate: any XMLParserDelegate, source: String,
                                             as _: Failure.Type) throws(Failure) {
        if declaresDoctype(data) {
            throw Failure("\(source) khai báo DOCTYPE, điều mà Office không bao giờ ghi: tệp không được đọc.")
        }
        // Foundation's parser traps on a tag or attribute name that is not UTF-8, which libxml2 lets through; Office
        // writes UTF-8, and UTF-16 (with its byte-order mark) is converted by libxml2 before any name is passed on.
        guard data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) || String(validating: data, as: UTF8.self) != nil else {
            throw Failure("\(source) bị hỏng: có byte không phải chữ UTF-8 nên không đọc được.")
        }
        let depthGuard = DepthGuard(delegate)
        let parser = XMLParser(data: data)
        parser.delegate = depthGuard
        let parsed = parser.parse()
        if depthGuard.tooDeep {
            throw Failure("\(source) lồng các thẻ XML sâu quá \(maxDepth) cấp (dòng \(parser.lineNumber)): tệp bất thường nên không được đọc.")
        }
        guard parsed else { throw Failure("\(source) bị hỏng: không phải XML hợp lệ (dòng \(parser.lineNumber)).") }
    }

    /// Text that merely mentions a document type is escaped (`&lt;!DOCTYPE`), so the raw bytes mean markup.
    static func declaresDoctype(_ data: Data) -> Bool {
        data.range(of: Data("<!DOCTYPE".utf8)) != nil
    }

    /// Counts open elements and passes every event on until the limit is passed.
    private final class DepthGuard: NSObject, XMLParserDelegate {
        private let reader: any XMLParserDelegate
        private var depth = 0
        private(set) var tooDeep = false

        init(_ reader: any XMLParserDelegate) { self.reader = reader }

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            depth += 1
            guard depth <= SafeXML.maxDepth else {
                tooDeep = true
                parser.abortParsing()
                return
            }
            reader.parser(parser, didStartElement: name, namespaceURI: namespaceURI, qualifiedName: qualifiedName, attributes: attributes)
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            reader.parser(parser, foundCharacters: string)
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            depth -= 1
            reader.parser(parser, didEndElement: name, namespaceURI: namespaceURI, qualifiedName: qualifiedName)
        }
    }
}
