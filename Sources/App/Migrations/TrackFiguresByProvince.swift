import Fluent
import SQLKit

/// A version number per province (`figures:<code>`), bumped by triggers whenever an organisation of that province, its
/// status events, reports or classifications change. Figures of a province are cached against its own version, and
/// the nation's are the sum of the provinces', so a report sent in one province leaves every other province's figures
/// (and most of the nation's) cached: dashboards stay fast during the December rush.
struct TrackFiguresByProvince: AsyncMigration {
    static let tables = ["organizations", "organization_status_events", "annual_reports", "classifications"]

    func prepare(on database: any Database) async throws {
        let sql = try database.sql()
        try await sql.raw("INSERT INTO data_versions (name, version) SELECT 'figures:' || code, 0 FROM provinces").run()
        if sql.isPostgres {
            // Once per statement, over the rows it changed: a national import bumps each province once, not per row.
            try await sql.raw("""
                CREATE FUNCTION bump_figures_provinces() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF TG_TABLE_NAME = 'organizations' THEN
                    IF TG_OP = 'INSERT' THEN
                      UPDATE data_versions SET version = version + 1 WHERE name IN (SELECT 'figures:' || province_code FROM new_rows);
                    ELSIF TG_OP = 'UPDATE' THEN
                      UPDATE data_versions SET version = version + 1
                      WHERE name IN (SELECT 'figures:' || province_code FROM new_rows UNION SELECT 'figures:' || province_code FROM old_rows);
                    ELSE
                      UPDATE data_versions SET version = version + 1 WHERE name IN (SELECT 'figures:' || province_code FROM old_rows);
                    END IF;
                  ELSIF TG_OP = 'DELETE' THEN
                    UPDATE data_versions SET version = version + 1
                    WHERE name IN (SELECT 'figures:' || o.province_code FROM old_rows r JOIN organizations o ON o.id = r.organization_id);
                  ELSE
                    UPDATE data_versions SET version = version + 1
                    WHERE name IN (SELECT 'figures:' || o.province_code FROM new_rows r JOIN organizations o ON o.id = r.organization_id);
                  END IF;
                  RETURN NULL;
                END $$
                """).run()
            for table in Self.tables {
                for (event, referencing) in [("INSERT", "NEW TABLE AS new_rows"), ("UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows"),
                                             ("DELETE", "OLD TABLE AS old_rows")] {
                    try await sql.raw("""
                        CREATE TRIGGER \(unsafeRaw: table)_figures_\(unsafeRaw: event.lowercased()) AFTER \(unsafeRaw: event) ON \(unsafeRaw: table)
                        REFERENCING \(unsafeRaw: referencing) FOR EACH STATEMENT EXECUTE FUNCTION bump_figures_provinces()
                        """).run()
                }
            }
            return
        }
        for table in Self.tables {
            let province = { (row: String) in
                table == "organizations" ? "'figures:' || \(row).province_code"
                    : "'figures:' || (SELECT province_code FROM organizations WHERE id = \(row).organization_id)"
            }
            for (event, rows) in [("INSERT", ["NEW"]), ("UPDATE", ["NEW", "OLD"]), ("DELETE", ["OLD"])] {
                try await sql.raw("""
                    CREATE TRIGGER \(unsafeRaw: table)_figures_\(unsafeRaw: event.lowercased()) AFTER \(unsafeRaw: event) ON \(unsafeRaw: table) BEGIN
                      UPDATE data_versions SET version = version + 1 WHERE name IN (\(unsafeRaw: rows.map(province).joined(separator: ", ")));
                    END
                    """).run()
            }
        }
    }

    func revert(on database: any Database) async throws {
        let sql = try database.sql()
        for table in Self.tables {
            for event in ["insert", "update", "delete"] {
                let on: SQLQueryString = sql.isPostgres ? " ON \(unsafeRaw: table)" : ""
                try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: table)_figures_\(unsafeRaw: event)\(on)").run()
            }
        }
        if sql.isPostgres { try await sql.raw("DROP FUNCTION IF EXISTS bump_figures_provinces()").run() }
        try await sql.raw("DELETE FROM data_versions WHERE name LIKE 'figures:%'").run()
    }
}
