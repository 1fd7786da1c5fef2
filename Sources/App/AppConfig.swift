import Foundation
import HopTacCore
import Vapor

/// Settings read once at start-up from the environment, with defaults that suit a single office machine.
public struct AppConfig: Sendable {
    public enum DatabaseLocation: Sendable, Equatable {
        case sqliteFile(path: String)
        case sqliteMemory
        case postgres(url: String)
    }

    public var database: DatabaseLocation
    public var port: Int
    public var hostname: String
    /// bcrypt cost for new password hashes; tests lower it to stay fast.
    public var passwordCost: Int = 12
    /// Mark cookies Secure (HTTPS only). `HOPTAC_SECURE_COOKIES=1` behind a TLS proxy.
    public var secureCookies: Bool = false
    /// Mail, on when `HOPTAC_SMTP_URL` is set (see `MailSettings`).
    var mail: MailSettings?

    public static let defaultDatabasePath = "data/hoptac.sqlite"

    /// What `serve` says loudly before it starts when sessions would travel in clear: listening beyond this machine
    /// without `HOPTAC_SECURE_COOKIES=1` means no HTTPS proxy was declared in front. Nil when all is well.
    public func insecureCookieWarning(listeningOn host: String) -> String? {
        let loopback = ["127.0.0.1", "::1", "localhost"].contains(host.lowercased()) || host.hasPrefix("127.")
        guard !loopback, !secureCookies else { return nil }
        return "CẢNH BÁO: máy chủ nghe trên \(host) (ngoài máy này) nhưng cookie phiên không đánh dấu Secure. Hãy đặt HợpTác sau HTTPS và chạy với HOPTAC_SECURE_COOKIES=1, nếu không mật khẩu và phiên đăng nhập có thể bị nghe lén."
    }

    /// `HOPTAC_DATABASE_URL` is a file path, `sqlite://PATH`, `sqlite::memory:` or `postgres://…`;
    /// `HOPTAC_PORT` defaults to 8080 and `HOPTAC_HOST` to 127.0.0.1.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> AppConfig {
        let port: Int
        if let raw = environment["HOPTAC_PORT"], !raw.isEmpty {
            guard let value = Int(raw), (1...65535).contains(value) else {
                throw ConfigError(message: "HOPTAC_PORT phải là số cổng 1–65535, không phải “\(raw)”.")
            }
            port = value
        } else {
            port = 8080
        }
        return AppConfig(
            database: try parseDatabaseURL(environment["HOPTAC_DATABASE_URL"] ?? ""),
            port: port,
            hostname: environment["HOPTAC_HOST"].flatMap { $0.isEmpty ? nil : $0 } ?? "127.0.0.1",
            secureCookies: environment["HOPTAC_SECURE_COOKIES"] == "1",
            mail: try MailSettings.fromEnvironment(environment, port: port)
        )
    }

    public static func parseDatabaseURL(_ raw: String) throws -> DatabaseLocation {
        let text = raw.trimmed
        if text.isEmpty { return .sqliteFile(path: defaultDatabasePath) }
        if text == "sqlite::memory:" || text == ":memory:" { return .sqliteMemory }
        if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") { return .postgres(url: text) }
        if text.hasPrefix("sqlite://") { return .sqliteFile(path: String(text.dropFirst("sqlite://".count))) }
        if text.contains("://") {
            throw ConfigError(message: "HOPTAC_DATABASE_URL không nhận dạng được: chỉ hỗ trợ đường dẫn tệp SQLite, sqlite://… hoặc postgres://….")
        }
        return .sqliteFile(path: text)
    }

    /// The database location without any password, safe for logs and the terminal.
    public var databaseDescription: String {
        switch database {
        case .sqliteFile(let path): "SQLite \(path)"
        case .sqliteMemory: "SQLite (bộ nhớ)"
        case .postgres(let url): "PostgreSQL \(Self.redactingPassword(url))"
        }
    }
}

extension AppConfig {
    static func redactingPassword(_ url: String) -> String {
        guard var components = URLComponents(string: url), components.password != nil else { return url }
        components.password = "***"
        return components.string ?? ""
    }
}

public struct ConfigError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

extension Application {
    private struct ConfigKey: StorageKey { typealias Value = AppConfig }

    /// The settings this application was configured with.
    public var config: AppConfig {
        get { storage[ConfigKey.self] ?? AppConfig(database: .sqliteMemory, port: 8080, hostname: "127.0.0.1") }
        set { storage[ConfigKey.self] = newValue }
    }
}
