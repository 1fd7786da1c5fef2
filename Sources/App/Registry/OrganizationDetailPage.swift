import HopTacCore
import Plot
import Vapor

/// `/organizations/{id}`: the record, its lifecycle, members of a union and the full change history.
struct OrganizationDetailPage {
    let record: OrganizationRecord
    let statusEvents: [StatusEventRecord]
    /// Nil when the viewer may see only the public record.
    let changes: [ChangeRecord]?
    let members: [OrganizationRecord]
    let absorbed: [OrganizationRecord]
    let canEdit: Bool
    let canChangeStatus: Bool
    let canReadReports: Bool
    /// The support the organisation received under policies; nil when the viewer sees only the public record.
    let support: [SupportRecord]?
    /// A credit fund's yearly figures from the State Bank, oldest first; nil when the viewer sees only the public record.
    let creditFundYears: [CreditFundYear]?

    func page() -> Page {
        let r = record
        return Page(
            title: r.name,
            description: "\(r.type.label) tại \(r.communeName), \(r.provinceName)",
            breadcrumbs: [("Trang chủ", "/"), ("Tổ chức kinh tế tập thể", "/organizations"),
                          (r.provinceName, "/organizations?province=\(r.provinceCode)"), (r.name, nil)],
            content: .div(
                .div(.class("title-row"),
                    .h1(.text(r.name), .text(" "), .statusBadge(r.status)),
                    .div(.class("actions"),
                        .if(canEdit, .a(.class("button"), .href("/organizations/\(r.id)/edit"), .text("Sửa hồ sơ"))),
                        .if(canChangeStatus && !r.status.isTerminal, .a(.class("button secondary"), .href("/organizations/\(r.id)/status"), .text("Thay đổi trạng thái"))),
                        .if(canReadReports && r.type.filesAnnualReport, .a(.class("button secondary"), .href("/organizations/\(r.id)/reports"), .text("Báo cáo hằng năm"))),
                        .a(.href("/organizations/\(r.id).json"), .text("JSON"))
                    )
                ),
                .div(.class("columns"),
                    .section(
                        .h2("Thông tin đăng ký"),
                        .facts([
                            ("Loại hình", .text(r.type.label)),
                            ("Tên viết tắt", .text(Show.text(r.shortName))),
                            ("Lĩnh vực", .text(r.sector.label)),
                            ("Ngành nghề chính", .text(Show.text(r.mainActivities))),
                            ("Mã số", .span(.class("code"), .text(Show.text(r.registrationCode)))),
                            ("Ngày đăng ký", .text(Show.day(r.registrationDate))),
                            ("Cơ quan cấp", .text(Show.text(r.issuingAuthority))),
                            ("Liên hiệp HTX", .unwrap(r.unionId, { .a(.href("/organizations/\($0)"), .text(r.unionName ?? "số \($0)")) }, else: .text("—"))),
                        ])
                    ),
                    .section(
                        .h2("Trụ sở"),
                        .facts([
                            ("Địa chỉ", .text(Show.text(r.address))),
                            ("Xã/phường", .a(.href("/units/communes/\(r.communeCode)"), .text("\(r.communeName) (\(r.communeCode))"))),
                            ("Tỉnh/thành phố", .a(.href("/units/provinces/\(r.provinceCode)"), .text(r.provinceName))),
                            ("Xã cũ (trước 01/07/2025)", .unwrap(r.legacyCommuneCode, { code in
                                .a(.href("/units/legacy-communes/\(code)"), .text("\(r.legacyCommuneName ?? code) (\(code))"))
                            }, else: .text("—"))),
                        ]),
                        .h2("Quy mô"),
                        .facts([
                            ("Vốn điều lệ", .text(r.charterCapital.map { "\($0.millionsText()) triệu đồng" } ?? "—")),
                            ("Thành viên chính thức", .text(Show.number(r.officialMembers))),
                            ("Thành viên liên kết", .text(Show.number(r.associateMembers))),
                            ("Lao động thường xuyên", .text(Show.number(r.workers))),
                        ]),
                        .if(changes != nil, .h2("Người đại diện và liên hệ")),
                        .if(changes != nil, .facts([
                            ("Người đại diện", .text([r.representativeName, r.representativeTitle].compactMap { $0 }.joined(separator: " — ").ifEmpty("—"))),
                            ("Điện thoại", .text(Show.text(r.phone))),
                            ("Thư điện tử", .text(Show.text(r.email))),
                            ("Trang web", .text(Show.text(r.website))),
                        ]))
                    )
                ),
                .if(r.type == .lhhtx, membersSection),
                .if(!absorbed.isEmpty, .section(.h2("Tổ chức đã hợp nhất/sáp nhập vào đây"), organizationTable(absorbed))),
                .section(
                    .h2("Quá trình hoạt động"),
                    .table(.class("list"),
                        .thead(.tr(.th("Trạng thái"), .th("Từ ngày"), .th("Đến ngày"), .th("Lý do / quyết định"), .if(changes != nil, .th("Người ghi")), .if(changes != nil, .th("Ghi lúc")))),
                        .tbody(.forEach(statusEvents) { e in
                            .tr(.td(.statusBadge(e.status),
                                    .unwrap(e.mergedIntoId) { id in .group(.text(" vào "), .a(.href("/organizations/\(id)"), .text(e.mergedIntoName ?? "số \(id)"))) }),
                                .td(.text(e.effectiveFrom.vietnamese)), .td(.text(Show.day(e.effectiveTo))),
                                .td(.text(Show.text(e.reason))), .if(changes != nil, .td(.text(e.actor))), .if(changes != nil, .td(.text(Show.timestamp(e.recordedAt)))))
                        })
                    )
                ),
                .unwrap(support) { grants in .section(
                    .h2("Hỗ trợ theo chính sách"),
                    .if(grants.isEmpty, .p(.class("empty"), .text("Chưa ghi khoản hỗ trợ nào.")), else: .table(.class("list"),
                        .thead(.tr(.th("Ngày"), .th("Chính sách"), .th("Nội dung"), .th("Người được hỗ trợ"), .th(.class("num"), .text("Số tiền (triệu đồng)")), .th("Trạng thái"))),
                        .tbody(.forEach(grants) { g in
                            .tr(.td(.a(.href("/support/\(g.id)"), .text(g.date.vietnamese))), .td(.text("\(g.policy) — \(g.policyTitle)")), .td(.text(SupportListPage.content(g))),
                                .td(.text([g.personName, g.personPosition].compactMap { $0 }.joined(separator: ", "))),
                                .td(.class("num"), .text(g.amount.map { Show.amount($0, fractionDigits: 3) } ?? "")), .td(.text(g.status.label)))
                        }))),
                    .if([.htx, .lhhtx].contains(r.type), .p(.a(.href("/organizations/\(r.id)/model-criteria"), .text("Đánh giá theo tiêu chí HTX kiểu mẫu"))))
                ) },
                .if(r.type == .qtdnd, .unwrap(creditFundYears) { years in .section(
                    .h2("Số liệu của Ngân hàng Nhà nước"),
                    .if(years.isEmpty, .p(.class("empty"), .text("Chưa nhập số liệu năm nào của quỹ.")), else: .table(.class("list"),
                        .thead(.tr(.th("Năm"), .th(.class("num"), .text("Thành viên")), .th(.class("num"), .text("Vốn điều lệ (triệu đồng)")),
                                   .th(.class("num"), .text("Tiền gửi huy động")), .th(.class("num"), .text("Dư nợ cho vay")), .th(.class("num"), .text("Nợ xấu")),
                                   .th(.class("num"), .text("Tỷ lệ nợ xấu")))),
                        .tbody(.forEach(years.reversed()) { y in
                            .tr(.td(.text(String(y.year))), .td(.class("num"), .text(Show.number(Int(clamping: y.members)))),
                                .td(.class("num"), .text(Show.amount(y.charterCapital, fractionDigits: 1))), .td(.class("num"), .text(Show.amount(y.deposits, fractionDigits: 1))),
                                .td(.class("num"), .text(Show.amount(y.loans, fractionDigits: 1))), .td(.class("num"), .text(Show.amount(y.badDebt, fractionDigits: 1))),
                                .td(.class("num"), .text(Show.percent(y.badDebtRatio))))
                        })))
                ) }),
                .unwrap(changes) { changes in .section(
                    .h2("Lịch sử thay đổi"),
                    .p(.class("muted"), .text("Phiên bản hiện tại: \(r.version). Cập nhật lần cuối \(Show.timestamp(r.updatedAt)).")),
                    .table(.class("list history"),
                        .thead(.tr(.th("Thời điểm"), .th("Người sửa"), .th("Trường"), .th("Giá trị cũ"), .th("Giá trị mới"))),
                        .tbody(.forEach(changes) { c in
                            .tr(.td(.text(Show.timestamp(c.changedAt))), .td(.text(c.actor)), .td(.text(c.fieldLabel)),
                                .td(.class("old"), .text(Show.text(c.oldValue))), .td(.class("new"), .text(Show.text(c.newValue))))
                        })
                    )
                ) }
            )
        )
    }

    private var membersSection: Node<HTML.BodyContext> {
        .section(
            .h2(.text("Hợp tác xã thành viên (\(members.count))")),
            .if(members.isEmpty, .p(.class("empty"), .text("Chưa có hợp tác xã thành viên nào được ghi nhận.")), else: organizationTable(members)),
            .downloads(path: "/organizations", query: "?union=\(record.id)")
        )
    }

    private func organizationTable(_ items: [OrganizationRecord]) -> Node<HTML.BodyContext> {
        .table(.class("list"),
            .thead(.tr(.th("Tên"), .th("Mã số"), .th("Xã/phường"), .th(.class("num"), .text("Thành viên")), .th("Trạng thái"))),
            .tbody(.forEach(items) { m in
                .tr(.td(.a(.href("/organizations/\(m.id)"), .text(m.name))), .td(.class("code"), .text(Show.text(m.registrationCode))),
                    .td(.text("\(m.communeName), \(m.provinceName)")), .td(.class("num"), .text(Show.number(m.officialMembers))),
                    .td(.statusBadge(m.status)))
            })
        )
    }
}

extension String {
    func ifEmpty(_ replacement: String) -> String { isEmpty ? replacement : self }
}
