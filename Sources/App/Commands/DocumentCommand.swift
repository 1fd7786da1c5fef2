import ArgumentParser
import Foundation
import HopTacCore
import Vapor

/// `hoptac document annual-report --province P --year Y --format docx|pdf --output FILE`: the same document as
/// `/documents/annual-report.docx`, with the area's saved draft if there is one, for scheduled runs.
struct Document: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Xuất văn bản (báo cáo năm) theo thể thức Nghị định 30/2020 ra tệp DOCX hoặc PDF.",
                                                    subcommands: [AnnualReport.self])

    struct AnnualReport: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "annual-report",
                                                        abstract: "Báo cáo tình hình phát triển kinh tế tập thể năm của một tỉnh, một xã hoặc toàn quốc.")

        @ArgumentParser.Option(help: "Mã tỉnh/thành phố (2025).") var province: String?
        @ArgumentParser.Option(help: "Mã xã/phường/đặc khu (2025).") var commune: String?
        @ArgumentParser.Option(help: "Năm báo cáo.") var year: Int
        @ArgumentParser.Option(help: "docx hoặc pdf.") var format: String = "docx"
        @ArgumentParser.Option(help: "Tệp ghi ra.") var output: String

        func validate() throws {
            guard ["docx", "pdf"].contains(format) else { throw ValidationError("--format chỉ nhận docx hoặc pdf, không phải “\(format)”.") }
            guard province == nil || commune == nil else { throw ValidationError("Chỉ ghi một trong --province và --commune.") }
            guard ReportingCalendar.years.contains(year) else {
                throw ValidationError("--year phải từ \(ReportingCalendar.years.lowerBound) đến \(ReportingCalendar.years.upperBound).")
            }
        }

        func run() async throws {
            try await withApplication { app in
                try await app.autoMigrate()
                let sql = try app.db.sql()
                let area: Area = if let commune { try await .commune(commune, on: sql) } else if let province { try await .province(province, on: sql) } else { .nation }
                let req = Request(application: app, on: app.eventLoopGroup.any())
                let (fields, _, text) = try await AnnualReportDocument.inputs(area, year: year, on: sql)
                let file = try await AnnualReportDocument.file(area, year: year, format: format, fields: fields, text: text, on: req)
                try file.data.write(to: URL(fileURLWithPath: output))
                try await DocumentStore.recordGenerated(AnnualReportDocument.template, area: area, year: year, format: format, actor: .commandLine("document annual-report"), on: app.db)
                print("Đã ghi \(output) (\(VietnameseNumber.format(file.data.count)) byte): báo cáo năm \(year) của \(area.name).")
            }
        }
    }
}
