import Foundation

/// A target of an action programme tied to an indicator: "trên 60% tổ chức đạt loại tốt, khá" by 2030.
public struct ProgrammeTarget: Codable, Sendable, Equatable {
    public var indicatorCode: String
    public var comparator: TargetComparator
    public var value: Double
    /// The upper end of a range, nil otherwise.
    public var valueMax: Double?
    public var unit: TargetUnit
    public var horizonYear: Int
    /// The year a multiple is measured against ("so với năm 2020").
    public var baselineYear: Int?
    /// Where the programme started from, which sizes the change it asks for; without it, the baseline year's value, else the
    /// first year with data. For a multiple it is what is multiplied, in the baseline year (75 for "thu nhập 75 triệu đồng
    /// năm 2020"), entered by the officer because the figures seldom reach back that far.
    public var baselineValue: Double?
    /// The programme's own words.
    public var quote: String?
    /// The agency that reports the values of a target nothing in the data measures (a `reported` indicator).
    public var reportingAgency: String?

    public init(indicatorCode: String, comparator: TargetComparator, value: Double, valueMax: Double? = nil, unit: TargetUnit,
                horizonYear: Int, baselineYear: Int? = nil, baselineValue: Double? = nil, quote: String? = nil, reportingAgency: String? = nil) {
        self.indicatorCode = indicatorCode
        self.comparator = comparator
        self.value = value
        self.valueMax = valueMax
        self.unit = unit
        self.horizonYear = horizonYear
        self.baselineYear = baselineYear
        self.baselineValue = baselineValue
        self.quote = quote
        self.reportingAgency = reportingAgency
    }

    /// An extracted target once an officer has matched it to an indicator; nil when the extraction found no year.
    public init?(_ extracted: PlanTarget, indicatorCode: String) {
        guard let year = extracted.year else { return nil }
        self.init(indicatorCode: indicatorCode, comparator: extracted.comparator, value: extracted.value, valueMax: extracted.valueMax,
                  unit: extracted.unit, horizonYear: year, baselineYear: extracted.baselineYear, quote: extracted.quote)
    }

    /// Assesses the target on the indicator computed from yearly figures.
    public func assess(_ indicator: IndicatorDefinition, figures: [Int: Figures], currentYear: Int) -> TargetAssessment {
        TargetAssessment(target: self, series: series(of: indicator, in: figures), currentYear: currentYear)
    }

    /// The indicator in each year. A multiple is taken over the baseline value when the officer entered one, since it is
    /// the officer's statement of the baseline and the figures seldom reach back to it; else over the baseline year's figures.
    func series(of indicator: IndicatorDefinition, in figures: [Int: Figures]) -> [Int: Double] {
        guard case .multipleOfBaseline(let keys, _) = indicator.formula, let base = baselineValue, base > 0 else {
            return indicator.values(in: figures, baselineYear: baselineYear)
        }
        return figures.mapValues { year in keys.reduce(0) { $0 + year[$1] } / base }
    }

    /// The target as people read it: "ít nhất 60%", "khoảng 15%", "20–30%", "duy trì 213", "mỗi năm 1–3",
    /// "1,5–2 lần so với năm 2020"; a stored `=` shows its number as written ("100%"). Pages and assessment sentences both use it.
    public var requirement: String {
        let amount = TrackingText.amount(value, unit)
        let span = valueMax.map { TrackingText.number(min(value, $0), unit) + "–" + TrackingText.amount(max(value, $0), unit) } ?? amount
        let text = switch comparator {
        case .atLeast: "ít nhất " + amount
        case .above: "trên " + amount
        case .atMost: "không quá " + amount
        case .below: "dưới " + amount
        case .equal: amount
        case .about: "khoảng " + amount
        case .range: span
        case .maintain: "duy trì " + amount
        case .perYear: "mỗi năm " + (valueMax == nil ? "ít nhất " + amount : span)
        }
        guard unit == .multipleOfBaseline, let baselineYear else { return text }
        return text + " so với năm \(baselineYear)"
    }

    enum CodingKeys: String, CodingKey {
        case indicatorCode = "indicator_code", comparator, value, valueMax = "value_max", unit, horizonYear = "horizon_year"
        case baselineYear = "baseline_year", baselineValue = "baseline_value", quote, reportingAgency = "reporting_agency"
    }
}

extension PlanTarget {
    /// The indicator that most likely measures this target. A rate per year is measured by what is founded in the year (an
    /// indicator over `founded.*` keys), named by the subject or else by the whole clause, since "mỗi năm 1–3 tổ hợp tác"
    /// leaves the founding out of the subject; any other target, or a rate no such indicator names, by its subject.
    public func suggestedIndicator(among definitions: [IndicatorDefinition] = IndicatorDefinition.standard) -> IndicatorDefinition? {
        if comparator == .perYear {
            let yearly = definitions.filter { definition in
                guard case .value(let keys) = definition.formula else { return false }
                return keys.allSatisfy(\.countsFoundings)
            }
            if let found = IndicatorDefinition.suggest(subject: subject, unit: unit, among: yearly)
                ?? IndicatorDefinition.suggest(subject: quote, unit: unit, among: yearly) {
                return found
            }
        }
        return IndicatorDefinition.suggest(subject: subject, unit: unit, among: definitions)
    }
}

public enum TargetStatus: String, Codable, Sendable, CaseIterable {
    case achieved, onTrack = "on_track", atRisk = "at_risk", offTrack = "off_track", noData = "no_data"

    public var label: String {
        switch self {
        case .achieved: "Đã đạt"
        case .onTrack: "Đúng tiến độ"
        case .atRisk: "Có nguy cơ không đạt"
        case .offTrack: "Chậm tiến độ"
        case .noData: "Chưa có số liệu"
        }
    }
}

/// Where a target stands in `currentYear`, judged on the indicator's yearly values.
///
/// - `achieved`: the latest value already satisfies the target (or, once the horizon has passed, the value at the horizon did);
/// - `onTrack`: the least-squares line through the yearly values satisfies it at the horizon;
/// - `atRisk`: the line misses by at most 10% of the change the programme asked for (from the baseline value, else the first
///   year with data, to the target), or there is a single year of data, which shows no trend;
/// - `offTrack`: the line misses by more, or the horizon has passed without the target met;
/// - `noData`: no value up to the current year (up to the horizon once it has passed).
///
/// Targets read as officials read them: "khoảng X" is met from X less the tolerance of `TargetTolerance.about` and a range from
/// its lower end, and going past the tolerance or the upper end is met too, with a reason that says it exceeds ("vượt");
/// `=` (a plain "100%", "74 HTX") and "duy trì" are floors. A rate per year is judged year by year: every year after the
/// baseline year up to the horizon must reach it; one below is off track.
public struct TargetAssessment: Codable, Sendable, Equatable {
    public struct Point: Codable, Sendable, Equatable {
        public var year: Int
        public var value: Double
        public init(year: Int, value: Double) {
            self.year = year
            self.value = value
        }
    }

    public var target: ProgrammeTarget
    /// The latest value in a year up to the current one.
    public var current: Point?
    /// The yearly values up to the current year, oldest first.
    public var trend: [Point]
    /// The value the trend line gives for the horizon year; nil once the horizon has passed, without data, or for a rate per year.
    public var projection: Double?
    /// How far the judged value (the projection, the value at a passed horizon, or a rate's worst year) is from the target;
    /// 0 when it satisfies it or the target is already achieved.
    public var shortfall: Double?
    public var status: TargetStatus
    /// One Vietnamese sentence with the figures behind the status.
    public var reason: String

    public init(target: ProgrammeTarget, series: [Int: Double], currentYear: Int) {
        let trend = series.filter { $0.key <= currentYear }.sorted { $0.key < $1.key }.map { Point(year: $0.key, value: $0.value) }
        // A multiple starts at 1: the baseline year is once itself.
        let start = target.unit == .multipleOfBaseline ? 1
            : target.baselineValue ?? target.baselineYear.flatMap { series[$0] } ?? trend.first?.value
        self.target = target
        self.trend = trend
        current = trend.last
        let goal = Goal(target, start: start)
        let verdict = target.comparator == .perYear
            ? Self.judgeEachYear(target, trend: trend, goal: goal, currentYear: currentYear)
            : Self.judge(target, trend: trend, goal: goal, start: start, currentYear: currentYear)
        status = verdict.status
        projection = verdict.projection
        shortfall = verdict.shortfall
        reason = verdict.reason
    }

    private typealias Verdict = (status: TargetStatus, projection: Double?, shortfall: Double?, reason: String)

    private static func noData(_ target: ProgrammeTarget, upTo year: Int) -> Verdict {
        (.noData, nil, nil, "Chưa có số liệu đến năm \(year) để đánh giá mục tiêu \(target.requirement) đến năm \(target.horizonYear).")
    }

    private static func judge(_ target: ProgrammeTarget, trend: [Point], goal: Goal, start: Double?, currentYear: Int) -> Verdict {
        let horizon = target.horizonYear
        let unit = target.unit
        if currentYear > horizon {
            guard let judged = trend.last(where: { $0.year <= horizon }) else { return noData(target, upTo: horizon) }
            let met = goal.isMet(by: judged.value)
            let reason = "Đến hạn \(horizon): \(goal.judging(judged.value, year: judged.year)) — " + (met ? "đã đạt." : "không đạt.")
            return (met ? .achieved : .offTrack, nil, goal.gap(judged.value), reason)
        }
        guard let current = trend.last else { return noData(target, upTo: currentYear) }
        let projected = linearProjection(trend, to: horizon, unit: unit)
        if goal.isMet(by: current.value) {
            return (.achieved, projected, 0, "Hiện \(goal.judging(current.value, year: current.year)) — đã đạt mục tiêu năm \(horizon).")
        }
        let gap = goal.gap(projected)
        if trend.count == 1 {
            let reason = "Hiện \(goal.judging(current.value, year: current.year)); mới có số liệu một năm nên chưa dự báo được xu hướng"
                + " — có nguy cơ không đạt."
            return (.atRisk, projected, gap, reason)
        }
        let forecast = "Hiện \(TrackingText.amount(current.value, unit)) (\(current.year)); dự báo \(horizon): " + goal.judging(projected)
        if goal.isMet(by: projected) {
            return (.onTrack, projected, gap, forecast + " — đạt theo xu hướng.")
        }
        let needed = start.map(goal.distanceToEdge) ?? 0
        let nearly = gap <= 0.1 * needed
        let reason = forecast + " (còn cách \(TrackingText.difference(gap, unit))) — " + (nearly ? "có nguy cơ không đạt." : "chậm tiến độ.")
        return (nearly ? .atRisk : .offTrack, projected, gap, reason)
    }

    /// A rate per year is owed every year: each year after the baseline year (every year with data without one) up to the
    /// horizon is judged on its own value, and a single year below the rate puts the target off track. Met in every year, it
    /// is achieved once the horizon year is in, on track before.
    private static func judgeEachYear(_ target: ProgrammeTarget, trend: [Point], goal: Goal, currentYear: Int) -> Verdict {
        let horizon = target.horizonYear
        let years = trend.filter { $0.year > (target.baselineYear ?? Int.min) && $0.year <= horizon }
        guard let last = years.last else { return noData(target, upTo: min(currentYear, horizon)) }
        func listed(_ points: [Point]) -> String {
            points.map { "\($0.year) (\(TrackingText.amount($0.value, target.unit)))" }.joined(separator: ", ")
        }
        let passed = currentYear > horizon
        let opening = passed ? "Đến hạn \(horizon): năm " : "Năm "
        let behind = years.filter { !goal.isMet(by: $0.value) }
        if !behind.isEmpty {
            let shortfall = behind.map { goal.gap($0.value) }.max() ?? 0
            let reason = opening + listed(behind) + " dưới mức \(target.requirement) — " + (passed ? "không đạt." : "chậm tiến độ.")
            return (.offTrack, nil, shortfall, reason)
        }
        let exceeded = years.filter { goal.exceeds($0.value) }.map { String($0.year) }
        let reason = opening + listed(years) + (years.count > 1 ? " đều" : "") + " đạt mức \(target.requirement)"
            + (exceeded.isEmpty ? "" : ", vượt ở năm " + exceeded.joined(separator: ", "))
        if passed || last.year == horizon {
            return (.achieved, nil, 0, reason + (passed ? " — đã đạt." : " — đã đạt mục tiêu năm \(horizon)."))
        }
        return (.onTrack, nil, 0, reason + " — đúng tiến độ.")
    }

    /// The least-squares line through the points, read at `year`; flat through a single point. The line is cut at what
    /// the unit allows (no share below 0% or above 100%, no negative count or multiple), so the sentence never shows one.
    static func linearProjection(_ points: [Point], to year: Int, unit: TargetUnit) -> Double {
        let n = Double(points.count)
        let meanX = points.reduce(0) { $0 + Double($1.year) } / n
        let meanY = points.reduce(0) { $0 + $1.value } / n
        let sxx = points.reduce(0) { $0 + (Double($1.year) - meanX) * (Double($1.year) - meanX) }
        let sxy = points.reduce(0) { $0 + (Double($1.year) - meanX) * ($1.value - meanY) }
        let slope = sxx == 0 ? 0 : sxy / sxx
        let line = meanY + slope * (Double(year) - meanX)
        switch unit {
        case .percent: return min(100, max(0, line))
        case .count, .multipleOfBaseline: return max(0, line)
        // Money (a profit) may be negative, and "other" says nothing about its range.
        case .millionVND, .other: return line
        }
    }

    enum CodingKeys: String, CodingKey {
        case target, current, trend, projection, shortfall, status, reason
    }
}

/// The values that satisfy a target and how far a value is from them. Every comparator is one edge to reach: a floor
/// (at least, or above when strict) or a cap (at most, or below when strict).
struct Goal {
    enum Side { case atLeast, atMost }

    let side: Side
    let edge: Double
    let strict: Bool
    /// Above it a met target is exceeded ("vượt"): the upper end of a range or of a rate, or the tolerance above "khoảng X".
    let exceededAbove: Double?
    /// X of "khoảng X", to say when a value below it is met within the tolerance.
    let nominal: Double?
    let unit: TargetUnit
    let requirement: String

    init(_ target: ProgrammeTarget, start: Double?) {
        unit = target.unit
        requirement = target.requirement
        let value = target.value
        let low = min(value, target.valueMax ?? value), high = target.valueMax.map { max(value, $0) }
        nominal = target.comparator == .about ? value : nil
        switch target.comparator {
        case .atLeast, .equal: (side, edge, strict, exceededAbove) = (.atLeast, value, false, nil)
        case .above: (side, edge, strict, exceededAbove) = (.atLeast, value, true, nil)
        case .atMost: (side, edge, strict, exceededAbove) = (.atMost, value, false, nil)
        case .below: (side, edge, strict, exceededAbove) = (.atMost, value, true, nil)
        // "Duy trì" with no level of its own (0) keeps where the programme started.
        case .maintain: (side, edge, strict, exceededAbove) = (.atLeast, value == 0 ? start ?? 0 : value, false, nil)
        case .about:
            let margin = abs(value) * TargetTolerance.about
            (side, edge, strict, exceededAbove) = (.atLeast, value - margin, false, value + margin)
        case .range, .perYear: (side, edge, strict, exceededAbove) = (.atLeast, low, false, high.flatMap { $0 > low ? $0 : nil })
        }
    }

    // Shares and multiples come out of divisions: 59.99999999 is 60 for an "ít nhất 60%" target.
    private static let noise = 1e-9

    func isMet(by x: Double) -> Bool {
        switch side {
        case .atLeast: strict ? x > edge + Self.noise : x >= edge - Self.noise
        case .atMost: strict ? x < edge - Self.noise : x <= edge + Self.noise
        }
    }

    /// Met and past the upper end of a range or rate, or past the tolerance of "khoảng X".
    func exceeds(_ x: Double) -> Bool {
        guard let exceededAbove else { return false }
        return isMet(by: x) && x > exceededAbove + Self.noise
    }

    /// How far `x` is from the values that satisfy the target (0 among them, and on the edge of a strict bound).
    func gap(_ x: Double) -> Double {
        switch side {
        case .atLeast: max(0, edge - x)
        case .atMost: max(0, x - edge)
        }
    }

    /// The change asked of a programme starting at `x`.
    func distanceToEdge(_ x: Double) -> Double {
        abs(edge - x)
    }

    /// "71,3% (2025), đạt mức trên 60%", "26,3%, vượt mức khoảng 15%", "45%, chưa đạt mức ít nhất 60%".
    func judging(_ x: Double, year: Int? = nil) -> String {
        let amount = TrackingText.amount(x, unit) + (year.map { " (\($0))" } ?? "")
        if exceeds(x) { return amount + ", vượt mức " + requirement }
        guard isMet(by: x) else { return amount + ", chưa đạt mức " + requirement }
        let withinTolerance = nominal.map { x < $0 - Self.noise } ?? false
        return amount + ", đạt mức " + requirement
            + (withinTolerance ? " (trong dung sai ±\(VietnameseNumber.format(TargetTolerance.about * 100))%)" : "")
    }
}

/// Figures as the sentences of assessments write them: Vietnamese number marks and the unit's suffix.
private enum TrackingText {
    static func amount(_ value: Double, _ unit: TargetUnit) -> String {
        switch unit {
        case .percent: number(value, unit) + "%"
        case .multipleOfBaseline: number(value, unit) + " lần"
        case .millionVND: number(value, unit) + " triệu đồng"
        case .count, .other: number(value, unit)
        }
    }

    /// The number alone, for the lower end of a range written "20–30%".
    static func number(_ value: Double, _ unit: TargetUnit) -> String {
        // Multiples are small numbers where the second decimal matters (1,25 lần).
        VietnameseNumber.format(value, fractionDigits: unit == .multipleOfBaseline ? 2 : 1)
    }

    /// A difference between two amounts: a gap between percentages is in percentage points, not a percentage.
    static func difference(_ value: Double, _ unit: TargetUnit) -> String {
        unit == .percent ? VietnameseNumber.format(value) + " điểm phần trăm" : amount(value, unit)
    }
}
