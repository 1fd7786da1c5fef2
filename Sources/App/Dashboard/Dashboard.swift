import HopTacCore
import SQLKit
import Vapor

/// Everything a dashboard shows for one area, computed live from the data and cached until a table it reads changes.
struct Dashboard: Encodable, Sendable {
    struct Unit: Content, Sendable {
        let code: String
        let name: String
        let organizations: Int
        let htx: Int
        let rated: Int
        let goodFairPercent: Double?
        let valueChainPercent: Double?
        let reportsOnTime: Int
        let reportsExpected: Int
    }

    struct Timeliness: Content, Sendable {
        let year: Int
        let deadline: Day
        let expected: Int
        let onTime: Int
        let late: Int
        let notYet: Int
    }

    let code: String
    let name: String
    let level: String
    let asOf: Day
    /// The registry now (this year's figures); report-based figures come from `years`.
    let now: Figures
    /// `now` as `/figures` gives it, shares included, for the year `asOf` falls in.
    let figures: [String: FigureNumber?]
    /// Closed reporting years, oldest first, with their figures.
    let years: [Int]
    let series: [Figures]
    let timeliness: Timeliness
    let targets: [ProgrammeQueries.Measured]
    let overdueTasks: [TaskRecord]
    let units: [Unit]

    static let programmeTables = ["programmes", "programme_targets", "programme_tasks", "task_progress", "task_extensions", "target_allocations", "target_values"]

    /// What a cached dashboard was computed from: a province's or a commune's own figures (see `TrackFiguresByCommune`),
    /// so that a report sent elsewhere leaves it cached, or every table for the nation.
    static func tables(for area: Area) -> [String] {
        FiguresQueries.tables(within: area.filter) + programmeTables
    }

    static func load(_ area: Area, on req: Request) async throws -> Dashboard {
        let sql = try req.db.sql()
        let today = Day.today()
        // The principal matters for the tasks shown; officers of a unit see the same dashboard.
        let viewer = req.principal?.readScope
        let key = "dashboard|\(area.level.rawValue)|\(area.code)|\(String(describing: viewer))|\(today.iso)"
        return try await req.application.liveCache.value(key, from: tables(for: area), on: sql) {
            try await compute(area, principal: req.principal, today: today, on: req)
        }
    }

    private static func compute(_ area: Area, principal: Principal?, today: Day, on req: Request) async throws -> Dashboard {
        let sql = try req.db.sql()
        let years = Array(2021...(today.year - 1))
        let byYear = try await FiguresQueries.series(area, years: years + [today.year], on: req)
        let series = years.map { byYear[$0] ?? Figures().completed }
        let now = byYear[today.year] ?? Figures().completed

        // The programmes issued for this very unit, measured here.
        let programmes = try await ProgrammeQueries.programmes(visibleTo: principal, on: sql).filter { $0.isIssued(for: area) }
        var targets: [ProgrammeQueries.Measured] = []
        var overdue: [TaskRecord] = []
        for programme in programmes {
            targets += try await ProgrammeQueries.assess(try await ProgrammeQueries.targets(programmeId: programme.id, on: sql), in: area, today: today, on: req)
            overdue += try await ProgrammeQueries.tasks(.init(programmeId: programme.id), visibleTo: principal, today: today, on: sql).filter { $0.status == .overdue }
        }

        let finer = area.level.finer(legacy: false)
        var units: [Unit] = []
        if finer != area.level {
            let parts = try await FiguresQueries.figures(year: today.year - 1, by: finer, within: area.filter, on: req)
            let current = try await FiguresQueries.figures(year: today.year, by: finer, within: area.filter, on: req)
            let names = try await FiguresQueries.names(Array(Set(parts.keys).union(current.keys).filter { !$0.isEmpty }), at: finer, on: sql)
            units = names.map { code, name in
                let last = parts[code] ?? Figures(), here = current[code] ?? Figures()
                return Unit(code: code, name: name, organizations: Int(saturating: here[.organizationsActive]), htx: Int(saturating: here[.active(.htx)]),
                            rated: Int(saturating: last[.rated]), goodFairPercent: last.goodFairPercent,
                            valueChainPercent: last.percent(.valueChain, of: .reportsSubmitted),
                            reportsOnTime: Int(saturating: here[.reportsOnTime]), reportsExpected: Int(saturating: here[.reportsExpected]))
            }.sorted { foldForSearch($0.name) < foldForSearch($1.name) }
        }
        let deadline = try await ReportQueries.calendar(year: today.year, on: sql).deadline(for: .cooperative, year: today.year)
        let expected = Int(saturating: now[.reportsExpected]), onTime = Int(saturating: now[.reportsOnTime]), late = Int(saturating: now[.reportsLate])
        let timeliness = Timeliness(year: today.year, deadline: deadline, expected: expected, onTime: onTime, late: late,
                                    notYet: max(0, expected - onTime - late))
        return Dashboard(code: area.code, name: area.name, level: area.level.rawValue, asOf: today, now: now, figures: now.catalogue, years: years, series: series,
                         timeliness: timeliness, targets: targets, overdueTasks: overdue, units: units)
    }
}
