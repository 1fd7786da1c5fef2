import HopTacCore
import Plot
import Vapor

/// `/organizations/{id}/status`: record a dated change of status (suspension, dissolution, merger…).
struct StatusFormPage {
    let record: OrganizationRecord
    var values: [String: String] = [:]
    var problems: [String: FieldProblem] = [:]
    var conflict: Bool = false

    func page() -> Page {
        let r = record
        return Page(
            title: "Thay đổi trạng thái: \(r.name)",
            breadcrumbs: [("Trang chủ", "/"), ("Tổ chức kinh tế tập thể", "/organizations"), (r.name, "/organizations/\(r.id)"), ("Thay đổi trạng thái", nil)],
            status: conflict ? .conflict : (problems.isEmpty ? .ok : .unprocessableEntity),
            content: .div(
                .h1(.text("Thay đổi trạng thái")),
                .p(.text("\(r.name) hiện ở trạng thái "), .statusBadge(r.status),
                   .unwrap(r.statusSince) { .text(" từ \($0.vietnamese)") }, .text(".")),
                .if(conflict, .div(.class("error-summary"), .attribute(named: "role", value: "alert"),
                    .p(.text("Hồ sơ đã được người khác sửa trong lúc bạn thao tác (nay là phiên bản \(r.version)). Trạng thái CHƯA được thay đổi; hãy kiểm tra lại rồi gửi lại.")))),
                .if(!problems.isEmpty, .div(.class("error-summary"), .attribute(named: "role", value: "alert"),
                    .h2("Chưa ghi được. Vui lòng sửa:"),
                    .ul(.forEach(problems.sorted { $0.key < $1.key }) { .li(.a(.href("#\($0.key)"), .text($0.value.message))) }))),
                .form(.method(.post), .action("/organizations/\(r.id)/status"), .class("record"),
                    .csrfField(),
                    .input(.type(.hidden), .name("version"), .value(values["version"] ?? String(r.version))),
                    .fieldset(.legend("Trạng thái mới"),
                        field("status", "Trạng thái mới", .select(.id("status"), .attribute(named: "name", value: "status"), .forEach(r.status.allowedNext) { s in
                            .choice(s.rawValue, s.label, selected: values["status"] == s.rawValue)
                        })),
                        input("effective_from", "Có hiệu lực từ ngày", hint: "dd/mm/yyyy"),
                        input("effective_to", "Đến ngày (chỉ khi tạm ngừng)", hint: "dd/mm/yyyy"),
                        input("merged_into_id", "Số hồ sơ của tổ chức tiếp nhận (khi hợp nhất/sáp nhập)", hint: "Số ở địa chỉ trang của tổ chức đó, ví dụ 125"),
                        field("reason", "Lý do, số và ngày văn bản quyết định", .textarea(.id("reason"), .name("reason"), .attribute(named: "rows", value: "3"), .text(values["reason"] ?? "")))
                    ),
                    .div(.class("actions"), .button(.type(.submit), .text("Ghi nhận")), .a(.href("/organizations/\(r.id)"), .text("Huỷ")))
                )
            )
        )
    }

    private func input(_ name: String, _ label: String, hint: String) -> Node<HTML.FormContext> {
        field(name, label, hint: hint, .input(.type(.text), .id(name), .name(name), .value(values[name] ?? "")))
    }

    private func field(_ name: String, _ label: String, hint: String? = nil, _ control: Node<HTML.FormContext>) -> Node<HTML.FormContext> {
        .div(.class(problems[name] == nil ? "field" : "field invalid"),
            .label(.for(name), .text(label)),
            .unwrap(hint) { .p(.class("hint"), .text($0)) },
            .unwrap(problems[name]) { .p(.class("error"), .text($0.message)) },
            control)
    }
}
