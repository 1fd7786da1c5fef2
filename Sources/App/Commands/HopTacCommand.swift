import ArgumentParser
import Fluent
import Foundation
import HopTacCore
import Vapor

/// The `hoptac` command. The executable target only calls `HopTacCommand.main()`.
public struct HopTacCommand: AsyncParsableCommand {
    public init() {}
    public static let configuration = CommandConfiguration(
        commandName: "hoptac",
        abstract: "HợpTác — quản lý nhà nước về kinh tế tập thể.",
        discussion: "Cơ sở dữ liệu chọn bằng HOPTAC_DATABASE_URL (tệp SQLite, sqlite://…, postgres://…); mặc định \(AppConfig.defaultDatabasePath).",
        subcommands: [Serve.self, Migrate.self, Demo.self, Import.self, Export.self, Classify.self, Document.self, Plan.self, User.self, Token.self, Backup.self, Restore.self, Bench.self]
    )

    /// Runs the command line, with help and errors in Vietnamese: ArgumentParser writes its own headings, defaults and
    /// errors in English, so its text is translated on the way out.
    public static func main() async {
        do {
            var command = try parseAsRoot()
            if var asynchronous = command as? any AsyncParsableCommand { try await asynchronous.run() } else { try command.run() }
        } catch {
            let code = exitCode(for: error)
            let text = vietnamese(fullMessage(for: error))
            if !text.isEmpty {
                let stream = code == .success ? FileHandle.standardOutput : FileHandle.standardError
                stream.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
            }
            Foundation.exit(code.rawValue)
        }
    }

    /// ArgumentParser's English words, whole phrases first.
    static let translations: [(String, String)] = [
        ("Show help information.", "Hiện trợ giúp này."),
        ("Show the version.", "Hiện phiên bản."),
        ("OVERVIEW:", "TỔNG QUAN:"), ("USAGE:", "CÁCH DÙNG:"), ("ARGUMENTS:", "THAM SỐ:"), ("OPTIONS:", "TUỲ CHỌN:"),
        ("SUBCOMMANDS:", "LỆNH CON:"), ("default:", "mặc định:"), ("values:", "giá trị:"), ("<subcommand>", "<lệnh con>"),
        ("Error: ", "Lỗi: "), ("Help:  ", "Trợ giúp: "), ("Usage: ", "Cách dùng: "),
        ("Missing expected argument", "Thiếu tham số bắt buộc"), ("Missing value for", "Thiếu giá trị cho"),
        ("Unknown option", "Không có tuỳ chọn"), ("Unexpected arguments", "Các tham số không mong đợi"),
        ("Unexpected argument", "Tham số không mong đợi"), ("is invalid for", "không hợp lệ cho"), ("The value", "Giá trị"),
        ("Please provide one of", "Hãy chọn một trong"),
    ]

    static func vietnamese(_ text: String) -> String {
        let seeHelp = text
            .replacingOccurrences(of: "See '(hoptac help[^']*)' for detailed help.", with: "Xem '$1' để biết chi tiết từng lệnh.", options: .regularExpression)
            .replacingOccurrences(of: "See '(hoptac[^']*)' for more information.", with: "Xem '$1' để biết thêm.", options: .regularExpression)
            .replacingOccurrences(of: "' or '", with: "' hoặc '")
        return translations.reduce(seeHelp) { $0.replacingOccurrences(of: $1.0, with: $1.1) }
    }
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
            if let warning = app.config.insecureCookieWarning(listeningOn: host) {
                FileHandle.standardError.write(Data("\n\(warning)\n\n".utf8))
            }
            // Written unbuffered so that it shows at once even when the output goes to a pipe or a log file.
            FileHandle.standardOutput.write(Data("HợpTác đang chạy tại http://\(host):\(listenPort)  (\(app.config.databaseDescription)). Dừng bằng Ctrl+C.\n".utf8))
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

extension DemoScale: ExpressibleByArgument {}

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Nạp dữ liệu mẫu tất định: một xã, một tỉnh hoặc cả nước.")

    @ArgumentParser.Option(help: "commune | province | national") var scale: DemoScale = .province
    @ArgumentParser.Option(help: "Hạt giống ngẫu nhiên (cùng hạt giống → cùng dữ liệu).") var seed: UInt64 = 2025
    @ArgumentParser.Option(help: "Mã tỉnh 2025 cho --scale province/commune (mặc định \(DemoLoader.defaultProvince), Hà Tĩnh).") var province: String?
    @ArgumentParser.Flag(help: "Xoá các tổ chức hiện có trước khi nạp.") var replace = false

    func run() async throws {
        try await withApplication { app in
            try await app.autoMigrate()
            let started = Date()
            let summary = try await DemoLoader.load(on: app.db, scale: scale, seed: seed, province: province, replace: replace,
                                                    progress: TerminalProgress("Đang nạp tổ chức").update,
                                                    reportProgress: TerminalProgress("Đang nạp báo cáo hằng năm của các tổ chức").update)
            let seconds = Date().timeIntervalSince(started)
            print("Đã nạp \(VietnameseNumber.format(summary.organizations)) tổ chức trong \(VietnameseNumber.format(seconds, fractionDigits: 1)) giây (\(app.config.databaseDescription)).")
            for type in OrganizationType.allCases { print("  \(type.label): \(VietnameseNumber.format(summary.byType[type] ?? 0))") }
            print("  Báo cáo hằng năm \(DemoReports.years.lowerBound)–\(DemoReports.years.upperBound): \(VietnameseNumber.format(summary.reports)); đã xếp loại các năm \(DemoReportLoader.closedYears.lowerBound)–\(DemoReportLoader.closedYears.upperBound)")
            print("  Chương trình hành động: \(summary.programmes), với \(summary.tasks) nhiệm vụ của kế hoạch cấp tỉnh")
            print("  Khoản hỗ trợ theo chính sách: \(VietnameseNumber.format(summary.grants))")
            print("  Địa bàn: \(summary.provinceNames.count <= 3 ? summary.provinceNames.joined(separator: ", ") : "\(summary.provinceNames.count) tỉnh, thành phố")")
            let accounts = try await DemoLoader.createAccounts(on: app.db, province: province, passwordCost: app.config.passwordCost)
            print("Tài khoản mẫu (mật khẩu chỉ in ra lần này):")
            for account in accounts {
                print("  \(account.role.rawValue.padding(toLength: 17, withPad: " ", startingAt: 0)) \(account.email.padding(toLength: 34, withPad: " ", startingAt: 0)) \(account.password)   (\(account.unit))")
            }
        }
    }
}

struct User: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Quản lý tài khoản người dùng.",
        subcommands: [Create.self, List.self, Disable.self, ResetPassword.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Tạo tài khoản (vai trò: \(Role.allCases.map(\.rawValue).joined(separator: ", "))).")
        @ArgumentParser.Option(help: "Thư điện tử (tên đăng nhập).") var email: String
        @ArgumentParser.Option(help: "Mật khẩu (ít nhất 10 ký tự).") var password: String
        @ArgumentParser.Option(help: "Vai trò.") var role: Role
        @ArgumentParser.Option(help: "Mã tỉnh 2025 (cán bộ tỉnh, sở ngành, Liên minh HTX) hoặc mã xã 2025 (cán bộ xã).") var unit: String?
        @ArgumentParser.Option(help: "Mã số của tổ chức (tài khoản tổ chức).") var organization: String?
        @ArgumentParser.Option(help: "Họ tên hiển thị.") var name: String?
        @ArgumentParser.Option(help: "Cơ quan, ví dụ Sở Nông nghiệp và Môi trường.") var department: String?
        @ArgumentParser.Flag(help: "Bắt đổi mật khẩu ở lần đăng nhập đầu.") var requireChange = false

        func run() async throws {
            try await withApplication { app in
                try await app.autoMigrate()
                let user = try await UserStore.create(
                    NewUser(email: email, displayName: name ?? email, password: password, role: role, unitCode: unit,
                            organizationRegistrationCode: organization, department: department, mustChangePassword: requireChange),
                    passwordCost: app.config.passwordCost, actor: .commandLine("hoptac user create"), on: app.db)
                print("Đã tạo tài khoản số \(user.id): \(user.email) (\(user.role.label)\(user.unitCode.map { ", đơn vị \($0)" } ?? "")).")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Liệt kê tài khoản.")
        func run() async throws {
            try await withApplication { app in
                try await app.autoMigrate()
                for user in try await UserStore.list(on: try app.db.sql()) {
                    let state = user.disabled ? "đã khoá" : (user.mustChangePassword ? "chờ đổi mật khẩu" : "hoạt động")
                    print("\(user.id)\t\(user.email)\t\(user.role.rawValue)\t\(user.unitCode ?? user.organizationId.map { "tổ chức \($0)" } ?? "-")\t\(state)")
                }
            }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Khoá một tài khoản (kết thúc mọi phiên đăng nhập).")
        @ArgumentParser.Option(help: "Thư điện tử.") var email: String
        func run() async throws {
            try await withApplication { app in
                let user = try await findUser(email, app)
                try await UserStore.setDisabled(userId: user.id, true, actor: .commandLine("hoptac user disable"), on: app.db)
                print("Đã khoá tài khoản \(user.email).")
            }
        }
    }

    struct ResetPassword: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "reset-password", abstract: "Đặt mật khẩu tạm; người dùng phải đổi ở lần đăng nhập sau.")
        @ArgumentParser.Option(help: "Thư điện tử.") var email: String
        @ArgumentParser.Option(help: "Mật khẩu tạm mới (ít nhất 10 ký tự).") var password: String
        func run() async throws {
            try await withApplication { app in
                let user = try await findUser(email, app)
                try await UserStore.setPassword(userId: user.id, to: password, forceChange: true, passwordCost: app.config.passwordCost,
                                                actor: .commandLine("hoptac user reset-password"), on: app.db)
                print("Đã đặt lại mật khẩu cho \(user.email); phải đổi ở lần đăng nhập sau.")
            }
        }
    }
}

struct Token: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Mã truy cập API.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Tạo mã truy cập API cho một tài khoản; dòng cuối là mã (chỉ hiện một lần).")
        @ArgumentParser.Option(help: "Thư điện tử của tài khoản.") var email: String
        @ArgumentParser.Option(help: "Tên gợi nhớ.") var name: String = "Tạo bằng dòng lệnh"
        func run() async throws {
            try await withApplication { app in
                let user = try await findUser(email, app)
                let (token, secret) = try await APITokenStore.create(userId: user.id, name: name, actor: .commandLine("hoptac token create"), on: app.db)
                print("Mã truy cập số \(token.id) cho \(user.email). Gửi kèm tiêu đề Authorization: Bearer <mã>.")
                print(secret)
            }
        }
    }
}

extension Role: ExpressibleByArgument {}

func findUser(_ email: String, _ app: Application) async throws -> UserRecord {
    try await app.autoMigrate()
    guard let user = try await UserStore.find(email: email, on: try app.db.sql()) else {
        throw ConfigError(message: "Không có tài khoản \(email).")
    }
    return user
}
