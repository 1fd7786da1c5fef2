import Foundation

/// HTML character references in text taken from a page: named ones (`&amp;`, `&aacute;`, `&ecirc;`…), decimal and
/// hexadecimal ones (`&#7907;`, `&#x1EE3;`). Exports write Vietnamese letters either way.
enum HTMLEntities {
    static func decode(_ text: String) -> String {
        guard text.contains("&") else { return text.precomposedStringWithCanonicalMapping }
        var out = ""
        var index = text.startIndex
        while index < text.endIndex {
            let c = text[index]
            if c == "&", let semicolon = text[index...].prefix(12).firstIndex(of: ";"), let decoded = character(text[text.index(after: index)..<semicolon]) {
                out.append(decoded)
                index = text.index(after: semicolon)
                continue
            }
            out.append(c)
            index = text.index(after: index)
        }
        return out.precomposedStringWithCanonicalMapping
    }

    private static func character(_ entity: Substring) -> Character? {
        if entity.hasPrefix("#x") || entity.hasPrefix("#X") { return UInt32(entity.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map(Character.init) }
        if entity.hasPrefix("#") { return UInt32(entity.dropFirst()).flatMap(Unicode.Scalar.init).map(Character.init) }
        // Names of letters differ by case (Aacute, aacute); the others are taken in any case.
        return named[String(entity)] ?? named[entity.lowercased()]
    }

    private static let named: [String: Character] = {
        var table: [String: Character] = [
            "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "ndash": "–", "mdash": "—",
            "hellip": "…", "ldquo": "“", "rdquo": "”", "lsquo": "‘", "rsquo": "’",
        ]
        // U+00A0–U+00FF in order, among them á, â, ã, ê, ô, õ.
        let latin1 = """
            nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 acute \
            micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde Auml Aring AElig \
            Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash \
            Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc \
            euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml \
            yacute thorn yuml
            """.split(separator: " ")
        for (offset, name) in latin1.enumerated() { table[String(name)] = Character(Unicode.Scalar(UInt8(0xA0 + offset))) }
        // A no-break space reads as a plain space in a cell or a line.
        table["nbsp"] = " "
        return table
    }()
}
