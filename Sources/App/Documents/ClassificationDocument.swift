import Foundation
import HopTacCore
import Vapor

/// The classification results of a year for an area, as the official tables: a summary by band (the same counts as
/// `/figures`) and the list by organisation, each sheet with its title block, unit and borders, printed A4
/// landscape fitted to the width with the header row on every page.
enum ClassificationDocument {
    static let name = "classification"

    static func workbook(_ area: Area, year: Int, on req: Request) async throws -> Data {
        let sql = try req.db.sql()
        let figures = try await FiguresQueries.figures(year: year, by: area.level, within: area.filter, on: req)[area.code] ?? Figures().completed
        let rubric = try await ClassificationStore.rubric(forYear: year, on: sql)
        let issuer = try await AnnualReportDocument.inputs(area, year: year, on: sql).fields.issuingBody.uppercased()
        let heading = "KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI TỔ CHỨC KINH TẾ TẬP THỂ NĂM \(year)"
        let scope = "\(area.name) — theo \(rubric.title)"

        var summary = XLSXWriter.Sheet(name: "Tổng hợp", columns: [.init("Xếp loại", width: 34), .init("Số tổ chức", width: 14), .init("Tỷ lệ (%)", width: 12)],
                                       title: [issuer, heading, scope], unit: "Đơn vị: tổ chức", forPrint: true)
        for band in rubric.bands {
            summary.append([.text(band.label), .integer(Int(clamping: figures.count(.band(band.code)))),
                            figures.percent(.band(band.code), of: .rated).map { .decimal(($0 * 10).rounded() / 10) } ?? .empty])
        }
        summary.append([.text("Không xếp loại"), .integer(Int(clamping: figures.count(.notRated))), .empty])
        summary.append([.text("Tổng số được xếp loại"), .integer(Int(clamping: figures.count(.rated))), figures.count(.rated) > 0 ? .decimal(100) : .empty], bold: true)

        var list = XLSXWriter.Sheet(name: "Danh sách", columns: [.init("STT", width: 6), .init("Mã số", width: 13), .init("Tên tổ chức", width: 42),
                                                                  .init("Loại hình", width: 9), .init("Xã, phường", width: 24), .init("Tổng điểm", width: 10),
                                                                  .init("Xếp loại", width: 16), .init("Quy mô", width: 12)],
                                    title: [issuer, "DANH SÁCH " + heading, scope], unit: nil, forPrint: true)
        let items = try await ClassificationController.items(year: year, area: area, band: nil, readScope: req.principal?.readScope ?? .nothing, on: sql)
        for (index, item) in items.enumerated() {
            list.append([.plainInteger(index + 1), item.registrationCode.map { .text($0) } ?? .empty, .text(item.name), .text(item.type.abbreviation),
                         .text(item.communeName), item.score.map { .decimal($0) } ?? .empty, .text(rubric.label(ofBand: item.band == "not_rated" ? nil : item.band)),
                         .text(item.sizeClass.flatMap(SizeClass.init(rawValue:))?.label ?? "")])
        }
        return try XLSXWriter(sheets: [summary, list]).data()
    }
}
