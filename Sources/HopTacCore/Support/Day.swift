import Foundation

/// A calendar date without time or time zone, as officials write it on documents.
/// Stored as `yyyy-MM-dd` text so that it sorts and compares the same on SQLite and PostgreSQL.
public struct Day: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Returns nil when the three numbers do not name a real date (31/02, month 13…).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= Day.daysIn(month: month, year: year), (1000...9999).contains(year)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses the storage form `yyyy-MM-dd`.
    public init?(iso: String) {
        let parts = iso.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// Parses the Vietnamese form `dd/mm/yyyy` (also `d/m/yyyy`, and `-` or `.` as separators).
    public init?(vietnamese text: String) {
        let trimmed = text.trimmed
        let parts = trimmed.split(whereSeparator: { $0 == "/" || $0 == "-" || $0 == "." })
        guard parts.count == 3, parts[2].count == 4, let d = Int(parts[0]), let m = Int(parts[1]), let y = Int(parts[2])
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public init(_ date: Date, calendar: Calendar = .vietnam) {
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        // A Gregorian calendar always yields a valid day.
        self.year = c.year ?? 1970
        self.month = c.month ?? 1
        self.day = c.day ?? 1
    }

    public static func today() -> Day { Day(Date()) }

    /// `yyyy-MM-dd`, the storage and API form.
    public var iso: String { Self.padded(year, 4) + "-" + Self.padded(month, 2) + "-" + Self.padded(day, 2) }
    /// `dd/mm/yyyy`, the form shown to users.
    public var vietnamese: String { Self.padded(day, 2) + "/" + Self.padded(month, 2) + "/" + Self.padded(year, 4) }

    /// Zero-padded digits without `String(format:)`, which is slow on Linux and runs for every date of an import or a list.
    private static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
    public var description: String { iso }

    public static func < (a: Day, b: Day) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }

    public func adding(days: Int) -> Day {
        let date = Calendar.vietnam.date(from: DateComponents(year: year, month: month, day: day)) ?? Date()
        return Day(Calendar.vietnam.date(byAdding: .day, value: days, to: date) ?? date)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = Day(iso: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "Ngày không hợp lệ: \(text) (cần dạng yyyy-mm-dd)"))
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }
}

extension Calendar {
    /// Gregorian calendar in Vietnam's time zone (UTC+7), used for "today" and date arithmetic.
    public static let vietnam: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh") ?? TimeZone(secondsFromGMT: 7 * 3600)!
        return calendar
    }()
}
