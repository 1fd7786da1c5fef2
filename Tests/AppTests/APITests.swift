import Foundation
import Testing
import Vapor
@testable import App

@Suite("JSON API and its OpenAPI description")
struct APITests {
    @Test("every /api/v1 route is in the OpenAPI document and every documented path is routed")
    func openAPIMatchesRoutes() async throws {
        try await TestApp.run { app, client in
            let document = try await client.getJSON("/api/v1/openapi.json")
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = document["paths"] as? [String: [String: Any]] ?? [:]
            var documented = Set<String>()
            for (path, operations) in paths {
                for method in operations.keys where method != "parameters" { documented.insert("\(method.uppercased()) \(path)") }
            }
            let all = Set(app.routes.all.map { route -> String in
                let path = "/" + route.path.map { component -> String in
                    if case .parameter(let name) = component { return "{\(name)}" }
                    return component.description
                }.joined(separator: "/")
                return "\(route.method.rawValue) \(path)"
            })
            let routed = all.filter { $0.contains(" /api/v1/") }
            // Outside /api/v1 only some JSON twins are documented (the public directory); `{id}.json` is read from `:id`.
            let pages = Set(documented.filter { !$0.contains(" /api/v1/") }.map { $0.replacingOccurrences(of: "}.json", with: "}") })
            let documentedAPI = documented.filter { $0.contains(" /api/v1/") }
            #expect(routed == documentedAPI, "undocumented: \(routed.subtracting(documentedAPI)), not routed: \(documentedAPI.subtracting(routed))")
            #expect(pages.isSubset(of: all) && !pages.isEmpty, "documented but not routed: \(pages.subtracting(all))")
        }
    }

    @Test("create, read, update through the API, with a malformed body named by field")
    func crud() async throws {
        try await TestApp.run { _, client in
            let created = try await client.sendJSON(.POST, "/api/v1/organizations", """
                {"name": "Quỹ tín dụng nhân dân Thạch Hà", "type": "qtdnd", "sector": "finance-banking", "registration_code": "3005000001",
                 "commune_code": "\(Place.thanhSen)", "official_members": 1850, "charter_capital": 12500, "registration_date": "1996-08-20"}
                """)
            #expect(created.status == .created)
            let id = created.json["id"] as? Int ?? 0
            #expect(created.location == "/api/v1/organizations/\(id)")
            #expect(created.json["province_name"] as? String == "Tỉnh Hà Tĩnh")
            #expect(created.json["registration_date"] as? String == "1996-08-20")

            let updated = try await client.sendJSON(.PUT, "/api/v1/organizations/\(id)", """
                {"version": 1, "name": "Quỹ tín dụng nhân dân Thạch Hà", "type": "qtdnd", "sector": "finance-banking", "registration_code": "3005000001",
                 "commune_code": "\(Place.thanhSen)", "official_members": 1900, "charter_capital": 12500, "registration_date": "1996-08-20"}
                """)
            #expect(updated.status == .ok)
            #expect(updated.json["official_members"] as? Int == 1900)
            #expect(updated.json["version"] as? Int == 2)

            let wrongSector = try await client.sendJSON(.POST, "/api/v1/organizations", """
                {"name": "Quỹ tín dụng nhân dân Sai", "type": "qtdnd", "sector": "agriculture", "registration_code": "3005000002", "commune_code": "\(Place.thanhSen)"}
                """)
            #expect(wrongSector.status == .unprocessableEntity)

            let badDate = try await client.sendJSON(.POST, "/api/v1/organizations", """
                {"name": "Hợp tác xã Ngày Sai", "type": "htx", "registration_date": "31/02/2020"}
                """)
            #expect(badDate.status == .badRequest)
            #expect(badDate.body.string.contains("registration_date"))

            let notJSON = try await client.sendJSON(.POST, "/api/v1/organizations", "{name:")
            #expect(notJSON.status == .badRequest)

            let missing = try await client.get("/api/v1/organizations/999999")
            #expect(missing.status == .notFound)
            let list = try await client.getJSON("/api/v1/organizations?type=qtdnd")
            #expect(list["total"] as? Int == 1)
        }
    }
}
