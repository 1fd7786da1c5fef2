import Foundation

/// Deterministic annual reports for a demo organisation: figures that grow year on year with noise, in proportion to
/// the organisation's size, so that classification spreads over every band and roll-ups look like the real ones.
public enum DemoReports {
    /// One generated report and where it stands in the workflow.
    public struct Generated: Sendable {
        public var report: AnnualReport
        public var state: ReportState
        /// The day the cooperative submitted, when it did.
        public var submittedOn: Day?
    }

    /// The years of the demo: five closed rounds and the current one, still open.
    public static let years = 2021...2026

    public static func generate(organizationId: Int, organization o: DemoOrganization, seed: UInt64) -> [Generated] {
        var rng = DemoRandom(seed: seed, key: "reports/\(organizationId)")
        // How well run this organisation is, from 0 (struggling) to 1 (exemplary); it drives most figures.
        let quality = min(1, max(0, 0.78 + 0.2 * rng.normal()))
        let members = max(7, o.officialMembers)
        var revenue = max(50, rng.logNormal(median: Double(members) * 55 * (0.5 + quality), sigma: 0.5))
        var capital = max(o.charterCapital.millions, revenue * (0.4 + 0.4 * rng.unit()))
        var indivisible = capital * (0.05 + 0.25 * quality)
        let growth = 0.02 + 0.1 * quality
        var result: [Generated] = []
        for year in years {
            // Management improves over the years, as the national good/fair share did (about 60% → 78%).
            let quality = min(1, max(0, quality + 0.03 * Double(year - 2025)))
            guard year >= o.registrationDate.year else { continue }
            if let since = o.statusSince, o.status.isTerminal, since.year < year { break }
            var r = AnnualReport(organizationId: organizationId, year: year)
            let months = year == o.registrationDate.year ? max(1, 12 - o.registrationDate.month) : 12
            r.monthsOperated = months
            if o.status == .suspended, let since = o.statusSince, since.year == year { r.monthsSuspended = min(12, 13 - since.month) }
            revenue *= 1 + growth + 0.08 * rng.normal()
            capital *= 1 + growth * 0.8 + 0.04 * rng.normal()
            indivisible *= 1 + growth * 0.6 + 0.03 * rng.normal()
            let scale = Double(months) / 12
            r.officialMembers = members
            r.associateMembers = o.associateMembers
            r.workers = o.workers
            r.charterCapital = o.charterCapital
            r.totalCapital = amount(capital)
            r.totalAssets = amount(capital * (1.05 + 0.2 * rng.unit()))
            r.indivisibleAssets = amount(min(indivisible, capital))
            r.revenue = amount(revenue * scale)
            r.pretaxProfit = amount(r.revenue.millions * (quality - 0.25) * 0.15)
            r.developmentFund = rng.chance(0.3 + 0.6 * quality) ? amount(max(0, r.pretaxProfit.millions) * 0.2) : .zero
            r.reserveFund = rng.chance(0.2 + 0.6 * quality) ? amount(max(0, r.pretaxProfit.millions) * 0.1) : .zero
            r.otherFunds = rng.chance(0.3 * quality) ? amount(max(0, r.pretaxProfit.millions) * 0.05) : .zero
            r.averageIncome = amount(40 + 50 * quality + 5 * rng.normal())
            r.servicesToMembers = rng.int(1...6)
            r.memberNeedsMetPercent = rounded(min(100, max(5, 30 + 60 * quality + 10 * rng.normal())))
            r.debtBanks = rng.chance(0.3) ? amount(capital * 0.1 * rng.unit()) : .zero
            r.debtState = rng.chance(0.05) ? amount(20 * rng.unit()) : .zero
            r.debtMembers = rng.chance(0.15) ? amount(30 * rng.unit()) : .zero
            r.debtOther = rng.chance(0.1) ? amount(50 * rng.unit()) : .zero
            r.managers = rng.int(3...7)
            r.managersUniversity = min(r.managers, Int((Double(r.managers) * quality * rng.unit() * 1.2).rounded()))
            r.managersVocational = min(r.managers - r.managersUniversity, rng.int(0...2))
            r.managersUnder35 = min(r.managers, rng.int(0...2))
            r.highTech = o.sector == .agriculture && rng.chance(0.05 + 0.2 * quality)
            r.valueChain = rng.chance(0.1 + 0.5 * quality)
            r.valueChainPartner = r.valueChain ? "Công ty " + rng.pick(["TNHH Nông sản Việt", "CP Thực phẩm Xanh", "TNHH Thương mại Phú An", "CP Xuất nhập khẩu Sông Hồng"]) : ""
            r.digitalTransformation = rng.chance(0.1 + 0.4 * quality + 0.05 * Double(year - 2021))
            r.ocopProducts = rng.chance(0.15 * quality) ? rng.int(1...3) : 0
            r.ocopBestStars = r.ocopProducts > 0 ? rng.int(3...4) : 0
            r.legalViolations = rng.chance(0.15 * (1 - quality)) ? 1 : 0
            r.disputes = rng.chance(0.1 * (1 - quality)) ? 1 : 0
            for item in Rubric.tt01_2020.items where item.isSelfAssessed {
                r.selfAssessedPoints[item.code] = (item.max * min(1, max(0.2, quality + 0.12 * rng.normal())) * 2).rounded() / 2
            }
            result.append(Generated(report: r, state: .approved, submittedOn: Day(year: year, month: 12, day: rng.int(1...18))))
        }
        // The current round is still open: some have not started, some are drafts, most of the rest are in review.
        if let last = result.indices.last, result[last].report.year == years.upperBound {
            switch rng.unit() {
            case ..<0.25: result.removeLast()
            case ..<0.45: result[last].state = .draft; result[last].submittedOn = nil
            case ..<0.75: result[last].state = .submitted; result[last].submittedOn = Day(year: years.upperBound, month: 11, day: rng.int(1...20))
            case ..<0.95: result[last].state = .accepted; result[last].submittedOn = Day(year: years.upperBound, month: 11, day: rng.int(1...20))
            default: result[last].state = .returned; result[last].submittedOn = nil
            }
        }
        return result
    }

    private static func rounded(_ value: Double) -> Double { (value * 10).rounded() / 10 }

    /// An amount drawn in triệu đồng, to one decimal like the figures officials type.
    private static func amount(_ value: Double) -> Money { Money(approximately: rounded(value)) }
}
