/// The period a report on carrying out a programme covers: a quarter, the first six or nine months, a year, the
/// preliminary review (sơ kết) from the programme's start to the end of a year, or the final review (tổng kết) of its
/// whole period.
public enum ReportPeriod: String, CaseIterable, Sendable, Codable {
    case q1, q2, q3, q4
    case firstHalf = "h1"
    case nineMonths = "m9"
    case year
    case midterm
    case final

    /// How the period reads in a title: "quý II năm 2026", "6 tháng đầu năm 2026", "sơ kết giai đoạn 2021 - 2026".
    public func label(year: Int, programme: ClosedRange<Int>) -> String {
        switch self {
        case .q1, .q2, .q3, .q4: "quý \(["I", "II", "III", "IV"][quarter - 1]) năm \(year)"
        case .firstHalf: "6 tháng đầu năm \(year)"
        case .nineMonths: "9 tháng đầu năm \(year)"
        case .year: "năm \(year)"
        case .midterm: "sơ kết giai đoạn \(programme.lowerBound) - \(min(max(year, programme.lowerBound), programme.upperBound))"
        case .final: "tổng kết giai đoạn \(programme.lowerBound) - \(programme.upperBound)"
        }
    }

    /// The choice on a form: "Quý I", "Sơ kết (từ đầu giai đoạn đến hết năm)".
    public var choice: String {
        switch self {
        case .q1, .q2, .q3, .q4: "Quý \(["I", "II", "III", "IV"][quarter - 1])"
        case .firstHalf: "6 tháng đầu năm"
        case .nineMonths: "9 tháng đầu năm"
        case .year: "Cả năm"
        case .midterm: "Sơ kết (từ đầu giai đoạn đến hết năm)"
        case .final: "Tổng kết (cả giai đoạn)"
        }
    }

    private var quarter: Int {
        switch self {
        case .q1: 1
        case .q2: 2
        case .q3: 3
        default: 4
        }
    }

    /// The days covered, for a year of a programme that runs over `programme`. The reviews start with the programme;
    /// a midterm review ends with `year` (kept inside the programme's years), the final review with the programme.
    /// Nil for years no calendar date has.
    public func days(year: Int, programme: ClosedRange<Int>) -> ClosedRange<Day>? {
        func first(_ year: Int, _ month: Int) -> Day? { Day(year: year, month: month, day: 1) }
        func last(_ year: Int, _ month: Int) -> Day? { Day(year: year, month: month, day: Day.daysIn(month: month, year: year)) }
        let end = min(max(year, programme.lowerBound), programme.upperBound)
        let (from, to): (Day?, Day?) = switch self {
        case .q1, .q2, .q3, .q4: (first(year, quarter * 3 - 2), last(year, quarter * 3))
        case .firstHalf: (first(year, 1), last(year, 6))
        case .nineMonths: (first(year, 1), last(year, 9))
        case .year: (first(year, 1), last(year, 12))
        case .midterm: (first(programme.lowerBound, 1), last(end, 12))
        case .final: (first(programme.lowerBound, 1), last(programme.upperBound, 12))
        }
        guard let from, let to, from <= to else { return nil }
        return from...to
    }
}
