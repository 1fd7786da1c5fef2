import HopTacCore
import Vapor

/// The rule every route carries. `AccessMiddleware` enforces it before any handler runs; a route without one is refused.
enum Access: Sendable, Equatable {
    /// Anyone, signed in or not (what they see may still depend on who they are).
    case anyone
    /// Signed in, with the capability.
    case signedIn(Capability)
    /// Signed in, with the capability, and the organisation named by the `:id` parameter inside the user's write scope.
    case organization(Capability)

    static let userInfoKey = "access"
    /// The route's body limit, so that the CSRF check can read a form before the handler does.
    static let maxBodyKey = "maxBody"
}

extension Route {
    var access: Access? { userInfo[Access.userInfoKey] as? Access }
}

extension RoutesBuilder {
    /// Registers a route with its access rule: the only way routes are added in this app.
    @discardableResult
    func on(_ method: HTTPMethod, _ path: PathComponent..., access: Access, maxBody: ByteCount = "2mb",
            use handler: @escaping @Sendable (Request) async throws -> some AsyncResponseEncodable) -> Route {
        let route = on(method, path, body: .collect(maxSize: maxBody), use: handler)
        route.userInfo[Access.userInfoKey] = access
        route.userInfo[Access.maxBodyKey] = maxBody.value
        return route
    }

    /// Registers `name`, `name.json`, `name.csv` and `name.xlsx` for one handler that renders all four.
    func getEveryRepresentation(_ path: PathComponent..., access: Access, use handler: @escaping @Sendable (Request, Representation) async throws -> Response) {
        guard case .constant(let last) = path.last else { return }
        let prefix = Array(path.dropLast())
        for representation in [Representation.html, .json, .csv, .xlsx] {
            let name = representation == .html ? last : "\(last).\(representation.rawValue)"
            let route = on(.GET, prefix + [.constant(name)]) { try await handler($0, representation) }
            route.userInfo[Access.userInfoKey] = access
        }
    }
}
