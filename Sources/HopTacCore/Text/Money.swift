import Foundation

/// An amount of money in whole đồng, exact. Amounts are stored (BIGINT columns), summed and compared as integers and
/// never as binary floating point, so a figure typed as `1.350,5` triệu đồng is 1 350 500 000 đồng wherever it is
/// read. People, forms, sheets, pages and JSON speak triệu đồng (million VND) as the official forms do; `Money`
/// converts at those edges, digit by digit.
///
/// 64 bits of đồng hold ±9,2 triệu tỷ đồng; `ReportField.allowedRange` keeps one report's amount to 100.000 tỷ, so
/// sums of a province (see `FiguresQueries`) stay far inside it. Arithmetic saturates rather than traps.
public struct Money: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let dong: Int64

    public init(dong: Int64) { self.dong = dong }

    public static let zero = Money(dong: 0)
    /// Đồng in one triệu đồng, the unit of the forms: an amount has at most six decimals in triệu.
    public static let dongPerMillion: Int64 = 1_000_000

    /// A whole number of triệu đồng (bounds of ranges, limits of rules).
    public init(millions: Int64) { dong = millions.multipliedSaturating(by: Self.dongPerMillion) }

    /// The nearest đồng to an amount computed in floating point (demo data, a spreadsheet's number cell, which Excel
    /// keeps as a double); NaN is 0 and amounts past 64 bits saturate.
    public init(approximately millions: Double) { dong = Int64(saturating: (millions * Double(Self.dongPerMillion)).rounded()) }

    /// The amount in triệu đồng as a number for rules, scoring, charts and sizes, where a comparison or a ratio is
    /// wanted rather than a stored value (correctly rounded: one division of exact integers).
    public var millions: Double { Double(dong) / Double(Self.dongPerMillion) }

    public static func < (a: Money, b: Money) -> Bool { a.dong < b.dong }

    /// Sums saturate at the ends of 64 bits, so no stored or requested amount can stop the process.
    public static func + (a: Money, b: Money) -> Money { Money(dong: a.dong.addingSaturating(b.dong)) }

    /// The mean over `count` items, to the nearest đồng (half away from zero); zero over nothing.
    public func average(over count: Int64) -> Money {
        guard count > 0 else { return .zero }
        let (quotient, remainder) = dong.quotientAndRemainder(dividingBy: count)
        // |remainder| < count, so doubling its magnitude cannot overflow.
        let roundsAway = remainder.magnitude * 2 >= UInt64(count)
        return Money(dong: roundsAway ? quotient + (dong < 0 ? -1 : 1) : quotient)
    }

    // MARK: Reading and writing triệu đồng

    /// Why typed text is not an amount.
    public enum Problem: Error, Sendable, Equatable {
        /// Not a number at all (`abc`, `1e25`).
        case notANumber
        /// More than six decimals of triệu: a fraction of a đồng.
        case tooPrecise
        /// More than 64 bits of đồng hold.
        case tooLarge

        /// Why the typed text is refused, in Vietnamese, to follow the field and the text a message already names.
        public var reason: String { reason(in: .million) }

        /// The same for an amount typed in `unit`.
        public func reason(in unit: Unit) -> String {
            switch self {
            case .notANumber: "không phải là số (ví dụ 1.234,5)."
            case .tooPrecise where unit == .million: "có quá 6 chữ số thập phân; đơn vị là triệu đồng, nhỏ nhất là 0,000001 (1 đồng)."
            case .tooPrecise: "lẻ dưới 1 đồng (đơn vị là \(unit.label))."
            case .tooLarge: "quá lớn (đơn vị là \(unit.label))."
            }
        }
    }

    /// Reads an amount typed in triệu đồng the way `VietnameseNumber.parse` reads numbers (`1.350,5`, `1350.5`, `-12`,
    /// `1.234.567`), digit by digit and never through `Double`: `1.350,5` is exactly 1 350 500 000 đồng.
    public static func millions(_ text: String) -> Result<Money, Problem> {
        guard let plain = VietnameseNumber.plainDecimal(text) else { return .failure(.notANumber) }
        let parts = plain.digits.split(separator: ".", omittingEmptySubsequences: false)
        var fraction = parts.count > 1 ? parts[1] : ""
        while fraction.last == "0" { fraction.removeLast() }
        guard fraction.count <= 6 else { return .failure(.tooPrecise) }
        var dong: Int64 = 0
        // Stops at the first digit that does not fit, so four hundred nines cost no more than nineteen.
        for digit in parts[0].drop(while: { $0 == "0" }) + fraction + String(repeating: "0", count: 6 - fraction.count) {
            let (shifted, overflowShift) = dong.multipliedReportingOverflow(by: 10)
            let (next, overflowAdd) = shifted.addingReportingOverflow(Int64(digit.wholeNumberValue ?? 0))
            guard !overflowShift, !overflowAdd else { return .failure(.tooLarge) }
            dong = next
        }
        return .success(Money(dong: plain.negative ? -dong : dong))
    }

    /// The units a column header may state for its amounts: "(đồng)", "(nghìn đồng)", "(triệu đồng)", "(tỷ đồng)".
    public enum Unit: Int64, Sendable, CaseIterable {
        case dong = 1, thousand = 1_000, million = 1_000_000, billion = 1_000_000_000

        public var label: String {
            switch self {
            case .dong: "đồng"
            case .thousand: "nghìn đồng"
            case .million: "triệu đồng"
            case .billion: "tỷ đồng"
            }
        }

        /// What an import reads an amount column as, for its column table: "Doanh thu, tính bằng nghìn đồng", the
        /// field's own label without its bracketed unit, then the unit the header states (triệu đồng when none).
        public static func columnUse(_ label: String, header: String) -> String {
            "\(label.components(separatedBy: " (").first ?? label), tính bằng \((Unit(header: header) ?? .million).label)"
        }

        /// The unit a header states in brackets, nil when it states none ("Số tiền (nghìn đồng)" → `.thousand`).
        public init?(header: String) {
            guard let open = header.lastIndex(of: "("), let close = header[open...].firstIndex(of: ")") else { return nil }
            let stated = foldForSearch(String(header[header.index(after: open)..<close]))
            guard let unit = Self.allCases.first(where: { foldForSearch($0.label) == stated || (stated == "trd" && $0 == .million) }) else { return nil }
            self = unit
        }
    }

    /// Reads an amount typed in `unit`, exactly: "1.500" nghìn đồng is 1 500 000 đồng; a fraction of a đồng is refused.
    public static func parse(_ text: String, in unit: Unit) -> Result<Money, Problem> {
        switch millions(text) {
        case .failure(let problem): return .failure(problem)
        case .success(let asMillions):
            // `millions` read the digits as triệu: scale from triệu to the stated unit without leaving integers.
            if unit.rawValue >= dongPerMillion {
                let (dong, overflow) = asMillions.dong.multipliedReportingOverflow(by: unit.rawValue / dongPerMillion)
                return overflow ? .failure(.tooLarge) : .success(Money(dong: dong))
            }
            let divisor = dongPerMillion / unit.rawValue
            guard asMillions.dong % divisor == 0 else { return .failure(.tooPrecise) }
            return .success(Money(dong: asMillions.dong / divisor))
        }
    }

    /// The amount in triệu đồng as Vietnamese write it, rounded half away from zero to `fractionDigits` decimals (at
    /// most six, one đồng) with trailing zeros dropped: `1.350,5`, `-12`, `0,000001`. Total: every value gives text.
    public func millionsText(fractionDigits: Int = 6) -> String {
        let digits = min(max(fractionDigits, 0), 6)
        let step = UInt64(pow(10, Double(6 - digits))), scale = UInt64(pow(10, Double(digits)))
        // The magnitude of Int64.min is 2^63, so adding one unit cannot overflow a UInt64.
        var units = dong.magnitude / step
        if dong.magnitude % step * 2 >= step, step > 1 { units += 1 }
        var fraction = units % scale, shown = digits
        while shown > 0, fraction % 10 == 0 { fraction /= 10; shown -= 1 }
        let head = VietnameseNumber.group(String(units / scale), negative: dong < 0 && units > 0)
        guard shown > 0 else { return head }
        let text = String(fraction)
        return head + "," + String(repeating: "0", count: shown - text.count) + text
    }

    public var description: String { millionsText() + " triệu đồng" }

    /// The amount in triệu đồng as a `Decimal` built from the digits of the đồng, so JSON writes `1350.5` and never
    /// `1350.4999999`.
    public var decimalMillions: Decimal {
        Decimal(sign: dong < 0 ? .minus : .plus, exponent: -6, significand: Decimal(dong.magnitude))
    }

    /// An amount given in triệu đồng as a decimal (a JSON number), when it is a whole number of đồng that fits.
    public init?(exactly millions: Decimal) {
        // An integral Decimal prints its digits alone; anything else (a fraction of a đồng, too many digits) is refused.
        guard let dong = Int64((millions * Decimal(Self.dongPerMillion)).description) else { return nil }
        self.dong = dong
    }

    /// JSON carries amounts as numbers in triệu đồng, like the forms.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(decimalMillions)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        guard let money = Money(exactly: try container.decode(Decimal.self)) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "Số tiền (triệu đồng) có quá 6 chữ số thập phân hoặc quá lớn.")
        }
        self = money
    }
}
