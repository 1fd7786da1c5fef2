import Foundation
import HopTacCore
import SQLKit
import Vapor

/// The classification results of a year for an area: the official summary by band (the same counts as `/figures`),
/// the results by unit one level down and the list by organisation. As DOCX it is a report; as XLSX
/// (`/documents/classification.xlsx`) each table is a sheet to print.
enum ClassificationDocument {
    static let tables = ["summary", "units", "organizations"]

    static func content(_ subject: DocumentSubject, on req: Request) async throws -> DocumentContent {
        let (area, year) = (subject.area, subject.year)
        let sql = try req.db.sql()
        let figures = try await FiguresQueries.figures(of: area, year: year, on: req)
        let rubric = try await ClassificationStore.rubric(forYear: year, on: sql)
        var summary = try await summaryTable(figures, number: 1, year: year, on: sql)
        summary.sheet = "Tổng hợp"
        let finer = area.level.finer(legacy: false)
        let units = try await FiguresQueries.figures(year: year, by: finer, within: area.filter, on: req)
        let names = try await FiguresQueries.names(Array(units.keys), at: finer, on: sql)
        let unitRows = units.map { code, unit in (names[code] ?? code, unit) }.sorted { foldForSearch($0.0) < foldForSearch($1.0) }.map { name, unit in
            [name, Show.figure(unit, .rated)] + rubric.bands.map { Show.figure(unit, .band($0.code)) } + [Show.figure(unit, .notRated), Show.figure(unit, .goodFairShare)]
        }
        let unitTable = DocumentTable(title: "Bảng 2. Kết quả xếp loại năm \(year) theo \(finer.label.lowercased())", unit: "Đơn vị: tổ chức",
                                      columns: [.init(finer.label, weight: 3), .init("Được xếp loại", weight: 1.2, numeric: true)]
                                          + rubric.bands.map { .init($0.label, weight: 1, numeric: true) }
                                          + [.init("Không xếp loại", weight: 1.2, numeric: true), .init("Tốt, khá (%)", weight: 1.1, numeric: true)],
                                      rows: unitRows, sheet: "Theo đơn vị")
        let items = try await ClassificationController.items(year: year, area: area, band: nil, readScope: subject.viewer.readScope, on: sql)
        let listRows = items.enumerated().map { index, item in
            [String(index + 1), item.registrationCode ?? "", item.name, item.type.abbreviation, item.communeName, item.score.map { Show.number($0, fractionDigits: 1) } ?? "",
             rubric.label(ofBand: item.band == "not_rated" ? nil : item.band), item.sizeClass.flatMap(SizeClass.init(rawValue:))?.label ?? ""]
        }
        let list = DocumentTable(title: nil, unit: nil,
                                 columns: [.init("STT", weight: 0.8, numeric: true), .init("Mã số", weight: 1.3), .init("Tên tổ chức", weight: 3.6),
                                           .init("Loại hình", weight: 0.9), .init("Xã, phường", weight: 2), .init("Tổng điểm", weight: 0.9, numeric: true),
                                           .init("Xếp loại", weight: 1.4), .init("Quy mô", weight: 1.1)],
                                 rows: listRows.isEmpty ? [["", "", "Chưa có tổ chức nào được đánh giá năm \(year).", "", "", "", "", ""]] : listRows, sheet: "Danh sách")
        return DocumentContent(values: ["rubric": rubric.title], tables: ["summary": summary, "units": unitTable, "organizations": list])
    }

    /// The official summary: each band, those not rated, and the total rated.
    static func summaryTable(_ figures: Figures, number: Int, year: Int, on sql: any SQLDatabase) async throws -> DocumentTable {
        let rubric = try await ClassificationStore.rubric(forYear: year, on: sql)
        let rows = rubric.bands.map { band in
            [band.label, Show.figure(figures, .band(band.code)), Show.percent(figures.percent(.band(band.code), of: .rated))]
        }
        return DocumentTable(title: "Bảng \(number). Kết quả đánh giá, xếp loại năm \(year)", unit: "Đơn vị: tổ chức",
                             columns: [.init("Xếp loại", weight: 3), .init("Số tổ chức", weight: 1.5, numeric: true), .init("Tỷ lệ (%)", weight: 1.5, numeric: true)],
                             rows: rows + [["Không xếp loại", Show.figure(figures, .notRated), ""]],
                             total: ["Tổng số được xếp loại", Show.figure(figures, .rated), figures.count(.rated) > 0 ? Show.percent(100) : "—"])
    }
}
