import HopTacCore
import Vapor

/// Who is asking, available anywhere while a request is handled (pages read it to show the user and the CSRF field).
struct RequestContext: Sendable {
    var user: UserRecord?
    /// The double-submit CSRF value: the same random string in an HttpOnly cookie and in every form.
    var csrfToken: String
    var viaAPIToken: Bool
    var ip: String?

    @TaskLocal static var current: RequestContext?

    var principal: Principal? { user?.principal }

    var actor: Actor {
        guard let user else { return Actor(userId: nil, name: "Khách (\(ip ?? "không rõ địa chỉ"))", role: nil, unitCode: nil, ip: ip) }
        return Actor(userId: user.id, name: "\(user.displayName) <\(user.email)>", role: user.role, unitCode: user.unitCode, ip: ip)
    }
}

extension Request {
    private struct ContextKey: StorageKey { typealias Value = RequestContext }

    /// Set by `AccessMiddleware` for every routed request.
    var context: RequestContext {
        get { storage[ContextKey.self] ?? RequestContext(user: nil, csrfToken: "", viaAPIToken: false, ip: remoteAddress?.ipAddress) }
        set { storage[ContextKey.self] = newValue }
    }

    var principal: Principal? { context.principal }
    var actor: Actor { context.actor }

    /// The signed-in principal; routes whose rule requires sign-in never get here without one.
    func requirePrincipal() throws -> Principal {
        guard let principal else { throw Abort(.unauthorized, reason: "Cần đăng nhập.") }
        return principal
    }
}

extension Principal {
    /// The command line and the demo loader: they act for the whole registry, at every reporting level.
    static let system = Principal(userId: 0, role: .admin, unitCode: nil, organizationId: nil)
}
