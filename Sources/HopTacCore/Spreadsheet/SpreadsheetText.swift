import Foundation

/// The text of a CSV file in the encodings Excel writes for Vietnamese users:
/// - UTF-8, with or without a byte-order mark ("CSV UTF-8");
/// - UTF-16 with a byte-order mark ("Unicode Text", tab-separated);
/// - Windows-1258, what "CSV (Comma delimited)" writes on Vietnamese Windows: tone marks as separate combining
///   characters, composed here so that "Hợp tác xã" reads and searches like the same name typed anywhere else.
enum SpreadsheetText {
    static func decode(_ data: Data, filename: String) throws -> String {
        let bytes = [UInt8](data)
        var text: String
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            guard let decoded = String(data: data, encoding: .utf16) else { throw unreadable(filename) }
            text = decoded
        } else if bytes.prefix(1024).contains(0) || bytes.starts(with: [0x25, 0x50, 0x44, 0x46]) {
            throw SpreadsheetError("Tệp “\(filename)” không phải bảng tính CSV, XLSX hay XLS. Hãy lưu bảng tính dạng .xlsx hoặc CSV UTF-8.")
        } else if let utf8 = String(validating: bytes, as: UTF8.self) {
            text = utf8
        } else if !containsUTF8Sequence(bytes), let windows = windows1258(bytes) {
            text = windows.precomposedStringWithCanonicalMapping
        } else {
            throw unreadable(filename)
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return text
    }

    private static func unreadable(_ filename: String) -> SpreadsheetError {
        SpreadsheetError("Tệp CSV “\(filename)” không đọc được theo bảng mã UTF-8 hay Windows-1258 (có thể bị hỏng, hoặc dùng phông cũ như TCVN3/VNI). Trong Excel hãy chọn Lưu dạng “CSV UTF-8 (Comma delimited)” hoặc .xlsx.")
    }

    /// Whether any well-formed multi-byte UTF-8 sequence occurs. A file that has some, yet is not valid UTF-8 as a
    /// whole, is damaged UTF-8; Vietnamese text in Windows-1258 practically never forms one (a lead byte there is a
    /// letter, and the bytes that would continue it are punctuation and symbols).
    private static func containsUTF8Sequence(_ bytes: [UInt8]) -> Bool {
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            let length = switch lead { case 0xC2...0xDF: 2; case 0xE0...0xEF: 3; case 0xF0...0xF4: 4; default: 1 }
            if length > 1, index + length <= bytes.count,
               bytes[(index + 1)..<(index + length)].allSatisfy({ (0x80...0xBF).contains($0) }) { return true }
            index += 1
        }
        return false
    }

    /// Decodes Windows-1258; nil when a byte has no meaning in it (the file is in some other encoding).
    private static func windows1258(_ bytes: [UInt8]) -> String? {
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(bytes.count)
        for byte in bytes {
            if byte < 0x80 { scalars.append(Unicode.Scalar(byte)); continue }
            guard let scalar = Unicode.Scalar(upperHalf[Int(byte) - 0x80]), scalar.value != 0 else { return nil }
            scalars.append(scalar)
        }
        return String(scalars)
    }

    /// Bytes 0x80–0xFF of Windows-1258 (0 where the code page defines nothing), from the Unicode mapping table.
    private static let upperHalf: [UInt16] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0, 0x2039, 0x0152, 0, 0, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0, 0x203A, 0x0153, 0, 0, 0x0178,
        0x00A0, 0x00A1, 0x00A2, 0x00A3, 0x00A4, 0x00A5, 0x00A6, 0x00A7, 0x00A8, 0x00A9, 0x00AA, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x00AF,
        0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x00B4, 0x00B5, 0x00B6, 0x00B7, 0x00B8, 0x00B9, 0x00BA, 0x00BB, 0x00BC, 0x00BD, 0x00BE, 0x00BF,
        0x00C0, 0x00C1, 0x00C2, 0x0102, 0x00C4, 0x00C5, 0x00C6, 0x00C7, 0x00C8, 0x00C9, 0x00CA, 0x00CB, 0x0300, 0x00CD, 0x00CE, 0x00CF,
        0x0110, 0x00D1, 0x0309, 0x00D3, 0x00D4, 0x01A0, 0x00D6, 0x00D7, 0x00D8, 0x00D9, 0x00DA, 0x00DB, 0x00DC, 0x01AF, 0x0303, 0x00DF,
        0x00E0, 0x00E1, 0x00E2, 0x0103, 0x00E4, 0x00E5, 0x00E6, 0x00E7, 0x00E8, 0x00E9, 0x00EA, 0x00EB, 0x0301, 0x00ED, 0x00EE, 0x00EF,
        0x0111, 0x00F1, 0x0323, 0x00F3, 0x00F4, 0x01A1, 0x00F6, 0x00F7, 0x00F8, 0x00F9, 0x00FA, 0x00FB, 0x00FC, 0x01B0, 0x20AB, 0x00FF,
    ]
}
