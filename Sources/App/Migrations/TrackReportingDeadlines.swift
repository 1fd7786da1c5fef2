import Fluent
import SQLKit

/// Figures count reports as on time against the year's deadline, so a changed deadline must drop the cached figures
/// like any other write they are computed from.
struct TrackReportingDeadlines: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await DataVersion.track("reporting_deadlines", on: database.sql())
    }

    func revert(on database: any Database) async throws {
        try await DataVersion.untrack("reporting_deadlines", on: database.sql())
    }
}
