import Fluent
import HopTacCore
import SQLKit
import Vapor

/// Fills the registry with deterministic synthetic organisations for a commune, a province or the whole country.
public enum DemoLoader {
    public struct Summary: Sendable {
        public let organizations: Int
        public let byType: [OrganizationType: Int]
        public let provinceNames: [String]
    }

    public static let defaultProvince = "42"
    static let actor = Actor(name: "Dữ liệu mẫu (hoptac demo)")

    /// Refuses to touch a registry that already has organisations unless `replace` is set.
    public static func load(on database: any Database, scale: DemoScale, seed: UInt64, province: String?, replace: Bool,
                            progress: @Sendable (Int, Int) -> Void) async throws -> Summary {
        let sql = try database.sql()
        let existing = try await OrganizationQueries.count(OrganizationFilter(), on: sql)
        if existing > 0 && !replace {
            throw ConfigError(message: "Sổ đăng ký đang có \(VietnameseNumber.format(existing)) tổ chức. Thêm --replace để xoá hết và nạp dữ liệu mẫu.")
        }
        let communes = try await demoCommunes(scale: scale, province: province ?? defaultProvince, on: sql)
        var generator = DemoGenerator(seed: seed)
        let organizations = generator.organizations(for: communes)
        try await database.transaction { db in
            let sql = try db.sql()
            for table in ["organization_changes", "organization_status_events"] { try await sql.delete(from: table).run() }
            // Break references between organisations before deleting them.
            try await sql.update("organizations").set("union_id", to: SQLLiteral.null).set("merged_into_id", to: SQLLiteral.null).run()
            try await sql.delete(from: "organizations").run()
            try await insert(organizations, on: sql, progress: progress)
        }
        return Summary(
            organizations: organizations.count,
            byType: Dictionary(grouping: organizations, by: \.type).mapValues(\.count),
            provinceNames: Array(Set(communes.map(\.provinceName))).sorted()
        )
    }

    private static func demoCommunes(scale: DemoScale, province: String, on sql: any SQLDatabase) async throws -> [DemoCommune] {
        struct Row: Decodable { let code: String; let name: String; let provinceCode: String; let provinceName: String }
        var query: SQLQueryString = "SELECT c.code, c.name, c.province_code, p.name AS province_name FROM communes c JOIN provinces p ON p.code = c.province_code"
        if scale != .national { query.appendInterpolation(" WHERE c.province_code = \(bind: province)" as SQLQueryString) }
        query.appendLiteral(" ORDER BY c.code")
        var rows = try await sql.raw(query).all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
        guard !rows.isEmpty else { throw ConfigError(message: "Không có tỉnh/thành phố mã “\(province)” (danh mục 2025).") }
        if scale == .commune { rows = [rows[rows.count / 2]] }
        struct Link: Decodable { let legacyCode: String; let code2025: String }
        let links = try await sql.raw("SELECT legacy_code, code_2025 FROM commune_successions WHERE is_default = \(bind: true)")
            .all(decoding: Link.self, keyDecodingStrategy: .convertFromSnakeCase)
        let predecessors = Dictionary(grouping: links, by: \.code2025).mapValues { $0.map(\.legacyCode).sorted() }
        return rows.map { DemoCommune(code: $0.code, name: $0.name, provinceCode: $0.provinceCode, provinceName: $0.provinceName,
                                      legacyCommuneCodes: predecessors[$0.code] ?? []) }
    }

    /// Bulk insert with explicit ids so that unions and mergers can refer to rows of the same batch.
    private static func insert(_ organizations: [DemoOrganization], on sql: any SQLDatabase, progress: @Sendable (Int, Int) -> Void) async throws {
        let now = Timestamp.now()
        let firstId = 1
        func id(_ index: Int) -> Int { firstId + index }
        let columns = ["id", "name", "name_folded", "short_name", "type", "sector", "main_activities", "registration_code", "registration_date",
                       "issuing_authority", "address", "commune_code", "province_code", "legacy_commune_code", "charter_capital",
                       "official_members", "associate_members", "workers", "representative_name", "representative_title", "phone", "email",
                       "website", "union_id", "status", "status_since", "suspended_until", "merged_into_id", "search_text", "version",
                       "created_at", "updated_at"]
        let none: String? = nil
        let noId: Int? = nil
        // Unions first, then the rest, so every union_id refers to a row already written.
        let order = organizations.indices.filter { organizations[$0].type == .lhhtx } + organizations.indices.filter { organizations[$0].type != .lhhtx }
        var rows: [[any Encodable & Sendable]] = []
        var events: [[any Encodable & Sendable]] = []
        var changes: [[any Encodable & Sendable]] = []
        var written = 0
        for index in order {
            let o = organizations[index]
            var input = OrganizationInput()
            input.name = o.name
            input.shortName = o.shortName
            input.registrationCode = o.registrationCode
            input.mainActivities = o.mainActivities
            input.address = o.address
            var row: [any Encodable & Sendable] = [id(index), o.name, foldForSearch(o.name), o.shortName, o.type.rawValue, o.sector.rawValue]
            row += [o.mainActivities, o.registrationCode, o.registrationDate.iso, o.issuingAuthority, o.address] as [any Encodable & Sendable]
            row += [o.communeCode, o.provinceCode, o.legacyCommuneCode, o.charterCapital, o.officialMembers, o.associateMembers] as [any Encodable & Sendable]
            row += [o.workers, o.representativeName, o.representativeTitle, o.phone, o.email, none, o.unionIndex.map(id)] as [any Encodable & Sendable]
            row += [o.status.rawValue, o.statusSince?.iso, o.suspendedUntil?.iso, noId, input.searchText, 1, now, now] as [any Encodable & Sendable]
            rows.append(row)
            events.append([id(index), OrganizationStatus.active.rawValue, o.registrationDate.iso, none, noId, "Đăng ký thành lập", actor.name, now])
            if o.status != .active, let since = o.statusSince {
                events.append([id(index), o.status.rawValue, since.iso, o.suspendedUntil?.iso, o.mergedIntoIndex.map(id), "Theo quyết định của cơ quan đăng ký", actor.name, now])
            }
            changes.append([id(index), "record", none, "Tạo hồ sơ", actor.name, now])
            if rows.count == 500 || index == order.last {
                try await sql.insertBatches(into: "organizations", columns: columns, rows: rows, batchSize: 250)
                written += rows.count
                rows.removeAll(keepingCapacity: true)
                progress(written, organizations.count)
            }
        }
        for (index, o) in organizations.enumerated() where o.mergedIntoIndex != nil {
            try await sql.update("organizations").set("merged_into_id", to: o.mergedIntoIndex.map(id)).where("id", .equal, id(index)).run()
        }
        try await sql.insertBatches(into: "organization_status_events",
                                    columns: ["organization_id", "status", "effective_from", "effective_to", "merged_into_id", "reason", "actor", "recorded_at"], rows: events)
        try await sql.insertBatches(into: "organization_changes", columns: ["organization_id", "field", "old_value", "new_value", "actor", "changed_at"], rows: changes)
        if sql.isPostgres {
            try await sql.raw("SELECT setval(pg_get_serial_sequence('organizations', 'id'), (SELECT COALESCE(MAX(id), 1) FROM organizations))").run()
        }
    }
}
