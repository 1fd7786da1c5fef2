/// Yearly classification of a collective organisation by a rubric (Circular 01/2020/TT-BKHĐT by default).
/// Runs over every report of the country at once, so scoring only compares numbers; explanations are written when read.
public enum Classifier {
    public static func classify(report: AnnualReport, previous: AnnualReport?, organizationType: OrganizationType,
                                rubric: Rubric = .tt01_2020) -> ClassificationResult {
        var reasons: [String] = []
        if let reason = rubric.excludedTypes[organizationType] { reasons.append(reason) }
        if report.monthsOperated < rubric.minimumMonthsOperated {
            reasons.append("Hoạt động \(report.monthsOperated) tháng trong năm (dưới \(rubric.minimumMonthsOperated) tháng): chưa xếp loại.")
        }
        if report.monthsSuspended > rubric.maximumMonthsSuspended {
            reasons.append("Tạm ngừng hoạt động \(report.monthsSuspended) tháng trong năm (quá \(rubric.maximumMonthsSuspended) tháng): không xếp loại.")
        }
        guard reasons.isEmpty else {
            return ClassificationResult(rubricVersion: rubric.version, scores: [], total: 0, computedBand: nil, notRatedReasons: reasons)
        }
        var scores: [CriterionScore] = []
        scores.reserveCapacity(rubric.items.count)
        var total = 0.0
        for item in rubric.items {
            let score = item.score(report, previous)
            total += score.points
            scores.append(score)
        }
        // Self-assessed points may carry decimals; rounding keeps 79.99999… from falling out of a band.
        total = (total * 1_000_000).rounded() / 1_000_000
        return ClassificationResult(rubricVersion: rubric.version, scores: scores, total: total,
                                    computedBand: rubric.band(for: total), notRatedReasons: [])
    }
}

public struct ClassificationResult: Sendable {
    public let rubricVersion: String
    /// One line per rubric item, in rubric order; empty when not rated.
    public let scores: [CriterionScore]
    public let total: Double
    /// The band the points give; nil when the organisation is not rated.
    public let computedBand: Band?
    public let notRatedReasons: [String]
    public private(set) var override: ClassificationOverride?

    /// The band that counts: the override's when there is one, otherwise the computed one.
    public var band: Band? { override?.band ?? computedBand }

    /// Points of a criterion ("TC3"), summing its sub-items.
    public func points(forCriterion code: String) -> Double {
        scores.reduce(0) { $1.item.criterion == code ? $0 + $1.points : $0 }
    }

    /// The same result with a decision of an authorised officer on top; the computed band stays visible.
    public func overridden(by override: ClassificationOverride) throws -> ClassificationResult {
        guard !override.reason.trimmed.isEmpty else { throw ReportingError("Cần ghi lý do điều chỉnh xếp loại.") }
        guard !override.by.trimmed.isEmpty else { throw ReportingError("Cần ghi người quyết định điều chỉnh xếp loại.") }
        var result = self
        result.override = override
        return result
    }
}

/// A band set by hand, with why and by whom.
public struct ClassificationOverride: Codable, Sendable, Equatable {
    public let band: Band
    public let reason: String
    public let by: String

    public init(band: Band, reason: String, by: String) {
        self.band = band
        self.reason = reason
        self.by = by
    }
}

/// The points of one rubric line for one report, with what they were computed from.
public struct CriterionScore: Sendable {
    public let item: RubricItem
    public let points: Double
    let measure: Measure

    /// What was measured, in numbers only; the sentence is built from it when someone reads it.
    enum Measure: Sendable {
        case number(Double, matched: Threshold?, lastYearUsed: Bool)
        case growth(percent: Double, matched: Threshold?)
        case noPreviousReport
        case previousZero
        case share(percent: Double, matched: Threshold?)
        case noDenominator
        case count(Int)
        /// Bit i set when flag i of the method was met.
        case flags(met: Int)
        case selfAssessed(Double?)
    }

    /// Why these points, e.g. "Tổng nguồn vốn tăng 12,5% so với năm trước (≥ 10%): 1/1 điểm".
    public var explanation: String {
        let outcome = ": \(VietnameseNumber.format(points, fractionDigits: 2))/\(VietnameseNumber.format(item.max, fractionDigits: 2)) điểm"
        switch (measure, item.method) {
        case (.number(let value, let matched, let lastYearUsed), .average(let field, _)),
             (.number(let value, let matched, let lastYearUsed), .value(let field, _)):
            let basis = lastYearUsed ? "" : ", chưa có báo cáo năm trước nên lấy số cuối năm"
            return "\(item.name) \(field.describe(value)) (\(Self.describe(matched, field.describe))\(basis))" + outcome
        case (.growth(let percent, let matched), .growth(let field, _)):
            let change = percent == 0 ? "không đổi" : "\(percent > 0 ? "tăng" : "giảm") \(Self.percent(abs(percent)))"
            return "\(field.label) \(change) so với năm trước (\(Self.describe(matched, Self.percent)))" + outcome
        case (.noPreviousReport, .growth(let field, _)):
            return "Chưa có báo cáo năm trước để so sánh \(field.label.lowercasedFirst)" + outcome
        case (.previousZero, .growth(let field, _)):
            return "\(field.label) năm trước bằng 0, không tính được mức tăng" + outcome
        case (.share(let percent, let matched), .share):
            return "\(item.name) \(Self.percent(percent)) (\(Self.describe(matched, Self.percent)))" + outcome
        case (.noDenominator, .share(_, let denominator, _)):
            return "\(denominator.label) bằng 0, không tính được tỷ lệ" + outcome
        case (.count(let count), .deduction(let field, let perUnit)):
            return "\(field.label): \(VietnameseNumber.format(count)) \(field.unit), trừ \(VietnameseNumber.format(perUnit, fractionDigits: 2)) điểm mỗi \(field.unit)" + outcome
        case (.flags(let met), .flags(let flags)):
            let yes = flags.indices.filter { met & (1 << $0) != 0 }.map { flags[$0].label }
            let no = flags.indices.filter { met & (1 << $0) == 0 }.map { flags[$0].label }
            let parts = (yes.isEmpty ? [] : ["Có " + yes.joined(separator: ", ")]) + (no.isEmpty ? [] : ["chưa có " + no.joined(separator: ", ")])
            return parts.joined(separator: "; ").capitalizedFirst + outcome
        case (.selfAssessed(nil), _):
            return "Chưa tự chấm" + outcome
        case (.selfAssessed(let claimed?), _):
            let note = claimed > item.max ? ", vượt mức tối đa" : claimed < 0 ? ", dưới 0" : ""
            return "Tự chấm \(VietnameseNumber.format(claimed, fractionDigits: 2)) điểm\(note)" + outcome
        default:
            return item.name + outcome
        }
    }

    private static func percent(_ value: Double) -> String { VietnameseNumber.format(value, fractionDigits: 2) + "%" }

    private static func describe(_ matched: Threshold?, _ format: (Double) -> String) -> String {
        guard let matched else { return "dưới mức tính điểm" }
        return (matched.inclusive ? "≥ " : "> ") + format(matched.bound)
    }
}

extension RubricItem {
    /// Points of this line for one report: number comparisons only.
    func score(_ report: AnnualReport, _ previous: AnnualReport?) -> CriterionScore {
        func scored(_ points: Double, _ measure: CriterionScore.Measure) -> CriterionScore {
            CriterionScore(item: self, points: points, measure: measure)
        }
        func graded(_ value: Double, _ thresholds: [Threshold]) -> Threshold? { thresholds.first { $0.admits(value) } }
        switch method {
        case .value(let field, let thresholds):
            let value = field.number(in: report) ?? 0
            let matched = graded(value, thresholds)
            return scored(matched?.points ?? 0, .number(value, matched: matched, lastYearUsed: true))
        case .average(let field, let thresholds):
            let current = field.number(in: report) ?? 0
            let value = previous.map { (current + (field.number(in: $0) ?? 0)) / 2 } ?? current
            let matched = graded(value, thresholds)
            return scored(matched?.points ?? 0, .number(value, matched: matched, lastYearUsed: previous != nil))
        case .growth(let field, let thresholds):
            guard let previous else { return scored(0, .noPreviousReport) }
            let before = field.number(in: previous) ?? 0
            guard before > 0 else { return scored(0, .previousZero) }
            let percent = ((field.number(in: report) ?? 0) - before) / before * 100
            let matched = graded(percent, thresholds)
            return scored(matched?.points ?? 0, .growth(percent: percent, matched: matched))
        case .share(let numerator, let denominator, let thresholds):
            let whole = denominator.number(in: report) ?? 0
            guard whole > 0 else { return scored(0, .noDenominator) }
            let percent = (numerator.number(in: report) ?? 0) / whole * 100
            let matched = graded(percent, thresholds)
            return scored(matched?.points ?? 0, .share(percent: percent, matched: matched))
        case .deduction(let field, let perUnit):
            let count = Int(field.number(in: report) ?? 0)
            return scored(Swift.max(0, max - Double(Swift.max(0, count)) * perUnit), .count(count))
        case .flags(let flags):
            var met = 0
            var points = 0.0
            for (index, flag) in flags.enumerated() where (flag.field.number(in: report) ?? 0) > 0 {
                met |= 1 << index
                points += flag.points
            }
            return scored(Swift.min(points, max), .flags(met: met))
        case .selfAssessed:
            let claimed = report.selfAssessedPoints[code]
            return scored(Swift.min(Swift.max(claimed ?? 0, 0), max), .selfAssessed(claimed))
        }
    }
}

extension String {
    /// "có …" → "Có …" at the start of a sentence.
    public var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
