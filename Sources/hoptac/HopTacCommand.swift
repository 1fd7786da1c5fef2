import App
import ArgumentParser
import Fluent
import Foundation
import HopTacCore
import Vapor

@main
struct HopTacCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hoptac",
        abstract: "HợpTác — quản lý nhà nước về kinh tế tập thể.",
        discussion: "Cơ sở dữ liệu chọn bằng HOPTAC_DATABASE_URL (tệp SQLite, sqlite://…, postgres://…); mặc định \(AppConfig.defaultDatabasePath).",
        subcommands: [Serve.self, Migrate.self]
    )
}

/// Boots the application for a command: reads the environment, configures, runs `body`, shuts down.
func withApplication<T>(port: Int? = nil, hostname: String? = nil, arguments: [String] = ["hoptac"], _ body: (Application) async throws -> T) async throws -> T {
    var config = try AppConfig.fromEnvironment()
    if let port { config.port = port }
    if let hostname { config.hostname = hostname }
    var env = Environment(name: "production", arguments: arguments)
    env.arguments = arguments
    let app = try await Application.make(env)
    app.logger.logLevel = Logger.Level(rawValue: ProcessInfo.processInfo.environment["HOPTAC_LOG_LEVEL"] ?? "") ?? .notice
    do {
        try await configure(app, config: config)
        let result = try await body(app)
        try await app.asyncShutdown()
        return result
    } catch {
        try? await app.asyncShutdown()
        throw error
    }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Chạy máy chủ web (tự cập nhật cấu trúc cơ sở dữ liệu trước).")

    @ArgumentParser.Option(help: "Cổng (mặc định HOPTAC_PORT hoặc 8080).") var port: Int?
    @ArgumentParser.Option(help: "Địa chỉ lắng nghe (mặc định HOPTAC_HOST hoặc 127.0.0.1).") var hostname: String?

    func run() async throws {
        let config = try AppConfig.fromEnvironment()
        let host = hostname ?? config.hostname
        let listenPort = port ?? config.port
        try await withApplication(port: listenPort, hostname: host, arguments: ["hoptac", "serve", "--hostname", host, "--port", String(listenPort)]) { app in
            try await app.autoMigrate()
            print("HợpTác đang chạy tại http://\(host):\(listenPort)  (\(app.config.databaseDescription)). Dừng bằng Ctrl+C.")
            try await app.execute()
        }
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Tạo hoặc cập nhật cấu trúc cơ sở dữ liệu và danh mục đơn vị hành chính.")

    @ArgumentParser.Flag(help: "Hoàn tác toàn bộ (xoá mọi bảng).") var revert = false

    func run() async throws {
        try await withApplication { app in
            if revert {
                try await app.autoRevert()
                print("Đã hoàn tác toàn bộ cấu trúc (\(app.config.databaseDescription)).")
            } else {
                try await app.autoMigrate()
                print("Cơ sở dữ liệu đã cập nhật (\(app.config.databaseDescription)).")
            }
        }
    }
}

