import Fluent
import SQLKit

/// Both eras of administrative units and the 2025 crosswalk between them.
struct CreateAdminUnits: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // Provinces of both eras have the same shape.
        for table in ["provinces", "legacy_provinces"] {
            try await database.schema(table)
                .field("code", .string, .identifier(auto: false))
                .field("name", .string, .required)
                .field("name_folded", .string, .required)
                .field("latitude", .double)
                .field("longitude", .double)
                .field("valid_from", .string)
                .field("valid_to", .string)
                .create()
        }
        try await database.schema("communes")
            .field("code", .string, .identifier(auto: false))
            .field("name", .string, .required)
            .field("name_folded", .string, .required)
            .field("type", .string, .required)
            .field("province_code", .string, .required, .references("provinces", "code"))
            .field("latitude", .double)
            .field("longitude", .double)
            .field("area_km2", .double)
            .field("valid_from", .string)
            .field("valid_to", .string)
            .create()
        try await database.schema("legacy_districts")
            .field("code", .string, .identifier(auto: false))
            .field("name", .string, .required)
            .field("name_folded", .string, .required)
            .field("type", .string, .required)
            .field("province_code", .string, .required, .references("legacy_provinces", "code"))
            .field("latitude", .double)
            .field("longitude", .double)
            .create()
        try await database.schema("legacy_communes")
            .field("code", .string, .identifier(auto: false))
            .field("name", .string, .required)
            .field("name_folded", .string, .required)
            .field("type", .string, .required)
            .field("district_code", .string, .required, .references("legacy_districts", "code"))
            .field("province_code", .string, .required, .references("legacy_provinces", "code"))
            .field("latitude", .double)
            .field("longitude", .double)
            .field("valid_from", .string)
            .field("valid_to", .string)
            .create()
        try await database.schema("commune_successions")
            .field("legacy_code", .string, .required, .references("legacy_communes", "code"))
            .field("code_2025", .string, .required, .references("communes", "code"))
            .field("is_split", .bool, .required)
            .field("is_default", .bool, .required)
            .unique(on: "legacy_code", "code_2025")
            .create()
        try await database.schema("province_successions")
            .field("legacy_code", .string, .required, .references("legacy_provinces", "code"))
            .field("code_2025", .string, .required, .references("provinces", "code"))
            .unique(on: "legacy_code")
            .create()
        let sql = try database.sql()
        try await sql.create(index: "communes_province").on("communes").column("province_code").run()
        try await sql.create(index: "legacy_communes_district").on("legacy_communes").column("district_code").run()
        try await sql.create(index: "legacy_districts_province").on("legacy_districts").column("province_code").run()
        try await sql.create(index: "commune_successions_2025").on("commune_successions").column("code_2025").run()
    }

    func revert(on database: any Database) async throws {
        for table in ["province_successions", "commune_successions", "legacy_communes", "legacy_districts", "legacy_provinces", "communes", "provinces"] {
            try await database.schema(table).delete()
        }
    }
}
