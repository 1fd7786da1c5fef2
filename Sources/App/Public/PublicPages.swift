import HopTacCore
import Plot
import Vapor

/// `/public`: search, facets and one card per organisation; made for a phone first (no script, one column there).
struct PublicDirectoryPage {
    let filter: PublicFilter
    let area: Area
    let total: Int
    let items: [PublicOrganization]
    let facets: [PublicQueries.Facet]
    let bandLabels: [String: String]
    let licence: String

    func page() -> Page {
        let place = area.level == .nation ? "" : " — \(area.name)"
        let pageNote = filter.page > 1 ? " (trang \(VietnameseNumber.format(filter.page)))" : ""
        return Page(
            title: "Danh bạ công khai tổ chức kinh tế tập thể\(place)\(pageNote)",
            description: "Tra cứu \(VietnameseNumber.format(total)) hợp tác xã, liên hiệp HTX, tổ hợp tác, quỹ tín dụng nhân dân\(area.level == .nation ? "" : " ở \(area.name)"): "
                + "ngành nghề, sản phẩm OCOP, kết quả xếp loại. Dữ liệu mở CC BY 4.0, không cần đăng nhập.",
            breadcrumbs: breadcrumbs,
            content: .div(.class("directory"),
                .h1(.text("Danh bạ công khai\(place)")),
                .p(.class("lead"), .text("Tìm hợp tác xã, tổ hợp tác và sản phẩm của họ. Chỉ gồm tổ chức chưa giải thể; không cần đăng nhập.")),
                searchForm,
                .div(.class("with-sidebar"),
                    .aside(.class("facets"), .id("bo-loc"), .attribute(named: "aria-label", value: "Bộ lọc"), .forEach(facets) { facetBox($0) }),
                    .section(.class("results"),
                        .p(.class("summary"), .text("\(VietnameseNumber.format(total)) tổ chức"),
                           .if(!filter.isEmpty, .group(.text(" · "), .a(.href("/public"), .text("Bỏ mọi bộ lọc")))),
                           .a(.class("to-filters"), .href("#bo-loc"), .text("Lọc kết quả ↓"))),
                        .downloads(path: "/public", query: filter.queryString(["page": nil])),
                        .if(items.isEmpty, .p(.class("empty"), .text("Không có tổ chức nào khớp với tìm kiếm và bộ lọc.")),
                            else: .ul(.class("cards"), .forEach(items) { card($0) })),
                        .pager(page: filter.page, perPage: PublicFilter.perPage, total: total) { "/public" + filter.queryString(["page": String($0)]) },
                        PublicProfilePage.licenceNote(licence)
                    )
                )
            )
        )
    }

    private var breadcrumbs: [(label: String, href: String?)] {
        area.level == .nation ? [("Trang chủ", "/"), ("Danh bạ công khai", nil)]
            : [("Trang chủ", "/"), ("Danh bạ công khai", "/public"), (area.name, nil)]
    }

    private var searchForm: Node<HTML.BodyContext> {
        let kept: [(String, String?)] = [("province", filter.registry.province), ("commune", filter.registry.commune), ("type", filter.registry.type?.rawValue),
                                         ("sector", filter.registry.sector?.rawValue), ("band", filter.band), ("ocop", filter.ocop ? "yes" : nil)]
        return .form(.class("search"), .method(.get), .action("/public"), .attribute(named: "role", value: "search"),
            .organizationSearch(query: filter.registry.query, everywhere: filter.registry.everywhere, label: "Tìm trong danh bạ"),
            .forEach(kept.compactMap { name, value in value.map { (name, $0) } }) { .input(.type(.hidden), .name($0.0), .value($0.1)) },
            .button(.type(.submit), .text("Tìm"))
        )
    }

    private func facetBox(_ facet: PublicQueries.Facet) -> Node<HTML.BodyContext> {
        let selected = filter.selected(facet.facet)
        return .section(.class("facet"),
            .h2(.text(facet.title)),
            .if(facet.values.isEmpty, .p(.class("muted"), .text("Không có"))),
            .ul(.forEach(facet.values) { value in
                let isSelected = value.value == selected
                var changes: [String: String?] = [facet.facet.rawValue: isSelected ? nil : value.value, "page": nil]
                // Another province's communes would match nothing.
                if facet.facet == .province { changes["commune"] = nil as String? }
                return .li(.class(isSelected ? "selected" : ""),
                    .a(.href("/public" + filter.queryString(changes)),
                       .if(isSelected, .attribute(named: "aria-current", value: "true")),
                       .span(.text(value.label)), .span(.class("count"), .text(VietnameseNumber.format(value.count)))))
            })
        )
    }

    private func card(_ item: PublicOrganization) -> Node<HTML.ListContext> {
        .li(.class("card"),
            .h2(.a(.href(item.url), .text(item.name))),
            .p(.class("meta"),
               .abbr(.title(item.type.label), .text(item.type.abbreviation)), .text(" · \(item.sector.label)"),
               .unwrap(item.registrationCode) { .group(.text(" · "), .span(.class("nowrap"), .text("Mã số "), .span(.class("code"), .text($0)))) }),
            .p(.class("place"), .text("\(item.communeName), \(item.provinceName)")),
            .unwrap(item.mainActivities.flatMap { $0.isEmpty ? nil : $0 }) { .p(.class("activities"), .text($0)) },
            .p(.class("badges"),
               .if(item.status != .active, .statusBadge(item.status)),
               .unwrap(item.band) { PublicProfilePage.bandBadge($0, year: item.bandYear, labels: bandLabels) },
               PublicProfilePage.ocopBadge(item))
        )
    }
}

/// `/public/organizations/{id}`: what anyone may know about one organisation, with a small map of where it is.
struct PublicProfilePage {
    let profile: PublicProfile
    let communes: [PublicQueries.Commune]
    let bandLabels: [String: String]

    private var o: PublicOrganization { profile.organization }

    func page() -> Page {
        let summary = [o.type.label, "\(o.communeName), \(o.provinceName)", o.mainActivities].compactMap { $0 }.joined(separator: " · ")
        return Page(
            title: o.name,
            description: String(summary.prefix(200)),
            breadcrumbs: [("Trang chủ", "/"), ("Danh bạ công khai", "/public"), (o.provinceName, "/public?province=\(o.provinceCode)"), (o.name, nil)],
            content: .div(.class("directory profile"),
                .h1(.text(o.name), .text(" "), .statusBadge(o.status)),
                .if(o.hasEnded, .p(.class("ended"), .strong(.text(o.status == .merged ? "Tổ chức đã hợp nhất/sáp nhập. " : "Tổ chức đã giải thể. ")),
                    .unwrap(o.mergedIntoId) { id in .group(.text("Nay thuộc "), .a(.href("/public/organizations/\(id)"), .text(o.mergedIntoName ?? "tổ chức số \(id)")), .text(". ")) },
                    .text("Thông tin dưới đây chỉ để tra cứu; tổ chức không còn trong danh bạ."))),
                .div(.class("columns"),
                    .section(
                        .facts([
                            ("Tên viết tắt", .text(Show.text(o.shortName))),
                            ("Loại hình", .text(o.type.label)),
                            ("Lĩnh vực", .text(o.sector.label)),
                            ("Ngành nghề, sản phẩm chính", .text(Show.text(o.mainActivities))),
                            ("Mã số", .span(.class("code"), .text(Show.text(o.registrationCode)))),
                            ("Ngày đăng ký", .text(Show.day(o.registrationDate))),
                            ("Năm thành lập", .text(o.foundedYear.map(String.init) ?? "—")),
                            ("Thành viên chính thức", .text(Show.number(o.officialMembers))),
                            ("Xã/phường", .a(.href("/public?province=\(o.provinceCode)&commune=\(o.communeCode)"), .text(o.communeName))),
                            ("Tỉnh/thành phố", .a(.href("/public?province=\(o.provinceCode)"), .text(o.provinceName))),
                            ("Trạng thái", .statusBadge(o.status)),
                            ("Trang web", website),
                        ]),
                        .h2("Sản phẩm OCOP"),
                        .p(.text(ocopSentence)),
                        .h2("Kết quả xếp loại hằng năm"),
                        .if(profile.bands.isEmpty, .p(.class("muted"), .text("Chưa có năm nào được xếp loại.")),
                            else: .table(.class("list"),
                                .thead(.tr(.th("Năm"), .th("Xếp loại"))),
                                .tbody(.forEach(profile.bands) { row in
                                    .tr(.td(.text(String(row.year))),
                                        .td(.unwrap(row.band, { Self.bandBadge($0, year: nil, labels: bandLabels) }, else: .span(.class("muted"), .text("Không có kết quả")))))
                                })))
                    ),
                    .section(.class("location"), .h2("Vị trí"), map)
                ),
                .p(.class("downloads"), .text("Dữ liệu máy đọc: "), .a(.href("\(o.url).json"), .text("JSON"))),
                Self.licenceNote(profile.licence)
            )
        )
    }

    /// Only a web address with an http(s) scheme becomes a link; anything else is shown as typed.
    private var website: Node<HTML.BodyContext> {
        guard let site = o.website, !site.isEmpty else { return .text("—") }
        let lower = site.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://") else { return .text(site) }
        return .a(.href(site), .attribute(named: "rel", value: "nofollow noopener"), .text(site))
    }

    private var ocopSentence: String {
        guard let year = o.ocopYear else { return "Chưa có báo cáo năm được tiếp nhận." }
        guard let products = o.ocopProducts, products > 0 else { return "Không có sản phẩm OCOP (theo báo cáo năm \(year))." }
        let stars = (o.ocopBestStars ?? 0) > 0 ? ", hạng cao nhất \(o.ocopBestStars ?? 0) sao" : ""
        return "\(VietnameseNumber.format(products)) sản phẩm OCOP\(stars) (theo báo cáo năm \(year))."
    }

    /// The commune as a coloured point among the province's other communes with organisations in grey, which link to
    /// their part of the directory. Inline SVG: no map tiles, nothing loaded from elsewhere.
    private var map: Node<HTML.BodyContext> {
        guard let latitude = o.latitude, let longitude = o.longitude else {
            return .p(.class("muted"), .text("Chưa có toạ độ của \(o.communeName)."))
        }
        let here = "Nơi đặt trụ sở"
        let others = communes.filter { $0.code != o.communeCode }
        let points = [PointMap.Point(name: o.communeName, latitude: latitude, longitude: longitude, category: here)]
            + others.map { PointMap.Point(name: $0.name, latitude: $0.latitude, longitude: $0.longitude, href: "/public?province=\(o.provinceCode)&commune=\($0.code)") }
        // The commune's name just above its point marks it among same-sized grey points: about 4% of the map's extent
        // north of it, the map being fitted to the points' extent.
        let latitudes = points.map(\.latitude), longitudes = points.map(\.longitude)
        let extent = max((latitudes.max() ?? 0) - (latitudes.min() ?? 0), (longitudes.max() ?? 0) - (longitudes.min() ?? 0))
        let label = PointMap.Label(text: o.communeName, latitude: latitude + max(0.01, extent * 0.04), longitude: longitude)
        let description = "\(o.communeName), nơi tổ chức đặt trụ sở, tô màu; \(VietnameseNumber.format(others.count)) xã, phường khác của \(o.provinceName) có tổ chức kinh tế tập thể, màu xám."
        let svg = PointMap(id: "vi-tri-\(o.id)", title: "Vị trí: \(o.communeName), \(o.provinceName)", description: description, points: points,
                           labels: [label], coloring: .categories([here]), colorTitle: "Xã, phường", minRadius: 4, mapWidth: 360).svg()
        return .div(.class("map"), .raw(svg),
                    .p(.class("caption"), .text("Điểm màu: trung tâm \(o.communeName). Điểm xám: các xã, phường khác của \(o.provinceName) có tổ chức trong danh bạ (bấm để xem).")))
    }

    static func bandBadge(_ band: String, year: Int?, labels: [String: String]) -> Node<HTML.BodyContext> {
        let label = labels[band] ?? band
        return .span(.class("badge band-\(band)"), .text(year.map { "Xếp loại \($0): \(label)" } ?? label))
    }

    static func ocopBadge(_ o: PublicOrganization) -> Node<HTML.BodyContext> {
        guard let products = o.ocopProducts, products > 0 else { return .empty }
        let stars = (o.ocopBestStars ?? 0) > 0 ? ", \(o.ocopBestStars ?? 0) sao" : ""
        return .span(.class("badge ocop"), .text("OCOP: \(VietnameseNumber.format(products)) sản phẩm\(stars)"))
    }

    static func licenceNote(_ licence: String) -> Node<HTML.BodyContext> {
        // The sentence links its licence name; the rest reads exactly as the JSON's `licence`.
        let parts = licence.components(separatedBy: "CC BY 4.0")
        return .p(.class("licence"), .text(parts.first ?? ""),
                  .a(.href(PublicDirectoryController.licenceURL), .attribute(named: "rel", value: "license"), .text("CC BY 4.0")),
                  .text(parts.dropFirst().joined(separator: "CC BY 4.0")))
    }
}
