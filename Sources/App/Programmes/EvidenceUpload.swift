import Foundation
import HopTacCore
import Plot
import Vapor

/// An evidence file sent with a form, checked before anything is stored: its size capped, its kind recognised from
/// its bytes (never from its name or claimed type), its download name and type chosen by the server.
struct EvidenceUpload: Sendable {
    let name: String
    let type: String
    let data: Data

    /// The upload checked: nil when no file was chosen, else the file or the problem to show under the field.
    static func check(_ file: File?) -> Result<EvidenceUpload?, FieldProblem> {
        guard let file, file.data.readableBytes > 0 else { return .success(nil) }
        guard file.data.readableBytes <= EvidenceFile.maxBytes else {
            return .failure(FieldProblem("Tệp minh chứng “\(file.filename)” lớn quá \(EvidenceFile.maxBytes / 1024 / 1024) MB."))
        }
        let data = Data(buffer: file.data)
        guard let kind = EvidenceFile.recognise(data) else {
            return .failure(FieldProblem("Tệp “\(file.filename)” không phải loại được nhận làm minh chứng: \(EvidenceFile.acceptedDescription). Trang web, ảnh SVG và tệp chạy được không được nhận."))
        }
        return .success(EvidenceUpload(name: kind.downloadName(file.filename), type: kind.contentType, data: data))
    }

    /// A stored evidence file sent back as a download; the stored bytes decide the type again, so a file kept before
    /// types were checked cannot come back as a page.
    static func download(_ data: Data, storedName: String?) -> Response {
        let kind = EvidenceFile.recognise(data)
        return Responses.download(data, name: kind?.downloadName(storedName) ?? "minh-chung.bin", contentType: kind?.contentType ?? "application/octet-stream")
    }

    /// The file field of a form, with what it accepts.
    static func field(problem: FieldProblem?) -> Node<HTML.FormContext> {
        .field(name: "evidence", label: "Tệp minh chứng (không bắt buộc)",
               hint: "\(EvidenceFile.acceptedDescription); tối đa \(EvidenceFile.maxBytes / 1024 / 1024) MB", problem: problem, .input(.type(.file), .id("evidence"), .name("evidence")))
    }
}
