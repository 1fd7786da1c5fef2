import Foundation
import HopTacCore
import Plot
import SQLKit
import Vapor

/// `/documents`: the official documents an area's officers produce from live data. The annual report is filled from
/// its template; the officer writes the number, the signer and the free paragraphs on `/documents/annual-report`
/// (kept as the area's draft for the year) and downloads it as DOCX or PDF.
struct DocumentsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, "documents", access: .signedIn(.readProgrammes), use: index)
        let report = AnnualReportDocument.template
        routes.on(.GET, "documents", PathComponent(stringLiteral: report), access: .signedIn(.readProgrammes)) { try await annualReport(req: $0, format: nil) }
        for format in ["docx", "pdf"] {
            routes.on(.GET, "documents", PathComponent(stringLiteral: "\(report).\(format)"), access: .signedIn(.readProgrammes)) {
                try await annualReport(req: $0, format: format)
            }
        }
        routes.on(.POST, "documents", PathComponent(stringLiteral: report), access: .signedIn(.manageProgrammes), use: saveAnnualReport)
        routes.on(.GET, "documents", PathComponent(stringLiteral: ClassificationDocument.name + ".xlsx"), access: .signedIn(.readProgrammes), use: classification)
        // The templates an administrator may replace: the annual report's.
        routes.on(.GET, "documents", "templates", PathComponent(stringLiteral: report), access: .signedIn(.manageUsers), use: templatePage)
        routes.on(.POST, "documents", "templates", PathComponent(stringLiteral: report), access: .signedIn(.manageUsers), maxBody: "256kb", use: replaceTemplate)
    }

    @Sendable func templatePage(req: Request) async throws -> Response {
        let name = AnnualReportDocument.template
        let stored = try await DocumentStore.storedText(name, on: req.db.sql())
        return TemplatePage(name: name, text: try stored ?? DocumentStore.shipped(name), replaced: stored != nil, problem: nil, notice: req.query[String.self, at: "notice"]).page().response()
    }

    @Sendable func replaceTemplate(req: Request) async throws -> Response {
        let name = AnnualReportDocument.template
        let values = try req.decodeBody([String: String].self)
        let notice: String
        if values["reset"] == "yes" {
            try await DocumentStore.restoreShipped(name, actor: req.actor, on: req.db)
            notice = "Đã dùng lại mẫu gốc."
        } else {
            let text = values["text"] ?? ""
            do {
                try await DocumentStore.replaceTemplate(name, text: text, values: AnnualReportDocument.valueNames, tables: Set(AnnualReportDocument.tables),
                                                        actor: req.actor, on: req.db)
            } catch let failure as ValidationFailure {
                return TemplatePage(name: name, text: text, replaced: false, problem: failure.problems["text"], notice: nil).page(status: .unprocessableEntity).response()
            }
            notice = "Đã lưu mẫu mới; các văn bản tải về từ nay dùng mẫu này."
        }
        return req.redirect(to: "/documents/templates/\(name)?notice=" + (notice.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""), redirectType: .normal)
    }

    /// The area asked for (`province=`, `commune=`, else the viewer's own), which the viewer must be able to read.
    static func area(_ req: Request) async throws -> Area {
        let principal = try req.requirePrincipal()
        let sql = try req.db.sql()
        let asked = try await Area.fromQuery(req)
        let area: Area = if asked.level == .nation {
            switch principal.readScope {
            case .province(let code): try await .province(code, on: sql)
            case .commune(let code): try await .commune(code, on: sql)
            default: asked
            }
        } else { asked }
        guard principal.readScope.covers(area) else {
            throw Abort(.forbidden, reason: "Chỉ cán bộ của \(area.name) (hoặc cấp trên) mới lập văn bản của đơn vị này.")
        }
        return area
    }

    /// The year of the document: the last year whose round has closed by default, any year of the calendar if asked.
    static func year(_ req: Request) throws -> Int {
        let today = Day.today()
        return try req.yearQuery(default: today.year, in: ReportingCalendar.years.lowerBound...today.year)
    }

    @Sendable func index(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        let area = try await Self.area(req)
        let year = try Self.year(req)
        let sql = try req.db.sql()
        let drafts = try await DocumentStore.drafts(within: principal.readScope, on: sql)
        let query = "?" + (area.query.isEmpty ? "" : area.query + "&") + "year=\(year)"
        let pdf = DocumentConversion.available
        return Page(title: "Văn bản", breadcrumbs: [("Trang chủ", "/"), ("Văn bản", nil)], content: .div(
            .h1(.text("Văn bản của \(area.name)")),
            .p(.text("Văn bản theo thể thức Nghị định 30/2020/NĐ-CP, điền sẵn số liệu hiện hành của hệ thống; cán bộ ghi số văn bản, người ký và các đoạn nhận định rồi tải về để trình ký.")),
            .form(.method(.get), .action("/documents"), .class("filters"), area.hiddenFields,
                  .label(.for("year"), .text("Năm")), .input(.type(.number), .id("year"), .name("year"), .value(String(year))),
                  .button(.type(.submit), .text("Xem"))),
            .table(.class("list"),
                .thead(.tr(.th("Văn bản"), .th("Soạn"), .th("Tải về"))),
                .tbody(
                    .tr(.td(.text("Báo cáo tình hình phát triển kinh tế tập thể năm \(year)")),
                        .td(.a(.href("/documents/annual-report\(query)"), .text("Soạn, sửa bản nháp"))),
                        .td(.a(.href("/documents/annual-report.docx\(query)"), .text("Word (DOCX)")),
                            .if(pdf, .group(.text(" · "), .a(.href("/documents/annual-report.pdf\(query)"), .text("PDF")))))),
                    .tr(.td(.text("Kết quả đánh giá, xếp loại năm \(year) (bảng tổng hợp và danh sách)")), .td(.text("—")),
                        .td(.a(.href("/documents/classification.xlsx\(query)"), .text("Excel (XLSX), để in"))))
                )),
            .if(!pdf, .p(.class("hint"), .text("Máy chủ chưa cài LibreOffice nên chưa xuất được PDF; bản Word vẫn tải được và in được."))),
            .h2("Bản nháp đã lưu"),
            .if(drafts.isEmpty, .p(.class("empty"), .text("Chưa có bản nháp nào.")), else: .table(.class("list"),
                .thead(.tr(.th("Văn bản"), .th("Đơn vị"), .th(.class("num"), .text("Năm")), .th("Lưu lần cuối"))),
                .tbody(.forEach(drafts) { draft in
                    let unit = draft.areaCode.count == 2 ? "province=\(draft.areaCode)" : draft.areaCode.count == 5 ? "commune=\(draft.areaCode)" : ""
                    return .tr(.td(.a(.href("/documents/\(draft.kind)?\(unit)&year=\(draft.year)"), .text("Báo cáo năm \(draft.year)"))),
                               .td(.text(draft.areaCode)), .td(.class("num"), .text(String(draft.year))),
                               .td(.text("\(draft.updatedBy), \(Show.timestamp(draft.updatedAt))")))
                })))
        )).response()
    }

    @Sendable func classification(req: Request) async throws -> Response {
        let area = try await Self.area(req)
        let year = try Self.year(req)
        let data = try await ClassificationDocument.workbook(area, year: year, on: req)
        try await DocumentStore.recordGenerated(ClassificationDocument.name, area: area, year: year, format: "xlsx", actor: req.actor, on: req.db)
        return Responses.download(data, name: "ket-qua-xep-loai-\(year)-\(area.code).xlsx", contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    }

    /// The report's form (no `format`), or the report as DOCX or PDF.
    func annualReport(req: Request, format: String?) async throws -> Response {
        let area = try await Self.area(req)
        let year = try Self.year(req)
        let (fields, draft, text) = try await AnnualReportDocument.inputs(area, year: year, on: req.db.sql())
        guard let format else {
            return AnnualReportForm(area: area, year: year, fields: fields, version: draft?.version ?? 0, savedBy: draft.map { "\($0.updatedBy), \(Show.timestamp($0.updatedAt))" },
                                    free: text.freeParts, problems: [:], notice: req.query[String.self, at: "notice"]).page().response()
        }
        let file = try await AnnualReportDocument.file(area, year: year, format: format, fields: fields, text: text, on: req)
        try await DocumentStore.recordGenerated(AnnualReportDocument.template, area: area, year: year, format: format, actor: req.actor, on: req.db)
        return Responses.download(file.data, name: file.name, contentType: file.contentType)
    }

    @Sendable func saveAnnualReport(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        let area = try await Self.area(req)
        guard principal.registryWriteScope.covers(area) else {
            throw Abort(.forbidden, reason: "Chỉ cán bộ của \(area.name) mới lưu bản nháp văn bản của đơn vị này.")
        }
        let year = try Self.year(req)
        let values = try req.decodeBody([String: String].self)
        let sql = try req.db.sql()
        let template = try await DocumentStore.template(AnnualReportDocument.template, on: sql)
        let version = Int(values["version"] ?? "") ?? 0
        let (fields, problems) = AnnualReportForm.read(values, free: template.text.freeParts)
        guard problems.isEmpty else {
            return AnnualReportForm(area: area, year: year, fields: fields, version: version, savedBy: nil,
                                    free: template.text.freeParts, problems: problems, notice: nil).page(status: .unprocessableEntity).response()
        }
        try await DocumentStore.saveDraft(AnnualReportDocument.template, area: area, year: year, fields: fields, version: version, actor: req.actor, on: req.db)
        let query = (area.query.isEmpty ? "" : area.query + "&") + "year=\(year)&notice=" + ("Đã lưu bản nháp.".addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
        return req.redirect(to: "/documents/annual-report?" + query, redirectType: .normal)
    }
}

/// The annual report's form: the header's facts, the signature, the recipients and the free paragraphs.
struct AnnualReportForm {
    let area: Area
    let year: Int
    let fields: AnnualReportDocument.Fields
    let version: Int
    let savedBy: String?
    let free: [(name: String, label: String)]
    let problems: [String: FieldProblem]
    let notice: String?

    /// The fields as typed, or the problems with them, each named by its field.
    static func read(_ values: [String: String], free: [(name: String, label: String)]) -> (AnnualReportDocument.Fields, [String: FieldProblem]) {
        var problems: [String: FieldProblem] = [:]
        func text(_ name: String, label: String, required: Bool = false, limit: Int = 300) -> String {
            let value = (values[name] ?? "").trimmed
            if required && value.isEmpty { problems[name] = FieldProblem("Cần ghi \(label).") }
            if value.count > limit { problems[name] = FieldProblem("\(label.capitalizedFirst) dài quá \(limit) ký tự.") }
            return value
        }
        let number = text("number", label: "số văn bản", limit: 20)
        if !number.isEmpty, !number.allSatisfy(\.isNumber) { problems["number"] = FieldProblem("Số văn bản chỉ gồm chữ số, ví dụ 125; ký hiệu do mẫu ghi.") }
        let dateText = text("date", label: "ngày ký", required: true)
        let date = Day(vietnamese: dateText)
        if date == nil, problems["date"] == nil { problems["date"] = FieldProblem("Ngày “\(dateText)” không đọc được; ghi dd/mm/yyyy, ví dụ 15/12/2026.") }
        let recipients = (values["recipients"] ?? "").components(separatedBy: .newlines).map { $0.trimmed.trimmingCharacters(in: CharacterSet(charactersIn: "-•;. ")) }
            .filter { !$0.isEmpty }
        if recipients.isEmpty { problems["recipients"] = FieldProblem("Cần ghi ít nhất một nơi nhận (mỗi nơi một dòng), ví dụ “Lưu: VT”.") }
        if recipients.count > 40 { problems["recipients"] = FieldProblem("Nhiều nhất 40 nơi nhận.") }
        var paragraphs: [String: String] = [:]
        for part in free { paragraphs[part.name] = text("free_" + part.name, label: part.label.lowercased(), limit: 20_000) }
        let parent = text("parent_body", label: "cơ quan chủ quản")
        let fields = AnnualReportDocument.Fields(parentBody: parent.isEmpty ? nil : parent, issuingBody: text("issuing_body", label: "cơ quan ban hành", required: true),
                                                 number: number, place: text("place", label: "địa danh", required: true), date: date ?? Day.today(),
                                                 authority: text("authority", label: "thẩm quyền ký").nilIfEmpty, signerTitle: text("signer_title", label: "chức vụ người ký", required: true),
                                                 signer: text("signer", label: "họ tên người ký", limit: 100), recipients: recipients, free: paragraphs)
        return (fields, problems)
    }

    func page(status: HTTPResponseStatus = .ok) -> Page {
        let query = "?" + (area.query.isEmpty ? "" : area.query + "&") + "year=\(year)"
        func input(_ name: String, _ label: String, _ value: String, hint: String? = nil) -> Node<HTML.FormContext> {
            .field(name: name, label: label, hint: hint, problem: problems[name], .input(.type(.text), .id(name), .name(name), .value(value)))
        }
        func textArea(_ name: String, _ label: String, _ value: String, rows: Int, hint: String? = nil) -> Node<HTML.FormContext> {
            .field(name: name, label: label, hint: hint, problem: problems[name],
                   .textarea(.id(name), .name(name), .attribute(named: "rows", value: String(rows)), .text(value)))
        }
        return Page(title: "Báo cáo kinh tế tập thể năm \(year) — \(area.name)",
                    breadcrumbs: [("Trang chủ", "/"), ("Văn bản", "/documents" + query), ("Báo cáo năm \(year)", nil)], status: status, content: .div(
            .h1(.text("Báo cáo tình hình phát triển kinh tế tập thể năm \(year) — \(area.name)")),
            .unwrap(notice) { .p(.class("notice"), .text($0)) },
            .p(.text("Số liệu, bảng biểu và các chỉ tiêu được điền từ hệ thống khi tải về. Ở đây chỉ ghi phần do cơ quan soạn thảo: số, người ký, nơi nhận và các đoạn nhận định."),
               .unwrap(savedBy) { .text(" Bản nháp lưu lần cuối: \($0).") }),
            .p(.class("downloads"), .text("Tải về: "), .a(.href("/documents/annual-report.docx\(query)"), .text("Word (DOCX)")),
               .if(DocumentConversion.available, .group(.text(" · "), .a(.href("/documents/annual-report.pdf\(query)"), .text("PDF"))))),
            .form(.method(.post), .action("/documents/annual-report\(query)"), .class("record"),
                .csrfField(),
                .input(.type(.hidden), .name("version"), .value(String(version))),
                .fieldset(.legend("Phần đầu văn bản"),
                    input("parent_body", "Cơ quan chủ quản (nếu có)", fields.parentBody ?? ""),
                    input("issuing_body", "Cơ quan ban hành", fields.issuingBody),
                    input("number", "Số văn bản", fields.number, hint: "Để trống nếu văn thư cấp số khi ban hành."),
                    input("place", "Địa danh", fields.place),
                    input("date", "Ngày ký (dd/mm/yyyy)", fields.date.vietnamese)),
                .fieldset(.legend("Nhận định của cơ quan soạn thảo"),
                    .forEach(free) { part in textArea("free_" + part.name, part.label, fields.free[part.name] ?? "", rows: 6, hint: "Mỗi dòng là một đoạn văn.") }),
                .fieldset(.legend("Ký và nơi nhận"),
                    input("authority", "Thẩm quyền ký", fields.authority ?? "", hint: "Ví dụ: TM. ỦY BAN NHÂN DÂN, KT. CHỦ TỊCH."),
                    input("signer_title", "Chức vụ người ký", fields.signerTitle),
                    input("signer", "Họ và tên người ký", fields.signer),
                    textArea("recipients", "Nơi nhận (mỗi nơi một dòng)", fields.recipients.joined(separator: "\n"), rows: 6)),
                .button(.type(.submit), .text("Lưu bản nháp")))
        ))
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}

/// An administrator's page for a template: its text to edit or replace, what it may name, and the way back to the
/// shipped one.
struct TemplatePage {
    let name: String
    let text: String
    let replaced: Bool
    let problem: FieldProblem?
    let notice: String?

    func page(status: HTTPResponseStatus = .ok) -> Page {
        Page(title: "Mẫu văn bản “\(name)”", breadcrumbs: [("Trang chủ", "/"), ("Văn bản", "/documents"), ("Mẫu “\(name)”", nil)], status: status, content: .div(
            .h1(.text("Mẫu văn bản: báo cáo kinh tế tập thể năm")),
            .unwrap(notice) { .p(.class("notice"), .text($0)) },
            .p(.text(replaced ? "Đang dùng mẫu do quản trị viên thay." : "Đang dùng mẫu gốc của hệ thống.")),
            .p(.class("hint"), .text("Mỗi dòng là một đoạn văn; “# ” và “## ” mở đầu đề mục; {{mã_số_liệu}} là số liệu của năm báo cáo (thêm @previous cho năm trước), "
                                     + "{{table tên}} là một bảng, {{free tên: Nhãn}} là đoạn cán bộ tự viết, {{appendix Phụ lục I: TÊN}} mở một phụ lục. "
                                     + "Bảng: \(AnnualReportDocument.tables.joined(separator: ", ")). Thông tin: \(AnnualReportDocument.facts.joined(separator: ", ")). "
                                     + "Mã số liệu: xem "), .a(.href("/figures"), .text("trang Số liệu")), .text(".")),
            .form(.method(.post), .action("/documents/templates/\(name)"), .class("record"),
                .csrfField(),
                .field(name: "text", label: "Nội dung mẫu", problem: problem,
                       .textarea(.id("text"), .name("text"), .attribute(named: "rows", value: "30"), .text(text))),
                .button(.type(.submit), .text("Lưu mẫu"))),
            .if(replaced, .form(.method(.post), .action("/documents/templates/\(name)"), .class("inline"),
                .csrfField(), .input(.type(.hidden), .name("reset"), .value("yes")), .button(.type(.submit), .text("Dùng lại mẫu gốc"))))
        ))
    }
}
