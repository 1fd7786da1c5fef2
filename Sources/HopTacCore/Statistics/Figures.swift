/// The collective-economy figures of one administrative unit (commune, province or the nation) for one year, by
/// `FigureKey`. Roll-ups, dashboards, `/figures` and programme indicators all read these, so an indicator defined as
/// data can name any of them without code. Every key of the catalogue is present (zero when nothing counts), except
/// the shares, which are computed from the counts on demand and are unknown (nil) when nothing was counted.
public struct Figures: Codable, Sendable, Equatable {
    public private(set) var values: [String: Double]

    public init(_ values: [FigureKey: Double] = [:]) {
        self.values = Dictionary(uniqueKeysWithValues: values.map { ($0.key.rawValue, $0.value) })
    }

    public subscript(key: FigureKey) -> Double {
        get { values[key.rawValue] ?? 0 }
        set { values[key.rawValue] = newValue }
    }

    /// The stored figures of a year are counted up to this day: the registry as it stood on 31/12, or today while the
    /// year runs. One day for every page, so the home page, a dashboard and `/figures` agree.
    public static func referenceDay(year: Int, today: Day = .today()) -> Day {
        let yearEnd = Day(year: min(max(year, 1000), 9999), month: 12, day: 31) ?? today
        return min(yearEnd, today)
    }

    /// Share of the rated organisations rated good or fair, in percent (the figure Resolution 20 sets targets for);
    /// nil when none is rated.
    public var goodFairPercent: Double? {
        let goodOrFair = Rubric.tt01_2020.goodOrFair.reduce(0) { $0 + self[.band($1.code)] }
        return self[.rated] > 0 ? goodOrFair / self[.rated] * 100 : nil
    }

    /// Share of `part` in `whole` in percent, nil when the whole is zero (a share of nothing is unknown, not 0%).
    public func percent(_ part: FigureKey, of whole: FigureKey) -> Double? {
        let total = self[whole]
        return total == 0 ? nil : self[part] / total * 100
    }

    /// The value of any figure of the catalogue, shares included; nil for a share of nothing.
    public func value(_ key: FigureKey) -> Double? {
        key == .goodFairShare ? goodFairPercent : self[key]
    }

    /// Every figure of the catalogue by key, shares included (nil for a share of nothing): what JSON outputs carry, so
    /// that `/figures`, dashboards and roll-ups give the same value under the same key.
    public var catalogue: [String: Double?] {
        Dictionary(uniqueKeysWithValues: FigureDefinition.all.map { ($0.key.rawValue, value($0.key)) })
    }

    /// Every figure of the catalogue present, and the figures derived from others computed.
    public var completed: Figures {
        var figures = self
        figures[.members] = self[.officialMembers] + self[.associateMembers]
        figures[.debts] = self[.debtState] + self[.debtBanks] + self[.debtMembers] + self[.debtOther]
        figures[.averageRevenue] = self[.reportsSubmitted] > 0 ? self[.revenue] / self[.reportsSubmitted] : 0
        for definition in FigureDefinition.all where definition.key != .goodFairShare && figures.values[definition.key.rawValue] == nil {
            figures[definition.key] = 0
        }
        return figures
    }

    /// The sum of several units' figures; the mean income is weighted by the reports that gave one.
    public static func total(_ parts: some Collection<Figures>) -> Figures {
        var total = Figures()
        for part in parts {
            for (key, value) in part.values where key != FigureKey.averageIncome.rawValue { total.values[key, default: 0] += value }
            total[.averageIncome] += part[.averageIncome] * part[.incomeReports]
        }
        total[.averageIncome] = total[.incomeReports] > 0 ? total[.averageIncome] / total[.incomeReports] : 0
        return total.completed
    }
}
