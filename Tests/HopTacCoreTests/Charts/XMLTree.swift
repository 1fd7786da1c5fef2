import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A parsed element: charts are checked as XML, not as text, so that a test passes only if a browser's XML parser
/// would accept the chart too.
final class SVGNode {
    let name: String
    let attributes: [String: String]
    var children: [SVGNode] = []
    /// Character data directly inside this element.
    var text = ""

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    subscript(attribute: String) -> String? { attributes[attribute] }

    /// This element and everything under it, in document order.
    var all: [SVGNode] { [self] + children.flatMap(\.all) }

    func all(_ name: String) -> [SVGNode] { all.filter { $0.name == name } }

    func all(_ name: String, class className: String) -> [SVGNode] {
        all(name).filter { ($0["class"] ?? "").split(separator: " ").contains(Substring(className)) }
    }

    /// The element's own `<title>` child, where tooltips live.
    var title: String? { children.first { $0.name == "title" }?.text }

    func double(_ attribute: String) -> Double? { self[attribute].flatMap(Double.init) }
}

/// Parses `text` with Foundation's `XMLParser`; nil if it is not well-formed.
func parseXML(_ text: String) -> SVGNode? {
    let builder = TreeBuilder()
    let parser = XMLParser(data: Data(text.utf8))
    parser.delegate = builder
    guard parser.parse(), builder.stack.isEmpty else { return nil }
    return builder.root
}

private final class TreeBuilder: NSObject, XMLParserDelegate {
    var root: SVGNode?
    var stack: [SVGNode] = []

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        let element = SVGNode(name: elementName, attributes: attributeDict)
        if let parent = stack.last { parent.children.append(element) } else { root = element }
        stack.append(element)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        stack.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        stack.last?.text += string
    }
}
