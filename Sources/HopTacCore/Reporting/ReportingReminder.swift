/// A step of the annual reporting round that is still waiting on someone, as it stands on a given day: whose step it
/// is, its deadline, how many days are left and how many reports wait. Reminders are derived from the calendar and the
/// reports' states whenever they are shown; nothing is stored, so they can never disagree with the reports.
public struct ReportingReminder: Equatable, Sendable {
    /// The round's steps, in order, each with the level that takes it and the report states that wait for it.
    public enum Step: String, CaseIterable, Codable, Sendable {
        /// The organisation files its report: none yet, still a draft, or sent back.
        case submit
        /// The commune accepts or returns what was submitted.
        case accept
        /// The commune consolidates the reports it accepted.
        case consolidate
        /// The province approves what the communes consolidated.
        case approve

        public var level: ReportingLevel {
            switch self {
            case .submit: .cooperative
            case .accept, .consolidate: .commune
            case .approve: .province
            }
        }

        /// `nil` stands for an organisation that owes a report and has none yet.
        public var waitingStates: [ReportState?] {
            switch self {
            case .submit: [nil, .draft, .returned]
            case .accept: [.submitted]
            case .consolidate: [.accepted]
            case .approve: [.consolidated]
            }
        }

        /// The filter of the round's list that shows the reports waiting for this step.
        public var listFilter: String {
            switch self {
            case .submit: "missing"
            case .accept: ReportState.submitted.rawValue
            case .consolidate: ReportState.accepted.rawValue
            case .approve: ReportState.consolidated.rawValue
            }
        }

        /// "34 tổ chức chưa nộp báo cáo năm 2026" and the like, for an area.
        func waitingText(_ count: Int, year: Int) -> String {
            let number = VietnameseNumber.format(count)
            return switch self {
            case .submit: "\(number) tổ chức chưa nộp báo cáo năm \(year)"
            case .accept: "\(number) báo cáo năm \(year) đã gửi, chờ xã tiếp nhận"
            case .consolidate: "\(number) báo cáo năm \(year) đã tiếp nhận, chờ xã tổng hợp"
            case .approve: "\(number) báo cáo năm \(year) xã đã tổng hợp, chờ tỉnh phê duyệt"
            }
        }
    }

    public enum Urgency: String, Codable, Sendable {
        /// More than `soonDays` left.
        case upcoming
        case soon
        case dueToday = "due_today"
        case overdue
    }

    /// Reminders start this many days before a round's first deadline (15/11 for the default 15/12).
    public static let leadDays = 30
    /// From this many days before a deadline the reminder is pressing.
    public static let soonDays = 7

    public let year: Int
    public let step: Step
    public let deadline: Day
    /// Negative once the deadline has passed.
    public let daysLeft: Int
    public let waiting: Int
    /// The sentence shown: what waits, then the deadline.
    public let message: String

    public var urgency: Urgency {
        if daysLeft < 0 { return .overdue }
        if daysLeft == 0 { return .dueToday }
        return daysLeft <= Self.soonDays ? .soon : .upcoming
    }

    /// "hạn 15/12/2026, còn 22 ngày", "hôm nay là hạn cuối (15/12/2026)", "quá hạn 3 ngày (hạn 15/12/2026)".
    public static func dueText(deadline: Day, daysLeft: Int) -> String {
        if daysLeft > 0 { return "hạn \(deadline.vietnamese), còn \(VietnameseNumber.format(daysLeft)) ngày" }
        if daysLeft == 0 { return "hôm nay là hạn cuối (\(deadline.vietnamese))" }
        return "quá hạn \(VietnameseNumber.format(-daysLeft)) ngày (hạn \(deadline.vietnamese))"
    }

    /// The round reminders speak of on `today`: this year's once its first deadline is `leadDays` away or closer,
    /// otherwise last year's, whose deadlines have passed, so anything still waiting in it is overdue.
    public static func roundYear(on today: Day, calendar thisYear: ReportingCalendar) -> Int {
        let opens = thisYear.deadline(for: .cooperative, year: today.year).adding(days: -leadDays)
        return today >= opens ? today.year : today.year - 1
    }

    /// What waits in an area, given how many of the round's reports stand in each state (`nil`: owed, none yet).
    /// Steps with nothing waiting give no reminder.
    public static func forArea(year: Int, calendar: ReportingCalendar, today: Day, steps: [Step], counts: [ReportState?: Int]) -> [ReportingReminder] {
        steps.compactMap { step in
            let waiting = step.waitingStates.reduce(0) { $0 + (counts[$1] ?? 0) }
            guard waiting > 0 else { return nil }
            let deadline = calendar.deadline(for: step.level, year: year)
            let daysLeft = deadline.days(since: today)
            return ReportingReminder(year: year, step: step, deadline: deadline, daysLeft: daysLeft, waiting: waiting,
                                     message: step.waitingText(waiting, year: year) + " — " + dueText(deadline: deadline, daysLeft: daysLeft) + ".")
        }
    }

    /// The reminder an organisation gets about its own report of the round, or nil when it has been sent.
    public static func forOrganization(name: String, year: Int, state: ReportState?, calendar: ReportingCalendar, today: Day) -> ReportingReminder? {
        guard Step.submit.waitingStates.contains(state) else { return nil }
        let deadline = calendar.deadline(for: .cooperative, year: year)
        let daysLeft = deadline.days(since: today)
        let what = switch state {
        case .draft?: "Báo cáo năm \(year) của \(name) còn là bản nháp, chưa gửi"
        case .returned?: "Báo cáo năm \(year) của \(name) bị trả lại, cần sửa và gửi lại"
        default: "\(name) chưa lập báo cáo năm \(year)"
        }
        return ReportingReminder(year: year, step: .submit, deadline: deadline, daysLeft: daysLeft, waiting: 1,
                                 message: what + " — " + dueText(deadline: deadline, daysLeft: daysLeft) + ".")
    }
}
