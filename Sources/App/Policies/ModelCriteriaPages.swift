import HopTacCore
import Plot
import Vapor

/// `/model-criteria`: the province's set of model-cooperative criteria, the organisations assessed as meeting all of
/// them in the year, and for its keepers the forms to adopt a set of the province's own, add and withdraw criteria.
struct ModelCriteriaPage {
    let province: String?
    let criteria: [CriterionRecord]
    let year: Int
    let candidates: [(id: Int, name: String, commune: String)]
    let canKeep: Bool
    let problem: String?

    private var ownSet: Bool { criteria.first?.provinceCode != nil }

    private var keeperForms: Node<HTML.BodyContext> {
        let hidden: Node<HTML.FormContext> = .unwrap(province) { .input(.type(.hidden), .name("province"), .value($0)) }
        let adopt: Node<HTML.BodyContext> = .form(.method(.post), .action("/model-criteria/adopt"), .class("inline"), .csrfField(), hidden,
            .button(.type(.submit), .text("Lập bộ tiêu chí của tỉnh (sao chép bộ mặc định để sửa)")))
        let basis: Node<HTML.FormContext> = .field(name: "basis", label: "Dữ liệu đối chiếu", problem: nil,
            .select(.id("basis"), .attribute(named: "name", value: "basis"), .choice("", "Không có", selected: true),
                    .forEach(CriterionBasis.allCases) { .choice($0.rawValue, $0.label, selected: false) }))
        let add: Node<HTML.BodyContext> = .form(.method(.post), .action("/model-criteria"), .class("record"), .csrfField(), hidden,
            .fieldset(.legend("Thêm tiêu chí"),
                .field(name: "title", label: "Tiêu chí", problem: problem.map(FieldProblem.init), .input(.type(.text), .id("title"), .name("title"))),
                .field(name: "guidance", label: "Hướng dẫn đánh giá", problem: nil, .input(.type(.text), .id("guidance"), .name("guidance"))),
                basis),
            .button(.type(.submit), .text("Thêm tiêu chí")))
        return .if(canKeep, ownSet ? add : adopt)
    }

    func page(status: HTTPResponseStatus = .ok) -> Page {
        let hiddenProvince: Node<HTML.FormContext> = .unwrap(province) { .input(.type(.hidden), .name("province"), .value($0)) }
        let list: Node<HTML.BodyContext> = .ol(.forEach(criteria) { c in
            .li(.strong(.text(c.title)),
                .unwrap(c.guidance.flatMap { $0.isEmpty ? nil : $0 }) { .p(.class("muted"), .text($0)) },
                .unwrap(c.basis) { .p(.class("hint"), .text("Đối chiếu dữ liệu: \($0.label)")) },
                .if(canKeep && ownSet, .form(.method(.post), .action("/model-criteria/\(c.id)/withdraw"), .class("inline"), .csrfField(), hiddenProvince,
                                             .button(.type(.submit), .class("link"), .text("Bỏ tiêu chí này")))))
        })
        let candidateList: Node<HTML.BodyContext> = .if(candidates.isEmpty,
            .p(.class("empty"), .text("Chưa có tổ chức nào được đánh giá đạt đủ các tiêu chí năm \(year).")),
            else: .ul(.forEach(candidates) { c in
                .li(.a(.href("/organizations/\(c.id)/model-criteria?year=\(year)"), .text(c.name)), .text(" · \(c.commune)"))
            }))
        return Page(title: "Tiêu chí HTX kiểu mẫu", breadcrumbs: [("Trang chủ", "/"), ("Chính sách hỗ trợ", "/policies"), ("Tiêu chí HTX kiểu mẫu", nil)], status: status, content: .div(
            .h1(.text("Bộ tiêu chí HTX kiểu mẫu" + (province.map { " — tỉnh \($0)" } ?? ""))),
            .p(.text(ownSet ? "Bộ tiêu chí riêng của tỉnh." : "Bộ tiêu chí mặc định của HợpTác (theo Luật Hợp tác xã 2023, Nghị định 113/2024/NĐ-CP và kết quả xếp loại); tỉnh lập bộ của mình để sửa.")),
            .unwrap(problem) { .div(.class("error-summary"), .attribute(named: "role", value: "alert"), .p(.text($0))) },
            list,
            keeperForms,
            .h2(.text("Tổ chức đạt đủ tiêu chí năm \(year)")),
            .form(.method(.get), .action("/model-criteria"), .class("filters"), hiddenProvince,
                  .label(.for("year"), .text("Năm")), .input(.type(.number), .id("year"), .name("year"), .value(String(year))), .button(.type(.submit), .text("Xem"))),
            candidateList,
            .downloads(path: "/model-criteria", query: province.map { "province=\($0)" } ?? "")
        ))
    }
}

/// `/organizations/{id}/model-criteria`: the year's checklist, each criterion with what the data says and the
/// officer's judgement and note.
struct ModelChecklistPage {
    let organization: OrganizationRecord
    let checklist: ModelChecklist
    let canAssess: Bool

    func page() -> Page {
        let c = checklist
        let rows: Node<HTML.TableContext> = .tbody(.forEach(c.lines) { line in
            let id = line.criterion.id
            let choice: Node<HTML.BodyContext> = canAssess
                ? .select(.attribute(named: "name", value: "met_\(id)"), .attribute(named: "form", value: "assess"), .attribute(named: "aria-label", value: "Đánh giá tiêu chí \(line.criterion.position)"),
                          .choice("", "Chưa đánh giá", selected: line.met == nil), .choice("yes", "Đạt", selected: line.met == true), .choice("no", "Chưa đạt", selected: line.met == false))
                : .text(line.met.map { $0 ? "Đạt" : "Chưa đạt" } ?? "Chưa đánh giá")
            let note: Node<HTML.BodyContext> = canAssess
                ? .input(.type(.text), .name("note_\(id)"), .value(line.note ?? ""), .attribute(named: "form", value: "assess"), .attribute(named: "aria-label", value: "Ghi chú tiêu chí \(line.criterion.position)"))
                : .text(Show.text(line.note))
            let data: String = line.dataReading.map { text in (line.dataSuggestsMet.map { $0 ? "✓ " : "✗ " } ?? "") + text } ?? "—"
            return .tr(.td(.text(String(line.criterion.position))), .td(.text(line.criterion.title)), .td(.text(data)), .td(choice), .td(note))
        })
        let table: Node<HTML.BodyContext> = .div(.class("scroll"), .table(.class("list"),
            .thead(.tr(.th("#"), .th("Tiêu chí"), .th("Dữ liệu đối chiếu"), .th("Đánh giá"), .th("Ghi chú"))), rows))
        let summary = c.meetsAll ? "Đạt đủ \(c.lines.count) tiêu chí năm \(c.year): có thể xét công nhận HTX kiểu mẫu."
            : "Đã đánh giá \(c.assessed)/\(c.lines.count) tiêu chí; đạt \(c.lines.filter { $0.met == true }.count)."
        return Page(title: "Tiêu chí HTX kiểu mẫu — \(organization.name)",
                    breadcrumbs: [("Trang chủ", "/"), (organization.name, "/organizations/\(organization.id)"), ("Tiêu chí HTX kiểu mẫu", nil)], content: .div(
            .h1(.text("Tiêu chí HTX kiểu mẫu năm \(c.year) — \(organization.name)")),
            .form(.method(.get), .action("/organizations/\(organization.id)/model-criteria"), .class("filters"),
                  .label(.for("year"), .text("Năm")), .input(.type(.number), .id("year"), .name("year"), .value(String(c.year))), .button(.type(.submit), .text("Xem"))),
            .p(.text(summary)),
            table,
            // The table's controls belong to this form by their `form` attribute: a form cannot hold a table in Plot's model.
            .if(canAssess, .form(.id("assess"), .method(.post), .action("/organizations/\(organization.id)/model-criteria"), .csrfField(),
                                 .input(.type(.hidden), .name("year"), .value(String(c.year))), .button(.type(.submit), .text("Lưu đánh giá")))),
            .p(.a(.href("/model-criteria"), .text("Bộ tiêu chí đang dùng"))),
            .downloads(path: "/organizations/\(organization.id)/model-criteria", query: "year=\(c.year)")
        ))
    }
}
