import Foundation

/// Folds Vietnamese text for diacritic-insensitive search and sorting.
///
/// `đ`/`Đ` are replaced by hand because Unicode does not decompose them; everything else loses its combining marks.
/// Anything that is not a letter or digit becomes a single space, so the result is a list of plain lowercase words.
public func foldForSearch(_ text: String) -> String {
    var folded = ""
    folded.reserveCapacity(text.utf8.count)
    var pendingSpace = false
    for scalar in text.replacingOccurrences(of: "đ", with: "d").replacingOccurrences(of: "Đ", with: "D")
        .decomposedStringWithCanonicalMapping.lowercased().unicodeScalars
    {
        let properties = scalar.properties
        if properties.generalCategory == .nonspacingMark { continue }
        if properties.isAlphabetic || properties.numericType != nil {
            if pendingSpace && !folded.isEmpty { folded.append(" ") }
            pendingSpace = false
            folded.unicodeScalars.append(scalar)
        } else {
            pendingSpace = true
        }
    }
    return folded
}

/// The words of a folded search query, at most `limit` of them so a pasted paragraph cannot build a huge query.
public func searchTerms(_ query: String, limit: Int = 8) -> [String] {
    Array(foldForSearch(query).split(separator: " ").prefix(limit).map(String.init))
}
