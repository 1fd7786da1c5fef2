import FluentSQLiteDriver
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
    /// The workflow columns, then one column per report field (named by the field's key), in this order.
    private static let head = ["id", "organization_id", "year", "state", "self_assessed", "submitted_at", "accepted_at",
                               "consolidated_at", "approved_at", "version", "updated_at"]
    private static let names = head + ReportField.allCases.map(\.rawValue)
    private static let fields = ReportField.allCases.map { (field: $0, kind: $0.storedKind) }
    static let columns: String = names.map { "r." + $0 }.joined(separator: ", ")
    /// `columns` with NULL in place of the workflow's dates and the text fields (partner, awards, comment): the rubric
    /// scores numbers only, and for a national year those are half a million strings to build and free.
    static let scoringColumns: String = {
        let unread = Set(["submitted_at", "accepted_at", "consolidated_at", "approved_at", "updated_at"]
                         + ReportField.allCases.filter { $0.storedKind == .text }.map(\.rawValue))
        return names.map { unread.contains($0) ? "NULL" : "r." + $0 }.joined(separator: ", ")
    }()

    /// Reports selected with `columns` (from `annual_reports r`, joined as the condition needs).
    /// On SQLite the rows are read by position straight from the driver: decoding forty columns by name through
    /// SQLKit's generic decoder was half the time of classifying a national year.
    static func reports(_ query: SQLQueryString, on sql: any SQLDatabase) async throws -> [ReportRecord] {
        if let sqlite = sql as? any SQLiteDatabase {
            let rows = try await sqlite.rows(query, on: sql)
            // A national year is tens of thousands of rows: read the two halves on two cores.
            guard rows.count > 5_000 else { return try records(rows[...]) }
            async let first = records(rows[..<(rows.count / 2)])
            let second = try records(rows[(rows.count / 2)...])
            return try await first + second
        }
        return try await sql.raw(query).all().map { row in
            try record { index, kind in
                let name = names[index]
                guard try !row.decodeNil(column: name) else { return nil }
                return switch kind {
                case .integer: .integer(try row.decode(column: name, as: Int.self))
                case .decimal: .decimal(try row.decode(column: name, as: Double.self))
                case .text: .text(try row.decode(column: name, as: String.self))
                }
            }
        }
    }

    private static func records(_ rows: ArraySlice<SQLiteRow>) throws -> [ReportRecord] {
        try rows.map { row in
            // `columns` is computed on every access: read it once per row.
            let columns = row.columns
            return try record { index, _ in
                switch columns[index].data {
                case .integer(let value): .integer(value)
                case .float(let value): .decimal(value)
                case .text(let value): .text(value)
                case .blob, .null: nil
                }
            }
        }
    }

    /// Builds a record from the value of each selected column, `value(position, kind wanted)`.
    private static func record(_ value: (Int, ReportField.StoredKind) throws -> ReportField.StoredValue?) throws -> ReportRecord {
        func integer(_ index: Int) throws -> Int {
            switch try value(index, .integer) {
            case .integer(let number)?: number
            case .decimal(let number)?: Int(saturating: number)
            default: throw Abort(.internalServerError, reason: "Cột \(names[index]) của báo cáo không phải số.")
            }
        }
        func text(_ index: Int) throws -> String? {
            if case .text(let text)? = try value(index, .text) { return text }
            return nil
        }
        var report = AnnualReport(organizationId: try integer(1), year: try integer(2))
        for (offset, (field, kind)) in fields.enumerated() {
            guard var stored = try value(head.count + offset, kind) else { continue }
            if kind == .decimal, case .integer(let number) = stored { stored = .decimal(Double(number)) }
            field.store(stored, in: &report)
        }
        report.selfAssessedPoints = AnnualReport.selfAssessedPoints(fromJSON: try text(4) ?? "{}")
        return ReportRecord(id: try integer(0), state: ReportState(rawValue: try text(3) ?? "") ?? .draft, version: try integer(9),
                            submittedAt: try text(5), acceptedAt: try text(6), consolidatedAt: try text(7), approvedAt: try text(8),
                            updatedAt: try text(10) ?? "", report: report)
    }

    static func find(organizationId: Int, year: Int, on sql: any SQLDatabase) async throws -> ReportRecord? {
        try await reports("SELECT \(unsafeRaw: columns) FROM annual_reports r WHERE r.organization_id = \(bind: organizationId) AND r.year = \(bind: year)", on: sql).first
    }

    /// Every report of an organisation, newest year first.
    static func all(organizationId: Int, on sql: any SQLDatabase) async throws -> [ReportRecord] {
        try await reports("SELECT \(unsafeRaw: columns) FROM annual_reports r WHERE r.organization_id = \(bind: organizationId) ORDER BY r.year DESC", on: sql)
    }

    /// Organisations (`o`) that owe a report for the year: of a type that files one, not dissolved or merged, and
    /// registered before the reporting period ended.
    static func owesReport(year: Int) -> SQLQueryString {
        // The same rule as the figure `reports_expected` (see `FigureDefinition`): a reporting type, on the register on
        // the year's reference day, registered before the report period ended.
        let types = OrganizationType.allCases.filter(\.filesAnnualReport).map(\.rawValue)
        let registered = OrganizationStatus.registered.map(\.rawValue)
        return """
            o.type IN (\(binds: types)) AND \(FiguresQueries.statusOn(Figures.referenceDay(year: year))) IN (\(binds: registered))
            AND (o.registration_date IS NULL OR o.registration_date <= \(bind: AnnualReport.period(forYear: year).upperBound.iso))
            """
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
