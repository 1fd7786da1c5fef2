import Fluent
import SQLKit

/// Each people's credit fund's figures by year as the State Bank branch reports them (members, charter capital,
/// deposits, loans outstanding, bad debt). A change bumps the fund's commune and province figure versions, as any
/// other write under an organisation does.
struct CreateCreditFundYears: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("credit_fund_years")
            .field("organization_id", .int64, .required, .references("organizations", "id", onDelete: .cascade))
            .field("year", .int64, .required)
            .field("members", .int64, .required)
            .field("charter_capital", .int64, .required)
            .field("deposits", .int64, .required)
            .field("loans", .int64, .required)
            .field("bad_debt", .int64, .required)
            .field("actor", .string, .required)
            .field("recorded_at", .string, .required)
            .unique(on: "organization_id", "year")
            .create()
        let sql = try database.sql()
        try await DataVersion.track("credit_fund_years", on: sql)
        try await FigureVersionTriggers.install([.province, .commune], tables: ["credit_fund_years"], on: sql)
    }

    func revert(on database: any Database) async throws {
        try await DataVersion.untrack("credit_fund_years", on: database.sql())
        // Dropping the table drops its figure triggers too.
        try await database.schema("credit_fund_years").delete()
    }
}
