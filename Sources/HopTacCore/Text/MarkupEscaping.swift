/// Text made safe for HTML, SVG and XML, in element content and in attribute values in either quote; the control
/// characters XML 1.0 forbids are dropped, since one stray U+0001 in a pasted name would make a whole chart or workbook
/// unreadable. The one escaping function of the product: pages, charts and exported workbooks use it alike.
public func escapeMarkup(_ text: String) -> String {
    // Most names need nothing; scanning first avoids rebuilding thousands of map tooltips.
    guard text.unicodeScalars.contains(where: { needsEscape($0) }) else { return text }
    var out = ""
    out.reserveCapacity(text.utf8.count + 16)
    for scalar in text.unicodeScalars {
        switch scalar {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        default:
            if isXMLCharacter(scalar) { out.unicodeScalars.append(scalar) }
        }
    }
    return out
}

private func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar {
    case "&", "<", ">", "\"", "'": true
    default: !isXMLCharacter(scalar)
    }
}

private func isXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x9, 0xA, 0xD: true
    case 0x0..<0x20, 0xFFFE, 0xFFFF: false
    default: true
    }
}
