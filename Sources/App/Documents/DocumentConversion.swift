import Foundation
import Vapor

/// DOCX to PDF through LibreOffice headless (`soffice --headless --convert-to pdf`), the same layout Word prints.
/// Each conversion runs in its own folder and LibreOffice profile, so two at once do not wait on one profile's lock.
enum DocumentConversion {
    static let timeout: TimeInterval = 120

    /// Where `soffice` is, if LibreOffice is installed.
    static let office: String? = ["/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice", "/usr/local/bin/soffice", "/opt/libreoffice/program/soffice"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    static var available: Bool { office != nil }

    static func pdf(from docx: Data) async throws -> Data {
        guard let office else {
            throw Abort(.serviceUnavailable, reason: "Máy chủ chưa cài LibreOffice nên không xuất được PDF; hãy tải bản Word (DOCX), hoặc cài gói libreoffice-writer.")
        }
        return try await BlockingWork.run {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hoptac-pdf-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let input = folder.appendingPathComponent("van-ban.docx")
            try docx.write(to: input)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: office)
            process.arguments = ["-env:UserInstallation=file://" + folder.appendingPathComponent("profile").path, "--headless", "--norestore",
                                 "--convert-to", "pdf", "--outdir", folder.path, input.path]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            let deadline = Date().addingTimeInterval(timeout)
            while process.isRunning {
                if Date() > deadline {
                    process.terminate()
                    throw Abort(.gatewayTimeout, reason: "LibreOffice không chuyển xong văn bản sang PDF sau \(Int(timeout)) giây.")
                }
                Thread.sleep(forTimeInterval: 0.05)
            }
            guard process.terminationStatus == 0, let pdf = try? Data(contentsOf: folder.appendingPathComponent("van-ban.pdf")), pdf.starts(with: Data("%PDF".utf8)) else {
                throw Abort(.internalServerError, reason: "LibreOffice không chuyển được văn bản sang PDF (mã thoát \(process.terminationStatus)).")
            }
            return pdf
        }
    }
}
