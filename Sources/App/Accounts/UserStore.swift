import Fluent
import Foundation
import HopTacCore
import SQLKit
import Vapor

/// A user as shown and audited: never carries the password hash.
struct UserRecord: Content, Sendable {
    var id: Int
    var email: String
    var displayName: String
    var role: Role
    var unitCode: String?
    var organizationId: Int?
    var department: String?
    var mustChangePassword: Bool
    var disabled: Bool
    var failedLogins: Int
    var lockedUntil: String?
    var lastLoginAt: String?
    var version: Int
    var createdAt: String
    var updatedAt: String

    static let columns = "id, email, display_name, role, unit_code, organization_id, department, must_change_password, disabled, failed_logins, locked_until, last_login_at, version, created_at, updated_at"

    var principal: Principal { Principal(userId: id, role: role, unitCode: unitCode, organizationId: organizationId) }
}

/// What an administrator or the command line asks for when creating a user.
struct NewUser: Sendable {
    var email: String
    var displayName: String
    var password: String
    var role: Role
    var unitCode: String?
    var organizationRegistrationCode: String?
    var department: String?
    var mustChangePassword: Bool
}

/// Accounts: creation, passwords (bcrypt), lock-out after repeated failures, disabling.
enum UserStore {
    static let maxFailedLogins = 5
    static let lockMinutes = 15

    static func find(id: Int, on sql: any SQLDatabase) async throws -> UserRecord? {
        try await sql.raw("SELECT \(unsafeRaw: UserRecord.columns) FROM users WHERE id = \(bind: id)")
            .first(decoding: UserRecord.self, keyDecodingStrategy: .snakeCaseColumns)
    }

    static func find(email: String, on sql: any SQLDatabase) async throws -> UserRecord? {
        try await sql.raw("SELECT \(unsafeRaw: UserRecord.columns) FROM users WHERE email = \(bind: normalize(email))")
            .first(decoding: UserRecord.self, keyDecodingStrategy: .snakeCaseColumns)
    }

    static func list(on sql: any SQLDatabase) async throws -> [UserRecord] {
        try await sql.raw("SELECT \(unsafeRaw: UserRecord.columns) FROM users ORDER BY role, email")
            .all(decoding: UserRecord.self, keyDecodingStrategy: .snakeCaseColumns)
    }

    static func normalize(_ email: String) -> String { email.trimmed.lowercased() }

    /// Rules for a new password, in Vietnamese.
    static func passwordProblem(_ password: String, email: String) -> FieldProblem? {
        if password.count < 10 { return FieldProblem("Mật khẩu phải có ít nhất 10 ký tự.") }
        if password.utf8.count > maxPasswordBytes {
            return FieldProblem("Mật khẩu dài quá \(maxPasswordBytes) byte (chữ không dấu 1 byte, chữ có dấu 2–3 byte): phần sau đó sẽ không được kiểm tra.")
        }
        if normalize(password) == normalize(email) { return FieldProblem("Mật khẩu không được trùng địa chỉ thư điện tử.") }
        if Set(password).count < 4 { return FieldProblem("Mật khẩu quá đơn giản.") }
        return nil
    }

    /// bcrypt reads only the first 72 bytes of a password; a longer one would be cut without a word, so it is refused.
    static let maxPasswordBytes = 72

    /// bcrypt costs tens of milliseconds of CPU per check: it runs as `BlockingWork`, so a burst of sign-ins does not
    /// hold up every other request.
    static func hash(_ password: String, cost: Int) async throws -> String {
        try await BlockingWork.run { try Bcrypt.hash(password, cost: cost) }
    }

    static func verify(_ password: String, against hash: String) async throws -> Bool {
        guard password.utf8.count <= maxPasswordBytes else { return false }
        return try await BlockingWork.run { try Bcrypt.verify(password, created: hash) }
    }

    /// Checks everything, then creates the user in one transaction with its audit entry.
    static func create(_ new: NewUser, passwordCost: Int, actor: Actor, on database: any Database) async throws -> UserRecord {
        try await database.write { db in
            let sql = try db.sql()
            var problems: [String: FieldProblem] = [:]
            let email = normalize(new.email)
            let parts = email.split(separator: "@", omittingEmptySubsequences: false)
            if parts.count != 2 || parts[0].isEmpty || !parts[1].contains(".") || email.contains(" ") {
                problems["email"] = FieldProblem("Địa chỉ thư điện tử “\(new.email)” không hợp lệ.")
            } else if try await find(email: email, on: sql) != nil {
                problems["email"] = FieldProblem("Đã có tài khoản dùng địa chỉ \(email).")
            }
            if new.displayName.trimmed.isEmpty { problems["display_name"] = FieldProblem("Chưa nhập họ tên.") }
            if let problem = passwordProblem(new.password, email: email) { problems["password"] = problem }
            var organizationId: Int?
            var provinceCode: String?
            switch new.role.unitLevel {
            case .province:
                if let code = new.unitCode, try await AdminUnitQueries.provinceNames(on: sql)[code] != nil { provinceCode = code }
                else { problems["unit"] = FieldProblem("Vai trò \(new.role.label) cần mã tỉnh/thành phố 2025 hợp lệ (ví dụ 42).") }
            case .commune:
                if let code = new.unitCode, let commune = try await AdminUnitQueries.commune(code: code, on: sql) { provinceCode = commune.provinceCode }
                else { problems["unit"] = FieldProblem("Cán bộ xã cần mã xã/phường 2025 hợp lệ.") }
            case nil:
                if new.unitCode != nil { problems["unit"] = FieldProblem("Vai trò \(new.role.label) không gắn với đơn vị hành chính.") }
            }
            if new.role == .cooperative {
                struct Row: Decodable { let id: Int; let provinceCode: String }
                if let code = new.organizationRegistrationCode,
                   let row = try await sql.raw("SELECT id, province_code FROM organizations WHERE registration_code = \(bind: code)")
                    .first(decoding: Row.self, keyDecodingStrategy: .snakeCaseColumns) {
                    organizationId = row.id
                    provinceCode = row.provinceCode
                } else {
                    problems["organization"] = FieldProblem("Tài khoản tổ chức cần mã số của một tổ chức có trong sổ đăng ký.")
                }
            } else if new.organizationRegistrationCode != nil {
                problems["organization"] = FieldProblem("Chỉ tài khoản tổ chức mới gắn với một tổ chức.")
            }
            guard problems.isEmpty else { throw ValidationFailure(problems: problems) }
            let now = Timestamp.now()
            struct Inserted: Decodable { let id: Int }
            let inserted = try await sql.insert(into: "users")
                .columns("email", "display_name", "password_hash", "role", "unit_code", "organization_id", "department",
                         "must_change_password", "disabled", "failed_logins", "version", "created_at", "updated_at")
                .values(email, new.displayName.trimmed, try await hash(new.password, cost: passwordCost), new.role.rawValue,
                        new.role.unitLevel == nil ? nil : new.unitCode, organizationId, new.department, new.mustChangePassword, false, 0, 1, now, now)
                .returning("id").first(decoding: Inserted.self)
            guard let id = inserted?.id, let user = try await find(id: id, on: sql) else { throw Abort(.internalServerError) }
            try await AuditLog.record("user.create", entity: "users", id: String(id), provinceCode: provinceCode,
                                      summary: "Tạo tài khoản \(email) (\(new.role.label))", after: user, actor: actor, on: sql)
            return user
        }
    }

    enum LoginResult { case success(UserRecord), invalid, locked(until: String), disabled }

    /// Verifies a password; five failures in a row lock the account for fifteen minutes. Every outcome is audited.
    ///
    /// Each attempt is counted as a failure in one atomic statement before the password is checked, and only while the
    /// account is not locked: guesses sent in parallel cannot all pass the lock-out, at most `maxFailedLogins` of them
    /// are ever checked. A correct password then clears the count.
    static func authenticate(email: String, password: String, ip: String?, on database: any Database) async throws -> LoginResult {
        let sql = try database.sql()
        struct Row: Decodable { let id: Int; let passwordHash: String; let disabled: Bool; let lockedUntil: String? }
        guard let row = try await sql.raw("SELECT id, password_hash, disabled, locked_until FROM users WHERE email = \(bind: normalize(email))")
            .first(decoding: Row.self, keyDecodingStrategy: .snakeCaseColumns) else {
            // Spend the same time as a real check so that response times do not reveal which e-mails exist.
            _ = try? await verify(password, against: dummyHash)
            return .invalid
        }
        let actor = Actor(userId: row.id, name: normalize(email), role: nil, unitCode: nil, ip: ip)
        if row.disabled { return .disabled }
        let now = Date()
        let nowText = Timestamp.format(now), lockText = Timestamp.format(now.addingTimeInterval(TimeInterval(lockMinutes * 60)))
        struct Claim: Decodable { let failedLogins: Int; let lockedUntil: String? }
        guard let claim = try await sql.raw("""
            UPDATE users SET
              failed_logins = failed_logins + 1,
              locked_until = CASE WHEN failed_logins + 1 >= \(bind: maxFailedLogins) THEN \(bind: lockText) ELSE NULL END
            WHERE id = \(bind: row.id) AND (locked_until IS NULL OR locked_until <= \(bind: nowText))
            RETURNING failed_logins, locked_until
            """).first(decoding: Claim.self, keyDecodingStrategy: .snakeCaseColumns) else {
            let until = try await sql.raw("SELECT locked_until FROM users WHERE id = \(bind: row.id)").first(decodingColumn: "locked_until", as: String?.self)
            return .locked(until: (until ?? row.lockedUntil) ?? lockText)
        }
        guard try await verify(password, against: row.passwordHash) else {
            let locked = claim.lockedUntil != nil
            try await database.write { db in
                try await AuditLog.record(locked ? "login.locked" : "login.failure", entity: "users", id: String(row.id), provinceCode: nil,
                                          summary: locked ? "Khoá tài khoản \(lockMinutes) phút sau \(claim.failedLogins) lần sai mật khẩu" : "Đăng nhập sai mật khẩu (lần \(claim.failedLogins))",
                                          actor: actor, on: try db.sql())
            }
            return claim.lockedUntil.map { .locked(until: $0) } ?? .invalid
        }
        try await database.write { db in
            let sql = try db.sql()
            try await sql.update("users").set("failed_logins", to: 0).set("locked_until", to: SQLLiteral.null)
                .set("last_login_at", to: Timestamp.now()).where("id", .equal, row.id).run()
            try await AuditLog.record("login.success", entity: "users", id: String(row.id), provinceCode: nil, summary: "Đăng nhập", actor: actor, on: sql)
        }
        guard let user = try await find(id: row.id, on: sql) else { return .invalid }
        return .success(user)
    }

    private static let dummyHash = (try? Bcrypt.hash("không-phải-mật-khẩu-thật", cost: 10)) ?? ""

    /// Sets a new password. With `forceChange` (an administrator's reset) the user must change it at next sign-in.
    static func setPassword(userId: Int, to password: String, forceChange: Bool, passwordCost: Int, actor: Actor, on database: any Database) async throws {
        try await database.write { db in
            let sql = try db.sql()
            guard let user = try await find(id: userId, on: sql) else { throw Abort(.notFound, reason: "Không có tài khoản số \(userId).") }
            if let problem = passwordProblem(password, email: user.email) { throw ValidationFailure(problems: ["new_password": problem]) }
            try await sql.update("users").set("password_hash", to: try await hash(password, cost: passwordCost))
                .set("must_change_password", to: forceChange).set("failed_logins", to: 0).set("locked_until", to: SQLLiteral.null)
                .set("updated_at", to: Timestamp.now()).set(SQLColumn("version"), to: SQLRaw("version + 1"))
                .where("id", .equal, userId).run()
            // Other sessions of this user end: whoever knew the old password is signed out.
            try await sql.delete(from: "sessions").where("user_id", .equal, userId).run()
            try await AuditLog.record(forceChange ? "user.reset-password" : "user.change-password", entity: "users", id: String(userId), provinceCode: nil,
                                      summary: forceChange ? "Đặt lại mật khẩu cho \(user.email)" : "Đổi mật khẩu", actor: actor, on: sql)
        }
    }

    static func verifyPassword(userId: Int, _ password: String, on sql: any SQLDatabase) async throws -> Bool {
        guard let hash = try await sql.raw("SELECT password_hash FROM users WHERE id = \(bind: userId)").first(decodingColumn: "password_hash", as: String.self)
        else { return false }
        return try await verify(password, against: hash)
    }

    /// Disables or re-enables an account; disabling ends its sessions and revokes nothing else (tokens stop working with the user).
    static func setDisabled(userId: Int, _ disabled: Bool, actor: Actor, on database: any Database) async throws {
        try await database.write { db in
            let sql = try db.sql()
            guard let before = try await find(id: userId, on: sql) else { throw Abort(.notFound, reason: "Không có tài khoản số \(userId).") }
            try await sql.update("users").set("disabled", to: disabled).set("updated_at", to: Timestamp.now())
                .set(SQLColumn("version"), to: SQLRaw("version + 1")).where("id", .equal, userId).run()
            if disabled { try await sql.delete(from: "sessions").where("user_id", .equal, userId).run() }
            let after = try await find(id: userId, on: sql)
            try await AuditLog.record(disabled ? "user.disable" : "user.enable", entity: "users", id: String(userId), provinceCode: nil,
                                      summary: "\(disabled ? "Khoá" : "Mở khoá") tài khoản \(before.email)", before: before, after: after, actor: actor, on: sql)
        }
    }
}

/// Random secrets and their stored form: only the SHA-256 of a session id or API token is kept.
enum Secrets {
    static func random(bytes: Int = 32) -> String {
        var generator = SystemRandomNumberGenerator()
        let data = Data((0..<bytes).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
        return data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func hash(_ secret: String) -> String {
        SHA256.hash(data: Data(secret.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
