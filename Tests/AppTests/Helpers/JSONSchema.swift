import Foundation
import HopTacCore
@testable import App

/// A JSON value as it came over the wire. Parsed with `JSONDecoder`, which keeps `true` apart from `1` and `"1"`:
/// the distinction a schema check is about (`JSONSerialization` gives both as `NSNumber`).
enum JSONValue: Decodable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSONValue].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }

    static func parse(_ bytes: some Sequence<UInt8>) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(bytes))
    }

    subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { members[key] } else { nil }
    }

    var string: String? {
        if case .string(let text) = self { text } else { nil }
    }

    /// The JSON Schema type names this value satisfies (an integral number is both `integer` and `number`).
    var typeNames: Set<String> {
        switch self {
        case .null: ["null"]
        case .bool: ["boolean"]
        case .number(let n): n.rounded() == n ? ["number", "integer"] : ["number"]
        case .string: ["string"]
        case .array: ["array"]
        case .object: ["object"]
        }
    }
}

/// Checks JSON against the schemas of an OpenAPI 3.1 document: the subset of JSON Schema the document uses (`type`
/// with `"null"` for nullable, `properties`, `required`, `additionalProperties`, `propertyNames`, `items`, `enum`,
/// `pattern`, `minimum`/`maximum`, `format` `date` and `date-time`, `allOf`, `anyOf`, and `$ref` within the
/// document). A keyword outside that subset is itself an error, so that no schema can promise something this check
/// would silently skip.
struct SchemaValidator {
    let document: JSONValue

    private static let annotations: Set<String> = ["description", "example", "title"]
    private static let keywords: Set<String> = ["$ref", "type", "properties", "required", "additionalProperties", "propertyNames", "items",
                                                "enum", "pattern", "minimum", "maximum", "format", "allOf", "anyOf"]

    /// Every way `value` breaks `schema`, each with the JSON path where it happens; empty when it conforms.
    func problems(_ value: JSONValue, against schema: JSONValue, at path: String = "$") -> [String] {
        guard case .object(let rules) = schema else { return ["\(path): the schema is not an object"] }
        if let unknown = rules.keys.first(where: { !Self.keywords.contains($0) && !Self.annotations.contains($0) }) {
            return ["\(path): the schema uses “\(unknown)”, which this validator does not check"]
        }
        var found: [String] = []
        if let reference = rules["$ref"] {
            guard let target = reference.string.flatMap(resolve) else { return ["\(path): cannot resolve \(reference)"] }
            found += problems(value, against: target, at: path)
        }
        if case .array(let parts) = rules["allOf"] {
            found += parts.flatMap { problems(value, against: $0, at: path) }
        }
        if case .array(let choices) = rules["anyOf"] {
            let each = choices.map { problems(value, against: $0, at: path) }
            if !each.contains(where: \.isEmpty) { found.append("\(path): fits none of its \(choices.count) choices: \(each.flatMap { $0 }.joined(separator: "; "))") }
        }
        if let type = rules["type"] {
            let allowed: [String] = switch type {
            case .string(let name): [name]
            case .array(let names): names.compactMap(\.string)
            default: []
            }
            guard !value.typeNames.isDisjoint(with: allowed) else {
                return found + ["\(path): \(Self.describe(value)) is not of type \(allowed.joined(separator: " or "))"]
            }
        }
        if case .array(let allowed) = rules["enum"], !allowed.contains(value) {
            found.append("\(path): \(Self.describe(value)) is not one of \(allowed.map(Self.describe).joined(separator: ", "))")
        }
        switch value {
        case .object(let members):
            found += objectProblems(members, rules: rules, at: path)
        case .array(let elements):
            if let items = rules["items"] {
                for (index, element) in elements.enumerated() { found += problems(element, against: items, at: "\(path)[\(index)]") }
            }
        case .string(let text):
            found += stringProblems(text, rules: rules, at: path)
        case .number(let number):
            if case .number(let minimum) = rules["minimum"], number < minimum { found.append("\(path): \(number) is below \(minimum)") }
            if case .number(let maximum) = rules["maximum"], number > maximum { found.append("\(path): \(number) is above \(maximum)") }
        case .null, .bool:
            break
        }
        return found
    }

    private func objectProblems(_ members: [String: JSONValue], rules: [String: JSONValue], at path: String) -> [String] {
        var found: [String] = []
        if case .array(let required) = rules["required"] {
            for name in required.compactMap(\.string) where members[name] == nil { found.append("\(path): “\(name)” is required but missing") }
        }
        let properties: [String: JSONValue] = if case .object(let declared) = rules["properties"] { declared } else { [:] }
        for (name, member) in members.sorted(by: { $0.key < $1.key }) {
            if let names = rules["propertyNames"] { found += problems(.string(name), against: names, at: "\(path) key “\(name)”") }
            if let property = properties[name] {
                found += problems(member, against: property, at: "\(path).\(name)")
            } else {
                switch rules["additionalProperties"] {
                case .bool(false)?: found.append("\(path): “\(name)” is not a property the schema allows")
                case .object(let additional)?: found += problems(member, against: .object(additional), at: "\(path).\(name)")
                default: break
                }
            }
        }
        return found
    }

    private func stringProblems(_ text: String, rules: [String: JSONValue], at path: String) -> [String] {
        var found: [String] = []
        if let pattern = rules["pattern"]?.string, text.range(of: pattern, options: .regularExpression) == nil {
            found.append("\(path): “\(text)” does not match \(pattern)")
        }
        switch rules["format"]?.string {
        // The server writes days as `Day.iso` and instants as `Timestamp`: the formats are checked by reading them back.
        case "date"?: if text.count != 10 || Day(iso: text) == nil { found.append("\(path): “\(text)” is not a date (yyyy-mm-dd)") }
        case "date-time"?: if Timestamp.parse(text) == nil { found.append("\(path): “\(text)” is not an ISO 8601 date-time") }
        case let other?: found.append("\(path): format “\(other)” is not one this validator checks")
        case nil: break
        }
        return found
    }

    /// A `#/…` pointer into the document.
    private func resolve(_ reference: String) -> JSONValue? {
        guard reference.hasPrefix("#/") else { return nil }
        return reference.dropFirst(2).split(separator: "/").reduce(Optional(document)) { node, token in
            node?[token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")]
        }
    }

    private static func describe(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let flag): "\(flag)"
        case .number(let number): number.rounded() == number && abs(number) < 1e15 ? "\(Int(number))" : "\(number)"
        case .string(let text): "“\(text.count > 60 ? text.prefix(60) + "…" : text)”"
        case .array: "an array"
        case .object: "an object"
        }
    }
}
