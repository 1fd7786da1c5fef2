import Foundation

/// The four classes government reports count tasks in.
public enum TaskStatus: String, Codable, Sendable, CaseIterable {
    case doneOnTime = "done_on_time", doneLate = "done_late", inProgress = "in_progress", overdue

    public var label: String {
        switch self {
        case .doneOnTime: "Hoàn thành đúng hạn"
        case .doneLate: "Hoàn thành quá hạn"
        case .inProgress: "Đang thực hiện trong hạn"
        case .overdue: "Quá hạn chưa hoàn thành"
        }
    }
}

/// What the lead agency reported on a task on a day.
public struct ProgressReport: Codable, Sendable, Equatable {
    public var day: Day
    /// 100 means the task is done.
    public var percent: Double
    public var note: String?

    public init(day: Day, percent: Double, note: String? = nil) {
        self.day = day
        self.percent = percent
        self.note = note
    }
}

/// A task's deadline or frequency with what happened since it was assigned, from which its status follows.
public struct TaskTracking: Codable, Sendable, Equatable {
    public var deadline: TaskDeadline?
    public var frequency: TaskFrequency?
    /// When the programme assigned the task; recurring work owes nothing for periods that ended before it.
    public var assignedOn: Day?
    public var extensions: [ExtensionRequest]
    public var reports: [ProgressReport]

    public init(deadline: TaskDeadline? = nil, frequency: TaskFrequency? = nil, assignedOn: Day? = nil,
                extensions: [ExtensionRequest] = [], reports: [ProgressReport] = []) {
        self.deadline = deadline
        self.frequency = frequency
        self.assignedOn = assignedOn
        self.extensions = extensions
        self.reports = reports
    }

    /// The new deadline of the latest approved extension (by decision day, then by order), else the programme's.
    public var effectiveDeadline: TaskDeadline? {
        let approved = extensions.enumerated().filter { $0.element.state == .approved }
            .map { (day: $0.element.decidedOn ?? $0.element.requestedOn, order: $0.offset, deadline: $0.element.newDeadline) }
        return approved.max { ($0.day, $0.order) < ($1.day, $1.order) }?.deadline ?? deadline
    }

    /// The first day a report said 100%, as known on `today` (a report dated later is a typing error until then).
    public func completedOn(asOf today: Day) -> Day? {
        reports.filter { $0.percent >= 100 && $0.day <= today }.map(\.day).min()
    }

    /// The task's class on `today`.
    ///
    /// - One-off work (or no frequency): done on or before the effective deadline → on time, after it → late; not done →
    ///   in progress until the deadline, overdue after it. Without any deadline it cannot be late.
    /// - Ongoing work ("thường xuyên") is in progress until a report says 100%, then done on time; a deadline is not used.
    /// - Recurring work (annual, quarterly, monthly, weekly) is judged on periods, the deadline not being used: a report of any
    ///   progress dated in the current period counts as that period's report, made on time (its due day is the period's last
    ///   day) → done on time; otherwise, if the previous period owed a report (the task was assigned by its end, or the
    ///   assignment day is unknown) and none is dated in it → overdue; else in progress. A late report for the previous
    ///   period is dated in the current one and counts there, so recurring work is never "done late".
    public func status(on today: Day) -> TaskStatus {
        let done = completedOn(asOf: today)
        switch frequency {
        case .ongoing?:
            return done == nil ? .inProgress : .doneOnTime
        case .once?, nil:
            guard let due = effectiveDeadline?.dueDay else { return done == nil ? .inProgress : .doneOnTime }
            if let done { return done <= due ? .doneOnTime : .doneLate }
            return today <= due ? .inProgress : .overdue
        case let recurring?:
            guard let current = recurring.period(containing: today),
                  let previous = recurring.period(containing: current.lowerBound.adding(days: -1))
            else { return .inProgress }
            let reported = reports.filter { $0.day <= today }.map(\.day)
            if reported.contains(where: current.contains) { return .doneOnTime }
            let previousOwed = assignedOn.map { $0 <= previous.upperBound } ?? true
            return previousOwed && !reported.contains(where: previous.contains) ? .overdue : .inProgress
        }
    }

    enum CodingKeys: String, CodingKey {
        case deadline, frequency, assignedOn = "assigned_on", extensions, reports
    }
}

/// A lead agency's request to move a task's deadline, and the decision on it.
public struct ExtensionRequest: Codable, Sendable, Equatable {
    public enum State: String, Codable, Sendable, CaseIterable {
        case requested, approved, refused

        public var label: String {
            switch self {
            case .requested: "Chờ quyết định"
            case .approved: "Đã chấp thuận"
            case .refused: "Không chấp thuận"
            }
        }
    }

    public enum Decision: Sendable { case approve, refuse }

    public var newDeadline: TaskDeadline
    public var reason: String
    public var requestedOn: Day
    public var state: State
    public var decidedBy: String?
    public var decidedOn: Day?

    /// A pending request. `currentDeadline` is the task's effective deadline; a request that does not move it later is refused.
    public init(newDeadline: TaskDeadline, reason: String, requestedOn: Day, currentDeadline: TaskDeadline?) throws {
        guard !reason.trimmed.isEmpty else { throw PlanTrackingError("Cần nêu lý do xin gia hạn.") }
        try Self.checkLater(newDeadline, than: currentDeadline)
        self.newDeadline = newDeadline
        self.reason = reason.trimmed
        self.requestedOn = requestedOn
        state = .requested
    }

    /// A request as it was stored, already checked when it was made.
    public init(newDeadline: TaskDeadline, reason: String, requestedOn: Day, state: State, decidedBy: String?, decidedOn: Day?) {
        self.newDeadline = newDeadline
        self.reason = reason
        self.requestedOn = requestedOn
        self.state = state
        self.decidedBy = decidedBy
        self.decidedOn = decidedOn
    }

    /// The request once decided. Only a pending request can be decided, and an approval checks the deadline again, since
    /// another extension may have been approved since the request was made.
    public func deciding(_ decision: Decision, by person: String, on day: Day, currentDeadline: TaskDeadline?) throws -> ExtensionRequest {
        guard state == .requested else {
            let when = decidedOn.map { " ngày " + $0.vietnamese } ?? ""
            throw PlanTrackingError("Yêu cầu gia hạn đã được quyết định (\(state.label.lowercased())\(when)); chỉ quyết định được yêu cầu đang chờ.")
        }
        guard !person.trimmed.isEmpty else { throw PlanTrackingError("Cần ghi người quyết định gia hạn.") }
        guard day >= requestedOn else {
            throw PlanTrackingError("Ngày quyết định (\(day.vietnamese)) không thể trước ngày đề nghị gia hạn (\(requestedOn.vietnamese)).")
        }
        if decision == .approve { try Self.checkLater(newDeadline, than: currentDeadline) }
        var decided = self
        decided.state = decision == .approve ? .approved : .refused
        decided.decidedBy = person.trimmed
        decided.decidedOn = day
        return decided
    }

    private static func checkLater(_ newDeadline: TaskDeadline, than current: TaskDeadline?) throws {
        guard let current, newDeadline.dueDay <= current.dueDay else { return }
        throw PlanTrackingError("Hạn mới (\(newDeadline.label)) phải sau hạn hiện tại (\(current.label)).")
    }

    enum CodingKeys: String, CodingKey {
        case newDeadline = "new_deadline", reason, requestedOn = "requested_on", state, decidedBy = "decided_by", decidedOn = "decided_on"
    }
}
