import HopTacCore

/// An amount in a record decoded straight from a row: the column holds whole đồng (BIGINT), while JSON carries triệu
/// đồng like every amount (`Money`'s own coding). Decoding `Money` itself from a row would read đồng as triệu.
@propertyWrapper
struct StoredMoney: Codable, Sendable {
    var wrappedValue: Money?

    init(wrappedValue: Money?) { self.wrappedValue = wrappedValue }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        wrappedValue = container.decodeNil() ? nil : Money(dong: try container.decode(Int64.self))
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(wrappedValue)
    }
}

extension KeyedEncodingContainer {
    /// An absent amount is left out, as every other absent optional is, rather than written as null.
    mutating func encode(_ value: StoredMoney, forKey key: Key) throws {
        guard let money = value.wrappedValue else { return }
        try encode(money, forKey: key)
    }
}

extension KeyedDecodingContainer {
    /// An absent amount column or key is no amount.
    func decode(_ type: StoredMoney.Type, forKey key: Key) throws -> StoredMoney {
        try decodeIfPresent(type, forKey: key) ?? StoredMoney(wrappedValue: nil)
    }
}
