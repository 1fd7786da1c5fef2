import Fluent
import SQLKit

/// Each commune's population by year, from the statistics office's tables: what "≥ 20% of the population in
/// collective organisations" is measured against. Imports bump the figure versions of the communes they change.
struct CreatePopulations: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("populations")
            .field("commune_code", .string, .required, .references("communes", "code", onDelete: .restrict))
            .field("year", .int64, .required)
            .field("population", .int64, .required)
            .field("actor", .string, .required)
            .field("recorded_at", .string, .required)
            .unique(on: "commune_code", "year")
            .create()
        try await DataVersion.track("populations", on: database.sql())
    }

    func revert(on database: any Database) async throws {
        try await DataVersion.untrack("populations", on: database.sql())
        try await database.schema("populations").delete()
    }
}
