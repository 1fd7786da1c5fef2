/// One organisation's annual operating report for one year (Forms VII-1/2/3 of Circular 09/2024/TT-BKHĐT,
/// with the figures that Circular 01/2020/TT-BKHĐT scores). Amounts are in million VND.
/// Last year's figures are not repeated here: rules and the classifier receive last year's report instead.
public struct AnnualReport: Codable, Sendable, Equatable {
    public var organizationId: Int
    public var year: Int

    public var officialMembers = 0
    public var associateMembers = 0
    public var workers = 0

    public var charterCapital = 0.0
    public var totalCapital = 0.0
    public var totalAssets = 0.0
    public var indivisibleAssets = 0.0
    public var developmentFund = 0.0
    public var reserveFund = 0.0
    public var otherFunds = 0.0
    public var revenue = 0.0
    public var pretaxProfit = 0.0
    /// Million VND per regular worker per year.
    public var averageIncome = 0.0

    public var servicesToMembers = 0
    /// Percent of members' needs that the organisation's services met (0–100).
    public var memberNeedsMetPercent = 0.0

    public var debtState = 0.0
    public var debtBanks = 0.0
    public var debtMembers = 0.0
    public var debtOther = 0.0

    public var managers = 0
    public var managersUniversity = 0
    public var managersVocational = 0
    public var managersUnder35 = 0

    public var highTech = false
    public var valueChain = false
    public var valueChainPartner = ""
    public var digitalTransformation = false
    public var ocopProducts = 0
    /// Stars of the best OCOP product, 0 when none is certified.
    public var ocopBestStars = 0

    public var legalViolations = 0
    public var disputes = 0
    public var awards = ""

    /// Months of the reporting period the organisation existed (12 for a whole year); suspended months are inside these.
    public var monthsOperated = 12
    public var monthsSuspended = 0

    /// Points the organisation gave itself for the criteria the rubric marks self-assessed, by criterion code ("TC8").
    public var selfAssessedPoints: [String: Double] = [:]
    /// The explanation that validation warnings require before submission.
    public var comment = ""

    public init(organizationId: Int, year: Int) {
        self.organizationId = organizationId
        self.year = year
    }

    /// The period a report covers: 15/12 of the previous year to 14/12 of the year (Circular 09/2024, art. 6).
    public static func period(forYear year: Int) -> ClosedRange<Day> {
        Day(year: year - 1, month: 12, day: 15)!...Day(year: year, month: 12, day: 14)!
    }

    /// JSON keys are the field catalogue's keys, so that forms, imports, the API and messages share one name per field.
    enum CodingKeys: String, CodingKey {
        case organizationId = "organization_id", year
        case officialMembers = "official_members", associateMembers = "associate_members", workers
        case charterCapital = "charter_capital", totalCapital = "total_capital", totalAssets = "total_assets"
        case indivisibleAssets = "indivisible_assets", developmentFund = "development_fund", reserveFund = "reserve_fund"
        case otherFunds = "other_funds", revenue, pretaxProfit = "pretax_profit", averageIncome = "average_income"
        case servicesToMembers = "services_to_members", memberNeedsMetPercent = "member_needs_met_percent"
        case debtState = "debt_state", debtBanks = "debt_banks", debtMembers = "debt_members", debtOther = "debt_other"
        case managers, managersUniversity = "managers_university", managersVocational = "managers_vocational"
        case managersUnder35 = "managers_under_35"
        case highTech = "high_tech", valueChain = "value_chain", valueChainPartner = "value_chain_partner"
        case digitalTransformation = "digital_transformation", ocopProducts = "ocop_products", ocopBestStars = "ocop_best_stars"
        case legalViolations = "legal_violations", disputes, awards
        case monthsOperated = "months_operated", monthsSuspended = "months_suspended"
        case selfAssessedPoints = "self_assessed_points", comment
    }
}
