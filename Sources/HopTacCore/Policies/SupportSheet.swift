import Foundation

/// A field of a support record as sheets and forms name it.
public enum SupportField: String, CaseIterable, Sendable, Codable {
    case policy, registrationCode = "registration_code", personName = "person_name", personPosition = "person_position"
    case date, endDate = "end_date", amount, quantity, quantityUnit = "quantity_unit", status, agency
    case course, place, degree, lender, interestRate = "interest_rate", termMonths = "term_months", outstanding, overdue
    case landArea = "land_area", landForm = "land_form", decisionNumber = "decision_number", awardLevel = "award_level", awardForm = "award_form", note

    public var label: String {
        switch self {
        case .policy: "Chính sách"
        case .registrationCode: "Mã số HTX"
        case .personName: "Họ và tên"
        case .personPosition: "Chức vụ"
        case .date: "Ngày hỗ trợ"
        case .endDate: "Đến ngày"
        case .amount: "Số tiền (triệu đồng)"
        case .quantity: "Số lượng"
        case .quantityUnit: "Đơn vị tính"
        case .status: "Trạng thái"
        case .agency: "Cơ quan thực hiện"
        case .course: "Khóa học, nội dung"
        case .place: "Địa điểm"
        case .degree: "Trình độ"
        case .lender: "Bên cho vay"
        case .interestRate: "Lãi suất (%/năm)"
        case .termMonths: "Thời hạn vay (tháng)"
        case .outstanding: "Dư nợ (triệu đồng)"
        case .overdue: "Nợ quá hạn (triệu đồng)"
        case .landArea: "Diện tích (m²)"
        case .landForm: "Hình thức sử dụng đất"
        case .decisionNumber: "Số quyết định"
        case .awardLevel: "Cấp công nhận, khen thưởng"
        case .awardForm: "Hình thức khen thưởng"
        case .note: "Ghi chú"
        }
    }

    /// Other headers officials write for the field (folded, without bracketed units).
    var aliases: [String] {
        switch self {
        case .policy: ["chinh sach", "ma chinh sach", "chinh sach ho tro", "policy"]
        case .registrationCode: ["ma so htx", "ma so", "ma so to chuc", "ma so dang ky", "ma so doanh nghiep", "registration code"]
        case .personName: ["ho va ten", "ho ten", "nguoi thu huong", "hoc vien", "ten hoc vien", "ten can bo"]
        case .personPosition: ["chuc vu", "chuc danh"]
        case .date: ["ngay ho tro", "ngay", "ngay giai ngan", "ngay quyet dinh", "tu ngay", "ngay bat dau", "ngay vay"]
        case .endDate: ["den ngay", "ngay ket thuc", "ngay dao han", "ngay thu hoi", "thu hoi ngay"]
        case .amount: ["so tien", "kinh phi", "so tien ho tro", "kinh phi ho tro", "so tien vay", "muc ho tro"]
        case .quantity: ["so luong"]
        case .quantityUnit: ["don vi tinh", "dvt"]
        case .status: ["trang thai", "tinh trang"]
        case .agency: ["co quan thuc hien", "don vi thuc hien", "co quan chu tri"]
        case .course: ["khoa hoc", "khoa hoc noi dung", "lop", "ten lop", "noi dung", "noi dung dao tao", "chuyen de"]
        case .place: ["dia diem", "noi dao tao"]
        case .degree: ["trinh do", "bang cap", "trinh do chuyen mon"]
        case .lender: ["ben cho vay", "ngan hang", "to chuc tin dung", "nguon von vay"]
        case .interestRate: ["lai suat"]
        case .termMonths: ["thoi han vay", "thoi han", "ky han"]
        case .outstanding: ["du no"]
        case .overdue: ["no qua han"]
        case .landArea: ["dien tich"]
        case .landForm: ["hinh thuc su dung dat", "hinh thuc"]
        case .decisionNumber: ["so quyet dinh", "quyet dinh", "so quyet dinh cong nhan", "so quyet dinh khen thuong"]
        case .awardLevel: ["cap cong nhan", "cap khen thuong", "cap quyet dinh", "cap"]
        case .awardForm: ["hinh thuc khen thuong", "danh hieu", "danh hieu khen thuong", "hinh thuc ton vinh"]
        case .note: ["ghi chu"]
        }
    }

    /// Amounts: read in the unit the header states, triệu đồng when it states none.
    public var isMoney: Bool { [.amount, .outstanding, .overdue].contains(self) }
}

/// A support record as typed in a sheet or a form, checked field by field; the policy and the organisation are found by
/// the caller, which also checks what the policy's kind requires.
public struct SupportInput: Sendable, Equatable {
    public var policy = ""
    public var registrationCode = ""
    public var personName: String?
    public var personPosition: String?
    public var date: Day?
    public var endDate: Day?
    public var amount: Money?
    public var quantity: Double?
    public var quantityUnit: String?
    public var status: SupportStatus = .disbursed
    public var agency: String?
    public var course: String?
    public var place: String?
    public var degree: String?
    public var lender: String?
    public var interestRate: Double?
    public var termMonths: Int?
    public var outstanding: Money?
    public var overdue: Money?
    public var landArea: Double?
    public var landForm: LandForm?
    public var decisionNumber: String?
    public var awardLevel: PolicyLevel?
    public var awardForm: String?
    public var note: String?
    /// The training course the participant attended, when the form names it; a sheet names it by its topic instead.
    public var courseId: Int?

    public init() {}

    /// The largest amount one record may hold: 100.000 tỷ đồng, as for a report's amounts.
    public static let largestAmount = Money(millions: 100_000_000)
    public static let days = Day(year: 2000, month: 1, day: 1).flatMap { first in Day(year: 2100, month: 12, day: 31).map { first...$0 } }

    /// Reads typed texts (field → text; amounts in `units`, triệu đồng by default) into a record and the problems
    /// with them, each naming its field.
    public static func read(_ texts: [SupportField: String], units: [SupportField: Money.Unit] = [:]) -> (SupportInput, [SupportField: String]) {
        var input = SupportInput()
        var problems: [SupportField: String] = [:]
        func text(_ field: SupportField, limit: Int = 300) -> String? {
            let value = (texts[field] ?? "").trimmed.precomposedStringWithCanonicalMapping
            guard !value.isEmpty else { return nil }
            if value.count > limit { problems[field] = "dài quá \(limit) ký tự." }
            return value
        }
        func day(_ field: SupportField) -> Day? {
            guard let raw = text(field) else { return nil }
            guard let day = Day(vietnamese: raw) ?? Day(iso: raw) else { problems[field] = "không phải ngày dd/mm/yyyy."; return nil }
            guard days?.contains(day) == true else { problems[field] = "phải từ năm 2000 đến năm 2100."; return nil }
            return day
        }
        func number(_ field: SupportField, in range: ClosedRange<Double>, unit: String) -> Double? {
            guard let raw = text(field) else { return nil }
            guard let value = VietnameseNumber.parse(raw) else { problems[field] = "không phải là số (ví dụ 1.234,5)."; return nil }
            guard range.contains(value) else {
                problems[field] = "phải từ \(VietnameseNumber.format(range.lowerBound)) đến \(VietnameseNumber.format(range.upperBound)) \(unit)."
                return nil
            }
            return value
        }
        func money(_ field: SupportField) -> Money? {
            guard let raw = text(field) else { return nil }
            let unit = units[field] ?? .million
            switch Money.parse(raw, in: unit) {
            case .failure(let problem): problems[field] = problem.reason(in: unit); return nil
            case .success(let amount):
                guard amount >= .zero, amount <= largestAmount else { problems[field] = "phải từ 0 đến 100.000 tỷ đồng."; return nil }
                return amount
            }
        }
        input.policy = text(.policy, limit: 60) ?? ""
        if input.policy.isEmpty { problems[.policy] = "cần ghi mã chính sách." }
        input.registrationCode = text(.registrationCode, limit: 20) ?? ""
        if input.registrationCode.isEmpty { problems[.registrationCode] = "cần ghi mã số của tổ chức được hỗ trợ." }
        input.personName = text(.personName, limit: 120)
        input.personPosition = text(.personPosition, limit: 120)
        input.date = day(.date)
        if input.date == nil, problems[.date] == nil { problems[.date] = "cần ghi ngày hỗ trợ (dd/mm/yyyy)." }
        input.endDate = day(.endDate)
        if let start = input.date, let end = input.endDate, end < start { problems[.endDate] = "trước ngày hỗ trợ \(start.vietnamese)." }
        input.amount = money(.amount)
        input.quantity = number(.quantity, in: 0...1_000_000_000, unit: "")
        input.quantityUnit = text(.quantityUnit, limit: 40)
        if let raw = text(.status) {
            let folded = foldForSearch(raw)
            if let status = SupportStatus.allCases.first(where: { foldForSearch($0.label) == folded || $0.rawValue == folded
                || (folded.contains("phe duyet") && $0 == .approved) || ((folded.contains("giai ngan") || folded.contains("thuc hien")) && $0 == .disbursed)
                || ((folded.contains("hoan thanh") || folded.contains("tat toan")) && $0 == .finished) }) {
                input.status = status
            } else {
                problems[.status] = "không rõ; ghi “Đã phê duyệt”, “Đã giải ngân” hoặc “Đã hoàn thành”."
            }
        }
        input.agency = text(.agency)
        input.course = text(.course)
        input.place = text(.place)
        input.degree = text(.degree, limit: 120)
        input.lender = text(.lender)
        input.interestRate = number(.interestRate, in: 0...100, unit: "%/năm")
        input.termMonths = number(.termMonths, in: 1...600, unit: "tháng").map { Int($0.rounded()) }
        input.outstanding = money(.outstanding)
        input.overdue = money(.overdue)
        if let overdue = input.overdue, let outstanding = input.outstanding, overdue > outstanding { problems[.overdue] = "lớn hơn dư nợ." }
        input.landArea = number(.landArea, in: 0.01...100_000_000, unit: "m²")
        if let raw = text(.landForm) {
            let folded = foldForSearch(raw)
            if folded.contains("giao") { input.landForm = .allocation } else if folded.contains("thue") { input.landForm = .lease } else {
                problems[.landForm] = "ghi “Giao đất” hoặc “Thuê đất”."
            }
        }
        input.decisionNumber = text(.decisionNumber, limit: 60)
        if let raw = text(.awardLevel) {
            input.awardLevel = PolicyLevel(text: raw)
            if input.awardLevel == nil { problems[.awardLevel] = "ghi “Trung ương”, “Tỉnh” hoặc “Xã”." }
        }
        input.awardForm = text(.awardForm, limit: 120)
        input.note = text(.note, limit: 2_000)
        return (input, problems)
    }

    /// What the policy's kind requires beyond the common fields, as problems by field.
    public func missing(for kind: PolicyKind) -> [SupportField: String] {
        var problems: [SupportField: String] = [:]
        if kind.namesPerson, personName == nil { problems[.personName] = "cần ghi họ tên người được \(kind == .training ? "đào tạo, bồi dưỡng" : "hỗ trợ")." }
        if kind == .credit {
            if amount == nil { problems[.amount] = "cần ghi số tiền vay." }
            if lender == nil { problems[.lender] = "cần ghi bên cho vay (quỹ hỗ trợ phát triển HTX, ngân hàng…)." }
        }
        if kind == .land, landArea == nil { problems[.landArea] = "cần ghi diện tích (m²)." }
        if kind.isRecognition, decisionNumber == nil { problems[.decisionNumber] = "cần ghi số quyết định \(kind == .commendation ? "khen thưởng" : "công nhận")." }
        if kind == .commendation, awardForm == nil { problems[.awardForm] = "cần ghi hình thức khen thưởng (Bằng khen, Giấy khen, Cờ thi đua…)." }
        return problems
    }
}

/// Reads support records from a sheet: a header row naming at least the policy and the organisation's code, then one
/// row per grant (a participant of a course, a graduate, a loan, a plot…). Amount columns may state their unit.
public struct SupportSheet: Sendable {
    public struct Row: Sendable {
        public let number: Int
        public let texts: [SupportField: String]
    }

    public init() {}

    static func field(of title: String) -> SupportField? {
        let folded = foldForSearchWithoutBrackets(title)
        return SupportField.allCases.first { $0.aliases.contains(folded) || foldForSearchWithoutBrackets($0.label) == folded || $0.rawValue == title.trimmed }
    }

    private func header(of sheet: Sheet) -> Sheet.Header<SupportField>? { sheet.header(naming: [.policy, .registrationCode], field: Self.field(of:)) }

    /// Each money column's unit as its header states it.
    public func units(of sheet: Sheet) -> [SupportField: Money.Unit] {
        guard let header = header(of: sheet) else { return [:] }
        var units: [SupportField: Money.Unit] = [:]
        for (column, field) in header.columns where field.isMoney { units[field] = Money.Unit(header: header.cells[column].text) ?? .million }
        return units
    }

    /// The header's title of each field the sheet has, for messages.
    public func titles(of sheet: Sheet) -> [SupportField: String] { header(of: sheet)?.titles ?? [:] }

    public func rows(of sheet: Sheet) throws -> [Row] {
        guard let header = header(of: sheet) else {
            throw SpreadsheetError("Không tìm thấy dòng tiêu đề: cần cột “Chính sách” (mã chính sách) và cột “Mã số HTX” của tổ chức được hỗ trợ.")
        }
        return sheet.records(under: header, key: .registrationCode).map { Row(number: $0.number, texts: $0.texts) }
    }

    public func columnUse(of sheet: Sheet) -> [ImportColumn] {
        guard let header = header(of: sheet) else { return [] }
        return header.cells.enumerated().compactMap { column, cell in
            let title = cell.text.trimmed
            guard !title.isEmpty else { return nil }
            return ImportColumn(title: title, use: header.columns[column].map { field in
                field.isMoney ? Money.Unit.columnUse(field.label, header: title) : field.label
            })
        }
    }
}
