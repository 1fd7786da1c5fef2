import Foundation
import HopTacCore
import Plot
import SQLKit
import Vapor

/// `/documents`: the official documents an area's officers produce from live data. Each kind has its form
/// (`/documents/<kind>`: the number, the signer, the recipients and the free paragraphs, kept as the subject's draft),
/// its files (`.docx`, `.pdf`, its tables as `.xlsx`) and its template, which an administrator may replace.
struct DocumentsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, "documents", access: .signedIn(.readProgrammes), use: index)
        for kind in DocumentKind.allCases {
            let name = PathComponent(stringLiteral: kind.rawValue)
            routes.on(.GET, "documents", name, access: .signedIn(.readProgrammes)) { try await document(req: $0, kind: kind, format: nil) }
            for format in ["docx", "pdf"] {
                routes.on(.GET, "documents", PathComponent(stringLiteral: "\(kind.rawValue).\(format)"), access: .signedIn(.readProgrammes)) {
                    try await document(req: $0, kind: kind, format: format)
                }
            }
            if let workbook = kind.workbookPath {
                routes.on(.GET, "documents", PathComponent(stringLiteral: workbook), access: .signedIn(.readProgrammes)) {
                    try await document(req: $0, kind: kind, format: "xlsx")
                }
            }
            routes.on(.POST, "documents", name, access: .signedIn(.manageProgrammes)) { try await saveDraft(req: $0, kind: kind) }
            routes.on(.GET, "documents", "templates", name, access: .signedIn(.manageUsers)) { try await templatePage(req: $0, kind: kind) }
            routes.on(.POST, "documents", "templates", name, access: .signedIn(.manageUsers), maxBody: "256kb") { try await replaceTemplate(req: $0, kind: kind) }
        }
    }

    func templatePage(req: Request, kind: DocumentKind) async throws -> Response {
        let stored = try await DocumentStore.storedText(kind.rawValue, on: req.db.sql())
        return TemplatePage(kind: kind, text: try stored ?? DocumentStore.shipped(kind.rawValue), replaced: stored != nil, problem: nil,
                            notice: req.query[String.self, at: "notice"]).page().response()
    }

    func replaceTemplate(req: Request, kind: DocumentKind) async throws -> Response {
        let values = try req.decodeBody([String: String].self)
        let notice: String
        if values["reset"] == "yes" {
            try await DocumentStore.restoreShipped(kind.rawValue, actor: req.actor, on: req.db)
            notice = "Đã dùng lại mẫu gốc."
        } else {
            let text = values["text"] ?? ""
            do {
                try await DocumentStore.replaceTemplate(kind.rawValue, text: text, values: kind.valueNames, tables: Set(kind.tables), actor: req.actor, on: req.db)
            } catch let failure as ValidationFailure {
                return TemplatePage(kind: kind, text: text, replaced: false, problem: failure.problems["text"], notice: nil).page(status: .unprocessableEntity).response()
            }
            notice = "Đã lưu mẫu mới; các văn bản tải về từ nay dùng mẫu này."
        }
        return req.redirect(to: "/documents/templates/\(kind.rawValue)?notice=" + notice.queryEncoded, redirectType: .normal)
    }

    @Sendable func index(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        let subject = try await DocumentSubject.from(req, kind: .annualReport)
        let sql = try req.db.sql()
        let drafts = try await DocumentStore.drafts(within: principal.readScope, on: sql)
        let programmes = try await ProgrammeQueries.programmes(visibleTo: principal, on: sql)
        return DocumentIndex(subject: subject, programmes: programmes, drafts: drafts, isAdmin: principal.can(.manageUsers)).page().response()
    }

    /// A document's form (no `format`), or the document as DOCX, PDF or XLSX.
    func document(req: Request, kind: DocumentKind, format: String?) async throws -> Response {
        let subject = try await DocumentSubject.from(req, kind: kind)
        let inputs = try await DocumentMaker.inputs(subject, on: req.db.sql())
        guard let format else {
            let preview = try await DocumentMaker.document(subject, fields: inputs.fields, text: inputs.text, on: req)
            return DocumentForm(subject: subject, fields: inputs.fields, version: inputs.draft?.version ?? 0,
                                savedBy: inputs.draft.map { "\($0.updatedBy), \(Show.timestamp($0.updatedAt))" }, free: inputs.text.freeParts, problems: [:],
                                notice: req.query[String.self, at: "notice"], preview: preview).page().response()
        }
        let file = try await DocumentMaker.file(subject, format: format, inputs: inputs, on: req)
        try await DocumentStore.recordGenerated(subject, format: format, actor: req.actor, on: req.db)
        return Responses.download(file.data, name: file.name, contentType: file.contentType)
    }

    func saveDraft(req: Request, kind: DocumentKind) async throws -> Response {
        let principal = try req.requirePrincipal()
        let subject = try await DocumentSubject.from(req, kind: kind)
        guard principal.registryWriteScope.covers(subject.area) else {
            throw Abort(.forbidden, reason: "Chỉ cán bộ của \(subject.area.name) mới lưu bản nháp văn bản của đơn vị này.")
        }
        let values = try req.decodeBody([String: String].self)
        let free = try await DocumentMaker.inputs(subject, on: req.db.sql()).text.freeParts
        let version = Int(values["version"] ?? "") ?? 0
        let (fields, problems) = DocumentForm.read(values, free: free)
        guard problems.isEmpty else {
            return DocumentForm(subject: subject, fields: fields, version: version, savedBy: nil, free: free, problems: problems, notice: nil, preview: nil)
                .page(status: .unprocessableEntity).response()
        }
        try await DocumentStore.saveDraft(subject, fields: fields, version: version, actor: req.actor, on: req.db)
        return req.redirect(to: "/documents/\(kind.rawValue)?\(subject.query)&notice=" + "Đã lưu bản nháp.".queryEncoded, redirectType: .normal)
    }
}

/// A document's form: the header's facts, the signature, the recipients and the free paragraphs; for a programme's
/// report, the period too.
struct DocumentForm {
    let subject: DocumentSubject
    let fields: DocumentFields
    let version: Int
    let savedBy: String?
    let free: [(name: String, label: String)]
    let problems: [String: FieldProblem]
    let notice: String?
    /// The document as it would be downloaded now; nil while the form shows problems.
    let preview: OfficialDocument?

    /// The fields as typed, or the problems with them, each named by its field.
    static func read(_ values: [String: String], free: [(name: String, label: String)]) -> (DocumentFields, [String: FieldProblem]) {
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
        let fields = DocumentFields(parentBody: parent.isEmpty ? nil : parent, issuingBody: text("issuing_body", label: "cơ quan ban hành", required: true),
                                    number: number, place: text("place", label: "địa danh", required: true), date: date ?? Day.today(),
                                    authority: text("authority", label: "thẩm quyền ký").nilIfEmpty, signerTitle: text("signer_title", label: "chức vụ người ký", required: true),
                                    signer: text("signer", label: "họ tên người ký", limit: 100), recipients: recipients, free: paragraphs)
        return (fields, problems)
    }

    /// The choice of a programme report's period.
    static func periodChoice(_ selected: ReportPeriod?) -> Node<HTML.FormContext> {
        .group(.label(.for("period"), .text("Kỳ báo cáo")),
               .select(.id("period"), .attribute(named: "name", value: "period"), .forEach(ReportPeriod.allCases) { period in
                   .choice(period.rawValue, period.choice, selected: period == selected)
               }))
    }

    func page(status: HTTPResponseStatus = .ok) -> Page {
        let kind = subject.kind.rawValue
        let query = "?" + subject.query
        func input(_ name: String, _ label: String, _ value: String, hint: String? = nil) -> Node<HTML.FormContext> {
            .field(name: name, label: label, hint: hint, problem: problems[name], .input(.type(.text), .id(name), .name(name), .value(value)))
        }
        func textArea(_ name: String, _ label: String, _ value: String, rows: Int, hint: String? = nil) -> Node<HTML.FormContext> {
            .field(name: name, label: label, hint: hint, problem: problems[name],
                   .textarea(.id(name), .name(name), .attribute(named: "rows", value: String(rows)), .text(value)))
        }
        let chooser: Node<HTML.BodyContext> = .unwrap(subject.programme) { programme in
            .form(.method(.get), .action("/documents/\(kind)"), .class("filters"),
                  .input(.type(.hidden), .name("programme"), .value(String(programme.id))),
                  DocumentForm.periodChoice(subject.period),
                  .label(.for("year"), .text("Năm")),
                  .input(.type(.number), .id("year"), .name("year"), .value(String(subject.year)),
                         .attribute(named: "min", value: String(programme.periodFrom)), .attribute(named: "max", value: String(programme.years.upperBound))),
                  .button(.type(.submit), .text("Đổi kỳ")))
        }
        let header: Node<HTML.FormContext> = .fieldset(.legend("Phần đầu văn bản"),
            input("parent_body", "Cơ quan chủ quản (nếu có)", fields.parentBody ?? ""),
            input("issuing_body", "Cơ quan ban hành", fields.issuingBody),
            input("number", "Số văn bản", fields.number, hint: "Để trống nếu văn thư cấp số khi ban hành."),
            input("place", "Địa danh", fields.place),
            input("date", "Ngày ký (dd/mm/yyyy)", fields.date.vietnamese))
        let paragraphs: Node<HTML.FormContext> = .if(!free.isEmpty, .fieldset(.legend("Nội dung do cơ quan soạn thảo viết"),
            .forEach(free) { part in textArea("free_" + part.name, part.label, fields.free[part.name] ?? "", rows: 6, hint: "Mỗi dòng là một đoạn văn.") }))
        let signature: Node<HTML.FormContext> = .fieldset(.legend("Ký và nơi nhận"),
            input("authority", "Thẩm quyền ký", fields.authority ?? "", hint: "Ví dụ: TM. ỦY BAN NHÂN DÂN, KT. CHỦ TỊCH."),
            input("signer_title", "Chức vụ người ký", fields.signerTitle),
            input("signer", "Họ và tên người ký", fields.signer),
            textArea("recipients", "Nơi nhận (mỗi nơi một dòng)", fields.recipients.joined(separator: "\n"), rows: 6))
        let form: Node<HTML.BodyContext> = .form(.method(.post), .action("/documents/\(kind)\(query)"), .class("record"),
            .csrfField(), .input(.type(.hidden), .name("version"), .value(String(version))), header, paragraphs, signature,
            .button(.type(.submit), .text("Lưu bản nháp")))
        return Page(title: subject.title, breadcrumbs: [("Trang chủ", "/"), ("Văn bản", "/documents?" + subject.area.query), (subject.title, nil)], status: status, content: .div(
            .h1(.text(subject.title)),
            .unwrap(notice) { .p(.class("notice"), .text($0)) },
            chooser,
            .p(.text("Số liệu, bảng biểu, chỉ tiêu và nhiệm vụ được điền từ hệ thống khi tải về. Ở đây chỉ ghi phần do cơ quan soạn thảo: số, người ký, nơi nhận và các đoạn nhận định."),
               .unwrap(savedBy) { .text(" Bản nháp lưu lần cuối: \($0).") }),
            .p(.class("downloads"), .text("Tải về: "), DocumentIndex.downloads(subject.kind, query: query)),
            form,
            .unwrap(preview) { .group(.h2("Xem trước"), DocumentPreview.node($0)) }
        ))
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}

/// `/documents`: what the area's officers can produce, and the drafts they keep.
struct DocumentIndex {
    let subject: DocumentSubject
    let programmes: [ProgrammeRecord]
    let drafts: [DocumentStore.Listed]
    let isAdmin: Bool

    /// The links to a document's files: DOCX, PDF when LibreOffice is there, its tables as XLSX when it has any.
    static func downloads(_ kind: DocumentKind, query: String) -> Node<HTML.BodyContext> {
        .group(.a(.href("/documents/\(kind.rawValue).docx\(query)"), .text("Word (DOCX)")),
               .if(DocumentConversion.available, .group(.text(" · "), .a(.href("/documents/\(kind.rawValue).pdf\(query)"), .text("PDF")))),
               .unwrap(kind.workbookPath) { .group(.text(" · "), .a(.href("/documents/\($0)\(query)"), .text("Bảng biểu (XLSX)"))) })
    }

    func page() -> Page {
        let (area, year) = (subject.area, subject.year)
        let query = "?" + subject.query
        let areaKinds: [(DocumentKind, String)] = [
            (.annualReport, "Báo cáo tình hình phát triển kinh tế tập thể năm \(year), kèm phụ lục theo đơn vị hành chính"),
            (.classificationReport, "Báo cáo kết quả đánh giá, xếp loại năm \(year): bảng tổng hợp, theo đơn vị và danh sách từng tổ chức"),
            (.dissolutionList, "Quyết định giải thể bắt buộc, kèm danh sách tổ chức chờ giải thể hoặc quá hạn phản hồi thông báo"),
        ]
        let areaTable: Node<HTML.BodyContext> = .table(.class("list"),
            .thead(.tr(.th("Văn bản"), .th("Soạn"), .th("Tải về"))),
            .tbody(.forEach(areaKinds) { kind, label in
                .tr(.td(.text(label)), .td(.a(.href("/documents/\(kind.rawValue)\(query)"), .text("Soạn, sửa bản nháp"))), .td(Self.downloads(kind, query: query)))
            }))
        // The area's own programmes first.
        let ordered = programmes.filter { $0.isIssued(for: area) } + programmes.filter { !$0.isIssued(for: area) }
        let programmeForm: Node<HTML.BodyContext> = .if(programmes.isEmpty, .p(.class("empty"), .text("Chưa có chương trình nào trong phạm vi của tài khoản.")), else:
            .form(.method(.get), .action("/documents/\(DocumentKind.programmeReport.rawValue)"), .class("filters"),
                  .label(.for("programme"), .text("Chương trình")),
                  .select(.id("programme"), .attribute(named: "name", value: "programme"), .forEach(ordered) { programme in
                      .choice(String(programme.id), "\(programme.symbol) — \(programme.title) (\(programme.periodFrom)–\(programme.periodTo))", selected: false)
                  }),
                  DocumentForm.periodChoice(.year),
                  .label(.for("programme-year"), .text("Năm")), .input(.type(.number), .id("programme-year"), .name("year"), .value(String(Day.today().year))),
                  .button(.type(.submit), .text("Soạn báo cáo"))))
        let templates: Node<HTML.BodyContext> = .if(isAdmin, .p(.class("hint"), .text("Mẫu văn bản: "), .forEach(DocumentKind.allCases) { kind in
            .group(.a(.href("/documents/templates/\(kind.rawValue)"), .text(kind.title)), .text(kind == DocumentKind.allCases.last ? "." : " · "))
        }))
        let draftList: Node<HTML.BodyContext> = .if(drafts.isEmpty, .p(.class("empty"), .text("Chưa có bản nháp nào.")), else: .table(.class("list"),
            .thead(.tr(.th("Văn bản"), .th("Đơn vị"), .th(.class("num"), .text("Năm")), .th("Lưu lần cuối"))),
            .tbody(.forEach(drafts) { draft in
                .tr(.td(.a(.href(draft.link), .text(draft.shownTitle))), .td(.text(draft.areaCode)), .td(.class("num"), .text(String(draft.year))),
                    .td(.text("\(draft.updatedBy), \(Show.timestamp(draft.updatedAt))")))
            })))
        return Page(title: "Văn bản", breadcrumbs: [("Trang chủ", "/"), ("Văn bản", nil)], content: .div(
            .h1(.text("Văn bản của \(area.name)")),
            .p(.text("Văn bản theo thể thức Nghị định 30/2020/NĐ-CP, điền sẵn số liệu hiện hành của hệ thống; cán bộ ghi số văn bản, người ký và các đoạn nhận định rồi tải về để trình ký.")),
            .form(.method(.get), .action("/documents"), .class("filters"), area.hiddenFields,
                  .label(.for("year"), .text("Năm")), .input(.type(.number), .id("year"), .name("year"), .value(String(year))),
                  .button(.type(.submit), .text("Xem"))),
            areaTable,
            .h2("Báo cáo thực hiện chương trình, kế hoạch hành động"),
            programmeForm,
            .h2("Thông báo cho tổ chức có dấu hiệu ngừng hoạt động"),
            .p(.text("Mỗi tổ chức trong "), .a(.href("/dormant?" + area.query), .text("danh sách tổ chức có dấu hiệu ngừng hoạt động")),
               .text(" có liên kết “Soạn thông báo” để lập thông báo theo thể thức, điền sẵn dấu hiệu và hạn phản hồi.")),
            .if(!DocumentConversion.available, .p(.class("hint"), .text("Máy chủ chưa cài LibreOffice nên chưa xuất được PDF; bản Word vẫn tải được và in được."))),
            templates,
            .h2("Bản nháp đã lưu"),
            draftList
        ))
    }
}

/// An administrator's page for a template: its text to edit or replace, what it may name, and the way back to the
/// shipped one.
struct TemplatePage {
    let kind: DocumentKind
    let text: String
    let replaced: Bool
    let problem: FieldProblem?
    let notice: String?

    func page(status: HTTPResponseStatus = .ok) -> Page {
        let name = kind.rawValue
        return Page(title: "Mẫu văn bản “\(name)”", breadcrumbs: [("Trang chủ", "/"), ("Văn bản", "/documents"), ("Mẫu “\(name)”", nil)], status: status, content: .div(
            .h1(.text("Mẫu văn bản: \(kind.title.lowercased())")),
            .unwrap(notice) { .p(.class("notice"), .text($0)) },
            .p(.text(replaced ? "Đang dùng mẫu do quản trị viên thay." : "Đang dùng mẫu gốc của hệ thống.")),
            .p(.class("hint"), .text("Mỗi dòng là một đoạn văn; “# ” và “## ” mở đầu đề mục; {{mã_số_liệu}} là số liệu của năm (thêm @previous cho năm trước), "
                                     + "{{table tên}} là một bảng, {{free tên: Nhãn}} là đoạn cán bộ tự viết, {{appendix Phụ lục I: TÊN}} mở một phụ lục. "
                                     + (kind.tables.isEmpty ? "" : "Bảng: \(kind.tables.joined(separator: ", ")). ")
                                     + "Thông tin: \((DocumentKind.commonFacts + kind.facts).joined(separator: ", ")). Mã số liệu: xem "),
               .a(.href("/figures"), .text("trang Số liệu")), .text(".")),
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
