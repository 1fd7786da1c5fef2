/// Whitespace handling in plain Swift: these run for every cell of an import, where Foundation's
/// `trimmingCharacters` and regular expressions cost more than everything else together.
extension Unicode.Scalar {
    /// Spaces, tabs, line breaks and the Unicode spaces that pasted text brings (no-break space, ideographic space…).
    public var isBlank: Bool {
        switch value {
        case 0x20, 0x09, 0x0A, 0x0D, 0x0B, 0x0C: true
        // The other White_Space scalars of Unicode, listed so that no property lookup is needed.
        case 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }
}

extension StringProtocol {
    /// Without leading and trailing whitespace and line breaks.
    public var trimmed: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.isBlank }), let last = scalars.lastIndex(where: { !$0.isBlank }) else { return "" }
        return String(self[first...last])
    }

    /// Runs of whitespace and line breaks become one space; none is left at either end.
    public var collapsingSpaces: String {
        // Most cells are already clean: single spaces between words, none at the ends.
        var previousBlank = true
        var clean = true
        for scalar in unicodeScalars {
            let blank = scalar.isBlank
            if blank && (previousBlank || scalar != " ") { clean = false; break }
            previousBlank = blank
        }
        if clean && !previousBlank { return String(self) }
        var result = ""
        result.reserveCapacity(utf8.count)
        var pendingSpace = false
        for scalar in unicodeScalars {
            if scalar.isBlank { pendingSpace = true; continue }
            if pendingSpace && !result.isEmpty { result.unicodeScalars.append(" ") }
            pendingSpace = false
            result.unicodeScalars.append(scalar)
        }
        return result
    }
}
