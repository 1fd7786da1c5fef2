import Foundation
import ZIPFoundation

/// An Office Open XML file being written (a .docx or .xlsx): its parts as text, deflated into one zip.
struct OfficePackage {
    private let archive: Archive

    init() throws {
        archive = try Archive(data: Data(), accessMode: .create)
    }

    func add(_ path: String, _ text: String) throws {
        let bytes = Data(text.utf8)
        try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: .deflate) { position, size in
            bytes.subdata(in: Int(position)..<Int(position) + size)
        }
    }

    /// The finished file; `Failure` says, in Vietnamese, that a `name` file could not be made.
    func data<Failure: MessageError>(_ name: String, failure: Failure.Type) throws(Failure) -> Data {
        guard let data = archive.data else { throw Failure("Không tạo được tệp \(name).") }
        return data
    }
}
