import Foundation

/// Numbers as Vietnamese documents write them: `.` groups thousands, `,` marks decimals (`1.234,5`).
public enum VietnameseNumber {
    public static func format(_ value: Int) -> String {
        group(String(value.magnitude), negative: value < 0)
    }

    /// Rounds to at most `fractionDigits` decimals and drops trailing zeros: 1234.50 → `1.234,5`.
    /// Total: any stored value gives text (huge values all their digits, infinities and NaN "—"), never a trap.
    public static func format(_ value: Double, fractionDigits: Int = 1) -> String {
        guard value.isFinite else { return "—" }
        let digits = min(max(fractionDigits, 0), 6)
        let scale = pow(10.0, Double(digits))
        let rounded = (value * scale).rounded() / scale
        // Past 2^53 a double has no fraction left, and past Int's range `Int(_:)` would trap: print its digits instead.
        guard rounded.magnitude * scale < 9.0e15 else {
            return group(String(format: "%.0f", rounded.magnitude), negative: rounded < 0)
        }
        let integer = Int(rounded.magnitude.rounded(.towardZero))
        var fraction = Int(((rounded.magnitude - Double(integer)) * scale).rounded())
        var shown = digits
        while shown > 0 && fraction % 10 == 0 && fraction != 0 { fraction /= 10; shown -= 1 }
        let head = group(String(integer), negative: rounded < 0)
        guard fraction != 0 else { return head }
        return head + "," + String(repeating: "0", count: max(0, shown - String(fraction).count)) + String(fraction)
    }

    /// Parses what an official types into a form: `1.234,5`, `1234,5`, `1234.5`, `1.234.567`, `1 234`.
    /// A single `.` between one to three digits and exactly three digits is a thousands separator (`1.500` = 1500).
    public static func parse(_ text: String) -> Double? {
        guard let plain = plainDecimal(text), let value = Double(plain.digits), value.isFinite else { return nil }
        return plain.negative ? -value : value
    }

    /// What `parse` reads, as a sign and ASCII digits with at most one `.` for the decimal mark (`1.234,5` → `1234.5`):
    /// the one reading of the marks, shared by `parse` and by the exact reading of amounts (`Money.millions`).
    static func plainDecimal(_ text: String) -> (negative: Bool, digits: String)? {
        // Plain Swift rather than Foundation's replacing: this runs for every number cell of an import.
        var s = String(String.UnicodeScalarView(text.unicodeScalars.filter { !$0.isBlank }))
        func without(_ mark: Character) -> String { s.filter { $0 != mark } }
        guard !s.isEmpty else { return nil }
        let negative = s.hasPrefix("-")
        if negative { s.removeFirst() }
        let dots = s.filter { $0 == "." }.count
        let commas = s.filter { $0 == "," }.count
        var normalized: String
        switch (dots, commas) {
        case (0, 0): normalized = s
        case (_, 0) where dots > 1: normalized = without(".")
        case (1, 0):
            // `1.500` and `12.345` group thousands as Vietnamese write them; `1500.125` and `0.5` are decimals.
            let parts = s.split(separator: ".", omittingEmptySubsequences: false)
            normalized = parts[1].count == 3 && (1...3).contains(parts[0].count) ? without(".") : s
        case (0, _) where commas > 1: normalized = without(",")
        case (0, 1): normalized = String(s.map { $0 == "," ? "." : $0 })
        default:
            // Both present: the last one is the decimal mark (`1.234,5` or `1,234.5`).
            let lastDot = s.lastIndex(of: ".")!, lastComma = s.lastIndex(of: ",")!
            if lastComma > lastDot {
                normalized = String(without(".").map { $0 == "," ? "." : $0 })
            } else {
                normalized = without(",")
            }
        }
        guard normalized.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }), normalized.contains(where: \.isNumber),
              normalized.filter({ $0 == "." }).count <= 1
        else { return nil }
        return (negative, normalized)
    }

    static func group(_ digits: String, negative: Bool) -> String {
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(".") }
            out.append(c)
        }
        return negative ? "-" + out : out
    }
}
