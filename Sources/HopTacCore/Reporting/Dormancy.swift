/// Signs that an organisation no longer operates, for the officers who keep the registry clean.
public enum Dormancy {
    public struct Rules: Sendable {
        /// Years in a row without an annual report.
        public var missingYears = 2
        /// Suspension longer than this many months. No limit was found in the sources (assumed; configurable).
        public var maximumSuspensionMonths = 24

        public init() {}
    }

    public struct Flag: Equatable, Sendable {
        public enum Kind: String, Sendable { case noReports = "no_reports", longSuspension = "long_suspension", noActivity = "no_activity" }
        public let kind: Kind
        public let message: String
    }

    /// The report years whose absence counts: the last `missingYears` rounds whose cooperative deadline has passed.
    public static func yearsChecked(asOf: Day, rules: Rules = Rules(), calendar: ReportingCalendar = ReportingCalendar()) -> [Int] {
        let lastClosed = asOf > calendar.deadline(for: .cooperative, year: asOf.year) ? asOf.year : asOf.year - 1
        return Array((lastClosed - max(1, rules.missingYears) + 1)...lastClosed)
    }

    /// - Parameters:
    ///   - reportYears: years the organisation submitted a report for.
    ///   - suspendedSince: start of the suspension under way, from the status history; nil when not suspended.
    ///   - lastReport: its latest report, if any.
    public static func flags(reportYears: Set<Int>, registeredOn: Day?, suspendedSince: Day?, lastReport: AnnualReport?,
                             asOf: Day, rules: Rules = Rules(), calendar: ReportingCalendar = ReportingCalendar()) -> [Flag] {
        var flags: [Flag] = []
        let years = yearsChecked(asOf: asOf, rules: rules, calendar: calendar)
        // Only years the organisation already existed in count.
        let due = years.allSatisfy { year in registeredOn.map { $0 <= AnnualReport.period(forYear: year).upperBound } ?? true }
        if due && years.allSatisfy({ !reportYears.contains($0) }) {
            let list = years.map(String.init).joined(separator: ", ")
            flags.append(Flag(kind: .noReports, message: "Không nộp báo cáo hằng năm \(years.count) năm liên tiếp (\(list))."))
        }
        if let since = suspendedSince {
            let months = (asOf.year - since.year) * 12 + asOf.month - since.month - (asOf.day < since.day ? 1 : 0)
            if months > rules.maximumSuspensionMonths {
                flags.append(Flag(kind: .longSuspension,
                                  message: "Tạm ngừng hoạt động từ \(since.vietnamese), đã \(months) tháng (quá \(rules.maximumSuspensionMonths) tháng)."))
            }
        }
        if let report = lastReport, report.revenue == .zero, report.servicesToMembers == 0 {
            flags.append(Flag(kind: .noActivity,
                              message: "Báo cáo năm \(report.year) không có doanh thu và không cung cấp dịch vụ nào cho thành viên."))
        }
        return flags
    }
}
