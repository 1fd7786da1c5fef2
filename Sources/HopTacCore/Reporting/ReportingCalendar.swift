import Foundation

/// Deadlines of the annual reporting round (Circular 03/2014/TT-BKHĐT as amended by 09/2019/TT-BKHĐT):
/// the organisation reports by 15/12, the commune consolidates by 18/12, the province reports by 21/12.
/// A province may set other dates for a year.
public struct ReportingCalendar: Codable, Sendable, Equatable {
    /// Years a request may ask about (rounds, deadlines, reminders, roll-ups). Every page checks a requested year or day
    /// against this range before any date arithmetic, and says so in Vietnamese when it is outside.
    public static let years = 2000...2100

    /// Dates that replace the defaults, by year and level.
    public var overrides: [Int: [ReportingLevel: Day]]

    public init(overrides: [Int: [ReportingLevel: Day]] = [:]) {
        self.overrides = overrides
    }

    public func deadline(for level: ReportingLevel, year: Int) -> Day {
        if let day = overrides[year]?[level] { return day }
        let day = switch level {
        case .cooperative: 15
        case .commune: 18
        case .province: 21
        }
        // A year outside what `Day` stores (4 digits) is stopped at its ends rather than trapping; pages refuse such years first.
        return Day(year: min(max(year, 1000), 9999), month: 12, day: day) ?? .today()
    }

    /// The first instant that is late for `level` in `year`: midnight at the end of the deadline day, Vietnam time
    /// (UTC+7). A report sent at 06:59 UTC the day after the deadline is late, whatever the server's time zone.
    public func lateFrom(for level: ReportingLevel, year: Int) -> Date {
        let next = deadline(for: level, year: year).adding(days: 1)
        return Calendar.vietnam.date(from: DateComponents(year: next.year, month: next.month, day: next.day)) ?? Date.distantFuture
    }

    /// Whether the step of `level` for `year` was done in time, as known on `asOf`.
    public func timeliness(for level: ReportingLevel, year: Int, doneOn: Day?, asOf: Day) -> Timeliness {
        let deadline = deadline(for: level, year: year)
        if let doneOn {
            return doneOn <= deadline ? .onTime : .late(days: doneOn.days(since: deadline))
        }
        return asOf <= deadline ? .pending : .missing(daysOverdue: asOf.days(since: deadline))
    }
}

public enum Timeliness: Equatable, Sendable {
    case onTime
    case late(days: Int)
    /// Not done yet, and the deadline has not passed.
    case pending
    case missing(daysOverdue: Int)

    public var label: String {
        switch self {
        case .onTime: "Đúng hạn"
        case .late(let days): "Trễ \(VietnameseNumber.format(days)) ngày"
        case .pending: "Chưa đến hạn"
        case .missing(let days): "Chưa nộp, quá hạn \(VietnameseNumber.format(days)) ngày"
        }
    }
}

extension Day {
    /// Whole days from `other` to this day, by the proleptic Gregorian day count (no Calendar, so cheap in lists).
    func days(since other: Day) -> Int { dayNumber - other.dayNumber }

    private var dayNumber: Int {
        // Days from civil (H. Hinnant): March-based years put the leap day at the end.
        let y = month <= 2 ? year - 1 : year
        let era = y / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra
    }
}
