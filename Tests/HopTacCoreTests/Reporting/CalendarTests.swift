import Foundation
import Testing
@testable import HopTacCore

@Suite("Reporting calendar")
struct CalendarTests {
    @Test("default deadlines are 15, 18 and 21 December; a year may have its own")
    func deadlines() {
        let calendar = ReportingCalendar(overrides: [2026: [.commune: day(2026, 12, 20)]])
        #expect(ReportingLevel.allCases.map { calendar.deadline(for: $0, year: 2025).vietnamese } == ["15/12/2025", "18/12/2025", "21/12/2025"])
        #expect(calendar.deadline(for: .commune, year: 2026).vietnamese == "20/12/2026")
        #expect(calendar.deadline(for: .cooperative, year: 2026).vietnamese == "15/12/2026")
    }

    @Test("a calendar is stored as JSON keyed by year and level")
    func storage() throws {
        let calendar = ReportingCalendar(overrides: [2026: [.commune: day(2026, 12, 20)]])
        let json = String(decoding: try JSONEncoder().encode(calendar), as: UTF8.self)
        #expect(json == #"{"overrides":{"2026":{"commune":"2026-12-20"}}}"#)
        #expect(try JSONDecoder().decode(ReportingCalendar.self, from: Data(json.utf8)) == calendar)
    }

    @Test("on the day is on time, the next day is one day late, nothing is missing after the deadline")
    func timeliness() {
        let calendar = ReportingCalendar()
        func check(_ done: Day?, asOf: Day = day(2026, 1, 5)) -> Timeliness {
            calendar.timeliness(for: .cooperative, year: 2025, doneOn: done, asOf: asOf)
        }
        #expect(check(day(2025, 12, 15)) == .onTime)
        #expect(check(day(2025, 12, 1)) == .onTime)
        #expect(check(day(2025, 12, 16)) == .late(days: 1))
        #expect(check(day(2026, 1, 2)) == .late(days: 18))
        #expect(check(nil, asOf: day(2025, 12, 15)) == .pending)
        #expect(check(nil, asOf: day(2025, 12, 20)) == .missing(daysOverdue: 5))
        #expect(check(day(2026, 1, 2)).label == "Trễ 18 ngày")
        #expect(check(nil).label == "Chưa nộp, quá hạn 21 ngày")
    }

    @Test("day counts cross leap days and years")
    func dayCounts() {
        #expect(day(2024, 3, 1).days(since: day(2024, 2, 28)) == 2)
        #expect(day(2025, 3, 1).days(since: day(2025, 2, 28)) == 1)
        #expect(day(2026, 1, 1).days(since: day(2025, 1, 1)) == 365)
        #expect(day(2000, 1, 1).days(since: day(1999, 12, 31)) == 1)
    }
}
