import Testing
@testable import HopTacCore

@Suite("Reporting reminders")
struct ReminderTests {
    let calendar = ReportingCalendar()

    @Test("this year's round opens 30 days before the cooperative deadline; before that, last year's is still the round")
    func roundYear() {
        #expect(ReportingReminder.roundYear(on: day(2026, 11, 14), calendar: calendar) == 2025)
        #expect(ReportingReminder.roundYear(on: day(2026, 11, 15), calendar: calendar) == 2026)
        #expect(ReportingReminder.roundYear(on: day(2027, 1, 20), calendar: calendar) == 2026)
        let early = ReportingCalendar(overrides: [2026: [.cooperative: day(2026, 12, 1)]])
        #expect(ReportingReminder.roundYear(on: day(2026, 11, 1), calendar: early) == 2026)
    }

    @Test("urgency by days left: upcoming, soon within a week, due on the day, overdue after")
    func urgency() {
        func reminder(on today: Day) -> ReportingReminder? {
            ReportingReminder.forOrganization(name: "HTX An Phú", year: 2026, state: nil, calendar: calendar, today: today)
        }
        #expect(reminder(on: day(2026, 11, 23))?.urgency == .upcoming)
        #expect(reminder(on: day(2026, 11, 23))?.daysLeft == 22)
        #expect(reminder(on: day(2026, 12, 8))?.urgency == .soon)
        #expect(reminder(on: day(2026, 12, 7))?.urgency == .upcoming)
        #expect(reminder(on: day(2026, 12, 15))?.urgency == .dueToday)
        #expect(reminder(on: day(2026, 12, 18))?.urgency == .overdue)
        #expect(reminder(on: day(2026, 11, 23))?.message == "HTX An Phú chưa lập báo cáo năm 2026 — hạn 15/12/2026, còn 22 ngày.")
        #expect(reminder(on: day(2026, 12, 15))?.message == "HTX An Phú chưa lập báo cáo năm 2026 — hôm nay là hạn cuối (15/12/2026).")
        #expect(reminder(on: day(2026, 12, 18))?.message == "HTX An Phú chưa lập báo cáo năm 2026 — quá hạn 3 ngày (hạn 15/12/2026).")
    }

    @Test("an organisation is reminded while its report is missing, a draft or sent back; not once it is sent")
    func organization() {
        let today = day(2026, 12, 10)
        func state(_ state: ReportState?) -> String? {
            ReportingReminder.forOrganization(name: "HTX An Phú", year: 2026, state: state, calendar: calendar, today: today)?.message
        }
        #expect(state(.draft) == "Báo cáo năm 2026 của HTX An Phú còn là bản nháp, chưa gửi — hạn 15/12/2026, còn 5 ngày.")
        #expect(state(.returned)?.hasPrefix("Báo cáo năm 2026 của HTX An Phú bị trả lại, cần sửa và gửi lại") == true)
        for sent in [ReportState.submitted, .accepted, .consolidated, .approved] { #expect(state(sent) == nil) }
    }

    @Test("an area hears each step that still waits, with that level's deadline, and nothing for a step with nothing waiting")
    func area() {
        let counts: [ReportState?: Int] = [nil: 30, .draft: 3, .returned: 1, .submitted: 12, .accepted: 0, .consolidated: 5, .approved: 40]
        let reminders = ReportingReminder.forArea(year: 2026, calendar: calendar, today: day(2026, 12, 16), steps: ReportingReminder.Step.allCases, counts: counts)
        #expect(reminders.map(\.step) == [.submit, .accept, .approve])
        #expect(reminders.map(\.waiting) == [34, 12, 5])
        #expect(reminders.map(\.daysLeft) == [-1, 2, 5])
        #expect(reminders[0].message == "34 tổ chức chưa nộp báo cáo năm 2026 — quá hạn 1 ngày (hạn 15/12/2026).")
        #expect(reminders[1].message == "12 báo cáo năm 2026 đã gửi, chờ xã tiếp nhận — hạn 18/12/2026, còn 2 ngày.")
        #expect(reminders[2].message == "5 báo cáo năm 2026 xã đã tổng hợp, chờ tỉnh phê duyệt — hạn 21/12/2026, còn 5 ngày.")
        let communeOnly = ReportingReminder.forArea(year: 2026, calendar: calendar, today: day(2026, 12, 16), steps: [.submit, .accept, .consolidate], counts: counts)
        #expect(communeOnly.map(\.step) == [.submit, .accept])
        let moved = ReportingCalendar(overrides: [2026: [.commune: day(2026, 12, 22)]])
        #expect(ReportingReminder.forArea(year: 2026, calendar: moved, today: day(2026, 12, 16), steps: [.accept], counts: counts).first?.deadline == day(2026, 12, 22))
    }
}
