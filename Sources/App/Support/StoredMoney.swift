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
