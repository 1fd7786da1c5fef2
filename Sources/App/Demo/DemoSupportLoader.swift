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
        var grants: [(policy: PolicyRecord, organization: OrganizationRecord, input: SupportInput)] = []
        var organizations: [Int: OrganizationRecord] = [:]
        for grant in DemoSupport.grants(to: beneficiaries, seed: seed, today: Day.today()) {
            guard let policy = policies[grant.policyCode], policy.level == .national || provinceOf[grant.organizationId] == province else { continue }
            if organizations[grant.organizationId] == nil { organizations[grant.organizationId] = try await OrganizationQueries.find(id: grant.organizationId, on: sql) }
            guard let organization = organizations[grant.organizationId] else { continue }
            grants.append((policy, organization, grant.input))
        }
        return try await PolicyStore.record(grants, actor: DemoLoader.actor, on: database)
    }
}
