@testable import HopTacCore

func day(_ year: Int, _ month: Int, _ day: Int) -> Day { Day(year: year, month: month, day: day)! }

/// A plausible report that breaks no validation rule.
func cleanReport(year: Int = 2025) -> AnnualReport {
    var r = AnnualReport(organizationId: 7, year: year)
    r.officialMembers = 120
    r.associateMembers = 15
    r.workers = 12
    r.charterCapital = 1_500
    r.totalCapital = 5_400
    r.totalAssets = 6_000
    r.indivisibleAssets = 2_400
    r.developmentFund = 100
    r.reserveFund = 50
    r.revenue = 12_000
    r.pretaxProfit = 600
    r.averageIncome = 64
    r.servicesToMembers = 4
    r.memberNeedsMetPercent = 85
    r.managers = 10
    r.managersUniversity = 4
    r.managersVocational = 3
    r.managersUnder35 = 2
    r.highTech = true
    r.valueChain = true
    r.valueChainPartner = "Công ty CP Nông sản Việt"
    r.ocopProducts = 2
    r.ocopBestStars = 3
    r.legalViolations = 1
    return r
}

func previousReport() -> AnnualReport {
    var r = cleanReport(year: 2024)
    r.totalCapital = 4_800
    r.indivisibleAssets = 2_000
    r.revenue = 10_000
    return r
}
