/// Whether support worked: each supported organisation's annual report of the year before its first delivered grant
/// against its latest report after that year, in band, revenue and members, and the sums over every organisation
/// that has both. An organisation with no report on one side is counted apart, never as a zero.
public struct SupportOutcome: Sendable, Equatable, Codable {
    /// One year of an organisation as its submitted report and classification give it.
    public struct Year: Sendable, Equatable, Codable {
        public let year: Int
        public let revenue: Money
        public let members: Int64
        /// The band code, nil when not rated.
        public let band: String?

        public init(year: Int, revenue: Money, members: Int64, band: String?) {
            self.year = year
            self.revenue = revenue
            self.members = members
            self.band = band
        }
    }

    public struct Organization: Sendable, Equatable, Codable {
        public let organizationId: Int
        public let firstSupportYear: Int
        public let before: Year
        public let after: Year
        /// Bands up (positive) or down (negative) between the two years; nil unless both are rated.
        public let bandChange: Int?
    }

    public let organizations: [Organization]
    /// Supported organisations without a report of the year before or of a year after their first support.
    public let withoutComparison: Int
    public let revenueBefore: Money
    public let revenueAfter: Money
    public let membersBefore: Int64
    public let membersAfter: Int64
    public let bandsUp: Int
    public let bandsSame: Int
    public let bandsDown: Int

    /// `firstSupport` is each organisation's first year of delivered support; `years` its reported years.
    public init(firstSupport: [Int: Int], years: [Int: [Year]], rubric: Rubric = .tt01_2020) {
        func rank(_ band: String?) -> Int? { band.flatMap { code in rubric.bands.firstIndex { $0.code == code } } }
        var found: [Organization] = []
        for (id, first) in firstSupport.sorted(by: { $0.key < $1.key }) {
            let reported = years[id] ?? []
            guard let before = reported.first(where: { $0.year == first - 1 }), let after = reported.filter({ $0.year > first }).max(by: { $0.year < $1.year })
            else { continue }
            // The rubric lists its best band first, so a smaller index is a better band.
            let change = rank(before.band).flatMap { then in rank(after.band).map { then - $0 } }
            found.append(Organization(organizationId: id, firstSupportYear: first, before: before, after: after, bandChange: change))
        }
        organizations = found
        withoutComparison = firstSupport.count - found.count
        revenueBefore = found.map(\.before.revenue).reduce(.zero, +)
        revenueAfter = found.map(\.after.revenue).reduce(.zero, +)
        membersBefore = found.reduce(0) { $0.addingSaturating($1.before.members) }
        membersAfter = found.reduce(0) { $0.addingSaturating($1.after.members) }
        bandsUp = found.filter { ($0.bandChange ?? 0) > 0 }.count
        bandsSame = found.filter { $0.bandChange == 0 }.count
        bandsDown = found.filter { ($0.bandChange ?? 0) < 0 }.count
    }

    /// Revenue after over revenue before, in percent change; nil without revenue before.
    public var revenueChange: Double? {
        revenueBefore > .zero ? (Double(revenueAfter.dong) / Double(revenueBefore.dong) - 1) * 100 : nil
    }
}
