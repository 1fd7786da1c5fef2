/// The collective-economy figures of one administrative unit (commune, province or the nation) for one year, as named
/// quantities. Roll-ups, dashboards and programme indicators all read these, so an indicator defined as data can name
/// any of them without code.
///
/// Keys (every key is present, zero when nothing counts):
/// - `organizations`, `organizations.<type>`: organisations existing at the end of the year (not dissolved or merged),
///   `<type>` being an `OrganizationType` raw value (`htx`, `lhhtx`, `tht`, `qtdnd`, `interest-group`);
///   `status.<status>` the same by `OrganizationStatus` raw value.
/// - `founded`, `founded.<type>`: registered during the year; `dissolved`, `dissolved.<type>`: dissolved or merged in it.
/// - `reports`: reports submitted (or further) for the year; `rated`, `not_rated`, `band.good`, `band.fair`,
///   `band.average`, `band.weak`: classifications of the year; `size.<SizeClass>`.
/// - `value_chain`, `high_tech`, `digital`: reports ticking each; `ocop_products`.
/// - `official_members`, `associate_members`, `members` (both), `workers`, `charter_capital`, `total_assets`,
///   `indivisible_assets`, `revenue`, `pretax_profit` (million VND), `average_income` (mean over the `income_reports` reports giving one),
///   `debt_state`, `debt_banks`, `debt_members`, `debt_other`, `debts`.
public struct Figures: Codable, Sendable, Equatable {
    public var values: [String: Double]

    public init(_ values: [String: Double] = [:]) { self.values = values }

    public subscript(key: String) -> Double {
        get { values[key] ?? 0 }
        set { values[key] = newValue }
    }

    /// Share of the rated organisations rated good or fair, in percent (the figure Resolution 20 sets targets for); nil when none is rated.
    public var goodFairPercent: Double? {
        self["rated"] > 0 ? (self["band.good"] + self["band.fair"]) / self["rated"] * 100 : nil
    }

    /// Share of `part` in `whole` in percent, nil when the whole is zero (a share of nothing is unknown, not 0%).
    public func percent(_ part: String, of whole: String) -> Double? {
        let total = self[whole]
        return total == 0 ? nil : self[part] / total * 100
    }
}
