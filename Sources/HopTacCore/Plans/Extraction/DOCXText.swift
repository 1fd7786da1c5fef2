import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The body of a Word document as lines: one per paragraph (`w:p`) and one row of cells per table row (`w:tr`).
/// A line's number counts the body's paragraphs and table rows from 1, empty paragraphs included, so that it
/// matches what Word shows when paragraph marks are visible.
enum DOCXText {
    static func lines(_ data: Data, fileName: String) throws -> [PlanLine] {
        guard let archive = OfficeZip<PlanDocumentError>(data, fileName: fileName) else {
            throw PlanDocumentError("Tệp “\(fileName)” bị hỏng hoặc không phải tệp Word .docx.")
        }
        // The text of the longest plan is a few megabytes of XML; a part far beyond that is not a plan.
        let delegate = Delegate()
        guard try archive.parse("word/document.xml", into: delegate, maxBytes: 32 * 1024 * 1024) else {
            throw PlanDocumentError("Tệp “\(fileName)” không phải văn bản Word .docx (thiếu word/document.xml).")
        }
        return delegate.lines
    }

    private final class Delegate: NSObject, XMLParserDelegate {
        var lines: [PlanLine] = []
        private var block = 0
        private var paragraph = "", inText = false, headingStyle = false, boldLetters = 0, plainLetters = 0
        private var runBold = false, inRunProperties = false
        private var tableDepth = 0, row: [String]?, cell: [String] = []

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            switch name {
            case "w:p":
                paragraph = ""; headingStyle = false; boldLetters = 0; plainLetters = 0
                if tableDepth == 0 { block += 1 }
            case "w:pStyle":
                let style = (attributes["w:val"] ?? "").lowercased()
                headingStyle = style.hasPrefix("heading") || style.hasPrefix("title") || style.hasPrefix("tieude")
            case "w:r": runBold = false
            case "w:rPr": inRunProperties = true
            case "w:b":
                // `<w:b w:val="0"/>` switches bold off.
                if inRunProperties { runBold = !["0", "false", "off"].contains(attributes["w:val"] ?? "1") }
            case "w:t": inText = true
            case "w:tab": paragraph += " "
            case "w:br", "w:cr": paragraph += " "
            case "w:tbl": tableDepth += 1
            case "w:tr": if tableDepth == 1 { block += 1; row = [] }
            case "w:tc": if tableDepth == 1 { cell = [] }
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            guard inText else { return }
            paragraph += string
            let letters = string.filter(\.isLetter).count
            if runBold { boldLetters += letters } else { plainLetters += letters }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            switch name {
            case "w:t": inText = false
            case "w:rPr": inRunProperties = false
            case "w:p":
                let text = paragraph.precomposedStringWithCanonicalMapping.collapsingSpaces
                if tableDepth > 0 {
                    if !text.isEmpty { cell.append(text) }
                } else if !text.isEmpty {
                    let bold = boldLetters > 0 && plainLetters == 0
                    lines.append(PlanLine(number: block, text: text, isHeading: headingStyle || bold))
                }
            case "w:tc": if tableDepth == 1 { row?.append(cell.joined(separator: " ")) }
            case "w:tr":
                if tableDepth == 1, let cells = row, !cells.allSatisfy(\.isEmpty) {
                    lines.append(PlanLine(number: block, text: "", cells: cells))
                }
                if tableDepth == 1 { row = nil }
            case "w:tbl": tableDepth -= 1
            default: break
            }
        }
    }
}
