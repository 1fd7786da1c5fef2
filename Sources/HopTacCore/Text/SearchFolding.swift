import Foundation

/// Folds Vietnamese text for diacritic-insensitive search and sorting.
///
/// `đ`/`Đ` become `d` because Unicode does not decompose them; everything else loses its combining marks and case.
/// Anything that is not a letter or digit becomes a single space, so the result is a list of plain lowercase words.
/// It runs for every cell of an import and every stored name, so letters are looked up in a table built once
/// instead of going through Foundation's string transforms.
public func foldForSearch(_ text: String) -> String {
    var folded: [UInt8] = []
    folded.reserveCapacity(text.utf8.count)
    var pendingSpace = false
    func append(_ byte: UInt8) {
        if pendingSpace && !folded.isEmpty { folded.append(0x20) }
        pendingSpace = false
        folded.append(byte)
    }
    for scalar in text.unicodeScalars {
        switch scalar.value {
        case 0x61...0x7A, 0x30...0x39: append(UInt8(scalar.value))
        case 0x41...0x5A: append(UInt8(scalar.value + 0x20))
        case 0...0x7F: pendingSpace = true
        default:
            switch Folding.table[scalar.value] ?? Folding.fold(scalar) {
            case .letters(let bytes): for byte in bytes { append(byte) }
            case .mark: break
            case .separator: pendingSpace = true
            }
        }
    }
    return String(decoding: folded, as: UTF8.self)
}

/// The folded text without what it holds in brackets: "Vốn điều lệ (triệu đồng)" → "von dieu le", "Tổng cộng (3 HTX)"
/// → "tong cong". Sheet headers and labels carry units and counts that way.
func foldForSearchWithoutBrackets(_ text: String) -> String {
    foldForSearch(text.replacingOccurrences(of: "\\([^)]*\\)", with: " ", options: .regularExpression))
}

/// The words of a folded search query, at most `limit` of them so a pasted paragraph cannot build a huge query.
public func searchTerms(_ query: String, limit: Int = 8) -> [String] {
    Array(foldForSearch(query).split(separator: " ").prefix(limit).map(String.init))
}

private enum Folding {
    /// A scalar's folded letters as UTF-8, nothing for a combining mark, or a word break.
    enum Result { case letters([UInt8]), mark, separator }

    /// Latin letters with diacritics (Vietnamese lives in U+00C0–U+01B0 and U+1EA0–U+1EF9) and the combining marks.
    static let table: [UInt32: Result] = {
        var table: [UInt32: Result] = [:]
        for range in [0x80...0x24F, 0x300...0x36F, 0x1E00...0x1EFF] as [ClosedRange<UInt32>] {
            for value in range { if let scalar = Unicode.Scalar(value) { table[value] = fold(scalar) } }
        }
        return table
    }()

    static func fold(_ scalar: Unicode.Scalar) -> Result {
        if scalar == "đ" || scalar == "Đ" { return .letters([UInt8(ascii: "d")]) }
        var letters = ""
        for part in String(scalar).decomposedStringWithCanonicalMapping.lowercased().unicodeScalars {
            let properties = part.properties
            if properties.generalCategory == .nonspacingMark { continue }
            guard properties.isAlphabetic || properties.numericType != nil else { return .separator }
            letters.unicodeScalars.append(part)
        }
        return letters.isEmpty ? .mark : .letters(Array(letters.utf8))
    }
}
