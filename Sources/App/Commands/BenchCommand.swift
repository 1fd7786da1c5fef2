import ArgumentParser
import Fluent
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import HopTacCore
import SQLKit
import Vapor

/// `hoptac bench`: builds the national data set on a fresh SQLite file and measures what the targets speak of,
/// each next to a baseline measured in the same run. Prints the figures and writes them to docs/benchmarks.md.
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Đo hiệu năng ở quy mô cả nước (SQLite) và ghi docs/benchmarks.md.")

    @ArgumentParser.Option(help: "Tệp kết quả Markdown.") var output: String = "docs/benchmarks.md"
    @ArgumentParser.Option(help: "Số truy vấn tìm kiếm.") var queries: Int = 200
    @ArgumentParser.Option(help: "Số lần tải mỗi trang.") var requests: Int = 100

    func run() async throws {
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("hoptac-bench-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var results: [(String, String, String)] = []
        func report(_ name: String, _ value: String, _ target: String) {
            results.append((name, value, target))
            print("\(name): \(value)   (\(target))")
        }

        var bearer = "", writerBearer = ""
        var writable: [Int] = []

        // 1. The national data set.
        let app = try await Application.make(Environment(name: "production", arguments: ["hoptac"]))
        app.logger.logLevel = .warning
        let database = folder.appendingPathComponent("national.sqlite").path
        try await configure(app, config: AppConfig(database: .sqliteFile(path: database), port: 0, hostname: "127.0.0.1"))
        do {
            try await app.autoMigrate()
            let started = Date()
            let summary = try await DemoLoader.load(on: app.db, scale: .national, seed: 2025, province: nil, replace: true,
                                                    progress: TerminalProgress("Dữ liệu cả nước").update)
            report("Nạp dữ liệu cả nước (\(VietnameseNumber.format(summary.organizations)) tổ chức)", "\(Self.seconds(Date().timeIntervalSince(started))) s", "mục tiêu < 60 s")

            // 1b. Classification of one national year, run again over the reports the demo wrote.
            let year = DemoReportLoader.closedYears.upperBound
            let classifyStart = Date()
            let classified = try await ClassificationStore.classify(year: year, scope: .everything, on: app.db)
            report("Xếp loại cả nước năm \(year) (\(VietnameseNumber.format(classified.total)) báo cáo, \(VietnameseNumber.format(summary.reports)) báo cáo 2021–2026 đã nạp)",
                   "\(VietnameseNumber.format(Date().timeIntervalSince(classifyStart), fractionDigits: 2)) s", "mục tiêu < 2 s")

            // 2. Import rate against sqlite3 .import of the same file.
            var htx = OrganizationFilter()
            htx.type = .htx
            // Without their union numbers: the file is imported into an empty registry where those unions do not exist.
            let rows = try await OrganizationQueries.list(htx, paged: false, on: try app.db.sql()).map { record -> OrganizationRecord in
                var copy = record
                copy.unionId = nil
                return copy
            }
            let csvURL = folder.appendingPathComponent("htx.csv")
            try Responses.tableData("htx", as: .csv, header: OrganizationTable.header, rows: rows.map(OrganizationTable.row)).write(to: csvURL)
            let importRate = try await Self.importRate(csvURL, rows: rows.count, folder: folder)
            let baselineRate = try Self.sqliteImportRate(csvURL, rows: rows.count, folder: folder)
            report("Nhập \(VietnameseNumber.format(rows.count)) dòng CSV", "\(VietnameseNumber.format(importRate, fractionDigits: 0)) dòng/s",
                   "sqlite3 .import: \(VietnameseNumber.format(baselineRate, fractionDigits: 0)) dòng/s; tỉ lệ \(VietnameseNumber.format(importRate / baselineRate, fractionDigits: 3)), mục tiêu ≥ 0,3")

            // 3. Search latency, in process, over mixed queries with and without diacritics, best match first as users see it.
            let sample = rows.shuffledDeterministically().prefix(queries)
            var searchTimes: [Double] = []
            var baselineTimes: [Double] = []
            let sql = try app.db.sql()
            for (index, record) in sample.enumerated() {
                let words = record.name.split(separator: " ").suffix(2).joined(separator: " ")
                var filter = OrganizationFilter()
                filter.query = index.isMultiple(of: 2) ? words : foldForSearch(words)
                filter.sort = .relevance
                let start = Date()
                let total = try await OrganizationQueries.count(filter, on: sql)
                _ = try await OrganizationQueries.list(filter, paged: true, total: total, on: sql)
                searchTimes.append(Date().timeIntervalSince(start))
                // Baseline: the same page without search.
                let plain = Date()
                _ = try await OrganizationQueries.list(OrganizationFilter(), paged: true, on: sql)
                baselineTimes.append(Date().timeIntervalSince(plain))
            }
            report("Tìm kiếm (\(sample.count) truy vấn, có/không dấu)", "p50 \(Self.ms(Self.percentile(searchTimes, 50))) ms, p95 \(Self.ms(Self.percentile(searchTimes, 95))) ms",
                   "trang đầu không tìm: p95 \(Self.ms(Self.percentile(baselineTimes, 95))) ms; mục tiêu p95 < 20 ms")

            // An officer's API token, for the signed-in pages measured below.
            let officer = try await UserStore.create(NewUser(email: "bench@bench.hoptac.vn", displayName: "Đo hiệu năng", password: Secrets.random(), role: .nationalViewer,
                                                             unitCode: nil, organizationRegistrationCode: nil, department: nil, mustChangePassword: false),
                                                     passwordCost: 4, actor: .commandLine("hoptac bench"), on: app.db)
            bearer = try await APITokenStore.create(userId: officer.id, name: "hoptac bench", actor: .commandLine("hoptac bench"), on: app.db).1
            // A writer for the reporting rush below: cooperatives whose report of this year can still be edited.
            let writer = try await UserStore.create(NewUser(email: "bench-writer@bench.hoptac.vn", displayName: "Ghi thử", password: Secrets.random(), role: .admin,
                                                            unitCode: nil, organizationRegistrationCode: nil, department: nil, mustChangePassword: false),
                                                    passwordCost: 4, actor: .commandLine("hoptac bench"), on: app.db)
            writerBearer = try await APITokenStore.create(userId: writer.id, name: "hoptac bench writer", actor: .commandLine("hoptac bench"), on: app.db).1
            writable = try await sql.raw("""
                SELECT o.id FROM organizations o LEFT JOIN annual_reports r ON r.organization_id = o.id AND r.year = \(bind: Day.today().year)
                WHERE o.type = 'htx' AND o.status = 'active' AND (r.id IS NULL OR r.state IN ('draft', 'returned')) ORDER BY o.id LIMIT 120
                """).all(decodingColumn: "id", as: Int.self)
            try await app.asyncShutdown()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }

        // 4. The list page and its JSON over loopback, served by a separate `hoptac serve` so its memory is its own.
        let server = try Self.startServer(database: database)
        defer { server.process.terminate() }
        let provinces = try AdminUnitCatalog.bundled().provinces.map(\.code)
        for (label, path) in [("Trang /organizations", "/organizations"), ("/organizations.json", "/organizations.json"), ("Tài nguyên tĩnh (đối chứng)", "/assets/app.css")] {
            var times: [Double] = []
            for index in 0..<requests {
                let query = path.hasPrefix("/assets") ? "" : (index.isMultiple(of: 3) ? "" : "?province=\(provinces[index % provinces.count])&page=\(index % 5 + 1)")
                let start = Date()
                try await Self.get("http://127.0.0.1:\(server.port)\(path)\(query)")
                times.append(Date().timeIntervalSince(start))
            }
            report("\(label) (\(requests) lần, cả nước)", "p50 \(Self.ms(Self.percentile(times, 50))) ms, p95 \(Self.ms(Self.percentile(times, 95))) ms",
                   path.hasPrefix("/assets") ? "đối chứng" : "mục tiêu p95 < 50 ms")
        }
        // 5. Dashboards, signed in: the first load of each computes the figures; later loads until a write are served from
        // the cache, which is what the p95 measures.
        for (label, paths, target) in [("Bảng điều hành toàn quốc", ["/dashboard"], "mục tiêu p95 < 100 ms"),
                                        ("Bảng điều hành một tỉnh", provinces.map { "/dashboard/provinces/\($0)" }, "mục tiêu p95 < 20 ms")] {
            var first: [Double] = []
            for path in paths {
                let start = Date()
                try await Self.get("http://127.0.0.1:\(server.port)\(path)", bearer: bearer)
                first.append(Date().timeIntervalSince(start))
            }
            var times: [Double] = []
            for index in 0..<requests {
                let start = Date()
                try await Self.get("http://127.0.0.1:\(server.port)\(paths[index % paths.count])", bearer: bearer)
                times.append(Date().timeIntervalSince(start))
            }
            report("\(label) (\(requests) lần, cả nước)", "p50 \(Self.ms(Self.percentile(times, 50))) ms, p95 \(Self.ms(Self.percentile(times, 95))) ms",
                   "lần tính đầu: p50 \(Self.ms(Self.percentile(first, 50))) ms, tối đa \(Self.ms(first.max() ?? 0)) ms; \(target)")
        }
        // 6. The December rush: the same dashboards while a report is written every second, each write dropping the
        // cached figures of its province (and so the nation's sum), against the figures of step 5 without writes.
        let base = "http://127.0.0.1:\(server.port)"
        let (targets, writerToken) = (writable, writerBearer)
        let rush = Task {
            var written = 0, failed = 0
            while !Task.isCancelled, !targets.isEmpty {
                let id = targets[(written + failed) % targets.count]
                do {
                    try await Self.writeReport(base: base, organization: id, members: 30 + written % 20, bearer: writerToken)
                    written += 1
                } catch {
                    failed += 1
                }
                try? await Task.sleep(for: .seconds(1))
            }
            return (written, failed)
        }
        // Each page is loaded for a fixed time, so that a dozen writes land while it is measured.
        for (label, paths, target) in [("Bảng điều hành toàn quốc khi ghi 1 báo cáo/giây", ["/dashboard"], "mục tiêu p95 < 100 ms"),
                                        ("Bảng điều hành một tỉnh khi ghi 1 báo cáo/giây", provinces.map { "/dashboard/provinces/\($0)" }, "mục tiêu p95 < 20 ms")] {
            var times: [Double] = []
            let until = Date().addingTimeInterval(15)
            while Date() < until {
                let start = Date()
                try await Self.get(base + paths[times.count % paths.count], bearer: bearer)
                times.append(Date().timeIntervalSince(start))
            }
            report("\(label) (\(VietnameseNumber.format(times.count)) lần trong 15 s)",
                   "p50 \(Self.ms(Self.percentile(times, 50))) ms, p95 \(Self.ms(Self.percentile(times, 95))) ms, tối đa \(Self.ms(times.max() ?? 0)) ms",
                   "không ghi: xem dòng trên; \(target)")
        }
        rush.cancel()
        let (written, failed) = await rush.value
        report("Báo cáo ghi trong lúc đo", "\(VietnameseNumber.format(written)) (lỗi \(VietnameseNumber.format(failed)))", "1 mỗi giây, mục tiêu 0 lỗi")
        report("Bộ nhớ thường trú cao nhất của máy chủ", "\(Self.peakResidentMegabytes(pid: server.process.processIdentifier)) MB", "mục tiêu < 300 MB")
        try Self.write(results, to: output)
        print("Đã ghi \(output).")
    }

    /// Our import of the file into an empty, migrated registry.
    static func importRate(_ file: URL, rows: Int, folder: URL) async throws -> Double {
        let app = try await Application.make(Environment(name: "production", arguments: ["hoptac"]))
        app.logger.logLevel = .warning
        do {
            try await configure(app, config: AppConfig(database: .sqliteFile(path: folder.appendingPathComponent("import.sqlite").path), port: 0, hostname: "127.0.0.1"))
            try await app.autoMigrate()
            let sheet = try SpreadsheetFile.read(try Data(contentsOf: file), filename: file.lastPathComponent)
            let start = Date()
            let result = try await OrganizationImport.run(sheet, filename: file.lastPathComponent, dryRun: false, scope: .everything, actor: .commandLine("hoptac bench"), on: app.db)
            let elapsed = Date().timeIntervalSince(start)
            try await app.asyncShutdown()
            guard result.isClean, result.created == rows else { throw ConfigError(message: "Nhập thử không trọn: \(result.summary)") }
            return Double(rows) / elapsed
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }

    /// The baseline: Debian's sqlite3 importing the same CSV into a bare table.
    static func sqliteImportRate(_ file: URL, rows: Int, folder: URL) throws -> Double {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", folder.appendingPathComponent("baseline.sqlite").path, ".import --csv \(file.path) bare"]
        let start = Date()
        do { try process.run() } catch { throw ConfigError(message: "Cần sqlite3 (apt-get install sqlite3) để đo đối chứng.") }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw ConfigError(message: "sqlite3 .import thất bại.") }
        return Double(rows) / Date().timeIntervalSince(start)
    }

    static func percentile(_ values: [Double], _ p: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        return sorted[min(sorted.count - 1, Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1)]
    }

    static func ms(_ seconds: Double) -> String { VietnameseNumber.format(seconds * 1000, fractionDigits: 1) }
    static func seconds(_ value: Double) -> String { VietnameseNumber.format(value, fractionDigits: 1) }

    /// Peak resident memory (VmHWM) of a process, in MB.
    static func peakResidentMegabytes(pid: Int32) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kb = Int(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
        return kb / 1024
    }

    /// `hoptac serve` on the national file, on a free port, once it answers.
    static func startServer(database: String) throws -> (process: Process, port: Int) {
        let port = 20_000 + Int(ProcessInfo.processInfo.processIdentifier % 10_000)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        process.arguments = ["serve"]
        var environment = ProcessInfo.processInfo.environment
        environment["HOPTAC_DATABASE_URL"] = database
        environment["HOPTAC_PORT"] = String(port)
        environment["HOPTAC_HOST"] = "127.0.0.1"
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        for _ in 0..<300 {
            if (try? Data(contentsOf: URL(string: "http://127.0.0.1:\(port)/assets/app.css")!)) != nil { return (process, port) }
            Thread.sleep(forTimeInterval: 0.1)
        }
        process.terminate()
        throw ConfigError(message: "Máy chủ thử không trả lời trên cổng \(port).")
    }

    /// One GET that must answer 200, read to the end.
    static func get(_ url: String, bearer: String? = nil) async throws {
        guard let address = URL(string: url) else { throw ConfigError(message: "Địa chỉ “\(url)” không hợp lệ.") }
        var request = URLRequest(url: address)
        if let bearer { request.setValue("Bearer \(bearer)", forHTTPHeaderField: "Authorization") }
        let (_, response) = try await URLSession.shared.data(for: request)
        guard (response as? HTTPURLResponse)?.statusCode == 200 else { throw ConfigError(message: "\(url) không trả về 200.") }
    }

    /// Saves a cooperative's report of this year as a draft through the web form, as an officer keying it in.
    static func writeReport(base: String, organization id: Int, members: Int, bearer: String) async throws {
        let year = Day.today().year
        guard let url = URL(string: "\(base)/organizations/\(id)/reports/\(year)"), let json = URL(string: "\(base)/organizations/\(id)/reports/\(year).json") else { return }
        var read = URLRequest(url: json)
        read.setValue("Bearer \(bearer)", forHTTPHeaderField: "Authorization")
        let (data, _) = try await URLSession.shared.data(for: read)
        let version = ((try? JSONSerialization.jsonObject(with: data)) as? [String: Any])?["version"] as? Int
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.setValue("Bearer \(bearer)", forHTTPHeaderField: "Authorization")
        request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data("official_members=\(members)&version=\(version.map(String.init) ?? "")".utf8)
        let (_, response) = try await URLSession.shared.data(for: request)
        guard let status = (response as? HTTPURLResponse)?.statusCode, (200..<400).contains(status) else { throw ConfigError(message: "Không ghi được báo cáo \(id).") }
    }

    static func machine() -> String {
        let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?.split(separator: "\n")
            .first { $0.hasPrefix("model name") }.map { String($0.split(separator: ":").last ?? "").trimmed } ?? "không rõ"
        let memory = ProcessInfo.processInfo.physicalMemory / 1_073_741_824
        return "\(cpu), \(ProcessInfo.processInfo.activeProcessorCount) lõi, \(memory) GiB RAM, \(ProcessInfo.processInfo.operatingSystemVersionString)"
    }

    static func write(_ results: [(String, String, String)], to path: String) throws {
        var text = """
            # Benchmarks

            Measured by `hoptac bench` (release build) on a fresh SQLite file with the national demo data set.
            Each figure stands next to a baseline measured in the same run; targets come from issue 5.

            - Machine: \(machine())
            - Date: \(Day.today().vietnamese)

            | Đo | Kết quả | Đối chứng / mục tiêu |
            | --- | --- | --- |

            """
        for (name, value, target) in results { text += "| \(name) | \(value) | \(target) |\n" }
        let url = URL(fileURLWithPath: path)
        // The notes written by hand under the table (from the first `## ` heading on) stay.
        if let previous = try? String(contentsOf: url, encoding: .utf8), let notes = previous.range(of: "\n## ") {
            text += previous[notes.lowerBound...]
        }
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }
}

extension Array {
    /// A fixed shuffle, so that every run measures the same queries.
    func shuffledDeterministically() -> [Element] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var copy = self
        for index in copy.indices.reversed() where index > 0 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            copy.swapAt(index, Int(state >> 33) % (index + 1))
        }
        return copy
    }
}
