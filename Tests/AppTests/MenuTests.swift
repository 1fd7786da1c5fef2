import Foundation
import HopTacCore
import Testing
import Vapor
@testable import App

/// Issue 17: every page a role may use is one click from the menu, and nothing it may not use is offered.
@Suite("The menu of each role", .serialized)
struct MenuTests {
    /// The hrefs of the site menu in a page.
    static func menuLinks(_ html: String) -> [String] {
        guard let start = html.range(of: "<nav aria-label=\"Trình đơn\">"), let end = html[start.upperBound...].range(of: "</nav>") else { return [] }
        let menu = html[start.upperBound..<end.lowerBound]
        return menu.components(separatedBy: "href=\"").dropFirst().compactMap { $0.split(separator: "\"").first.map(String.init) }
    }

    @Test("each entry carries the access rule of the route it links to")
    func entriesMatchRoutes() async throws {
        try await TestApp.run { app, _ in
            for entry in Menu.all() {
                let parts = entry.href.split(separator: "/").map(String.init)
                let route = app.routes.all.first { route in
                    route.method == .GET && route.path.count == parts.count && zip(route.path, parts).allSatisfy { component, part in
                        if case .constant(let name) = component { return name == part }
                        return true
                    }
                }
                #expect(route?.access == entry.access, "\(entry.href): route \(String(describing: route?.access)), menu \(entry.access)")
            }
        }
    }

    @Test("every role's home page links to each page it may use, each opens, and nothing else is offered")
    func everyRole() async throws {
        try await TestApp.run { app, admin in
            let id = try await admin.createOrganization(name: "Hợp tác xã Thành Sen", code: "4201000001")
            for role in Role.allCases.map({ $0 as Role? }) + [nil] {
                let user = TestClient(app: app, base: admin.base)
                if let role { try await user.signIn(as: role, organization: role == .cooperative ? "4201000001" : nil) }
                let home = try await user.get("/").body.string
                let links = Self.menuLinks(home)
                // The first link passes the menu, to the page's own content.
                #expect(home.components(separatedBy: "<body>").last?.components(separatedBy: "href=\"").dropFirst().first?.hasPrefix("#noi-dung\"") == true && home.contains("<main id=\"noi-dung\">"))
                let expected = Menu.entries(for: user.user?.principal).map(\.href)
                #expect(links == expected, "\(String(describing: role))")
                for entry in Menu.all() where !entry.access.allows(user.user?.principal) {
                    #expect(!links.contains(entry.href), "\(String(describing: role)) is not offered \(entry.href)")
                }
                for link in links {
                    // The reports of an organisation open at its latest year, one redirect away.
                    var response = try await user.get(link)
                    if let location = response.location, response.status == .seeOther || response.status == .found { response = try await user.get(location) }
                    #expect(response.status == .ok, "\(String(describing: role)) opens \(link)")
                }
                if [.provinceOfficer, .communeOfficer, .sectorOfficer, .allianceOfficer, .nationalViewer].contains(role) {
                    for page in ["/dashboard", "/programmes", "/tasks", "/map", "/reports"] {
                        #expect(links.contains(page), "\(String(describing: role)) finds \(page)")
                    }
                }
                // An official of one area lands on that area's dashboard, titled with it.
                let own: String? = switch role {
                case .provinceOfficer, .sectorOfficer, .allianceOfficer: "/dashboard/provinces/42"
                case .communeOfficer: "/dashboard/communes/\(Place.thanhSen)"
                default: nil
                }
                if let own {
                    let dashboard = try await user.get("/dashboard?year=2025")
                    #expect(dashboard.status == .seeOther && dashboard.location == own + "?year=2025", "\(String(describing: role))")
                    #expect(try await user.get("/dashboard.json").location == own + ".json")
                    #expect(!(try await user.get(own).body.string.contains("<h1>Toàn quốc")))
                }
                if role == .cooperative {
                    #expect(links.prefix(2) == ["/organizations/\(id)", "/organizations/\(id)/reports"])
                }
                if role == nil { #expect(!links.contains("/dashboard") && links.contains("/public")) }
            }
        }
    }
}
