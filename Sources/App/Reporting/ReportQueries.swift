import HopTacCore
import SQLKit
import Vapor

/// An annual report as stored: the figures, where it stands in the workflow and when each step happened.
struct ReportRecord: Sendable {
    let id: Int
    let state: ReportState
    let version: Int
    let submittedAt: String?
    let acceptedAt: String?
    let consolidatedAt: String?
    let approvedAt: String?
    let updatedAt: String
    var report: AnnualReport
}

/// One step of a report's workflow, for its history.
struct ReportEventRecord: Content, Sendable {
    let action: String
    let fromState: String?
    let toState: String
    let reason: String?
    let actor: String
    let at: String
}

/// Read queries over annual reports. Writes live in `ReportStore`.
enum ReportQueries {
    /// The workflow columns, then one column per report field (named by the field's key).
    static let columns: String = (["id", "organization_id", "year", "state", "self_assessed", "submitted_at", "accepted_at",
                                   "consolidated_at", "approved_at", "version", "updated_at"] + ReportField.allCases.map(\.rawValue))
        .map { "r." + $0 }.joined(separator: ", ")

    static func decode(_ row: any SQLRow) throws -> ReportRecord {
        var report = AnnualReport(organizationId: try row.decode(column: "organization_id", as: Int.self), year: try row.decode(column: "year", as: Int.self))
        for field in ReportField.allCases {
            switch field.storedKind {
            case .integer: field.store(.integer(try row.decode(column: field.rawValue, as: Int.self)), in: &report)
            case .decimal: field.store(.decimal(try row.decode(column: field.rawValue, as: Double.self)), in: &report)
            case .text: field.store(.text(try row.decode(column: field.rawValue, as: String.self)), in: &report)
            }
        }
        report.selfAssessedPoints = (try? JSONDecoder().decode([String: Double].self, from: Data(try row.decode(column: "self_assessed", as: String.self).utf8))) ?? [:]
        let state = try row.decode(column: "state", as: String.self)
        return ReportRecord(
            id: try row.decode(column: "id", as: Int.self),
            state: ReportState(rawValue: state) ?? .draft,
            version: try row.decode(column: "version", as: Int.self),
            submittedAt: try row.decode(column: "submitted_at", as: String?.self),
            acceptedAt: try row.decode(column: "accepted_at", as: String?.self),
            consolidatedAt: try row.decode(column: "consolidated_at", as: String?.self),
            approvedAt: try row.decode(column: "approved_at", as: String?.self),
            updatedAt: try row.decode(column: "updated_at", as: String.self),
            report: report)
    }

    static func find(organizationId: Int, year: Int, on sql: any SQLDatabase) async throws -> ReportRecord? {
        try await sql.raw("SELECT \(unsafeRaw: columns) FROM annual_reports r WHERE r.organization_id = \(bind: organizationId) AND r.year = \(bind: year)")
            .first().map(decode)
    }

    /// Every report of an organisation, newest year first.
    static func all(organizationId: Int, on sql: any SQLDatabase) async throws -> [ReportRecord] {
        try await sql.raw("SELECT \(unsafeRaw: columns) FROM annual_reports r WHERE r.organization_id = \(bind: organizationId) ORDER BY r.year DESC")
            .all().map(decode)
    }

    static func events(reportId: Int, on sql: any SQLDatabase) async throws -> [ReportEventRecord] {
        try await sql.raw("SELECT action, from_state, to_state, reason, actor, at FROM report_events WHERE report_id = \(bind: reportId) ORDER BY id DESC")
            .all(decoding: ReportEventRecord.self, keyDecodingStrategy: .snakeCaseColumns)
    }

    /// The deadline of a level for a year: the row a province set, or the default of the calendar.
    static func calendar(year: Int, on sql: any SQLDatabase) async throws -> ReportingCalendar {
        struct Row: Decodable { let level: String; let deadline: String }
        let rows = try await sql.raw("SELECT level, deadline FROM reporting_deadlines WHERE year = \(bind: year)").all(decoding: Row.self)
        var overrides: [ReportingLevel: Day] = [:]
        for row in rows { if let level = ReportingLevel(rawValue: row.level), let day = Day(iso: row.deadline) { overrides[level] = day } }
        return ReportingCalendar(overrides: overrides.isEmpty ? [:] : [year: overrides])
    }
}
