import Fluent
import HopTacCore
import SQLKit
import Vapor

/// Refused input: problems keyed by field name, ready to show next to each field (HTML) or list (JSON).
struct ValidationFailure: Error, Sendable {
    let problems: [String: FieldProblem]
}

/// The record changed since the person loaded it; nothing was written.
struct StaleVersion: Error, Sendable {
    let current: OrganizationRecord
}

/// Every write to the registry, each in one transaction with its history rows.
enum OrganizationStore {
    /// Checks everything, then inserts. Returns the new id.
    static func create(_ input: OrganizationInput, within scope: Scope, actor: Actor, on database: any Database) async throws -> Int {
        try await database.write { db in
            let sql = try db.sql()
            let resolved = try await validate(input, existingId: nil, on: sql)
            try requireFiling(resolved, within: scope, current: nil)
            try await requireOtherSide(resolved.input.unionId, role: "Liên hiệp HTX", within: scope, on: sql)
            let now = Timestamp.now()
            struct Inserted: Decodable { let id: Int }
            var columns = columnValues(resolved.input, provinceCode: resolved.provinceCode)
            columns += [("status", OrganizationStatus.active.rawValue), ("version", 1), ("created_at", now), ("updated_at", now)]
            let row = try await sql.insert(into: "organizations").columns(columns.map(\.0)).values(columns.map(\.1))
                .returning("id").first(decoding: Inserted.self)
            guard let id = row?.id else { throw Abort(.internalServerError, reason: "Không ghi được hồ sơ.") }
            try await recordCreation(of: [id], reason: nil, note: "Tạo hồ sơ", actor: actor, at: now, on: sql)
            try await recordChanges(organizationId: id, diff(from: nil, to: resolved, on: sql), actor: actor, at: now, on: sql)
            let created = try await OrganizationQueries.find(id: id, on: sql)
            try await AuditLog.record("organization.create", entity: "organizations", id: String(id), provinceCode: resolved.provinceCode,
                                      summary: "Tạo hồ sơ \(input.name)", after: created, actor: actor, on: sql)
            return id
        }
    }

    /// Updates only if the stored version is still `expectedVersion`; otherwise throws `StaleVersion` and writes nothing.
    static func update(id: Int, _ input: OrganizationInput, expectedVersion: Int, within scope: Scope, actor: Actor, on database: any Database) async throws {
        try await database.write { db in
            let sql = try db.sql()
            guard let current = try await OrganizationQueries.find(id: id, on: sql) else { throw Abort(.notFound, reason: "Không tìm thấy tổ chức số \(id).") }
            guard current.version == expectedVersion else { throw StaleVersion(current: current) }
            let resolved = try await validate(input, existingId: id, on: sql)
            try requireFiling(resolved, within: scope, current: current)
            if case .organization = scope {
                let changed = OrganizationField.setByRegistration.filter { current.input.displayValue(of: $0) != resolved.input.displayValue(of: $0) }
                guard changed.isEmpty else {
                    throw Abort(.forbidden, reason: "Tài khoản tổ chức không tự sửa \(changed.map(\.label).joined(separator: ", ")): đây là thông tin theo giấy chứng nhận đăng ký, do cán bộ xã/phường hoặc tỉnh cập nhật.")
                }
            }
            if resolved.input.unionId != current.unionId {
                try await requireOtherSide(resolved.input.unionId, role: "Liên hiệp HTX", within: scope, on: sql)
            }
            let changes = try await diff(from: current.input, to: resolved, on: sql)
            guard !changes.isEmpty else { return }
            let now = Timestamp.now()
            let update = sql.update("organizations")
            for (column, value) in columnValues(resolved.input, provinceCode: resolved.provinceCode) { _ = update.set(column, to: value) }
            struct Updated: Decodable { let id: Int }
            let updated = try await update.set("updated_at", to: now).set(SQLColumn("version"), to: SQLRaw("version + 1"))
                .where("id", .equal, id).where("version", .equal, expectedVersion)
                .returning("id").first(decoding: Updated.self)
            // Another writer got in between our read and this update.
            guard updated != nil else { throw StaleVersion(current: try await OrganizationQueries.find(id: id, on: sql) ?? current) }
            try await recordChanges(organizationId: id, changes, actor: actor, at: now, on: sql)
            try await AuditLog.record("organization.update", entity: "organizations", id: String(id), provinceCode: resolved.provinceCode,
                                      summary: "Sửa hồ sơ \(input.name): \(changes.count) trường", before: current,
                                      after: try await OrganizationQueries.find(id: id, on: sql), actor: actor, on: sql)
        }
    }

    /// Moves the organisation along its lifecycle and records the dated event.
    static func changeStatus(id: Int, _ change: StatusChange, expectedVersion: Int, within scope: Scope, actor: Actor, on database: any Database) async throws {
        try await database.write { db in
            let sql = try db.sql()
            guard let current = try await OrganizationQueries.find(id: id, on: sql) else { throw Abort(.notFound, reason: "Không tìm thấy tổ chức số \(id).") }
            guard current.version == expectedVersion else { throw StaleVersion(current: current) }
            var problems = change.problems(from: current.status, organizationId: id, registeredOn: current.registrationDate, today: Day.today())
            var mergedIntoName: String?
            if let target = change.mergedIntoId, problems["merged_into_id"] == nil {
                if let receiver = try await OrganizationQueries.find(id: target, on: sql), !receiver.status.isTerminal {
                    mergedIntoName = receiver.name
                } else {
                    problems["merged_into_id"] = FieldProblem("Tổ chức tiếp nhận số \(target) không tồn tại hoặc đã giải thể/sáp nhập.")
                }
            }
            guard problems.isEmpty else { throw ValidationFailure(problems: problems) }
            try await requireOtherSide(change.mergedIntoId, role: "Tổ chức tiếp nhận", within: scope, on: sql)
            let now = Timestamp.now()
            let from = change.effectiveFrom ?? Day.today()
            let reason = change.reason?.trimmed
            try await sql.insert(into: "organization_status_events")
                .columns("organization_id", "status", "effective_from", "effective_to", "merged_into_id", "reason", "actor", "recorded_at")
                .values(id, change.status.rawValue, from.iso, change.effectiveTo?.iso, change.mergedIntoId, reason, actor.name, now).run()
            try await sql.update("organizations")
                .set("status", to: change.status.rawValue)
                .set("status_since", to: change.status == .active ? nil : from.iso)
                .set("suspended_until", to: change.effectiveTo?.iso)
                .set("merged_into_id", to: change.mergedIntoId)
                .set("updated_at", to: now)
                .set(SQLColumn("version"), to: SQLRaw("version + 1"))
                .where("id", .equal, id).run()
            var description = "\(change.status.label) từ \(from.vietnamese)"
            if let to = change.effectiveTo { description += " đến \(to.vietnamese)" }
            if let mergedIntoName { description += " vào \(mergedIntoName)" }
            if let reason, !reason.isEmpty { description += " — \(reason)" }
            try await recordChanges(organizationId: id, [("status", current.status.label, description)], actor: actor, at: now, on: sql)
            try await AuditLog.record("organization.status", entity: "organizations", id: String(id), provinceCode: current.provinceCode,
                                      summary: "\(current.name): \(description)", before: current,
                                      after: try await OrganizationQueries.find(id: id, on: sql), actor: actor, on: sql)
        }
    }

    /// Officials file organisations only in communes of their own unit; a cooperative edits its own record but does not move it.
    private static func requireFiling(_ resolved: ResolvedInput, within scope: Scope, current: OrganizationRecord?) throws {
        let existing = current.map { (id: $0.id, provinceCode: $0.provinceCode, communeCode: $0.communeCode) }
        guard scope.permits(savingIn: resolved.input.communeCode, provinceCode: resolved.provinceCode, existing: existing) else {
            throw Abort(.forbidden, reason: "Xã/phường \(resolved.input.communeCode) không thuộc địa bàn bạn được phép quản lý.")
        }
    }

    /// A union to join or an organisation to merge into is the other side of the change: it must lie in the writer's
    /// area too, so that a commune cannot attach its cooperative to another commune's or province's record on its own.
    /// Between two areas, an officer whose area holds both (the province, or an administrator) records it.
    private static func requireOtherSide(_ otherId: Int?, role: String, within scope: Scope, on sql: any SQLDatabase) async throws {
        guard let otherId, let place = try await OrganizationQueries.place(id: otherId, on: sql) else { return }
        guard scope.contains(organizationId: otherId, provinceCode: place.provinceCode, communeCode: place.communeCode) else {
            throw Abort(.forbidden, reason: "\(role) số \(otherId) ở ngoài địa bàn bạn quản lý: việc này liên quan đến cả hai địa bàn nên do cán bộ cấp tỉnh (hoặc quản trị viên) có quyền với cả hai ghi nhận.")
        }
    }

    /// Database checks on top of the input's own rules; fills the province and, for a legacy commune alone, its default successor.
    private static func validate(_ input: OrganizationInput, existingId: Int?, on sql: any SQLDatabase) async throws -> ResolvedInput {
        var problems = Dictionary(uniqueKeysWithValues: input.problems(today: Day.today()).map { ($0.key.rawValue, $0.value) })
        var input = input
        if let legacy = input.legacyCommuneCode {
            if let successors = try await AdminUnitQueries.successors(ofLegacyCommune: legacy, on: sql), !successors.isEmpty {
                if input.communeCode.isEmpty {
                    input.communeCode = successors.first(where: \.isDefault)?.code ?? successors[0].code
                    problems.removeValue(forKey: OrganizationField.communeCode.rawValue)
                } else if !successors.contains(where: { $0.code == input.communeCode }) {
                    let names = successors.map { "\($0.name) (\($0.code))" }.joined(separator: ", ")
                    problems[OrganizationField.legacyCommuneCode.rawValue] = FieldProblem("Xã cũ \(legacy) không thuộc xã/phường đã chọn; nó được sáp nhập vào: \(names).")
                }
            } else {
                problems[OrganizationField.legacyCommuneCode.rawValue] = FieldProblem("Không có xã cũ mã “\(legacy)”.")
            }
        }
        var provinceCode = ""
        if !input.communeCode.isEmpty {
            if let commune = try await AdminUnitQueries.commune(code: input.communeCode, on: sql) {
                provinceCode = commune.provinceCode
            } else {
                problems[OrganizationField.communeCode.rawValue] = FieldProblem("Không có xã/phường mã “\(input.communeCode)” trong danh mục 2025.")
            }
        }
        if let code = input.registrationCode, problems[OrganizationField.registrationCode.rawValue] == nil {
            struct Holder: Decodable { let id: Int; let name: String }
            if let holder = try await sql.raw("SELECT id, name FROM organizations WHERE registration_code = \(bind: code)").first(decoding: Holder.self),
               holder.id != existingId {
                problems[OrganizationField.registrationCode.rawValue] = FieldProblem("Mã số \(code) đã được dùng cho “\(holder.name)” (số \(holder.id)).")
            }
        }
        if let unionId = input.unionId, problems[OrganizationField.unionId.rawValue] == nil {
            let union = try await OrganizationQueries.find(id: unionId, on: sql)
            if union?.type != .lhhtx || unionId == existingId {
                problems[OrganizationField.unionId.rawValue] = FieldProblem("Tổ chức số \(unionId) không phải là liên hiệp hợp tác xã.")
            }
        }
        guard problems.isEmpty else { throw ValidationFailure(problems: problems) }
        return ResolvedInput(input: input, provinceCode: provinceCode)
    }

    /// The stored columns of an organisation's editable fields, with the derived name and search text.
    static func columnValues(_ input: OrganizationInput, provinceCode: String) -> [(String, any Encodable & Sendable)] {
        [
            ("name", input.name.trimmed), ("name_folded", foldForSearch(input.name)),
            ("short_name", input.shortName), ("type", input.type.rawValue), ("sector", input.sector.rawValue),
            ("main_activities", input.mainActivities), ("registration_code", input.registrationCode),
            ("registration_date", input.registrationDate?.iso), ("issuing_authority", input.issuingAuthority),
            ("address", input.address), ("commune_code", input.communeCode), ("province_code", provinceCode),
            ("legacy_commune_code", input.legacyCommuneCode), ("charter_capital", input.charterCapital?.dong),
            ("official_members", input.officialMembers), ("associate_members", input.associateMembers), ("workers", input.workers),
            ("representative_name", input.representativeName), ("representative_title", input.representativeTitle),
            ("phone", input.phone), ("email", input.email), ("website", input.website), ("union_id", input.unionId),
            ("search_text", input.searchText), ("search_more", input.searchMore),
        ]
    }

    /// Field-by-field differences as people read them (labels, dd/mm/yyyy, 1.234,5, names rather than ids).
    private static func diff(from old: OrganizationInput?, to new: ResolvedInput, on sql: any SQLDatabase) async throws -> [(String, String?, String?)] {
        var changes: [(String, String?, String?)] = []
        for field in OrganizationField.allCases {
            var before: String?
            if let old { before = try await displayValue(of: field, in: old, on: sql) }
            let after = try await displayValue(of: field, in: new.input, on: sql)
            if before != after { changes.append((field.rawValue, before, after)) }
        }
        return changes
    }

    private static func displayValue(of field: OrganizationField, in input: OrganizationInput, on sql: any SQLDatabase) async throws -> String? {
        switch field {
        case .communeCode:
            return try await AdminUnitQueries.commune(code: input.communeCode, on: sql).map { "\($0.name) (\($0.code))" } ?? input.communeCode
        case .legacyCommuneCode:
            guard let code = input.legacyCommuneCode else { return nil }
            return try await AdminUnitQueries.legacyCommune(code: code, on: sql).map { "\($0.name) (\($0.code))" } ?? code
        case .unionId:
            guard let id = input.unionId else { return nil }
            return try await OrganizationQueries.find(id: id, on: sql).map { "\($0.name) (số \(id))" } ?? "số \(id)"
        default:
            return input.displayValue(of: field)
        }
    }

    /// The opening status event (active from the registration date, or today) and the "record created" history row of
    /// organisations just inserted, written from the stored rows: an import or the demo writes two statements per batch
    /// instead of binding two history rows per organisation.
    static func recordCreation(of ids: [Int], reason: String?, note: String, actor: Actor, at time: String, on sql: any SQLDatabase) async throws {
        guard !ids.isEmpty else { return }
        try await sql.raw("""
            INSERT INTO organization_status_events (organization_id, status, effective_from, reason, actor, recorded_at)
            SELECT id, \(bind: OrganizationStatus.active.rawValue), COALESCE(registration_date, \(bind: Day.today().iso)), \(bind: reason), \(bind: actor.name), \(bind: time)
            FROM organizations WHERE id IN (\(binds: ids)) ORDER BY id
            """).run()
        try await sql.raw("""
            INSERT INTO organization_changes (organization_id, field, old_value, new_value, actor, changed_at)
            SELECT id, 'record', NULL, \(bind: note), \(bind: actor.name), \(bind: time) FROM organizations WHERE id IN (\(binds: ids)) ORDER BY id
            """).run()
    }

    private static func recordChanges(organizationId: Int, _ changes: [(String, String?, String?)], actor: Actor, at time: String, on sql: any SQLDatabase) async throws {
        guard !changes.isEmpty else { return }
        try await sql.insertBatches(into: "organization_changes", columns: ["organization_id", "field", "old_value", "new_value", "actor", "changed_at"],
                                    rows: changes.map { [organizationId, $0.0, $0.1, $0.2, actor.name, time] })
    }

    private struct ResolvedInput {
        let input: OrganizationInput
        let provinceCode: String
        var registrationDate: Day? { input.registrationDate }
    }
}
