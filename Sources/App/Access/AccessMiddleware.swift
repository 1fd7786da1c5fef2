import HopTacCore
import SQLKit
import Vapor

/// The one place where requests are authenticated and authorised.
///
/// Order: identify the user (API token, else session cookie) → check CSRF on every unsafe cookie-based request →
/// send users with an initial password to change it → apply the route's `Access` rule (deny when there is none).
struct AccessMiddleware: AsyncMiddleware {
    static let csrfCookie = "hoptac_csrf"
    static let csrfField = "csrf_token"
    static let csrfHeader = "X-CSRF-Token"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let sql = try request.db.sql()
        var context = RequestContext(user: nil, csrfToken: request.cookies[Self.csrfCookie]?.string ?? "", viaAPIToken: false,
                                     ip: request.remoteAddress?.ipAddress)
        let newCSRF = context.csrfToken.count < 20
        if newCSRF { context.csrfToken = Secrets.random() }

        if let bearer = request.headers.bearerAuthorization?.token {
            guard let user = try await APITokenStore.user(forSecret: bearer, on: sql) else {
                throw Abort(.unauthorized, reason: "Mã truy cập API không hợp lệ, đã bị thu hồi hoặc tài khoản đã bị khoá.")
            }
            context.user = user
            context.viaAPIToken = true
        } else if let session = request.cookies[SessionStore.cookieName]?.string {
            context.user = try await SessionStore.user(forToken: session, on: sql)
        }
        request.context = context

        if ![.GET, .HEAD, .OPTIONS].contains(request.method) {
            // Larger bodies (uploads) still stream in; read them, within the route's limit, to check and read the form.
            if request.body.data == nil, let limit = request.route?.userInfo[Access.maxBodyKey] as? Int {
                _ = try await request.body.collect(max: limit).get()
            }
            try BodyLimits.check(request)
        }
        if !context.viaAPIToken && ![.GET, .HEAD, .OPTIONS].contains(request.method) {
            let sent = request.headers.first(name: Self.csrfHeader) ?? (try? request.content.get(String.self, at: Self.csrfField))
            let matches = !newCSRF && sent != nil && sent == context.csrfToken
            guard matches || Self.isScriptedSignIn(request, sentToken: sent) else {
                throw Abort(.forbidden, reason: "Biểu mẫu đã hết hạn hoặc không gửi từ trang của HợpTác (thiếu mã chống giả mạo). Hãy tải lại trang rồi gửi lại.")
            }
        }

        let response = try await RequestContext.$current.withValue(context) {
            try await authorize(request, context: context, sql: sql, next: next)
        }
        if newCSRF && !context.viaAPIToken {
            response.cookies[Self.csrfCookie] = HTTPCookies.Value(string: context.csrfToken, path: "/", isSecure: request.application.config.secureCookies, isHTTPOnly: true, sameSite: .strict)
        }
        return response
    }

    /// A program signing in with e-mail and password alone (no token) is let through unless the request says it comes
    /// from another site: a forged cross-site form always carries the attacker's Origin (or Referer). Every other form
    /// still needs the token.
    static func isScriptedSignIn(_ request: Request, sentToken: String?) -> Bool {
        guard request.url.path == "/login", sentToken == nil else { return false }
        guard let source = request.headers.first(name: .origin) ?? request.headers.first(name: .referer) else { return true }
        // The whole authority: another port on the same host is another site (origin), and "null" matches nothing.
        guard let host = request.headers.first(name: .host)?.lowercased(), let from = URLComponents(string: source),
              let fromHost = from.host?.lowercased() else { return false }
        let defaultPort = from.scheme == "https" ? 443 : 80
        let fromAuthority = from.port.map { $0 == defaultPort ? fromHost : "\(fromHost):\($0)" } ?? fromHost
        let hostAuthority = host.hasSuffix(":\(defaultPort)") ? String(host.dropLast(":\(defaultPort)".count)) : host
        return fromAuthority == hostAuthority
    }

    private func authorize(_ request: Request, context: RequestContext, sql: any SQLDatabase, next: any AsyncResponder) async throws -> Response {
        guard let access = request.route?.access else {
            request.logger.error("Đường dẫn không có quy tắc truy cập: \(request.method) \(request.url.path)")
            throw Abort(.forbidden, reason: "Không có quyền truy cập.")
        }
        if let user = context.user, user.mustChangePassword, !context.viaAPIToken, access != .anyone, access != .signedIn(.manageOwnAccount) {
            return request.redirect(to: "/account/password")
        }
        switch access {
        case .anyone:
            break
        case .signedIn(let capability), .organization(let capability):
            guard let principal = context.principal else { return signInRequired(request) }
            guard principal.can(capability) else { throw Abort(.forbidden, reason: "Vai trò \(principal.role.label) không được phép thực hiện thao tác này.") }
            if case .organization = access {
                let id = try request.idParameter()
                guard let place = try await OrganizationQueries.place(id: id, on: sql) else {
                    throw Abort(.notFound, reason: "Không có tổ chức số \(id).")
                }
                let scope = capability == .readRegistry ? principal.readScope : principal.registryWriteScope
                guard scope.contains(organizationId: id, provinceCode: place.provinceCode, communeCode: place.communeCode) else {
                    throw Abort(.forbidden, reason: "Tổ chức số \(id) không thuộc địa bàn bạn được phép \(capability == .readRegistry ? "xem" : "sửa").")
                }
            }
        }
        return try await next.respond(to: request)
    }

    /// People are sent to the sign-in page and back; programs get a 401.
    private func signInRequired(_ request: Request) -> Response {
        if SiteErrorMiddleware.wantsJSON(request) {
            let response = (try? Responses.json(SiteErrorMiddleware.Body(error: .init(status: 401, message: "Cần đăng nhập hoặc mã truy cập API (Authorization: Bearer …).", fields: nil)), status: .unauthorized)) ?? Response(status: .unauthorized)
            response.headers.replaceOrAdd(name: .wwwAuthenticate, value: "Bearer")
            return response
        }
        let next = request.url.path + (request.url.query.map { "?\($0)" } ?? "")
        return request.redirect(to: "/login?next=\(next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/")")
    }
}

/// Headers that keep pages from being framed, sniffed or made to load outside resources. It is the outermost
/// middleware, so error pages (403, 404, 500) carry them too.
struct SecurityHeadersMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        // A download keeps its stricter sandbox policy.
        if !response.headers.contains(name: "Content-Security-Policy") {
            response.headers.replaceOrAdd(name: "Content-Security-Policy", value: "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'")
        }
        response.headers.replaceOrAdd(name: "X-Frame-Options", value: "DENY")
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        response.headers.replaceOrAdd(name: "Referrer-Policy", value: "same-origin")
        if request.cookies[SessionStore.cookieName] != nil || request.headers.bearerAuthorization != nil {
            response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        }
        return response
    }
}

/// Caps on how many fields a form body holds, checked on the raw bytes before anything decodes them: decoding tens of
/// thousands of multipart parts costs minutes of CPU, while the largest real form (a reviewed programme) has about
/// two thousand fields and an upload a handful of parts.
enum BodyLimits {
    static let maxMultipartParts = 64
    static let maxFormFields = 5_000

    static func check(_ request: Request) throws {
        guard let body = request.body.data, let type = request.headers.contentType else { return }
        if type.type == "multipart", let boundary = type.parameters["boundary"], !boundary.isEmpty {
            let needle = Array("--\(boundary)".utf8)
            if body.withUnsafeReadableBytes({ occurrences(of: needle, in: $0, moreThan: maxMultipartParts + 1) }) {
                throw Abort(.payloadTooLarge, reason: "Biểu mẫu gửi lên có quá \(maxMultipartParts) phần; một biểu mẫu của HợpTác không có nhiều phần như vậy.")
            }
        } else if type == .urlEncodedForm {
            if body.withUnsafeReadableBytes({ occurrences(of: [UInt8(ascii: "&")], in: $0, moreThan: maxFormFields - 1) }) {
                throw Abort(.payloadTooLarge, reason: "Biểu mẫu gửi lên có quá \(VietnameseNumber.format(maxFormFields)) trường.")
            }
        }
    }

    /// Whether `needle` occurs more than `limit` times, stopping as soon as it does; read in place, a 25 MB upload is
    /// not copied to be checked.
    private static func occurrences(of needle: [UInt8], in haystack: UnsafeRawBufferPointer, moreThan limit: Int) -> Bool {
        guard let first = needle.first else { return false }
        var count = 0
        var index = haystack.startIndex
        let end = haystack.endIndex
        while index < end {
            if haystack[index] == first, end - index >= needle.count, haystack[index..<(index + needle.count)].elementsEqual(needle) {
                count += 1
                if count > limit { return true }
                index += needle.count
            } else {
                index += 1
            }
        }
        return false
    }
}
