import Fluent
import HopTacCore
import SQLKit

/// Loads the demo's support policies (the national ones, and the demo province's own) and the grants made under them
/// to the demo's cooperatives, through the same store as an import.
enum DemoSupportLoader {
    static func load(province: String, seed: UInt64, on database: any Database) async throws -> Int {
        let sql = try database.sql()
        let area = try await Area.province(province, on: sql)
        for policy in DemoSupport.policies(provinceName: area.name) {
            var input = PolicyStore.Input()
            input.code = policy.code
            input.title = policy.title
            input.documentNumber = policy.documentNumber
            input.documentDate = policy.documentDate
            input.issuer = policy.issuer
            input.level = policy.level
            input.unitCode = policy.level == .national ? nil : province
            input.kind = policy.kind
            input.budgetSource = policy.budgetSource
            input.periodFrom = policy.periodFrom
            input.periodTo = policy.periodTo
            input.agency = policy.agency
            _ = try await PolicyStore.create(input, principal: .system, actor: DemoLoader.actor, on: database)
        }
        let policies = Dictionary(try await PolicyQueries.policies(visibleTo: .everything, on: sql).map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        struct Row: Decodable { let id: Int; let type: OrganizationType; let registrationDate: Day?; let provinceCode: String }
        let rows = try await sql.raw("SELECT id, type, registration_date, province_code FROM organizations ORDER BY id")
            .all(decoding: Row.self, keyDecodingStrategy: .snakeCaseColumns)
        let beneficiaries = rows.compactMap { row in row.registrationDate.map { DemoSupport.Beneficiary(id: row.id, type: row.type, registrationDate: $0) } }
        let provinceOf = Dictionary(rows.map { ($0.id, $0.provinceCode) }, uniquingKeysWith: { a, _ in a })
        let demoGrants = DemoSupport.grants(to: beneficiaries, seed: seed, today: Day.today()).filter { grant in
            policies[grant.policyCode].map { $0.level == .national || provinceOf[grant.organizationId] == province } ?? false
        }
        let organizations = Dictionary(try await OrganizationQueries.find(ids: Array(Set(demoGrants.map(\.organizationId))), on: sql).map { ($0.id, $0) },
                                       uniquingKeysWith: { a, _ in a })
        let grants = demoGrants.compactMap { grant -> (policy: PolicyRecord, organization: OrganizationRecord, input: SupportInput)? in
            guard let policy = policies[grant.policyCode], let organization = organizations[grant.organizationId] else { return nil }
            return (policy, organization, grant.input)
        }
        let created = try await PolicyStore.record(grants, actor: DemoLoader.actor, on: database).count
        try await payAllowances(until: min(Day(year: 2025, month: 12, day: 15) ?? Day.today(), Day.today()), on: sql)
        try await assessModels(on: sql)
        return created
    }

    /// The graduates' allowances, quarter by quarter, paid up to a closed day so the demo is the same whenever it loads.
    private static func payAllowances(until: Day, on sql: any SQLDatabase) async throws {
        struct Row: Decodable { let id: Int; let supportDate: Day; let amount: Int64 }
        let placements = try await sql.raw("""
            SELECT s.id, s.support_date, s.amount FROM support_records s JOIN support_policies p ON p.id = s.policy_id
            WHERE p.kind = \(bind: PolicyKind.graduates.rawValue) AND s.amount IS NOT NULL
            """).all(decoding: Row.self, keyDecodingStrategy: .snakeCaseColumns)
        let now = Timestamp.now()
        let rows = placements.flatMap { row in DemoSupport.allowancePayments(from: row.supportDate, amount: Money(dong: row.amount), until: until).map { (row.id, $0) } }
        for chunk in rows.chunks(of: 200) {
            var insert = sql.insert(into: "support_payments").columns("support_record_id", "period_from", "period_to", "paid_on", "amount", "note", "actor", "recorded_at")
            for (id, payment) in chunk {
                insert = insert.values(id, payment.periodFrom.iso, payment.periodTo.iso, payment.paidOn.iso, payment.amount.dong, "Phụ cấp theo quý", DemoLoader.actor.name, now)
            }
            try await insert.run()
        }
    }

    /// Each recognised model cooperative was judged on the shipped criteria the year before its recognition and met them all.
    private static func assessModels(on sql: any SQLDatabase) async throws {
        struct Row: Decodable { let organizationId: Int; let supportDate: Day }
        let recognised = try await sql.raw("""
            SELECT s.organization_id, s.support_date FROM support_records s JOIN support_policies p ON p.id = s.policy_id
            WHERE p.kind = \(bind: PolicyKind.modelCooperative.rawValue)
            """).all(decoding: Row.self, keyDecodingStrategy: .snakeCaseColumns)
        let criteria = try await ModelCriteriaQueries.criteria(forProvince: nil, on: sql)
        let now = Timestamp.now()
        for chunk in recognised.chunks(of: 20) {
            var insert = sql.insert(into: "model_assessments").columns("organization_id", "year", "criterion_id", "met", "note", "actor", "recorded_at")
            for row in chunk {
                for criterion in criteria {
                    insert = insert.values(row.organizationId, row.supportDate.year - 1, criterion.id, true, "Theo hồ sơ đề nghị công nhận", DemoLoader.actor.name, now)
                }
            }
            if !chunk.isEmpty { try await insert.run() }
        }
    }
}
