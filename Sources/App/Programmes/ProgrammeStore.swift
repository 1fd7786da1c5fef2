import Fluent
import HopTacCore
import SQLKit
import Vapor

/// Who may do what with a programme: its issuing body manages it; lead agencies report on their own tasks.
enum ProgrammeAccess {
    /// The issuing body's officers: those whose write scope covers the programme's whole unit.
    static func canManage(_ programme: ProgrammeRecord, _ principal: Principal?, area: Area) -> Bool {
        guard let principal, principal.can(.manageProgrammes) else { return false }
        return principal.registryWriteScope.covers(area)
    }

    /// The programme's managers, and the officers whose agency (their account's department) leads the task.
    static func canReport(on task: TaskRecord, _ programme: ProgrammeRecord, user: UserRecord?, area: Area) -> Bool {
        canReport(for: task.lead, programme, user: user, area: area)
    }

    /// The programme's managers, and the officers of the agency the target names to report its values.
    static func canReport(on target: TargetRecord, _ programme: ProgrammeRecord, user: UserRecord?, area: Area) -> Bool {
        canReport(for: target.reportingAgency ?? "", programme, user: user, area: area)
    }

    private static func canReport(for agency: String, _ programme: ProgrammeRecord, user: UserRecord?, area: Area) -> Bool {
        guard let user, user.principal.can(.reportTaskProgress) else { return false }
        if canManage(programme, user.principal, area: area) { return true }
        let department = foldForSearch(user.department ?? "")
        return !department.isEmpty && (" " + foldForSearch(agency) + " ").contains(" " + department + " ")
    }
}

enum ProgrammeStore {
    /// Saves a reviewed programme whole, or nothing.
    static func create(_ draft: ProgrammeDraft, actor: Actor, on database: any Database) async throws -> Int {
        try await database.write { db in
            let sql = try db.sql()
            let now = Timestamp.now()
            let assignedOn = (draft.issuedOn ?? Day.today()).iso
            let id = try await sql.insertReturningIds(into: "programmes", columns: [
                "symbol", "title", "issued_on", "issuer", "level", "unit_code", "period_from", "period_to", "parent_id", "source_file",
                "version", "created_at", "updated_at",
            ], rows: [[draft.symbol, draft.title, draft.issuedOn?.iso, draft.issuer, draft.level.rawValue, draft.unitCode, draft.periodFrom,
                       draft.periodTo, draft.parentId, draft.sourceFile, 1, now, now]])[0]
            try await sql.insertBatches(into: "programme_targets", columns: [
                "programme_id", "position", "indicator_code", "comparator", "value", "value_max", "unit", "horizon_year", "baseline_year",
                "baseline_value", "quote", "source_line", "reporting_agency",
            ], rows: draft.targets.enumerated().map { index, entry in
                let t = entry.target
                return [id, index, t.indicatorCode, t.comparator.rawValue, t.value, t.valueMax, t.unit.rawValue, t.horizonYear, t.baselineYear,
                        t.baselineValue, t.quote, entry.line, t.reportingAgency] as [any Encodable & Sendable]
            })
            try await sql.insertBatches(into: "programme_tasks", columns: [
                "programme_id", "position", "number", "section", "text", "lead", "lead_folded", "coordinating", "deadline", "frequency",
                "assigned_on", "source_line", "version",
            ], rows: draft.tasks.enumerated().map { index, task in
                [id, index, task.number, task.section, task.text, task.lead, foldForSearch(task.lead), task.coordinating.joined(separator: "; "),
                 task.deadline?.text, task.frequency.rawValue, assignedOn, task.line, 1] as [any Encodable & Sendable]
            })
            try await AuditLog.record("programme.create", entity: "programmes", id: String(id), provinceCode: draft.level == .province ? draft.unitCode : nil,
                                      summary: "Nhập chương trình \(draft.symbol): \(draft.targets.count) chỉ tiêu, \(draft.tasks.count) nhiệm vụ",
                                      actor: actor, on: sql)
            return id
        }
    }

    /// A lead agency's progress report, with an optional evidence file.
    static func reportProgress(task: TaskRecord, on day: Day, percent: Double, note: String, evidence: EvidenceUpload?,
                               actor: Actor, on database: any Database) async throws {
        try await database.write { db in
            let sql = try db.sql()
            try await sql.insert(into: "task_progress")
                .columns("task_id", "reported_on", "percent", "note", "evidence_name", "evidence_type", "evidence", "actor", "recorded_at")
                .values(task.id, day.iso, percent, note, evidence?.name, evidence?.type, evidence?.data,
                        actor.name, Timestamp.now()).run()
            try await AuditLog.record("task.progress", entity: "programme_tasks", id: String(task.id), provinceCode: nil,
                                      summary: "Báo cáo tiến độ nhiệm vụ \(task.number ?? "") (\(task.programmeSymbol)): \(VietnameseNumber.format(percent))% — \(note)",
                                      actor: actor, on: sql)
        }
    }

    /// Records a value the target's agency reports for a period, with its evidence.
    static func reportValue(target: TargetRecord, programme: ProgrammeRecord, year: Int, period: ReportPeriod, value: Double, note: String,
                            evidence: EvidenceUpload?, actor: Actor, on database: any Database) async throws {
        try await database.write { db in
            let sql = try db.sql()
            try await sql.insert(into: "target_values")
                .columns("target_id", "year", "period", "value", "note", "evidence_name", "evidence_type", "evidence", "actor", "recorded_at")
                .values(target.id, year, period.rawValue, value, note, evidence?.name, evidence?.type, evidence?.data, actor.name, Timestamp.now()).run()
            try await AuditLog.record("target.value", entity: "programme_targets", id: String(target.id), provinceCode: programme.level == .province ? programme.unitCode : nil,
                                      summary: "Báo cáo số liệu chỉ tiêu “\(target.quote ?? target.indicatorCode)” (\(programme.symbol)), \(period.label(year: year, programme: year...year)): \(VietnameseNumber.format(value, fractionDigits: 3))",
                                      actor: actor, on: sql)
        }
    }

    /// Records the request and tells the programme's managers, who decide it.
    static func requestExtension(task: TaskRecord, programme: ProgrammeRecord, area: Area, newDeadline: TaskDeadline, reason: String, actor: Actor,
                                 mail: MailSettings?, on database: any Database) async throws {
        let request = try ExtensionRequest(newDeadline: newDeadline, reason: reason, requestedOn: Day.today(), currentDeadline: task.effectiveDeadline)
        try await database.write { db in
            let sql = try db.sql()
            try await sql.insert(into: "task_extensions").columns("task_id", "new_deadline", "reason", "requested_on", "requested_by", "requested_by_user_id", "state")
                .values(task.id, request.newDeadline.text, request.reason, request.requestedOn.iso, actor.name, actor.userId, request.state.rawValue).run()
            try await AuditLog.record("task.extension_request", entity: "programme_tasks", id: String(task.id), provinceCode: nil,
                                      summary: "Xin gia hạn nhiệm vụ \(task.number ?? "") (\(task.programmeSymbol)) đến \(newDeadline.label) — \(request.reason)",
                                      actor: actor, on: sql)
            try await Outbox.enqueue(try await Notices.extensionRequested(request, task: task, programme: programme, area: area, actor: actor, mail: mail, on: sql),
                                     mail: mail, on: sql)
        }
    }

    /// Records the decision and tells whoever asked.
    static func decideExtension(task: TaskRecord, extensionId: Int, decision: ExtensionRequest.Decision, actor: Actor,
                                mail: MailSettings?, on database: any Database) async throws {
        guard let stored = task.extensions.first(where: { $0.id == extensionId }) else {
            throw Abort(.notFound, reason: "Không có yêu cầu gia hạn số \(extensionId) của nhiệm vụ này.")
        }
        let decided = try stored.request.deciding(decision, by: actor.name, on: Day.today(), currentDeadline: task.effectiveDeadline)
        try await database.write { db in
            let sql = try db.sql()
            // Only a pending request changes: a second decision racing this one finds nothing to update.
            let changed = try await sql.raw("""
                UPDATE task_extensions SET state = \(bind: decided.state.rawValue), decided_by = \(bind: decided.decidedBy), decided_on = \(bind: decided.decidedOn?.iso)
                WHERE id = \(bind: extensionId) AND state = 'requested' RETURNING id
                """).all()
            guard !changed.isEmpty else { throw PlanTrackingError("Yêu cầu gia hạn đã được quyết định trước đó.") }
            try await AuditLog.record("task.extension_decision", entity: "programme_tasks", id: String(task.id), provinceCode: nil,
                                      summary: "\(decided.state.label) gia hạn nhiệm vụ \(task.number ?? "") (\(task.programmeSymbol)) đến \(decided.newDeadline.label)",
                                      actor: actor, on: sql)
            try await Outbox.enqueue(try await Notices.extensionDecided(decided, extensionId: extensionId, task: task, mail: mail, on: sql), mail: mail, on: sql)
        }
    }

    /// Replaces a target's allocation to communes.
    static func allocate(target: TargetRecord, values: [String: Double], actor: Actor, on database: any Database) async throws {
        try await database.write { db in
            let sql = try db.sql()
            try await sql.delete(from: "target_allocations").where("target_id", .equal, target.id).run()
            try await sql.insertBatches(into: "target_allocations", columns: ["target_id", "commune_code", "value"],
                                        rows: values.sorted { $0.key < $1.key }.map { [target.id, $0.key, $0.value] as [any Encodable & Sendable] })
            try await AuditLog.record("target.allocate", entity: "programme_targets", id: String(target.id), provinceCode: nil,
                                      summary: "Giao chỉ tiêu cho \(values.count) xã, phường", actor: actor, on: sql)
        }
    }
}
