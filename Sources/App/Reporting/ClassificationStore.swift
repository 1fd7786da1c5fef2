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
    /// Reports that count: submitted and not sent back. A draft or a returned report is not rated yet.
    static let ratedStates: [String] = [ReportState.submitted, .accepted, .consolidated, .approved].map(\.rawValue)

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
    }

    /// Classifies every counted report of `year` inside `scope`, replacing earlier results but keeping overrides.
    @discardableResult
    static func classify(year: Int, scope: Scope, on database: any Database,
                         progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }) async throws -> Summary {
        try await database.transaction { db in
            try await classifyInTransaction(year: year, scope: scope, on: db.sql(), progress: progress)
        }
    }

    private static func classifyInTransaction(year: Int, scope: Scope, on sql: any SQLDatabase,
                                              progress: @escaping @Sendable (Int, Int) -> Void) async throws -> Summary {
        let rubric = try await rubric(forYear: year, on: sql)
        var inScope = OrganizationFilter()
        inScope.scope = scope
        let place = OrganizationQueries.condition(inScope, on: sql)
        struct Organization: Decodable { let id: Int; let type: OrganizationType; let sector: Sector }
        let organizations = try await sql.raw("""
            SELECT o.id, o.type, o.sector FROM organizations o JOIN annual_reports r ON r.organization_id = o.id
            WHERE r.year = \(bind: year) AND r.state IN (\(binds: ratedStates)) AND \(place)
            """).all(decoding: Organization.self)
        let reports = try await ReportQueries.reports("""
            SELECT \(unsafeRaw: ReportQueries.columns) FROM annual_reports r JOIN organizations o ON o.id = r.organization_id
            WHERE r.year IN (\(bind: year), \(bind: year - 1)) AND \(place)
            """, on: sql)
        var current: [Int: AnnualReport] = [:]
        var previous: [Int: AnnualReport] = [:]
        for record in reports {
            if record.report.year == year { current[record.report.organizationId] = record.report } else { previous[record.report.organizationId] = record.report }
        }
        struct Kept: Decodable { let organizationId: Int; let overrideBand: String?; let overrideReason: String?; let overrideBy: String?; let overrideAt: String? }
        let kept = Dictionary(try await sql.raw("""
            SELECT c.organization_id, c.override_band, c.override_reason, c.override_by, c.override_at FROM classifications c
            JOIN organizations o ON o.id = c.organization_id WHERE c.year = \(bind: year) AND c.override_band IS NOT NULL AND \(place)
            """).all(decoding: Kept.self, keyDecodingStrategy: .snakeCaseColumns).map { ($0.organizationId, $0) }, uniquingKeysWith: { a, _ in a })
        try await sql.raw("DELETE FROM classifications WHERE year = \(bind: year) AND organization_id IN (SELECT o.id FROM organizations o WHERE \(place))").run()

        let now = Timestamp.now()
        var summary = Summary()
        var rows: [[any Encodable & Sendable]] = []
        rows.reserveCapacity(organizations.count)
        for (index, organization) in organizations.enumerated() {
            guard let report = current[organization.id] else { continue }
            let result = Classifier.classify(report: report, previous: previous[organization.id], organizationType: organization.type, rubric: rubric)
            let size = SizeClass.classify(sector: organization.sector, members: report.officialMembers, revenue: report.revenue, capital: report.totalCapital)
            let override = kept[organization.id]
            let band = override?.overrideBand ?? result.computedBand?.code
            if let band { summary.rated[band, default: 0] += 1 } else { summary.notRated += 1 }
            summary.total += 1
            rows.append([organization.id, year, rubric.version, result.computedBand == nil ? nil : result.total, result.computedBand?.code, band,
                         result.notRatedReasons.isEmpty ? nil : result.notRatedReasons.joined(separator: " "), pointsJSON(result),
                         size.rawValue, override?.overrideBand, override?.overrideReason, override?.overrideBy, override?.overrideAt, now])
            if index % 5_000 == 4_999 { progress(index + 1, organizations.count) }
        }
        try await sql.insertBatches(into: "classifications", columns: [
            "organization_id", "year", "rubric_version", "total", "computed_band", "band", "not_rated_reason", "scores",
            "size_class", "override_band", "override_reason", "override_by", "override_at", "classified_at",
        ], rows: rows)
        progress(organizations.count, organizations.count)
        return summary
    }

    /// Points per rubric line, compact: explanations are recomputed from the report when someone reads them.
    private static func pointsJSON(_ result: ClassificationResult) -> String {
        "{" + result.scores.map { "\"\($0.item.code)\":\($0.points)" }.joined(separator: ",") + "}"
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
        try await database.transaction { db in
            let sql = try db.sql()
            guard let current = try await find(organizationId: organization.id, year: year, on: sql) else {
                throw Abort(.notFound, reason: "\(organization.name) chưa được xếp loại năm \(year).")
            }
            try await sql.update("classifications").set("band", to: band.code).set("override_band", to: band.code)
                .set("override_reason", to: reason).set("override_by", to: actor.name).set("override_at", to: Timestamp.now())
                .where("organization_id", .equal, organization.id).where("year", .equal, year).run()
            try await AuditLog.record("classification.override", entity: "classifications", id: "\(organization.id)/\(year)", provinceCode: organization.provinceCode,
                                      summary: "Điều chỉnh xếp loại năm \(year) của \(organization.name): \(current.band ?? "chưa xếp loại") → \(band.code) — \(reason)",
                                      before: current, after: try await find(organizationId: organization.id, year: year, on: sql), actor: actor, on: sql)
        }
    }
}
