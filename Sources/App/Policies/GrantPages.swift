import HopTacCore
import Plot
import Vapor

/// `/support/new` and `/support/{id}/edit`: one grant's fields, grouped by what each kind of support records. A new
/// grant chooses its policy and names its organisation by registration code, as a sheet does; a grant being corrected
/// keeps both.
struct GrantFormPage {
    /// The grant being corrected, nil for a new one.
    let grant: SupportRecord?
    let policies: [PolicyRecord]
    let values: [String: String]
    let problems: [String: FieldProblem]

    private func input(_ field: SupportField, hint: String? = nil) -> Node<HTML.FormContext> {
        .textField(field.rawValue, field.label, hint: hint, values: values, problems: problems)
    }

    private var identity: Node<HTML.FormContext> {
        if let grant {
            return .group(.p(.text("Chính sách \(grant.policy) · \(grant.organizationName) (\(grant.registrationCode ?? "chưa có mã số"))")),
                          .input(.type(.hidden), .name("version"), .value(values["version"] ?? String(grant.version))))
        }
        let policy: Node<HTML.FormContext> = .field(name: "policy", label: SupportField.policy.label, problem: problems["policy"],
            .select(.id("policy"), .attribute(named: "name", value: "policy"), .choice("", "— Chọn chính sách —", selected: (values["policy"] ?? "").isEmpty),
                    .forEach(policies) { .choice($0.code, "\($0.code) — \($0.title)", selected: foldForSearch(values["policy"] ?? "") == foldForSearch($0.code)) }))
        return .group(policy, input(.registrationCode, hint: "Mã số HTX, mã số doanh nghiệp của tổ chức được hỗ trợ, như trong sổ đăng ký."))
    }

    func page(status: HTTPResponseStatus = .ok) -> Page {
        let title = grant == nil ? "Ghi một khoản hỗ trợ" : "Sửa khoản hỗ trợ"
        let statusField: Node<HTML.FormContext> = .field(name: "status", label: SupportField.status.label, problem: problems["status"],
            .select(.id("status"), .attribute(named: "name", value: "status"),
                    .forEach(SupportStatus.allCases) { .choice($0.rawValue, $0.label, selected: values["status"] == $0.rawValue) }))
        let common: Node<HTML.FormContext> = .fieldset(.legend("Khoản hỗ trợ"), identity,
            input(.personName, hint: "Với đào tạo, bồi dưỡng và lao động trẻ: người được hỗ trợ."), input(.personPosition),
            input(.date, hint: "dd/mm/yyyy"), input(.endDate, hint: "dd/mm/yyyy; ngày kết thúc, đáo hạn hoặc thu hồi."),
            input(.amount), input(.quantity), input(.quantityUnit), statusField, input(.agency, hint: "Để trống: cơ quan thực hiện của chính sách."))
        let details: Node<HTML.FormContext> = .group(
            .fieldset(.legend("Đào tạo, bồi dưỡng; lao động trẻ"), input(.course), input(.place), input(.degree)),
            .fieldset(.legend("Tín dụng"), input(.lender), input(.interestRate), input(.termMonths), input(.outstanding), input(.overdue)),
            .fieldset(.legend("Đất đai, mặt bằng"), input(.landArea), input(.landForm, hint: "Giao đất hoặc Thuê đất.")),
            .fieldset(.legend("Công nhận, khen thưởng"), input(.decisionNumber), input(.awardLevel, hint: "Trung ương, Tỉnh hoặc Xã."), input(.awardForm)))
        let note: Node<HTML.FormContext> = .field(name: "note", label: SupportField.note.label, problem: problems["note"],
            .textarea(.id("note"), .name("note"), .attribute(named: "rows", value: "3"), .text(values["note"] ?? "")))
        let action = grant.map { "/support/\($0.id)" } ?? "/support"
        let back: (String, String?) = grant.map { ("Khoản hỗ trợ số \($0.id)", "/support/\($0.id)") } ?? ("Hỗ trợ đã thực hiện", "/support")
        return Page(title: title, breadcrumbs: [("Trang chủ", "/"), ("Chính sách hỗ trợ", "/policies"), back, (grant == nil ? "Ghi mới" : "Sửa", nil)],
                    status: status, content: .div(
            .h1(.text(title)),
            .unwrap(problems["version"]) { .div(.class("error-summary"), .attribute(named: "role", value: "alert"), .p(.text($0.message))) },
            .if(!problems.isEmpty && problems["version"] == nil,
                .div(.class("error-summary"), .attribute(named: "role", value: "alert"), .p(.text("Chưa lưu: kiểm tra các ô được đánh dấu.")))),
            .form(.method(.post), .action(action), .enctype(.multipartData), .class("record"),
                  .csrfField(), common, details, .fieldset(.legend("Ghi chú, minh chứng"), note, EvidenceUpload.field(problem: problems["evidence"])),
                  .button(.type(.submit), .text(grant == nil ? "Ghi khoản hỗ trợ" : "Lưu thay đổi")))
        ))
    }
}

/// `/support/{id}`: one grant, its evidence, what it paid period by period, and for its officers the forms to record a
/// payment, correct it or withdraw it.
struct GrantPage {
    let grant: SupportRecord
    let payments: [GrantStore.PaymentRecord]
    let canEdit: Bool
    /// The payment form as last posted, and its problems.
    let values: [String: String]
    let problems: [String: FieldProblem]

    private var paid: Money { payments.compactMap(\.amount).reduce(.zero, +) }

    private var paymentsSection: Node<HTML.BodyContext> {
        let g = grant
        // Payments are checked to be positive, so their sum is never negative and can be negated.
        let remaining = g.amount.map { Money(dong: $0.dong.addingSaturating(-paid.dong)) }
        let summary = "Đã chi \(Show.amount(paid, fractionDigits: 3)) triệu đồng qua \(payments.count) kỳ"
            + (remaining.map { "; còn \(Show.amount($0, fractionDigits: 3)) triệu đồng của số được duyệt." } ?? ".")
        func input(_ name: String, _ label: String) -> Node<HTML.FormContext> { .textField(name, label, values: values, problems: problems) }
        let form: Node<HTML.BodyContext> = .form(.method(.post), .action("/support/\(g.id)/payments"), .class("record"),
            .csrfField(),
            .fieldset(.legend("Ghi chi trả một kỳ"),
                input("period_from", "Từ ngày (dd/mm/yyyy)"), input("period_to", "Đến ngày (dd/mm/yyyy)"), input("paid_on", "Ngày chi trả (dd/mm/yyyy)"),
                input("amount", "Số tiền (triệu đồng)"), input("note", "Ghi chú")),
            .button(.type(.submit), .text("Ghi chi trả")))
        return .section(.id("chi-tra"),
            .h2("Chi trả theo kỳ"),
            .p(.text(summary)),
            .if(!payments.isEmpty, .div(.class("scroll"), .table(.class("list"),
                .thead(.tr(.th("Kỳ"), .th("Ngày chi trả"), .th(.class("num"), .text("Số tiền (triệu đồng)")), .th("Ghi chú"), .th("Người ghi"))),
                .tbody(.forEach(payments) { p in
                    .tr(.td(.text("\(p.periodFrom.vietnamese)–\(p.periodTo.vietnamese)")), .td(.text(p.paidOn.vietnamese)),
                        .td(.class("num"), .text(Show.amount(p.amount, fractionDigits: 3))), .td(.text(Show.text(p.note))), .td(.text(p.actor)))
                })))),
            .if(!payments.isEmpty, .downloads(path: "/support/\(g.id)", query: "")),
            .if(canEdit, form))
    }

    func page(status: HTTPResponseStatus = .ok) -> Page {
        let g = grant
        let facts: [(String, Node<HTML.BodyContext>)] = [
            ("Chính sách", .a(.href("/policies/\(g.policyId)"), .text("\(g.policy) — \(g.policyTitle)"))),
            ("Tổ chức", .a(.href("/organizations/\(g.organizationId)"), .text("\(g.organizationName) · \(g.communeName)"))),
            ("Người được hỗ trợ", .text(Show.text([g.personName, g.personPosition].compactMap { $0 }.joined(separator: ", ").nilIfEmpty))),
            ("Ngày", .text(g.date.vietnamese + (g.endDate.map { " – \($0.vietnamese)" } ?? ""))),
            ("Nội dung", .text(SupportListPage.content(g))),
            ("Số tiền (triệu đồng)", .text(Show.amount(g.amount, fractionDigits: 6))),
            ("Trạng thái", .text(g.status.label)),
            ("Cơ quan thực hiện", .text(Show.text(g.agency))),
            ("Khóa học", .unwrap(g.courseId, { .a(.href("/courses/\($0)"), .text(g.course ?? "Khóa học số \($0)")) }, else: .text("—"))),
            ("Minh chứng", .unwrap(g.evidenceName, { .a(.href("/support/\(g.id)/evidence"), .text($0)) }, else: .text("—"))),
            ("Ghi chú", .text(Show.text(g.note))),
            ("Người ghi", .text("\(g.actor), \(Show.timestamp(g.recordedAt)) (phiên bản \(g.version))")),
        ]
        let actions: Node<HTML.BodyContext> = .if(canEdit, .div(.class("actions"),
            .a(.href("/support/\(g.id)/edit"), .text("Sửa khoản hỗ trợ")),
            .form(.method(.post), .action("/support/\(g.id)/withdraw"), .class("inline"),
                  .csrfField(), .input(.type(.hidden), .name("version"), .value(String(g.version))),
                  .button(.type(.submit), .class("danger"), .text("Thu hồi (ghi nhầm)")))))
        return Page(title: "Khoản hỗ trợ số \(g.id)", breadcrumbs: [("Trang chủ", "/"), ("Chính sách hỗ trợ", "/policies"), (g.policy, "/policies/\(g.policyId)"),
                                                                  ("Khoản hỗ trợ số \(g.id)", nil)], status: status, content: .div(
            .h1(.text("\(g.kind.label): \(g.personName ?? g.organizationName)")),
            .facts(facts),
            actions,
            paymentsSection
        ))
    }
}
