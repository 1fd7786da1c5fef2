import HopTacCore
import Testing

@Suite("Support outcomes")
struct SupportOutcomeTests {
    @Test("the year before the first support against the latest year after it; organisations without both are counted apart")
    func beforeAndAfter() {
        func year(_ y: Int, _ revenue: Int64, _ members: Int64, _ band: String?) -> SupportOutcome.Year {
            .init(year: y, revenue: Money(millions: revenue), members: members, band: band)
        }
        let outcome = SupportOutcome(firstSupport: [1: 2023, 2: 2023, 3: 2024, 4: 2022], years: [
            1: [year(2022, 1_000, 20, "average"), year(2023, 1_100, 22, "fair"), year(2025, 1_500, 30, "good")],
            2: [year(2022, 500, 10, "fair"), year(2024, 400, 9, "weak")],
            3: [year(2023, 800, 15, nil)],
            4: [year(2021, 300, 8, "fair"), year(2023, 600, 12, "fair")],
        ])
        #expect(outcome.organizations.map(\.organizationId) == [1, 2, 4] && outcome.withoutComparison == 1, "3 has no report after 2024")
        #expect(outcome.organizations[0].before.year == 2022 && outcome.organizations[0].after.year == 2025 && outcome.organizations[0].bandChange == 2)
        #expect(outcome.bandsUp == 1 && outcome.bandsSame == 1 && outcome.bandsDown == 1)
        #expect(outcome.revenueBefore == Money(millions: 1_800) && outcome.revenueAfter == Money(millions: 2_500))
        #expect(outcome.membersBefore == 38 && outcome.membersAfter == 51)
        #expect(abs((outcome.revenueChange ?? 0) - 38.888_888) < 0.001)
        #expect(SupportOutcome(firstSupport: [:], years: [:]).revenueChange == nil)
    }
}
