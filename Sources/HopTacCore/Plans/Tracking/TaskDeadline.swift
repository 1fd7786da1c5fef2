import Foundation

/// When a task is due, as precisely as the programme says it: a date ("trước ngày 15/12/2026"), a month ("tháng 6/2026"),
/// a quarter ("quý I/2026") or a year ("năm 2026"). A period is due on its last day.
/// Encoded as text: `2026-12-15`, `2026-06`, `2026-Q1`, `2026`.
public struct TaskDeadline: Hashable, Sendable, Codable, CustomStringConvertible {
    public enum Precision: Sendable { case day, month, quarter, year }

    public let precision: Precision
    /// The last day of the period.
    public let dueDay: Day

    public init(day: Day) {
        precision = .day
        dueDay = day
    }

    public init?(year: Int, month: Int) {
        guard (1...12).contains(month), let due = Day(year: year, month: month, day: Day.daysIn(month: month, year: year)) else { return nil }
        precision = .month
        dueDay = due
    }

    public init?(year: Int, quarter: Int) {
        guard (1...4).contains(quarter), let due = TaskDeadline(year: year, month: quarter * 3)?.dueDay else { return nil }
        precision = .quarter
        dueDay = due
    }

    public init?(year: Int) {
        guard let due = Day(year: year, month: 12, day: 31) else { return nil }
        precision = .year
        dueDay = due
    }

    /// Parses the encoded form.
    public init?(text: String) {
        let parts = text.trimmed.split(separator: "-", omittingEmptySubsequences: false)
        guard let year = parts.first.flatMap({ $0.count == 4 ? Int($0) : nil }) else { return nil }
        switch parts.count {
        case 1: self.init(year: year)
        case 2 where parts[1].hasPrefix("Q"):
            guard let quarter = Int(parts[1].dropFirst()) else { return nil }
            self.init(year: year, quarter: quarter)
        case 2:
            guard parts[1].count == 2, let month = Int(parts[1]) else { return nil }
            self.init(year: year, month: month)
        default:
            guard let day = Day(iso: String(text.trimmed)) else { return nil }
            self.init(day: day)
        }
    }

    /// As a person types it in a form: the `label` forms ("15/12/2026", "tháng 6/2026" or "6/2026", "quý II/2026",
    /// "quý 2-2026", "năm 2026" or "2026") and the encoded ones.
    public init?(typed: String) {
        let words = foldForSearch(typed).split(separator: " ").map(String.init)
        guard !words.isEmpty else { return nil }
        if let day = Day(vietnamese: typed.trimmed) { self.init(day: day); return }
        if let encoded = TaskDeadline(text: typed) { self = encoded; return }
        let numbers = words.drop { $0 == "thang" || $0 == "quy" || $0 == "nam" }.joined(separator: " ")
            .split(whereSeparator: { $0 == "/" || $0 == "-" || $0 == " " }).map(String.init)
        let romans = ["i": 1, "ii": 2, "iii": 3, "iv": 4]
        switch (words.first, numbers.count) {
        case ("quy", 2):
            guard let quarter = romans[numbers[0]] ?? Int(numbers[0]), let year = Int(numbers[1]) else { return nil }
            self.init(year: year, quarter: quarter)
        case (_, 2):
            guard let month = Int(numbers[0]), let year = Int(numbers[1]), numbers[1].count == 4 else { return nil }
            self.init(year: year, month: month)
        case (_, 1):
            guard numbers[0].count == 4, let year = Int(numbers[0]) else { return nil }
            self.init(year: year)
        default:
            return nil
        }
    }

    /// The encoded form.
    public var text: String {
        switch precision {
        case .day: dueDay.iso
        case .month: String(dueDay.iso.prefix(7))
        case .quarter: String(dueDay.year) + "-Q" + String(dueDay.month / 3)
        case .year: String(dueDay.year)
        }
    }

    /// As officials write it: "15/12/2026", "tháng 6/2026", "quý II/2026", "năm 2026".
    public var label: String {
        switch precision {
        case .day: dueDay.vietnamese
        case .month: "tháng \(dueDay.month)/\(dueDay.year)"
        case .quarter: "quý " + ["I", "II", "III", "IV"][dueDay.month / 3 - 1] + "/\(dueDay.year)"
        case .year: "năm \(dueDay.year)"
        }
    }

    public var description: String { text }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let deadline = TaskDeadline(text: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "Thời hạn không hợp lệ: “\(text)” (cần dạng 2026-12-15, 2026-06, 2026-Q1 hoặc 2026)."))
        }
        self = deadline
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}

extension TaskFrequency {
    /// The reporting period of recurring work that contains `day`: the calendar year, quarter, month or week (Monday to
    /// Sunday); nil for one-off and ongoing work, which have no periods.
    public func period(containing day: Day) -> ClosedRange<Day>? {
        let first: Day?
        let last: Day?
        switch self {
        case .once, .ongoing: return nil
        case .annual:
            first = Day(year: day.year, month: 1, day: 1)
            last = TaskDeadline(year: day.year)?.dueDay
        case .quarterly:
            let quarter = (day.month - 1) / 3 + 1
            first = Day(year: day.year, month: quarter * 3 - 2, day: 1)
            last = TaskDeadline(year: day.year, quarter: quarter)?.dueDay
        case .monthly:
            first = Day(year: day.year, month: day.month, day: 1)
            last = TaskDeadline(year: day.year, month: day.month)?.dueDay
        case .weekly:
            let date = Calendar.vietnam.date(from: DateComponents(year: day.year, month: day.month, day: day.day)) ?? Date()
            // Calendar weekdays count from Sunday = 1; Vietnamese weeks start on Monday.
            let sinceMonday = (Calendar.vietnam.component(.weekday, from: date) + 5) % 7
            first = day.adding(days: -sinceMonday)
            last = first?.adding(days: 6)
        }
        guard let first, let last else { return nil }
        return first...last
    }
}
