/// Demo figures of the demo's people's credit funds as the State Bank would report them: a few thousand members,
/// deposits and loans of tens to hundreds of billions of đồng growing a few percent a year, bad debt around 1%, for
/// each year from its founding to 2025. Deterministic for a seed.
public enum DemoCreditFunds {
    public static let years = 2021...2025

    /// Each fund's lines, by the organisation's index in `organizations`.
    public static func years(of organizations: [DemoOrganization], seed: UInt64) -> [(index: Int, figures: CreditFundInput)] {
        var rng = DemoRandom(seed: seed, key: "credit-funds")
        return organizations.enumerated().filter { $0.element.type == .qtdnd }.flatMap { index, fund in
            let members = Double(rng.int(800...9_000))
            let loans = Double(rng.int(40_000...600_000))
            let capital = Double(rng.int(2_000...25_000))
            let growth = 1 + Double(rng.int(20...90)) / 1_000
            return years.filter { $0 >= fund.registrationDate.year }.map { year -> (index: Int, figures: CreditFundInput) in
                let grown = (years.lowerBound..<year).reduce(1.0) { value, _ in value * growth }
                let yearLoans = (loans * grown).rounded()
                let badDebtPerMille = Double(rng.int(2...25))
                let figures = CreditFundInput(row: 0, registrationCode: fund.registrationCode ?? "", year: year, members: Int64((members * grown).rounded()),
                                              charterCapital: Money(approximately: (capital * grown).rounded()),
                                              deposits: Money(approximately: (yearLoans * Double(rng.int(95...120)) / 100).rounded()),
                                              loans: Money(approximately: yearLoans), badDebt: Money(approximately: (yearLoans * badDebtPerMille / 1_000).rounded(.down)))
                return (index, figures)
            }
        }
    }
}
