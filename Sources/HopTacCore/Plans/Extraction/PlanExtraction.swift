import Foundation

/// Targets and tasks found in a plan document, each pointing at the line it was read from.
public struct PlanExtraction: Codable, Sendable, Equatable {
    public var targets: [PlanTarget]
    public var tasks: [PlanTask]
    /// The years the document says it covers ("giai đoạn 2021 - 2025"), nil when its opening names none.
    public var period: PlanPeriod?

    public init(targets: [PlanTarget] = [], tasks: [PlanTask] = [], period: PlanPeriod? = nil) {
        self.targets = targets
        self.tasks = tasks
        self.period = period
    }
}

/// The period a plan covers, as its title or opening states it, with the line that says so.
public struct PlanPeriod: Codable, Sendable, Equatable {
    public var from: Int
    public var to: Int
    public var line: Int

    public init(from: Int, to: Int, line: Int) {
        self.from = from
        self.to = to
        self.line = line
    }
}

/// How a target's value is to be reached. The raw values are stored (`programme_targets.comparator`): add, never rename.
public enum TargetComparator: String, Codable, Sendable, CaseIterable {
    /// `equal` is what older rows hold for a plain "100%" or "74 HTX": reaching the value, so it is judged as `atLeast`.
    case atLeast = ">=", above = ">", atMost = "<=", below = "<", equal = "=", about, range
    /// "duy trì 213 THT": keep at least that level.
    case maintain
    /// "mỗi năm 1–3 THT": the value (to `valueMax` for a range) in each year, judged year by year.
    case perYear = "per_year"

    /// Whether `valueMax` is part of the target: the upper end of a range, also of a yearly rate.
    public var hasUpperEnd: Bool { self == .range || self == .perYear }
}

public enum TargetUnit: String, Codable, Sendable {
    case count, percent, multipleOfBaseline = "multiple_of_baseline", millionVND = "million_vnd", other
}

public enum TaskFrequency: String, Codable, Sendable {
    case once, ongoing, annual, quarterly, monthly, weekly
}

/// An indicator with a value to reach: "trên 60% tổ chức kinh tế tập thể đạt loại tốt, khá" by 2030.
public struct PlanTarget: Codable, Sendable, Equatable {
    /// What a target, its baseline or a commune's share of it may be: no plan counts below zero or past a trillion, and
    /// values in this range stay exact through every sum, share and chart.
    public static let valueRange: ClosedRange<Double> = 0...1_000_000_000_000

    public var line: Int
    public var quote: String
    public var subject: String
    public var comparator: TargetComparator
    public var value: Double
    /// The upper end of a range, nil otherwise.
    public var valueMax: Double?
    public var unit: TargetUnit
    public var year: Int?
    /// The year a multiple or an increase is measured against ("so với năm 2020").
    public var baselineYear: Int?
    /// The rule that matched, to explain the extraction.
    public var rule: String?

    public init(line: Int, quote: String, subject: String, comparator: TargetComparator, value: Double, valueMax: Double? = nil,
                unit: TargetUnit, year: Int?, baselineYear: Int? = nil, rule: String? = nil) {
        self.line = line
        self.quote = quote
        self.subject = subject
        self.comparator = comparator
        self.value = value
        self.valueMax = valueMax
        self.unit = unit
        self.year = year
        self.baselineYear = baselineYear
        self.rule = rule
    }

    enum CodingKeys: String, CodingKey {
        case line, quote, subject, comparator, value, valueMax = "value_max", unit, year, baselineYear = "baseline_year", rule
    }

    // Written by hand so that absent values appear as null, which the JSON contract requires.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(line, forKey: .line)
        try container.encode(quote, forKey: .quote)
        try container.encode(subject, forKey: .subject)
        try container.encode(comparator, forKey: .comparator)
        try container.encode(value, forKey: .value)
        try container.encode(valueMax, forKey: .valueMax)
        try container.encode(unit, forKey: .unit)
        try container.encode(year, forKey: .year)
        try container.encode(baselineYear, forKey: .baselineYear)
        try container.encode(rule, forKey: .rule)
    }
}

/// A piece of work assigned in the programme, with who leads it and when it is due or how often it recurs.
public struct PlanTask: Codable, Sendable, Equatable {
    public var line: Int
    public var quote: String
    /// The item's number in the programme ("1", "2.3", "IV"), when it has one.
    public var number: String?
    /// The heading of the section the task belongs to.
    public var section: String?
    public var lead: String?
    public var coordinating: [String]
    /// The last day of the period due, `yyyy-MM-dd`; nil for recurring or ongoing work.
    public var deadline: Day?
    public var frequency: TaskFrequency?
    public var rule: String?

    public init(line: Int, quote: String, number: String? = nil, section: String? = nil, lead: String?, coordinating: [String] = [],
                deadline: Day? = nil, frequency: TaskFrequency? = nil, rule: String? = nil) {
        self.line = line
        self.quote = quote
        self.number = number
        self.section = section
        self.lead = lead
        self.coordinating = coordinating
        self.deadline = deadline
        self.frequency = frequency
        self.rule = rule
    }

    enum CodingKeys: String, CodingKey {
        case line, quote, number, section, lead, coordinating, deadline, frequency, rule
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        line = try container.decode(Int.self, forKey: .line)
        quote = try container.decodeIfPresent(String.self, forKey: .quote) ?? ""
        number = try container.decodeIfPresent(String.self, forKey: .number)
        section = try container.decodeIfPresent(String.self, forKey: .section)
        lead = try container.decodeIfPresent(String.self, forKey: .lead)
        coordinating = try container.decodeIfPresent([String].self, forKey: .coordinating) ?? []
        deadline = try container.decodeIfPresent(Day.self, forKey: .deadline)
        frequency = try container.decodeIfPresent(TaskFrequency.self, forKey: .frequency)
        rule = try container.decodeIfPresent(String.self, forKey: .rule)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(line, forKey: .line)
        try container.encode(quote, forKey: .quote)
        try container.encode(number, forKey: .number)
        try container.encode(section, forKey: .section)
        try container.encode(lead, forKey: .lead)
        try container.encode(coordinating, forKey: .coordinating)
        try container.encode(deadline, forKey: .deadline)
        try container.encode(frequency, forKey: .frequency)
        try container.encode(rule, forKey: .rule)
    }
}
