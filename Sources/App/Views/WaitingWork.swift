import HopTacCore
import Plot
import SQLKit
import Vapor

/// What waits for a signed-in user today, each with the page that deals with it, most pressing first: the reporting
/// round's steps (see `Reminders`), organisations that seem to have stopped operating, the tasks their agency leads
/// that are overdue or due within a month, and extension requests waiting for the issuing body.
enum WaitingWork {
    struct Item: Sendable {
        let message: String
        let url: String
        let action: String
        let urgency: ReportingReminder.Urgency

        init(message: String, url: String, action: String, urgency: ReportingReminder.Urgency) {
            self.message = message
            self.url = url
            self.action = action
            self.urgency = urgency
        }

        init(_ reminder: Reminders.Item) {
            self.init(message: reminder.message, url: reminder.url,
                      action: reminder.url.hasPrefix("/organizations") ? "Mở báo cáo" : "Xem danh sách", urgency: reminder.urgency)
        }

        /// An item about `count` things, which `message` words after the formatted count; none when there are none.
        static func counting(_ count: Int, _ message: String, url: String, action: String, urgency: ReportingReminder.Urgency) -> Item? {
            count > 0 ? Item(message: "\(VietnameseNumber.format(count)) \(message)", url: url, action: action, urgency: urgency) : nil
        }
    }

    /// Tasks due within this many days count as waiting.
    static let taskHorizonDays = 30

    /// The items, and the year of the reporting round they speak of.
    static func items(for principal: Principal, req: Request) async throws -> (round: Int, items: [Item]) {
        let today = Day.today()
        let (round, reminders) = try await Reminders.items(for: principal, on: today, req: req)
        var items = reminders.map(Item.init)
        // Notices are the work of a province's or a commune's officers; a national view has no such step to take.
        switch principal.readScope {
        case .province, .commune: if principal.can(.reviewDormancy) { items += try await dormancy(principal, today: today, req: req) }
        default: break
        }
        if principal.can(.reportTaskProgress), let department = req.context.user?.department, !department.trimmed.isEmpty {
            items += try await agencyTasks(principal, department: department, today: today, on: try req.db.sql())
        }
        if principal.can(.manageProgrammes) { items += try await extensionRequests(principal, today: today, on: try req.db.sql()) }
        let order: [ReportingReminder.Urgency] = [.overdue, .dueToday, .soon, .upcoming]
        return (round, items.enumerated().sorted { a, b in
            let (x, y) = (order.firstIndex(of: a.element.urgency) ?? 0, order.firstIndex(of: b.element.urgency) ?? 0)
            return x != y ? x < y : a.offset < b.offset
        }.map(\.element))
    }

    /// Organisations to send a notice to, and notices whose reply date has passed (a decision is due). Counted once
    /// per day and version of the tables the dormancy rules read: the home page asks on every visit.
    private static func dormancy(_ principal: Principal, today: Day, req: Request) async throws -> [Item] {
        let sql = try req.db.sql()
        let scope = principal.readScope
        let (flagged, lapsed) = try await req.application.liveCache.value("dormancy-waiting|\(scope)|\(today.iso)",
                                                                          from: ["organizations", "annual_reports", "dormancy_notices"], on: sql) {
            var filter = OrganizationFilter()
            filter.scope = scope
            let rows = try await DormancyController.rows(filter: filter, asOf: today, on: sql)
            return (rows.filter { $0.stage == .flagged }.count,
                    rows.filter { $0.stage == .notified && ($0.replyBy.map { $0 < today } ?? false) }.count)
        }
        return [Item.counting(flagged, "tổ chức có dấu hiệu ngừng hoạt động, chưa được gửi thông báo.",
                              url: "/dormant?stage=\(DormancyController.Stage.flagged.rawValue)", action: "Xem danh sách", urgency: .soon),
                Item.counting(lapsed, "tổ chức đã quá hạn trả lời thông báo ngừng hoạt động: cần quyết định.",
                              url: "/dormant?stage=\(DormancyController.Stage.notified.rawValue)", action: "Xem danh sách", urgency: .overdue)].compactMap { $0 }
    }

    /// The user's agency's tasks that are overdue, or due within `taskHorizonDays`.
    private static func agencyTasks(_ principal: Principal, department: String, today: Day, on sql: any SQLDatabase) async throws -> [Item] {
        let tasks = try await ProgrammeQueries.tasks(.init(agency: foldForSearch(department)), visibleTo: principal, today: today, on: sql)
        let overdue = tasks.filter { $0.status == .overdue }.count
        let soon = tasks.filter { task in
            guard task.status == .inProgress, let due = task.effectiveDeadline?.dueDay else { return false }
            return due <= today.adding(days: taskHorizonDays)
        }.count
        return [Item.counting(overdue, "nhiệm vụ do \(department) chủ trì đã quá hạn, chưa hoàn thành.",
                              url: "/tasks?agency=mine&status=overdue", action: "Xem nhiệm vụ", urgency: .overdue),
                Item.counting(soon, "nhiệm vụ do \(department) chủ trì đến hạn trong \(taskHorizonDays) ngày tới.",
                              url: "/tasks?agency=mine&sort=deadline", action: "Xem nhiệm vụ", urgency: .soon)].compactMap { $0 }
    }

    /// Requests for more time on tasks of programmes the user's unit issued, not yet decided.
    private static func extensionRequests(_ principal: Principal, today: Day, on sql: any SQLDatabase) async throws -> [Item] {
        let waiting = try await ProgrammeQueries.tasks(.init(), visibleTo: principal, today: today, on: sql)
            .filter { $0.extensions.contains { $0.state == .requested } }
        // Only the issuing body decides: a commune sees a province's programme but does not rule on its tasks.
        var decidable: [TaskRecord] = []
        var managed: [Int: Bool] = [:]
        for task in waiting {
            if managed[task.programmeId] == nil {
                let programme = try await ProgrammeQueries.programme(task.programmeId, visibleTo: principal, on: sql)
                managed[task.programmeId] = ProgrammeAccess.canManage(programme, principal, area: try await programme.area(on: sql))
            }
            if managed[task.programmeId] == true { decidable.append(task) }
        }
        return decidable.prefix(10).map { task in
            Item(message: "Xin gia hạn nhiệm vụ “\(task.text.prefix(80))” (\(task.programmeSymbol), \(task.lead) chủ trì) đang chờ quyết định.",
                 url: "/tasks/\(task.id)", action: "Quyết định", urgency: .soon)
        }
    }
}

extension Node where Context == HTML.BodyContext {
    /// A list of waiting work, coloured by urgency, each with its link.
    static func workList(_ items: [WaitingWork.Item]) -> Node {
        .ul(.class("reminders"), .forEach(items) { item in
            .li(.class("reminder \(item.urgency.rawValue)"), .text(item.message + " "), .a(.href(item.url), .text(item.action)))
        })
    }
}
