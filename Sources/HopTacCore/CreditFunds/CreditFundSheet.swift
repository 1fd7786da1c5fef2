/// A column of the State Bank branch's yearly table of the people's credit funds of a province.
public enum CreditFundField: String, CaseIterable, Sendable {
    case registrationCode = "registration_code", name, year, members, charterCapital = "charter_capital", deposits, loans
    case badDebt = "bad_debt", badDebtRatio = "bad_debt_ratio"

    public var label: String {
        switch self {
        case .registrationCode: "Mã số QTDND"
        case .name: "Tên quỹ tín dụng nhân dân"
        case .year: "Năm"
        case .members: "Số thành viên"
        case .charterCapital: "Vốn điều lệ (triệu đồng)"
        case .deposits: "Tiền gửi huy động (triệu đồng)"
        case .loans: "Dư nợ cho vay (triệu đồng)"
        case .badDebt: "Nợ xấu (triệu đồng)"
        case .badDebtRatio: "Tỷ lệ nợ xấu (%)"
        }
    }

    /// Headers the branches write for the field (folded, without bracketed units).
    var aliases: [String] {
        switch self {
        case .registrationCode: ["ma so qtdnd", "ma so", "ma so quy", "ma so htx", "ma so doanh nghiep", "ma so dang ky", "ma quy"]
        case .name: ["ten qtdnd", "ten quy", "ten quy tin dung", "ten quy tin dung nhan dan", "quy tin dung nhan dan", "ten to chuc"]
        case .year: ["nam"]
        case .members: ["so thanh vien", "thanh vien", "tong so thanh vien"]
        case .charterCapital: ["von dieu le"]
        case .deposits: ["tien gui", "tien gui huy dong", "von huy dong", "nguon von huy dong", "huy dong von", "so du tien gui"]
        case .loans: ["du no", "du no cho vay", "tong du no", "tong du no cho vay"]
        case .badDebt: ["no xau"]
        case .badDebtRatio: ["ty le no xau", "ti le no xau", "no xau/tong du no"]
        }
    }

    /// Amounts: read in the unit the header states, triệu đồng when it states none.
    public var isMoney: Bool { [.charterCapital, .deposits, .loans, .badDebt].contains(self) }

    static func of(_ title: String) -> CreditFundField? {
        let folded = foldForSearchWithoutBrackets(title)
        let bare = folded.hasSuffix(" %") ? String(folded.dropLast(2)) : folded
        return allCases.first { $0.aliases.contains(bare) || foldForSearchWithoutBrackets($0.label) == folded || $0.rawValue == title.trimmed }
    }
}

/// One fund's figures for a year as the State Bank reports them. The bad debt is kept as an amount, so that a
/// province's ratio is its funds' bad debt over their loans and never an average of ratios.
public struct CreditFundInput: Sendable, Equatable {
    public let row: Int
    public let registrationCode: String
    public let year: Int
    public let members: Int64
    public let charterCapital: Money
    public let deposits: Money
    public let loans: Money
    public let badDebt: Money

    /// The most members a fund may have: the largest funds have a few tens of thousands.
    public static let largestMembership: Int64 = 1_000_000
    /// The largest amount one fund's line may hold: 100.000 tỷ đồng, as for a report's amounts.
    public static let largestAmount = Money(millions: 100_000_000)
    /// How far a stated ratio may be from the one its amounts give (the branches round to two decimals).
    static let ratioTolerance = 0.05

    public init(row: Int, registrationCode: String, year: Int, members: Int64, charterCapital: Money, deposits: Money, loans: Money, badDebt: Money) {
        self.row = row
        self.registrationCode = registrationCode
        self.year = year
        self.members = members
        self.charterCapital = charterCapital
        self.deposits = deposits
        self.loans = loans
        self.badDebt = badDebt
    }

    /// Bad debt over loans outstanding in percent; nil without loans.
    public var badDebtRatio: Double? { loans > .zero ? Double(badDebt.dong) / Double(loans.dong) * 100 : nil }
}

/// Reads the yearly table of the credit funds: a header naming the fund's registration code and at least one figure,
/// a year column or one year for the whole sheet, then one row per fund. The bad debt may be given as an amount, as a
/// ratio of the loans, or both (then they must agree).
public struct CreditFundSheet: YearlySheetReader {
    public typealias Problem = SheetProblem<CreditFundField>
    public static let keyField = CreditFundField.registrationCode
    public static func label(of field: CreditFundField) -> String { field.label }

    public init() {}

    private func header(of sheet: Sheet) -> Sheet.Header<CreditFundField>? {
        sheet.header(naming: [.registrationCode, .loans], field: CreditFundField.of)
    }

    public func titles(of sheet: Sheet) -> [CreditFundField: String] { header(of: sheet)?.titles ?? [:] }

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

    /// The rows and the problems with them; `year` is the sheet's year when it has no year column. A fund given twice
    /// for one year is refused: which line is right is for the official to say.
    public func read(_ sheet: Sheet, year: Int?, years: ClosedRange<Int>) throws -> (rows: [CreditFundInput], problems: [Problem]) {
        guard let header = header(of: sheet) else {
            throw SpreadsheetError("Không tìm thấy dòng tiêu đề: cần cột “Mã số QTDND” và cột “Dư nợ cho vay”.")
        }
        guard year != nil || header.columns.values.contains(.year) else {
            throw SpreadsheetError("Tệp không có cột “Năm”: hãy chọn năm của số liệu.")
        }
        var units: [CreditFundField: Money.Unit] = [:]
        for (column, field) in header.columns where field.isMoney { units[field] = Money.Unit(header: header.cells[column].text) ?? .million }
        var rows: [CreditFundInput] = [], problems: [Problem] = []
        var seen: [String: Int] = [:]
        for (number, texts) in sheet.records(under: header, key: .registrationCode) {
            var failed = false
            func problem(_ field: CreditFundField, _ reason: String) {
                failed = true
                problems.append(Problem(row: number, field: field, value: texts[field]?.trimmed ?? "", reason: reason))
            }
            func text(_ field: CreditFundField) -> String? {
                let value = (texts[field] ?? "").trimmed
                return value.isEmpty ? nil : value
            }
            func money(_ field: CreditFundField) -> Money? {
                guard let raw = text(field) else { return nil }
                let unit = units[field] ?? .million
                switch Money.parse(raw, in: unit) {
                case .failure(let reason): problem(field, reason.reason(in: unit)); return nil
                case .success(let amount):
                    guard amount >= .zero, amount <= CreditFundInput.largestAmount else { problem(field, "phải từ 0 đến 100.000 tỷ đồng."); return nil }
                    return amount
                }
            }
            let code = text(.registrationCode) ?? ""
            if code.isEmpty { problem(.registrationCode, "cần ghi mã số của quỹ (mã số doanh nghiệp, HTX).") } else if code.count > 20 {
                problem(.registrationCode, "dài quá 20 ký tự.")
            }
            var rowYear = year
            if let raw = text(.year) {
                rowYear = Int(raw)
                if rowYear == nil { problem(.year, "không phải là năm.") }
            }
            if let value = rowYear, !years.contains(value) { problem(.year, "phải từ \(years.lowerBound) đến \(years.upperBound).") }
            var members: Int64 = 0
            if let raw = text(.members) {
                if let value = VietnameseNumber.parse(raw), value == value.rounded(), value >= 0, value <= Double(CreditFundInput.largestMembership) {
                    members = Int64(value)
                } else {
                    problem(.members, "phải là số nguyên từ 0 đến \(VietnameseNumber.format(Double(CreditFundInput.largestMembership))) người.")
                }
            }
            let capital = money(.charterCapital), deposits = money(.deposits), loans = money(.loans)
            if text(.loans) == nil { problem(.loans, "cần ghi dư nợ cho vay (ghi 0 nếu quỹ không cho vay).") }
            var badDebt = money(.badDebt)
            if let raw = text(.badDebtRatio) {
                if let ratio = VietnameseNumber.parse(raw.replacingOccurrences(of: "%", with: "")), (0...100).contains(ratio) {
                    if let loans {
                        let stated = Money(dong: Int64((Double(loans.dong) * ratio / 100).rounded()))
                        if let amount = badDebt, loans > .zero, abs(Double(amount.dong) / Double(loans.dong) * 100 - ratio) > CreditFundInput.ratioTolerance {
                            problem(.badDebtRatio, "không khớp với nợ xấu \(amount.millionsText(fractionDigits: 1)) triệu đồng trên dư nợ \(loans.millionsText(fractionDigits: 1)) triệu đồng.")
                        }
                        badDebt = badDebt ?? stated
                    }
                } else {
                    problem(.badDebtRatio, "phải là số từ 0 đến 100 (%).")
                }
            }
            if let amount = badDebt, let loans, amount > loans { problem(.badDebt, "lớn hơn dư nợ cho vay.") }
            guard !failed, let value = rowYear, let loans else { continue }
            if let earlier = seen["\(code)/\(value)"] {
                problem(.registrationCode, "quỹ này đã có số liệu năm \(value) ở dòng \(earlier).")
                continue
            }
            seen["\(code)/\(value)"] = number
            rows.append(CreditFundInput(row: number, registrationCode: code, year: value, members: members, charterCapital: capital ?? .zero,
                                        deposits: deposits ?? .zero, loans: loans, badDebt: badDebt ?? .zero))
        }
        return (rows, problems)
    }
}
