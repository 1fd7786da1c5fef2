import HopTacCore
import Plot
import Vapor

/// The roll-up of a year for one area: key figures, bands, and a row per unit one level below that drills down.
struct ClassificationPage {
    let year: Int
    let area: Area
    let legacy: Bool
    let finer: Grouping
    let whole: Figures
    let rows: [ClassificationController.UnitRow]
    let rubric: Rubric
    let canClassify: Bool
    let message: String?

    private func link(_ area: Area, legacy: Bool? = nil) -> String {
        let units = (legacy ?? self.legacy) ? "units=legacy" : "units=2025"
        return "/classification/\(year)?" + [area.query, units].filter { !$0.isEmpty }.joined(separator: "&")
    }

    private func rowLink(_ row: ClassificationController.UnitRow) -> String? {
        switch finer {
        case .province: "/classification/\(year)?province=\(row.code)&units=2025"
        case .commune: "/classification/\(year)?commune=\(row.code)&units=2025"
        default: nil
        }
    }

    private static func share(_ part: Double, _ whole: Double) -> String { Show.percent(whole > 0 ? part / whole * 100 : nil) }

    private func bandSection(counts: ClassificationController.Counts, query: String) -> Node<HTML.BodyContext> {
        .group(
                .h2(.text("Kết quả xếp loại (\(rubric.title))")),
                .facts([
                    ("Báo cáo đã nộp", .text(Show.number(Int(saturating: whole[.reportsSubmitted])))),
                    ("Được xếp loại", .text(Show.number(counts.rated))),
                    ("Tốt", .text("\(Show.number(counts.good)) (\(Self.share(Double(counts.good), Double(counts.rated))))")),
                    ("Khá", .text("\(Show.number(counts.fair)) (\(Self.share(Double(counts.fair), Double(counts.rated))))")),
                    ("Trung bình", .text("\(Show.number(counts.average)) (\(Self.share(Double(counts.average), Double(counts.rated))))")),
                    ("Yếu", .text("\(Show.number(counts.weak)) (\(Self.share(Double(counts.weak), Double(counts.rated))))")),
                    ("Chưa xếp loại", .text(Show.number(counts.notRated))),
                    ("Tỷ lệ tốt, khá trong số được xếp loại", .strong(.text(Show.percent(counts.goodFairPercent)))),
                ]),
                .p(.a(.href("/classification/\(year)/organizations\(query)"), .text("Danh sách từng tổ chức với điểm từng tiêu chí →")))
        )
    }

    private func activitySection() -> Node<HTML.BodyContext> {
        let f = { (key: FigureKey) in Show.figure(whole, key) }
        return .group(
                .h2(.text("Tổ chức và hoạt động")),
                .facts([
                    ("HTX / LHHTX / THT / QTDND có trong sổ đăng ký", .text([OrganizationType.htx, .lhhtx, .tht, .qtdnd].map { f(.registered($0)) }.joined(separator: " / "))),
                    ("Thành lập mới trong năm / giải thể, sáp nhập", .text(f(.organizationsFounded) + " / " + f(.organizationsEnded))),
                    ("Tạm ngừng hoạt động / chờ giải thể", .text(f(.status(.suspended)) + " / " + f(.status(.awaitingDissolution)))),
                    ("Quy mô siêu nhỏ / nhỏ / vừa / lớn", .text(SizeClass.allCases.map { f(.size($0)) }.joined(separator: " / "))),
                    ("Tham gia chuỗi giá trị", .text(f(.valueChain) + " (" + Show.percent(whole.percent(.valueChain, of: .reportsSubmitted)) + " số báo cáo)")),
                    ("Ứng dụng công nghệ cao / chuyển đổi số", .text(f(.highTech) + " / " + f(.digital))),
                    ("Thành viên (chính thức + liên kết)", .text(f(.members) + " (" + f(.officialMembers) + " + " + f(.associateMembers) + ")")),
                    ("Lao động thường xuyên", .text(f(.workers))),
                    ("Doanh thu", .text(f(.revenue) + " triệu đồng")),
                    ("Lợi nhuận trước thuế", .text(f(.pretaxProfit) + " triệu đồng")),
                    ("Thu nhập bình quân của lao động", .text(f(.averageIncome) + " triệu đồng/năm")),
                    ("Nợ phải trả (nhà nước / ngân hàng / thành viên / khác)", .text([FigureKey.debtState, .debtBanks, .debtMembers, .debtOther].map(f).joined(separator: " / ") + " triệu đồng")),
                ])
        )
    }

    private func classifyForm() -> Node<HTML.BodyContext> {
        .group(
                .if(canClassify, .form(.method(.post), .action("/classification/\(year)/classify"), .class("record"),
                    .csrfField(),
                    area.hiddenFields,
                    .p(.text("Tính lại điểm và xếp loại mọi báo cáo đã nộp năm \(year) của \(area.name) theo bộ tiêu chí hiện hành; các điều chỉnh đã có lý do được giữ nguyên.")),
                    .button(.type(.submit), .text("Xếp loại lại năm \(year)"))))
        )
    }

    private func breakdown() -> Node<HTML.BodyContext> {
        .group(
                .if(!rows.isEmpty, .group(
                    .h2(.text("Theo \(finer.label.lowercased())")),
                    .p(.a(.href(link(area, legacy: !legacy)), .text(legacy ? "Chia theo đơn vị hành chính từ 01/07/2025" : "Chia theo đơn vị hành chính trước 01/07/2025"))),
                    .div(.class("scroll"), .table(.class("list"),
                        .thead(.tr(.th(.text(finer.label)), .th(.class("num"), .text("HTX")), .th(.class("num"), .text("THT")),
                                   .th(.class("num"), .text("Báo cáo")), .th(.class("num"), .text("Tốt")), .th(.class("num"), .text("Khá")),
                                   .th(.class("num"), .text("Trung bình")), .th(.class("num"), .text("Yếu")), .th(.class("num"), .text("Chưa xếp loại")),
                                   .th(.class("num"), .text("Tốt, khá")), .th(.class("num"), .text("Chuỗi giá trị")),
                                   .th(.class("num"), .text("Thành viên")), .th(.class("num"), .text("Doanh thu (tr.đ)")),
                                   .th(.class("num"), .text("Thu nhập BQ (tr.đ/năm)")))),
                        .tbody(.forEach(rows) { row in
                            .tr(.td(.unwrap(rowLink(row), { .a(.href($0), .text(row.name)) }, else: .text(row.name))),
                                .td(.class("num"), .text(Show.number(Int(saturating: row.figures[.registered(.htx)])))),
                                .td(.class("num"), .text(Show.number(Int(saturating: row.figures[.registered(.tht)])))),
                                .td(.class("num"), .text(Show.number(Int(saturating: row.figures[.reportsSubmitted])))),
                                .td(.class("num"), .text(Show.number(row.counts.good))), .td(.class("num"), .text(Show.number(row.counts.fair))),
                                .td(.class("num"), .text(Show.number(row.counts.average))), .td(.class("num"), .text(Show.number(row.counts.weak))),
                                .td(.class("num"), .text(Show.number(row.counts.notRated))),
                                .td(.class("num"), .text(Show.percent(row.counts.goodFairPercent))),
                                .td(.class("num"), .text(Self.share(row.figures[.valueChain], row.figures[.reportsSubmitted]))),
                                .td(.class("num"), .text(Show.number(Int(saturating: row.figures[.members])))),
                                .td(.class("num"), .text(Show.number(row.figures[.revenue], fractionDigits: 0))),
                                .td(.class("num"), .text(Show.number(row.figures[.averageIncome]))))
                        })))
                ))
        )
    }

    func page() -> Page {
        let counts = ClassificationController.Counts(whole)
        let query = area.query.isEmpty ? "" : "?\(area.query)"
        let unitsQuery = legacy ? "units=legacy" : "units=2025"
        let downloadQuery = "?" + [area.query, unitsQuery].filter { !$0.isEmpty }.joined(separator: "&")
        return Page(
            title: "Tổng hợp và xếp loại năm \(year) — \(area.name)",
            description: "Số tổ chức kinh tế tập thể, kết quả xếp loại và các chỉ tiêu hoạt động năm \(year) của \(area.name).",
            breadcrumbs: [("Trang chủ", "/")] + area.trail { link($0) },
            content: .div(
                .h1(.text("Tổng hợp và xếp loại năm \(year) — \(area.name)")),
                .unwrap(message) { .p(.class("notice"), .text($0)) },
                .form(.method(.get), .action("/classification/\(year)"), .class("filters"),
                    area.hiddenFields,
                    .label(.for("units"), .text("Chia theo")),
                    .select(.id("units"), .attribute(named: "name", value: "units"),
                            .choice("2025", "Đơn vị hành chính từ 01/07/2025", selected: !legacy),
                            .choice("legacy", "Đơn vị hành chính trước 01/07/2025", selected: legacy)),
                    .button(.type(.submit), .text("Xem"))),
                .p(.text("Năm khác: "), .forEach(Array((year - 4)...min(year + 1, Day.today().year)).filter { $0 != year }) { other in
                    .group(.a(.href("/classification/\(other)\(query)"), .text(String(other))), .text(" "))
                }),
                bandSection(counts: counts, query: query),
                activitySection(),
                classifyForm(),
                breakdown(),
                .downloads(path: "/classification/\(year)", query: downloadQuery)
            )
        )
    }
}

/// The columns the per-organisation list sorts by; the first is its default order.
enum ClassifiedColumn: String, CaseIterable, Sendable { case commune, name, code, score, band, size }

/// Each organisation's classification of a year in an area, filterable by band, sortable, 50 a page.
struct ClassifiedListPage {
    static let perPage = 50

    let year: Int
    let area: Area
    let band: String?
    let order: ListOrder<ClassifiedColumn>
    let pageNumber: Int
    let items: [ClassificationController.Item]
    let bandLabel: (String) -> String

    /// The list's own address with some parameters changed (nil removes one).
    func link(_ changes: [String: String?]) -> String {
        let current: [(String, String?)] = (area.parameter.map { [($0.name, $0.value)] } ?? [])
            + [("band", band), ("sort", order.parameter), ("page", pageNumber == 1 ? nil : String(pageNumber))]
        return "/classification/\(year)/organizations" + OrganizationFilter.queryString(current, changes: changes)
    }

    func page() -> Page {
        let shown = Array(items.dropFirst((pageNumber - 1) * Self.perPage).prefix(Self.perPage))
        func header(_ label: String, _ column: ClassifiedColumn) -> Node<HTML.TableRowContext> {
            .sortableHeader(label, column: column, order: order, numeric: column == .score) { link(["sort": $0, "page": nil]) }
        }
        return Page(
            title: "Xếp loại từng tổ chức năm \(year) — \(area.name)",
            breadcrumbs: [("Trang chủ", "/"), ("Tổng hợp năm \(year)", "/classification/\(year)\(area.query.isEmpty ? "" : "?\(area.query)")"), ("Từng tổ chức", nil)],
            content: .div(
                .h1(.text("Xếp loại từng tổ chức năm \(year) — \(area.name)")),
                .form(.method(.get), .action("/classification/\(year)/organizations"), .class("filters"),
                    area.hiddenFields,
                    .label(.for("band"), .text("Xếp loại")),
                    .select(.id("band"), .attribute(named: "name", value: "band"),
                            .choice("", "Tất cả", selected: band == nil),
                            .forEach(ClassificationController.bandCodes + ["not_rated"]) { .choice($0, bandLabel($0), selected: band == $0) }),
                    .unwrap(order.parameter) { .input(.type(.hidden), .name("sort"), .value($0)) },
                    .button(.type(.submit), .text("Lọc"))),
                .p(.text("\(VietnameseNumber.format(items.count)) tổ chức. Điểm từng tiêu chí có trong tệp tải về.")),
                .div(.class("scroll"), .table(.class("list"),
                    .thead(.tr(header("Tổ chức", .name), header("Mã số", .code), header("Xã/phường", .commune), header("Điểm", .score),
                               header("Xếp loại", .band), header("Quy mô", .size), .th("Ghi chú"))),
                    .tbody(.forEach(shown) { item in
                        .tr(.td(.a(.href("/organizations/\(item.organizationId)/reports/\(year)"), .text(item.name))),
                            .td(.text(Show.text(item.registrationCode))), .td(.text(item.communeName)),
                            .td(.class("num"), .text(Show.number(item.score))),
                            .td(.text(bandLabel(item.band) + (item.overridden ? " (điều chỉnh)" : ""))),
                            .td(.text(item.sizeClass.flatMap(SizeClass.init(rawValue:))?.label ?? "—")),
                            .td(.text(item.overrideReason ?? item.notRatedReason ?? "")))
                    }))),
                .pager(page: pageNumber, perPage: Self.perPage, total: items.count) { link(["page": String($0)]) },
                .downloads(path: "/classification/\(year)/organizations", query: String(link(["page": nil]).drop { $0 != "?" }))
            )
        )
    }
}
