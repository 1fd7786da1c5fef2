import Foundation

/// A programme indicator computed from the yearly `Figures` of a unit. Indicators are data (`Resources/plans/indicators.json`,
/// or a province's own file) so that the indicator of a new programme needs no release.
///
/// JSON: `{"code": "htx", "label": "Số hợp tác xã", "unit": "count", "formula": {"kind": "value", "keys": ["htx_registered"]}}`;
/// the other formulas are `{"kind": "share", "numerator": [...], "denominator": [...]}`,
/// `{"kind": "cumulative", "keys": [...], "from": 2021}`, `{"kind": "multiple_of_baseline", "keys": [...], "baseline_year": 2020}`
/// and `{"kind": "reported"}`, a target nothing in the data measures, judged on the values its agency reports.
public struct IndicatorDefinition: Codable, Sendable, Equatable {
    public let code: String
    public let label: String
    public let unit: TargetUnit
    public let formula: Formula
    /// Phrases (diacritics folded) that name this indicator in a plan; `a+b` needs both. Used to suggest an indicator
    /// for each target the extractor finds.
    public var keywords: [String] = []

    public enum Formula: Sendable, Equatable {
        /// The sum of the keys in the year.
        case value(keys: [FigureKey])
        /// The numerator keys over the denominator keys in the year, in percent.
        case share(numerator: [FigureKey], denominator: [FigureKey])
        /// The sum of the keys over every year from `from` through the year.
        case cumulative(keys: [FigureKey], from: Int)
        /// The keys in the year over the same keys in the target's baseline year, else in `defaultBaselineYear`.
        case multipleOfBaseline(keys: [FigureKey], defaultBaselineYear: Int?)
        /// Nothing in the data: the responsible agency reports the value period by period (`ReportedValue`).
        case reported

        var kind: String {
            switch self {
            case .value: "value"
            case .share: "share"
            case .cumulative: "cumulative"
            case .multipleOfBaseline: "multiple_of_baseline"
            case .reported: "reported"
            }
        }
    }

    /// Checks the definition as `init(from:)` does, so that one built in code cannot hold what a file may not.
    public init(code: String, label: String, unit: TargetUnit, formula: Formula) throws {
        self.code = code
        self.label = label
        self.unit = unit
        self.formula = formula
        try validate()
    }

    /// The indicators shipped with the module.
    public static let standard: [IndicatorDefinition] = {
        // The file ships with the module and a test loads it, so a failure here is a broken build, not a user's input.
        do {
            guard let url = Bundle.module.url(forResource: "indicators", withExtension: "json", subdirectory: "plans") else {
                throw PlanTrackingError("Thiếu tệp plans/indicators.json trong gói.")
            }
            return try load(json: Data(contentsOf: url))
        } catch {
            fatalError("\(error)")
        }
    }()

    /// The standard indicator with this code.
    public static func named(_ code: String) -> IndicatorDefinition? {
        standard.first { $0.code == code }
    }

    /// Reads and checks a JSON array of definitions; codes must be unique.
    public static func load(json: Data) throws -> [IndicatorDefinition] {
        let definitions: [IndicatorDefinition]
        do {
            definitions = try JSONDecoder().decode([IndicatorDefinition].self, from: json)
        } catch let error as PlanTrackingError {
            throw error
        } catch {
            throw PlanTrackingError("Tệp chỉ tiêu không đúng cấu trúc (cần một mảng JSON các chỉ tiêu): \(error)")
        }
        var seen: Set<String> = []
        for definition in definitions where !seen.insert(definition.code).inserted {
            throw PlanTrackingError("Mã chỉ tiêu “\(definition.code)” bị trùng.")
        }
        return definitions
    }

    /// The indicator in `year`, nil when it cannot be computed: no figures for a year it needs, or a division by zero.
    public func value(in series: [Int: Figures], year: Int, baselineYear: Int?) -> Double? {
        func sum(_ keys: [FigureKey], _ year: Int) -> Double? {
            series[year].map { figures in keys.reduce(0) { $0 + figures[$1] } }
        }
        switch formula {
        case .value(let keys):
            return sum(keys, year)
        case .share(let numerator, let denominator):
            // A share of nothing is unknown, not 0%.
            guard let part = sum(numerator, year), let whole = sum(denominator, year), whole != 0 else { return nil }
            return part / whole * 100
        case .cumulative(let keys, let from):
            guard from <= year else { return nil }
            var total = 0.0
            for each in from...year {
                // A missing year would make the total look smaller than it is, so the total is unknown instead.
                guard let value = sum(keys, each) else { return nil }
                total += value
            }
            return total
        case .multipleOfBaseline(let keys, let defaultBaselineYear):
            guard let base = baselineYear ?? defaultBaselineYear, let now = sum(keys, year), let then = sum(keys, base), then != 0
            else { return nil }
            return now / then
        case .reported:
            return nil
        }
    }

    /// Measured on values an agency reports rather than on figures.
    public var isReported: Bool { formula == .reported }

    /// The indicator in every year of `series` where it can be computed, as target assessments take it.
    public func values(in series: [Int: Figures], baselineYear: Int?) -> [Int: Double] {
        var values: [Int: Double] = [:]
        for year in series.keys {
            values[year] = value(in: series, year: year, baselineYear: baselineYear)
        }
        return values
    }

    enum CodingKeys: String, CodingKey {
        case code, label, unit, formula, keywords
    }

    /// The indicator a target's subject most likely measures: among those of the target's unit (a share is never
    /// measured by a count), the one whose matching phrases are longest, so "thành lập mới … hợp tác xã" beats
    /// "hợp tác xã"; nil when nothing matches.
    public static func suggest(subject: String, unit: TargetUnit, among definitions: [IndicatorDefinition] = standard) -> IndicatorDefinition? {
        let text = " " + foldForSearch(subject) + " "
        var best: (score: Int, definition: IndicatorDefinition)?
        for definition in definitions where definition.unit == unit {
            for alternative in definition.keywords {
                let phrases = alternative.split(separator: "+").map { " " + $0.trimmed + " " }
                guard phrases.allSatisfy({ text.contains($0) }) else { continue }
                let score = phrases.reduce(0) { $0 + $1.count }
                if score > best?.score ?? -1 { best = (score, definition) }
            }
        }
        return best?.definition
    }

    enum FormulaKeys: String, CodingKey {
        case kind, keys, numerator, denominator, from, baselineYear = "baseline_year"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let code = (try? container.decode(String.self, forKey: .code))?.trimmed ?? ""
        guard !code.isEmpty else { throw PlanTrackingError("Có chỉ tiêu thiếu mã (code).") }
        func refuse(_ why: String) -> PlanTrackingError { PlanTrackingError("Chỉ tiêu “\(code)”: \(why)") }
        do {
            let unitText = try container.decode(String.self, forKey: .unit)
            guard let unit = TargetUnit(rawValue: unitText) else {
                throw refuse("đơn vị “\(unitText)” không hợp lệ; dùng count, percent, multiple_of_baseline, million_vnd hoặc other.")
            }
            let formula = try container.nestedContainer(keyedBy: FormulaKeys.self, forKey: .formula)
            // `Figures` reads an absent key as 0, so a misspelt key would silently give a zero indicator: refuse it.
            func keys(_ key: FormulaKeys) throws -> [FigureKey] {
                try (formula.decodeIfPresent([String].self, forKey: key) ?? []).map { name in
                    guard let figure = FigureKey(rawValue: name) else { throw refuse("khóa số liệu “\(name)” không có trong danh mục số liệu (xem /figures).") }
                    return figure
                }
            }
            let kind = try formula.decode(String.self, forKey: .kind)
            let decoded: Formula
            switch kind {
            case "value": decoded = .value(keys: try keys(.keys))
            case "share": decoded = .share(numerator: try keys(.numerator), denominator: try keys(.denominator))
            case "cumulative":
                guard let from = try formula.decodeIfPresent(Int.self, forKey: .from) else {
                    throw refuse("công thức cumulative cần năm bắt đầu (from).")
                }
                decoded = .cumulative(keys: try keys(.keys), from: from)
            case "multiple_of_baseline":
                decoded = .multipleOfBaseline(keys: try keys(.keys),
                                              defaultBaselineYear: try formula.decodeIfPresent(Int.self, forKey: .baselineYear))
            case "reported": decoded = .reported
            default:
                throw refuse("loại công thức “\(kind)” không hợp lệ; dùng value, share, cumulative, multiple_of_baseline hoặc reported.")
            }
            try self.init(code: code, label: try container.decode(String.self, forKey: .label), unit: unit, formula: decoded)
            keywords = try container.decodeIfPresent([String].self, forKey: .keywords) ?? []
        } catch let error as PlanTrackingError {
            throw error
        } catch {
            throw refuse("thiếu trường hoặc sai kiểu dữ liệu (\(error)).")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(code, forKey: .code)
        try container.encode(label, forKey: .label)
        try container.encode(unit, forKey: .unit)
        if !keywords.isEmpty { try container.encode(keywords, forKey: .keywords) }
        var nested = container.nestedContainer(keyedBy: FormulaKeys.self, forKey: .formula)
        try nested.encode(formula.kind, forKey: .kind)
        switch formula {
        case .value(let keys):
            try nested.encode(keys, forKey: .keys)
        case .share(let numerator, let denominator):
            try nested.encode(numerator, forKey: .numerator)
            try nested.encode(denominator, forKey: .denominator)
        case .cumulative(let keys, let from):
            try nested.encode(keys, forKey: .keys)
            try nested.encode(from, forKey: .from)
        case .multipleOfBaseline(let keys, let defaultBaselineYear):
            try nested.encode(keys, forKey: .keys)
            try nested.encodeIfPresent(defaultBaselineYear, forKey: .baselineYear)
        case .reported:
            break
        }
    }

    private func validate() throws {
        func refuse(_ why: String) -> PlanTrackingError { PlanTrackingError("Chỉ tiêu “\(code)”: \(why)") }
        guard !code.trimmed.isEmpty else { throw PlanTrackingError("Có chỉ tiêu thiếu mã (code).") }
        guard !label.trimmed.isEmpty else { throw refuse("thiếu tên (label).") }
        let lists: [(name: String, keys: [FigureKey])] = switch formula {
        case .value(let keys), .cumulative(let keys, _), .multipleOfBaseline(let keys, _): [("keys", keys)]
        case .share(let numerator, let denominator): [("numerator", numerator), ("denominator", denominator)]
        case .reported: []
        }
        for list in lists where list.keys.isEmpty {
            throw refuse("công thức \(formula.kind) cần ít nhất một khóa số liệu (\(list.name)).")
        }
    }
}
