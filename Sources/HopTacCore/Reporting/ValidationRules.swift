import Foundation

/// Checks of an annual report kept as data (`validation-rules.json`), in the manner of DHIS2 validation rules:
/// each rule states what must hold, `left operator right`, over report fields and `previous.<field>` (last year's report).
/// A broken error blocks submission; a broken warning requires the report's comment.
public struct ValidationRules: Sendable {
    public let rules: [ValidationRule]

    /// The rules shipped with the module.
    public static let standard: ValidationRules = {
        do {
            let url = Bundle.module.url(forResource: "validation-rules", withExtension: "json", subdirectory: "reporting")!
            return try ValidationRules(json: Data(contentsOf: url))
        } catch {
            fatalError("validation-rules.json: \(error)")
        }
    }()

    public init(json: Data) throws {
        let file = try JSONDecoder().decode(File.self, from: json)
        rules = try file.rules.map(ValidationRule.init)
    }

    public static func evaluate(_ report: AnnualReport, previous: AnnualReport?) -> [ValidationFinding] {
        standard.evaluate(report, previous: previous)
    }

    /// The broken rules, in file order. Rules that need last year's report are skipped when there is none.
    public func evaluate(_ report: AnnualReport, previous: AnnualReport?) -> [ValidationFinding] {
        rules.compactMap { $0.check(report, previous: previous) }
    }

    /// Why these findings stop a submission: errors always, warnings while the comment is empty.
    public static func submissionProblems(_ findings: [ValidationFinding], comment: String) -> [String] {
        let errors = findings.filter { $0.severity == .error }
        let warnings = findings.count - errors.count
        var problems = errors.map(\.message)
        if warnings > 0 && comment.trimmed.isEmpty {
            problems.append("Báo cáo có \(warnings) cảnh báo: cần ghi giải trình trước khi gửi.")
        }
        return problems
    }

    private struct File: Decodable { let rules: [ValidationRule.Source] }
}

public enum Severity: String, Codable, Sendable {
    case error, warning

    public var label: String { self == .error ? "Lỗi" : "Cảnh báo" }
}

/// One broken rule on one report, placed on the first field of the rule's left side.
public struct ValidationFinding: Equatable, Sendable {
    public let ruleId: String
    public let severity: Severity
    public let field: ReportField
    public let message: String
}

public struct ValidationRule: Sendable {
    public let id: String
    public let severity: Severity
    let condition: RuleComparison
    /// Only checked when this also holds, e.g. "last year's revenue above 0".
    let when: RuleComparison?
    let message: String

    struct Source: Decodable {
        let id: String
        let severity: Severity
        let left: String
        let `operator`: String
        let right: String
        let when: ConditionSource?
        let message: String
    }

    struct ConditionSource: Decodable {
        let left: String
        let `operator`: String
        let right: String
    }

    init(_ source: Source) throws {
        id = source.id
        severity = source.severity
        condition = try RuleComparison(source.left, source.operator, source.right, rule: source.id)
        when = try source.when.map { try RuleComparison($0.left, $0.operator, $0.right, rule: source.id) }
        message = source.message
        guard condition.left.fields.first != nil else { throw ReportingError("Quy tắc \(id): vế trái phải có ít nhất một chỉ tiêu.") }
    }

    func check(_ report: AnnualReport, previous: AnnualReport?) -> ValidationFinding? {
        if let when {
            guard let holds = when.holds(report, previous), holds else { return nil }
        }
        guard let holds = condition.holds(report, previous), !holds else { return nil }
        return ValidationFinding(ruleId: id, severity: severity, field: condition.left.fields[0], message: fill(report, previous))
    }

    /// Replaces `{left}`, `{right}`, `{label}`, `{<field>}` and `{previous.<field>}` in the message template.
    private func fill(_ report: AnnualReport, _ previous: AnnualReport?) -> String {
        var out = ""
        var rest = Substring(message)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            out += rest[..<open]
            let name = String(rest[rest.index(after: open)..<close])
            out += value(of: name, report, previous) ?? "{\(name)}"
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }

    private func value(of name: String, _ report: AnnualReport, _ previous: AnnualReport?) -> String? {
        switch name {
        case "left": return condition.left.value(report, previous).map { VietnameseNumber.format($0, fractionDigits: 2) }
        case "right": return condition.right.value(report, previous).map { VietnameseNumber.format($0, fractionDigits: 2) }
        case "label": return condition.left.fields[0].label
        default:
            let isPrevious = name.hasPrefix("previous.")
            guard let field = ReportField(rawValue: isPrevious ? String(name.dropFirst(9)) : name),
                  let source = isPrevious ? previous : report, let number = field.number(in: source)
            else { return nil }
            return field.describe(number)
        }
    }
}

/// `left operator right`; nil when a side needs last year's report and there is none.
struct RuleComparison: Sendable {
    let left: RuleExpression
    let right: RuleExpression
    let compare: @Sendable (Double, Double) -> Bool

    init(_ left: String, _ op: String, _ right: String, rule: String) throws {
        self.left = try RuleExpression(left, rule: rule)
        self.right = try RuleExpression(right, rule: rule)
        switch op {
        case "<=": compare = { $0 <= $1 }
        case "<": compare = { $0 < $1 }
        case ">=": compare = { $0 >= $1 }
        case ">": compare = { $0 > $1 }
        case "==": compare = { $0 == $1 }
        case "!=": compare = { $0 != $1 }
        default: throw ReportingError("Quy tắc \(rule): phép so sánh “\(op)” không hợp lệ (dùng <=, <, >=, >, ==, !=).")
        }
    }

    func holds(_ report: AnnualReport, _ previous: AnnualReport?) -> Bool? {
        guard let l = left.value(report, previous), let r = right.value(report, previous) else { return nil }
        return compare(l, r)
    }
}

/// A sum of terms separated by spaces: `managers_university + managers_vocational`, `5 * previous.revenue`, `100`.
struct RuleExpression: Sendable {
    struct Term: Sendable {
        let factor: Double
        let field: ReportField?
        let previous: Bool
    }
    let terms: [Term]

    var fields: [ReportField] { terms.compactMap(\.field) }

    init(_ text: String, rule: String) throws {
        let tokens = text.split(separator: " ").map(String.init)
        var terms: [Term] = []
        var sign = 1.0
        var index = 0
        func refuse() -> ReportingError { ReportingError("Quy tắc \(rule): không hiểu biểu thức “\(text)”.") }
        while index < tokens.count {
            var factor = sign
            var token = tokens[index]
            if let number = Double(token) {
                if index + 1 < tokens.count, tokens[index + 1] == "*" {
                    guard index + 2 < tokens.count else { throw refuse() }
                    factor *= number
                    index += 2
                    token = tokens[index]
                } else {
                    terms.append(Term(factor: factor * number, field: nil, previous: false))
                    token = ""
                }
            }
            if !token.isEmpty {
                let previous = token.hasPrefix("previous.")
                guard let field = ReportField(rawValue: previous ? String(token.dropFirst(9)) : token), field.kind != .text
                else { throw refuse() }
                terms.append(Term(factor: factor, field: field, previous: previous))
            }
            index += 1
            guard index < tokens.count else { break }
            switch tokens[index] {
            case "+": sign = 1
            case "-": sign = -1
            default: throw refuse()
            }
            index += 1
            guard index < tokens.count else { throw refuse() }
        }
        guard !terms.isEmpty else { throw refuse() }
        self.terms = terms
    }

    func value(_ report: AnnualReport, _ previous: AnnualReport?) -> Double? {
        var sum = 0.0
        for term in terms {
            guard let field = term.field else { sum += term.factor; continue }
            guard let source = term.previous ? previous : report else { return nil }
            sum += term.factor * (field.number(in: source) ?? 0)
        }
        return sum
    }
}
