import HopTacCore
import Plot
import Vapor

/// `/organizations`: search box, facets with counts, sortable paged table and download links.
struct OrganizationListPage {
    let filter: OrganizationFilter
    let total: Int
    let items: [OrganizationRecord]
    let facets: [OrganizationQueries.Facet]
    let canCreate: Bool

    func page() -> Page {
        Page(
            title: "Tổ chức kinh tế tập thể",
            breadcrumbs: [("Trang chủ", "/"), ("Tổ chức kinh tế tập thể", nil)],
            content: .div(
                .div(.class("title-row"),
                    .h1("Tổ chức kinh tế tập thể"),
                    .if(canCreate, .div(.class("actions"),
                        .a(.class("button secondary"), .href("/import/organizations"), .text("Nhập từ tệp Excel/CSV")),
                        .a(.class("button"), .href("/organizations/new"), .text("+ Thêm tổ chức"))))
                ),
                searchForm,
                .div(.class("with-sidebar"),
                    .aside(.class("facets"), .forEach(facets) { facetBox($0) }),
                    .section(.class("results"),
                        .p(.class("summary"), .text("\(VietnameseNumber.format(total)) tổ chức"),
                           .if(!filter.isEmpty, .group(.text(" · "), .a(.href("/organizations"), .text("Bỏ mọi bộ lọc"))))),
                        .downloads(path: "/organizations", query: filter.queryString(["page": nil, "per_page": nil])),
                        .if(items.isEmpty, .p(.class("empty"), .text("Không có tổ chức nào khớp với bộ lọc.")), else: table),
                        .pager(page: filter.page, perPage: filter.perPage, total: total) { "/organizations" + filter.queryString(["page": String($0)]) }
                    )
                )
            )
        )
    }

    private var searchForm: Node<HTML.BodyContext> {
        .form(.class("search"), .method(.get), .action("/organizations"),
            .organizationSearch(query: filter.query, everywhere: filter.everywhere, label: "Tìm kiếm"),
            .forEach(hiddenFilters) { .input(.type(.hidden), .name($0.0), .value($0.1)) },
            .label(.for("sort"), .text("Sắp xếp")),
            // Relevance ranks a search; without one there is nothing to rank.
            .select(.id("sort"), .attribute(named: "name", value: "sort"), .forEach(OrganizationFilter.Sort.allCases.filter { $0 != .relevance || filter.search != nil }) { sort in
                .choice(sort.rawValue, sort.label, selected: sort == filter.sort)
            }),
            .button(.type(.submit), .text("Tìm"))
        )
    }

    private var hiddenFilters: [(String, String)] {
        [("province", filter.province), ("commune", filter.commune), ("type", filter.type?.rawValue),
         ("sector", filter.sector?.rawValue), ("status", filter.registeredOnly ? "registered" : filter.status?.rawValue), ("legacy_commune", filter.legacyCommune),
         ("union", filter.unionId.map(String.init))].compactMap { name, value in value.map { (name, $0) } }
    }

    private func facetBox(_ facet: OrganizationQueries.Facet) -> Node<HTML.BodyContext> {
        let selected = selectedValue(facet.parameter)
        return .section(.class("facet"),
            .h2(.text(facet.title)),
            .ul(.forEach(facet.values.prefix(40)) { value in
                let isSelected = value.value == selected
                var changes: [String: String?] = [facet.parameter: isSelected ? nil : value.value, "page": nil]
                if facet.parameter == "province" { changes["commune"] = nil as String? }
                return .li(.class(isSelected ? "selected" : ""),
                    .a(.href("/organizations" + filter.queryString(changes)),
                       .text(value.label), .span(.class("count"), .text(VietnameseNumber.format(value.count)))))
            })
        )
    }

    private func selectedValue(_ parameter: String) -> String? {
        switch parameter {
        case "type": filter.type?.rawValue
        case "status": filter.status?.rawValue
        case "sector": filter.sector?.rawValue
        case "province": filter.province
        case "commune": filter.commune
        default: nil
        }
    }

    private var table: Node<HTML.BodyContext> {
        .table(.class("list"),
            .thead(.tr(.th("Tên tổ chức"), .th("Loại hình"), .th("Mã số"), .th("Xã/phường, tỉnh"),
                       .th(.class("num"), .text("Thành viên")), .th(.class("num"), .text("Vốn điều lệ (tr.đ)")), .th("Trạng thái"))),
            .tbody(.forEach(items) { item in
                .tr(
                    .td(.a(.href("/organizations/\(item.id)"), .text(item.name)),
                        .unwrap(item.shortName) { .span(.class("muted"), .text(" · \($0)")) }),
                    .td(.abbr(.title(item.type.label), .text(item.type.abbreviation))),
                    .td(.class("code"), .text(Show.text(item.registrationCode))),
                    .td(.text(item.communeName), .span(.class("muted"), .text(", \(item.provinceName)"))),
                    .td(.class("num"), .text(Show.number(item.officialMembers))),
                    .td(.class("num"), .text(Show.amount(item.charterCapital, fractionDigits: 1))),
                    .td(.statusBadge(item.status))
                )
            })
        )
    }
}
