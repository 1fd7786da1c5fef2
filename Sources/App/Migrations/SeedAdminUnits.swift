import Fluent
import HopTacCore
import SQLKit

/// Loads the bundled administrative units (about 24,000 rows) in batches.
struct SeedAdminUnits: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let catalog = try AdminUnitCatalog.bundled()
        let sql = try database.sql()
        let from2025 = AdminUnitCatalog.reorganisationDay.iso
        let legacyTo = AdminUnitCatalog.legacyLastDay.iso
        let none: String? = nil
        try await sql.insertBatches(into: "provinces", columns: ["code", "name", "name_folded", "latitude", "longitude", "valid_from", "valid_to"],
                                    rows: catalog.provinces.map { [$0.code, $0.name, foldForSearch($0.name), $0.latitude, $0.longitude, from2025, none] })
        try await sql.insertBatches(into: "communes", columns: ["code", "name", "name_folded", "type", "province_code", "latitude", "longitude", "area_km2", "valid_from", "valid_to"],
                                    rows: catalog.communes.map { [$0.code, $0.name, foldForSearch($0.name), $0.type, $0.provinceCode, $0.latitude, $0.longitude, $0.areaKm2, from2025, none] })
        try await sql.insertBatches(into: "legacy_provinces", columns: ["code", "name", "name_folded", "latitude", "longitude", "valid_from", "valid_to"],
                                    rows: catalog.legacyProvinces.map { [$0.code, $0.name, foldForSearch($0.name), $0.latitude, $0.longitude, none, legacyTo] })
        try await sql.insertBatches(into: "legacy_districts", columns: ["code", "name", "name_folded", "type", "province_code", "latitude", "longitude"],
                                    rows: catalog.legacyDistricts.map { [$0.code, $0.name, foldForSearch($0.name), $0.type, $0.provinceCode, $0.latitude, $0.longitude] })
        try await sql.insertBatches(into: "legacy_communes", columns: ["code", "name", "name_folded", "type", "district_code", "province_code", "latitude", "longitude", "valid_from", "valid_to"],
                                    rows: catalog.legacyCommunes.map { [$0.code, $0.name, foldForSearch($0.name), $0.type, $0.districtCode, $0.provinceCode, $0.latitude, $0.longitude, none, legacyTo] })
        try await sql.insertBatches(into: "commune_successions", columns: ["legacy_code", "code_2025", "is_split", "is_default"],
                                    rows: catalog.communeSuccessions.map { [$0.legacyCode, $0.code2025, $0.isSplit, $0.isDefault] })
        try await sql.insertBatches(into: "province_successions", columns: ["legacy_code", "code_2025"],
                                    rows: catalog.provinceSuccessions.map { [$0.legacyCode, $0.code2025] })
    }

    func revert(on database: any Database) async throws {
        let sql = try database.sql()
        for table in ["province_successions", "commune_successions", "legacy_communes", "legacy_districts", "legacy_provinces", "communes", "provinces"] {
            try await sql.delete(from: table).run()
        }
    }
}
