import Foundation
import HopTacCore
import SQLKit
import Testing
import Vapor
@testable import App

/// Boots the real application on a real database and talks to it over HTTP on a loopback port.
///
/// The database is `HOPTAC_TEST_DATABASE_URL` (PostgreSQL in CI) or a fresh SQLite file. It is emptied and migrated
/// once per test process; each test then starts from an empty registry. Tests share one database, so they take turns.
enum TestApp {
    static let config: AppConfig = {
        let environment = ProcessInfo.processInfo.environment
        if let url = environment["HOPTAC_TEST_DATABASE_URL"], !url.isEmpty, let location = try? AppConfig.parseDatabaseURL(url) {
            return AppConfig(database: location, port: 0, hostname: "127.0.0.1", passwordCost: 4)
        }
        let path = NSTemporaryDirectory() + "hoptac-test-\(ProcessInfo.processInfo.processIdentifier).sqlite"
        return AppConfig(database: .sqliteFile(path: path), port: 0, hostname: "127.0.0.1", passwordCost: 4)
    }()

    private static let turns = TurnTaker()
    private static let prepared = Task<Void, any Error> {
        if case .sqliteFile(let path) = config.database {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        let app = try await Application.make(.testing)
        app.logger.logLevel = .warning
        do {
            try await configure(app, config: config)
            let sql = try app.db.sql()
            if sql.isPostgres {
                // Start from an empty schema so a previous run's tables cannot hide a migration bug.
                try await sql.raw("DROP SCHEMA public CASCADE").run()
                try await sql.raw("CREATE SCHEMA public").run()
            }
            try await app.autoMigrate()
            try await app.asyncShutdown()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }
    /// Runs `body` with a running server whose registry and accounts are empty, and a client signed in with `role`
    /// (an administrator unless told otherwise; nil for an anonymous visitor).
    /// `mail` turns mail on, as `HOPTAC_SMTP_URL` does.
    static func run(as role: Role? = .admin, mail: MailSettings? = nil, _ body: (Application, TestClient) async throws -> Void) async throws {
        try await prepared.value
        await turns.begin()
        defer { Task { await turns.end() } }
        let app = try await Application.make(.testing)
        app.logger.logLevel = .warning
        // A browser follows redirects; tests look at them.
        app.http.client.configuration.redirectConfiguration = .disallow
        do {
            var config = config
            config.mail = mail
            try await configure(app, config: config)
            try await emptyRegistry(app)
            try await app.asyncBoot()
            try await app.server.start(address: .hostname("127.0.0.1", port: 0))
            guard let port = app.http.server.shared.localAddress?.port else { throw Abort(.internalServerError, reason: "no port") }
            let client = TestClient(app: app, base: "http://127.0.0.1:\(port)")
            if let role { try await client.signIn(as: role) }
            try await body(app, client)
            await app.server.shutdown()
            try await app.asyncShutdown()
        } catch {
            await app.server.shutdown()
            try? await app.asyncShutdown()
            throw error
        }
    }

    static func emptyRegistry(_ app: Application) async throws {
        let sql = try app.db.sql()
        for table in ["credit_fund_years", "populations", "model_assessments", "support_payments", "support_records", "training_courses", "support_policies", "document_drafts", "document_templates", "mail_outbox", "password_resets", "task_extensions", "task_progress", "programme_tasks", "target_allocations", "target_values", "programme_targets", "programmes",
                      "dormancy_notices", "organization_changes", "organization_status_events", "audit_events", "api_tokens", "sessions", "users"] {
            try await sql.delete(from: table).run()
        }
        // The shipped criteria are data of the product; a province's own set goes with the rest.
        try await sql.delete(from: "model_criteria").where("province_code", .isNot, SQLLiteral.null).run()
        try await sql.update("organizations").set("union_id", to: SQLLiteral.null).set("merged_into_id", to: SQLLiteral.null).run()
        try await sql.delete(from: "organizations").run()
    }
}

/// One test at a time on the shared database.
actor TurnTaker {
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func begin() async {
        if busy { await withCheckedContinuation { waiting.append($0) } } else { busy = true }
    }

    func end() {
        if waiting.isEmpty { busy = false } else { waiting.removeFirst().resume() }
    }
}

/// What came back over the wire.
struct HTTPResult {
    struct Body { let string: String }
    let status: HTTPResponseStatus
    let headers: HTTPHeaders
    let body: Body
    let bodyBytes: [UInt8]

    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body.string.utf8)) as? [String: Any]) ?? [:]
    }
    var location: String? { headers.first(name: .location) }
}

/// A real HTTP client on loopback that keeps cookies like a browser: form posts carry the CSRF field,
/// JSON requests carry a bearer token when one is set.
final class TestClient: @unchecked Sendable {
    let app: Application
    let base: String
    var cookies: [String: String] = [:]
    var bearer: String?
    var user: UserRecord?

    init(app: Application, base: String) {
        self.app = app
        self.base = base
    }

    func send(_ method: HTTPMethod, _ path: String, headers: HTTPHeaders = [:], body: String? = nil) async throws -> HTTPResult {
        try await sendData(method, path, headers: headers, body: body.map { Data($0.utf8) })
    }

    func sendData(_ method: HTTPMethod, _ path: String, headers: HTTPHeaders = [:], body: Data? = nil) async throws -> HTTPResult {
        var headers = headers
        if !cookies.isEmpty { headers.replaceOrAdd(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")) }
        if let bearer, headers.first(name: .authorization) == nil { headers.bearerAuthorization = BearerAuthorization(token: bearer) }
        let response = try await app.client.send(method, headers: headers, to: URI(string: base + path)) { request in
            if let body { request.body = ByteBuffer(data: body) }
        }
        for (name, value) in response.headers.setCookie?.all ?? [:] {
            if value.string.isEmpty || value.maxAge == 0 { cookies.removeValue(forKey: name) } else { cookies[name] = value.string }
        }
        let bytes = response.body.map { Array($0.readableBytesView) } ?? []
        return HTTPResult(status: response.status, headers: response.headers, body: .init(string: String(decoding: bytes, as: UTF8.self)), bodyBytes: bytes)
    }

    func get(_ path: String, headers: HTTPHeaders = [:]) async throws -> HTTPResult {
        try await send(.GET, path, headers: headers)
    }

    /// Posts a form as a browser does after loading a page of the site: with the anti-forgery field.
    func postForm(_ path: String, _ fields: [(String, String)], withCSRF: Bool = true) async throws -> HTTPResult {
        if withCSRF && cookies[AccessMiddleware.csrfCookie] == nil { _ = try await get("/login") }
        var all = fields
        if withCSRF, let token = cookies[AccessMiddleware.csrfCookie] { all.append((AccessMiddleware.csrfField, token)) }
        var components = URLComponents()
        components.queryItems = all.map { URLQueryItem(name: $0.0, value: $0.1) }
        // URLComponents leaves "+" alone; a browser encodes it.
        let body = (components.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B")
        var headers = HTTPHeaders()
        headers.contentType = .urlEncodedForm
        return try await send(.POST, path, headers: headers, body: body)
    }

    /// A multipart form as a browser sends a file upload, with the CSRF field.
    func postMultipart(_ path: String, _ fields: [(String, String)], files: [(name: String, filename: String, data: Data)] = []) async throws -> HTTPResult {
        let boundary = "----hoptac-test-\(UUID().uuidString)"
        var body = Data()
        func part(_ header: String, _ content: Data) {
            body.append(Data("--\(boundary)\r\n\(header)\r\n\r\n".utf8))
            body.append(content)
            body.append(Data("\r\n".utf8))
        }
        for (name, value) in fields + [(AccessMiddleware.csrfField, cookies[AccessMiddleware.csrfCookie] ?? "")] {
            part("Content-Disposition: form-data; name=\"\(name)\"", Data(value.utf8))
        }
        for file in files {
            part("Content-Disposition: form-data; name=\"\(file.name)\"; filename=\"\(file.filename)\"\r\nContent-Type: application/octet-stream", file.data)
        }
        body.append(Data("--\(boundary)--\r\n".utf8))
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        return try await sendData(.POST, path, headers: headers, body: body)
    }

    /// JSON as an API client sends it. Without a bearer token, a signed-in browser session must send the CSRF header.
    func sendJSON(_ method: HTTPMethod, _ path: String, _ json: String) async throws -> HTTPResult {
        var headers = HTTPHeaders()
        headers.contentType = .json
        if bearer == nil, let token = cookies[AccessMiddleware.csrfCookie] { headers.replaceOrAdd(name: AccessMiddleware.csrfHeader, value: token) }
        return try await send(method, path, headers: headers, body: json)
    }

    /// Creates an account with that role (in Hà Tĩnh, or Phường Thành Sen for a commune officer) and signs in through the login form.
    func signIn(as role: Role, unit: String? = nil, organization: String? = nil, email: String? = nil, department: String? = nil) async throws {
        let email = email ?? "\(role.rawValue)-\(UUID().uuidString.prefix(6))@test.hoptac.vn"
        let password = "mật-khẩu-thử-\(role.rawValue)"
        let defaultUnit: String? = switch role.unitLevel {
        case .province: "42"
        case .commune: Place.thanhSen
        case nil: nil
        }
        user = try await UserStore.create(NewUser(email: email, displayName: "Người thử \(role.label)", password: password, role: role,
                                                  unitCode: unit ?? defaultUnit, organizationRegistrationCode: organization, department: department,
                                                  mustChangePassword: false),
                                          passwordCost: 4, actor: .commandLine("test"), on: app.db)
        let response = try await postForm("/login", [("email", email), ("password", password)])
        #expect(response.status == .seeOther, "sign in as \(role): \(response.body.string)")
    }

    func signOut() async throws {
        _ = try await postForm("/logout", [])
        cookies.removeValue(forKey: SessionStore.cookieName)
    }

    /// GET a JSON document and parse it loosely, to assert on the wire format itself.
    func getJSON(_ path: String) async throws -> [String: Any] {
        let response = try await get(path)
        #expect(response.status == .ok, "GET \(path) → \(response.status): \(response.body.string)")
        return response.json
    }
}
