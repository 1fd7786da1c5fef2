import ArgumentParser
import Foundation
import HopTacCore

/// `hoptac backup --output FILE` and `hoptac restore FILE`: the administrator's copy of the whole database.
struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Sao lưu toàn bộ cơ sở dữ liệu ra một tệp (chạy được khi máy chủ đang chạy).",
        discussion: "SQLite: bản chụp nhất quán bằng VACUUM INTO. PostgreSQL: pg_dump (định dạng custom).")

    @ArgumentParser.Option(help: "Tệp sao lưu sẽ ghi.") var output: String

    func run() async throws {
        try await withApplication { app in
            let counts = try await refusing { try await DatabaseBackup.backup(to: URL(fileURLWithPath: output), location: app.config.database, on: app.db) }
            print("Đã sao lưu \(app.config.databaseDescription) vào \(output): \(summary(counts)).")
        }
    }
}

struct Restore: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Phục hồi cơ sở dữ liệu từ một tệp sao lưu: kiểm tra trước, ghi toàn bộ hoặc không ghi gì.",
        discussion: "Tệp phải cùng phiên bản cấu trúc với chương trình (cùng các lần cập nhật cấu trúc); tệp hỏng hoặc khác phiên bản bị từ chối và cơ sở dữ liệu giữ nguyên.")

    @ArgumentParser.Argument(help: "Tệp sao lưu do “hoptac backup” tạo ra.") var file: String

    func run() async throws {
        try await withApplication { app in
            try await app.autoMigrate()
            let counts = try await refusing { try await DatabaseBackup.restore(from: URL(fileURLWithPath: file), location: app.config.database, on: app.db) }
            print("Đã phục hồi \(app.config.databaseDescription) từ \(file): \(summary(counts)).")
        }
    }
}

/// A refusal said on standard error, in Vietnamese, with a non-zero exit.
private func refusing<T>(_ body: () async throws -> T) async throws -> T {
    do { return try await body() } catch let refusal as DatabaseBackup.Refusal {
        FileHandle.standardError.write(Data("Không thực hiện: \(refusal.description) Cơ sở dữ liệu không thay đổi.\n".utf8))
        throw ExitCode.failure
    }
}

private func summary(_ counts: DatabaseBackup.Counts) -> String {
    "\(counts.count) bảng, \(VietnameseNumber.format(counts.reduce(0) { $0 + $1.rows })) dòng (trong đó \(VietnameseNumber.format(counts.first { $0.table == "organizations" }?.rows ?? 0)) tổ chức)"
}
