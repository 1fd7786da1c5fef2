import Foundation
import HopTacCore
import SQLKit
import Vapor

/// The annual report on the collective economy of an area: its template filled from the same figures as `/figures`
/// (`FiguresQueries`), the same target assessments as the dashboard, and the same task classes as the scorecard.
enum AnnualReportDocument {
    static let tables = ["types", "results", "classification", "targets", "tasks", "units"]

    static func content(_ subject: DocumentSubject, on req: Request) async throws -> DocumentContent {
        let (area, year) = (subject.area, subject.year)
        let current = try await FiguresQueries.figures(of: area, year: year, on: req)
        let previous = try await FiguresQueries.figures(of: area, year: year - 1, on: req)
        let (targets, tasks) = try await programmeTables(area, year: year, on: req)
        return DocumentContent(tables: [
            "types": typesTable(current),
            "results": resultsTable(current, previous, year: year),
            "classification": try await ClassificationDocument.summaryTable(current, number: 3, year: year, on: try req.db.sql()),
            "targets": targets, "tasks": tasks,
            "units": try await unitsTable(area, year: year, on: req),
        ])
    }

    private static func typesTable(_ figures: Figures) -> DocumentTable {
        let rows = OrganizationType.allCases.map { type in
            [type.label, Show.figure(figures, .registered(type)), Show.figure(figures, .active(type)), Show.figure(figures, .founded(type)),
             Show.figure(figures, .ended(type))]
        }
        return DocumentTable(title: "Bảng 1. Số lượng tổ chức kinh tế tập thể theo loại hình", unit: "Đơn vị: tổ chức",
                             columns: [.init("Loại hình", weight: 3), .init("Đang đăng ký", weight: 1.4, numeric: true), .init("Đang hoạt động", weight: 1.4, numeric: true),
                                       .init("Thành lập mới trong năm", weight: 1.4, numeric: true), .init("Giải thể, chấm dứt trong năm", weight: 1.4, numeric: true)],
                             rows: rows,
                             total: ["Tổng cộng", Show.figure(figures, .organizationsRegistered), Show.figure(figures, .organizationsActive),
                                     Show.figure(figures, .organizationsFounded), Show.figure(figures, .organizationsEnded)])
    }

    private static func resultsTable(_ current: Figures, _ previous: Figures, year: Int) -> DocumentTable {
        let keys: [FigureKey] = [.reportsSubmitted, .members, .officialMembers, .workers, .charterCapital, .totalAssets, .revenue, .averageRevenue,
                                 .pretaxProfit, .averageIncome, .valueChain, .highTech, .digital, .ocopProducts]
        let rows = keys.compactMap { key -> [String]? in
            guard let definition = FigureDefinition.of(key) else { return nil }
            let now = current.number(key)?.double, before = previous.number(key)?.double
            let change = before.flatMap { before in now.map { before == 0 ? nil : $0 / before * 100 } ?? nil }
            return [definition.label, definition.unit.label, Show.figure(before, unit: definition.unit), Show.figure(now, unit: definition.unit), Show.percent(change)]
        }
        return DocumentTable(title: "Bảng 2. Thành viên, vốn và kết quả hoạt động theo báo cáo hằng năm", unit: nil,
                             columns: [.init("Chỉ tiêu", weight: 3), .init("Đơn vị tính", weight: 2), .init("Năm \(year - 1)", weight: 1.3, numeric: true),
                                       .init("Năm \(year)", weight: 1.3, numeric: true), .init("So với năm trước (%)", weight: 1.3, numeric: true)],
                             rows: rows)
    }

    /// The programmes issued for this very area: their targets as the dashboard measures them, their tasks by class.
    private static func programmeTables(_ area: Area, year: Int, on req: Request) async throws -> (DocumentTable, DocumentTable) {
        let sql = try req.db.sql()
        let today = Day.today()
        let programmes = try await ProgrammeQueries.programmes(visibleTo: .system, on: sql).filter { $0.isIssued(for: area) }
        var targets: [[String]] = [], tasks: [TaskRecord] = []
        for programme in programmes {
            for measured in try await ProgrammeQueries.assess(try await ProgrammeQueries.targets(programmeId: programme.id, on: sql), in: area, today: today, on: req) {
                targets.append([measured.indicatorLabel + " (\(programme.symbol))"] + ProgrammeReportDocument.cells(measured))
            }
            tasks += try await ProgrammeQueries.tasks(.init(programmeId: programme.id), visibleTo: .system, today: today, on: sql)
        }
        let targetTable = DocumentTable(title: "Bảng 4. Thực hiện các chỉ tiêu", unit: nil,
                                        columns: [.init("Chỉ tiêu", weight: 3), .init("Mục tiêu", weight: 2.2), .init("Kết quả", weight: 1.5, numeric: true),
                                                  .init("Đánh giá", weight: 3)],
                                        rows: targets.isEmpty ? [["Chưa có chương trình hành động của \(area.name) trong hệ thống.", "", "", ""]] : targets)
        let taskTable = ProgrammeReportDocument.scorecardTable(tasks, title: "Bảng 5. Thực hiện nhiệm vụ theo cơ quan chủ trì")
        return (targetTable, taskTable)
    }

    /// The area's units one level down (a province's communes, the nation's provinces); a commune's own row.
    private static func unitsTable(_ area: Area, year: Int, on req: Request) async throws -> DocumentTable {
        let finer = area.level.finer(legacy: false)
        let figures = try await FiguresQueries.figures(year: year, by: finer, within: area.filter, on: req)
        let names = try await FiguresQueries.names(Array(figures.keys), at: finer, on: try req.db.sql())
        let rows = figures.map { code, unit in (names[code] ?? code, unit) }.sorted { foldForSearch($0.0) < foldForSearch($1.0) }.map { name, unit in
            [name, Show.figure(unit, .registered(.htx)), Show.figure(unit, .registered(.tht)), Show.figure(unit, .organizationsRegistered),
             Show.figure(unit, .organizationsActive), Show.figure(unit, .rated), Show.figure(unit, .goodFairShare)]
        }
        return DocumentTable(title: nil, unit: "Đơn vị: tổ chức",
                             columns: [.init(finer.label, weight: 3), .init("Hợp tác xã", weight: 1.1, numeric: true), .init("Tổ hợp tác", weight: 1.1, numeric: true),
                                       .init("Tổng số đăng ký", weight: 1.2, numeric: true), .init("Đang hoạt động", weight: 1.2, numeric: true),
                                       .init("Được xếp loại", weight: 1.1, numeric: true), .init("Tốt, khá (%)", weight: 1.1, numeric: true)],
                             rows: rows)
    }
}

extension String {
    /// "Tỉnh Hà Tĩnh" → "tỉnh Hà Tĩnh", as the unit's type reads inside a sentence or after "Ủy ban nhân dân".
    var lowercasedFirstWord: String {
        guard let space = firstIndex(of: " ") else { return self }
        return self[..<space].lowercased() + self[space...]
    }
}
