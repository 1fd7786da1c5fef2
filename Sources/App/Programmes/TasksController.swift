import HopTacCore
import Plot
import SQLKit
import Vapor

/// Tasks across programmes: "my agency's tasks", the overdue list, a task's progress and extensions, and the
/// scorecard of lead agencies.
struct TasksController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.getEveryRepresentation("tasks", access: .signedIn(.readProgrammes), use: list)
        routes.on(.GET, "tasks", ":taskId", access: .signedIn(.readProgrammes), use: show)
        routes.on(.POST, "tasks", ":taskId", "progress", access: .signedIn(.reportTaskProgress), maxBody: "20mb", use: progress)
        routes.on(.GET, "tasks", ":taskId", "progress", ":progressId", "evidence", access: .signedIn(.readProgrammes), use: evidence)
        routes.on(.POST, "tasks", ":taskId", "extensions", access: .signedIn(.reportTaskProgress), use: requestExtension)
        routes.on(.POST, "tasks", ":taskId", "extensions", ":extensionId", "decision", access: .signedIn(.manageProgrammes), use: decide)
        routes.getEveryRepresentation("scorecard", access: .signedIn(.readProgrammes), use: scorecard)
    }

    /// The filter of the task list: an agency ("mine" for the user's department), a status, a programme.
    struct Query {
        var agency: String?
        var status: TaskStatus?
        var programmeId: Int?

        init(_ req: Request) throws {
            let agency = req.query[String.self, at: "agency"].map(\.trimmed)
            self.agency = agency == "mine" ? req.context.user?.department : agency.flatMap { $0.isEmpty ? nil : $0 }
            if let raw = req.query[String.self, at: "status"], !raw.isEmpty {
                guard let status = TaskStatus(rawValue: raw) else {
                    throw Abort(.badRequest, reason: "Tham số “status” không hợp lệ: “\(raw)”. Giá trị được phép: \(TaskStatus.allCases.map(\.rawValue).joined(separator: ", ")).")
                }
                self.status = status
            }
            if let raw = req.query[String.self, at: "programme"]?.trimmed, !raw.isEmpty {
                guard let id = Int(raw) else { throw Abort(.badRequest, reason: "Tham số “programme” phải là số của chương trình, không phải “\(raw)”.") }
                programmeId = id
            }
        }

        var filter: ProgrammeQueries.TaskFilter { .init(programmeId: programmeId, agency: agency.map(foldForSearch)) }
    }

    static let header = ["Chương trình", "Số", "Nội dung", "Chủ trì", "Phối hợp", "Thời hạn", "Tình trạng", "Tiến độ (%)"]
    static func cells(_ task: TaskRecord) -> [any TableCell] {
        [task.programmeSymbol, task.number, task.text, task.lead, task.coordinating.joined(separator: "; "), task.when, task.status.label, task.percent]
    }

    @Sendable func list(req: Request, representation: Representation) async throws -> Response {
        let query = try Query(req)
        let order = try ListOrder<TaskColumn>(req.query[String.self, at: "sort"])
        let page = try req.pageQuery()
        var tasks = try await ProgrammeQueries.tasks(query.filter, visibleTo: req.principal, today: Day.today(), on: req.db.sql())
        if let status = query.status { tasks = tasks.filter { $0.status == status } }
        // Read in the programmes' own order, which the first column keeps.
        let position = Dictionary(tasks.enumerated().map { ($1.id, Double($0)) }, uniquingKeysWith: { a, _ in a })
        tasks = order.sorted(tasks) { task in
            switch order.column {
            case .programme: .number(position[task.id] ?? 0)
            case .lead: .text(foldForSearch(task.lead))
            case .deadline: task.effectiveDeadline.map { .text($0.dueDay.iso) } ?? .missing
            case .status: .number(Double(TaskStatus.allCases.firstIndex(of: task.status) ?? 0))
            case .progress: .number(task.percent)
            }
        }
        switch representation {
        case .json: return try Responses.json(PagedList(total: tasks.count, page: 1, perPage: tasks.count, items: tasks))
        case .csv, .xlsx: return try Responses.table("nhiem-vu", as: representation, header: Self.header, rows: tasks.map(Self.cells))
        case .html:
            return TaskListPage(tasks: tasks, agency: req.query[String.self, at: "agency"], status: query.status, programmeId: query.programmeId,
                                department: req.context.user?.department, order: order, pageNumber: page).page().response()
        }
    }

    private func task(_ req: Request) async throws -> (TaskRecord, ProgrammeRecord, Area) {
        guard let id = Int(Representation.split(req.parameters.get("taskId") ?? "").value),
              let task = try await ProgrammeQueries.tasks(.init(taskId: id), visibleTo: req.principal, today: Day.today(), on: req.db.sql()).first else {
            throw Abort(.notFound, reason: "Không có nhiệm vụ “\(req.parameters.get("taskId") ?? "")”.")
        }
        let sql = try req.db.sql()
        let programme = try await ProgrammeQueries.programme(task.programmeId, visibleTo: req.principal, on: sql)
        return (task, programme, try await programme.area(on: sql))
    }

    @Sendable func show(req: Request) async throws -> Response {
        let (task, programme, area) = try await task(req)
        if Representation.split(req.parameters.get("taskId") ?? "").representation == .json { return try Responses.json(task) }
        return TaskPage(task: task, programme: programme, canReport: ProgrammeAccess.canReport(on: task, programme, user: req.context.user, area: area),
                        canDecide: ProgrammeAccess.canManage(programme, req.principal, area: area), problems: [:]).page().response()
    }

    @Sendable func progress(req: Request) async throws -> Response {
        let (task, programme, area) = try await task(req)
        guard ProgrammeAccess.canReport(on: task, programme, user: req.context.user, area: area) else {
            throw Abort(.forbidden, reason: "Chỉ cơ quan chủ trì nhiệm vụ (\(task.lead)) hoặc cơ quan ban hành chương trình mới báo cáo tiến độ.")
        }
        struct Form: Content { var reported_on: String?; var percent: String?; var note: String?; var evidence: File? }
        let form = try req.content.decode(Form.self)
        var problems: [String: FieldProblem] = [:]
        let today = Day.today()
        let day = Day(vietnamese: form.reported_on?.trimmed ?? "")
        if day == nil { problems["reported_on"] = FieldProblem("Ngày báo cáo “\(form.reported_on ?? "")” không phải ngày dd/mm/yyyy.") }
        else if let day, day > today { problems["reported_on"] = FieldProblem("Ngày báo cáo \(day.vietnamese) ở tương lai.") }
        let percent = VietnameseNumber.parse(form.percent?.trimmed ?? "")
        if percent == nil || !(0...100).contains(percent ?? -1) { problems["percent"] = FieldProblem("Tiến độ “\(form.percent ?? "")” phải là số từ 0 đến 100.") }
        let note = form.note?.trimmed ?? ""
        if note.isEmpty { problems["note"] = FieldProblem("Cần ghi nội dung đã thực hiện.") }
        var evidence: EvidenceUpload?
        switch EvidenceUpload.check(form.evidence) {
        case .success(let file): evidence = file
        case .failure(let problem): problems["evidence"] = problem
        }
        guard problems.isEmpty, let day, let percent else {
            return TaskPage(task: task, programme: programme, canReport: true, canDecide: ProgrammeAccess.canManage(programme, req.principal, area: area),
                            problems: problems).page(status: .unprocessableEntity).response()
        }
        try await ProgrammeStore.reportProgress(task: task, on: day, percent: percent, note: note, evidence: evidence, actor: req.actor, on: req.db)
        return req.redirect(to: "/tasks/\(task.id)", redirectType: .normal)
    }

    @Sendable func evidence(req: Request) async throws -> Response {
        let (task, _, _) = try await task(req)
        guard let id = req.parameters.get("progressId").flatMap(Int.init), task.progress.contains(where: { $0.id == id }) else {
            throw Abort(.notFound, reason: "Không có tệp minh chứng này.")
        }
        struct Row: Decodable { let evidenceName: String?; let evidenceType: String?; let evidence: Data? }
        guard let row = try await req.db.sql().raw("SELECT evidence_name, evidence_type, evidence FROM task_progress WHERE id = \(bind: id)")
            .first(decoding: Row.self, keyDecodingStrategy: .snakeCaseColumns), let data = row.evidence else {
            throw Abort(.notFound, reason: "Báo cáo này không kèm tệp minh chứng.")
        }
        return EvidenceUpload.download(data, storedName: row.evidenceName)
    }

    @Sendable func requestExtension(req: Request) async throws -> Response {
        let (task, programme, area) = try await task(req)
        guard ProgrammeAccess.canReport(on: task, programme, user: req.context.user, area: area) else {
            throw Abort(.forbidden, reason: "Chỉ cơ quan chủ trì nhiệm vụ (\(task.lead)) mới xin gia hạn.")
        }
        let values = try req.decodeBody([String: String].self)
        guard let deadline = TaskDeadline(typed: values["new_deadline"] ?? "") else {
            throw ValidationFailure(problems: ["new_deadline": FieldProblem("Thời hạn mới “\(values["new_deadline"] ?? "")” không đọc được (ví dụ: 30/06/2027, quý II/2027).")])
        }
        try await ProgrammeStore.requestExtension(task: task, programme: programme, area: area, newDeadline: deadline, reason: values["reason"] ?? "",
                                                  actor: req.actor, mail: req.application.config.mail, on: req.db)
        return req.redirect(to: "/tasks/\(task.id)", redirectType: .normal)
    }

    @Sendable func decide(req: Request) async throws -> Response {
        let (task, programme, area) = try await task(req)
        guard ProgrammeAccess.canManage(programme, req.principal, area: area) else {
            throw Abort(.forbidden, reason: "Chỉ cơ quan ban hành chương trình \(programme.symbol) mới quyết định gia hạn.")
        }
        let values = try req.decodeBody([String: String].self)
        let decision: ExtensionRequest.Decision
        switch values["decision"] {
        case "approve": decision = .approve
        case "refuse": decision = .refuse
        default: throw ValidationFailure(problems: ["decision": FieldProblem("Chưa chọn chấp thuận hay không chấp thuận.")])
        }
        guard let id = req.parameters.get("extensionId").flatMap(Int.init) else { throw Abort(.notFound, reason: "Không có yêu cầu gia hạn này.") }
        try await ProgrammeStore.decideExtension(task: task, extensionId: id, decision: decision, actor: req.actor, mail: req.application.config.mail, on: req.db)
        return req.redirect(to: "/tasks/\(task.id)", redirectType: .normal)
    }

    @Sendable func scorecard(req: Request, representation: Representation) async throws -> Response {
        let query = try Query(req)
        let tasks = try await ProgrammeQueries.tasks(query.filter, visibleTo: req.principal, today: Day.today(), on: req.db.sql())
        let rows = AgencyScorecard.rows(tasks.map { ($0.lead, $0.status) })
        switch representation {
        case .json: return try Responses.json(PagedList(total: rows.count, page: 1, perPage: rows.count, items: rows))
        case .csv, .xlsx:
            return try Responses.table("ket-qua-co-quan-chu-tri", as: representation,
                                       header: ["Cơ quan chủ trì", "Được giao", "Hoàn thành đúng hạn", "Hoàn thành quá hạn", "Đang thực hiện trong hạn", "Quá hạn chưa hoàn thành", "Tỷ lệ đúng hạn (%)"],
                                       rows: rows.map { [$0.agency, $0.assigned, $0.doneOnTime, $0.doneLate, $0.inProgress, $0.overdue, $0.onTimeRate] })
        case .html:
            return ScorecardPage(rows: rows, query: req.url.query ?? "").page().response()
        }
    }
}

/// The columns the task list sorts by; the first is the programmes' own order.
enum TaskColumn: String, CaseIterable, Sendable { case programme, lead, deadline, status, progress }

struct TaskListPage {
    static let perPage = 50

    let tasks: [TaskRecord]
    /// The agency as asked for ("mine" stays "mine", so links keep following the user's department).
    let agency: String?
    let status: TaskStatus?
    let programmeId: Int?
    let department: String?
    let order: ListOrder<TaskColumn>
    let pageNumber: Int

    /// Tasks as a table; with `order`, headings that sort the list through `link`.
    static func table(_ tasks: [TaskRecord], order: ListOrder<TaskColumn>? = nil, link: (String?) -> String = { _ in "" }) -> Node<HTML.BodyContext> {
        func header(_ label: String, _ column: TaskColumn, numeric: Bool = false) -> Node<HTML.TableRowContext> {
            guard let order else { return .th(.if(numeric, .class("num")), .text(label)) }
            return .sortableHeader(label, column: column, order: order, numeric: numeric, link: link)
        }
        return .div(.class("scroll"), .table(.class("list"),
            .thead(.tr(header("Số", .programme), .th("Nội dung"), header("Chủ trì", .lead), header("Thời hạn", .deadline), header("Tình trạng", .status),
                       header("Tiến độ", .progress, numeric: true))),
            .tbody(.forEach(tasks) { task in
                .tr(.td(.text(Show.text(task.number))), .td(.a(.href("/tasks/\(task.id)"), .text(String(task.text.prefix(220))))),
                    .td(.text(task.lead)), .td(.text(task.when)),
                    .td(.span(.class("badge \(task.status.cssClass)"), .text(task.status.label))),
                    .td(.class("num"), .text(Show.number(task.percent, fractionDigits: 0) + "%")))
            })))
    }

    /// The list's own address with some parameters changed (nil removes one).
    func link(_ changes: [String: String?]) -> String {
        "/tasks" + OrganizationFilter.queryString([("agency", agency), ("status", status?.rawValue), ("programme", programmeId.map(String.init)),
                                                   ("sort", order.parameter), ("page", pageNumber == 1 ? nil : String(pageNumber))], changes: changes)
    }

    func page() -> Page {
        let shown = Array(tasks.dropFirst((pageNumber - 1) * Self.perPage).prefix(Self.perPage))
        let named = agency == "mine" ? department : agency
        return Page(
            title: status == .overdue ? "Nhiệm vụ quá hạn" : "Nhiệm vụ",
            breadcrumbs: [("Trang chủ", "/"), ("Chương trình hành động", "/programmes"), ("Nhiệm vụ", nil)],
            content: .div(
                .h1(.text(status == .overdue ? "Nhiệm vụ quá hạn" : "Nhiệm vụ" + (named.map { " do \($0) chủ trì" } ?? ""))),
                .form(.method(.get), .action("/tasks"), .class("filters"),
                    .label(.for("agency"), .text("Cơ quan chủ trì")),
                    .input(.type(.text), .id("agency"), .name("agency"), .value(named ?? "")),
                    .label(.for("status"), .text("Tình trạng")),
                    .select(.id("status"), .attribute(named: "name", value: "status"), .choice("", "Tất cả", selected: status == nil),
                            .forEach(TaskStatus.allCases) { .choice($0.rawValue, $0.label, selected: status == $0) }),
                    .unwrap(programmeId) { .input(.type(.hidden), .name("programme"), .value(String($0))) },
                    .unwrap(order.parameter) { .input(.type(.hidden), .name("sort"), .value($0)) },
                    .button(.type(.submit), .text("Lọc"))),
                .unwrap(department) { .p(.a(.href("/tasks?agency=mine"), .text("Nhiệm vụ của cơ quan tôi (\($0))"))) },
                .p(.text("\(VietnameseNumber.format(tasks.count)) nhiệm vụ.")),
                Self.table(shown, order: order) { link(["sort": $0, "page": nil]) },
                .pager(page: pageNumber, perPage: Self.perPage, total: tasks.count) { link(["page": String($0)]) },
                .downloads(path: "/tasks", query: String(link(["page": nil]).drop { $0 != "?" }))
            )
        )
    }
}

struct TaskPage {
    let task: TaskRecord
    let programme: ProgrammeRecord
    let canReport: Bool
    let canDecide: Bool
    let problems: [String: FieldProblem]

    func page(status: HTTPResponseStatus = .ok) -> Page {
        Page(
            title: "Nhiệm vụ \(task.number ?? "") — \(programme.symbol)",
            breadcrumbs: [("Trang chủ", "/"), ("Chương trình hành động", "/programmes"), (programme.symbol, "/programmes/\(programme.id)"), ("Nhiệm vụ", nil)],
            status: status,
            content: .div(
                .h1(.text("Nhiệm vụ \(task.number ?? "")")),
                .p(.text(task.text)),
                .facts([
                    ("Chương trình", .a(.href("/programmes/\(programme.id)"), .text("\(programme.symbol): \(programme.title)"))),
                    ("Mục", .text(Show.text(task.section))),
                    ("Cơ quan chủ trì", .text(task.lead)),
                    ("Cơ quan phối hợp", .text(task.coordinating.isEmpty ? "—" : task.coordinating.joined(separator: "; "))),
                    ("Thời hạn", .text(task.when + (task.deadline != task.effectiveDeadline ? " (ban đầu: \(task.deadline?.label ?? "—"))" : ""))),
                    ("Tình trạng", .span(.class("badge \(task.status.cssClass)"), .text(task.status.label))),
                    ("Tiến độ", .text(Show.number(task.percent, fractionDigits: 0) + "%")),
                ]),
                .h2("Báo cáo tiến độ"),
                .if(task.progress.isEmpty, .p(.text("Chưa có báo cáo."))),
                .if(!task.progress.isEmpty, .table(.class("list"),
                    .thead(.tr(.th("Ngày"), .th(.class("num"), .text("Tiến độ")), .th("Nội dung"), .th("Minh chứng"), .th("Người báo cáo"))),
                    .tbody(.forEach(task.progress) { p in
                        .tr(.td(.text(p.reportedOn.vietnamese)), .td(.class("num"), .text(Show.number(p.percent, fractionDigits: 0) + "%")), .td(.text(p.note)),
                            .td(.unwrap(p.evidenceName, { .a(.href("/tasks/\(task.id)/progress/\(p.id)/evidence"), .text($0)) }, else: .text("—"))),
                            .td(.text(p.actor)))
                    }))),
                .if(canReport, .form(.method(.post), .action("/tasks/\(task.id)/progress"), .enctype(.multipartData), .class("record"),
                    .csrfField(),
                    .fieldset(.legend("Báo cáo tiến độ mới"),
                        .field(name: "reported_on", label: "Ngày báo cáo", hint: "dd/mm/yyyy", problem: problems["reported_on"],
                               .input(.type(.text), .id("reported_on"), .name("reported_on"), .value(Day.today().vietnamese))),
                        .field(name: "percent", label: "Tiến độ (%)", hint: "100 khi đã hoàn thành", problem: problems["percent"],
                               .input(.type(.text), .id("percent"), .name("percent"))),
                        .field(name: "note", label: "Nội dung đã thực hiện", problem: problems["note"], .textarea(.id("note"), .name("note"), .attribute(named: "rows", value: "3"))),
                        EvidenceUpload.field(problem: problems["evidence"]),
                        .button(.type(.submit), .text("Gửi báo cáo"))))),
                .h2("Gia hạn"),
                .if(task.extensions.isEmpty, .p(.text("Chưa có yêu cầu gia hạn."))),
                .if(!task.extensions.isEmpty, .table(.class("list"),
                    .thead(.tr(.th("Thời hạn mới"), .th("Lý do"), .th("Người đề nghị"), .th("Trạng thái"), .th("Quyết định"))),
                    .tbody(.forEach(task.extensions) { e in
                        .tr(.td(.text(e.newDeadline.label)), .td(.text(e.reason)), .td(.text("\(e.requestedBy), \(e.requestedOn.vietnamese)")),
                            .td(.text(e.state.label + (e.decidedBy.map { " — \($0), \(e.decidedOn?.vietnamese ?? "")" } ?? ""))),
                            .td(canDecide && e.state == .requested
                                ? .form(.method(.post), .action("/tasks/\(task.id)/extensions/\(e.id)/decision"), .class("inline"), .csrfField(),
                                        .button(.type(.submit), .name("decision"), .value("approve"), .text("Chấp thuận")),
                                        .button(.type(.submit), .name("decision"), .value("refuse"), .text("Không chấp thuận")))
                                : .text("")))
                    }))),
                .if(canReport && task.frequency == .once, .form(.method(.post), .action("/tasks/\(task.id)/extensions"), .class("record"),
                    .csrfField(),
                    .fieldset(.legend("Xin gia hạn"),
                        .field(name: "new_deadline", label: "Thời hạn mới", hint: "Ví dụ: 30/06/2027, quý II/2027", problem: nil,
                               .input(.type(.text), .id("new_deadline"), .name("new_deadline"))),
                        .field(name: "reason", label: "Lý do", problem: nil, .textarea(.id("reason"), .name("reason"), .attribute(named: "rows", value: "2"))),
                        .button(.type(.submit), .text("Gửi đề nghị gia hạn")))))
            )
        )
    }
}

struct ScorecardPage {
    let rows: [AgencyScorecard]
    let query: String

    func page() -> Page {
        Page(
            title: "Kết quả thực hiện nhiệm vụ theo cơ quan chủ trì",
            breadcrumbs: [("Trang chủ", "/"), ("Chương trình hành động", "/programmes"), ("Kết quả theo cơ quan", nil)],
            content: .div(
                .h1("Kết quả thực hiện nhiệm vụ theo cơ quan chủ trì"),
                .div(.class("scroll"), .table(.class("list"),
                    .thead(.tr(.th("Cơ quan chủ trì"), .th(.class("num"), .text("Được giao")), .th(.class("num"), .text("Hoàn thành đúng hạn")),
                               .th(.class("num"), .text("Hoàn thành quá hạn")), .th(.class("num"), .text("Đang thực hiện trong hạn")),
                               .th(.class("num"), .text("Quá hạn")), .th(.class("num"), .text("Tỷ lệ đúng hạn")))),
                    .tbody(.forEach(rows) { row in
                        .tr(.td(.a(.href("/tasks?agency=\(row.agency.queryEncoded)"), .text(row.agency))),
                            .td(.class("num"), .text(Show.number(row.assigned))), .td(.class("num"), .text(Show.number(row.doneOnTime))),
                            .td(.class("num"), .text(Show.number(row.doneLate))), .td(.class("num"), .text(Show.number(row.inProgress))),
                            .td(.class("num"), .text(Show.number(row.overdue))),
                            .td(.class("num"), .text(Show.percent(row.onTimeRate))))
                    }))),
                .downloads(path: "/scorecard", query: query.isEmpty ? "" : "?\(query)")
            )
        )
    }
}
