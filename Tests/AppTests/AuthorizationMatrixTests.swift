import Foundation
import HopTacCore
import Testing
import Vapor
@testable import App

/// Every route × every role (and anonymous) → the expected outcome. The expectations are written out here, independent of
/// the rules in the code; a route that appears in the app but not in this table fails the test.
@Suite("Authorization matrix")
struct AuthorizationMatrixTests {
    enum Outcome: String { case allowed, signIn, forbidden }

    /// Who may do what. `nil` in a row means anonymous.
    static let everyone: Set<Role?> = Set(Role.allCases.map { $0 as Role? } + [nil])
    static let signedIn: Set<Role?> = Set(Role.allCases.map { $0 as Role? })
    static let creators: Set<Role?> = [.admin, .provinceOfficer, .communeOfficer]
    static let editors: Set<Role?> = [.admin, .provinceOfficer, .communeOfficer, .cooperative]
    static let admins: Set<Role?> = [.admin]
    static let auditors: Set<Role?> = [.admin, .provinceOfficer]
    static let classifiers: Set<Role?> = [.admin, .provinceOfficer]
    static let officials: Set<Role?> = signedIn.subtracting([.cooperative])
    static let reporters: Set<Role?> = officials.subtracting([.nationalViewer])
    /// Who may open the credit funds' import: the province and sector officers (the import keeps it to the State Bank's).
    static let bankers: Set<Role?> = [.admin, .provinceOfficer, .sectorOfficer]

    /// Route pattern → the roles that are let through.
    static let expected: [String: Set<Role?>] = [
        "GET /": everyone, "GET /assets/app.css": everyone,
        "GET /figures": everyone, "GET /figures.json": everyone, "GET /figures.csv": everyone, "GET /figures.xlsx": everyone,
        "GET /login": everyone, "POST /login": everyone, "POST /logout": everyone,
        "GET /password/forgot": everyone, "POST /password/forgot": everyone, "GET /password/reset": everyone, "POST /password/reset": everyone,
        "GET /admin/mail": admins, "GET /admin/mail.json": admins, "GET /admin/mail.csv": admins, "GET /admin/mail.xlsx": admins,
        "POST /admin/mail/retry": admins,
        "GET /units": everyone, "GET /units.json": everyone, "GET /units.csv": everyone, "GET /units.xlsx": everyone,
        "GET /units/provinces/:code": everyone, "GET /units/communes/:code": everyone,
        "GET /units/legacy-provinces/:code": everyone, "GET /units/legacy-districts/:code": everyone,
        "GET /units/legacy-communes/:code": everyone,
        "GET /organizations": everyone, "GET /organizations.json": everyone, "GET /organizations.csv": everyone, "GET /organizations.xlsx": everyone,
        "GET /organizations/:id": everyone,
        "GET /organizations/new": creators, "POST /organizations": creators,
        "GET /organizations/:id/edit": editors, "POST /organizations/:id": editors,
        "GET /organizations/:id/status": creators, "POST /organizations/:id/status": creators,
        "GET /api/v1/openapi.json": everyone,
        "GET /api/v1/organizations": everyone, "GET /api/v1/organizations/:id": everyone,
        "POST /api/v1/organizations": creators,
        "PUT /api/v1/organizations/:id": editors,
        "POST /api/v1/organizations/:id/status": creators,
        "GET /api/v1/organizations/:id/history": signedIn,
        "GET /api/v1/units/provinces": everyone, "GET /api/v1/units/provinces/:code/communes": everyone,
        "GET /api/v1/units/communes/:code": everyone, "GET /api/v1/units/legacy-communes/:code": everyone,
        "GET /account": signedIn, "GET /account/password": signedIn, "POST /account/password": signedIn,
        "POST /account/tokens": signedIn, "POST /account/tokens/:tokenId/revoke": signedIn,
        "GET /admin/users": admins, "GET /admin/users.json": admins, "GET /admin/users.csv": admins, "GET /admin/users.xlsx": admins,
        "GET /admin/users/new": admins, "POST /admin/users": admins,
        "POST /admin/users/:userId/disable": admins, "POST /admin/users/:userId/enable": admins,
        "POST /admin/users/:userId/reset-password": admins,
        "GET /audit": auditors, "GET /audit.json": auditors, "GET /audit.csv": auditors, "GET /audit.xlsx": auditors,
        "GET /organizations/:id/reports": signedIn, "GET /organizations/:id/reports/:year": signedIn,
        "POST /organizations/:id/reports/:year": editors, "POST /organizations/:id/reports/:year/actions": editors, "POST /reports/bulk": editors,
        "POST /organizations/:id/classifications/:year": classifiers,
        "GET /reports": signedIn, "GET /reports.json": signedIn, "GET /reports.csv": signedIn, "GET /reports.xlsx": signedIn,
        "GET /classification/:year": everyone, "GET /classification/:year/organizations": everyone,
        "GET /classification/:year/organizations.json": everyone, "GET /classification/:year/organizations.csv": everyone,
        "GET /classification/:year/organizations.xlsx": everyone, "POST /classification/:year/classify": classifiers,
        "GET /dormant": officials, "GET /dormant.json": officials, "GET /dormant.csv": officials, "GET /dormant.xlsx": officials,
        "POST /organizations/:id/dormancy-notice": creators,
        "GET /programmes": officials, "GET /programmes.json": officials, "GET /programmes.csv": officials, "GET /programmes.xlsx": officials,
        "GET /programmes/new": creators, "POST /programmes/extract": creators, "POST /programmes": creators,
        "GET /programmes/:programmeId": officials, "GET /programmes/:programmeId/targets/:targetId": officials,
        "POST /programmes/:programmeId/targets/:targetId/allocations": creators,
        "POST /programmes/:programmeId/targets/:targetId/values": reporters, "GET /programmes/:programmeId/targets/:targetId/values/:valueId/evidence": officials,
        "GET /tasks": officials, "GET /tasks.json": officials, "GET /tasks.csv": officials, "GET /tasks.xlsx": officials,
        "GET /tasks/:taskId": officials, "POST /tasks/:taskId/progress": reporters, "GET /tasks/:taskId/progress/:progressId/evidence": officials,
        "POST /tasks/:taskId/extensions": reporters, "POST /tasks/:taskId/extensions/:extensionId/decision": creators,
        "GET /documents": officials,
        "GET /scorecard": officials, "GET /scorecard.json": officials, "GET /scorecard.csv": officials, "GET /scorecard.xlsx": officials,
        "GET /dashboard": officials, "GET /dashboard.json": officials, "GET /dashboard.csv": officials, "GET /dashboard.xlsx": officials,
        "GET /dashboard/provinces/:code": officials, "GET /dashboard/communes/:code": officials,
        "GET /map": officials, "GET /map.json": officials, "GET /map.csv": officials, "GET /map.xlsx": officials,
        "GET /import/reports": editors, "POST /import/reports": editors, "POST /import/reports/confirm": editors,
        "GET /reports/deadlines": signedIn, "POST /reports/deadlines": admins,
        "GET /reminders": signedIn, "GET /reminders.json": signedIn, "GET /reminders.csv": signedIn, "GET /reminders.xlsx": signedIn,
        "GET /public": everyone, "GET /public.json": everyone, "GET /public.csv": everyone, "GET /public.xlsx": everyone,
        "GET /public/organizations/:id": everyone,
        "GET /import/organizations": creators, "POST /import/organizations": creators, "POST /import/organizations/confirm": creators,
        "GET /policies": officials, "GET /policies.json": officials, "GET /policies.csv": officials, "GET /policies.xlsx": officials,
        "GET /policies/new": creators, "POST /policies": creators, "GET /policies/:policyId": officials,
        "GET /support": officials, "GET /support.json": officials, "GET /support.csv": officials, "GET /support.xlsx": officials,
        "GET /policies/:policyId/edit": creators, "POST /policies/:policyId": creators, "POST /policies/:policyId/withdraw": creators,
        "GET /support/new": reporters, "POST /support": reporters, "GET /support/:grantId": officials, "GET /support/:grantId/edit": reporters,
        "POST /support/:grantId": reporters, "POST /support/:grantId/withdraw": reporters, "POST /support/:grantId/payments": reporters,
        "GET /support/:grantId/evidence": officials,
        "GET /courses": officials, "GET /courses.json": officials, "GET /courses.csv": officials, "GET /courses.xlsx": officials,
        "GET /courses/new": reporters, "POST /courses": reporters, "GET /courses/:courseId": officials, "POST /courses/:courseId/participants": reporters,
        "GET /model-criteria": officials, "GET /model-criteria.json": officials, "GET /model-criteria.csv": officials, "GET /model-criteria.xlsx": officials,
        "POST /model-criteria/adopt": classifiers, "POST /model-criteria": classifiers, "POST /model-criteria/:criterionId/withdraw": classifiers,
        "GET /organizations/:id/model-criteria": officials, "GET /organizations/:id/model-criteria.json": officials,
        "GET /organizations/:id/model-criteria.csv": officials, "GET /organizations/:id/model-criteria.xlsx": officials,
        "POST /organizations/:id/model-criteria": reporters,
        "GET /import/support": reporters, "POST /import/support": reporters, "POST /import/support/confirm": reporters,
        "GET /population": signedIn, "GET /population.json": signedIn, "GET /population.csv": signedIn, "GET /population.xlsx": signedIn,
        "GET /credit-funds": signedIn, "GET /credit-funds.json": signedIn, "GET /credit-funds.csv": signedIn, "GET /credit-funds.xlsx": signedIn,
        "GET /import/credit-funds": bankers, "POST /import/credit-funds": bankers, "POST /import/credit-funds/confirm": bankers,
        "GET /import/population": classifiers, "POST /import/population": classifiers, "POST /import/population/confirm": classifiers,
    ].merging(documentRoutes) { own, _ in own }

    /// Every kind of document has the same routes: its form and files for officials, its draft for those who write
    /// programmes, its template for administrators.
    static let documentRoutes: [String: Set<Role?>] = {
        var routes: [String: Set<Role?>] = [:]
        for kind in ["annual-report", "programme-report", "classification-report", "dormancy-notice", "dissolution-list"] {
            for path in [kind, kind + ".docx", kind + ".pdf"] { routes["GET /documents/" + path] = officials }
            routes["POST /documents/" + kind] = creators
            routes["GET /documents/templates/" + kind] = admins
            routes["POST /documents/templates/" + kind] = admins
        }
        for workbook in ["annual-report.xlsx", "programme-report.xlsx", "classification.xlsx", "dissolution-list.xlsx"] { routes["GET /documents/" + workbook] = officials }
        return routes
    }()

    static func pattern(_ route: Route) -> String {
        "\(route.method.rawValue) /" + route.path.map { component -> String in
            if case .parameter(let name) = component { return ":\(name)" }
            return component.description
        }.joined(separator: "/")
    }

    @Test("every route has a rule in the app and an expectation here")
    func everyRouteCovered() async throws {
        try await TestApp.run(as: nil) { app, _ in
            let patterns = Set(app.routes.all.map(Self.pattern))
            #expect(patterns == Set(Self.expected.keys), "missing here: \(patterns.subtracting(Self.expected.keys)); stale here: \(Set(Self.expected.keys).subtracting(patterns))")
            #expect(app.routes.all.allSatisfy { $0.access != nil }, "routes without an access rule: \(app.routes.all.filter { $0.access == nil }.map(Self.pattern))")
        }
    }

    @Test("each role gets what the table says on every route")
    func matrix() async throws {
        try await TestApp.run(as: nil) { app, client in
            // An organisation inside every role's unit: Phường Thành Sen, Hà Tĩnh.
            let admin = TestClient(app: app, base: client.base)
            try await admin.signIn(as: .admin)
            let id = try await admin.createOrganization(name: "Hợp tác xã Thành Sen", code: "4201000001")
            let victim = try await UserStore.create(NewUser(email: "victim@test.hoptac.vn", displayName: "Tài khoản thử", password: "mật-khẩu-dài-đủ", role: .nationalViewer,
                                                            unitCode: nil, organizationRegistrationCode: nil, department: nil, mustChangePassword: false),
                                                    passwordCost: 4, actor: .commandLine("test"), on: app.db)
            var counted = 0
            for role in Array(Role.allCases.map { $0 as Role? }) + [nil] {
                let user = TestClient(app: app, base: client.base)
                if let role { try await user.signIn(as: role, organization: role == .cooperative ? "4201000001" : nil) } else { _ = try await user.get("/login") }
                for route in app.routes.all {
                    let pattern = Self.pattern(route)
                    let path = "/" + route.path.map { component -> String in
                        guard case .parameter(let name) = component else { return component.description }
                        switch name {
                        case "id": return String(id)
                        case "code": return pattern.contains("legacy") ? (pattern.contains("districts") ? "001" : (pattern.contains("provinces") ? "01" : Place.congViLegacy)) : (pattern.contains("provinces") ? "42" : Place.thanhSen)
                        case "userId": return String(victim.id)
                        default: return "999999"
                        }
                    }.joined(separator: "/")
                    let response: HTTPResult
                    switch route.method {
                    case .GET: response = try await user.get(path)
                    case .PUT: response = try await user.sendJSON(.PUT, path, "{}")
                    default:
                        response = path.hasPrefix("/api/") ? try await user.sendJSON(.POST, path, "{}") : try await user.postForm(path, [])
                    }
                    let outcome: Outcome = switch response.status {
                    case .forbidden: .forbidden
                    case .unauthorized where response.headers.first(name: .wwwAuthenticate) != nil: .signIn
                    case .seeOther where response.location?.hasPrefix("/login") == true: .signIn
                    default: .allowed
                    }
                    let allowed = Self.expected[pattern]?.contains(role) ?? false
                    let wanted: Outcome = allowed ? .allowed : (role == nil ? .signIn : .forbidden)
                    #expect(outcome == wanted, "\(role?.rawValue ?? "anonymous") \(route.method.rawValue) \(path) → \(response.status) (\(response.location ?? "")), expected \(wanted)")
                    counted += 1
                    // Signing out ends the session; sign in again so the next routes are tried as the same role.
                    if pattern == "POST /logout", let role { try await user.signIn(as: role, organization: role == .cooperative ? "4201000001" : nil) }
                }
            }
            #expect(counted == app.routes.all.count * 8)
            print("Authorization matrix: \(app.routes.all.count) routes × 8 roles = \(counted) requests")
        }
    }
}
