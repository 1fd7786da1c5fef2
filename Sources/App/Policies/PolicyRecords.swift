import HopTacCore
import SQLKit
import Vapor

/// A support policy: its legal basis, who issued it for which area, what it gives, over which years and who carries
/// it out. Sheets name it by `code`.
struct PolicyRecord: Content, Sendable {
    var id: Int
    var code: String
    var title: String
    var documentNumber: String
    var documentDate: Day?
    var issuer: String
    var level: PolicyLevel
    var unitCode: String?
    var kind: PolicyKind
    var budgetSource: String?
    var periodFrom: Int
    var periodTo: Int
    var agency: String
    var conditions: String?
    var version: Int
    var createdAt: String
    var updatedAt: String

    static let columns = """
        p.id, p.code, p.title, p.document_number, p.document_date, p.issuer, p.level, p.unit_code, p.kind, p.budget_source, p.period_from, p.period_to,
        p.agency, p.conditions, p.version, p.created_at, p.updated_at
        """
}

/// One grant under a policy: to an organisation, or to a person of it for training and graduates.
struct SupportRecord: Content, Sendable {
    var id: Int
    var policyId: Int
    var policy: String
    var policyTitle: String
    var kind: PolicyKind
    var organizationId: Int
    var organizationName: String
    var registrationCode: String?
    var communeCode: String
    var communeName: String
    var provinceCode: String
    var personName: String?
    var personPosition: String?
    var date: Day
    var endDate: Day?
    @StoredMoney var amount: Money?
    var quantity: Double?
    /// The quantity's unit as recorded; for a grant with an amount and no quantity, “triệu đồng”, the amount's.
    var unit: String?
    var status: SupportStatus
    var agency: String?
    var course: String?
    var place: String?
    var degree: String?
    var lender: String?
    var interestRate: Double?
    var termMonths: Int?
    @StoredMoney var outstanding: Money?
    @StoredMoney var overdue: Money?
    var landArea: Double?
    var landForm: LandForm?
    var decisionNumber: String?
    var awardLevel: PolicyLevel?
    var awardForm: String?
    var note: String?
    var courseId: Int?
    /// What the grant's payments by period add up to, nil when it has none.
    @StoredMoney var paid: Money?
    /// The name of the evidence file kept with the grant, if any (the file itself downloads from the grant's page).
    var evidenceName: String?
    var version: Int
    var actor: String
    var recordedAt: String

    static let select = """
        SELECT s.id, s.policy_id, p.code AS policy, p.title AS policy_title, p.kind, s.organization_id, o.name AS organization_name, o.registration_code,
               o.commune_code, cm.name AS commune_name, o.province_code, s.person_name, s.person_position, s.support_date AS date, s.end_date, s.amount,
               s.quantity, COALESCE(s.quantity_unit, CASE WHEN s.amount IS NULL THEN NULL ELSE 'triệu đồng' END) AS unit, s.status, s.agency, s.course, s.place, s.degree, s.lender, s.interest_rate, s.term_months, s.outstanding,
               s.overdue, s.land_area, s.land_form, s.decision_number, s.award_level, s.award_form, s.note, s.course_id,
               (SELECT CAST(SUM(sp.amount) AS BIGINT) FROM support_payments sp WHERE sp.support_record_id = s.id) AS paid, s.evidence_name, s.version, s.actor, s.recorded_at
        FROM support_records s JOIN support_policies p ON p.id = s.policy_id JOIN organizations o ON o.id = s.organization_id
        JOIN communes cm ON cm.code = o.commune_code
        """
}

enum PolicyQueries {
    /// How the organisations these grants reached fared: their report of the year before their first delivered grant
    /// against their latest one after it.
    static func outcome(of grants: [SupportRecord], on sql: any SQLDatabase) async throws -> SupportOutcome {
        var first: [Int: Int] = [:]
        for grant in grants where grant.status.isDelivered { first[grant.organizationId] = min(first[grant.organizationId] ?? grant.date.year, grant.date.year) }
        struct Row: Decodable { let organizationId: Int; let year: Int; let revenue: Int64; let members: Int64; let band: String? }
        var years: [Int: [SupportOutcome.Year]] = [:]
        let ids = Array(first.keys)
        for chunk in ids.chunks(of: 500) {
            for row in try await sql.raw("""
                SELECT r.organization_id, r.year, r.revenue, r.official_members + r.associate_members AS members, c.band
                FROM annual_reports r LEFT JOIN classifications c ON c.organization_id = r.organization_id AND c.year = r.year
                WHERE r.organization_id IN (\(binds: chunk)) AND r.state IN (\(binds: ReportState.submittedStates.map(\.rawValue)))
                """).all(decoding: Row.self, keyDecodingStrategy: .snakeCaseColumns) {
                years[row.organizationId, default: []].append(.init(year: row.year, revenue: Money(dong: row.revenue), members: row.members, band: row.band))
            }
        }
        return SupportOutcome(firstSupport: first, years: years)
    }

    /// The policies a user sees: national ones, and those of the areas their scope lies in or covers.
    static func visible(to scope: Scope) -> SQLQueryString {
        switch scope {
        case .everything: "1 = 1"
        case .province(let code):
            "(p.level = 'national' OR p.unit_code = \(bind: code) OR p.unit_code IN (SELECT code FROM communes WHERE province_code = \(bind: code)))"
        case .commune(let code):
            "(p.level = 'national' OR p.unit_code = \(bind: code) OR p.unit_code = (SELECT province_code FROM communes WHERE code = \(bind: code)))"
        case .organization, .nothing: "1 = 0"
        }
    }

    static func policies(visibleTo scope: Scope, on sql: any SQLDatabase) async throws -> [PolicyRecord] {
        try await sql.raw("SELECT \(unsafeRaw: PolicyRecord.columns) FROM support_policies p WHERE \(visible(to: scope)) ORDER BY p.period_to DESC, p.code")
            .all(decoding: PolicyRecord.self, keyDecodingStrategy: .snakeCaseColumns)
    }

    /// The policy if the user may see it; 404 otherwise.
    static func policy(_ id: Int, visibleTo scope: Scope, on sql: any SQLDatabase) async throws -> PolicyRecord {
        guard let policy = try await sql.raw("SELECT \(unsafeRaw: PolicyRecord.columns) FROM support_policies p WHERE p.id = \(bind: id) AND \(visible(to: scope))")
            .first(decoding: PolicyRecord.self, keyDecodingStrategy: .snakeCaseColumns) else {
            throw Abort(.notFound, reason: "Không có chính sách số \(id).")
        }
        return policy
    }

    struct Filter: Sendable {
        var policyId: Int?
        var organizationId: Int?
        var kind: PolicyKind?
        var year: Int?
        var area = OrganizationFilter()
    }

    /// Grants inside the filter whose organisation the user may read, newest first.
    static func support(_ filter: Filter, scope: Scope, on sql: any SQLDatabase) async throws -> [SupportRecord] {
        var area = filter.area
        area.scope = scope
        var condition: SQLQueryString = "\(OrganizationQueries.condition(area, on: sql))"
        if let id = filter.policyId { condition.appendInterpolation(" AND s.policy_id = \(bind: id)" as SQLQueryString) }
        if let id = filter.organizationId { condition.appendInterpolation(" AND s.organization_id = \(bind: id)" as SQLQueryString) }
        if let kind = filter.kind { condition.appendInterpolation(" AND p.kind = \(bind: kind.rawValue)" as SQLQueryString) }
        if let year = filter.year { condition.appendInterpolation(" AND s.support_date BETWEEN \(bind: "\(year)-01-01") AND \(bind: "\(year)-12-31")" as SQLQueryString) }
        return try await sql.raw("\(unsafeRaw: SupportRecord.select) WHERE \(condition) ORDER BY s.support_date DESC, s.id DESC")
            .all(decoding: SupportRecord.self, keyDecodingStrategy: .snakeCaseColumns)
    }
}
