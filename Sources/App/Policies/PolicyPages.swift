import HopTacCore
import Plot
import Vapor

/// `/policies`: each policy with what it delivered in the user's area.
struct PolicyListPage {
    let rows: [PoliciesController.Summary]
    let canCreate: Bool
    let canImport: Bool

    func page() -> Page {
        Page(title: "Chính sách hỗ trợ", breadcrumbs: [("Trang chủ", "/"), ("Chính sách hỗ trợ", nil)], content: .div(
            .h1("Chính sách hỗ trợ kinh tế tập thể"),
            .p(.text("Các chính sách của Trung ương và địa phương, ai được hỗ trợ gì, khi nào, bao nhiêu. Kinh phí và số tổ chức tính các khoản đã giải ngân hoặc hoàn thành trong phạm vi của tài khoản.")),
            .p(.class("actions"),
               .if(canCreate, .a(.href("/policies/new"), .text("Ghi chính sách mới"))),
               .if(canImport, .a(.href("/support/new"), .text("Ghi một khoản hỗ trợ"))),
               .if(canImport, .a(.href("/import/support"), .text("Nhập kết quả hỗ trợ từ tệp"))),
               .a(.href("/support"), .text("Mọi khoản hỗ trợ")), .a(.href("/courses"), .text("Khóa đào tạo, bồi dưỡng")),
               .a(.href("/model-criteria"), .text("Tiêu chí HTX kiểu mẫu"))),
            .if(rows.isEmpty, .p(.class("empty"), .text("Chưa có chính sách nào trong phạm vi của tài khoản.")), else: .div(.class("scroll"), .table(.class("list"),
                .thead(.tr(.th("Mã"), .th("Chính sách"), .th("Loại hỗ trợ"), .th("Cơ quan thực hiện"), .th("Thời gian"),
                           .th(.class("num"), .text("Khoản hỗ trợ")), .th(.class("num"), .text("Tổ chức")), .th(.class("num"), .text("Kinh phí (triệu đồng)")))),
                .tbody(.forEach(rows) { row in
                    .tr(.td(.a(.href("/policies/\(row.policy.id)"), .text(row.policy.code))),
                        .td(.text(row.policy.title), .br(), .span(.class("muted"), .text("\(row.policy.documentNumber) · \(row.policy.issuer)"))),
                        .td(.text(row.policy.kind.label)), .td(.text(row.policy.agency)), .td(.text("\(row.policy.periodFrom)–\(row.policy.periodTo)")),
                        .td(.class("num"), .text(Show.number(row.grants))), .td(.class("num"), .text(Show.number(row.organizations))),
                        .td(.class("num"), .text(Show.amount(row.amount, fractionDigits: 1))))
                })))),
            .downloads(path: "/policies", query: "")
        ))
    }
}

/// `/policies/new` and `/policies/{id}/edit`: a policy's legal basis, level, kind, budget, period and implementing agency.
struct PolicyFormPage {
    /// The policy being changed, nil for a new one.
    let policy: PolicyRecord?
    let values: [String: String]
    let problems: [String: FieldProblem]

    func page(status: HTTPResponseStatus = .ok) -> Page {
        func input(_ name: String, _ label: String, hint: String? = nil) -> Node<HTML.FormContext> {
            .textField(name, label, hint: hint, values: values, problems: problems)
        }
        let level: Node<HTML.FormContext> = .field(name: "level", label: "Cấp ban hành", problem: problems["level"],
            .select(.id("level"), .attribute(named: "name", value: "level"), .forEach(PolicyLevel.allCases) { .choice($0.rawValue, $0.label, selected: values["level"] == $0.rawValue) }))
        let kind: Node<HTML.FormContext> = .field(name: "kind", label: "Loại hỗ trợ", problem: problems["kind"],
            .select(.id("kind"), .attribute(named: "name", value: "kind"), .forEach(PolicyKind.allCases) { .choice($0.rawValue, $0.label, selected: values["kind"] == $0.rawValue) }))
        let title = policy.map { "Sửa chính sách \($0.code)" } ?? "Ghi chính sách hỗ trợ"
        let here: [(String, String?)] = policy.map { [($0.code, "/policies/\($0.id)"), ("Sửa", nil)] } ?? [("Ghi mới", nil)]
        return Page(title: title, breadcrumbs: [("Trang chủ", "/"), ("Chính sách hỗ trợ", "/policies")] + here, status: status, content: .div(
            .h1(.text(title)),
            .unwrap(problems["version"] ?? problems["withdraw"]) { .div(.class("error-summary"), .attribute(named: "role", value: "alert"), .p(.text($0.message))) },
            .if(!problems.isEmpty, .div(.class("error-summary"), .attribute(named: "role", value: "alert"), .p(.text("Chưa lưu: kiểm tra các ô được đánh dấu.")))),
            .form(.method(.post), .action(policy.map { "/policies/\($0.id)" } ?? "/policies"), .class("record"),
                .csrfField(),
                .unwrap(values["version"]) { .input(.type(.hidden), .name("version"), .value($0)) },
                .fieldset(.legend("Căn cứ"),
                    input("code", "Mã chính sách", hint: "Mã ngắn để ghi trong tệp nhập, ví dụ NQ56-2021-DT."),
                    input("title", "Tên chính sách"),
                    input("document_number", "Số, ký hiệu văn bản", hint: "Ví dụ 56/2021/NQ-HĐND."),
                    input("document_date", "Ngày ban hành (dd/mm/yyyy)"),
                    input("issuer", "Cơ quan ban hành"),
                    level,
                    input("unit_code", "Mã tỉnh hoặc mã xã ban hành (2025)", hint: "Để trống với chính sách của Trung ương.")),
                .fieldset(.legend("Nội dung"),
                    kind,
                    input("budget_source", "Nguồn kinh phí"),
                    input("period_from", "Từ năm"),
                    input("period_to", "Đến năm"),
                    input("agency", "Cơ quan thực hiện", hint: "Cán bộ của cơ quan này (sở, ngành, Liên minh HTX) ghi kết quả hỗ trợ theo chính sách."),
                    .field(name: "conditions", label: "Điều kiện, đối tượng", problem: problems["conditions"],
                           .textarea(.id("conditions"), .name("conditions"), .attribute(named: "rows", value: "4"), .text(values["conditions"] ?? "")))),
                .button(.type(.submit), .text("Lưu chính sách")))
        ))
    }
}

/// A table of delivered totals (by year or by commune).
private func totalsTable(_ title: String, _ lines: [PolicyTotals.Line]) -> Node<HTML.BodyContext> {
    .if(!lines.isEmpty, .group(.h2(.text(title)), .table(.class("list"),
        .thead(.tr(.th(""), .th(.class("num"), .text("Khoản hỗ trợ")), .th(.class("num"), .text("Tổ chức")), .th(.class("num"), .text("Kinh phí (triệu đồng)")))),
        .tbody(.forEach(lines) { line in
            .tr(.td(.text(line.label)), .td(.class("num"), .text(Show.number(line.grants))), .td(.class("num"), .text(Show.number(line.organizations))),
                .td(.class("num"), .text(Show.amount(line.amount, fractionDigits: 1))))
        }))))
}

/// Grants as a list: who received what, when, how much.
private func grantsList(_ grants: [SupportRecord], page: Int, perPage: Int, link: @escaping (Int) -> String) -> Node<HTML.BodyContext> {
    let shown = Array(grants.dropFirst((page - 1) * perPage).prefix(perPage))
    return .if(grants.isEmpty, .p(.class("empty"), .text("Chưa ghi khoản hỗ trợ nào.")), else: .group(
        .div(.class("scroll"), .table(.class("list"),
            .thead(.tr(.th("Ngày"), .th("Tổ chức"), .th("Người được hỗ trợ"), .th("Chính sách"), .th("Nội dung"), .th(.class("num"), .text("Số tiền (triệu đồng)")),
                       .th("Trạng thái"))),
            .tbody(.forEach(shown) { g in
                .tr(.td(.a(.href("/support/\(g.id)"), .text(g.date.vietnamese))), .td(.a(.href("/organizations/\(g.organizationId)"), .text(g.organizationName)), .br(), .span(.class("muted"), .text(g.communeName))),
                    .td(.text([g.personName, g.personPosition].compactMap { $0 }.joined(separator: ", "))),
                    .td(.a(.href("/policies/\(g.policyId)"), .text(g.policy))),
                    .td(.text(SupportListPage.content(g))),
                    .td(.class("num"), .text(g.amount.map { Show.amount($0, fractionDigits: 3) } ?? "")), .td(.text(g.status.label)))
            }))),
        .pager(page: page, perPage: perPage, total: grants.count, link: link)))
}

/// A policy: its basis, what it delivered by year and unit, and each grant.
struct PolicyPage {
    let policy: PolicyRecord
    let totals: PolicyTotals
    let outcome: SupportOutcome
    let grants: [SupportRecord]
    let pageNumber: Int
    /// The user keeps the policy (edits, withdraws it) / records support under it.
    let canKeep: Bool
    let canRecord: Bool

    private var actions: Node<HTML.BodyContext> {
        .if(canKeep || canRecord, .div(.class("actions"),
            .if(canRecord, .a(.href("/support/new?policy=\(policy.code)"), .text("Ghi một khoản hỗ trợ"))),
            .if(canRecord && policy.kind == .training, .a(.href("/courses/new?policy=\(policy.code)"), .text("Ghi khóa đào tạo, bồi dưỡng"))),
            .if(canKeep, .a(.href("/policies/\(policy.id)/edit"), .text("Sửa chính sách"))),
            .if(canKeep && grants.isEmpty, .form(.method(.post), .action("/policies/\(policy.id)/withdraw"), .class("inline"),
                .csrfField(), .input(.type(.hidden), .name("version"), .value(String(policy.version))),
                .button(.type(.submit), .class("danger"), .text("Thu hồi (ghi nhầm)"))))))
    }

    /// Before and after: did the band, revenue and members of the organisations reached change?
    private var outcomeSection: Node<HTML.BodyContext> {
        let o = outcome
        let names = Dictionary(grants.map { ($0.organizationId, $0.organizationName) }, uniquingKeysWith: { a, _ in a })
        let band = { (code: String?) in Rubric.tt01_2020.label(ofBand: code) }
        let summary = o.organizations.isEmpty
            ? "Chưa có tổ chức nào được hỗ trợ có cả báo cáo năm trước khi nhận hỗ trợ và báo cáo của một năm sau đó."
            : "\(o.organizations.count) tổ chức có báo cáo năm trước khi nhận hỗ trợ và sau đó: doanh thu từ \(Show.amount(o.revenueBefore, fractionDigits: 1)) lên "
                + "\(Show.amount(o.revenueAfter, fractionDigits: 1)) triệu đồng (\(o.revenueChange.map { ($0 >= 0 ? "+" : "") + Show.number($0) + "%" } ?? "—")), "
                + "thành viên từ \(Show.number(Int(clamping: o.membersBefore))) lên \(Show.number(Int(clamping: o.membersAfter))); "
                + "xếp loại lên \(o.bandsUp), giữ nguyên \(o.bandsSame), xuống \(o.bandsDown) tổ chức."
        return .section(
            .h2("Kết quả đối với tổ chức được hỗ trợ"),
            .p(.text(summary + (o.withoutComparison > 0 ? " \(o.withoutComparison) tổ chức khác chưa đủ báo cáo để so sánh." : ""))),
            .if(!o.organizations.isEmpty, .div(.class("scroll"), .table(.class("list"),
                .thead(.tr(.th("Tổ chức"), .th("Năm được hỗ trợ"), .th("Năm so sánh"), .th("Xếp loại"), .th(.class("num"), .text("Doanh thu trước")),
                           .th(.class("num"), .text("Doanh thu sau")), .th(.class("num"), .text("Thành viên trước")), .th(.class("num"), .text("Thành viên sau")))),
                .tbody(.forEach(o.organizations.prefix(200)) { org in
                    .tr(.td(.a(.href("/organizations/\(org.organizationId)"), .text(names[org.organizationId] ?? String(org.organizationId)))),
                        .td(.text(String(org.firstSupportYear))), .td(.text("\(org.before.year) → \(org.after.year)")),
                        .td(.text("\(band(org.before.band)) → \(band(org.after.band))")),
                        .td(.class("num"), .text(Show.amount(org.before.revenue, fractionDigits: 1))), .td(.class("num"), .text(Show.amount(org.after.revenue, fractionDigits: 1))),
                        .td(.class("num"), .text(Show.number(Int(clamping: org.before.members)))), .td(.class("num"), .text(Show.number(Int(clamping: org.after.members)))))
                }))))
        )
    }

    func page() -> Page {
        Page(title: "Chính sách \(policy.code)", breadcrumbs: [("Trang chủ", "/"), ("Chính sách hỗ trợ", "/policies"), (policy.code, nil)], content: .div(
            .h1(.text(policy.title)),
            .facts([
                ("Mã", .text(policy.code)), ("Văn bản", .text(policy.documentNumber + (policy.documentDate.map { " ngày \($0.vietnamese)" } ?? ""))),
                ("Cơ quan ban hành", .text(policy.issuer)), ("Cấp", .text(policy.level.label + (policy.unitCode.map { " (\($0))" } ?? ""))),
                ("Loại hỗ trợ", .text(policy.kind.label)), ("Nguồn kinh phí", .text(Show.text(policy.budgetSource))),
                ("Thời gian áp dụng", .text("\(policy.periodFrom)–\(policy.periodTo)")), ("Cơ quan thực hiện", .text(policy.agency)),
                ("Điều kiện, đối tượng", .text(Show.text(policy.conditions))),
            ]),
            actions,
            totalsTable("Kết quả theo năm", totals.byYear),
            totalsTable("Kết quả theo xã, phường", totals.byCommune),
            outcomeSection,
            .h2("Các khoản hỗ trợ"),
            grantsList(grants, page: pageNumber, perPage: SupportListPage.perPage) { "/policies/\(policy.id)?page=\($0)" },
            .downloads(path: "/policies/\(policy.id)", query: "")
        ))
    }
}

/// `/support`: every grant in the area, with totals.
struct SupportListPage {
    static let perPage = 50
    let area: Area
    let filter: PolicyQueries.Filter
    let grants: [SupportRecord]
    let totals: PolicyTotals
    let pageNumber: Int
    let canImport: Bool

    /// What a grant was, in a few words: the course, the degree, the loan, the plot, the recognition.
    static func content(_ g: SupportRecord) -> String {
        let decision: [String?] = g.kind.isRecognition ? [g.awardForm ?? (g.kind == .modelCooperative ? "Công nhận HTX kiểu mẫu" : nil),
                                               g.awardLevel.map { "cấp \($0.label.lowercased())" },
                                               g.decisionNumber.map { "quyết định số \($0)" }, g.endDate.map { "thu hồi từ \($0.vietnamese)" }] : []
        var parts = (decision + [g.course, g.degree.map { "trình độ \($0)" }, g.lender.map { "vay \($0)" }, g.landArea.map { "\(VietnameseNumber.format($0)) m²" + (g.landForm.map { ", \($0.label.lowercased())" } ?? "") },
                     g.quantity.map { VietnameseNumber.format($0) + (g.unit.map { " " + $0 } ?? "") }]).compactMap { $0 }
        if let outstanding = g.outstanding { parts.append("dư nợ \(Show.amount(outstanding, fractionDigits: 1)) triệu đồng") }
        return parts.isEmpty ? g.kind.label : parts.joined(separator: "; ")
    }

    var query: String {
        [area.query, filter.kind.map { "kind=\($0.rawValue)" }, filter.policyId.map { "policy=\($0)" }, filter.year.map { "year=\($0)" }]
            .compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: "&")
    }

    func page() -> Page {
        let query = self.query
        return Page(title: "Hỗ trợ đã thực hiện — \(area.name)", breadcrumbs: [("Trang chủ", "/"), ("Chính sách hỗ trợ", "/policies"), ("Hỗ trợ đã thực hiện", nil)], content: .div(
            .h1(.text("Hỗ trợ đã thực hiện — \(area.name)")),
            .form(.method(.get), .action("/support"), .class("filters"), area.hiddenFields,
                  .label(.for("kind"), .text("Loại hỗ trợ")),
                  .select(.id("kind"), .attribute(named: "name", value: "kind"), .choice("", "Tất cả", selected: filter.kind == nil),
                          .forEach(PolicyKind.allCases) { .choice($0.rawValue, $0.label, selected: filter.kind == $0) }),
                  .label(.for("year"), .text("Năm")), .input(.type(.number), .id("year"), .name("year"), .value(filter.year.map(String.init) ?? "")),
                  .button(.type(.submit), .text("Lọc"))),
            .if(canImport, .p(.class("actions"), .a(.href("/support/new"), .text("Ghi một khoản hỗ trợ")),
                                .a(.href("/import/support"), .text("Nhập kết quả hỗ trợ từ tệp")), .a(.href("/courses"), .text("Khóa đào tạo, bồi dưỡng")))),
            totalsTable("Theo năm", totals.byYear),
            .h2("Các khoản hỗ trợ"),
            grantsList(grants, page: pageNumber, perPage: Self.perPage) { "/support?" + [query, "page=\($0)"].filter { !$0.isEmpty }.joined(separator: "&") },
            .downloads(path: "/support", query: query)
        ))
    }
}
