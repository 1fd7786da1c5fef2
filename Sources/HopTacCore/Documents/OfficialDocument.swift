/// An administrative document as Decree 30/2020/NĐ-CP, Appendix I lays it out: the issuing body and the national
/// title side by side, the number and the place and date under them, the document's type and summary, the body, and
/// the recipients beside the signature. What is written here is plain text; `DOCXWriter` gives it the decree's fonts,
/// sizes and page.
public struct OfficialDocument: Sendable, Equatable {
    /// The body above the issuing body (cơ quan chủ quản), if any, and the issuing body, each as written (the writer
    /// puts them in capitals).
    public var parentBody: String?
    public var issuingBody: String
    /// The number as the officer gives it ("12"); empty leaves the space to fill by hand, as registries do.
    public var number: String
    /// The symbol after the number ("BC-UBND").
    public var symbol: String
    public var place: String
    public var date: Day
    /// "BÁO CÁO", "THÔNG BÁO", "QUYẾT ĐỊNH"…
    public var kind: String
    /// The summary under the type, in sentence case ("Tình hình phát triển kinh tế tập thể năm 2026").
    public var summary: String
    public var body: [Block]
    public var recipients: [String]
    public var signature: Signature

    public enum Block: Sendable, Equatable {
        /// A heading of the body: level 1 ("I. …", bold capitals as written), level 2 ("1. …", bold).
        case heading(String, level: Int)
        case paragraph(String)
        case table(DocumentTable)
        /// An appendix starts a new page with its own title ("Phụ lục I" and the title in capitals).
        case appendix(label: String, title: String)
    }

    public struct Signature: Sendable, Equatable {
        /// "TM. ỦY BAN NHÂN DÂN", "KT. GIÁM ĐỐC"…; nil when the signer signs in their own name.
        public var authority: String?
        public var title: String
        public var signer: String

        public init(authority: String?, title: String, signer: String) {
            self.authority = authority
            self.title = title
            self.signer = signer
        }
    }

    public init(parentBody: String?, issuingBody: String, number: String, symbol: String, place: String, date: Day, kind: String, summary: String,
                body: [Block], recipients: [String], signature: Signature) {
        self.parentBody = parentBody
        self.issuingBody = issuingBody
        self.number = number
        self.symbol = symbol
        self.place = place
        self.date = date
        self.kind = kind
        self.summary = summary
        self.body = body
        self.recipients = recipients
        self.signature = signature
    }

    /// "Số: 05/BC-UBND": numbers under 10 with a leading zero, no spaces; without a number, room to write it in.
    public var numberLine: String {
        let digits = number.trimmed
        let padded = digits.count == 1 && digits.allSatisfy(\.isNumber) ? "0" + digits : digits
        return "Số: \(padded.isEmpty ? "     " : padded)/\(symbol.trimmed)"
    }

    /// "Hà Tĩnh, ngày 05 tháng 01 năm 2027": days under 10 and the months January and February with a leading zero.
    public var placeAndDate: String {
        let day = date.day < 10 ? "0\(date.day)" : String(date.day)
        let month = date.month < 3 ? "0\(date.month)" : String(date.month)
        return "\(place.trimmed), ngày \(day) tháng \(month) năm \(date.year)"
    }
}

/// A table of a document: a title above it, its header row (repeated on every page it runs over), its rows, and
/// which columns hold numbers (right-aligned).
public struct DocumentTable: Sendable, Equatable {
    public struct Column: Sendable, Equatable {
        public var title: String
        /// The column's share of the table's width, relative to the others.
        public var weight: Double
        public var numeric: Bool

        public init(_ title: String, weight: Double, numeric: Bool = false) {
            self.title = title
            self.weight = weight
            self.numeric = numeric
        }
    }

    public var title: String?
    /// The unit the numbers are in ("Đơn vị: tổ chức, triệu đồng"), written right-aligned above the table.
    public var unit: String?
    public var columns: [Column]
    public var rows: [[String]]
    /// A last row in bold (the total), if any.
    public var total: [String]?
    /// The sheet's name when the table is written as a workbook ("Tổng hợp"), if it has its own.
    public var sheet: String?

    public init(title: String?, unit: String?, columns: [Column], rows: [[String]], total: [String]? = nil, sheet: String? = nil) {
        self.sheet = sheet
        self.title = title
        self.unit = unit
        self.columns = columns
        self.rows = rows
        self.total = total
    }
}

/// A document that could not be written, said in Vietnamese.
public struct DocumentError: Error, Equatable, CustomStringConvertible, MessageError {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
