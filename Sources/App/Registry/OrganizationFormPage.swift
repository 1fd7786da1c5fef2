import HopTacCore
import Plot
import Vapor

/// The create/edit form. Shows the values as typed and a message beside each refused field.
struct OrganizationFormPage {
    struct Choices {
        let communesByProvince: [(province: String, communes: [(code: String, name: String)])]
        let unions: [(id: Int, name: String, provinceCode: String)]
    }

    var existing: OrganizationRecord?
    /// Raw form values, so a refused form comes back exactly as typed.
    var values: [String: String]
    var problems: [String: FieldProblem] = [:]
    var conflict: OrganizationRecord?
    let choices: Choices

    func page() -> Page {
        let title = existing.map { "Sửa hồ sơ: \($0.name)" } ?? "Thêm tổ chức kinh tế tập thể"
        let action = existing.map { "/organizations/\($0.id)" } ?? "/organizations"
        var crumbs: [(label: String, href: String?)] = [("Trang chủ", "/"), ("Tổ chức kinh tế tập thể", "/organizations")]
        if let existing { crumbs.append((existing.name, "/organizations/\(existing.id)")) }
        crumbs.append((existing == nil ? "Thêm mới" : "Sửa", nil))
        return Page(
            title: title,
            breadcrumbs: crumbs,
            status: conflict != nil ? .conflict : (problems.isEmpty ? .ok : .unprocessableEntity),
            content: .div(
                .h1(.text(title)),
                .unwrap(conflict) { conflictNotice($0) },
                .if(!problems.isEmpty && conflict == nil, errorSummary),
                .form(.method(.post), .action(action), .class("record"),
                    .csrfField(),
                    .unwrap(existing) { .input(.type(.hidden), .name("version"), .value(values["version"] ?? String($0.version))) },
                    .fieldset(.legend("Thông tin chung"),
                        textField(.name, required: true),
                        textField(.shortName),
                        choiceField(.type, OrganizationType.allCases.map { ($0.rawValue, $0.label) }),
                        choiceField(.sector, Sector.allCases.map { ($0.rawValue, $0.label) }),
                        textArea(.mainActivities)
                    ),
                    .fieldset(.legend("Đăng ký"),
                        textField(.registrationCode, hint: "10 chữ số, thường trùng mã số thuế. Bắt buộc với HTX, LHHTX, QTDND.", inputMode: "numeric"),
                        textField(.registrationDate, hint: "dd/mm/yyyy"),
                        textField(.issuingAuthority)
                    ),
                    .fieldset(.legend("Trụ sở"),
                        textField(.address),
                        communeField,
                        textField(.legacyCommuneCode, hint: "Mã xã trước 01/07/2025, nếu biết. Chỉ nhập xã cũ mà không chọn xã mới thì hồ sơ được gắn vào xã kế thừa mặc định.", inputMode: "numeric")
                    ),
                    .fieldset(.legend("Quy mô"),
                        textField(.charterCapital, hint: "Triệu đồng, ví dụ 1.234,5", inputMode: "decimal"),
                        textField(.officialMembers, inputMode: "numeric"),
                        textField(.associateMembers, inputMode: "numeric"),
                        textField(.workers, inputMode: "numeric")
                    ),
                    .fieldset(.legend("Người đại diện và liên hệ"),
                        textField(.representativeName),
                        textField(.representativeTitle),
                        textField(.phone, inputMode: "tel"),
                        textField(.email, inputMode: "email"),
                        textField(.website)
                    ),
                    .fieldset(.legend("Liên hiệp hợp tác xã"),
                        choiceField(.unionId, [("", "— Không là thành viên liên hiệp nào —")] + choices.unions.map { (String($0.id), $0.name) })
                    ),
                    .div(.class("actions"),
                        .button(.type(.submit), .text(existing == nil ? "Lưu hồ sơ" : "Lưu thay đổi")),
                        .a(.href(existing.map { "/organizations/\($0.id)" } ?? "/organizations"), .text("Huỷ"))
                    )
                )
            )
        )
    }

    private var errorSummary: Node<HTML.BodyContext> {
        .div(.class("error-summary"), .attribute(named: "role", value: "alert"),
            .h2("Hồ sơ chưa được lưu. Vui lòng sửa \(problems.count) lỗi:"),
            .ul(.forEach(OrganizationField.allCases.filter { problems[$0.rawValue] != nil }) { field in
                .li(.a(.href("#\(field.rawValue)"), .text("\(field.label): \(problems[field.rawValue]?.message ?? "")")))
            })
        )
    }

    private func conflictNotice(_ current: OrganizationRecord) -> Node<HTML.BodyContext> {
        .div(.class("error-summary"), .attribute(named: "role", value: "alert"),
            .h2("Hồ sơ đã được người khác sửa trong lúc bạn đang sửa. Thay đổi của bạn CHƯA được lưu."),
            .p(.text("Bản hiện tại là phiên bản \(current.version), cập nhật lúc \(Show.timestamp(current.updatedAt)). Các giá trị bạn đã nhập vẫn ở dưới; hãy đối chiếu với "),
               .a(.href("/organizations/\(current.id)"), .attribute(named: "target", value: "_blank"), .text("bản hiện tại")),
               .text(" rồi lưu lại nếu vẫn muốn thay đổi."))
        )
    }

    private func fieldWrapper(_ field: OrganizationField, required: Bool = false, hint: String?, control: Node<HTML.FormContext>) -> Node<HTML.FormContext> {
        let problem = problems[field.rawValue]
        return .div(.class(problem == nil ? "field" : "field invalid"),
            .label(.for(field.rawValue), .text(field.label), .if(required, .span(.class("required"), .text(" *")))),
            .unwrap(hint) { .p(.class("hint"), .id("\(field.rawValue)-hint"), .text($0)) },
            .unwrap(problem) { .p(.class("error"), .id("\(field.rawValue)-error"), .text($0.message)) },
            control
        )
    }

    private func describedBy(_ field: OrganizationField, hint: String?) -> String {
        [hint == nil ? nil : "\(field.rawValue)-hint", problems[field.rawValue] == nil ? nil : "\(field.rawValue)-error"].compactMap { $0 }.joined(separator: " ")
    }

    private func textField(_ field: OrganizationField, required: Bool = false, hint: String? = nil, inputMode: String? = nil) -> Node<HTML.FormContext> {
        fieldWrapper(field, required: required, hint: hint, control: .input(
            .type(.text), .id(field.rawValue), .name(field.rawValue), .value(values[field.rawValue] ?? ""),
            .attribute(named: "inputmode", value: inputMode),
            .attribute(named: "aria-describedby", value: describedBy(field, hint: hint).isEmpty ? nil : describedBy(field, hint: hint)),
            .attribute(named: "aria-invalid", value: problems[field.rawValue] == nil ? nil : "true")
        ))
    }

    private func textArea(_ field: OrganizationField) -> Node<HTML.FormContext> {
        fieldWrapper(field, hint: nil, control: .textarea(.id(field.rawValue), .name(field.rawValue), .attribute(named: "rows", value: "3"), .text(values[field.rawValue] ?? "")))
    }

    private func choiceField(_ field: OrganizationField, _ options: [(String, String)]) -> Node<HTML.FormContext> {
        fieldWrapper(field, hint: nil, control: .select(.id(field.rawValue), .attribute(named: "name", value: field.rawValue),
            .forEach(options) { option in .choice(option.0, option.1, selected: (values[field.rawValue] ?? "") == option.0) }))
    }

    private var communeField: Node<HTML.FormContext> {
        let field = OrganizationField.communeCode
        let selected = values[field.rawValue] ?? ""
        // Option groups per province: the form works without JavaScript and the browser's type-ahead finds a commune.
        var groups = ""
        for group in choices.communesByProvince {
            groups += "<optgroup label=\"\(escapeMarkup(group.province))\">"
            for commune in group.communes {
                groups += "<option value=\"\(commune.code)\"\(commune.code == selected ? " selected" : "")>\(escapeMarkup(commune.name)) (\(commune.code))</option>"
            }
            groups += "</optgroup>"
        }
        return fieldWrapper(field, required: true, hint: nil, control: .select(.id(field.rawValue), .attribute(named: "name", value: field.rawValue),
            .choice("", "— Chọn xã/phường —", selected: selected.isEmpty), .raw(groups)))
    }

    /// The form values of a stored record, in the same text form a person types.
    static func values(of record: OrganizationRecord) -> [String: String] {
        let input = record.input
        var values: [String: String] = [:]
        for field in OrganizationField.allCases {
            switch field {
            case .type: values[field.rawValue] = input.type.rawValue
            case .sector: values[field.rawValue] = input.sector.rawValue
            case .communeCode: values[field.rawValue] = input.communeCode
            default: values[field.rawValue] = input.displayValue(of: field)
            }
        }
        values["version"] = String(record.version)
        return values
    }
}
