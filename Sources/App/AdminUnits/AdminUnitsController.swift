import HopTacCore
import Plot
import Vapor

/// Administrative units of both eras and the 2025 crosswalk, as pages, `.json` and `.csv`.
struct AdminUnitsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.getEveryRepresentation("units", access: .anyone, use: index)
        let units = routes.grouped("units")
        units.on(.GET, "provinces", ":code", access: .anyone, use: province)
        units.on(.GET, "communes", ":code", access: .anyone, use: commune)
        units.on(.GET, "legacy-provinces", ":code", access: .anyone, use: legacyProvince)
        units.on(.GET, "legacy-districts", ":code", access: .anyone, use: legacyDistrict)
        units.on(.GET, "legacy-communes", ":code", access: .anyone, use: legacyCommune)
    }

    @Sendable func index(req: Request, representation: Representation) async throws -> Response {
        let sql = try req.db.sql()
        let provinces = try await AdminUnitQueries.provinces(on: sql)
        let legacy = try await AdminUnitQueries.legacyProvinces(on: sql)
        let succession = try await AdminUnitQueries.provinceSuccession(on: sql)
        switch representation {
        case .json:
            struct Body: Encodable { let provinces: [ProvinceRecord]; let legacyProvinces: [ProvinceRecord] }
            return try Responses.json(Body(provinces: provinces, legacyProvinces: legacy))
        case .csv, .xlsx:
            return try Responses.table("tinh-thanh-2025", as: representation, header: ["Mã tỉnh", "Tên", "Hiệu lực từ", "Số xã/phường", "Số tổ chức KTTT", "Vĩ độ", "Kinh độ"],
                                 rows: provinces.map { [$0.code, $0.name, $0.validFrom, $0.communeCount, $0.organizationCount, $0.latitude, $0.longitude] })
        case .html:
            let currentNames = Dictionary(uniqueKeysWithValues: provinces.map { ($0.code, $0.name) })
            let successorOf = Dictionary(succession.map { ($0.legacy, $0.current) }, uniquingKeysWith: { a, _ in a })
            let legacyByCurrent = Dictionary(grouping: legacy, by: { successorOf[$0.code] ?? "" })
            return Page(
                title: "Đơn vị hành chính",
                breadcrumbs: [("Trang chủ", "/"), ("Đơn vị hành chính", nil)],
                content: .div(
                    .h1("Đơn vị hành chính"),
                    .p(.text("Từ 01/07/2025: \(provinces.count) tỉnh, thành phố và \(VietnameseNumber.format(provinces.reduce(0) { $0 + $1.communeCount })) xã, phường, đặc khu, không còn cấp huyện. Trước đó (đến 30/06/2025): \(legacy.count) tỉnh, thành phố, \(VietnameseNumber.format(try await AdminUnitQueries.legacyDistrictCount(on: sql))) huyện và \(VietnameseNumber.format(legacy.reduce(0) { $0 + $1.communeCount })) xã. Hồ sơ gắn với xã cũ được tính vào xã mới kế thừa.")),
                    .downloads(path: "/units", query: ""),
                    .table(.class("list"),
                        .caption(.text("Tỉnh, thành phố từ 01/07/2025")),
                        .thead(.tr(.th("Mã"), .th("Tên"), .th(.class("num"), .text("Xã/phường")), .th(.class("num"), .text("Tổ chức KTTT")), .th("Hình thành từ (trước 01/07/2025)"))),
                        .tbody(.forEach(provinces) { p in
                            .tr(.td(.text(p.code)), .td(.a(.href("/units/provinces/\(p.code)"), .text(p.name))),
                                .td(.class("num"), .text(VietnameseNumber.format(p.communeCount))),
                                .td(.class("num"), .a(.href("/organizations?province=\(p.code)"), .text(VietnameseNumber.format(p.organizationCount)))),
                                .td(.forEach((legacyByCurrent[p.code] ?? []).enumerated()) { i, l in
                                    .group(.if(i > 0, .text(", ")), .a(.href("/units/legacy-provinces/\(l.code)"), .text("\(l.name) (\(l.code))")))
                                }))
                        })
                    ),
                    .table(.class("list"),
                        .caption(.text("Tỉnh, thành phố đến 30/06/2025")),
                        .thead(.tr(.th("Mã"), .th("Tên"), .th(.class("num"), .text("Xã")), .th("Hiệu lực đến"), .th("Nay thuộc"))),
                        .tbody(.forEach(legacy) { l in
                            .tr(.td(.text(l.code)), .td(.a(.href("/units/legacy-provinces/\(l.code)"), .text(l.name))),
                                .td(.class("num"), .text(VietnameseNumber.format(l.communeCount))), .td(.text(Show.day(l.validTo))),
                                .td(.unwrap(successorOf[l.code]) { code in .a(.href("/units/provinces/\(code)"), .text(currentNames[code] ?? code)) }))
                        })
                    )
                )
            ).response()
        }
    }

    @Sendable func province(req: Request) async throws -> Response {
        let (code, representation) = Representation.split(req.parameters.get("code") ?? "")
        let sql = try req.db.sql()
        guard let province = try await AdminUnitQueries.provinces(on: sql).first(where: { $0.code == code }) else {
            throw Abort(.notFound, reason: "Không có tỉnh/thành phố mã “\(code)” (danh mục từ 01/07/2025).")
        }
        let query = req.query[String.self, at: "q"]
        let communes = try await AdminUnitQueries.communes(provinceCode: code, query: query, on: sql)
        switch representation {
        case .json:
            struct Body: Encodable { let province: ProvinceRecord; let communes: [CommuneRecord] }
            return try Responses.json(Body(province: province, communes: communes))
        case .csv, .xlsx:
            return try Responses.table("xa-phuong-\(code)", as: representation, header: ["Mã xã", "Tên", "Loại", "Mã tỉnh", "Tỉnh", "Diện tích (km²)", "Số xã cũ hợp thành", "Số tổ chức KTTT", "Vĩ độ", "Kinh độ"],
                                 rows: communes.map { [$0.code, $0.name, $0.type, $0.provinceCode, $0.provinceName, $0.areaKm2, $0.predecessorCount, $0.organizationCount, $0.latitude, $0.longitude] })
        case .html:
            return Page(
                title: province.name,
                breadcrumbs: [("Trang chủ", "/"), ("Đơn vị hành chính", "/units"), (province.name, nil)],
                content: .div(
                    .h1(.text(province.name)),
                    .p(.text("Mã \(province.code) · hiệu lực từ \(Show.day(province.validFrom)) · \(VietnameseNumber.format(province.communeCount)) xã/phường · "),
                       .a(.href("/organizations?province=\(code)"), .text("\(VietnameseNumber.format(province.organizationCount)) tổ chức KTTT"))),
                    .form(.method(.get), .action("/units/provinces/\(code)"), .class("search"),
                        .label(.for("q"), .text("Tìm xã/phường")),
                        .input(.type(.search), .id("q"), .name("q"), .value(query ?? ""), .placeholder("ví dụ: thach ha")),
                        .button(.type(.submit), .text("Tìm"))),
                    .downloads(path: "/units/provinces/\(code)", query: query.map { "?q=\($0.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? "")" } ?? ""),
                    .table(.class("list"),
                        .thead(.tr(.th("Mã"), .th("Tên"), .th("Loại"), .th(.class("num"), .text("Diện tích (km²)")), .th(.class("num"), .text("Xã cũ hợp thành")), .th(.class("num"), .text("Tổ chức KTTT")))),
                        .tbody(.forEach(communes) { c in
                            .tr(.td(.text(c.code)), .td(.a(.href("/units/communes/\(c.code)"), .text(c.name))), .td(.text(c.type)),
                                .td(.class("num"), .text(Show.number(c.areaKm2, fractionDigits: 2))), .td(.class("num"), .text(String(c.predecessorCount))),
                                .td(.class("num"), .a(.href("/organizations?commune=\(c.code)"), .text(VietnameseNumber.format(c.organizationCount)))))
                        })
                    )
                )
            ).response()
        }
    }

    @Sendable func commune(req: Request) async throws -> Response {
        let (code, representation) = Representation.split(req.parameters.get("code") ?? "")
        let sql = try req.db.sql()
        guard let commune = try await AdminUnitQueries.commune(code: code, on: sql) else {
            throw Abort(.notFound, reason: "Không có xã/phường mã “\(code)” trong danh mục từ 01/07/2025. Nếu đây là mã xã cũ, xem /units/legacy-communes/\(code).")
        }
        let predecessors = try await AdminUnitQueries.predecessors(ofCommune: code, on: sql)
        switch representation {
        case .json: return try Responses.json(CommuneDetail(commune: commune, predecessors: predecessors))
        case .csv, .xlsx:
            return try Responses.table("xa-cu-hop-thanh-\(code)", as: representation, header: ["Mã xã cũ", "Tên", "Huyện", "Tỉnh", "Hình thức", "Xã kế thừa mặc định"],
                                 rows: predecessors.map { [$0.code, $0.name, $0.districtName ?? "", $0.provinceName, $0.kind == "split" ? "Chia tách" : "Nguyên trạng", $0.isDefault ? "Có" : "Không"] })
        case .html:
            return Page(
                title: "\(commune.name), \(commune.provinceName)",
                breadcrumbs: [("Trang chủ", "/"), ("Đơn vị hành chính", "/units"), (commune.provinceName, "/units/provinces/\(commune.provinceCode)"), (commune.name, nil)],
                content: .div(
                    .h1(.text(commune.name)),
                    .facts([
                        ("Mã", .text(commune.code)), ("Loại", .text(commune.type)),
                        ("Tỉnh/thành phố", .a(.href("/units/provinces/\(commune.provinceCode)"), .text(commune.provinceName))),
                        ("Hiệu lực", .text("từ \(Show.day(commune.validFrom))")),
                        ("Diện tích", .text("\(Show.number(commune.areaKm2, fractionDigits: 2)) km²")),
                        ("Toạ độ", .text("\(Show.number(commune.latitude, fractionDigits: 4)), \(Show.number(commune.longitude, fractionDigits: 4))")),
                        ("Tổ chức KTTT", .a(.href("/organizations?commune=\(commune.code)"), .text(VietnameseNumber.format(commune.organizationCount)))),
                    ]),
                    .h2("Hình thành từ các xã cũ (trước 01/07/2025)"),
                    .downloads(path: "/units/communes/\(code)", query: ""),
                    .table(.class("list"),
                        .thead(.tr(.th("Mã"), .th("Xã cũ"), .th("Huyện"), .th("Tỉnh"), .th("Hình thức"))),
                        .tbody(.forEach(predecessors) { p in
                            .tr(.td(.text(p.code)), .td(.a(.href("/units/legacy-communes/\(p.code)"), .text(p.name))), .td(.text(p.districtName ?? "")),
                                .td(.text(p.provinceName)),
                                .td(.text(p.kind == "split" ? (p.isDefault ? "Một phần (xã kế thừa mặc định)" : "Một phần") : "Toàn bộ")))
                        })
                    )
                )
            ).response()
        }
    }

    @Sendable func legacyProvince(req: Request) async throws -> Response {
        let (code, representation) = Representation.split(req.parameters.get("code") ?? "")
        let sql = try req.db.sql()
        guard let province = try await AdminUnitQueries.legacyProvince(code: code, on: sql) else {
            throw Abort(.notFound, reason: "Không có tỉnh cũ mã “\(code)” (danh mục đến 30/06/2025).")
        }
        let districts = try await AdminUnitQueries.legacyDistricts(provinceCode: code, on: sql)
        switch representation {
        case .json:
            struct Body: Encodable { let province: ProvinceRecord; let districts: [LegacyDistrictRecord] }
            return try Responses.json(Body(province: province, districts: districts))
        case .csv, .xlsx:
            return try Responses.table("huyen-\(code)", as: representation, header: ["Mã huyện", "Tên", "Loại", "Số xã"], rows: districts.map { [$0.code, $0.name, $0.type, $0.communeCount] })
        case .html:
            return Page(
                title: "\(province.name) (trước 01/07/2025)",
                breadcrumbs: [("Trang chủ", "/"), ("Đơn vị hành chính", "/units"), ("\(province.name) (cũ)", nil)],
                content: .div(
                    .h1(.text("\(province.name) (đến \(Show.day(province.validTo)))")),
                    .downloads(path: "/units/legacy-provinces/\(code)", query: ""),
                    .table(.class("list"),
                        .thead(.tr(.th("Mã"), .th("Huyện/quận/thị xã"), .th(.class("num"), .text("Số xã")))),
                        .tbody(.forEach(districts) { d in
                            .tr(.td(.text(d.code)), .td(.a(.href("/units/legacy-districts/\(d.code)"), .text(d.name))), .td(.class("num"), .text(String(d.communeCount))))
                        })
                    )
                )
            ).response()
        }
    }

    @Sendable func legacyDistrict(req: Request) async throws -> Response {
        let (code, representation) = Representation.split(req.parameters.get("code") ?? "")
        let sql = try req.db.sql()
        guard let district = try await AdminUnitQueries.legacyDistricts(provinceCode: nil, districtCode: code, on: sql).first else {
            throw Abort(.notFound, reason: "Không có huyện cũ mã “\(code)”.")
        }
        let communes = try await AdminUnitQueries.legacyCommunes(districtCode: code, on: sql)
        switch representation {
        case .json:
            struct Body: Encodable { let district: LegacyDistrictRecord; let communes: [LegacyCommuneRecord] }
            return try Responses.json(Body(district: district, communes: communes))
        case .csv, .xlsx:
            return try Responses.table("xa-cu-\(code)", as: representation, header: ["Mã xã cũ", "Tên", "Loại", "Số tổ chức KTTT gắn xã cũ"], rows: communes.map { [$0.code, $0.name, $0.type, $0.organizationCount] })
        case .html:
            return Page(
                title: "\(district.name), \(district.provinceName) (trước 01/07/2025)",
                breadcrumbs: [("Trang chủ", "/"), ("Đơn vị hành chính", "/units"), ("\(district.provinceName) (cũ)", "/units/legacy-provinces/\(district.provinceCode)"), (district.name, nil)],
                content: .div(
                    .h1(.text("\(district.name) (đã bỏ cấp huyện từ 01/07/2025)")),
                    .downloads(path: "/units/legacy-districts/\(code)", query: ""),
                    .table(.class("list"),
                        .thead(.tr(.th("Mã"), .th("Xã/phường/thị trấn"), .th(.class("num"), .text("Tổ chức KTTT gắn xã cũ")))),
                        .tbody(.forEach(communes) { c in
                            .tr(.td(.text(c.code)), .td(.a(.href("/units/legacy-communes/\(c.code)"), .text(c.name))), .td(.class("num"), .text(String(c.organizationCount))))
                        })
                    )
                )
            ).response()
        }
    }

    @Sendable func legacyCommune(req: Request) async throws -> Response {
        let (code, representation) = Representation.split(req.parameters.get("code") ?? "")
        let sql = try req.db.sql()
        guard let commune = try await AdminUnitQueries.legacyCommune(code: code, on: sql),
              let successors = try await AdminUnitQueries.successors(ofLegacyCommune: code, on: sql) else {
            throw Abort(.notFound, reason: "Không có xã cũ mã “\(code)” (danh mục đến 30/06/2025).")
        }
        switch representation {
        case .json: return try Responses.json(LegacyCommuneDetail(commune: commune, successors: successors))
        case .csv, .xlsx:
            return try Responses.table("xa-ke-thua-\(code)", as: representation, header: ["Mã xã 2025", "Tên", "Tỉnh", "Hình thức", "Kế thừa mặc định"],
                                 rows: successors.map { [$0.code, $0.name, $0.provinceName, $0.kind == "split" ? "Chia tách" : "Nguyên trạng", $0.isDefault ? "Có" : "Không"] })
        case .html:
            return Page(
                title: "\(commune.name), \(commune.districtName) (trước 01/07/2025)",
                breadcrumbs: [("Trang chủ", "/"), ("Đơn vị hành chính", "/units"), ("\(commune.provinceName) (cũ)", "/units/legacy-provinces/\(commune.provinceCode)"),
                              (commune.districtName, "/units/legacy-districts/\(commune.districtCode)"), (commune.name, nil)],
                content: .div(
                    .h1(.text("\(commune.name) (đến \(Show.day(commune.validTo)))")),
                    .facts([
                        ("Mã", .text(commune.code)), ("Loại", .text(commune.type)),
                        ("Huyện", .a(.href("/units/legacy-districts/\(commune.districtCode)"), .text(commune.districtName))),
                        ("Tỉnh", .a(.href("/units/legacy-provinces/\(commune.provinceCode)"), .text(commune.provinceName))),
                        ("Tổ chức KTTT gắn xã cũ này", .a(.href("/organizations?legacy_commune=\(commune.code)"), .text(VietnameseNumber.format(commune.organizationCount)))),
                    ]),
                    .h2(.text(successors.count > 1 ? "Đã được chia cho \(successors.count) xã/phường từ 01/07/2025" : "Từ 01/07/2025 thuộc")),
                    .table(.class("list"),
                        .thead(.tr(.th("Mã"), .th("Xã/phường 2025"), .th("Tỉnh/thành phố"), .th("Ghi chú"))),
                        .tbody(.forEach(successors) { s in
                            .tr(.td(.text(s.code)), .td(.a(.href("/units/communes/\(s.code)"), .text(s.name))), .td(.text(s.provinceName)),
                                .td(.text(s.isDefault ? (successors.count > 1 ? "Kế thừa mặc định: hồ sơ gắn xã cũ được tính vào đây" : "Toàn bộ") : "Nhận một phần địa bàn")))
                        })
                    )
                )
            ).response()
        }
    }
}
