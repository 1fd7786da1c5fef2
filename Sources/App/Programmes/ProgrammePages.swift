import HopTacCore
import Plot
import Vapor

enum ProgrammePages {
    /// "ít nhất 60% đến năm 2030", "khoảng 15% đến năm 2030", "mỗi năm 1–3 đến năm 2030", "1,5–2 lần so với năm 2020 đến năm 2025"…
    static func goal(_ target: ProgrammeTarget) -> String {
        "\(target.requirement) đến năm \(target.horizonYear)"
    }

    static func value(_ value: Double?, unit: TargetUnit) -> String {
        guard let value else { return "—" }
        return switch unit {
        case .percent: Show.percent(value)
        case .multipleOfBaseline: Show.number(value, fractionDigits: 2) + " lần"
        default: Show.number(value, fractionDigits: 1)
        }
    }

    static func statusBadge(_ status: TargetStatus) -> Node<HTML.BodyContext> {
        .span(.class("badge \(status.cssClass)"), .text(status.label))
    }
}

extension Node where Context == HTML.BodyContext {
    /// A server-drawn chart with its visible caption; the SVG carries its own title and description for screen readers.
    static func chart(_ svg: String, caption: String) -> Node {
        .element(named: "figure", nodes: [.class("chart"), .raw(svg), .element(named: "figcaption", text: caption)])
    }
}

struct ProgrammeListPage {
    let rows: [ProgrammesController.Summary]
    let canCreate: Bool

    func page() -> Page {
        Page(
            title: "Chương trình hành động",
            breadcrumbs: [("Trang chủ", "/"), ("Chương trình hành động", nil)],
            content: .div(
                .h1("Chương trình, kế hoạch hành động thực hiện Nghị quyết 20-NQ/TW"),
                .p(.a(.href("/tasks?status=overdue"), .text("Nhiệm vụ quá hạn")), .text(" · "), .a(.href("/tasks"), .text("Nhiệm vụ")),
                   .text(" · "), .a(.href("/scorecard"), .text("Kết quả theo cơ quan chủ trì")),
                   .if(canCreate, .group(.text(" · "), .a(.href("/programmes/new"), .class("button"), .text("Nhập chương trình từ văn bản"))))),
                .if(rows.isEmpty, .p(.text("Chưa có chương trình nào."))),
                .if(!rows.isEmpty, .div(.class("scroll"), .table(.class("list"),
                    .thead(.tr(.th("Số, ký hiệu"), .th("Trích yếu"), .th("Cấp, đơn vị"), .th("Thời kỳ"), .th(.class("num"), .text("Chỉ tiêu")),
                               .th(.class("num"), .text("Nhiệm vụ")), .th(.class("num"), .text("Quá hạn")))),
                    .tbody(.forEach(rows) { row in
                        .tr(.td(.a(.href("/programmes/\(row.programme.id)"), .text(row.programme.symbol))), .td(.text(row.programme.title)),
                            .td(.text(row.programme.level.label + (row.programme.unitName.map { " — \($0)" } ?? ""))),
                            .td(.text("\(row.programme.periodFrom)–\(row.programme.periodTo)")),
                            .td(.class("num"), .text(Show.number(row.targets))), .td(.class("num"), .text(Show.number(row.tasks))),
                            .td(.class("num"), .text(Show.number(row.overdue))))
                    })))),
                .downloads(path: "/programmes", query: "")
            )
        )
    }
}

struct ProgrammeUploadPage {
    let principal: Principal
    let problem: String?

    static func defaultLevel(_ principal: Principal) -> ProgrammeLevel {
        switch principal.registryWriteScope {
        case .everything: .national
        case .province: .province
        default: .commune
        }
    }

    func page(status: HTTPResponseStatus = .ok) -> Page {
        Page(
            title: "Nhập chương trình từ văn bản",
            breadcrumbs: [("Trang chủ", "/"), ("Chương trình hành động", "/programmes"), ("Nhập từ văn bản", nil)],
            status: status,
            content: .div(
                .h1("Nhập chương trình từ văn bản"),
                .p(.text("Chọn tệp kế hoạch, chương trình (DOCX, HTML, Markdown, văn bản thuần hoặc bảng phụ lục TSV) hoặc dán nội dung. Hệ thống đọc các chỉ tiêu và nhiệm vụ, ghi rõ dòng nguồn của từng mục để anh/chị kiểm tra, sửa rồi mới lưu.")),
                .unwrap(problem) { .p(.class("error"), .text($0)) },
                .form(.method(.post), .action("/programmes/extract"), .enctype(.multipartData), .class("record"),
                    .csrfField(),
                    .input(.type(.hidden), .name("level"), .value(Self.defaultLevel(principal).rawValue)),
                    .input(.type(.hidden), .name("unit_code"), .value(principal.unitCode ?? "")),
                    .field(name: "file", label: "Tệp văn bản", hint: ".docx, .html, .md, .txt, .tsv — tối đa 20 MB", problem: nil,
                           .input(.type(.file), .id("file"), .name("file"), .attribute(named: "accept", value: ".docx,.html,.htm,.md,.txt,.tsv"))),
                    .field(name: "text", label: "Hoặc dán nội dung", problem: nil, .textarea(.id("text"), .name("text"), .attribute(named: "rows", value: "10"))),
                    .button(.type(.submit), .text("Đọc văn bản")))
            )
        )
    }
}

/// The extractor's result as an editable form: keep or drop each row, correct any field, then save the programme.
struct ProgrammeReviewPage {
    let values: [String: String]
    let problems: [String: FieldProblem]
    let units: [(code: String, name: String, level: ProgrammeLevel)]
    /// Programmes this one may implement (the national resolution, the province's programme).
    let parents: [ProgrammeRecord]

    private func value(_ key: String) -> String { values[key] ?? "" }

    private func input(_ key: String, label: String, size: Int = 8) -> Node<HTML.BodyContext> {
        .div(.class(problems[key] == nil ? "cell" : "cell invalid"),
             .input(.type(.text), .name(key), .value(value(key)), .attribute(named: "size", value: String(size)), .attribute(named: "aria-label", value: label)),
             .unwrap(problems[key]) { .span(.class("error"), .text($0.message)) })
    }

    private func select(_ key: String, label: String, options: [(String, String)]) -> Node<HTML.BodyContext> {
        .div(.class(problems[key] == nil ? "cell" : "cell invalid"),
             .select(.attribute(named: "name", value: key), .attribute(named: "aria-label", value: label),
                     .choice("", "—", selected: value(key).isEmpty),
                     .forEach(options) { .choice($0.0, $0.1, selected: value(key) == $0.0) }),
             .unwrap(problems[key]) { .span(.class("error"), .text($0.message)) })
    }

    private func keep(_ key: String) -> Node<HTML.BodyContext> {
        .input(.type(.checkbox), .name(key), .attribute(named: "aria-label", value: "Giữ dòng này"), .checked(values[key] != nil))
    }

    func page(status: HTTPResponseStatus = .ok) -> Page {
        let targetCount = ProgrammeForm.rowCount(values, "targets"), taskCount = ProgrammeForm.rowCount(values, "tasks")
        let indicators = IndicatorDefinition.standard.map { ($0.code, $0.label) }
        let metaProblems = problems.filter { !$0.key.hasPrefix("target-") && !$0.key.hasPrefix("task-") }
        let untimed = (0..<taskCount).filter { value("task-\($0)-keep") == "on" && value("task-\($0)-frequency").isEmpty && value("task-\($0)-deadline").isEmpty }.count
        return Page(
            title: "Kiểm tra chương trình trước khi lưu",
            breadcrumbs: [("Trang chủ", "/"), ("Chương trình hành động", "/programmes"), ("Kiểm tra", nil)],
            status: status,
            content: .div(
                .h1("Kiểm tra chương trình trước khi lưu"),
                .p(.text("Đọc được \(targetCount) chỉ tiêu và \(taskCount) nhiệm vụ từ “\(value("source_file"))”. Bỏ chọn các dòng không phải chỉ tiêu, nhiệm vụ; sửa chỗ sai; mỗi chỉ tiêu cần một chỉ số đo để hệ thống tự tính tiến độ.")),
                .if(!problems.isEmpty, .div(.class("error"), .p(.text("Chưa lưu: \(problems.count) chỗ cần sửa.")),
                    .ul(.forEach(problems.sorted { $0.key < $1.key }.prefix(30)) { .li(.text($0.value.message)) }))),
                .form(.method(.post), .action("/programmes"), .class("record"),
                    .csrfField(),
                    .input(.type(.hidden), .name("targets"), .value(String(targetCount))),
                    .input(.type(.hidden), .name("tasks"), .value(String(taskCount))),
                    .input(.type(.hidden), .name("source_file"), .value(value("source_file"))),
                    .fieldset(.legend("Văn bản"),
                        .field(name: "symbol", label: "Số, ký hiệu", hint: "Ví dụ: 125/KH-UBND", problem: metaProblems["symbol"],
                               .input(.type(.text), .id("symbol"), .name("symbol"), .value(value("symbol")))),
                        .field(name: "title", label: "Trích yếu", problem: metaProblems["title"], .input(.type(.text), .id("title"), .name("title"), .value(value("title")))),
                        .field(name: "issuer", label: "Cơ quan ban hành", problem: metaProblems["issuer"], .input(.type(.text), .id("issuer"), .name("issuer"), .value(value("issuer")))),
                        .field(name: "issued_on", label: "Ngày ban hành", hint: "dd/mm/yyyy", problem: metaProblems["issued_on"],
                               .input(.type(.text), .id("issued_on"), .name("issued_on"), .value(value("issued_on")))),
                        .field(name: "unit_code", label: "Cấp và đơn vị", problem: metaProblems["unit_code"] ?? metaProblems["level"],
                               .select(.id("unit_code"), .attribute(named: "name", value: "unit"),
                                       .forEach(units) { unit in .choice("\(unit.level.rawValue):\(unit.code)", "\(unit.level.label) — \(unit.name)",
                                                                          selected: value("level") == unit.level.rawValue && value("unit_code") == unit.code) })),
                        .field(name: "parent_id", label: "Thực hiện chương trình cấp trên", problem: metaProblems["parent_id"],
                               .select(.id("parent_id"), .attribute(named: "name", value: "parent_id"),
                                       .choice("", "— không —", selected: value("parent_id").isEmpty),
                                       .forEach(parents) { .choice(String($0.id), "\($0.symbol) — \($0.title)", selected: value("parent_id") == String($0.id)) })),
                        .field(name: "period_from", label: "Từ năm", hint: value("period_from").isEmpty ? "Văn bản không ghi rõ thời kỳ: hãy nhập năm bắt đầu." : nil,
                               problem: metaProblems["period_from"],
                               .input(.type(.number), .id("period_from"), .name("period_from"), .value(value("period_from")))),
                        .field(name: "period_to", label: "Đến năm", problem: metaProblems["period_to"],
                               .input(.type(.number), .id("period_to"), .name("period_to"), .value(value("period_to"))))),
                    .h2(.text("Chỉ tiêu")),
                    .div(.class("scroll"), .table(.class("list review"),
                        .thead(.tr(.th("Giữ"), .th("Dòng"), .th("Trích dẫn"), .th("Chỉ số đo"), .th("So sánh"), .th("Giá trị"), .th("Đến"), .th("Đơn vị"), .th("Năm đạt"), .th("Năm gốc"), .th("Giá trị năm gốc"),
                                   .th("Cơ quan báo cáo số liệu"))),
                        .tbody(.forEach(0..<targetCount) { index in
                            let p = "target-\(index)-"
                            return .tr(.td(keep(p + "keep")), .td(.text(value(p + "line")), .input(.type(.hidden), .name(p + "line"), .value(value(p + "line")))),
                                       .td(.class("quote"), .text(value(p + "quote")), .input(.type(.hidden), .name(p + "quote"), .value(value(p + "quote")))),
                                       .td(select(p + "indicator", label: "Chỉ số đo", options: indicators)),
                                       .td(select(p + "comparator", label: "So sánh", options: ProgrammeForm.comparatorLabels.map { ($0.0.rawValue, $0.1) })),
                                       .td(input(p + "value", label: "Giá trị", size: 6)), .td(input(p + "value_max", label: "Giá trị trên", size: 6)),
                                       .td(select(p + "unit", label: "Đơn vị", options: ProgrammeForm.unitLabels.map { ($0.0.rawValue, $0.1) })),
                                       .td(input(p + "year", label: "Năm đạt", size: 4)), .td(input(p + "baseline_year", label: "Năm gốc", size: 4)),
                                       .td(input(p + "baseline_value", label: "Giá trị năm gốc", size: 6)),
                                       .td(input(p + "reporting_agency", label: "Cơ quan báo cáo số liệu (chỉ tiêu do cơ quan báo cáo)", size: 16)))
                        }))),
                    .p(.class("hint"), .text("Chỉ tiêu không đo được từ dữ liệu của hệ thống: chọn chỉ số “\(IndicatorDefinition.named("reported")?.label ?? "")” và ghi cơ quan báo cáo số liệu theo kỳ; không ghi thì cơ quan ban hành chương trình báo cáo.")),
                    .h2(.text("Nhiệm vụ")),
                    .if(untimed > 0, .p(.class("hint"), .text("\(untimed) nhiệm vụ văn bản không ghi thời hạn (ô “Loại thời hạn” để trống): ghi thời hạn hoặc chọn loại trước khi lưu."))),
                    .div(.class("scroll"), .table(.class("list review"),
                        .thead(.tr(.th("Giữ"), .th("Dòng"), .th("Số"), .th("Nội dung"), .th("Chủ trì"), .th("Phối hợp"), .th("Loại thời hạn"), .th("Thời hạn"))),
                        .tbody(.forEach(0..<taskCount) { index in
                            let p = "task-\(index)-"
                            // Each section of the document opens with its heading, as the document numbers it.
                            let section = value(p + "section")
                            let opens = !section.isEmpty && (index == 0 || value("task-\(index - 1)-section") != section)
                            let heading: Node<HTML.TableContext> = .if(opens, .tr(.class("section"), .th(.attribute(named: "colspan", value: "8"), .text(section))))
                            return .group(heading, .tr(.td(keep(p + "keep")), .td(.text(value(p + "line")), .input(.type(.hidden), .name(p + "line"), .value(value(p + "line"))),
                                                                 .input(.type(.hidden), .name(p + "section"), .value(value(p + "section")))),
                                       .td(input(p + "number", label: "Số thứ tự", size: 4)),
                                       .td(.div(.class(problems[p + "text"] == nil ? "cell" : "cell invalid"),
                                                .textarea(.name(p + "text"), .attribute(named: "rows", value: "3"), .attribute(named: "aria-label", value: "Nội dung"), .text(value(p + "text"))),
                                                .unwrap(problems[p + "text"]) { .span(.class("error"), .text($0.message)) })),
                                       .td(input(p + "lead", label: "Cơ quan chủ trì", size: 18)), .td(input(p + "coordinating", label: "Cơ quan phối hợp", size: 18)),
                                       .td(select(p + "frequency", label: "Loại thời hạn", options: ProgrammeForm.frequencyLabels.map { ($0.0.rawValue, $0.1) })),
                                       .td(input(p + "deadline", label: "Thời hạn", size: 10))))
                        }))),
                    .button(.type(.submit), .text("Lưu chương trình")))
            )
        )
    }
}

struct ProgrammePage {
    let programme: ProgrammeRecord
    let parent: ProgrammeRecord?
    let measured: [ProgrammeQueries.Measured]
    let tasks: [TaskRecord]
    let canManage: Bool

    func page() -> Page {
        let counts = Dictionary(grouping: tasks, by: \.status).mapValues(\.count)
        return Page(
            title: "\(programme.symbol) — \(programme.title)",
            description: "Chỉ tiêu và nhiệm vụ của \(programme.symbol), đo trực tiếp từ số liệu đăng ký và báo cáo.",
            breadcrumbs: [("Trang chủ", "/"), ("Chương trình hành động", "/programmes"), (programme.symbol, nil)],
            content: .div(
                .h1(.text("\(programme.symbol): \(programme.title)")),
                .facts([
                    ("Cơ quan ban hành", .text(programme.issuer)),
                    ("Ngày ban hành", .text(Show.day(programme.issuedOn))),
                    ("Cấp, đơn vị", .text(programme.level.label + (programme.unitName.map { " — \($0)" } ?? ""))),
                    ("Thực hiện", .unwrap(parent, { .a(.href("/programmes/\($0.id)"), .text("\($0.symbol) — \($0.title)")) }, else: .text("—"))),
                    ("Thời kỳ", .text("\(programme.periodFrom)–\(programme.periodTo)")),
                    ("Văn bản nguồn", .text(Show.text(programme.sourceFile))),
                ]),
                .h2(.text("Chỉ tiêu (\(measured.count))")),
                .p(.class("hint"), .text("Giá trị hiện tại tính trực tiếp từ sổ đăng ký và báo cáo năm đã khép kỳ; dự báo theo xu hướng tuyến tính đến năm đạt.")),
                .div(.class("scroll"), .table(.class("list"),
                    .thead(.tr(.th("Chỉ tiêu"), .th("Mục tiêu"), .th(.class("num"), .text("Hiện tại")), .th("Xu hướng"), .th(.class("num"), .text("Dự báo")), .th("Tình trạng"))),
                    .tbody(.forEach(measured) { m in
                        .tr(.td(.a(.href("/programmes/\(programme.id)/targets/\(m.target.id)"), .text(m.indicatorLabel)),
                                .unwrap(m.target.quote) { .p(.class("quote"), .text("“\($0)”")) }),
                            .td(.text(ProgrammePages.goal(m.target.target))),
                            .td(.class("num"), .text(ProgrammePages.value(m.assessment.current?.value, unit: m.target.unit) + (m.assessment.current.map { " (\($0.year))" } ?? ""))),
                            .td(.raw(Sparkline(id: "trend-\(m.target.id)", title: "Xu hướng: \(m.indicatorLabel)", values: m.assessment.trend.map(\.value)).svg())),
                            .td(.class("num"), .text(ProgrammePages.value(m.assessment.projection, unit: m.target.unit))),
                            .td(ProgrammePages.statusBadge(m.assessment.status), .p(.class("hint"), .text(m.assessment.reason))))
                    }))),
                .h2(.text("Nhiệm vụ (\(tasks.count))")),
                .p(.text(TaskStatus.allCases.map { "\($0.label): \(counts[$0] ?? 0)" }.joined(separator: " · "))),
                TaskListPage.table(tasks),
                .downloads(path: "/programmes/\(programme.id)", query: "")
            )
        )
    }
}

struct TargetPage {
    let programme: ProgrammeRecord
    let measured: ProgrammeQueries.Measured
    let communes: [ProgrammesController.CommuneProgress]
    let canManage: Bool
    /// The viewer may report values of a target its agency reports on.
    let canReportValue: Bool
    let problems: [String: FieldProblem]

    /// The values the target's agency reported and, for its officers, the form to report one.
    private func reportedSection(_ values: [TargetValueRecord]) -> Node<HTML.BodyContext> {
        let target = measured.target
        let path = "/programmes/\(programme.id)/targets/\(target.id)/values"
        let who = target.reportingAgency.map { "\($0) báo cáo số liệu theo kỳ" } ?? "cơ quan ban hành chương trình báo cáo số liệu theo kỳ"
        let list: Node<HTML.BodyContext> = .if(values.isEmpty, .p(.class("empty"), .text("Chưa có số liệu nào được báo cáo.")), else: .table(.class("list"),
            .thead(.tr(.th("Kỳ"), .th(.class("num"), .text("Giá trị")), .th("Nội dung, nguồn số liệu"), .th("Minh chứng"), .th("Người báo cáo"), .th("Thời điểm"))),
            .tbody(.forEach(values.reversed()) { v in
                let evidence: Node<HTML.BodyContext> = v.evidenceName.map { .a(.href("\(path)/\(v.id)/evidence"), .text($0)) } ?? .text("—")
                return .tr(.td(.text(v.period.choice + " " + String(v.year))), .td(.class("num"), .text(ProgrammePages.value(v.value, unit: target.unit))),
                           .td(.text(v.note)), .td(evidence), .td(.text(v.actor)), .td(.text(Show.timestamp(v.recordedAt))))
            })))
        return .section(
            .h2("Số liệu do cơ quan báo cáo"),
            .p(.class("hint"), .text("Chỉ tiêu này không đo được từ dữ liệu của hệ thống: \(who); mỗi năm lấy số của kỳ kết thúc muộn nhất.")),
            list,
            .if(canReportValue, reportForm(path: path))
        )
    }

    private func reportForm(path: String) -> Node<HTML.BodyContext> {
        let today = Day.today()
        let year = String(min(max(today.year, programme.periodFrom), programme.periodTo))
        let unit: String = ProgrammeForm.unitLabels.first { $0.0 == measured.target.unit }?.1 ?? ""
        let periods: Node<HTML.FormContext> = .select(.id("period"), .attribute(named: "name", value: "period"), .forEach(ReportedValue.periods) { period in
            .choice(period.rawValue, period.choice, selected: period == .year)
        })
        return .form(.method(.post), .action(path), .enctype(.multipartData), .class("record"),
            .csrfField(),
            .h3("Báo cáo số liệu"),
            .field(name: "year", label: "Năm", problem: problems["year"], .input(.type(.number), .id("year"), .name("year"), .value(year))),
            .field(name: "period", label: "Kỳ báo cáo", problem: problems["period"], periods),
            .field(name: "value", label: "Giá trị (\(unit))", hint: "số liệu đến hết kỳ, ví dụ 24,5", problem: problems["value"],
                   .input(.type(.text), .id("value"), .name("value"))),
            .field(name: "note", label: "Nội dung, nguồn số liệu", problem: problems["note"],
                   .textarea(.id("note"), .name("note"), .attribute(named: "rows", value: "3"))),
            EvidenceUpload.field(problem: problems["evidence"]),
            .button(.type(.submit), .text("Gửi số liệu")))
    }

    func page(status: HTTPResponseStatus = .ok) -> Page {
        let a = measured.assessment
        let horizon = measured.target.horizonYear
        let projection: LineChart.Projection? = a.projection.map { LineChart.Projection(year: horizon, value: $0) }
        let chart = LineChart(id: "target-\(measured.target.id)", title: measured.indicatorLabel,
                              description: "Giá trị theo năm, dự báo đến \(horizon) và mục tiêu.",
                              series: [.init(name: measured.indicatorLabel, points: a.trend.map { .init(year: $0.year, value: $0.value) }, projection: projection)],
                              targets: [.init(label: "Mục tiêu \(ProgrammePages.goal(measured.target.target))", value: measured.target.value)])
        let lagging = communes.filter { $0.lagging != nil }
        return Page(
            title: "\(measured.indicatorLabel) — \(programme.symbol)",
            breadcrumbs: [("Trang chủ", "/"), ("Chương trình hành động", "/programmes"), (programme.symbol, "/programmes/\(programme.id)"), ("Chỉ tiêu", nil)],
            status: status,
            content: .div(
                .h1(.text(measured.indicatorLabel)),
                .unwrap(measured.target.quote) { .p(.class("quote"), .text("“\($0)”")) },
                .facts([
                    ("Mục tiêu", .text(ProgrammePages.goal(measured.target.target))),
                    ("Hiện tại", .text(ProgrammePages.value(a.current?.value, unit: measured.target.unit) + (a.current.map { " (năm \($0.year))" } ?? ""))),
                    ("Dự báo năm \(horizon)", .text(ProgrammePages.value(a.projection, unit: measured.target.unit))),
                    ("Tình trạng", ProgrammePages.statusBadge(a.status)),
                    ("Giải thích", .text(a.reason)),
                ]),
                .chart(chart.svg(), caption: "\(measured.indicatorLabel) theo năm và dự báo đến \(horizon)"),
                .table(.class("list"), .thead(.tr(.th("Năm"), .th(.class("num"), .text("Giá trị")))),
                       .tbody(.forEach(a.trend) { .tr(.td(.text(String($0.year))), .td(.class("num"), .text(ProgrammePages.value($0.value, unit: measured.target.unit)))) })),
                .unwrap(measured.reportedValues) { reportedSection($0) },
                .if(programme.level == .province && measured.reportedValues == nil, .group(
                    .h2(.text("Giao chỉ tiêu cho xã, phường")),
                    .if(!lagging.isEmpty, .p(.class("error"), .text("Đang chậm: " + lagging.prefix(10).map(\.name).joined(separator: ", ") + (lagging.count > 10 ? "…" : "")))),
                    .form(.method(.post), .action("/programmes/\(programme.id)/targets/\(measured.target.id)/allocations"),
                        .csrfField(),
                        .div(.class("scroll"), .table(.class("list"),
                            .thead(.tr(.th("Xã, phường"), .th(.class("num"), .text("Chỉ tiêu giao")), .th(.class("num"), .text("Hiện tại")), .th("Tình trạng"))),
                            .tbody(.forEach(communes) { c in
                                .tr(.td(.text(c.name)),
                                    .td(.class("num"), canManage
                                        ? .input(.type(.text), .name("commune-\(c.code)"), .value(c.allocated.map { VietnameseNumber.format($0, fractionDigits: 3) } ?? ""),
                                                 .attribute(named: "size", value: "6"), .attribute(named: "aria-label", value: "Chỉ tiêu giao cho \(c.name)"))
                                        : .text(ProgrammePages.value(c.allocated, unit: measured.target.unit))),
                                    .td(.class("num"), .text(ProgrammePages.value(c.assessment?.current?.value, unit: measured.target.unit))),
                                    .td(.unwrap(c.assessment) { ProgrammePages.statusBadge($0.status) }))
                            }))),
                        .if(canManage, .button(.type(.submit), .text("Lưu chỉ tiêu giao")))))
                )
            )
        )
    }
}
