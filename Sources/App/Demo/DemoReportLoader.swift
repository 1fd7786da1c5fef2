import Fluent
import Foundation
import HopTacCore
import SQLKit

/// The demo's annual reports (2021 to the open round of 2026) and the classification of every closed year.
enum DemoReportLoader {
    static let closedYears = DemoReports.years.lowerBound...(DemoReports.years.upperBound - 1)

    /// Writes the reports of the organisations that report; `ids` are their row ids in generator order.
    static func insert(_ organizations: [DemoOrganization], ids: (Int) -> Int, seed: UInt64, on sql: any SQLDatabase,
                       progress: @escaping @Sendable (Int, Int) -> Void) async throws -> Int {
        let fields = ReportField.allCases
        let columns = fields.map(\.rawValue) + ["self_assessed", "organization_id", "year", "state", "submitted_at", "accepted_at",
                                                 "consolidated_at", "approved_at", "version", "created_at", "updated_at"]
        var rows: [[any Encodable & Sendable]] = []
        var written = 0
        let reporting = organizations.indices.filter { organizations[$0].type.filesAnnualReport }
        for (done, index) in reporting.enumerated() {
            for generated in DemoReports.generate(organizationId: ids(index), organization: organizations[index], seed: seed) {
                let r = generated.report
                func at(_ day: Day?, _ time: String) -> String? { day.map { "\($0.iso)T\(time)Z" } }
                let submitted = at(generated.submittedOn, "08:00:00")
                let reviewed = generated.state == .submitted || generated.state == .draft || generated.state == .returned ? nil : at(generated.submittedOn.map { $0.adding(days: 1) }, "09:00:00")
                let closed = generated.state == .approved ? at(Day(year: r.year, month: 12, day: 20), "10:00:00") : nil
                var row: [any Encodable & Sendable] = fields.map { $0.stored(in: r).encodable }
                row += [r.selfAssessedJSON, r.organizationId, r.year, generated.state.rawValue,
                        submitted, reviewed, closed, closed, 1, submitted ?? "\(r.year)-11-01T08:00:00Z", closed ?? submitted ?? "\(r.year)-11-01T08:00:00Z"]
                rows.append(row)
            }
            if rows.count >= 2_000 || done == reporting.count - 1 {
                try await sql.insertBatches(into: "annual_reports", columns: columns, rows: rows)
                written += rows.count
                rows.removeAll(keepingCapacity: true)
                progress(done + 1, reporting.count)
            }
        }
        return written
    }
}
