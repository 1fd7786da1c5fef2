import Foundation
import HopTacCore
import SQLKit
import Vapor

/// The official documents the product writes from live data. Each has its template (`Resources/documents/<kind>.txt`,
/// which an administrator may replace), its subject (an area's year, a programme's period, an organisation) and the
/// officer's part (number, signer, recipients, free paragraphs), kept as a draft per subject.
enum DocumentKind: String, CaseIterable, Sendable {
    case annualReport = "annual-report"
    case programmeReport = "programme-report"
    case classificationReport = "classification-report"
    case dormancyNotice = "dormancy-notice"
    case dissolutionList = "dissolution-list"

    var title: String {
        switch self {
        case .annualReport: "Báo cáo tình hình phát triển kinh tế tập thể năm"
        case .programmeReport: "Báo cáo kết quả thực hiện chương trình, kế hoạch hành động"
        case .classificationReport: "Báo cáo kết quả đánh giá, xếp loại tổ chức kinh tế tập thể"
        case .dormancyNotice: "Thông báo cho tổ chức có dấu hiệu ngừng hoạt động"
        case .dissolutionList: "Quyết định giải thể bắt buộc, kèm danh sách tổ chức"
        }
    }

    /// The start of a downloaded file's name.
    var fileStem: String {
        switch self {
        case .annualReport: "bao-cao-kinh-te-tap-the"
        case .programmeReport: "bao-cao-thuc-hien-chuong-trinh"
        case .classificationReport: "ket-qua-xep-loai"
        case .dormancyNotice: "thong-bao-ngung-hoat-dong"
        case .dissolutionList: "quyet-dinh-giai-the"
        }
    }

    /// Where the document's tables are downloaded as a print-ready workbook; nil for a notice, which has none.
    var workbookPath: String? {
        switch self {
        case .classificationReport: "classification.xlsx"
        case .dormancyNotice: nil
        default: rawValue + ".xlsx"
        }
    }

    /// The facts every document may name.
    static let commonFacts = ["area", "issuer", "issuer_caps", "year", "previous_year", "next_year", "as_of"]

    /// The facts of this kind, besides the common ones and the figures of `/figures` (of the year, or `@previous`).
    var facts: [String] {
        switch self {
        case .annualReport, .classificationReport: []
        case .programmeReport: ProgrammeReportDocument.facts
        case .dormancyNotice: DormancyDocuments.noticeFacts
        case .dissolutionList: DormancyDocuments.listFacts
        }
    }

    var tables: [String] {
        switch self {
        case .annualReport: AnnualReportDocument.tables
        case .programmeReport: ProgrammeReportDocument.tables
        case .classificationReport: ClassificationDocument.tables
        case .dormancyNotice: []
        case .dissolutionList: DormancyDocuments.listTables
        }
    }

    var valueNames: Set<String> {
        let figures = FigureDefinition.all.map(\.key.rawValue)
        return Set(Self.commonFacts + facts + figures + figures.map { $0 + "@previous" })
    }

    /// The kind's own facts and tables for a subject.
    func content(_ subject: DocumentSubject, on req: Request) async throws -> DocumentContent {
        switch self {
        case .annualReport: try await AnnualReportDocument.content(subject, on: req)
        case .programmeReport: try await ProgrammeReportDocument.content(subject, on: req)
        case .classificationReport: try await ClassificationDocument.content(subject, on: req)
        case .dormancyNotice: try await DormancyDocuments.notice(subject, on: req)
        case .dissolutionList: try await DormancyDocuments.list(subject, on: req)
        }
    }
}

/// What a kind fills a template with, besides the figures.
struct DocumentContent {
    var values: [String: String] = [:]
    var tables: [String: DocumentTable] = [:]
}

/// What a document is about: an area and a year, and for some kinds a programme and a period, or an organisation.
struct DocumentSubject: Sendable {
    let kind: DocumentKind
    let area: Area
    let year: Int
    /// Who the document is made for: its lists hold only what they may read.
    let viewer: Principal
    var programme: ProgrammeRecord? = nil
    var period: ReportPeriod? = nil
    var organization: OrganizationRecord? = nil

    /// What names the subject in a URL besides the year: the area, else the programme and period or the organisation.
    var parameters: String {
        if let programme { return "programme=\(programme.id)&period=\(period?.rawValue ?? ReportPeriod.year.rawValue)" }
        if let organization { return "organization=\(organization.id)" }
        return area.query
    }

    /// The query string that comes back to this subject (`province=42&year=2025`).
    var query: String { [parameters, "year=\(year)"].filter { !$0.isEmpty }.joined(separator: "&") }

    /// The key its draft is kept under: the kind, and what names the subject when it is more than the area.
    var draftKey: String { programme == nil && organization == nil ? kind.rawValue : kind.rawValue + "?" + parameters }

    /// The days a programme's report covers; nil for other documents.
    var days: ClosedRange<Day>? {
        guard let programme, let period else { return nil }
        return period.days(year: year, programme: programme.years)
    }

    /// How the subject reads in lists and titles: "Báo cáo kết quả thực hiện 12/KH-UBND, quý II năm 2026".
    var title: String {
        if let programme, let period {
            return "Báo cáo kết quả thực hiện \(programme.symbol), \(period.label(year: year, programme: programme.years))"
        }
        if let organization { return "Thông báo cho \(organization.name)" }
        return switch kind {
        case .annualReport: "Báo cáo kinh tế tập thể năm \(year) — \(area.name)"
        case .classificationReport: "Kết quả xếp loại năm \(year) — \(area.name)"
        default: "\(kind.title) năm \(year) — \(area.name)"
        }
    }

    /// The subject asked for by a request, which the viewer must be able to read.
    static func from(_ req: Request, kind: DocumentKind) async throws -> DocumentSubject {
        let principal = try req.requirePrincipal()
        func number(_ name: String, what: String) throws -> Int? {
            guard let raw = req.query[String.self, at: name]?.trimmed, !raw.isEmpty else { return nil }
            guard let value = Int(raw), value > 0 else { throw Abort(.badRequest, reason: "Tham số “\(name)”: “\(raw)” không phải \(what).") }
            return value
        }
        let isAboutArea = kind != .programmeReport && kind != .dormancyNotice
        return try await resolve(kind, area: isAboutArea ? try await area(req, principal: principal) : .nation, year: try number("year", what: "một năm"),
                                 programme: try number("programme", what: "số hồ sơ chương trình"), period: req.query[String.self, at: "period"],
                                 organization: try number("organization", what: "số hồ sơ tổ chức"), principal: principal, on: try req.db.sql())
    }

    /// The subject of a kind from what names it, checked against what `principal` may read. A programme's report is
    /// about the programme's area and one of its years; a notice about the organisation's commune.
    static func resolve(_ kind: DocumentKind, area: Area, year: Int?, programme programmeId: Int?, period: String?, organization organizationId: Int?,
                        principal: Principal, on sql: any SQLDatabase) async throws -> DocumentSubject {
        let today = Day.today()
        func checked(_ years: ClosedRange<Int>, default fallback: Int) throws -> Int {
            guard let year else { return fallback }
            guard years.contains(year) else { throw Abort(.badRequest, reason: "Tham số “year”: \(year) không phải năm từ \(years.lowerBound) đến \(years.upperBound).") }
            return year
        }
        switch kind {
        case .programmeReport:
            guard let programmeId else { throw Abort(.badRequest, reason: "Cần chọn chương trình (tham số “programme”).") }
            let programme = try await ProgrammeQueries.programme(programmeId, visibleTo: principal, on: sql)
            let years = programme.years
            let raw = period?.trimmed ?? ""
            guard let period = raw.isEmpty ? .year : ReportPeriod(rawValue: raw) else {
                throw Abort(.badRequest, reason: "Tham số “period” (kỳ báo cáo) không hợp lệ: “\(raw)”. Giá trị được phép: \(ReportPeriod.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            return DocumentSubject(kind: kind, area: try await programme.area(on: sql), year: try checked(years, default: min(max(today.year, years.lowerBound), years.upperBound)), viewer: principal,
                                   programme: programme, period: period)
        case .dormancyNotice:
            guard let organizationId else { throw Abort(.badRequest, reason: "Cần chọn tổ chức (tham số “organization”).") }
            guard let organization = try await OrganizationQueries.find(id: organizationId, on: sql),
                  principal.readScope.contains(organizationId: organizationId, provinceCode: organization.provinceCode, communeCode: organization.communeCode) else {
                throw Abort(.notFound, reason: "Không có tổ chức số \(organizationId) trong phạm vi của tài khoản.")
            }
            return DocumentSubject(kind: kind, area: try await .commune(organization.communeCode, on: sql), year: try checked(ReportingCalendar.years, default: today.year), viewer: principal,
                                   organization: organization)
        case .annualReport, .classificationReport, .dissolutionList:
            guard principal.readScope.covers(area) else {
                throw Abort(.forbidden, reason: "Chỉ cán bộ của \(area.name) (hoặc cấp trên) mới lập văn bản của đơn vị này.")
            }
            return DocumentSubject(kind: kind, area: area, year: try checked(ReportingCalendar.years.lowerBound...today.year, default: today.year), viewer: principal)
        }
    }

    /// The area asked for (`province=`, `commune=`), else the viewer's own.
    private static func area(_ req: Request, principal: Principal) async throws -> Area {
        let sql = try req.db.sql()
        let asked = try await Area.fromQuery(req)
        guard asked.level == .nation else { return asked }
        return switch principal.readScope {
        case .province(let code): try await .province(code, on: sql)
        case .commune(let code): try await .commune(code, on: sql)
        default: asked
        }
    }
}

/// What the officer writes on a document's form: the header's number and signer, the recipients, the free paragraphs.
struct DocumentFields: Codable, Sendable, Equatable {
    var parentBody: String?
    var issuingBody: String
    var number: String
    var place: String
    var date: Day
    var authority: String?
    var signerTitle: String
    var signer: String
    var recipients: [String]
    var free: [String: String]

    /// The defaults for the People's Committee of the subject's area, dated today.
    static func defaults(for subject: DocumentSubject, today: Day) -> DocumentFields {
        let area = subject.area
        let unit = area.level == .nation ? "Bộ Tài chính" : "Ủy ban nhân dân " + area.name.lowercasedFirstWord
        let reporting = switch area.level {
        case .nation: ["Thủ tướng Chính phủ", "Ban Kinh tế Trung ương", "Liên minh Hợp tác xã Việt Nam", "Lưu: VT, KTTT"]
        case .province: ["Bộ Tài chính", "Thường trực Tỉnh ủy", "Thường trực Hội đồng nhân dân tỉnh", "Liên minh Hợp tác xã tỉnh", "Sở, ngành liên quan", "Lưu: VT, KT"]
        default: ["Ủy ban nhân dân \(area.provinceName?.lowercasedFirstWord ?? "tỉnh")", "Sở Tài chính", "Thường trực Đảng ủy", "Lưu: VT"]
        }
        let recipients = switch subject.kind {
        case .annualReport, .programmeReport, .classificationReport: reporting
        case .dormancyNotice: ["Như trên", "Sở Tài chính", "Lưu: VT"]
        case .dissolutionList: ["Như Điều 3", "Sở Tài chính", "Cơ quan thuế", "Lưu: VT"]
        }
        return DocumentFields(parentBody: nil, issuingBody: unit, number: "", place: area.level == .nation ? "Hà Nội" : place(area), date: today,
                              authority: area.level == .nation ? "KT. BỘ TRƯỞNG" : "TM. ỦY BAN NHÂN DÂN",
                              signerTitle: area.level == .nation ? "THỨ TRƯỞNG" : "CHỦ TỊCH", signer: "", recipients: recipients, free: [:])
    }

    /// Where the document is signed: the province's name without its type ("Hà Tĩnh"), for a commune its own.
    private static func place(_ area: Area) -> String {
        let name = area.level == .commune ? area.name : area.provinceName ?? area.name
        for prefix in ["Thành phố ", "Tỉnh ", "Xã ", "Phường ", "Đặc khu "] where name.hasPrefix(prefix) { return String(name.dropFirst(prefix.count)) }
        return name
    }
}

/// Fills a kind's template for a subject: the document to write, as DOCX, PDF or (its tables) XLSX.
enum DocumentMaker {
    struct Inputs {
        let fields: DocumentFields
        let draft: DocumentStore.Draft<DocumentFields>?
        let text: DocumentTemplate
    }

    /// What a subject's document is made from: its saved draft (else the defaults) and the template in force.
    static func inputs(_ subject: DocumentSubject, on sql: any SQLDatabase) async throws -> Inputs {
        let draft = try await DocumentStore.draft(subject.draftKey, area: subject.area, year: subject.year, as: DocumentFields.self, on: sql)
        return Inputs(fields: draft?.fields ?? .defaults(for: subject, today: Day.today()), draft: draft,
                      text: try await DocumentStore.template(subject.kind.rawValue, on: sql).text)
    }

    static func document(_ subject: DocumentSubject, fields: DocumentFields, text: DocumentTemplate, on req: Request) async throws -> OfficialDocument {
        let year = subject.year
        var values: [String: String] = [
            "area": subject.area.name.lowercasedFirstWord, "issuer": fields.issuingBody, "issuer_caps": fields.issuingBody.uppercased(), "year": String(year), "previous_year": String(year - 1),
            "next_year": String(year + 1), "as_of": Figures.referenceDay(year: year).vietnamese,
        ]
        // Figures are computed only for a template that names one.
        let figureKeys = Set(FigureDefinition.all.map(\.key.rawValue))
        if text.valueNames.contains(where: { figureKeys.contains($0.replacingOccurrences(of: "@previous", with: "")) }) {
            let area = subject.area
            let current = try await FiguresQueries.figures(of: area, year: year, on: req)
            let previous = try await FiguresQueries.figures(of: area, year: year - 1, on: req)
            for definition in FigureDefinition.all {
                values[definition.key.rawValue] = Show.figure(current, definition.key)
                values[definition.key.rawValue + "@previous"] = Show.figure(previous, definition.key)
            }
        }
        let content = try await subject.kind.content(subject, on: req)
        values.merge(content.values) { _, own in own }
        return OfficialDocument(parentBody: fields.parentBody, issuingBody: fields.issuingBody, number: fields.number,
                                symbol: DocumentTemplate.fill(text.header["symbol"] ?? "UBND", values), place: fields.place, date: fields.date,
                                kind: DocumentTemplate.fill(text.header["kind"] ?? "BÁO CÁO", values),
                                summary: DocumentTemplate.fill(text.header["summary"] ?? "", values),
                                body: text.blocks(values: values, tables: content.tables, free: fields.free), recipients: fields.recipients,
                                signature: .init(authority: fields.authority, title: fields.signerTitle, signer: fields.signer))
    }

    struct File {
        let data: Data
        let name: String
        let contentType: String
    }

    /// The document as a file to download: DOCX, PDF made from it, or its tables as a workbook.
    static func file(_ subject: DocumentSubject, format: String, inputs: Inputs, on req: Request) async throws -> File {
        let document = try await document(subject, fields: inputs.fields, text: inputs.text, on: req)
        let name = "\(subject.kind.fileStem)-\(subject.year)-\(subject.organization.map { String($0.id) } ?? subject.programme.map { "ct\($0.id)-\(subject.period?.rawValue ?? "")" } ?? subject.area.code)"
        switch format {
        case "xlsx":
            return File(data: try workbook(document, area: subject.area), name: name + ".xlsx", contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        case "pdf":
            return File(data: try await DocumentConversion.pdf(from: try DOCXWriter.data(document)), name: name + ".pdf", contentType: "application/pdf")
        default:
            return File(data: try DOCXWriter.data(document), name: name + ".docx", contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        }
    }

    /// The document's tables as sheets to print: the issuing body, the table's title (an appendix's for the table
    /// that follows it) and the area above each; numbers as numbers.
    static func workbook(_ document: OfficialDocument, area: Area) throws -> Data {
        var sheets: [XLSXWriter.Sheet] = []
        var appendix: (label: String, title: String)?
        for block in document.body {
            switch block {
            case .appendix(let label, let title): appendix = (label, title)
            case .table(let table):
                let name = table.sheet ?? (table.title == nil ? appendix?.label : nil) ?? "Bảng \(sheets.count + 1)"
                let heading = table.title?.uppercased() ?? appendix?.title ?? document.summary.uppercased()
                var sheet = XLSXWriter.Sheet(name: String(name.prefix(31)), columns: table.columns.map { .init($0.title, width: max(8, $0.weight * 11)) },
                                             title: [document.issuingBody.uppercased(), heading, area.name], unit: table.unit, forPrint: true)
                for row in table.rows { sheet.append(cells(row, table.columns)) }
                if let total = table.total { sheet.append(cells(total, table.columns), bold: true) }
                sheets.append(sheet)
                appendix = nil
            case .heading, .paragraph: break
            }
        }
        return try XLSXWriter(sheets: sheets).data()
    }

    /// A row's cells: numbers in numeric columns ("1.234,5" → 1234.5, "12,5%" → 12.5), text elsewhere and where a number is absent ("—").
    private static func cells(_ row: [String], _ columns: [DocumentTable.Column]) -> [XLSXWriter.Value] {
        zip(row, columns).map { text, column in
            guard column.numeric, let number = VietnameseNumber.parse(text.hasSuffix("%") ? String(text.dropLast()) : text) else { return text.isEmpty ? .empty : .text(text) }
            return number == number.rounded() && abs(number) < 1e15 ? .integer(Int(number)) : .decimal(number)
        }
    }
}
