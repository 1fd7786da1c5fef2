import Foundation
import HopTacCore
import NIOCore
import SQLKit
import Vapor

/// Delivers the outbox while the server runs (registered by `configure` when mail is on). Every `interval` it sends
/// what is due (every ten minutes it first writes the day's deadline reminders and overdue tasks into the outbox), one letter per connection; a failure leaves
/// the letter for a later attempt with its error, visible at `/mail`.
final class MailSender: LifecycleHandler, @unchecked Sendable {
    private let settings: MailSettings
    // Set in `didBoot`, cleared in `shutdown`, both on the application's start-up thread.
    private var task: Task<Void, Never>?

    init(settings: MailSettings) {
        self.settings = settings
    }

    func didBootAsync(_ application: Application) async throws {
        let settings = settings
        task = Task {
            let client = SMTPClient(settings: settings.smtp, group: application.eventLoopGroup)
            var remindersQueued: ContinuousClock.Instant?
            while !Task.isCancelled {
                do {
                    let sql = try application.db.sql()
                    // Reminders change with the day, the round's states and tasks' progress: looking every ten minutes is plenty.
                    if remindersQueued.map({ $0.duration(to: .now) > .seconds(600) }) ?? true {
                        try await Notices.queueDeadlineReminders(on: Day.today(), mail: settings, on: application.db)
                        try await Notices.queueOverdueTasks(on: Day.today(), mail: settings, on: sql)
                        remindersQueued = .now
                    }
                    try await Self.deliverDue(client: client, settings: settings, on: sql)
                } catch {
                    application.logger.warning("Hộp thư đi: \(String(describing: error))")
                }
                try? await Task.sleep(for: settings.interval)
            }
        }
    }

    func shutdownAsync(_ application: Application) async {
        task?.cancel()
        await task?.value
        task = nil
    }

    /// One pass over the letters whose turn has come.
    static func deliverDue(client: SMTPClient, settings: MailSettings, on sql: any SQLDatabase) async throws {
        for row in try await Outbox.due(limit: 50, on: sql) where !Task.isCancelled {
            guard try await Outbox.claim(row, on: sql) else { continue }
            guard let to = MailAddress(row.recipient, name: row.recipientName) else {
                try await Outbox.markFailed(row, error: "Địa chỉ người nhận không hợp lệ.", firstRetry: settings.firstRetry, on: sql)
                continue
            }
            do {
                try await client.send(MailMessage(from: settings.from, to: to, subject: row.subject, body: row.body),
                                      id: "hoptac-\(row.id)-\(row.createdAt.filter(\.isNumber))", date: Date())
                try await Outbox.markSent(row.id, on: sql)
            } catch {
                try await Outbox.markFailed(row, error: String(describing: error), firstRetry: settings.firstRetry, on: sql)
            }
        }
    }
}
