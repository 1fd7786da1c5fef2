import HopTacCore
import SQLKit
import Vapor

/// One people's credit fund's figures for a year, as stored (amounts in đồng) and as JSON writes them (triệu đồng).
struct CreditFundYear: Content, Sendable, Equatable {
    var organizationId: Int
    var year: Int
    var members: Int64
    @StoredMoney var charterCapital: Money?
    @StoredMoney var deposits: Money?
    @StoredMoney var loans: Money?
    @StoredMoney var badDebt: Money?

    init(_ input: CreditFundInput, organizationId: Int) {
        self.organizationId = organizationId
        year = input.year
        members = input.members
        charterCapital = input.charterCapital
        deposits = input.deposits
        loans = input.loans
        badDebt = input.badDebt
    }

    /// Bad debt over loans in percent; nil without loans.
    var badDebtRatio: Double? {
        guard let loans, loans > .zero else { return nil }
        return Double((badDebt ?? .zero).dong) / Double(loans.dong) * 100
    }

    /// Whether a sheet's line says what is already recorded.
    func same(as input: CreditFundInput) -> Bool { self == CreditFundYear(input, organizationId: organizationId) }

    static func == (a: CreditFundYear, b: CreditFundYear) -> Bool {
        a.organizationId == b.organizationId && a.year == b.year && a.members == b.members && a.charterCapital == b.charterCapital
            && a.deposits == b.deposits && a.loans == b.loans && a.badDebt == b.badDebt
    }
}

enum CreditFundQueries {
    private static let columns: SQLQueryString = "f.organization_id, f.year, f.members, f.charter_capital, f.deposits, f.loans, f.bad_debt"

    /// Every year recorded for these funds, oldest first, by fund.
    static func years(of organizationIds: [Int], on sql: any SQLDatabase) async throws -> [Int: [CreditFundYear]] {
        var years: [Int: [CreditFundYear]] = [:]
        for chunk in organizationIds.chunks(of: 500) {
            for row in try await sql.raw("SELECT \(columns) FROM credit_fund_years f WHERE f.organization_id IN (\(binds: chunk)) ORDER BY f.year")
                .all(decoding: CreditFundYear.self, keyDecodingStrategy: .snakeCaseColumns) {
                years[row.organizationId, default: []].append(row)
            }
        }
        return years
    }

    /// A fund of the list: its name and place with its figures of the year.
    struct Line: Content, Sendable {
        let organizationId: Int
        let name: String
        let registrationCode: String?
        let communeCode: String
        let communeName: String
        let provinceCode: String
        let figures: CreditFundYear
    }

    /// The funds inside `filter` with figures for `year`, by name.
    static func lines(year: Int, within filter: OrganizationFilter, on sql: any SQLDatabase) async throws -> [Line] {
        struct Place: Decodable { let name: String, registrationCode: String?, communeCode: String, communeName: String, provinceCode: String }
        return try await sql.raw("""
            SELECT \(columns), o.name, o.registration_code, o.commune_code, c.name AS commune_name, o.province_code
            FROM credit_fund_years f JOIN organizations o ON o.id = f.organization_id JOIN communes c ON c.code = o.commune_code
            WHERE \(OrganizationQueries.condition(filter, on: sql)) AND f.year = \(bind: year)
            """).all().map { row in
            let figures = try row.decode(model: CreditFundYear.self, keyDecodingStrategy: .snakeCaseColumns)
            let place = try row.decode(model: Place.self, keyDecodingStrategy: .snakeCaseColumns)
            return Line(organizationId: figures.organizationId, name: place.name, registrationCode: place.registrationCode, communeCode: place.communeCode,
                        communeName: place.communeName, provinceCode: place.provinceCode, figures: figures)
        }.sorted { foldForSearch($0.name) < foldForSearch($1.name) }
    }
}
