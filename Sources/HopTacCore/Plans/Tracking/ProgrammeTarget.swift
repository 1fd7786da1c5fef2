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
    /// Where the programme started from, which sizes the change it asks for; without it, the first year with data.
    public var baselineValue: Double?
    /// The programme's own words.
    public var quote: String?

    public init(indicatorCode: String, comparator: TargetComparator, value: Double, valueMax: Double? = nil, unit: TargetUnit,
                horizonYear: Int, baselineYear: Int? = nil, baselineValue: Double? = nil, quote: String? = nil) {
        self.indicatorCode = indicatorCode
        self.comparator = comparator
        self.value = value
        self.valueMax = valueMax
        self.unit = unit
        self.horizonYear = horizonYear
        self.baselineYear = baselineYear
        self.baselineValue = baselineValue
        self.quote = quote
    }

    /// An extracted target once an officer has matched it to an indicator; nil when the extraction found no year.
    public init?(_ extracted: PlanTarget, indicatorCode: String) {
        guard let year = extracted.year else { return nil }
        self.init(indicatorCode: indicatorCode, comparator: extracted.comparator, value: extracted.value, valueMax: extracted.valueMax,
                  unit: extracted.unit, horizonYear: year, baselineYear: extracted.baselineYear, quote: extracted.quote)
    }

    /// Assesses the target on the indicator computed from yearly figures.
    public func assess(_ indicator: IndicatorDefinition, figures: [Int: Figures], currentYear: Int) -> TargetAssessment {
        TargetAssessment(target: self, series: indicator.values(in: figures, baselineYear: baselineYear), currentYear: currentYear)
    }

    enum CodingKeys: String, CodingKey {
        case indicatorCode = "indicator_code", comparator, value, valueMax = "value_max", unit, horizonYear = "horizon_year"
        case baselineYear = "baseline_year", baselineValue = "baseline_value", quote
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
/// `about` accepts ±5% of the value; `=` means reaching the value, so it reads as ≤ when the programme starts above it.
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
    /// The value the trend line gives for the horizon year; nil once the horizon has passed or without data.
    public var projection: Double?
    /// How far the judged value (the projection, or the value at a passed horizon) is from the target; 0 when it satisfies it
    /// or the target is already achieved.
    public var shortfall: Double?
    public var status: TargetStatus
    /// One Vietnamese sentence with the figures behind the status.
    public var reason: String

    public init(target: ProgrammeTarget, series: [Int: Double], currentYear: Int) {
        let trend = series.filter { $0.key <= currentYear }.sorted { $0.key < $1.key }.map { Point(year: $0.key, value: $0.value) }
        let start = target.baselineValue ?? target.baselineYear.flatMap { series[$0] } ?? trend.first?.value
        self.target = target
        self.trend = trend
        current = trend.last
        let verdict = Self.judge(target, trend: trend, goal: Goal(target, start: start), start: start, currentYear: currentYear)
        status = verdict.status
        projection = verdict.projection
        shortfall = verdict.shortfall
        reason = verdict.reason
    }

    private static func judge(_ target: ProgrammeTarget, trend: [Point], goal: Goal, start: Double?, currentYear: Int)
        -> (status: TargetStatus, projection: Double?, shortfall: Double?, reason: String) {
        let horizon = target.horizonYear
        let unit = target.unit
        func noData(upTo year: Int) -> (TargetStatus, Double?, Double?, String) {
            (.noData, nil, nil, "Chưa có số liệu đến năm \(year) để đánh giá mục tiêu \(goal.requirement) năm \(horizon).")
        }
        if currentYear > horizon {
            guard let judged = trend.last(where: { $0.year <= horizon }) else { return noData(upTo: horizon) }
            let met = goal.isMet(by: judged.value)
            let reason = "Đến hạn \(horizon): \(goal.judging(judged.value, year: judged.year)) — " + (met ? "đã đạt." : "không đạt.")
            return (met ? .achieved : .offTrack, nil, goal.gap(judged.value), reason)
        }
        guard let current = trend.last else { return noData(upTo: currentYear) }
        let now = "Hiện \(TrackingText.amount(current.value, unit)) (\(current.year))"
        let projected = linearProjection(trend, to: horizon, unit: unit)
        if goal.isMet(by: current.value) {
            return (.achieved, projected, 0, now + " \(goal.requirement) — đã đạt mục tiêu năm \(horizon).")
        }
        let gap = goal.gap(projected)
        if trend.count == 1 {
            let reason = now + ", chưa đạt \(goal.requirement); mới có số liệu một năm nên chưa dự báo được xu hướng — có nguy cơ không đạt."
            return (.atRisk, projected, gap, reason)
        }
        let forecast = now + "; dự báo \(horizon): " + goal.judging(projected)
        if goal.isMet(by: projected) {
            return (.onTrack, projected, gap, forecast + " — đạt theo xu hướng.")
        }
        let needed = start.map(goal.distanceToBoundary) ?? 0
        let nearly = gap <= 0.1 * needed
        let reason = forecast + " (còn cách \(TrackingText.difference(gap, unit))) — " + (nearly ? "có nguy cơ không đạt." : "chậm tiến độ.")
        return (nearly ? .atRisk : .offTrack, projected, gap, reason)
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

/// The values that satisfy a target, and how far a value is from them.
struct Goal {
    enum Side { case atLeast, atMost }
    enum Bound { case one(Side, Double, strict: Bool), interval(Double, Double) }

    let bound: Bound
    let unit: TargetUnit
    /// Shown after the value: "≥ 60%", "trong khoảng 20–30%".
    let requirement: String

    init(_ target: ProgrammeTarget, start: Double?) {
        unit = target.unit
        let value = target.value
        let text = TrackingText.amount(value, target.unit)
        switch target.comparator {
        case .atLeast: bound = .one(.atLeast, value, strict: false); requirement = "≥ " + text
        case .above: bound = .one(.atLeast, value, strict: true); requirement = "> " + text
        case .atMost: bound = .one(.atMost, value, strict: false); requirement = "≤ " + text
        case .below: bound = .one(.atMost, value, strict: true); requirement = "< " + text
        case .equal:
            // Programmes write "đạt 100%" or "còn 5%": reaching the value from whichever side the programme starts.
            let side: Side = (start ?? value) > value ? .atMost : .atLeast
            bound = .one(side, value, strict: false)
            requirement = (side == .atLeast ? "≥ " : "≤ ") + text
        case .about:
            let margin = abs(value) * 0.05
            bound = .interval(value - margin, value + margin)
            requirement = "trong khoảng \(text) ± 5%"
        case .range:
            let other = target.valueMax ?? value
            bound = .interval(min(value, other), max(value, other))
            requirement = "trong khoảng \(TrackingText.number(min(value, other), unit))–\(TrackingText.amount(max(value, other), unit))"
        }
    }

    func isMet(by x: Double) -> Bool {
        // Shares and multiples come out of divisions: 59.99999999 is 60 for a "≥ 60%" target.
        let tolerance = 1e-9
        switch bound {
        case .one(.atLeast, let t, let strict): return strict ? x > t + tolerance : x >= t - tolerance
        case .one(.atMost, let t, let strict): return strict ? x < t - tolerance : x <= t + tolerance
        case .interval(let low, let high): return x >= low - tolerance && x <= high + tolerance
        }
    }

    /// How far `x` is from the values that satisfy the target (0 inside them, and on the edge of a strict bound).
    func gap(_ x: Double) -> Double {
        switch bound {
        case .one(.atLeast, let t, _): max(0, t - x)
        case .one(.atMost, let t, _): max(0, x - t)
        case .interval(let low, let high): max(0, low - x, x - high)
        }
    }

    /// The change asked of a programme starting at `x`: its distance to the nearest edge of the target.
    func distanceToBoundary(_ x: Double) -> Double {
        switch bound {
        case .one(_, let t, _): abs(t - x)
        case .interval(let low, let high): min(abs(x - low), abs(x - high))
        }
    }

    /// "71,3% ≥ 60%" or "45% (2025), chưa đạt ≥ 60%".
    func judging(_ x: Double, year: Int? = nil) -> String {
        let amount = TrackingText.amount(x, unit) + (year.map { " (\($0))" } ?? "")
        return isMet(by: x) ? amount + " " + requirement : amount + ", chưa đạt " + requirement
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
