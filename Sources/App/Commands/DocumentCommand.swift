import ArgumentParser
import Foundation
import HopTacCore
import Vapor

extension DocumentKind: ExpressibleByArgument {}

/// `hoptac document KIND [--province P | --commune C | --programme N --period P | --organization N] --year Y
/// --format docx|pdf|xlsx --output FILE`: the same document as `/documents/KIND.docx`, with the subject's saved draft
/// if there is one, for scheduled runs.
struct Document: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Xuất văn bản theo thể thức Nghị định 30/2020 ra tệp DOCX, PDF hoặc bảng biểu XLSX.",
        discussion: "Loại văn bản: " + DocumentKind.allCases.map { "\($0.rawValue) (\($0.title.lowercased()))" }.joined(separator: "; ") + ".")

    @ArgumentParser.Argument(help: "Loại văn bản: \(DocumentKind.allCases.map(\.rawValue).joined(separator: ", ")).") var kind: DocumentKind
    @ArgumentParser.Option(help: "Mã tỉnh/thành phố (2025).") var province: String?
    @ArgumentParser.Option(help: "Mã xã/phường/đặc khu (2025).") var commune: String?
    @ArgumentParser.Option(help: "Số hồ sơ chương trình (programme-report).") var programme: Int?
    @ArgumentParser.Option(help: "Kỳ báo cáo (programme-report): \(ReportPeriod.allCases.map(\.rawValue).joined(separator: ", ")).") var period: String?
    @ArgumentParser.Option(help: "Số hồ sơ tổ chức (dormancy-notice).") var organization: Int?
    @ArgumentParser.Option(help: "Năm của văn bản.") var year: Int?
    @ArgumentParser.Option(help: "docx, pdf hoặc xlsx (bảng biểu).") var format: String = "docx"
    @ArgumentParser.Option(help: "Tệp ghi ra.") var output: String

    func validate() throws {
        let formats = kind.workbookPath == nil ? ["docx", "pdf"] : ["docx", "pdf", "xlsx"]
        guard formats.contains(format) else { throw ValidationError("--format chỉ nhận \(formats.joined(separator: ", ")), không phải “\(format)”.") }
        guard province == nil || commune == nil else { throw ValidationError("Chỉ ghi một trong --province và --commune.") }
        if kind == .programmeReport, programme == nil { throw ValidationError("programme-report cần --programme (số hồ sơ chương trình).") }
        if kind == .dormancyNotice, organization == nil { throw ValidationError("dormancy-notice cần --organization (số hồ sơ tổ chức).") }
    }

    func run() async throws {
        try await withApplication { app in
            try await app.autoMigrate()
            let sql = try app.db.sql()
            let area: Area = if let commune { try await .commune(commune, on: sql) } else if let province { try await .province(province, on: sql) } else { .nation }
            let subject: DocumentSubject
            do {
                subject = try await DocumentSubject.resolve(kind, area: area, year: year, programme: programme, period: period, organization: organization,
                                                            principal: .system, on: sql)
            } catch let abort as Abort {
                throw ValidationError(abort.reason)
            }
            let req = Request(application: app, on: app.eventLoopGroup.any())
            let file = try await DocumentMaker.file(subject, format: format, inputs: try await DocumentMaker.inputs(subject, on: sql), on: req)
            try file.data.write(to: URL(fileURLWithPath: output))
            try await DocumentStore.recordGenerated(subject, format: format, actor: .commandLine("document \(kind.rawValue)"), on: app.db)
            print("Đã ghi \(output) (\(VietnameseNumber.format(file.data.count)) byte): \(subject.title).")
        }
    }
}
