/// The collective-economy figures of one administrative unit (commune, province or the nation) for one year, by
/// `FigureKey`. Roll-ups, dashboards, `/figures` and programme indicators all read these, so an indicator defined as
/// data can name any of them without code. Every key of the catalogue is present (zero when nothing counts), except
/// the shares, which are computed from the counts on demand and are unknown (nil) when nothing was counted.
///
/// Quantities are exact integers: counts, and amounts in whole đồng for the figures whose unit is money. Units are
/// added with saturating arithmetic, and the means (revenue per organisation, income per worker) are computed once
/// from the exact sums and counts, at the end.
public struct Figures: Encodable, Sendable, Equatable {
    public private(set) var values: [String: Int64]

    /// Exact quantities by key: counts, or đồng for an amount.
    public init(_ values: [FigureKey: Int64] = [:]) {
        self.values = Dictionary(uniqueKeysWithValues: values.map { ($0.key.rawValue, $0.value) })
    }

    /// A figure in its unit as a number for pages, charts and targets: a count, or an amount in triệu đồng.
    public subscript(key: FigureKey) -> Double {
        number(key)?.double ?? 0
    }

    /// An amount exactly, in đồng.
    public func amount(_ key: FigureKey) -> Money { Money(dong: values[key.rawValue] ?? 0) }

    public func count(_ key: FigureKey) -> Int64 { values[key.rawValue] ?? 0 }

    /// Adds a count, or đồng to an amount; saturating, so that no stored value can stop the process.
    public mutating func add(_ key: FigureKey, _ quantity: Int64) {
        values[key.rawValue] = count(key).addingSaturating(quantity)
    }

    /// The stored figures of a year are counted up to this day: the registry as it stood on 31/12, or today while the
    /// year runs. One day for every page, so the home page, a dashboard and `/figures` agree.
    public static func referenceDay(year: Int, today: Day = .today()) -> Day {
        let yearEnd = Day(year: min(max(year, 1000), 9999), month: 12, day: 31) ?? today
        return min(yearEnd, today)
    }

    /// Share of the rated organisations rated good or fair, in percent (the figure Resolution 20 sets targets for);
    /// nil when none is rated.
    public var goodFairPercent: Double? { share(.goodFairShare) }

    /// A share figure of the catalogue in percent from the counts; nil when its whole is zero or the key is no share.
    public func share(_ key: FigureKey) -> Double? {
        guard let share = FigureDefinition.of(key)?.share else { return nil }
        let sum = { (keys: [FigureKey]) in keys.reduce(Int64(0)) { $0.addingSaturating(count($1)) } }
        let whole = sum(share.wholes)
        return whole > 0 ? Double(sum(share.parts)) / Double(whole) * 100 : nil
    }

    /// Share of `part` in `whole` in percent, nil when the whole is zero (a share of nothing is unknown, not 0%).
    public func percent(_ part: FigureKey, of whole: FigureKey) -> Double? {
        let total = count(whole)
        return total == 0 ? nil : Double(count(part)) / Double(total) * 100
    }

    /// The value of any figure of the catalogue as outputs write it, shares included; nil for a share of nothing.
    public func number(_ key: FigureKey) -> FigureNumber? {
        FigureDefinition.of(key)?.share != nil ? share(key).map(FigureNumber.share) : quantity(key)
    }

    /// A stored figure (not a share) as outputs write it.
    private func quantity(_ key: FigureKey) -> FigureNumber {
        FigureDefinition.of(key)?.unit.isMoney == true ? .amount(amount(key)) : .count(count(key))
    }

    /// Every figure of the catalogue by key, shares included (nil for a share of nothing): what JSON outputs carry, so
    /// that `/figures`, dashboards and roll-ups give the same value under the same key.
    public var catalogue: [String: FigureNumber?] {
        Dictionary(uniqueKeysWithValues: FigureDefinition.all.map { ($0.key.rawValue, number($0.key)) })
    }

    /// Every figure of the catalogue present, and the figures derived from others computed from the exact sums.
    public var completed: Figures {
        var figures = self
        figures.values[FigureKey.members.rawValue] = count(.officialMembers).addingSaturating(count(.associateMembers))
        figures.values[FigureKey.debts.rawValue] = [FigureKey.debtState, .debtBanks, .debtMembers, .debtOther].map(amount).reduce(.zero, +).dong
        figures.values[FigureKey.averageRevenue.rawValue] = amount(.revenue).average(over: count(.reportsSubmitted)).dong
        figures.values[FigureKey.averageIncome.rawValue] = amount(.incomeSum).average(over: count(.incomeReports)).dong
        for definition in FigureDefinition.all where definition.share == nil && figures.values[definition.key.rawValue] == nil {
            figures.values[definition.key.rawValue] = 0
        }
        return figures
    }

    /// The sum of several units' figures: every quantity added, then the derived figures and means computed again.
    public static func total(_ parts: some Collection<Figures>) -> Figures {
        var total = Figures()
        for part in parts {
            for (key, value) in part.values { total.values[key] = (total.values[key] ?? 0).addingSaturating(value) }
        }
        return total.completed
    }

    /// The stored figures of the catalogue by key as outputs write them, in their units like `/figures` (amounts in
    /// triệu đồng, exactly), not the đồng kept here; working sums such as `incomeSum` stay inside.
    public var written: [String: FigureNumber] {
        let keys = FigureDefinition.all.filter { $0.share == nil }.map(\.key)
        return Dictionary(uniqueKeysWithValues: keys.filter { values[$0.rawValue] != nil }.map { ($0.rawValue, quantity($0)) })
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(written, forKey: .values)
    }

    enum CodingKeys: String, CodingKey { case values }
}

/// A figure as machine outputs write it: a count as an integer, an amount in triệu đồng written from its exact đồng
/// (`1350.5`), a share in percent.
public enum FigureNumber: Sendable, Equatable, Encodable {
    case count(Int64)
    case amount(Money)
    case share(Double)

    /// The value in its unit as a number, for pages, charts and targets.
    public var double: Double {
        switch self {
        case .count(let count): Double(count)
        case .amount(let amount): amount.millions
        case .share(let share): share
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .count(let count): try container.encode(count)
        case .amount(let amount): try container.encode(amount)
        case .share(let share): try container.encode(share)
        }
    }
}
