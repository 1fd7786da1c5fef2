import Foundation
import HopTacCore
import SQLKit
import Testing
import Vapor
@testable import App

/// Typed machine outputs (issue 16): the served OpenAPI document describes every JSON route the app registers, with a
/// concrete schema for each response, and what the server answers on demo data keeps to those schemas.
@Suite("OpenAPI document: every JSON route described, every answer as described")
struct OpenAPIConformanceTests {
    static let methods = ["get", "post", "put", "delete", "patch"]

    /// The served document, parsed.
    static func document(_ client: TestClient) async throws -> JSONValue {
        let response = try await client.get("/api/v1/openapi.json")
        #expect(response.status == .ok)
        return try JSONValue.parse(response.bodyBytes)
    }

    /// `GET /figures.json`, `PUT /api/v1/organizations/{id}`… for every operation of the document.
    static func documentedOperations(_ document: JSONValue) -> Set<String> {
        guard case .object(let paths)? = document["paths"] else { return [] }
        return Set(paths.flatMap { path, item in methods.filter { item[$0] != nil }.map { "\($0.uppercased()) \(path)" } })
    }

    /// The operations of the app that answer JSON, in the document's notation. Every route under `/api` does; a page
    /// does at its `.json` name (`getEveryRepresentation`) or, when its last component is a parameter, with `.json`
    /// on that parameter (`Representation.split`: `/organizations/12.json`).
    static func jsonOperations(_ app: Application) -> Set<String> {
        Set(app.routes.all.compactMap { route in
            let path = "/" + route.path.map { component in
                switch component {
                case .constant(let name): name
                case .parameter(let name): "{\(name)}"
                case .anything: "*"
                case .catchall: "**"
                }
            }.joined(separator: "/")
            let operation = "\(route.method.rawValue) \(path)"
            if case .constant("api") = route.path.first { return operation }
            guard route.method == .GET else { return nil }
            switch route.path.last {
            case .constant(let name)? where name.hasSuffix(".json"): return operation
            case .parameter? : return operation + ".json"
            default: return nil
            }
        })
    }

    @Test("the document describes exactly the JSON routes the app registers")
    func everyRouteDocumented() async throws {
        try await TestApp.run(as: nil) { app, client in
            let documented = Self.documentedOperations(try await Self.document(client))
            let served = Self.jsonOperations(app)
            #expect(served.subtracting(documented).isEmpty, "JSON routes the document does not describe: \(served.subtracting(documented).sorted())")
            #expect(documented.subtracting(served).isEmpty, "documented operations no route serves: \(documented.subtracting(served).sorted())")
        }
    }

    @Test("every JSON response of the document has a concrete schema: no object without its properties")
    func concreteSchemas() async throws {
        try await TestApp.run(as: nil) { _, client in
            let document = try await Self.document(client)
            guard case .object(let paths)? = document["paths"] else { Issue.record("no paths"); return }
            for (path, item) in paths {
                for method in Self.methods {
                    guard case .object(let responses)? = item[method]?["responses"] else { continue }
                    for (status, response) in responses {
                        let schema = response["content"]?["application/json"]?["schema"]
                        #expect(schema != nil, "\(method.uppercased()) \(path) \(status) has no JSON schema")
                        if let schema { Self.bareObjects(schema, at: "\(method.uppercased()) \(path) \(status)").forEach { Issue.record("\($0)") } }
                    }
                }
            }
            if let schemas = document["components"]?["schemas"] {
                guard case .object(let named) = schemas else { return }
                for (name, schema) in named { Self.bareObjects(schema, at: "#/components/schemas/\(name)").forEach { Issue.record("\($0)") } }
            }
        }
    }

    /// The places within `schema` that say "an object" and nothing about what it holds.
    static func bareObjects(_ schema: JSONValue, at path: String) -> [String] {
        switch schema {
        case .object(let rules):
            let types: [JSONValue] = switch rules["type"] {
            case .array(let names)?: names
            case let name?: [name]
            case nil: []
            }
            let bare = types.contains(.string("object")) && rules["properties"] == nil && rules["additionalProperties"] == nil
            return (bare ? ["\(path): an object schema without properties"] : [])
                + rules.sorted { $0.key < $1.key }.flatMap { bareObjects($0.value, at: "\(path)/\($0.key)") }
        case .array(let elements):
            return elements.enumerated().flatMap { bareObjects($0.element, at: "\(path)/\($0.offset)") }
        default:
            return []
        }
    }

    @Test("the document's value sets are the core's: types, sectors, statuses, report states, bands, roles, report fields")
    func valueSets() async throws {
        try await TestApp.run(as: nil) { _, client in
            let schemas = try await Self.document(client)["components"]?["schemas"]
            func listed(_ name: String) -> [String]? {
                guard case .array(let values)? = schemas?[name]?["enum"] else { return nil }
                return values.compactMap(\.string)
            }
            #expect(listed("OrganizationType") == OrganizationType.allCases.map(\.rawValue))
            #expect(listed("Sector") == Sector.allCases.map(\.rawValue))
            #expect(listed("OrganizationStatus") == OrganizationStatus.allCases.map(\.rawValue))
            #expect(listed("ReportState") == ReportState.allCases.map(\.rawValue))
            #expect(listed("Band") == ClassificationController.bandCodes)
            #expect(listed("Role") == Role.allCases.map(\.rawValue))
            #expect(listed("PolicyKind") == PolicyKind.allCases.map(\.rawValue))
            #expect(listed("SupportStatus") == SupportStatus.allCases.map(\.rawValue))
            guard case .object(let fields)? = schemas?["ReportFigures"]?["properties"] else { Issue.record("no ReportFigures"); return }
            #expect(Set(fields.keys) == Set(ReportField.allCases.map(\.rawValue)))
        }
    }

    /// Requests that exercise every documented JSON GET on the province demo, by the document's path, with real
    /// ids, codes and years from the data.
    static func samples(_ app: Application) async throws -> [String: [String]] {
        let sql = try app.db.sql()
        let year = Day.today().year, lastYear = year - 1
        /// The first column of the first row, as text: ids are cast in the query, so both databases give a string.
        func first(_ query: SQLQueryString) async throws -> String {
            guard let row = try await sql.raw(query).first(), let column = row.allColumns.first else {
                throw Abort(.internalServerError, reason: "the demo has no row for a sample query")
            }
            return try row.decode(column: column, as: String.self)
        }
        // A rated cooperative of the province, with last year's report: its record, profile, report and history.
        let organization = try await first("""
            SELECT CAST(o.id AS TEXT) FROM organizations o JOIN classifications c ON c.organization_id = o.id
            WHERE o.province_code = '42' AND o.status = 'active' AND o.type = 'htx' AND c.year = \(bind: lastYear) AND c.band IS NOT NULL
            ORDER BY o.id
            """)
        let commune = try await first("SELECT commune_code FROM organizations WHERE province_code = '42' GROUP BY commune_code ORDER BY COUNT(*) DESC, commune_code")
        let legacyCommune = try await first("SELECT legacy_commune_code FROM organizations WHERE province_code = '42' AND legacy_commune_code IS NOT NULL ORDER BY id")
        let legacyDistrict = try await first("SELECT district_code FROM legacy_communes WHERE code = \(bind: legacyCommune)")
        let legacyProvince = try await first("SELECT province_code FROM legacy_communes WHERE code = \(bind: legacyCommune)")
        let programme = try await first("SELECT CAST(id AS TEXT) FROM programmes WHERE level = 'province' ORDER BY id")
        let policy = try await first("SELECT CAST(id AS TEXT) FROM support_policies WHERE kind = 'training'")
        // A graduate's placement paid by quarter, a course, and a model cooperative assessed the year before its recognition.
        let grant = try await first("SELECT CAST(MIN(support_record_id) AS TEXT) FROM support_payments")
        let course = try await first("SELECT CAST(MIN(id) AS TEXT) FROM training_courses")
        let assessed = try await first("SELECT CAST(organization_id AS TEXT) || '?year=' || CAST(year AS TEXT) FROM model_assessments ORDER BY organization_id, year")
        // A target allocated to communes and a task with progress show the optional parts of their answers.
        let target = try await first("""
            SELECT CAST(t.id AS TEXT) FROM programme_targets t LEFT JOIN target_allocations a ON a.target_id = t.id
            WHERE t.programme_id = \(bind: Int(programme) ?? 0) ORDER BY a.id IS NULL, t.id
            """)
        let task = try await first("SELECT CAST(t.id AS TEXT) FROM programme_tasks t LEFT JOIN task_progress p ON p.task_id = t.id ORDER BY p.id IS NULL, t.id")
        return [
            "/api/v1/openapi.json": ["/api/v1/openapi.json"],
            "/api/v1/organizations": ["/api/v1/organizations?province=42"],
            "/api/v1/organizations/{id}": ["/api/v1/organizations/\(organization)"],
            "/api/v1/organizations/{id}/history": ["/api/v1/organizations/\(organization)/history"],
            "/api/v1/units/provinces": ["/api/v1/units/provinces"],
            "/api/v1/units/provinces/{code}/communes": ["/api/v1/units/provinces/42/communes"],
            "/api/v1/units/communes/{code}": ["/api/v1/units/communes/\(commune)"],
            "/api/v1/units/legacy-communes/{code}": ["/api/v1/units/legacy-communes/\(legacyCommune)"],
            "/organizations.json": ["/organizations.json?province=42", "/organizations.json?province=42&status=dissolved"],
            "/organizations/{id}.json": ["/organizations/\(organization).json"],
            "/units.json": ["/units.json"],
            "/units/provinces/{code}.json": ["/units/provinces/42.json"],
            "/units/communes/{code}.json": ["/units/communes/\(commune).json"],
            "/units/legacy-provinces/{code}.json": ["/units/legacy-provinces/\(legacyProvince).json"],
            "/units/legacy-districts/{code}.json": ["/units/legacy-districts/\(legacyDistrict).json"],
            "/units/legacy-communes/{code}.json": ["/units/legacy-communes/\(legacyCommune).json"],
            "/figures.json": ["/figures.json", "/figures.json?province=42&year=\(lastYear)", "/figures.json?commune=\(commune)",
                              "/figures.json?legacy_district=\(legacyDistrict)&year=\(lastYear)"],
            "/public.json": ["/public.json?province=42"],
            "/public/organizations/{id}.json": ["/public/organizations/\(organization).json"],
            "/classification/{year}.json": ["/classification/\(lastYear).json", "/classification/\(lastYear).json?province=42",
                                            "/classification/\(lastYear).json?province=42&units=legacy", "/classification/\(lastYear).json?commune=\(commune)"],
            "/classification/{year}/organizations.json": ["/classification/\(lastYear)/organizations.json?province=42"],
            "/organizations/{id}/reports/{year}.json": ["/organizations/\(organization)/reports/\(lastYear).json", "/organizations/\(organization)/reports/\(year).json"],
            "/reports.json": ["/reports.json?year=\(lastYear)", "/reports.json?year=\(year)&province=42"],
            "/reminders.json": ["/reminders.json", "/reminders.json?on=20/11/\(year)"],
            "/dormant.json": ["/dormant.json?province=42"],
            "/dashboard.json": ["/dashboard.json"],
            "/dashboard/provinces/{code}.json": ["/dashboard/provinces/42.json"],
            "/dashboard/communes/{code}.json": ["/dashboard/communes/\(commune).json"],
            "/map.json": ["/map.json", "/map.json?province=42&indicator=good_fair_share&year=\(lastYear)&units=legacy"],
            "/programmes.json": ["/programmes.json"],
            "/policies.json": ["/policies.json"],
            "/policies/{policyId}.json": ["/policies/\(policy).json"],
            "/support.json": ["/support.json?province=42", "/support.json?kind=credit&year=\(year)"],
            "/support/{grantId}.json": ["/support/\(grant).json"],
            "/courses.json": ["/courses.json", "/courses.json?year=2025"],
            "/courses/{courseId}.json": ["/courses/\(course).json"],
            "/model-criteria.json": ["/model-criteria.json", "/model-criteria.json?province=42&year=2024"],
            "/organizations/{id}/model-criteria.json": ["/organizations/\(organization)/model-criteria.json", "/organizations/\(assessed.replacingOccurrences(of: "?", with: "/model-criteria.json?"))"],
            "/population.json": ["/population.json", "/population.json?province=42&year=\(year)"],
            "/credit-funds.json": ["/credit-funds.json", "/credit-funds.json?province=42&year=\(year)"],
            "/programmes/{programmeId}.json": ["/programmes/\(programme).json"],
            "/programmes/{programmeId}/targets/{targetId}.json": ["/programmes/\(programme)/targets/\(target).json"],
            "/tasks.json": ["/tasks.json"],
            "/tasks/{taskId}.json": ["/tasks/\(task).json"],
            "/scorecard.json": ["/scorecard.json"],
            "/audit.json": ["/audit.json"],
            "/admin/users.json": ["/admin/users.json"],
            "/admin/mail.json": ["/admin/mail.json", "/admin/mail.json?unsent=yes"],
        ]
    }

    @Test("on the province demo, every documented JSON GET answers with a body its schema accepts")
    func answersConform() async throws {
        try await TestApp.run { app, admin in
            try await RollUpTests.loadDemo(app)
            let document = try await Self.document(admin)
            let validator = SchemaValidator(document: document)
            let samples = try await Self.samples(app)
            let paths = Self.documentedOperations(document).filter { $0.hasPrefix("GET ") }.map { String($0.dropFirst(4)) }
            #expect(Set(samples.keys) == Set(paths), "samples without a documented path: \(Set(samples.keys).subtracting(paths).sorted()); documented paths without a sample: \(Set(paths).subtracting(samples.keys).sorted())")
            for path in paths.sorted() {
                guard let schema = document["paths"]?[path]?["get"]?["responses"]?["200"]?["content"]?["application/json"]?["schema"] else {
                    Issue.record("GET \(path) documents no 200 JSON response")
                    continue
                }
                for url in samples[path] ?? [] {
                    let response = try await admin.get(url)
                    #expect(response.status == .ok, "GET \(url) → \(response.status): \(response.body.string.prefix(300))")
                    #expect(response.headers.contentType?.type == "application" && response.headers.contentType?.subType == "json", "GET \(url) is JSON")
                    guard response.status == .ok else { continue }
                    let problems = validator.problems(try JSONValue.parse(response.bodyBytes), against: schema)
                    #expect(problems.isEmpty, "GET \(url) breaks its schema in \(problems.count) places: \(problems.prefix(15).joined(separator: "; "))")
                }
            }
        }
    }

    @Test("the validator refuses what a schema forbids", arguments: [
        (#"{"id": "7", "day": "2025-01-02", "status": "active"}"#, "is not of type integer"),
        (#"{"id": 7, "day": "02/01/2025", "status": "active"}"#, "is not a date"),
        (#"{"id": 7, "day": "2025-01-02", "status": "fair"}"#, "is not one of"),
        (#"{"id": 7, "status": "active"}"#, "“day” is required"),
        (#"{"id": 7, "day": "2025-01-02", "status": "active", "extra": 1}"#, "“extra” is not a property"),
        (#"{"id": 7, "day": null, "status": "active", "at": "yesterday"}"#, "is not an ISO 8601 date-time"),
        (#"{"id": 7, "day": "2025-01-02", "status": "active", "tags": ["a", 1]}"#, "$.tags[1]: 1 is not of type string"),
    ])
    func validatorRefuses(body: String, problem: String) throws {
        let document = try JSONValue.parse(Data(#"""
            {"components": {"schemas": {
              "Status": {"type": "string", "enum": ["active", "dissolved"]},
              "Thing": {"type": "object", "required": ["id", "day", "status"], "additionalProperties": false, "properties": {
                "id": {"type": "integer"}, "day": {"type": ["string", "null"], "format": "date"}, "status": {"$ref": "#/components/schemas/Status"},
                "at": {"type": "string", "format": "date-time"}, "tags": {"type": "array", "items": {"type": "string"}}}}}}}
            """#.utf8))
        let validator = SchemaValidator(document: document)
        let schema = JSONValue.object(["$ref": .string("#/components/schemas/Thing")])
        #expect(validator.problems(try JSONValue.parse(Data(#"{"id": 7, "day": null, "status": "active", "at": "2025-01-02T03:04:05Z", "tags": ["a"]}"#.utf8)), against: schema).isEmpty)
        let problems = validator.problems(try JSONValue.parse(Data(body.utf8)), against: schema)
        #expect(problems.count == 1 && problems.allSatisfy { $0.contains(problem) }, "\(problems)")
    }
}
