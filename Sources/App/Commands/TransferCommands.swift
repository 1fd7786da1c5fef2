import ArgumentParser
import Fluent
import Foundation
import HopTacCore
import Vapor

/// `hoptac import organizations FILE [--dry-run] [--sheet NAME|N]`, `hoptac import reports FILE [--year Y] [--dry-run]`,
/// `hoptac import support FILE [--dry-run]`, `hoptac import population FILE [--year Y] [--dry-run]`,
/// `hoptac import credit-funds FILE [--year Y] [--dry-run]`
struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Nhập dữ liệu từ tệp CSV, XLSX hoặc XLS.",
                                                    subcommands: [Organizations.self, Reports.self, Support.self, Population.self, CreditFunds.self])

    struct Organizations: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "organizations",
            abstract: "Nhập tổ chức từ CSV/XLSX/XLS: cập nhật theo mã số, tạo mới phần còn lại; có lỗi thì không ghi gì.")
        @ArgumentParser.Argument(help: "Tệp .xlsx, .xls, hoặc .csv/.txt (UTF-8, Windows-1258 hay Unicode Text của Excel).") var file: String
        @ArgumentParser.Flag(help: "Chỉ kiểm tra và báo lỗi, không ghi.") var dryRun = false
        @ArgumentParser.Option(help: "Trang tính: tên hoặc số thứ tự (mặc định trang đầu).") var sheet: String?

        func run() async throws {
            try await Import.run(.organizations, file: file, sheet: sheet, year: nil, dryRun: dryRun)
        }
    }

    struct Reports: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reports",
            abstract: "Nhập báo cáo hằng năm từ CSV/XLSX/XLS (theo mã số HTX) thành bản nháp; có lỗi thì không ghi gì.")
        @ArgumentParser.Argument(help: "Tệp .xlsx, .xls, hoặc .csv/.txt (UTF-8, Windows-1258 hay Unicode Text của Excel).") var file: String
        @ArgumentParser.Option(help: "Năm báo cáo, khi tệp không có cột “Năm”.") var year: Int?
        @ArgumentParser.Flag(help: "Chỉ kiểm tra và báo lỗi, không ghi.") var dryRun = false
        @ArgumentParser.Option(help: "Trang tính: tên hoặc số thứ tự (mặc định trang đầu).") var sheet: String?

        func run() async throws {
            try await Import.run(.reports, file: file, sheet: sheet, year: year, dryRun: dryRun)
        }
    }

    struct Support: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "support",
            abstract: "Nhập kết quả hỗ trợ theo chính sách từ CSV/XLSX/XLS (theo mã chính sách và mã số HTX); có lỗi thì không ghi gì.")
        @ArgumentParser.Argument(help: "Tệp .xlsx, .xls, hoặc .csv/.txt (UTF-8, Windows-1258 hay Unicode Text của Excel).") var file: String
        @ArgumentParser.Flag(help: "Chỉ kiểm tra và báo lỗi, không ghi.") var dryRun = false
        @ArgumentParser.Option(help: "Trang tính: tên hoặc số thứ tự (mặc định trang đầu).") var sheet: String?

        func run() async throws {
            try await Import.run(.support, file: file, sheet: sheet, year: nil, dryRun: dryRun)
        }
    }

    struct Population: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "population",
            abstract: "Nhập dân số của các xã, phường từ CSV/XLSX/XLS (theo mã xã 2025); có lỗi thì không ghi gì.")
        @ArgumentParser.Argument(help: "Tệp .xlsx, .xls, hoặc .csv/.txt (UTF-8, Windows-1258 hay Unicode Text của Excel).") var file: String
        @ArgumentParser.Option(help: "Năm của số liệu, khi tệp không có cột “Năm”.") var year: Int?
        @ArgumentParser.Flag(help: "Chỉ kiểm tra và báo lỗi, không ghi.") var dryRun = false
        @ArgumentParser.Option(help: "Trang tính: tên hoặc số thứ tự (mặc định trang đầu).") var sheet: String?

        func run() async throws {
            try await Import.run(.population, file: file, sheet: sheet, year: year, dryRun: dryRun)
        }
    }

    struct CreditFunds: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "credit-funds",
            abstract: "Nhập số liệu năm của các quỹ tín dụng nhân dân (bảng của Ngân hàng Nhà nước) từ CSV/XLSX/XLS; có lỗi thì không ghi gì.")
        @ArgumentParser.Argument(help: "Tệp .xlsx, .xls, hoặc .csv/.txt (UTF-8, Windows-1258 hay Unicode Text của Excel).") var file: String
        @ArgumentParser.Option(help: "Năm của số liệu, khi tệp không có cột “Năm”.") var year: Int?
        @ArgumentParser.Flag(help: "Chỉ kiểm tra và báo lỗi, không ghi.") var dryRun = false
        @ArgumentParser.Option(help: "Trang tính: tên hoặc số thứ tự (mặc định trang đầu).") var sheet: String?

        func run() async throws {
            try await Import.run(.creditFunds, file: file, sheet: sheet, year: year, dryRun: dryRun)
        }
    }

    static func run(_ kind: ImportKind, file: String, sheet: String?, year: Int?, dryRun: Bool) async throws {
        let url = URL(fileURLWithPath: file)
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw ConfigError(message: "Không đọc được tệp “\(file)”.") }
        let progress = TerminalProgress("Đang ghi")
        let report = try await withApplication { app in
            try await app.autoMigrate()
            let parsed: Sheet
            do { parsed = try SpreadsheetFile.read(data, filename: url.lastPathComponent, sheet: sheet) } catch let error as SpreadsheetError {
                throw ConfigError(message: error.message)
            }
            return try await kind.run(parsed, filename: url.lastPathComponent, year: year, dryRun: dryRun, principal: .system, department: nil,
                                      actor: .commandLine("hoptac import \(kind.rawValue)"), on: app.db, progress: progress.update)
        }
        if let columns = report.columnsLine { print(columns) }
        for problem in report.problems { print(problem.line) }
        print(report.summary)
        if !report.isClean { throw ExitCode(1) }
    }
}

/// `hoptac export organizations --format csv|xlsx|json [--output FILE]` with the list's filters.
struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Xuất danh sách ra CSV, XLSX hoặc JSON.", subcommands: [Organizations.self])

    struct Organizations: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "organizations", abstract: "Xuất danh sách tổ chức (mọi bộ lọc của trang danh sách).")
        @ArgumentParser.Option(help: "csv | xlsx | json") var format: String = "csv"
        @ArgumentParser.Option(help: "Tệp ghi ra (mặc định in ra màn hình; xlsx bắt buộc có tệp).") var output: String?
        @ArgumentParser.Option(help: "Tìm kiếm (không phân biệt dấu).") var q: String?
        @ArgumentParser.Option(help: "Mã tỉnh 2025.") var province: String?
        @ArgumentParser.Option(help: "Mã xã 2025.") var commune: String?
        @ArgumentParser.Option(help: "htx | lhhtx | tht | qtdnd | interest-group") var type: OrganizationType?
        @ArgumentParser.Option(help: "agriculture | industry-construction | finance-banking | trade-services") var sector: Sector?
        @ArgumentParser.Option(help: "active | suspended | awaiting-dissolution | dissolved | merged") var status: OrganizationStatus?

        func run() async throws {
            guard let representation = Representation(rawValue: format), representation != .html else {
                throw ConfigError(message: "--format phải là csv, xlsx hoặc json.")
            }
            if representation == .xlsx && output == nil { throw ConfigError(message: "Xuất XLSX cần --output TỆP.xlsx.") }
            var filter = OrganizationFilter()
            filter.query = q
            filter.province = province
            filter.commune = commune
            filter.type = type
            filter.sector = sector
            filter.status = status
            let data = try await withApplication { app in
                try await app.autoMigrate()
                let items = try await OrganizationQueries.list(filter, paged: false, on: try app.db.sql())
                if representation == .json {
                    return try Responses.jsonEncoder.encode(PagedList(total: items.count, page: 1, perPage: items.count, items: items))
                }
                return try Responses.tableData("to-chuc-kinh-te-tap-the", as: representation, header: OrganizationTable.header, rows: items.map(OrganizationTable.row))
            }
            if let output {
                try data.write(to: URL(fileURLWithPath: output))
                FileHandle.standardError.write(Data("Đã ghi \(output).\n".utf8))
            } else {
                FileHandle.standardOutput.write(data)
            }
        }
    }
}

extension OrganizationType: ExpressibleByArgument {}
extension Sector: ExpressibleByArgument {}
extension OrganizationStatus: ExpressibleByArgument {}
