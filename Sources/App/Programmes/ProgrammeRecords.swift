import HopTacCore
import SQLKit
import Vapor

/// The level of government that issued a programme.
enum ProgrammeLevel: String, Codable, CaseIterable, Sendable {
    case national, province, commune

    var label: String {
        switch self {
        case .national: "Trung ương"
        case .province: "Tỉnh, thành phố"
        case .commune: "Xã, phường"
        }
    }
}

struct ProgrammeRecord: Content, Sendable {
    var id: Int
    var symbol: String
    var title: String
    var issuedOn: Day?
    var issuer: String
    var level: ProgrammeLevel
    var unitCode: String?
    var unitName: String?
    var periodFrom: Int
    var periodTo: Int
    var parentId: Int?
    var sourceFile: String?
    var version: Int
    var createdAt: String
    var updatedAt: String

    /// The years the programme runs over (a single year if they were stored reversed).
    var years: ClosedRange<Int> { periodFrom...max(periodFrom, periodTo) }

    /// The area whose figures the programme's targets are measured on.
    func area(on sql: any SQLDatabase) async throws -> Area {
        switch level {
        case .national: .nation
        case .province: try await .province(unitCode ?? "", on: sql)
        case .commune: try await .commune(unitCode ?? "", on: sql)
        }
    }
}

struct TargetRecord: Content, Sendable {
    var id: Int
    var programmeId: Int
    var position: Int
    var indicatorCode: String
    var comparator: TargetComparator
    var value: Double
    var valueMax: Double?
    var unit: TargetUnit
    var horizonYear: Int
    var baselineYear: Int?
    var baselineValue: Double?
    var quote: String?
    var sourceLine: Int?
    var reportingAgency: String?

    var target: ProgrammeTarget {
        ProgrammeTarget(indicatorCode: indicatorCode, comparator: comparator, value: value, valueMax: valueMax, unit: unit,
                        horizonYear: horizonYear, baselineYear: baselineYear, baselineValue: baselineValue, quote: quote, reportingAgency: reportingAgency)
    }
}

/// A value of a reported target as its agency entered it.
struct TargetValueRecord: Content, Sendable {
    var id: Int
    var targetId: Int
    var year: Int
    var period: ReportPeriod
    var value: Double
    var note: String
    var evidenceName: String?
    var actor: String
    var recordedAt: String

    var reported: ReportedValue { ReportedValue(year: year, period: period, value: value, sequence: id) }
}

struct ProgressRecord: Content, Sendable {
    var id: Int
    var taskId: Int
    var reportedOn: Day
    var percent: Double
    var note: String
    var evidenceName: String?
    var actor: String
    var recordedAt: String
}

struct ExtensionRecord: Content, Sendable {
    var id: Int
    var taskId: Int
    var newDeadline: TaskDeadline
    var reason: String
    var requestedOn: Day
    var requestedBy: String
    var state: ExtensionRequest.State
    var decidedBy: String?
    var decidedOn: Day?

    var request: ExtensionRequest {
        ExtensionRequest(newDeadline: newDeadline, reason: reason, requestedOn: requestedOn, state: state, decidedBy: decidedBy, decidedOn: decidedOn)
    }
}

struct TaskRecord: Content, Sendable {
    var id: Int
    var programmeId: Int
    var programmeSymbol: String
    var position: Int
    var number: String?
    var section: String?
    var text: String
    var lead: String
    var coordinating: [String]
    var deadline: TaskDeadline?
    var frequency: TaskFrequency
    var assignedOn: Day
    var sourceLine: Int?
    var version: Int
    var progress: [ProgressRecord] = []
    var extensions: [ExtensionRecord] = []
    var status: TaskStatus = .inProgress
    var effectiveDeadline: TaskDeadline?
    var percent: Double = 0

    var tracking: TaskTracking {
        TaskTracking(deadline: deadline, frequency: frequency, assignedOn: assignedOn, extensions: extensions.map(\.request),
                     reports: progress.map { ProgressReport(day: $0.reportedOn, percent: $0.percent, note: $0.note) })
    }

    /// Fills the figures that follow from the history: status on `today`, the deadline after extensions, last percent.
    mutating func settle(on today: Day) {
        let tracking = tracking
        status = tracking.status(on: today)
        effectiveDeadline = tracking.effectiveDeadline
        percent = progress.filter { $0.reportedOn <= today }.max { ($0.reportedOn, $0.id) < ($1.reportedOn, $1.id) }?.percent ?? 0
    }

    /// "Trước 31/12/2026", "hằng quý"… as the task list shows it.
    var when: String {
        switch frequency {
        case .once: effectiveDeadline.map { $0.label + (effectiveDeadline != deadline ? " (gia hạn)" : "") } ?? "Không ghi thời hạn"
        case .ongoing: "Thường xuyên"
        case .annual: "Hằng năm"
        case .quarterly: "Hằng quý"
        case .monthly: "Hằng tháng"
        case .weekly: "Hằng tuần"
        }
    }
}

extension TaskStatus {
    var cssClass: String { "task-\(rawValue)" }
}

extension TargetStatus {
    var cssClass: String { "target-\(rawValue)" }
}

extension ProgrammeRecord {
    /// Issued by this very area's authority (not a higher or lower level's programme).
    func isIssued(for area: Area) -> Bool {
        switch area.level {
        case .nation: level == .national
        case .province: level == .province && unitCode == area.code
        default: level == .commune && unitCode == area.code
        }
    }
}
