import Foundation
import HopTacCore
import SQLKit
import Testing
import Vapor
@testable import App

@Suite("One stylesheet for every page")
struct StylesheetTests {
    /// The class names of an HTML or inline SVG page.
    static func classes(_ html: String) -> Set<String> {
        var found: Set<String> = []
        let pattern = try? NSRegularExpression(pattern: #"class="([^"]*)""#)
        let range = NSRange(html.startIndex..., in: html)
        for match in pattern?.matches(in: html, range: range) ?? [] {
            guard let value = Range(match.range(at: 1), in: html) else { continue }
            for name in html[value].split(separator: " ") { found.insert(String(name)) }
        }
        return found
    }

    /// Whether the stylesheet has a selector naming `.name` (not only a longer name that starts with it).
    static func styled(_ name: String, in css: String) -> Bool {
        css.range(of: "\\.\(NSRegularExpression.escapedPattern(for: name))(?![\\w-])", options: .regularExpression) != nil
    }

    @Test("every class that any role's pages use has a rule in app.css")
    func everyClassHasARule() async throws {
        let css = AssetsController.stylesheet
        #expect(!css.isEmpty)
        try await TestApp.run { app, admin in
            try await RollUpTests.loadDemo(app)
            let sql = try app.db.sql()
            func first(_ query: SQLQueryString) async throws -> Int { try await sql.raw(query).first(decodingColumn: "id", as: Int.self) ?? 0 }
            let organization = try await first("SELECT id FROM organizations WHERE registration_code IS NOT NULL ORDER BY registration_code LIMIT 1")
            let programme = try await first("SELECT id FROM programmes ORDER BY id LIMIT 1")
            let task = try await first("SELECT id FROM programme_tasks ORDER BY id LIMIT 1")
            let code = try await sql.raw("SELECT registration_code FROM organizations WHERE id = \(bind: organization)").first(decodingColumn: "registration_code", as: String.self)
            var pages: Set<String> = Set(PageSnapshotTests.pages.map { $0.path.replacingOccurrences(of: "{id}", with: String(organization)) }).union([
                "/", "/organizations/new", "/organizations/\(organization)/edit", "/organizations/\(organization)/status", "/organizations/\(organization)/reports",
                "/programmes/\(programme)", "/tasks/\(task)", "/tasks?status=overdue", "/scorecard", "/dashboard/provinces/42", "/dormant?province=42",
                "/admin/users", "/admin/users/new", "/admin/mail", "/audit", "/account", "/account/password", "/units", "/units/provinces/42",
                "/reminders", "/reports/deadlines", "/import/organizations", "/classification/2025/organizations?province=42",
            ])
            var seen: [String: String] = [:]
            func collect(_ client: TestClient, _ paths: Set<String>) async throws {
                for path in paths.sorted() {
                    let response = try await client.get(path)
                    guard response.status == .ok else { continue }
                    for name in Self.classes(response.body.string) where seen[name] == nil { seen[name] = path }
                }
            }
            try await collect(admin, pages)
            for role in Role.allCases where role != .admin {
                let user = TestClient(app: app, base: admin.base)
                try await user.signIn(as: role, organization: role == .cooperative ? code : nil, department: role == .sectorOfficer ? "Sở Nông nghiệp và Môi trường" : nil)
                pages = Set(Menu.entries(for: user.user?.principal).map(\.href)).union(["/"])
                try await collect(user, pages)
            }
            let visitor = TestClient(app: app, base: admin.base)
            try await collect(visitor, ["/", "/login", "/password/forgot", "/public", "/public/organizations/\(organization)"])
            #expect(seen.count > 50, "\(seen.count) classes seen")
            for (name, path) in seen.sorted(by: { $0.key < $1.key }) where !Self.styled(name, in: css) {
                Issue.record("class “\(name)” (first on \(path)) has no rule in app.css")
            }
        }
    }
}
