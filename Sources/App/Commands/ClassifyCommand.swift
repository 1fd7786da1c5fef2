import ArgumentParser
import Foundation
import HopTacCore
import Vapor

/// `hoptac classify --year Y [--province P]`: classifies every counted report of the year, with progress.
struct Classify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Xếp loại mọi báo cáo đã nộp của một năm (theo bảng tiêu chí của năm đó).")

    @ArgumentParser.Option(help: "Năm báo cáo.") var year: Int
    @ArgumentParser.Option(help: "Chỉ một tỉnh/thành phố (mã 2025).") var province: String?

    func run() async throws {
        try await withApplication { app in
            try await app.autoMigrate()
            let started = Date()
            let summary = try await ClassificationStore.classify(year: year, scope: province.map(Scope.province) ?? .everything,
                                                                 areaName: province.map { "tỉnh \($0)" } ?? "toàn quốc", on: app.db,
                                                                 progress: TerminalProgress("Đang xếp loại").update)
            let rubric = try await ClassificationStore.rubric(forYear: year, on: try app.db.sql())
            print("Đã xếp loại \(VietnameseNumber.format(summary.total)) báo cáo năm \(year) trong \(VietnameseNumber.format(Date().timeIntervalSince(started), fractionDigits: 2)) giây (\(rubric.title)).")
            for band in rubric.bands { print("  \(band.label): \(VietnameseNumber.format(summary.rated[band.code] ?? 0))") }
            print("  Không xếp loại: \(VietnameseNumber.format(summary.notRated))")
        }
    }
}
