import Fluent
import SQLKit

/// A version number per province (`figures:<code>`), bumped by triggers whenever an organisation of that province, its
/// status events, reports or classifications change. Figures of a province are cached against its own version, and
/// the nation's are the sum of the provinces', so a report sent in one province leaves every other province's figures
/// (and most of the nation's) cached: dashboards stay fast during the December rush.
struct TrackFiguresByProvince: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = try database.sql()
        try await sql.raw("INSERT INTO data_versions (name, version) SELECT 'figures:' || code, 0 FROM provinces").run()
        try await FigureVersionTriggers.install([.province], on: sql)
    }

    func revert(on database: any Database) async throws {
        let sql = try database.sql()
        try await FigureVersionTriggers.uninstall(on: sql)
        try await sql.raw("DELETE FROM data_versions WHERE name LIKE 'figures:%'").run()
    }
}

/// A version number per commune (`figures-commune:<code>`), bumped with its province's by the same triggers: a
/// province's figures are kept commune by commune, so a write recomputes its own commune and the province is summed
/// again from the others, and a commune's pages stay cached while other communes write.
struct TrackFiguresByCommune: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = try database.sql()
        // Communes come only from the seed (organisations reference them), so every organisation's commune has a row.
        try await sql.raw("INSERT INTO data_versions (name, version) SELECT 'figures-commune:' || code, 0 FROM communes").run()
        try await FigureVersionTriggers.install([.province, .commune], on: sql)
    }

    func revert(on database: any Database) async throws {
        let sql = try database.sql()
        try await FigureVersionTriggers.install([.province], on: sql)
        try await sql.raw("DELETE FROM data_versions WHERE name LIKE 'figures-commune:%'").run()
    }
}

/// The triggers that bump figure versions: every changed organisation, status event, report or classification bumps
/// the version of each unit the organisation lies in (before and after an update).
enum FigureVersionTriggers {
    enum Unit {
        case province, commune

        /// The version's name for an organisation `o`, as SQL.
        func name(_ o: String) -> String {
            switch self {
            case .province: "'figures:' || \(o).province_code"
            case .commune: "'figures-commune:' || \(o).commune_code"
            }
        }
    }

    /// The tables figures were first computed from; tables added later (`support_records`) get their triggers from
    /// the migration that creates them, which drops them with the table.
    static let registryTables = ["organizations", "organization_status_events", "annual_reports", "classifications"]
    private static let events = ["INSERT", "UPDATE", "DELETE"]

    /// Replaces the triggers on `tables` (and on PostgreSQL their shared function) with ones that bump the versions of
    /// `units`. Every table but `organizations` has an `organization_id`.
    static func install(_ units: [Unit], tables: [String] = registryTables, on sql: any SQLDatabase) async throws {
        try await dropTriggers(tables, on: sql)
        if sql.isPostgres {
            try await replaceFunction(units, on: sql)
            for table in tables {
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
        for table in tables {
            let names = { (row: String) in
                units.map { unit in
                    table == "organizations" ? unit.name(row)
                        : "(SELECT \(unit.name("o")) FROM organizations o WHERE o.id = \(row).organization_id)"
                }
            }
            for (event, rows) in [("INSERT", ["NEW"]), ("UPDATE", ["NEW", "OLD"]), ("DELETE", ["OLD"])] {
                try await sql.raw("""
                    CREATE TRIGGER \(unsafeRaw: table)_figures_\(unsafeRaw: event.lowercased()) AFTER \(unsafeRaw: event) ON \(unsafeRaw: table) BEGIN
                      UPDATE data_versions SET version = version + 1 WHERE name IN (\(unsafeRaw: rows.flatMap(names).joined(separator: ", ")));
                    END
                    """).run()
            }
        }
    }

    /// PostgreSQL's trigger function, once per statement over the rows it changed (a national import bumps each unit
    /// once, not per row). It locks the versions it bumps in the order of their names before bumping them: the order
    /// an update finds rows in follows where their last versions were written, so two writers in one commune could
    /// otherwise each hold one of its two rows and wait for the other's (a deadlock, seen under twenty writers).
    static func replaceFunction(_ units: [Unit], on sql: any SQLDatabase) async throws {
        func names(_ rows: String, _ table: String) -> String {
            let from = table == "organizations" ? "\(rows) o" : "\(rows) r JOIN organizations o ON o.id = r.organization_id"
            return units.map { "SELECT \($0.name("o")) FROM \(from)" }.joined(separator: " UNION ")
        }
        func collect(_ table: String) -> String {
            let rows = ["INSERT": ["new_rows"], "UPDATE": ["new_rows", "old_rows"], "DELETE": ["old_rows"]]
            let branches = events.map { event in
                "TG_OP = '\(event)' THEN SELECT array_agg(n) INTO names FROM ("
                    + (rows[event] ?? []).map { names($0, table) }.joined(separator: " UNION ") + ") AS s(n);"
            }
            return "IF " + branches.joined(separator: "\n ELSIF ") + "\n END IF;"
        }
        // A deleted report's organisation is still there; a deleted organisation's rows are its own.
        try await sql.raw("""
            CREATE OR REPLACE FUNCTION bump_figures_provinces() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE names text[];
            BEGIN
              IF TG_TABLE_NAME = 'organizations' THEN \(unsafeRaw: collect("organizations"))
              ELSE \(unsafeRaw: collect("annual_reports"))
              END IF;
              PERFORM 1 FROM data_versions WHERE name = ANY(names) ORDER BY name FOR UPDATE;
              UPDATE data_versions SET version = version + 1 WHERE name = ANY(names);
              RETURN NULL;
            END $$
            """).run()
    }

    /// Bumps the figure versions of these communes and their provinces, for writes no trigger sees (a population
    /// table), locking them in the trigger's order.
    static func bump(communes: [(commune: String, province: String)], on sql: any SQLDatabase) async throws {
        let names = Array(Set(communes.flatMap { ["figures-commune:" + $0.commune, "figures:" + $0.province] })).sorted()
        guard !names.isEmpty else { return }
        if sql.isPostgres {
            try await sql.raw("SELECT name FROM data_versions WHERE name IN (\(binds: names)) ORDER BY name FOR UPDATE").run()
        }
        try await sql.raw("UPDATE data_versions SET version = version + 1 WHERE name IN (\(binds: names))").run()
    }

    static func uninstall(on sql: any SQLDatabase) async throws {
        try await dropTriggers(registryTables, on: sql)
        if sql.isPostgres { try await sql.raw("DROP FUNCTION IF EXISTS bump_figures_provinces()").run() }
    }

    private static func dropTriggers(_ tables: [String], on sql: any SQLDatabase) async throws {
        for table in tables {
            for event in events {
                let on: SQLQueryString = sql.isPostgres ? " ON \(unsafeRaw: table)" : ""
                try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: table)_figures_\(unsafeRaw: event.lowercased())\(on)").run()
            }
        }
    }
}
