import Foundation

/// The number of an item in a programme: a Roman section ("II"), a numeric path ("2.3.1") or a lettered point ("a)", "đ)").
/// Sorted Roman sections first, then numeric paths (1 < 1.1 < 1.2 < 2 < 10), then letters in Vietnamese alphabet order.
public struct TaskNumber: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public enum Kind: Hashable, Sendable {
        case roman(Int)
        case path([Int])
        /// The letter's position in the Vietnamese alphabet, where đ follows d.
        case letter(Int)
    }

    public let kind: Kind

    /// Accepts what the extractor or an officer writes: "II", "II.", "1.1.", "a)", "(b)", "đ".
    public init?(_ text: String) {
        var core = Substring(text.trimmed.precomposedStringWithCanonicalMapping)
        if core.hasPrefix("("), core.hasSuffix(")") { core = core.dropFirst().dropLast() }
        while let last = core.last, last == "." || last == ")" { core.removeLast() }
        guard !core.isEmpty else { return nil }
        if core.allSatisfy({ "IVXLCDM".contains($0) }) {
            guard let value = Self.romanValue(core) else { return nil }
            kind = .roman(value)
        } else if core.first?.isNumber == true {
            let pieces = core.split(separator: ".", omittingEmptySubsequences: false)
            let parts = pieces.compactMap { piece in piece.allSatisfy { $0.isASCII && $0.isNumber } ? Int(piece) : nil }
            guard parts.count == pieces.count else { return nil }
            kind = .path(parts)
        } else if core.count == 1, let index = Self.alphabet.firstIndex(of: Character(core.lowercased())) {
            kind = .letter(Self.alphabet.distance(from: Self.alphabet.startIndex, to: index))
        } else {
            return nil
        }
    }

    /// The canonical form: "II", "2.3.1", "a".
    public var text: String {
        switch kind {
        case .roman(let value): Self.roman(value)
        case .path(let parts): parts.map(String.init).joined(separator: ".")
        case .letter(let index): String(Self.alphabet[Self.alphabet.index(Self.alphabet.startIndex, offsetBy: index)])
        }
    }

    public var description: String { text }

    public static func < (a: TaskNumber, b: TaskNumber) -> Bool {
        switch (a.kind, b.kind) {
        case (.roman(let x), .roman(let y)), (.letter(let x), .letter(let y)): x < y
        case (.path(let x), .path(let y)): x.lexicographicallyPrecedes(y)
        default: a.kindOrder < b.kindOrder
        }
    }

    private var kindOrder: Int {
        switch kind {
        case .roman: 0
        case .path: 1
        case .letter: 2
        }
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let number = TaskNumber(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "Số thứ tự nhiệm vụ không hợp lệ: “\(text)” (cần dạng II, 2.3.1 hoặc a)."))
        }
        self = number
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }

    /// Latin letters in Vietnamese order; f, j, w, z are not Vietnamese but lists that run long use them.
    private static let alphabet = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"

    private static let numerals: [(String, Int)] = [
        ("M", 1000), ("CM", 900), ("D", 500), ("CD", 400), ("C", 100), ("XC", 90),
        ("L", 50), ("XL", 40), ("X", 10), ("IX", 9), ("V", 5), ("IV", 4), ("I", 1),
    ]

    private static func roman(_ value: Int) -> String {
        var rest = value
        var text = ""
        for (symbol, amount) in numerals {
            while rest >= amount {
                text += symbol
                rest -= amount
            }
        }
        return text
    }

    /// The value of a well-formed numeral; "IIII" or "VX" are typing errors, not numbers.
    private static func romanValue(_ text: Substring) -> Int? {
        var value = 0
        var rest = text
        for (symbol, amount) in numerals {
            while rest.hasPrefix(symbol) {
                value += amount
                rest = rest.dropFirst(symbol.count)
            }
        }
        return rest.isEmpty && value > 0 && roman(value) == text ? value : nil
    }
}
