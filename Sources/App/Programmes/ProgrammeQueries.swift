import HopTacCore
import SQLKit
import Vapor

/// Reads programmes, targets and tasks, and measures targets on the live figures.
enum ProgrammeQueries {
    /// Programmes a user may read: the national ones, and those of their province and its communes (or of their commune
    /// and its province).
    static func visible(to principal: Principal?) -> SQLQueryString {
        guard let principal else { return "1 = 0" }
        switch principal.readScope {
        case .everything: return "1 = 1"
        case .province(let code):
            return "(p.level = 'national' OR (p.level = 'province' AND p.unit_code = \(bind: code)) OR (p.level = 'commune' AND p.unit_code IN (SELECT code FROM communes WHERE province_code = \(bind: code))))"
        case .commune(let code):
            return "(p.level = 'national' OR (p.level = 'province' AND p.unit_code = (SELECT province_code FROM communes WHERE code = \(bind: code))) OR (p.level = 'commune' AND p.unit_code = \(bind: code)))"
        case .organization, .nothing: return "1 = 0"
        }
    }

    private static let programmeSelect: SQLQueryString = """
        SELECT p.id, p.symbol, p.title, p.issued_on, p.issuer, p.level, p.unit_code, COALESCE(pv.name, cm.name) AS unit_name,
               p.period_from, p.period_to, p.parent_id, p.source_file, p.version, p.created_at, p.updated_at
        FROM programmes p LEFT JOIN provinces pv ON p.level = 'province' AND pv.code = p.unit_code
          LEFT JOIN communes cm ON p.level = 'commune' AND cm.code = p.unit_code
        """

    static func programmes(visibleTo principal: Principal?, on sql: any SQLDatabase) async throws -> [ProgrammeRecord] {
        try await sql.raw("\(programmeSelect) WHERE \(visible(to: principal)) ORDER BY p.period_to DESC, p.level, p.symbol")
            .all(decoding: ProgrammeRecord.self, keyDecodingStrategy: .snakeCaseColumns)
    }

    /// The programme if the user may read it; 404 otherwise, so that others' programmes are not even confirmed to exist.
    static func programme(_ id: Int, visibleTo principal: Principal?, on sql: any SQLDatabase) async throws -> ProgrammeRecord {
        guard let record = try await sql.raw("\(programmeSelect) WHERE p.id = \(bind: id) AND \(visible(to: principal))")
            .first(decoding: ProgrammeRecord.self, keyDecodingStrategy: .snakeCaseColumns) else {
            throw Abort(.notFound, reason: "Không có chương trình số \(id).")
        }
        return record
    }

    static func targets(programmeId: Int, on sql: any SQLDatabase) async throws -> [TargetRecord] {
        try await sql.raw("""
            SELECT id, programme_id, position, indicator_code, comparator, value, value_max, unit, horizon_year, baseline_year, baseline_value, quote, source_line,
                   reporting_agency
            FROM programme_targets WHERE programme_id = \(bind: programmeId) ORDER BY position
            """).all(decoding: TargetRecord.self, keyDecodingStrategy: .snakeCaseColumns)
    }

    static func allocations(targetId: Int, on sql: any SQLDatabase) async throws -> [String: Double] {
        struct Row: Decodable { let communeCode: String; let value: Double }
        let rows = try await sql.raw("SELECT commune_code, value FROM target_allocations WHERE target_id = \(bind: targetId)")
            .all(decoding: Row.self, keyDecodingStrategy: .snakeCaseColumns)
        return Dictionary(rows.map { ($0.communeCode, $0.value) }, uniquingKeysWith: { a, _ in a })
    }

    struct TaskFilter: Sendable {
        var programmeId: Int?
        var taskId: Int?
        /// Folded words of an agency's name that the lead must contain.
        var agency: String?
    }

    /// Tasks with their progress and extensions, settled on `today`.
    static func tasks(_ filter: TaskFilter, visibleTo principal: Principal?, today: Day, on sql: any SQLDatabase) async throws -> [TaskRecord] {
        var condition: SQLQueryString = "\(visible(to: principal))"
        if let id = filter.programmeId { condition.appendInterpolation(" AND t.programme_id = \(bind: id)" as SQLQueryString) }
        if let id = filter.taskId { condition.appendInterpolation(" AND t.id = \(bind: id)" as SQLQueryString) }
        if let agency = filter.agency {
            // An agency asked for whose name folds to nothing (only punctuation) is no agency: it leads no task.
            condition.appendInterpolation(agency.isEmpty ? " AND 1 = 0" as SQLQueryString
                : " AND (' ' || t.lead_folded || ' ') LIKE \(bind: "% \(likeEscaped(agency)) %") ESCAPE '\\'" as SQLQueryString)
        }
        struct Row: Decodable {
            let id: Int, programmeId: Int, programmeSymbol: String, position: Int, number: String?, section: String?, text: String
            let lead: String, coordinating: String, deadline: String?, frequency: TaskFrequency, assignedOn: Day, sourceLine: Int?, version: Int
        }
        let rows = try await sql.raw("""
            SELECT t.id, t.programme_id, p.symbol AS programme_symbol, t.position, t.number, t.section, t.text, t.lead, t.coordinating,
                   t.deadline, t.frequency, t.assigned_on, t.source_line, t.version
            FROM programme_tasks t JOIN programmes p ON p.id = t.programme_id
            WHERE \(condition) ORDER BY p.id, t.position
            """).all(decoding: Row.self, keyDecodingStrategy: .snakeCaseColumns)
        guard !rows.isEmpty else { return [] }
        let ids = rows.map(\.id)
        let progress = Dictionary(grouping: try await sql.raw("""
            SELECT id, task_id, reported_on, percent, note, evidence_name, actor, recorded_at FROM task_progress
            WHERE task_id IN (\(binds: ids)) ORDER BY reported_on, id
            """).all(decoding: ProgressRecord.self, keyDecodingStrategy: .snakeCaseColumns), by: \.taskId)
        let extensions = Dictionary(grouping: try await sql.raw("""
            SELECT id, task_id, new_deadline, reason, requested_on, requested_by, state, decided_by, decided_on FROM task_extensions
            WHERE task_id IN (\(binds: ids)) ORDER BY id
            """).all(decoding: ExtensionRecord.self, keyDecodingStrategy: .snakeCaseColumns), by: \.taskId)
        return rows.map { row in
            var task = TaskRecord(id: row.id, programmeId: row.programmeId, programmeSymbol: row.programmeSymbol, position: row.position,
                                  number: row.number, section: row.section, text: row.text, lead: row.lead,
                                  coordinating: row.coordinating.split(separator: ";").map { String($0).trimmed }.filter { !$0.isEmpty },
                                  deadline: row.deadline.flatMap(TaskDeadline.init(text:)), frequency: row.frequency, assignedOn: row.assignedOn,
                                  sourceLine: row.sourceLine, version: row.version,
                                  progress: progress[row.id] ?? [], extensions: extensions[row.id] ?? [])
            task.settle(on: today)
            return task
        }
    }

    /// The years a target is measured over: from its baseline (or 2020) to the last year whose reporting round is
    /// over, so that a round still open does not count as a fall.
    static func measuredYears(for targets: [TargetRecord], today: Day) -> ClosedRange<Int> {
        let first = min(2020, targets.compactMap(\.baselineYear).min() ?? 2020)
        return first...max(first, today.year - 1)
    }

    struct Measured: Content, Sendable {
        let target: TargetRecord
        let indicatorLabel: String
        let assessment: TargetAssessment
        /// The values the agency reported, oldest first, for a target measured on them; nil for one measured on figures.
        let reportedValues: [TargetValueRecord]?
    }

    /// Values reported for these targets, oldest first, by target.
    static func reportedValues(targetIds: [Int], on sql: any SQLDatabase) async throws -> [Int: [TargetValueRecord]] {
        guard !targetIds.isEmpty else { return [:] }
        return Dictionary(grouping: try await sql.raw("""
            SELECT id, target_id, year, period, value, note, evidence_name, actor, recorded_at FROM target_values
            WHERE target_id IN (\(binds: targetIds)) ORDER BY year, id
            """).all(decoding: TargetValueRecord.self, keyDecodingStrategy: .snakeCaseColumns), by: \.targetId)
    }

    /// Each target's live assessment in the area. A target measured on figures is judged up to the last year whose
    /// reporting round is over; one its agency reports on, up to this year, since the agency's latest period stands.
    static func assess(_ targets: [TargetRecord], in area: Area, today: Day, on req: Request) async throws -> [Measured] {
        let series = try await FiguresQueries.series(area, years: measuredYears(for: targets, today: today), on: req)
        let indicators = targets.map { IndicatorDefinition.named($0.indicatorCode) }
        let reported = try await reportedValues(targetIds: zip(targets, indicators).filter { $0.1?.isReported == true }.map(\.0.id), on: try req.db.sql())
        return zip(targets, indicators).map { record, indicator in
            if indicator?.isReported == true {
                let values = reported[record.id] ?? []
                return Measured(target: record, indicatorLabel: record.quote ?? indicator?.label ?? record.indicatorCode,
                                assessment: TargetAssessment(target: record.target, series: ReportedValue.series(values.map(\.reported)), currentYear: today.year),
                                reportedValues: values)
            }
            let assessment = indicator.map { record.target.assess($0, figures: series, currentYear: today.year - 1) }
                ?? TargetAssessment(target: record.target, series: [:], currentYear: today.year - 1)
            return Measured(target: record, indicatorLabel: indicator?.label ?? record.indicatorCode, assessment: assessment, reportedValues: nil)
        }
    }
}
