import Foundation
import HopTacCore
import SQLKit

/// Letters about a programme's tasks: a task gone past its deadline goes to its lead agency's officers, a request for
/// more time to the programme's managers, and the decision to whoever asked.
extension Notices {
    /// Working accounts that can do something with tasks, for matching against a programme's managers or a lead.
    private static func taskOfficers(on sql: any SQLDatabase) async throws -> [UserRecord] {
        try await sql.raw("""
            SELECT \(unsafeRaw: UserRecord.columns) FROM users
            WHERE disabled = \(bind: false) AND role NOT IN (\(binds: [Role.cooperative.rawValue, Role.nationalViewer.rawValue])) ORDER BY id
            """).all(decoding: UserRecord.self, keyDecodingStrategy: .snakeCaseColumns).filter { $0.principal.can(.reportTaskProgress) }
    }

    /// Each officer of an agency that leads tasks, with the tasks of theirs they can see (all, or the one `taskId`).
    private static func leadOfficers(taskId: Int?, today: Day, on sql: any SQLDatabase) async throws -> [(officer: UserRecord, tasks: [TaskRecord])] {
        var found: [(officer: UserRecord, tasks: [TaskRecord])] = []
        for officer in try await taskOfficers(on: sql) {
            let agency = foldForSearch(officer.department ?? "")
            guard !agency.isEmpty else { continue }
            let tasks = try await ProgrammeQueries.tasks(.init(taskId: taskId, agency: agency), visibleTo: officer.principal, today: today, on: sql)
            if !tasks.isEmpty { found.append((officer, tasks)) }
        }
        return found
    }

    private static func taskName(_ task: TaskRecord) -> String {
        "nhiệm vụ\(task.number.map { " \($0)" } ?? "") của \(task.programmeSymbol)"
    }

    private static func letter(kind: String, to officer: UserRecord, subject: String, text: String, key: String?) -> Outbox.Letter? {
        guard let to = MailAddress(officer.email, name: officer.displayName) else { return nil }
        return Outbox.Letter(kind: kind, to: to, subject: subject, body: "Kính gửi \(officer.displayName),\n\n" + text + signature, dedupeKey: key)
    }

    /// Queues a letter for each task that went past its deadline (after extensions) to each officer of its lead agency,
    /// once per deadline: an extension granted and missed again is told again.
    static func queueOverdueTasks(on day: Day, mail: MailSettings?, on sql: any SQLDatabase) async throws {
        guard let mail else { return }
        var letters: [Outbox.Letter] = []
        for (officer, tasks) in try await leadOfficers(taskId: nil, today: day, on: sql) {
            for task in tasks where task.status == .overdue {
                let deadline = task.effectiveDeadline?.label ?? "không ghi"
                let text = """
                    \(taskName(task).prefix(1).uppercased() + taskName(task).dropFirst()), do \(task.lead) chủ trì, đã quá thời hạn \(deadline) mà chưa báo cáo hoàn thành:

                        \(task.text)

                    Xin báo cáo tiến độ hoặc xin gia hạn tại:
                    \(mail.link("/tasks/\(task.id)"))
                    """
                if let letter = letter(kind: "task.overdue", to: officer, subject: "Quá hạn: \(taskName(task)) (hạn \(deadline))", text: text,
                                       key: "task-overdue|\(task.id)|\(task.effectiveDeadline?.text ?? "")|\(officer.id)") {
                    letters.append(letter)
                }
            }
        }
        try await Outbox.enqueue(letters, mail: mail, on: sql)
    }

    /// A request for more time: the officers who manage the programme hear of it, to decide.
    static func extensionRequested(_ request: ExtensionRequest, task: TaskRecord, programme: ProgrammeRecord, area: Area, actor: Actor,
                                   mail: MailSettings?, on sql: any SQLDatabase) async throws -> [Outbox.Letter] {
        guard let mail else { return [] }
        let managers = try await taskOfficers(on: sql).filter { ProgrammeAccess.canManage(programme, $0.principal, area: area) && $0.id != actor.userId }
        let text = """
            \(actor.name) (\(task.lead)) xin gia hạn \(taskName(task)) đến \(request.newDeadline.label), với lý do:

                \(request.reason)

            Nhiệm vụ: \(task.text)
            Xem và quyết định tại:
            \(mail.link("/tasks/\(task.id)"))
            """
        return managers.compactMap {
            letter(kind: "task.extension_requested", to: $0, subject: "Xin gia hạn \(taskName(task)) đến \(request.newDeadline.label)", text: text, key: nil)
        }
    }

    /// A decision on a request for more time: whoever asked hears of it or, for a request made before accounts were
    /// recorded (or by an account since disabled), the lead agency's officers.
    static func extensionDecided(_ decided: ExtensionRequest, extensionId: Int, task: TaskRecord, mail: MailSettings?,
                                 on sql: any SQLDatabase) async throws -> [Outbox.Letter] {
        guard let mail else { return [] }
        let requester = try await sql.raw("SELECT requested_by_user_id FROM task_extensions WHERE id = \(bind: extensionId)")
            .first(decodingColumn: "requested_by_user_id", as: Int?.self) ?? nil
        var recipients: [UserRecord] = []
        if let requester, let user = try await UserStore.find(id: requester, on: sql), !user.disabled { recipients = [user] }
        if recipients.isEmpty { recipients = try await leadOfficers(taskId: task.id, today: Day.today(), on: sql).map(\.officer) }
        let outcome = decided.state == .approved ? "được chấp thuận" : "không được chấp thuận"
        let text = """
            Yêu cầu gia hạn \(taskName(task)) đến \(decided.newDeadline.label) \(outcome)\(decided.decidedBy.map { " (\($0), ngày \(decided.decidedOn?.vietnamese ?? Day.today().vietnamese))" } ?? "").
            \(decided.state == .approved ? "Thời hạn mới của nhiệm vụ là \(decided.newDeadline.label)." : "Thời hạn của nhiệm vụ giữ nguyên: \(task.effectiveDeadline?.label ?? "không ghi").")

            Nhiệm vụ: \(task.text)
            \(mail.link("/tasks/\(task.id)"))
            """
        return recipients.compactMap {
            letter(kind: "task.extension_decided", to: $0, subject: "Gia hạn \(taskName(task)) \(outcome)", text: text, key: nil)
        }
    }
}
