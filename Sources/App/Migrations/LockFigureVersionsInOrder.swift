import Fluent
import SQLKit

/// PostgreSQL databases made before the figure versions were locked in the order of their names get the trigger
/// function that does (see `FigureVersionTriggers.replaceFunction`); SQLite writes one at a time and has no function.
struct LockFigureVersionsInOrder: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = try database.sql()
        if sql.isPostgres { try await FigureVersionTriggers.replaceFunction([.province, .commune], on: sql) }
    }

    /// The earlier function deadlocked under concurrent writers, so reverting keeps this one.
    func revert(on database: any Database) async throws {}
}
