/// A value of a target that nothing in the data measures, as its responsible agency reports it for a period: "tỷ lệ
/// HTX bán hàng trên sàn thương mại điện tử đạt 24% (9 tháng đầu năm 2026)". The target is judged on these like on any
/// indicator, a year standing at its latest period's value.
public struct ReportedValue: Sendable, Equatable, Codable {
    public var year: Int
    public var period: ReportPeriod
    public var value: Double
    /// Order of entry, so that of two reports for periods ending the same day (quý II and 6 tháng) the later counts.
    public var sequence: Int

    public init(year: Int, period: ReportPeriod, value: Double, sequence: Int) {
        self.year = year
        self.period = period
        self.value = value
        self.sequence = sequence
    }

    /// The periods an agency reports a value for: the quarters, six and nine months, the year.
    public static let periods: [ReportPeriod] = [.q1, .firstHalf, .q2, .nineMonths, .q3, .q4, .year]

    /// The last day the value stands for: a quarter's, the six or nine months', the year's.
    public var asOf: Day? { period.days(year: year, programme: year...year)?.upperBound }

    /// Each year's value: that of the period ending latest in the year, the later report of two ending the same day.
    public static func series(_ values: [ReportedValue]) -> [Int: Double] {
        var latest: [Int: ReportedValue] = [:]
        for value in values {
            guard let day = value.asOf else { continue }
            if let kept = latest[value.year], let keptDay = kept.asOf, (keptDay, kept.sequence) > (day, value.sequence) { continue }
            latest[value.year] = value
        }
        return latest.mapValues(\.value)
    }
}
