import Fluent
import Foundation
import HopTacCore
import SQLKit

/// What the product tells people by mail, and to whom. Each function returns or queues the letters for one kind of
/// event; `Outbox` stores them and `MailSender` sends them.
enum Notices {
    static let signature = "\n\n—\nHợpTác · Hệ thống quản lý nhà nước về kinh tế tập thể.\nThư gửi tự động; xin đừng trả lời thư này."

    /// Where a cooperative hears about its own record: its accounts' addresses or, when it has no working account,
    /// the address in its record. Each address once.
    static func cooperativeAddresses(organization: OrganizationRecord, on sql: any SQLDatabase) async throws -> [MailAddress] {
        struct Row: Decodable { let email: String; let displayName: String }
        let accounts = try await sql.raw("""
            SELECT email, display_name FROM users
            WHERE organization_id = \(bind: organization.id) AND role = \(bind: Role.cooperative.rawValue) AND disabled = \(bind: false) ORDER BY id
            """).all(decoding: Row.self, keyDecodingStrategy: .snakeCaseColumns)
        var seen: Set<String> = []
        let addresses = accounts.compactMap { MailAddress($0.email, name: $0.displayName) }.filter { seen.insert($0.address.lowercased()).inserted }
        if !addresses.isEmpty { return addresses }
        return organization.email.flatMap { MailAddress($0, name: organization.name) }.map { [$0] } ?? []
    }

    /// A report sent back or approved: the cooperative hears of it, with the reason and a link to the report.
    static func reportDecided(_ action: ReportAction, organization: OrganizationRecord, year: Int, actor: Actor,
                              mail: MailSettings?, on sql: any SQLDatabase) async throws -> [Outbox.Letter] {
        guard let mail else { return [] }
        let link = mail.link("/organizations/\(organization.id)/reports/\(year)")
        let (kind, subject, text): (String, String, String)
        switch action {
        case .return(let reason):
            // Read only here: every other step of every report would otherwise look the calendar up for nothing.
            let deadline = try await ReportQueries.calendar(year: year, on: sql).deadline(for: .cooperative, year: year)
            kind = "report.returned"
            subject = "Báo cáo năm \(year) của \(organization.name) bị trả lại"
            text = """
                Báo cáo năm \(year) của \(organization.name) đã được \(actor.name) trả lại ngày \(Day.today().vietnamese), với lý do:

                    \(reason.trimmed)

                Xin sửa và gửi lại trước hạn \(deadline.vietnamese) tại:
                \(link)
                """
        case .approve:
            kind = "report.approved"
            subject = "Báo cáo năm \(year) của \(organization.name) đã được phê duyệt"
            text = """
                Báo cáo năm \(year) của \(organization.name) đã được \(actor.name) phê duyệt ngày \(Day.today().vietnamese) và khóa sổ.

                Xem báo cáo và kết quả xếp loại tại:
                \(link)
                """
        case .edit, .submit, .accept, .consolidate, .reopen:
            return []
        }
        return try await cooperativeAddresses(organization: organization, on: sql).map { to in
            Outbox.Letter(kind: kind, to: to, subject: subject, body: "Kính gửi \(to.name ?? organization.name),\n\n" + text + signature, dedupeKey: nil)
        }
    }

    /// A one-time link to choose a new password, valid for `PasswordResets.lifetime`.
    static func passwordReset(to: MailAddress, link: String, validUntil: String) -> Outbox.Letter {
        Outbox.Letter(kind: "password.reset", to: to, subject: "Đặt lại mật khẩu HợpTác", body: """
            Kính gửi \(to.name ?? to.address),

            Có yêu cầu đặt lại mật khẩu cho tài khoản \(to.address). Để chọn mật khẩu mới, mở liên kết sau (dùng được một lần, đến \(validUntil)):
            \(link)

            Nếu bạn không yêu cầu, hãy bỏ qua thư này: mật khẩu hiện tại vẫn giữ nguyên.
            """ + signature, dedupeKey: nil)
    }

    /// Which reminder a deadline `daysLeft` away belongs to: a week before, the day before, and once overdue. The
    /// window (not the exact day) keys the letter, so a server that was down on the day still sends it, once.
    static func reminderWindow(daysLeft: Int) -> String? {
        if daysLeft < 0 { return "overdue" }
        if daysLeft <= 1 { return "1" }
        if daysLeft <= ReportingReminder.soonDays { return "7" }
        return nil
    }

    /// Queues the reporting round's reminders due on `day`: each cooperative account whose report is not sent, each
    /// commune officer with reports to accept or consolidate, each province officer with communes' rounds to approve.
    static func queueDeadlineReminders(on day: Day, mail: MailSettings?, on database: any Database) async throws {
        guard let mail else { return }
        let sql = try database.sql()
        let (year, calendar) = try await Reminders.round(on: day, on: sql)
        var letters: [Outbox.Letter] = []

        struct Cooperative: Decodable { let userId: Int; let email: String; let displayName: String; let organizationId: Int; let name: String; let state: String? }
        let cooperatives = try await sql.raw("""
            SELECT u.id AS user_id, u.email, u.display_name, o.id AS organization_id, o.name, r.state
            FROM users u JOIN organizations o ON o.id = u.organization_id
            LEFT JOIN annual_reports r ON r.organization_id = o.id AND r.year = \(bind: year)
            WHERE u.role = \(bind: Role.cooperative.rawValue) AND u.disabled = \(bind: false) AND \(ReportQueries.owesReport(year: year))
            """).all(decoding: Cooperative.self, keyDecodingStrategy: .snakeCaseColumns)
        for row in cooperatives {
            guard let reminder = ReportingReminder.forOrganization(name: row.name, year: year, state: row.state.flatMap(ReportState.init(rawValue:)),
                                                                   calendar: calendar, today: day),
                  let window = reminderWindow(daysLeft: reminder.daysLeft), let to = MailAddress(row.email, name: row.displayName) else { continue }
            letters.append(reminderLetter(reminder, to: to, link: mail.link("/organizations/\(row.organizationId)/reports/\(year)"),
                                          key: "reminder|\(year)|submit|\(window)|\(row.userId)"))
        }

        struct Officer: Decodable { let id: Int; let email: String; let displayName: String; let role: String; let unitCode: String? }
        let officers = try await sql.raw("""
            SELECT id, email, display_name, role, unit_code FROM users
            WHERE role IN (\(binds: [Role.communeOfficer.rawValue, Role.provinceOfficer.rawValue])) AND disabled = \(bind: false) AND unit_code IS NOT NULL
            """).all(decoding: Officer.self, keyDecodingStrategy: .snakeCaseColumns)
        guard !officers.isEmpty else { return try await Outbox.enqueue(letters, mail: mail, on: sql) }
        struct Count: Decodable { let communeCode: String; let provinceCode: String; let state: String?; let n: Int }
        let counts = try await sql.raw("""
            SELECT o.commune_code, o.province_code, r.state, COUNT(*) AS n FROM organizations o
            LEFT JOIN annual_reports r ON r.organization_id = o.id AND r.year = \(bind: year)
            WHERE \(ReportQueries.owesReport(year: year)) GROUP BY o.commune_code, o.province_code, r.state
            """).all(decoding: Count.self, keyDecodingStrategy: .snakeCaseColumns)
        for officer in officers {
            guard let unit = officer.unitCode, let to = MailAddress(officer.email, name: officer.displayName) else { continue }
            let commune = officer.role == Role.communeOfficer.rawValue
            var mine: [ReportState?: Int] = [:]
            for count in counts where (commune ? count.communeCode : count.provinceCode) == unit {
                mine[count.state.flatMap(ReportState.init(rawValue:)), default: 0] += count.n
            }
            let steps: [ReportingReminder.Step] = commune ? [.accept, .consolidate] : [.approve]
            for reminder in ReportingReminder.forArea(year: year, calendar: calendar, today: day, steps: steps, counts: mine) {
                guard let window = reminderWindow(daysLeft: reminder.daysLeft) else { continue }
                letters.append(reminderLetter(reminder, to: to, link: mail.link("/reports?year=\(year)&state=\(reminder.step.listFilter)"),
                                              key: "reminder|\(year)|\(reminder.step.rawValue)|\(window)|\(officer.id)"))
            }
        }
        try await Outbox.enqueue(letters, mail: mail, on: sql)
    }

    private static func reminderLetter(_ reminder: ReportingReminder, to: MailAddress, link: String, key: String) -> Outbox.Letter {
        Outbox.Letter(kind: "reminder.\(reminder.step.rawValue)", to: to,
                      subject: "Nhắc hạn báo cáo năm \(reminder.year): " + ReportingReminder.dueText(deadline: reminder.deadline, daysLeft: reminder.daysLeft),
                      body: "Kính gửi \(to.name ?? to.address),\n\n\(reminder.message)\n\nXem và xử lý tại:\n\(link)" + signature, dedupeKey: key)
    }
}
