import Fluent
import SQLKit

/// The home page counts the organisations waiting for a dormancy notice or a decision, cached against the tables it
/// reads: a notice sent must drop that count like any other write.
struct TrackDormancyNotices: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await DataVersion.track("dormancy_notices", on: database.sql())
    }

    func revert(on database: any Database) async throws {
        try await DataVersion.untrack("dormancy_notices", on: database.sql())
    }
}
