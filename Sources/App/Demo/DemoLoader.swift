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
        public let reports: Int
        public let programmes: Int
        public let tasks: Int
        /// Support grants under the demo's policies.
        public let grants: Int
    }

    public static let defaultProvince = "42"
    static let demoDomain = "demo.hoptac.vn"

    public struct DemoAccount: Sendable {
        public let role: Role
        public let email: String
        public let password: String
        public let unit: String
    }

    /// One account per role for trying the demo, with fresh random passwords (printed once by `hoptac demo`).
    /// Officials are placed in the demo province and in its commune with the most organisations; the cooperative
    /// account belongs to an active cooperative of that commune.
    public static func createAccounts(on database: any Database, province: String?, passwordCost: Int) async throws -> [DemoAccount] {
        let sql = try database.sql()
        let provinceCode = province ?? defaultProvince
        struct Place: Decodable { let communeCode: String; let n: Int }
        guard let busiest = try await sql.raw("""
            SELECT commune_code, COUNT(*) AS n FROM organizations WHERE province_code = \(bind: provinceCode)
            GROUP BY commune_code ORDER BY n DESC, commune_code LIMIT 1
            """).first(decoding: Place.self, keyDecodingStrategy: .snakeCaseColumns) else {
            throw ConfigError(message: "Tỉnh \(provinceCode) chưa có tổ chức nào để tạo tài khoản mẫu.")
        }
        struct Cooperative: Decodable { let registrationCode: String; let name: String }
        let cooperative = try await sql.raw("""
            SELECT registration_code, name FROM organizations WHERE commune_code = \(bind: busiest.communeCode) AND type = 'htx'
            AND status = 'active' AND registration_code IS NOT NULL ORDER BY id LIMIT 1
            """).first(decoding: Cooperative.self, keyDecodingStrategy: .snakeCaseColumns)
        try await sql.delete(from: "users").where("email", .like, "%@\(demoDomain)").run()
        let plan: [(Role, String, String?, String?, String?)] = [
            (.admin, "Quản trị hệ thống", nil, nil, nil),
            (.nationalViewer, "Cán bộ Bộ Tài chính", nil, nil, "Cục Phát triển doanh nghiệp nhà nước, Bộ Tài chính"),
            (.provinceOfficer, "Nguyễn Thị Lan", provinceCode, nil, "Sở Tài chính"),
            (.sectorOfficer, "Trần Văn Hải", provinceCode, nil, "Sở Nông nghiệp và Môi trường"),
            (.communeOfficer, "Lê Thị Hoa", busiest.communeCode, nil, "UBND xã"),
            (.allianceOfficer, "Phạm Văn Minh", provinceCode, nil, "Liên minh Hợp tác xã tỉnh"),
            (.cooperative, cooperative?.name ?? "Hợp tác xã", nil, cooperative?.registrationCode, nil),
        ]
        var accounts: [DemoAccount] = []
        for (role, name, unit, organization, department) in plan where role != .cooperative || organization != nil {
            let password = Secrets.random(bytes: 9)
            let email = "\(role.rawValue)@\(demoDomain)"
            _ = try await UserStore.create(NewUser(email: email, displayName: name, password: password, role: role, unitCode: unit,
                                                   organizationRegistrationCode: organization, department: department, mustChangePassword: false),
                                           passwordCost: passwordCost, actor: actor, on: database)
            accounts.append(DemoAccount(role: role, email: email, password: password, unit: unit ?? organization ?? "toàn quốc"))
        }
        return accounts
    }
    static let actor = Actor.commandLine("hoptac demo")

    /// Refuses to touch a registry that already has organisations unless `replace` is set.
    public static func load(on database: any Database, scale: DemoScale, seed: UInt64, province: String?, replace: Bool,
                            progress: @escaping @Sendable (Int, Int) -> Void,
                            reportProgress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }) async throws -> Summary {
        let sql = try database.sql()
        let existing = try await OrganizationQueries.count(OrganizationFilter(), on: sql)
        if existing > 0 && !replace {
            throw ConfigError(message: "Sổ đăng ký đang có \(VietnameseNumber.format(existing)) tổ chức. Thêm --replace để xoá hết và nạp dữ liệu mẫu.")
        }
        let communes = try demoCommunes(scale: scale, province: province ?? defaultProvince)
        var generator = DemoGenerator(seed: seed)
        let organizations = generator.organizations(for: communes)
        let reports = try await database.write { db in
            let sql = try db.sql()
            for table in ["credit_fund_years", "populations", "model_assessments", "support_payments", "support_records", "training_courses", "support_policies", "task_extensions", "task_progress", "programme_tasks", "target_allocations", "target_values", "programme_targets", "programmes",
                          "dormancy_notices", "classifications", "report_events", "annual_reports", "organization_changes", "organization_status_events"] {
                try await sql.delete(from: table).run()
            }
            // The shipped criteria are data of the product; a province's own set goes with the rest.
            try await sql.delete(from: "model_criteria").where("province_code", .isNot, SQLLiteral.null).run()
            // Accounts tied to organisations that are about to disappear: demo ones go, others are detached and disabled.
            try await sql.delete(from: "users").where("email", .like, "%@\(demoDomain)").run()
            try await sql.update("users").set("organization_id", to: SQLLiteral.null).set("disabled", to: true)
                .where("organization_id", .isNot, SQLLiteral.null).run()
            // Break references between organisations before deleting them.
            try await sql.update("organizations").set("union_id", to: SQLLiteral.null).set("merged_into_id", to: SQLLiteral.null).run()
            try await sql.delete(from: "organizations").run()
            try await insert(organizations, on: sql, progress: progress)
            try await insertPopulations(DemoPopulation.populations(of: communes, seed: seed), on: sql)
            try await insertCreditFundYears(DemoCreditFunds.years(of: organizations, seed: seed), on: sql)
            // Ids follow the generator's order (see `insert`).
            return try await DemoReportLoader.insert(organizations, ids: { $0 + 1 }, seed: seed, on: sql, progress: reportProgress)
        }
        for year in DemoReportLoader.closedYears { try await ClassificationStore.classify(year: year, scope: .everything, on: database) }
        let programmes = try await DemoProgrammeLoader.load(province: province ?? defaultProvince, on: database)
        let grants = try await DemoSupportLoader.load(province: province ?? defaultProvince, seed: seed, on: database)
        // Hundreds of megabytes were written through SQLite's write-ahead log: fold them into the database file now, so
        // the file stands on its own and the next writer does not pay for the load's checkpoint.
        if !sql.isPostgres { try await sql.raw("PRAGMA wal_checkpoint(TRUNCATE)").run() }
        return Summary(
            organizations: organizations.count,
            byType: Dictionary(grouping: organizations, by: \.type).mapValues(\.count),
            provinceNames: Array(Set(communes.map(\.provinceName))).sorted(),
            reports: reports,
            programmes: programmes.programmes,
            tasks: programmes.tasks,
            grants: grants
        )
    }

    /// The demo communes' populations, and the figure versions they move (no trigger watches the table).
    private static func insertPopulations(_ populations: [PopulationInput], on sql: any SQLDatabase) async throws {
        let now = Timestamp.now()
        for chunk in populations.chunks(of: 500) {
            var insert = sql.insert(into: "populations").columns("commune_code", "year", "population", "actor", "recorded_at")
            for row in chunk { insert = insert.values(row.communeCode, row.year, row.population, actor.name, now) }
            try await insert.run()
        }
        let provinces = try await sql.raw("SELECT code, province_code FROM communes").all().map {
            (try $0.decode(column: "code", as: String.self), try $0.decode(column: "province_code", as: String.self))
        }
        let demo = Set(populations.map(\.communeCode))
        try await FigureVersionTriggers.bump(communes: provinces.filter { demo.contains($0.0) }.map { (commune: $0.0, province: $0.1) }, on: sql)
    }

    /// The demo credit funds' State Bank figures; ids follow the generator's order (see `insert`).
    private static func insertCreditFundYears(_ lines: [(index: Int, figures: CreditFundInput)], on sql: any SQLDatabase) async throws {
        let now = Timestamp.now()
        for chunk in lines.chunks(of: 500) {
            var insert = sql.insert(into: "credit_fund_years")
                .columns("organization_id", "year", "members", "charter_capital", "deposits", "loans", "bad_debt", "actor", "recorded_at")
            for (index, f) in chunk {
                insert = insert.values(index + 1, f.year, f.members, f.charterCapital.dong, f.deposits.dong, f.loans.dong, f.badDebt.dong, actor.name, now)
            }
            try await insert.run()
        }
    }

    private static func demoCommunes(scale: DemoScale, province: String) throws -> [DemoCommune] {
        let communes = DemoCommune.communes(from: try AdminUnitCatalog.bundled(), provinceCode: scale == .national ? nil : province)
        guard !communes.isEmpty else { throw ConfigError(message: "Không có tỉnh/thành phố mã “\(province)” (danh mục 2025).") }
        return scale == .commune ? [communes[communes.count / 2]] : communes
    }

    /// Bulk insert with explicit ids so that unions and mergers can refer to rows of the same batch.
    private static func insert(_ organizations: [DemoOrganization], on sql: any SQLDatabase, progress: @escaping @Sendable (Int, Int) -> Void) async throws {
        let now = Timestamp.now()
        // The registry is empty here, so ids can follow the generator's order.
        func id(_ index: Int) -> Int { index + 1 }
        // Unions first, then the rest, so every union_id refers to a row already written.
        let order = organizations.indices.filter { organizations[$0].type == .lhhtx } + organizations.indices.filter { organizations[$0].type != .lhhtx }
        var rows: [[any Encodable & Sendable]] = []
        var batchIds: [Int] = []
        var events: [[any Encodable & Sendable]] = []
        var written = 0
        var columnNames: [String] = []
        for index in order {
            let o = organizations[index]
            var columns = OrganizationStore.columnValues(o.input(unionId: o.unionIndex.map(id)), provinceCode: o.provinceCode)
            columns += [("id", id(index)), ("status", o.status.rawValue), ("status_since", o.statusSince?.iso), ("suspended_until", o.suspendedUntil?.iso),
                        ("version", 1), ("created_at", now), ("updated_at", now)]
            columnNames = columns.map(\.0)
            rows.append(columns.map(\.1))
            batchIds.append(id(index))
            if o.status != .active, let since = o.statusSince {
                events.append([id(index), o.status.rawValue, since.iso, o.suspendedUntil?.iso, o.mergedIntoIndex.map(id), "Theo quyết định của cơ quan đăng ký", actor.name, now])
            }
            if rows.count == 500 || index == order.last {
                try await sql.insertBatches(into: "organizations", columns: columnNames, rows: rows)
                try await OrganizationStore.recordCreation(of: batchIds, reason: "Đăng ký thành lập", note: "Tạo hồ sơ", actor: actor, at: now, on: sql)
                written += rows.count
                rows.removeAll(keepingCapacity: true)
                batchIds.removeAll(keepingCapacity: true)
                progress(written, organizations.count)
            }
        }
        for (index, o) in organizations.enumerated() where o.mergedIntoIndex != nil {
            try await sql.update("organizations").set("merged_into_id", to: o.mergedIntoIndex.map(id)).where("id", .equal, id(index)).run()
        }
        try await sql.insertBatches(into: "organization_status_events",
                                    columns: ["organization_id", "status", "effective_from", "effective_to", "merged_into_id", "reason", "actor", "recorded_at"], rows: events)
        if sql.isPostgres {
            try await sql.raw("SELECT setval(pg_get_serial_sequence('organizations', 'id'), (SELECT COALESCE(MAX(id), 1) FROM organizations))").run()
        }
    }
}
