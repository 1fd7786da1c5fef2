import Foundation
import HopTacCore
import SQLKit
import Vapor

/// The report on carrying out an action programme for a period (a quarter, six or nine months, a year, the sơ kết
/// or the tổng kết): each target as the dashboard measures it, each task as it stood at the end of the period with
/// its lead agency and what was reported on it during the period, and the lead agencies' scorecard.
enum ProgrammeReportDocument {
    static let facts = [
        "programme_symbol", "programme_title", "programme_issued_on", "programme_issuer", "programme_years", "period", "period_from", "period_to",
        "targets_total", "targets_achieved", "targets_on_track", "targets_at_risk", "targets_off_track", "targets_no_data",
        "tasks_total", "tasks_done_on_time", "tasks_done_late", "tasks_in_progress", "tasks_overdue", "tasks_due", "progress_reports",
    ]
    static let tables = ["targets", "tasks", "agencies"]

    static func content(_ subject: DocumentSubject, on req: Request) async throws -> DocumentContent {
        guard let programme = subject.programme, let period = subject.period, let days = subject.days else {
            throw Abort(.badRequest, reason: "Cần chọn chương trình và kỳ báo cáo.")
        }
        let sql = try req.db.sql()
        let today = Day.today()
        // Tasks stand as they did on the period's last day; targets are judged on the years whose round had closed by then.
        let asOf = min(days.upperBound, today)
        let measuredOn = min(days.upperBound.adding(days: 1), today)
        let years = programme.years

        let measured = try await ProgrammeQueries.assess(try await ProgrammeQueries.targets(programmeId: programme.id, on: sql), in: subject.area,
                                                         today: measuredOn, on: req)
        let statuses = Dictionary(grouping: measured, by: \.assessment.status).mapValues(\.count)
        let targetRows = measured.enumerated().map { index, item in [String(index + 1), item.indicatorLabel] + cells(item) }

        let tasks = try await ProgrammeQueries.tasks(.init(programmeId: programme.id), visibleTo: .system, today: asOf, on: sql).filter { $0.assignedOn <= asOf }
        let reported = tasks.flatMap(\.progress).filter { days.contains($0.reportedOn) && $0.reportedOn <= asOf }
        let taskRows = tasks.enumerated().map { index, task in
            let lastReport = task.progress.filter { days.contains($0.reportedOn) && $0.reportedOn <= asOf }.max { ($0.reportedOn, $0.id) < ($1.reportedOn, $1.id) }
            let outcome = lastReport.map { report in
                "\(report.reportedOn.vietnamese): " + String(report.note.prefix(400)) + (report.evidenceName.map { " (minh chứng: \($0))" } ?? "")
            } ?? "Không có báo cáo trong kỳ"
            let lead = task.lead.isEmpty ? AgencyScorecard.unknownAgency : task.lead
            return [String(index + 1), task.text,
                    lead + (task.coordinating.isEmpty ? "" : "; phối hợp: " + task.coordinating.joined(separator: ", ")), task.when,
                    task.status.label + (task.status == .inProgress || task.status == .overdue ? " (\(Show.number(task.percent, fractionDigits: 0))%)" : ""), outcome]
        }
        let count = { (status: TaskStatus) in tasks.filter { $0.status == status }.count }
        let due = tasks.filter { task in task.effectiveDeadline.map { days.contains($0.dueDay) } ?? false }.count

        let values: [String: String] = [
            "programme_symbol": programme.symbol, "programme_title": programme.title, "programme_issued_on": Show.day(programme.issuedOn),
            "programme_issuer": programme.issuer, "programme_years": "\(years.lowerBound) - \(years.upperBound)",
            "period": period.label(year: subject.year, programme: years), "period_from": days.lowerBound.vietnamese, "period_to": asOf.vietnamese,
            "targets_total": Show.number(measured.count), "targets_achieved": Show.number(statuses[.achieved] ?? 0),
            "targets_on_track": Show.number(statuses[.onTrack] ?? 0), "targets_at_risk": Show.number(statuses[.atRisk] ?? 0),
            "targets_off_track": Show.number(statuses[.offTrack] ?? 0), "targets_no_data": Show.number(statuses[.noData] ?? 0),
            "tasks_total": Show.number(tasks.count), "tasks_done_on_time": Show.number(count(.doneOnTime)), "tasks_done_late": Show.number(count(.doneLate)),
            "tasks_in_progress": Show.number(count(.inProgress)), "tasks_overdue": Show.number(count(.overdue)), "tasks_due": Show.number(due),
            "progress_reports": Show.number(reported.count),
        ]
        let targetTable = DocumentTable(title: "Bảng 1. Kết quả thực hiện các chỉ tiêu", unit: nil,
                                        columns: [.init("STT", weight: 0.8, numeric: true), .init("Chỉ tiêu", weight: 3), .init("Mục tiêu", weight: 2.2),
                                                  .init("Kết quả", weight: 1.4, numeric: true), .init("Đánh giá", weight: 3)],
                                        rows: targetRows.isEmpty ? [["", "Chương trình không có chỉ tiêu đo được bằng số liệu.", "", "", ""]] : targetRows)
        let taskTable = DocumentTable(title: "Bảng 2. Kết quả thực hiện các nhiệm vụ đến ngày \(asOf.vietnamese)", unit: nil,
                                      columns: [.init("STT", weight: 0.8, numeric: true), .init("Nhiệm vụ", weight: 3.4), .init("Cơ quan chủ trì, phối hợp", weight: 2),
                                                .init("Thời hạn", weight: 1.2), .init("Tình trạng", weight: 1.5), .init("Kết quả, minh chứng trong kỳ", weight: 2.8)],
                                      rows: taskRows.isEmpty ? [["", "Chương trình chưa có nhiệm vụ nào được giao.", "", "", "", ""]] : taskRows)
        let agencyTable = scorecardTable(tasks, title: "Bảng 3. Kết quả thực hiện nhiệm vụ theo cơ quan chủ trì")
        return DocumentContent(values: values, tables: ["targets": targetTable, "tasks": taskTable, "agencies": agencyTable])
    }

    /// A measured target as a report writes it: the goal, the latest value with its year, the status and why.
    static func cells(_ item: ProgrammeQueries.Measured) -> [String] {
        let assessment = item.assessment
        return [ProgrammePages.goal(item.target.target),
                ProgrammePages.value(assessment.current?.value, unit: item.target.unit) + (assessment.current.map { " (\($0.year))" } ?? ""),
                assessment.status.label + (assessment.reason.isEmpty ? "" : ": " + assessment.reason)]
    }

    /// The tasks by lead agency, as the scorecard counts them, with their total.
    static func scorecardTable(_ tasks: [TaskRecord], title: String) -> DocumentTable {
        let card = AgencyScorecard.rows(tasks.map { ($0.lead, $0.status) })
        let sum = { (count: (AgencyScorecard) -> Int) in Show.number(card.map(count).reduce(0, +)) }
        return DocumentTable(title: title, unit: "Đơn vị: nhiệm vụ",
                             columns: [.init("Cơ quan chủ trì", weight: 3), .init("Được giao", weight: 1, numeric: true),
                                       .init("Hoàn thành đúng hạn", weight: 1.2, numeric: true), .init("Hoàn thành quá hạn", weight: 1.2, numeric: true),
                                       .init("Đang thực hiện trong hạn", weight: 1.2, numeric: true), .init("Quá hạn chưa hoàn thành", weight: 1.2, numeric: true)],
                             rows: card.map { [$0.agency, Show.number($0.assigned), Show.number($0.doneOnTime), Show.number($0.doneLate),
                                               Show.number($0.inProgress), Show.number($0.overdue)] },
                             total: card.isEmpty ? nil : ["Tổng cộng", Show.number(tasks.count), sum(\.doneOnTime), sum(\.doneLate), sum(\.inProgress), sum(\.overdue)])
    }
}
