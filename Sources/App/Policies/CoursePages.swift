import HopTacCore
import Plot
import Vapor

/// `/courses`: the training courses held in the user's province, newest first.
struct CourseListPage {
    let courses: [CourseRecord]
    let year: Int?
    let canRecord: Bool

    func page() -> Page {
        let rows: Node<HTML.BodyContext> = .if(courses.isEmpty, .p(.class("empty"), .text("Chưa ghi khóa đào tạo, bồi dưỡng nào.")), else: .div(.class("scroll"), .table(.class("list"),
            .thead(.tr(.th("Khai giảng"), .th("Chủ đề"), .th("Chính sách"), .th("Đơn vị tổ chức"), .th("Địa điểm"),
                       .th(.class("num"), .text("Học viên")), .th(.class("num"), .text("Tổ chức")))),
            .tbody(.forEach(courses) { c in
                .tr(.td(.text(c.startDate.vietnamese + (c.endDate.map { " – \($0.vietnamese)" } ?? ""))), .td(.a(.href("/courses/\(c.id)"), .text(c.topic))),
                    .td(.a(.href("/policies/\(c.policyId)"), .text(c.policy))), .td(.text(c.organiser)), .td(.text(Show.text(c.place))),
                    .td(.class("num"), .text(Show.number(c.participants))), .td(.class("num"), .text(Show.number(c.organizations))))
            }))))
        return Page(title: "Khóa đào tạo, bồi dưỡng", breadcrumbs: [("Trang chủ", "/"), ("Chính sách hỗ trợ", "/policies"), ("Khóa đào tạo, bồi dưỡng", nil)], content: .div(
            .h1("Khóa đào tạo, bồi dưỡng"),
            .p(.text("Mỗi khóa có chủ đề, thời gian, địa điểm, đơn vị tổ chức và danh sách học viên; học viên là cán bộ, thành viên của tổ chức kinh tế tập thể.")),
            .form(.method(.get), .action("/courses"), .class("filters"),
                  .label(.for("year"), .text("Năm")), .input(.type(.number), .id("year"), .name("year"), .value(year.map(String.init) ?? "")),
                  .button(.type(.submit), .text("Lọc"))),
            .if(canRecord, .p(.class("actions"), .a(.href("/courses/new"), .text("Ghi khóa mới")))),
            rows,
            .downloads(path: "/courses", query: year.map { "year=\($0)" } ?? "")
        ))
    }
}

/// `/courses/new`: a course's policy, topic, organiser, place and dates.
struct CourseFormPage {
    let policies: [PolicyRecord]
    /// The administrator says which province the course is held in; everyone else's is their own.
    let askProvince: Bool
    let values: [String: String]
    let problems: [String: FieldProblem]

    func page(status: HTTPResponseStatus = .ok) -> Page {
        func input(_ name: String, _ label: String, hint: String? = nil) -> Node<HTML.FormContext> {
            .textField(name, label, hint: hint, values: values, problems: problems)
        }
        let policy: Node<HTML.FormContext> = .field(name: "policy", label: "Chính sách", problem: problems["policy"],
            .select(.id("policy"), .attribute(named: "name", value: "policy"), .choice("", "— Chọn chính sách —", selected: (values["policy"] ?? "").isEmpty),
                    .forEach(policies) { .choice($0.code, "\($0.code) — \($0.title)", selected: foldForSearch(values["policy"] ?? "") == foldForSearch($0.code)) }))
        return Page(title: "Ghi khóa đào tạo, bồi dưỡng", breadcrumbs: [("Trang chủ", "/"), ("Khóa đào tạo, bồi dưỡng", "/courses"), ("Ghi mới", nil)], status: status, content: .div(
            .h1("Ghi khóa đào tạo, bồi dưỡng"),
            .if(policies.isEmpty, .p(.class("empty"), .text("Không có chính sách đào tạo, bồi dưỡng nào mà tài khoản này được ghi kết quả."))),
            .if(!problems.isEmpty, .div(.class("error-summary"), .attribute(named: "role", value: "alert"), .p(.text("Chưa lưu: kiểm tra các ô được đánh dấu.")))),
            .form(.method(.post), .action("/courses"), .class("record"),
                  .csrfField(),
                  .fieldset(.legend("Khóa học"), policy, input("topic", "Chủ đề, nội dung"), input("organiser", "Đơn vị tổ chức"), input("place", "Địa điểm"),
                            input("start_date", "Ngày khai giảng (dd/mm/yyyy)"), input("end_date", "Ngày kết thúc (dd/mm/yyyy)"),
                            .if(askProvince, input("province_code", "Mã tỉnh nơi tổ chức (2025)"))),
                  .button(.type(.submit), .text("Lưu khóa học")))
        ))
    }
}

/// `/courses/{id}`: a course and its participants, with the form to add one.
struct CoursePage {
    let course: CourseRecord
    let participants: [SupportRecord]
    let canRecord: Bool
    let values: [String: String]
    let problems: [String: FieldProblem]

    private var participantForm: Node<HTML.BodyContext> {
        func input(_ field: SupportField, hint: String? = nil) -> Node<HTML.FormContext> {
            .textField(field.rawValue, field.label, hint: hint, values: values, problems: problems)
        }
        let status: Node<HTML.FormContext> = .field(name: "status", label: SupportField.status.label, problem: problems["status"],
            .select(.id("status"), .attribute(named: "name", value: "status"),
                    .forEach(SupportStatus.allCases) { .choice($0.rawValue, $0.label, selected: (values["status"] ?? SupportStatus.finished.rawValue) == $0.rawValue) }))
        return .form(.method(.post), .action("/courses/\(course.id)/participants"), .class("record"),
            .csrfField(),
            .if(!problems.isEmpty, .div(.class("error-summary"), .attribute(named: "role", value: "alert"), .p(.text("Chưa ghi học viên: kiểm tra các ô được đánh dấu.")))),
            .fieldset(.legend("Thêm học viên"), input(.registrationCode, hint: "Mã số của tổ chức mà học viên là cán bộ, thành viên."), input(.personName),
                      input(.personPosition, hint: "Giám đốc, kế toán, kiểm soát viên, thành viên…"), input(.amount, hint: "Kinh phí hỗ trợ học viên, nếu có."), status),
            .button(.type(.submit), .text("Thêm học viên")))
    }

    func page(status: HTTPResponseStatus = .ok) -> Page {
        let c = course
        let facts: [(String, Node<HTML.BodyContext>)] = [
            ("Chính sách", .a(.href("/policies/\(c.policyId)"), .text("\(c.policy) — \(c.policyTitle)"))),
            ("Thời gian", .text(c.startDate.vietnamese + (c.endDate.map { " – \($0.vietnamese)" } ?? ""))),
            ("Địa điểm", .text(Show.text(c.place))), ("Đơn vị tổ chức", .text(c.organiser)),
            ("Học viên", .text("\(Show.number(c.participants)) người của \(Show.number(c.organizations)) tổ chức")),
        ]
        let table: Node<HTML.BodyContext> = .if(participants.isEmpty, .p(.class("empty"), .text("Chưa ghi học viên nào.")), else: .div(.class("scroll"), .table(.class("list"),
            .thead(.tr(.th("Họ và tên"), .th("Chức vụ"), .th("Tổ chức"), .th("Xã, phường"), .th(.class("num"), .text("Kinh phí (triệu đồng)")), .th("Trạng thái"))),
            .tbody(.forEach(participants) { g in
                .tr(.td(.a(.href("/support/\(g.id)"), .text(g.personName ?? "—"))), .td(.text(Show.text(g.personPosition))),
                    .td(.a(.href("/organizations/\(g.organizationId)"), .text(g.organizationName))), .td(.text(g.communeName)),
                    .td(.class("num"), .text(g.amount.map { Show.amount($0, fractionDigits: 3) } ?? "")), .td(.text(g.status.label)))
            }))))
        return Page(title: c.topic, breadcrumbs: [("Trang chủ", "/"), ("Khóa đào tạo, bồi dưỡng", "/courses"), (c.topic, nil)], status: status, content: .div(
            .h1(.text(c.topic)),
            .facts(facts),
            .section(.id("hoc-vien"), .h2("Học viên"), table, .downloads(path: "/courses/\(c.id)", query: ""), .if(canRecord, participantForm))
        ))
    }
}
