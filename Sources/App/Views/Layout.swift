import HopTacCore
import Plot
import Vapor

/// A whole HTML page: title, breadcrumbs and content inside the site's frame.
struct Page {
    var title: String
    var description: String = "HợpTác — hệ thống quản lý nhà nước về kinh tế tập thể"
    var breadcrumbs: [(label: String, href: String?)] = []
    var status: HTTPResponseStatus = .ok
    var content: Node<HTML.BodyContext>

    private var user: UserRecord? { RequestContext.current?.user }

    func response() -> Response {
        let html = HTML(
            .lang(.vietnamese),
            .head(
                .meta(.charset(.utf8)),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .title("\(title) · HợpTác"),
                .meta(.name("description"), .content(description)),
                .link(.rel(.stylesheet), .href(AssetsController.stylesheetPath)),
                // No icon: without this, browsers ask for /favicon.ico and log its 404 as an error on the first page.
                .link(.rel(.icon), .href("data:,"))
            ),
            .body(
                .header(.class("site"),
                    // First on the page so that keyboard and screen-reader users can pass the menu.
                    .a(.class("skip"), .href("#noi-dung"), .text("Bỏ qua trình đơn, đến nội dung")),
                    .a(.class("brand"), .href("/"), .text("HợpTác")),
                    .nav(.attribute(named: "aria-label", value: "Trình đơn"), .ul(.forEach(Menu.entries(for: user?.principal)) { entry in
                        .li(.a(.href(entry.href), .text(entry.label)))
                    })),
                    .div(.class("who"), .unwrap(user, { user in
                        .group(
                            .a(.href("/account"), .text(user.displayName), .span(.class("role"), .text(" · \(user.role.label)"))),
                            .form(.method(.post), .action("/logout"), .class("inline"), .csrfField(), .button(.type(.submit), .class("link"), .text("Đăng xuất")))
                        )
                    }, else: .a(.href("/login"), .text("Đăng nhập"))))
                ),
                .main(.id("noi-dung"),
                    // Shown on paper only: the site header is not printed, so the sheet says what it is, whose, and when.
                    .div(.class("print-head"),
                        .span(.text("HợpTác — quản lý nhà nước về kinh tế tập thể · \(title)")),
                        .span(.text("In ngày \(Day.today().vietnamese)" + (user.map { " · \($0.displayName), \($0.role.label)\($0.unitCode.map { " (\($0))" } ?? "")" } ?? "")))),
                    .if(!breadcrumbs.isEmpty, .nav(.class("breadcrumbs"), .attribute(named: "aria-label", value: "Vị trí"),
                        .ol(.forEach(breadcrumbs) { crumb in
                            .li(.unwrap(crumb.href, { .a(.href($0), .text(crumb.label)) }, else: .text(crumb.label)))
                        })
                    )),
                    content
                ),
                .footer(.class("site"), .p(.text("HợpTác — quản lý nhà nước về kinh tế tập thể theo Nghị quyết 20-NQ/TW. Dữ liệu đơn vị hành chính: vietnamadminunits (MIT).")))
            )
        )
        let response = Response(status: status, body: .init(string: html.render()))
        response.headers.contentType = .html
        return response
    }
}

/// Vietnamese display helpers shared by every page.
enum Show {
    static func number(_ value: Int?) -> String { value.map(VietnameseNumber.format) ?? "—" }
    static func number(_ value: Double?, fractionDigits: Int = 1) -> String { value.map { VietnameseNumber.format($0, fractionDigits: fractionDigits) } ?? "—" }
    /// An amount in triệu đồng, rounded for display from the exact đồng.
    static func amount(_ value: Money?, fractionDigits: Int) -> String { value?.millionsText(fractionDigits: fractionDigits) ?? "—" }
    /// A share as `62,5%`, or "—" when it cannot be computed.
    static func percent(_ value: Double?) -> String { value.map { number($0) + "%" } ?? "—" }
    static func day(_ value: Day?) -> String { value?.vietnamese ?? "—" }
    /// A figure as its definition reads it: counts whole, money in whole millions, shares as percentages.
    static func figure(_ figures: Figures, _ key: FigureKey) -> String {
        figure(figures.number(key)?.double, unit: FigureDefinition.of(key)?.unit)
    }

    static func figure(_ value: Double?, unit: FigureDefinition.Unit?) -> String {
        guard let value else { return "—" }
        switch unit {
        case .percent: return percent(value)
        case .millionVND: return number(value, fractionDigits: 0)
        case .millionVNDPerPerson: return number(value)
        default: return number(Int(saturating: value.rounded()))
        }
    }

    static func text(_ value: String?) -> String { value.flatMap { $0.isEmpty ? nil : $0 } ?? "—" }

    /// `2026-11-23T03:55:16Z` → `23/11/2026 10:55` in Vietnam's time zone.
    static func timestamp(_ value: String) -> String {
        guard let date = Timestamp.parse(value) else { return value }
        let c = Calendar.vietnam.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(format: "%02d/%02d/%04d %02d:%02d", c.day ?? 0, c.month ?? 0, c.year ?? 0, c.hour ?? 0, c.minute ?? 0)
    }
}

extension Node where Context == HTML.BodyContext {
    /// Links to the same list as XLSX, CSV and JSON, keeping the filters.
    static func downloads(path: String, query: String) -> Node {
        let query = query.isEmpty || query.hasPrefix("?") ? query : "?" + query
        return .p(.class("downloads"), .text("Tải về: "),
           .a(.href("\(path).xlsx\(query)"), .text("Excel (XLSX)")), .text(" · "),
           .a(.href("\(path).csv\(query)"), .text("CSV")), .text(" · "),
           .a(.href("\(path).json\(query)"), .text("JSON")))
    }

    /// A label/value list of facts about one record.
    static func facts(_ rows: [(String, Node<HTML.BodyContext>)]) -> Node {
        .dl(.class("facts"), .forEach(rows) { row in .group(.dt(.text(row.0)), .dd(row.1)) })
    }

    static func statusBadge(_ status: OrganizationStatus) -> Node {
        .span(.class("badge status-\(status.rawValue)"), .text(status.label))
    }

    /// Previous/next links and the position in the list.
    static func pager(page: Int, perPage: Int, total: Int, link: (Int) -> String) -> Node {
        let pages = max(1, (total + perPage - 1) / perPage)
        return .nav(.class("pager"), .attribute(named: "aria-label", value: "Phân trang"),
            .if(page > 1, .a(.href(link(page - 1)), .attribute(named: "rel", value: "prev"), .text("← Trang trước"))),
            .span(.text(" Trang \(VietnameseNumber.format(page))/\(VietnameseNumber.format(pages)) ")),
            .if(page < pages, .a(.href(link(page + 1)), .attribute(named: "rel", value: "next"), .text("Trang sau →")))
        )
    }
}

/// The order of a long table: a column and a direction, from `?sort=` (the first column ascending when absent; `-`
/// before a column reverses it). Rows that tie keep the order they came in, so pages follow each other exactly.
struct ListOrder<Column: RawRepresentable & CaseIterable & Equatable & Sendable>: Sendable, Equatable where Column.RawValue == String {
    private(set) var column: Column
    private(set) var descending: Bool
    /// Without `sort` a list is in its first column's order, newest or largest first when this is set (a log).
    private let defaultDescending: Bool

    init(_ raw: String?, defaultDescending: Bool = false) throws {
        guard let first = Column.allCases.first else { throw Abort(.internalServerError) }
        column = first
        descending = defaultDescending
        self.defaultDescending = defaultDescending
        guard let raw = raw?.trimmed, !raw.isEmpty else { return }
        descending = raw.hasPrefix("-")
        guard let column = Column(rawValue: String(raw.dropFirst(descending ? 1 : 0))) else {
            throw Abort(.badRequest, reason: "Tham số “sort” không hợp lệ: “\(raw)”. Giá trị được phép: \(Column.allCases.map(\.rawValue).joined(separator: ", ")) (thêm “-” trước để đảo chiều).")
        }
        self.column = column
    }

    private init(column: Column, descending: Bool, defaultDescending: Bool) {
        self.column = column
        self.descending = descending
        self.defaultDescending = defaultDescending
    }

    /// The `sort` parameter, nil for the default order.
    var parameter: String? {
        column == Column.allCases.first && descending == defaultDescending ? nil : (descending ? "-" : "") + column.rawValue
    }

    /// The order a click on `column`'s heading asks for: reversed when the list is already sorted by it.
    func toggled(_ column: Column) -> ListOrder {
        ListOrder(column: column, descending: self.column == column && !descending, defaultDescending: defaultDescending)
    }

    /// The SQL order of a table whose ids grow with time: the sorted column's `expression` (`id` for time itself),
    /// ties newest first.
    func sql(_ expression: (Column) -> String) -> String {
        let sorted = expression(column), direction = descending ? "DESC" : "ASC"
        return sorted == "id" ? "id \(direction)" : "\(sorted) \(direction), id DESC"
    }

    /// What a row holds in the sorted column: nothing (first), a number, or text as `foldForSearch` folds it.
    enum Value: Comparable, Sendable { case missing, number(Double), text(String) }

    /// The rows in this order, compared by what `value` gives for the sorted column.
    func sorted<Row>(_ rows: [Row], by value: (Row) -> Value) -> [Row] {
        let keyed: [(key: Value, offset: Int, row: Row)] = rows.enumerated().map { (value($0.element), $0.offset, $0.element) }
        let descending = descending
        return keyed.sorted { a, b in
            if a.key == b.key { return a.offset < b.offset }
            return descending ? a.key > b.key : a.key < b.key
        }.map(\.row)
    }
}

extension Node where Context == HTML.TableRowContext {
    /// A column heading that sorts the list by it: a link that reverses the order when the list is already sorted by
    /// this column, with `aria-sort` and an arrow saying how it is sorted now. `link` makes the address of a `sort`.
    static func sortableHeader<Column>(_ label: String, column: Column, order: ListOrder<Column>, numeric: Bool = false, link: (String?) -> String) -> Node {
        let sorted = order.column == column
        let state = sorted ? (order.descending ? "descending" : "ascending") : "none"
        let arrow = sorted ? (order.descending ? " ▼" : " ▲") : ""
        let href = link(order.toggled(column).parameter)
        return .th(.if(numeric, .class("num")), .attribute(named: "aria-sort", value: state), .a(.class("sort"), .href(href), .text(label + arrow)))
    }
}

extension Node where Context: HTMLOptionListContext {
    /// An `<option>` with visible text (Plot's own `.option` only takes attributes).
    static func choice(_ value: String, _ label: String, selected: Bool) -> Node {
        .element(named: "option", nodes: [
            .attribute(named: "value", value: value, ignoreIfValueIsEmpty: false),
            .if(selected, .attribute(named: "selected")),
            .text(label),
        ])
    }
}

extension Node where Context == HTML.FormContext {
    static func legend(_ text: String) -> Node { .element(named: "legend", text: text) }

    /// A labelled form control with its hint and, when the last submission was refused, the reason next to it.
    static func field(name: String, label: String, hint: String? = nil, problem: FieldProblem?, _ control: Node) -> Node {
        .div(.class(problem == nil ? "field" : "field invalid"),
            .label(.for(name), .text(label)),
            .unwrap(hint) { .p(.class("hint"), .text($0)) },
            .unwrap(problem) { .p(.class("error"), .text($0.message)) },
            control)
    }

    /// A one-line text field showing its value as last posted and, when refused, why.
    static func textField(_ name: String, _ label: String, hint: String? = nil, values: [String: String], problems: [String: FieldProblem]) -> Node {
        .field(name: name, label: label, hint: hint, problem: problems[name], .input(.type(.text), .id(name), .name(name), .value(values[name] ?? "")))
    }

    /// The search box of a list of organisations and its "look everywhere" choice (`OrganizationFilter.everywhere`).
    static func organizationSearch(query: String?, everywhere: Bool, label: String) -> Node {
        .group(
            .label(.for("q"), .class("visually-hidden"), .text(label)),
            .input(.type(.search), .id("q"), .name("q"), .value(query ?? ""),
                   .placeholder("Tên, tên viết tắt hoặc mã số — gõ có dấu hay không dấu đều được")),
            .label(.class("check"), .input(.type(.checkbox), .name("everywhere"), .value("yes"), .attribute(named: "checked", value: everywhere ? "checked" : nil)),
                   .text(" Tìm cả ngành nghề, địa chỉ"))
        )
    }

    /// The hidden anti-forgery field every form posts; `AccessMiddleware` checks it against the cookie.
    static func csrfField() -> Node {
        .input(.type(.hidden), .name(AccessMiddleware.csrfField), .value(RequestContext.current?.csrfToken ?? ""))
    }
}
