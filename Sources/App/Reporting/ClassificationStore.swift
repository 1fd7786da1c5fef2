import Fluent
import HopTacCore
import SQLKit
import Vapor

/// A stored classification: the computed result's points per rubric line, the band that counts, and any override.
struct ClassificationRecord: Content, Sendable {
    let organizationId: Int
    let year: Int
    let rubricVersion: String
    let total: Double?
    let computedBand: String?
    let band: String?
    let notRatedReason: String?
    let sizeClass: String?
    let overrideBand: String?
    let overrideReason: String?
    let overrideBy: String?
    let overrideAt: String?
    let classifiedAt: String
}

/// Classifies reports with the rubric in force for their year and keeps the results, overrides included.
enum ClassificationStore {
    /// Reports that count (`ReportState.countsAsSubmitted`): a draft or a returned report is not rated yet.
    static let ratedStates: [String] = ReportState.submittedStates.map(\.rawValue)

    /// The newest rubric version whose first year is not after `year`.
    static func rubric(forYear year: Int, on sql: any SQLDatabase) async throws -> Rubric {
        struct Row: Decodable { let definition: String }
        guard let row = try await sql.raw("SELECT definition FROM rubrics WHERE valid_from_year <= \(bind: year) ORDER BY valid_from_year DESC LIMIT 1")
            .first(decoding: Row.self) else { return .tt01_2020 }
        return try Rubric(json: Data(row.definition.utf8))
    }

    struct Summary: Sendable {
        var rated: [String: Int] = [:]
        var notRated = 0
        var total = 0

        mutating func add(_ other: Summary) {
            rated.merge(other.rated, uniquingKeysWith: +)
            notRated += other.notRated
            total += other.total
        }
    }

    /// Classifies every counted report of `year` inside `scope`, replacing earlier results but keeping overrides.
    /// The audit entry is written in the same transaction: there is never a run without its entry, or the reverse.
    @discardableResult
    static func classify(year: Int, scope: Scope, areaName: String = "toàn quốc", provinceCode: String? = nil, actor: Actor = .commandLine("hoptac classify"),
                         on database: any Database, progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }) async throws -> Summary {
        try await database.write { db in
            let sql = try db.sql()
            let summary = try await classifyInTransaction(year: year, scope: scope, on: sql, progress: progress)
            let province: String? = if case .province(let code) = scope { code } else { provinceCode }
            try await AuditLog.record("classification.run", entity: "classifications", id: "\(year)/\(scope)", provinceCode: province,
                                      summary: "Xếp loại năm \(year) cho \(areaName): \(summary.total) báo cáo, \(summary.notRated) chưa xếp loại",
                                      actor: actor, on: sql)
            return summary
        }
    }

    private static func classifyInTransaction(year: Int, scope: Scope, on sql: any SQLDatabase,
                                              progress: @escaping @Sendable (Int, Int) -> Void) async throws -> Summary {
        let rubric = try await rubric(forYear: year, on: sql)
        var inScope = OrganizationFilter()
        inScope.scope = scope
        let place = OrganizationQueries.condition(inScope, on: sql)
        /// Rows whose `column` is an organisation in scope; the whole country needs no look-up of organisations.
        func ofOrganizationsInScope(_ column: String) -> SQLQueryString {
            scope == .everything ? "1 = 1" : "\(unsafeRaw: column) IN (SELECT o.id FROM organizations o WHERE \(place))"
        }
        let organizations = try await sql.rows("""
            SELECT o.id, o.type, o.sector FROM organizations o JOIN annual_reports r ON r.organization_id = o.id
            WHERE r.year = \(bind: year) AND r.state IN (\(binds: ratedStates)) AND \(place)
            """).map(Organization.init)
        let reports = try await ReportQueries.reports("""
            SELECT \(unsafeRaw: ReportQueries.scoringColumns) FROM annual_reports r
            WHERE r.year = \(bind: year) AND \(ofOrganizationsInScope("r.organization_id"))
            """, on: sql)
        // Positions in `reports` by organisation: copying tens of thousands of reports into a dictionary costs more.
        var current: [Int: Int] = [:]
        current.reserveCapacity(reports.count)
        for (index, record) in reports.enumerated() { current[record.report.organizationId] = index }
        let previous = try await previousReports(year: year - 1, fields: rubric.fieldsComparedWithPreviousYear,
                                                  where: ofOrganizationsInScope("r.organization_id"), on: sql)
        let kept = Dictionary(try await sql.rows("""
            SELECT organization_id, override_band, override_reason, override_by, override_at FROM classifications
            WHERE year = \(bind: year) AND override_band IS NOT NULL AND \(ofOrganizationsInScope("organization_id"))
            """).map { try $0.decode(model: Override.self, keyDecodingStrategy: .snakeCaseColumns) }.map { ($0.organizationId, $0) },
            uniquingKeysWith: { first, _ in first })
        try await sql.raw("DELETE FROM classifications WHERE year = \(bind: year) AND \(ofOrganizationsInScope("organization_id"))").run()

        let run = Run(year: year, rubric: rubric, reports: reports, current: current, previous: previous, kept: kept, at: Timestamp.now())
        var summary = Summary()
        var rows: [[any Encodable & Sendable]] = []
        rows.reserveCapacity(organizations.count)
        // Scoring is pure work on each report: two halves of each chunk go to the two cores.
        let chunkSize = 10_000
        for start in stride(from: 0, to: organizations.count, by: chunkSize) {
            let chunk = organizations[start..<min(start + chunkSize, organizations.count)]
            let middle = chunk.startIndex + chunk.count / 2
            async let firstHalf = run.score(chunk[..<middle])
            let secondHalf = run.score(chunk[middle...])
            for part in [await firstHalf, secondHalf] {
                rows += part.rows
                summary.add(part.summary)
            }
            progress(chunk.endIndex, organizations.count)
        }
        try await sql.insertBatches(into: "classifications", columns: [
            "organization_id", "year", "rubric_version", "total", "computed_band", "band", "not_rated_reason", "scores",
            "size_class", "override_band", "override_reason", "override_by", "override_at", "classified_at",
        ], rows: rows)
        progress(organizations.count, organizations.count)
        return summary
    }

    private struct Organization: Sendable {
        let id: Int
        let type: OrganizationType
        let sector: Sector

        /// Column by column: SQLKit's model decoder costs more than the query for a national year.
        init(row: any SQLRow) throws {
            id = try row.decode(column: "id", as: Int.self)
            guard let type = OrganizationType(rawValue: try row.decode(column: "type", as: String.self)),
                  let sector = Sector(rawValue: try row.decode(column: "sector", as: String.self)) else {
                throw Abort(.internalServerError, reason: "Tổ chức \(id) có loại hình hoặc lĩnh vực không hợp lệ.")
            }
            self.type = type
            self.sector = sector
        }
    }
    private struct Override: Decodable, Sendable { let organizationId: Int; let overrideBand: String?; let overrideReason: String?; let overrideBy: String?; let overrideAt: String? }

    /// What a classification run scores against: the year's and the previous year's reports, and the overrides it keeps.
    private struct Run: Sendable {
        let year: Int
        let rubric: Rubric
        let reports: [ReportRecord]
        /// Positions in `reports` of each organisation's report of the year.
        let current: [Int: Int]
        /// Last year's reports, holding only the fields compared over two years.
        let previous: [Int: AnnualReport]
        let kept: [Int: Override]
        let at: String

        /// The `classifications` rows of these organisations, and their count per band.
        func score(_ organizations: ArraySlice<Organization>) -> (rows: [[any Encodable & Sendable]], summary: Summary) {
            var summary = Summary()
            var rows: [[any Encodable & Sendable]] = []
            rows.reserveCapacity(organizations.count)
            for organization in organizations {
                guard let position = current[organization.id] else { continue }
                let report = reports[position].report
                let result = Classifier.classify(report: report, previous: previous[organization.id],
                                                 organizationType: organization.type, rubric: rubric)
                let size = SizeClass.classify(sector: organization.sector, members: report.officialMembers, revenue: report.revenue.millions, capital: report.totalCapital.millions)
                let override = kept[organization.id]
                let band = override?.overrideBand ?? result.computedBand?.code
                if let band { summary.rated[band, default: 0] += 1 } else { summary.notRated += 1 }
                summary.total += 1
                rows.append([organization.id, year, rubric.version, result.computedBand == nil ? nil : result.total, result.computedBand?.code, band,
                             result.notRatedReasons.isEmpty ? nil : result.notRatedReasons.joined(separator: " "), pointsJSON(result),
                             size.rawValue, override?.overrideBand, override?.overrideReason, override?.overrideBy, override?.overrideAt, at])
            }
            return (rows, summary)
        }
    }

    /// Last year's reports with only `fields` filled in: the year before is read for what the rubric compares, not
    /// for its fifty columns.
    private static func previousReports(year: Int, fields: [ReportField], where condition: SQLQueryString,
                                        on sql: any SQLDatabase) async throws -> [Int: AnnualReport] {
        let columns = (["organization_id"] + fields.map(\.rawValue)).map { "r." + $0 }.joined(separator: ", ")
        var reports: [Int: AnnualReport] = [:]
        for row in try await sql.rows("SELECT \(unsafeRaw: columns) FROM annual_reports r WHERE r.year = \(bind: year) AND \(condition)") {
            var report = AnnualReport(organizationId: try row.decode(column: "organization_id", as: Int.self), year: year)
            for field in fields {
                switch field.storedKind {
                case .integer: field.store(.integer(try row.decode(column: field.rawValue, as: Int.self)), in: &report)
                case .decimal: field.store(.decimal(try row.decode(column: field.rawValue, as: Double.self)), in: &report)
                case .text: break
                }
            }
            reports[report.organizationId] = report
        }
        return reports
    }

    /// Points per rubric line, compact: explanations are recomputed from the report when someone reads them.
    private static func pointsJSON(_ result: ClassificationResult) -> String {
        var json = "{"
        for (index, score) in result.scores.enumerated() {
            if index > 0 { json += "," }
            // Points are nearly always whole: formatting those as integers is several times cheaper than as doubles.
            let points = score.points
            json += "\"" + score.item.code + "\":" + (points == points.rounded() && abs(points) < 1e15 ? String(Int(points)) : String(points))
        }
        return json + "}"
    }

    static func find(organizationId: Int, year: Int, on sql: any SQLDatabase) async throws -> ClassificationRecord? {
        try await sql.raw("""
            SELECT organization_id, year, rubric_version, total, computed_band, band, not_rated_reason, size_class,
                   override_band, override_reason, override_by, override_at, classified_at
            FROM classifications WHERE organization_id = \(bind: organizationId) AND year = \(bind: year)
            """).first(decoding: ClassificationRecord.self, keyDecodingStrategy: .snakeCaseColumns)
    }

    /// An officer's decision on top of the computed band, with the reason; audited.
    static func override(organization: OrganizationRecord, year: Int, band: Band, reason: String, actor: Actor, on database: any Database) async throws {
        let reason = reason.trimmed
        guard !reason.isEmpty else { throw ValidationFailure(problems: ["reason": FieldProblem("Cần ghi lý do điều chỉnh xếp loại.")]) }
        try await database.write { db in
            let sql = try db.sql()
            guard let current = try await find(organizationId: organization.id, year: year, on: sql) else {
                throw Abort(.notFound, reason: "\(organization.name) chưa được xếp loại năm \(year).")
            }
            let before = try await rubric(forYear: year, on: sql).label(ofBand: current.band)
            try await sql.update("classifications").set("band", to: band.code).set("override_band", to: band.code)
                .set("override_reason", to: reason).set("override_by", to: actor.name).set("override_at", to: Timestamp.now())
                .where("organization_id", .equal, organization.id).where("year", .equal, year).run()
            try await AuditLog.record("classification.override", entity: "classifications", id: "\(organization.id)/\(year)", provinceCode: organization.provinceCode,
                                      summary: "Điều chỉnh xếp loại năm \(year) của \(organization.name): \(before) → \(band.label) — \(reason)",
                                      before: current, after: try await find(organizationId: organization.id, year: year, on: sql), actor: actor, on: sql)
        }
    }
}
