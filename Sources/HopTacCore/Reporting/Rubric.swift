import Foundation

/// A classification rubric, read from a versioned JSON file (`Resources/rubrics/<version>.json`) and checked once, so that
/// a new circular is a new file rather than new code, and scoring a report does no decoding or lookups by name.
public struct Rubric: Sendable {
    public let version: String
    public let title: String
    /// Highest minimum first; the lowest band starts at 0 or below, so every total has a band.
    public let bands: [Band]
    public let groups: [Group]
    /// The scored lines in file order: a criterion's sub-items, or the criterion itself when it has none.
    public let items: [RubricItem]
    public let minimumMonthsOperated: Int
    public let maximumMonthsSuspended: Int
    /// Types rated elsewhere, with the reason shown (QTDND are rated by the State Bank).
    public let excludedTypes: [OrganizationType: String]

    /// The fields scored against the year before (averages and growth): all that scoring reads of last year's report.
    public var fieldsComparedWithPreviousYear: [ReportField] {
        var fields: [ReportField] = []
        for item in items {
            switch item.method {
            case .average(let field, _), .growth(let field, _): if !fields.contains(field) { fields.append(field) }
            default: break
            }
        }
        return fields
    }

    public struct Group: Sendable {
        public let code: String
        public let name: String
        public let max: Double
        public let assumed: Bool
        public let criteria: [Criterion]
    }

    public struct Criterion: Sendable {
        public let code: String
        public let name: String
        public let max: Double
        /// True when the maximum or the scoring of this criterion could not be checked against the circular.
        public let assumed: Bool
    }

    /// The rubric of Circular 01/2020/TT-BKHĐT shipped with the module.
    public static let tt01_2020: Rubric = {
        do { return try bundled(version: "TT01-2020") } catch { fatalError("\(error)") }
    }()

    /// The versions shipped as `Resources/rubrics/<version>.json`.
    public static var bundledVersions: [String] {
        let folder = Bundle.module.resourceURL?.appendingPathComponent("reporting/rubrics")
        let names = folder.flatMap { try? FileManager.default.contentsOfDirectory(atPath: $0.path) } ?? []
        return names.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
    }

    public static func bundled(version: String) throws -> Rubric {
        try Rubric(json: bundledDefinition(version: version))
    }

    /// The JSON of a shipped version, as the database keeps it.
    public static func bundledDefinition(version: String) throws -> Data {
        guard let url = Bundle.module.url(forResource: version, withExtension: "json", subdirectory: "reporting/rubrics") else {
            throw ReportingError("Không có bảng tiêu chí phiên bản “\(version)”.")
        }
        return try Data(contentsOf: url)
    }

    public init(json: Data) throws {
        let file: RubricFile
        do {
            file = try JSONDecoder().decode(RubricFile.self, from: json)
        } catch {
            throw ReportingError("Tệp bảng tiêu chí không đúng cấu trúc: \(error)")
        }
        let name = "Bảng tiêu chí \(file.version)"
        func refuse(_ why: String) -> ReportingError { ReportingError("\(name): \(why)") }

        var groups: [Group] = []
        var items: [RubricItem] = []
        for group in file.groups {
            var criteria: [Criterion] = []
            for criterion in group.criteria {
                let parts = criterion.items ?? []
                let lines: [RubricFile.Item]
                switch (parts.isEmpty, criterion.method) {
                case (false, nil): lines = parts
                case (true, let method?):
                    lines = [.init(code: criterion.code, name: criterion.name, max: criterion.max, assumed: criterion.assumed, method: method)]
                default: throw refuse("\(criterion.code) phải có hoặc các mục con (items) hoặc cách chấm (method), không cả hai.")
                }
                let sum = lines.reduce(0) { $0 + $1.max }
                guard abs(sum - criterion.max) < 1e-9 else {
                    throw refuse("tổng điểm các mục của \(criterion.code) (\(VietnameseNumber.format(sum))) khác điểm tối đa (\(VietnameseNumber.format(criterion.max))).")
                }
                for line in lines {
                    guard !items.contains(where: { $0.code == line.code }) else { throw refuse("mã \(line.code) bị trùng.") }
                    let method = try ScoringMethod(line.method, max: line.max) { refuse("\(line.code): \($0)") }
                    items.append(RubricItem(code: line.code, name: line.name, max: line.max, criterion: criterion.code,
                                            group: group.code, assumed: line.assumed || criterion.assumed, method: method))
                }
                criteria.append(Criterion(code: criterion.code, name: criterion.name, max: criterion.max, assumed: criterion.assumed))
            }
            let sum = criteria.reduce(0) { $0 + $1.max }
            guard abs(sum - group.max) < 1e-9 else {
                throw refuse("tổng điểm các tiêu chí của nhóm \(group.code) (\(VietnameseNumber.format(sum))) khác điểm tối đa (\(VietnameseNumber.format(group.max))).")
            }
            groups.append(Group(code: group.code, name: group.name, max: group.max, assumed: group.assumed, criteria: criteria))
        }

        let bands = file.bands.sorted { $0.minimum > $1.minimum }
        guard let lowest = bands.last, lowest.minimum <= 0 else { throw refuse("mức xếp loại thấp nhất phải bắt đầu từ 0 điểm.") }
        var excluded: [OrganizationType: String] = [:]
        for (key, reason) in file.notRated.excludedTypes ?? [:] {
            guard let type = OrganizationType(rawValue: key) else { throw refuse("loại hình “\(key)” không tồn tại.") }
            excluded[type] = reason
        }
        version = file.version
        title = file.title
        self.bands = bands
        self.groups = groups
        self.items = items
        minimumMonthsOperated = file.notRated.minimumMonthsOperated
        maximumMonthsSuspended = file.notRated.maximumMonthsSuspended
        excludedTypes = excluded
    }

    /// The band a total falls in.
    /// "Tốt, khá", the share Resolution 20 sets targets for: the two highest bands of the rubric.
    public var goodOrFair: [Band] { Array(bands.prefix(2)) }

    public func band(for total: Double) -> Band {
        bands.first { total >= $0.minimum } ?? bands[bands.count - 1]
    }

    /// What people read for a stored band code: the rubric's label ("Tốt"); "Chưa xếp loại" when there is none
    /// (not rated, not classified yet), so that no code ("good", "not_rated") reaches a page or a download.
    public func label(ofBand code: String?) -> String {
        code.flatMap { code in bands.first { $0.code == code }?.label } ?? "Chưa xếp loại"
    }
}

/// A rating band, e.g. Tốt from 80 points.
public struct Band: Codable, Sendable, Equatable {
    public let code: String
    public let label: String
    public let minimum: Double

    public init(code: String, label: String, minimum: Double) {
        self.code = code
        self.label = label
        self.minimum = minimum
    }
}

/// One scored line of a rubric. A class so that every report's scores point at it instead of copying it.
public final class RubricItem: Sendable {
    public let code: String
    public let name: String
    public let max: Double
    public let criterion: String
    public let group: String
    /// True when the thresholds or the points of this line are a sensible choice, not read in the circular.
    public let assumed: Bool
    public let method: ScoringMethod

    init(code: String, name: String, max: Double, criterion: String, group: String, assumed: Bool, method: ScoringMethod) {
        self.code = code
        self.name = name
        self.max = max
        self.criterion = criterion
        self.group = group
        self.assumed = assumed
        self.method = method
    }
}

/// The small, fixed vocabulary of scoring formulas a rubric file may use.
public enum ScoringMethod: Sendable {
    /// Thresholds on (this year + last year) / 2, or on this year alone without last year's report.
    case average(ReportField, [Threshold])
    /// Thresholds on the percent change from last year's report.
    case growth(ReportField, [Threshold])
    /// Thresholds on this year's value.
    case value(ReportField, [Threshold])
    /// Thresholds on numerator / denominator in percent.
    case share(numerator: ReportField, denominator: ReportField, [Threshold])
    /// The maximum less `perUnit` for each unit of the field (each violation, each dispute), not below 0.
    case deduction(ReportField, perUnit: Double)
    /// Points for each field that is true or above 0, up to the maximum.
    case flags([Flag])
    /// The report's own points for this line, kept between 0 and the maximum.
    case selfAssessed

    public struct Flag: Sendable {
        public let field: ReportField
        public let points: Double
        /// How the flag reads in an explanation ("sản phẩm OCOP").
        public let label: String
    }

    /// `fail` builds the error for a problem, so that the message names the line.
    init(_ source: RubricFile.Method, max: Double, fail: (String) -> ReportingError) throws {
        func field(_ key: String?) throws -> ReportField {
            guard let key, let field = ReportField(rawValue: key), field.kind != .text else {
                throw fail("chỉ tiêu “\(key ?? "")” không có hoặc không phải là số.")
            }
            return field
        }
        func thresholds() throws -> [Threshold] {
            let list = try (source.thresholds ?? []).map { t -> Threshold in
                guard (t.atLeast == nil) != (t.above == nil) else { throw fail("mỗi ngưỡng cần đúng một trong at_least hoặc above.") }
                guard t.points >= 0, t.points <= max else { throw fail("điểm của ngưỡng phải từ 0 đến \(VietnameseNumber.format(max)).") }
                return Threshold(bound: t.atLeast ?? t.above!, inclusive: t.atLeast != nil, points: t.points)
            }
            guard !list.isEmpty else { throw fail("chưa có ngưỡng chấm điểm (thresholds).") }
            // Highest bound first, so that the first admitted threshold is the best one reached.
            return list.sorted { ($0.bound, $0.inclusive ? 0 : 1) > ($1.bound, $1.inclusive ? 0 : 1) }
        }
        switch source.kind {
        case "average": self = .average(try field(source.field), try thresholds())
        case "growth": self = .growth(try field(source.field), try thresholds())
        case "value": self = .value(try field(source.field), try thresholds())
        case "share": self = .share(numerator: try field(source.numerator), denominator: try field(source.denominator), try thresholds())
        case "deduction":
            guard let perUnit = source.perUnit, perUnit > 0 else { throw fail("cần số điểm trừ mỗi lần (per_unit) lớn hơn 0.") }
            self = .deduction(try field(source.field), perUnit: perUnit)
        case "flags":
            let flags = try (source.flags ?? []).map { flag in
                let f = try field(flag.field)
                return Flag(field: f, points: flag.points, label: flag.label ?? f.label.lowercasedFirst)
            }
            guard !flags.isEmpty else { throw fail("chưa có danh sách chỉ tiêu (flags).") }
            self = .flags(flags)
        case "self_assessed": self = .selfAssessed
        default:
            throw fail("cách chấm “\(source.kind)” không được hỗ trợ (average, growth, value, share, deduction, flags, self_assessed).")
        }
    }
}

/// "At least 10" or "above 0", worth some points.
public struct Threshold: Sendable, Equatable {
    public let bound: Double
    public let inclusive: Bool
    public let points: Double

    func admits(_ value: Double) -> Bool { inclusive ? value >= bound : value > bound }
}

/// The JSON layout of a rubric file.
struct RubricFile: Decodable {
    let version: String
    let title: String
    let notRated: NotRated
    let bands: [Band]
    let groups: [Group]

    struct NotRated: Decodable {
        let minimumMonthsOperated: Int
        let maximumMonthsSuspended: Int
        let excludedTypes: [String: String]?
        enum CodingKeys: String, CodingKey {
            case minimumMonthsOperated = "minimum_months_operated", maximumMonthsSuspended = "maximum_months_suspended"
            case excludedTypes = "excluded_types"
        }
    }
    struct Group: Decodable {
        let code: String, name: String, max: Double, assumed: Bool
        let criteria: [Criterion]
    }
    struct Criterion: Decodable {
        let code: String, name: String, max: Double, assumed: Bool
        let items: [Item]?
        let method: Method?
    }
    struct Item: Decodable {
        let code: String, name: String, max: Double, assumed: Bool
        let method: Method
    }
    struct Method: Decodable {
        let kind: String
        let field: String?
        let numerator: String?
        let denominator: String?
        let thresholds: [ThresholdSource]?
        let perUnit: Double?
        let flags: [FlagSource]?
        enum CodingKeys: String, CodingKey {
            case kind, field, numerator, denominator, thresholds, flags, perUnit = "per_unit"
        }
    }
    struct ThresholdSource: Decodable {
        let atLeast: Double?
        let above: Double?
        let points: Double
        enum CodingKeys: String, CodingKey { case atLeast = "at_least", above, points }
    }
    struct FlagSource: Decodable {
        let field: String
        let points: Double
        let label: String?
    }

    enum CodingKeys: String, CodingKey { case version, title, notRated = "not_rated", bands, groups }
}

extension RubricItem {
    /// Whether the organisation scores this line itself.
    public var isSelfAssessed: Bool {
        if case .selfAssessed = method { return true }
        return false
    }
}
