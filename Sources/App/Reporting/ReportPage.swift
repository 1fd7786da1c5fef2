import HopTacCore
import Plot
import Vapor

/// `/organizations/{id}/reports/{year}`: the figures of one year, the checks they pass or fail, where the report stands,
/// the steps the viewer may take, and the classification with the points of every criterion and why.
struct ReportPage {
    let organization: OrganizationRecord
    let year: Int
    let record: ReportRecord?
    let previous: AnnualReport?
    let events: [ReportEventRecord]
    let classification: ClassificationRecord?
    let rubric: Rubric
    let deadline: Day
    /// Set while the report of the open round still waits to be sent.
    let reminder: ReportingReminder?
    let years: [Int]
    /// What the viewer may do.
    let levels: [ReportingLevel]
    let canWrite: Bool
    let canClassify: Bool
    var values: [String: String] = [:]
    var problems: [String: FieldProblem] = [:]
    var message: String?
    /// A confirmation, e.g. of what was just sent.
    var notice: String?
    var status: HTTPResponseStatus = .ok

    /// How the form groups the fields, in the order of the official form.
    static let sections: [(String, [ReportField])] = [
        ("Thành viên và lao động", [.officialMembers, .associateMembers, .workers, .averageIncome]),
        ("Vốn và tài sản (triệu đồng)", [.charterCapital, .totalCapital, .totalAssets, .indivisibleAssets, .developmentFund, .reserveFund, .otherFunds]),
        ("Kết quả hoạt động (triệu đồng)", [.revenue, .pretaxProfit, .servicesToMembers, .memberNeedsMetPercent]),
        ("Nợ tồn đọng (triệu đồng)", [.debtState, .debtBanks, .debtMembers, .debtOther]),
        ("Cán bộ quản lý", [.managers, .managersUniversity, .managersVocational, .managersUnder35]),
        ("Công nghệ, liên kết, sản phẩm", [.highTech, .digitalTransformation, .valueChain, .valueChainPartner, .ocopProducts, .ocopBestStars]),
        ("Tuân thủ và khen thưởng", [.legalViolations, .disputes, .awards]),
        ("Thời gian hoạt động trong năm", [.monthsOperated, .monthsSuspended]),
    ]

    var report: AnnualReport { record?.report ?? AnnualReport(organizationId: organization.id, year: year) }
    var state: ReportState? { record?.state }
    var editable: Bool { canWrite && (state?.isEditable ?? true) && levels.contains(.cooperative) }

    func page() -> Page {
        let o = organization
        let findings = record.map { ValidationRules.evaluate($0.report, previous: previous) } ?? []
        return Page(
            title: "Báo cáo năm \(year): \(o.name)",
            breadcrumbs: [("Trang chủ", "/"), ("Tổ chức kinh tế tập thể", "/organizations"), (o.name, "/organizations/\(o.id)"),
                          ("Báo cáo hằng năm", "/organizations/\(o.id)/reports"), ("Năm \(year)", nil)],
            status: status,
            content: .div(
                .div(.class("title-row"),
                    .h1(.text("Báo cáo năm \(year)")),
                    .div(.class("actions"), .a(.href("/organizations/\(o.id)/reports/\(year).json"), .text("JSON")))),
                .p(.a(.href("/organizations/\(o.id)"), .text(o.name)), .text(" — kỳ báo cáo \(AnnualReport.period(forYear: year).lowerBound.vietnamese) đến \(AnnualReport.period(forYear: year).upperBound.vietnamese); hạn nộp \(deadline.vietnamese).")),
                .nav(.class("years"), .forEach(years) { y in y == year ? .strong(.text(String(y))) : .a(.href("/organizations/\(o.id)/reports/\(y)"), .text(String(y))) }),
                .unwrap(reminder) { .p(.class("reminder \($0.urgency.rawValue)"), .text($0.message)) },
                .unwrap(message) { .div(.class("error-summary"), .attribute(named: "role", value: "alert"), .p(.text($0))) },
                .unwrap(notice) { .p(.class("notice"), .attribute(named: "role", value: "status"), .text($0)) },
                statusSection(),
                .if(!findings.isEmpty, findingsSection(findings)),
                actionsSection(findings),
                editable ? form() : figures(),
                classificationSection(),
                historySection()
            )
        )
    }

    private func statusSection() -> Node<HTML.BodyContext> {
        guard let record else {
            return .p(.text(editable ? "Chưa có báo cáo năm \(year). Nhập số liệu dưới đây rồi bấm “Lưu bản nháp” hoặc “Gửi báo cáo”." : "Chưa có báo cáo năm \(year)."))
        }
        let submitted = record.submittedAt.flatMap(Timestamp.parse).map { Day($0) }
        let timeliness = ReportingCalendar(overrides: [year: [.cooperative: deadline]]).timeliness(for: .cooperative, year: year, doneOn: submitted, asOf: .today())
        return .facts([
            ("Trạng thái", .span(.class("badge"), .text(record.state.label))),
            ("Nộp", .text(record.submittedAt.map(Show.timestamp) ?? "—")),
            ("Đúng hạn", .text(submitted == nil && record.state != .draft && record.state != .returned ? "—" : timeliness.label)),
            ("Xã tiếp nhận", .text(record.acceptedAt.map(Show.timestamp) ?? "—")),
            ("Xã tổng hợp", .text(record.consolidatedAt.map(Show.timestamp) ?? "—")),
            ("Tỉnh phê duyệt", .text(record.approvedAt.map(Show.timestamp) ?? "—")),
        ])
    }

    private func findingsSection(_ findings: [ValidationFinding]) -> Node<HTML.BodyContext> {
        .section(.h2("Kiểm tra số liệu"),
            .ul(.class("findings"), .forEach(findings) { finding in
                .li(.class(finding.severity == .error ? "error" : "warning"), .strong(.text(finding.severity.label + ": ")), .text(finding.message))
            }),
            .p(.class("hint"), .text("Lỗi phải sửa trước khi gửi; cảnh báo cần được giải trình trong ô “Giải trình” khi gửi.")))
    }

    /// The workflow steps the viewer may take from here, each a small form. Sending is not among them: it is the
    /// report form's second button, so that it sends what the form holds.
    private func actionsSection(_ findings: [ValidationFinding]) -> Node<HTML.BodyContext> {
        guard let record, canWrite else { return .empty }
        let possible: [(String, String, String?)] = [
            ("accept", "Tiếp nhận", nil),
            ("return", "Trả lại", "Lý do trả lại"),
            ("consolidate", "Tổng hợp", nil),
            ("approve", "Phê duyệt, khóa sổ", nil),
            ("reopen", "Mở lại năm đã khóa sổ", "Lý do mở lại"),
        ]
        let allowed = possible.filter { name, _, _ in
            guard let action = ReportAction(name: name, text: "lý do") else { return false }
            return (try? ReportState.transition(from: record.state, action: action, actorLevels: levels)) != nil
        }
        guard !allowed.isEmpty else { return .empty }
        return .section(.class("workflow"), .h2("Xử lý báo cáo"),
            .forEach(allowed) { name, title, prompt in
                .form(.method(.post), .action("/organizations/\(organization.id)/reports/\(year)/actions"), .class("inline"),
                    .csrfField(),
                    .input(.type(.hidden), .name("version"), .value(String(record.version))),
                    .input(.type(.hidden), .name("action"), .value(name)),
                    .unwrap(prompt) { prompt in
                        .field(name: "text-\(name)", label: prompt, problem: problems["text-\(name)"],
                               .textarea(.id("text-\(name)"), .name("text"), .attribute(named: "rows", value: "2"), .text("")))
                    },
                    .button(.type(.submit), .text(title)))
            })
    }

    private func form() -> Node<HTML.BodyContext> {
        let r = report
        func value(_ field: ReportField) -> String { values[field.rawValue] ?? (record == nil && field.kind != .text ? "" : field.display(in: r)) }
        return .form(.method(.post), .action("/organizations/\(organization.id)/reports/\(year)"), .class("record"),
            .csrfField(),
            .input(.type(.hidden), .name("version"), .value(record.map { String($0.version) } ?? "")),
            .if(!problems.isEmpty, .div(.class("error-summary"), .attribute(named: "role", value: "alert"),
                .h2("Chưa ghi được. Vui lòng sửa:"),
                .ul(.forEach(problems.sorted { $0.key < $1.key }) { .li(.a(.href("#\($0.key)"), .text($0.value.message))) }))),
            .forEach(Self.sections) { title, fields in
                .fieldset(.legend(title), .forEach(fields) { field in
                    .field(name: field.rawValue, label: field.label + (field.unit.isEmpty ? "" : " (\(field.unit))"), problem: problems[field.rawValue],
                           field.kind == .flag
                               ? .select(.id(field.rawValue), .attribute(named: "name", value: field.rawValue),
                                         .choice("không", "không", selected: value(field) != "có"), .choice("có", "có", selected: value(field) == "có"))
                               : .input(.type(.text), .id(field.rawValue), .name(field.rawValue), .value(value(field)),
                                        .attribute(named: "inputmode", value: field.kind == .text ? "text" : "decimal")))
                })
            },
            .fieldset(.legend("Tự chấm điểm (các tiêu chí tự đánh giá theo \(rubric.title))"),
                .forEach(rubric.items.filter(\.isSelfAssessed)) { item in
                    .field(name: "self.\(item.code)", label: "\(item.code). \(item.name) (tối đa \(VietnameseNumber.format(item.max)))", problem: problems["self.\(item.code)"],
                           .input(.type(.text), .id("self.\(item.code)"), .name("self.\(item.code)"),
                                  .value(values["self.\(item.code)"] ?? r.selfAssessedPoints[item.code].map { VietnameseNumber.format($0, fractionDigits: 2) } ?? ""),
                                  .attribute(named: "inputmode", value: "decimal")))
                }),
            .fieldset(.legend("Giải trình"),
                .field(name: ReportField.comment.rawValue, label: "Giải trình cho các cảnh báo (bắt buộc khi gửi báo cáo có cảnh báo)", problem: problems[ReportField.comment.rawValue],
                       .textarea(.id("comment"), .name("comment"), .attribute(named: "rows", value: "3"), .text(values["comment"] ?? r.comment)))),
            // Two buttons of one form: both carry every field, so a send never drops what was typed. Saving comes
            // first, so that Enter in a field saves rather than sends.
            .div(.class("actions"), .button(.type(.submit), .text("Lưu bản nháp")),
                 .button(.type(.submit), .attribute(named: "name", value: "action"), .attribute(named: "value", value: "submit"), .text("Gửi báo cáo")),
                 .a(.href("/organizations/\(organization.id)"), .text("Huỷ"))),
            .p(.class("hint"), .text("“Gửi báo cáo” lưu các số liệu đang có trong biểu mẫu rồi gửi; nếu có ô sai hoặc lỗi phải sửa thì không có gì được ghi hay gửi.")))
    }

    private func figures() -> Node<HTML.BodyContext> {
        guard record != nil else { return .empty }
        let r = report
        return .section(.h2("Số liệu"), .forEach(Self.sections) { title, fields in
            .div(.h3(.text(title)), .facts(fields.map { ($0.label + ($0.unit.isEmpty ? "" : " (\($0.unit))"), .text(Show.text($0.display(in: r)))) }))
        })
    }

    private func classificationSection() -> Node<HTML.BodyContext> {
        guard let classification, let record else { return .empty }
        let result = Classifier.classify(report: record.report, previous: previous, organizationType: organization.type, rubric: rubric)
        let bandLabel = rubric.label(ofBand:)
        return .section(.class("classification"), .h2("Xếp loại năm \(year) (\(rubric.title))"),
            .facts([
                ("Xếp loại", .strong(.text(bandLabel(classification.band)))),
                ("Tổng điểm", .text(classification.total.map { VietnameseNumber.format($0, fractionDigits: 2) } ?? "—")),
                ("Quy mô (Nghị định 113/2024)", .text(classification.sizeClass.flatMap(SizeClass.init(rawValue:))?.label ?? "—")),
                ("Điều chỉnh", .text(classification.overrideBand.map { "\(bandLabel($0)) (tính được: \(bandLabel(classification.computedBand))) — \(classification.overrideReason ?? ""), \(classification.overrideBy ?? "")" } ?? "không")),
            ]),
            .unwrap(classification.notRatedReason) { .p(.class("warning"), .text($0)) },
            .if(!result.scores.isEmpty, .table(.class("list"),
                .thead(.tr(.th("Mục"), .th("Nội dung"), .th(.class("num"), .text("Điểm")), .th(.class("num"), .text("Tối đa")), .th("Căn cứ"))),
                .tbody(.forEach(result.scores) { score in
                    .tr(.td(.text(score.item.code)), .td(.text(score.item.name + (score.item.assumed ? " *" : ""))),
                        .td(.class("num"), .text(VietnameseNumber.format(score.points, fractionDigits: 2))),
                        .td(.class("num"), .text(VietnameseNumber.format(score.item.max, fractionDigits: 2))), .td(.text(score.explanation)))
                }))),
            .if(!result.scores.isEmpty, .p(.class("hint"), .text("* Ngưỡng chấm chưa đối chiếu được với văn bản gốc; có thể điều chỉnh trong bảng tiêu chí."))),
            .if(canClassify, .form(.method(.post), .action("/organizations/\(organization.id)/classifications/\(year)"), .class("record"),
                .csrfField(),
                .fieldset(.legend("Điều chỉnh xếp loại (ghi lý do, được lưu vết)"),
                    .field(name: "band", label: "Xếp loại", problem: problems["band"],
                           .select(.id("band"), .attribute(named: "name", value: "band"), .forEach(rubric.bands) { .choice($0.code, $0.label, selected: classification.band == $0.code) })),
                    .field(name: "reason", label: "Lý do, số văn bản", problem: problems["reason"],
                           .textarea(.id("reason"), .name("reason"), .attribute(named: "rows", value: "2"), .text(values["reason"] ?? "")))),
                .div(.class("actions"), .button(.type(.submit), .text("Điều chỉnh"))))))
    }

    private func historySection() -> Node<HTML.BodyContext> {
        guard !events.isEmpty else { return .empty }
        return .section(.h2("Lịch sử xử lý"), .table(.class("list"),
            .thead(.tr(.th("Thời điểm"), .th("Người thực hiện"), .th("Bước"), .th("Lý do"))),
            .tbody(.forEach(events) { event in
                .tr(.td(.text(Show.timestamp(event.at))), .td(.text(event.actor)),
                    .td(.text("\(event.fromState.flatMap(ReportState.init(rawValue:))?.label ?? "—") → \(ReportState(rawValue: event.toState)?.label ?? event.toState)")),
                    .td(.text(Show.text(event.reason))))
            })))
    }
}
