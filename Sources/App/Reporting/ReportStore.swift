import Fluent
import HopTacCore
import SQLKit
import Vapor

/// The report changed since the person loaded it; nothing was written.
struct StaleReport: Error, Sendable {
    let current: ReportRecord
}

/// Every write to annual reports, each in one transaction with its workflow event and audit entry.
enum ReportStore {
    static func requireReporting(_ organization: OrganizationRecord) throws {
        guard organization.type.filesAnnualReport else {
            throw ReportingError("\(organization.type.label) không lập báo cáo hằng năm theo mẫu của Thông tư 09/2024/TT-BKHĐT (chỉ hợp tác xã, liên hiệp hợp tác xã và quỹ tín dụng nhân dân).")
        }
    }

    /// Years a report may be entered for: from the organisation's registration to the current round.
    static func requireYear(_ year: Int, of organization: OrganizationRecord, today: Day = .today()) throws {
        let first = max(2000, organization.registrationDate?.year ?? 2000)
        guard (first...today.year).contains(year) else {
            throw ReportingError("Năm báo cáo phải từ \(first) đến \(today.year), không phải \(year).")
        }
    }

    /// Saves the figures typed into the form (keys are the report fields' keys; `self.<code>` are self-assessed points).
    /// Creates the draft on first save. Only a draft or a returned report can be changed.
    @discardableResult
    static func save(organization: OrganizationRecord, year: Int, form: [String: String], expectedVersion: Int?,
                     levels: [ReportingLevel], actor: Actor, on database: any Database) async throws -> ReportRecord {
        try await database.write { db in
            try await write(organization: organization, year: year, form: form, expectedVersion: expectedVersion, levels: levels, actor: actor, on: db).record
        }
    }

    /// Reads the typed values into the report; problems are keyed by form field.
    static func apply(_ form: [String: String], to report: inout AnnualReport, rubric: Rubric) -> [String: FieldProblem] {
        var problems: [String: FieldProblem] = [:]
        for field in ReportField.allCases {
            guard let typed = form[field.rawValue] else { continue }
            if let problem = field.assign(typed, to: &report) { problems[field.rawValue] = problem }
        }
        for item in rubric.items {
            guard case .selfAssessed = item.method, let typed = form["self.\(item.code)"] else { continue }
            if typed.trimmed.isEmpty { report.selfAssessedPoints[item.code] = nil; continue }
            guard let points = VietnameseNumber.parse(typed), (0...item.max).contains(points) else {
                problems["self.\(item.code)"] = FieldProblem("\(item.code): điểm tự chấm phải từ 0 đến \(VietnameseNumber.format(item.max)), không phải “\(typed)”.")
                continue
            }
            report.selfAssessedPoints[item.code] = points
        }
        return problems
    }

    /// The save inside the caller's transaction, so that an import writes every row or none. A report whose figures
    /// do not change is left as it is (`changed` false).
    static func write(organization: OrganizationRecord, year: Int, form: [String: String], expectedVersion: Int?,
                      levels: [ReportingLevel], actor: Actor, on db: any Database) async throws -> (record: ReportRecord, changed: Bool) {
        try requireReporting(organization)
        try requireYear(year, of: organization)
        let sql = try db.sql()
        let current = try await ReportQueries.find(organizationId: organization.id, year: year, on: sql)
        if let current, current.version != expectedVersion { throw StaleReport(current: current) }
        if let current { _ = try ReportState.transition(from: current.state, action: .edit, actorLevels: levels) }
        else { _ = try ReportState.transition(from: .draft, action: .edit, actorLevels: levels) }
        var report = current?.report ?? AnnualReport(organizationId: organization.id, year: year)
        let problems = apply(form, to: &report, rubric: try await ClassificationStore.rubric(forYear: year, on: sql))
        guard problems.isEmpty else { throw ValidationFailure(problems: problems) }
        if let current, current.report == report, current.state == .draft { return (current, false) }
        let now = Timestamp.now()
        var columns: [(String, any Encodable & Sendable)] = ReportField.allCases.map { ($0.rawValue, $0.stored(in: report).encodable) }
        columns.append(("self_assessed", report.selfAssessedJSON))
        let id: Int
        if let current {
            let update = sql.update("annual_reports")
            for (column, value) in columns { _ = update.set(column, to: value) }
            struct Updated: Decodable { let id: Int }
            let updated = try await update.set("state", to: ReportState.draft.rawValue).set("updated_at", to: now)
                .set(SQLColumn("version"), to: SQLRaw("version + 1"))
                .where("id", .equal, current.id).where("version", .equal, current.version).returning("id").first(decoding: Updated.self)
            guard updated != nil else { throw StaleReport(current: try await ReportQueries.find(organizationId: organization.id, year: year, on: sql) ?? current) }
            id = current.id
        } else {
            columns += [("organization_id", organization.id), ("year", year), ("state", ReportState.draft.rawValue),
                        ("version", 1), ("created_at", now), ("updated_at", now)]
            id = try await sql.insertReturningIds(into: "annual_reports", columns: columns.map(\.0), rows: [columns.map(\.1)])[0]
        }
        try await recordEvent(reportId: id, action: current == nil ? "create" : "edit", from: current?.state, to: .draft, reason: nil, actor: actor, at: now, on: sql)
        try await AuditLog.record("report.save", entity: "annual_reports", id: String(id), provinceCode: organization.provinceCode,
                                  summary: "\(current == nil ? "Lập" : "Sửa") báo cáo năm \(year) của \(organization.name)", actor: actor, on: sql)
        guard let saved = try await ReportQueries.find(organizationId: organization.id, year: year, on: sql) else {
            throw Abort(.internalServerError, reason: "Không đọc lại được báo cáo vừa ghi.")
        }
        return (saved, true)
    }

    /// "Gửi báo cáo" on the report form: saves what the form holds, then submits it, in one transaction, so that the
    /// figures sent are the figures on the screen. A value that cannot be read, a stale version or a refused submission
    /// leaves the report as it was; the save and the submission each keep their event and audit entry.
    @discardableResult
    static func saveAndSubmit(organization: OrganizationRecord, year: Int, form: [String: String], expectedVersion: Int?,
                              levels: [ReportingLevel], actor: Actor, on database: any Database) async throws -> ReportRecord {
        try await database.write { db in
            let saved = try await write(organization: organization, year: year, form: form, expectedVersion: expectedVersion, levels: levels, actor: actor, on: db).record
            // The comment was just saved with the figures; an empty one here makes the submission take it from the report.
            return try await act(.submit(findings: [], comment: ""), organization: organization, year: year, expectedVersion: saved.version,
                                 levels: levels, actor: actor, mail: nil, on: db)
        }
    }

    /// Moves the report along its workflow. Submission runs the validation rules against last year's report. A report
    /// sent back or approved is told to the cooperative by mail when `mail` is on, in the same transaction.
    @discardableResult
    static func act(_ action: ReportAction, organization: OrganizationRecord, year: Int, expectedVersion: Int,
                    levels: [ReportingLevel], actor: Actor, mail: MailSettings?, on database: any Database) async throws -> ReportRecord {
        try await database.write { db in
            let sql = try db.sql()
            guard let current = try await ReportQueries.find(organizationId: organization.id, year: year, on: sql) else {
                throw Abort(.notFound, reason: "\(organization.name) chưa có báo cáo năm \(year).")
            }
            guard current.version == expectedVersion else { throw StaleReport(current: current) }
            var action = action
            if case .submit(_, let comment) = action {
                let previous = try await ReportQueries.find(organizationId: organization.id, year: year - 1, on: sql)
                action = .submit(findings: ValidationRules.evaluate(current.report, previous: previous?.report), comment: comment.isEmpty ? current.report.comment : comment)
            }
            let next = try ReportState.transition(from: current.state, action: action, actorLevels: levels)
            let now = Timestamp.now()
            let update = sql.update("annual_reports").set("state", to: next.rawValue).set("updated_at", to: now)
                .set(SQLColumn("version"), to: SQLRaw("version + 1"))
            var reason: String?
            switch action {
            case .submit(_, let comment):
                _ = update.set("submitted_at", to: now).set("comment", to: comment)
            case .accept: _ = update.set("accepted_at", to: now)
            case .consolidate: _ = update.set("consolidated_at", to: now)
            case .approve: _ = update.set("approved_at", to: now)
            case .return(let why), .reopen(let why):
                reason = why.trimmed
                // A returned report is submitted again, so its later steps start over.
                _ = update.set("submitted_at", to: nil as String?).set("accepted_at", to: nil as String?)
                    .set("consolidated_at", to: nil as String?).set("approved_at", to: nil as String?)
            case .edit: break
            }
            // Another step may have landed between the read and this write (PostgreSQL runs them side by side): then
            // nothing is written, no event and no audit entry, and the person sees the report as it now is.
            struct Updated: Decodable { let id: Int }
            guard try await update.where("id", .equal, current.id).where("version", .equal, current.version)
                .returning("id").first(decoding: Updated.self) != nil else {
                throw StaleReport(current: try await ReportQueries.find(organizationId: organization.id, year: year, on: sql) ?? current)
            }
            try await recordEvent(reportId: current.id, action: action.name, from: current.state, to: next, reason: reason, actor: actor, at: now, on: sql)
            try await AuditLog.record("report.\(action.name)", entity: "annual_reports", id: String(current.id), provinceCode: organization.provinceCode,
                                      summary: "Báo cáo năm \(year) của \(organization.name): \(current.state.label) → \(next.label)" + (reason.map { " — \($0)" } ?? ""),
                                      actor: actor, on: sql)
            try await Outbox.enqueue(try await Notices.reportDecided(action, organization: organization, year: year, actor: actor, mail: mail, on: sql),
                                     mail: mail, on: sql)
            guard let saved = try await ReportQueries.find(organizationId: organization.id, year: year, on: sql) else {
                throw Abort(.internalServerError, reason: "Không đọc lại được báo cáo.")
            }
            return saved
        }
    }

    private static func recordEvent(reportId: Int, action: String, from: ReportState?, to: ReportState, reason: String?, actor: Actor, at time: String, on sql: any SQLDatabase) async throws {
        try await sql.insert(into: "report_events").columns("report_id", "action", "from_state", "to_state", "reason", "actor", "at")
            .values(reportId, action, from?.rawValue, to.rawValue, reason, actor.name, time).run()
    }
}

extension ReportAction {
    /// The action's name in URLs, events and the audit log.
    var name: String {
        switch self {
        case .edit: "edit"
        case .submit: "submit"
        case .accept: "accept"
        case .return: "return"
        case .consolidate: "consolidate"
        case .approve: "approve"
        case .reopen: "reopen"
        }
    }

    /// The action a form posts, with the reason or comment it carries.
    init?(name: String, text: String) {
        switch name {
        case "submit": self = .submit(findings: [], comment: text)
        case "accept": self = .accept
        case "return": self = .return(reason: text)
        case "consolidate": self = .consolidate
        case "approve": self = .approve
        case "reopen": self = .reopen(reason: text)
        default: return nil
        }
    }
}
