/// The fields of an annual report with their Vietnamese labels and units, shared by forms, imports, validation rules,
/// the rubric and messages. Raw values are the JSON keys of `AnnualReport` and the names used in rule and rubric files.
public enum ReportField: String, CaseIterable, Codable, Sendable {
    case officialMembers = "official_members"
    case associateMembers = "associate_members"
    case workers
    case charterCapital = "charter_capital"
    case totalCapital = "total_capital"
    case totalAssets = "total_assets"
    case indivisibleAssets = "indivisible_assets"
    case developmentFund = "development_fund"
    case reserveFund = "reserve_fund"
    case otherFunds = "other_funds"
    case revenue
    case pretaxProfit = "pretax_profit"
    case averageIncome = "average_income"
    case servicesToMembers = "services_to_members"
    case memberNeedsMetPercent = "member_needs_met_percent"
    case debtState = "debt_state"
    case debtBanks = "debt_banks"
    case debtMembers = "debt_members"
    case debtOther = "debt_other"
    case managers
    case managersUniversity = "managers_university"
    case managersVocational = "managers_vocational"
    case managersUnder35 = "managers_under_35"
    case highTech = "high_tech"
    case valueChain = "value_chain"
    case valueChainPartner = "value_chain_partner"
    case digitalTransformation = "digital_transformation"
    case ocopProducts = "ocop_products"
    case ocopBestStars = "ocop_best_stars"
    case legalViolations = "legal_violations"
    case disputes
    case awards
    case monthsOperated = "months_operated"
    case monthsSuspended = "months_suspended"
    case comment

    /// What a field holds, which decides how it is read from a form and written in a message.
    public enum Kind: Sendable {
        case count, amount, percent, flag, text
    }

    public var label: String {
        switch self {
        case .officialMembers: "Số thành viên chính thức"
        case .associateMembers: "Số thành viên liên kết"
        case .workers: "Số lao động thường xuyên"
        case .charterCapital: "Vốn điều lệ"
        case .totalCapital: "Tổng nguồn vốn"
        case .totalAssets: "Tổng tài sản"
        case .indivisibleAssets: "Tài sản không chia"
        case .developmentFund: "Quỹ đầu tư phát triển"
        case .reserveFund: "Quỹ dự phòng tài chính"
        case .otherFunds: "Các quỹ khác"
        case .revenue: "Doanh thu"
        case .pretaxProfit: "Lợi nhuận trước thuế"
        case .averageIncome: "Thu nhập bình quân của lao động thường xuyên"
        case .servicesToMembers: "Số dịch vụ cung ứng cho thành viên"
        case .memberNeedsMetPercent: "Mức đáp ứng nhu cầu của thành viên"
        case .debtState: "Nợ tồn đọng với Nhà nước"
        case .debtBanks: "Nợ tồn đọng với ngân hàng, tổ chức tín dụng"
        case .debtMembers: "Nợ tồn đọng với thành viên"
        case .debtOther: "Nợ tồn đọng khác"
        case .managers: "Tổng số cán bộ quản lý"
        case .managersUniversity: "Cán bộ quản lý có trình độ cao đẳng, đại học trở lên"
        case .managersVocational: "Cán bộ quản lý có trình độ sơ cấp, trung cấp"
        case .managersUnder35: "Cán bộ quản lý dưới 35 tuổi"
        case .highTech: "Ứng dụng công nghệ cao"
        case .valueChain: "Liên kết chuỗi giá trị"
        case .valueChainPartner: "Doanh nghiệp liên kết trong chuỗi"
        case .digitalTransformation: "Chuyển đổi số"
        case .ocopProducts: "Số sản phẩm OCOP"
        case .ocopBestStars: "Hạng sao OCOP cao nhất"
        case .legalViolations: "Số vụ vi phạm pháp luật"
        case .disputes: "Số vụ tranh chấp, khiếu nại"
        case .awards: "Khen thưởng (hình thức, cấp)"
        case .monthsOperated: "Số tháng hoạt động trong năm"
        case .monthsSuspended: "Số tháng tạm ngừng hoạt động trong năm"
        case .comment: "Giải trình"
        }
    }

    public var unit: String {
        switch self {
        case .officialMembers, .associateMembers, .workers, .managers, .managersUniversity, .managersVocational,
             .managersUnder35: "người"
        case .charterCapital, .totalCapital, .totalAssets, .indivisibleAssets, .developmentFund, .reserveFund, .otherFunds,
             .revenue, .pretaxProfit, .debtState, .debtBanks, .debtMembers, .debtOther: "triệu đồng"
        case .averageIncome: "triệu đồng/người/năm"
        case .servicesToMembers: "dịch vụ"
        case .memberNeedsMetPercent: "%"
        case .ocopProducts: "sản phẩm"
        case .ocopBestStars: "sao"
        case .legalViolations, .disputes: "vụ"
        case .monthsOperated, .monthsSuspended: "tháng"
        case .highTech, .valueChain, .valueChainPartner, .digitalTransformation, .awards, .comment: ""
        }
    }

    public var kind: Kind {
        switch storage {
        case .integer: .count
        case .money: .amount
        case .decimal: .percent
        case .flag: .flag
        case .text: .text
        }
    }

    /// Where the value lives in the report; one table serves reading and writing.
    enum Storage {
        case integer(WritableKeyPath<AnnualReport, Int>)
        case money(WritableKeyPath<AnnualReport, Money>)
        case decimal(WritableKeyPath<AnnualReport, Double>)
        case flag(WritableKeyPath<AnnualReport, Bool>)
        case text(WritableKeyPath<AnnualReport, String>)
    }

    var storage: Storage {
        switch self {
        case .officialMembers: .integer(\.officialMembers)
        case .associateMembers: .integer(\.associateMembers)
        case .workers: .integer(\.workers)
        case .charterCapital: .money(\.charterCapital)
        case .totalCapital: .money(\.totalCapital)
        case .totalAssets: .money(\.totalAssets)
        case .indivisibleAssets: .money(\.indivisibleAssets)
        case .developmentFund: .money(\.developmentFund)
        case .reserveFund: .money(\.reserveFund)
        case .otherFunds: .money(\.otherFunds)
        case .revenue: .money(\.revenue)
        case .pretaxProfit: .money(\.pretaxProfit)
        case .averageIncome: .money(\.averageIncome)
        case .servicesToMembers: .integer(\.servicesToMembers)
        case .memberNeedsMetPercent: .decimal(\.memberNeedsMetPercent)
        case .debtState: .money(\.debtState)
        case .debtBanks: .money(\.debtBanks)
        case .debtMembers: .money(\.debtMembers)
        case .debtOther: .money(\.debtOther)
        case .managers: .integer(\.managers)
        case .managersUniversity: .integer(\.managersUniversity)
        case .managersVocational: .integer(\.managersVocational)
        case .managersUnder35: .integer(\.managersUnder35)
        case .highTech: .flag(\.highTech)
        case .valueChain: .flag(\.valueChain)
        case .valueChainPartner: .text(\.valueChainPartner)
        case .digitalTransformation: .flag(\.digitalTransformation)
        case .ocopProducts: .integer(\.ocopProducts)
        case .ocopBestStars: .integer(\.ocopBestStars)
        case .legalViolations: .integer(\.legalViolations)
        case .disputes: .integer(\.disputes)
        case .awards: .text(\.awards)
        case .monthsOperated: .integer(\.monthsOperated)
        case .monthsSuspended: .integer(\.monthsSuspended)
        case .comment: .text(\.comment)
        }
    }

    /// The value as a number for rules and scoring (a flag is 1 or 0); nil for text.
    public func number(in report: AnnualReport) -> Double? {
        switch storage {
        case .integer(let path): Double(report[keyPath: path])
        case .money(let path): report[keyPath: path].millions
        case .decimal(let path): report[keyPath: path]
        case .flag(let path): report[keyPath: path] ? 1 : 0
        case .text: nil
        }
    }

    /// Stores what a person typed into a form or an import cell, or says in Vietnamese why it cannot be read.
    /// Numbers are read the Vietnamese way (`1.234,5`); flags accept có/không, x, 1/0.
    public func assign(_ typed: String, to report: inout AnnualReport) -> FieldProblem? {
        let text = typed.trimmed
        switch storage {
        case .text(let path):
            report[keyPath: path] = text
        case .flag(let path):
            switch text.lowercased() {
            case "có", "co", "x", "1", "true": report[keyPath: path] = true
            case "không", "khong", "", "0", "false": report[keyPath: path] = false
            default: return FieldProblem("\(label): “\(text)” không phải là “có” hoặc “không”.")
            }
        case .integer(let path):
            guard let value = VietnameseNumber.parse(text), value == value.rounded() else {
                return FieldProblem("\(label): “\(text)” không phải là số nguyên.")
            }
            guard allowedRange.contains(value) else { return rangeProblem(typed: text) }
            report[keyPath: path] = Int(value)
        case .money(let path):
            // Exact, digit by digit: `1.350,5` is 1 350 500 000 đồng, not the nearest double.
            switch Money.millions(text) {
            case .success(let amount):
                guard allowedAmounts.contains(amount) else { return rangeProblem(typed: text) }
                report[keyPath: path] = amount
            case .failure(.tooLarge): return rangeProblem(typed: text)
            case .failure(let problem): return FieldProblem("\(label): “\(text)” \(problem.reason)")
            }
        case .decimal(let path):
            guard let value = VietnameseNumber.parse(text) else { return FieldProblem("\(label): “\(text)” không phải là số.") }
            guard allowedRange.contains(value) else { return rangeProblem(typed: text) }
            report[keyPath: path] = value
        }
        return nil
    }

    /// The values a report can hold, wide enough for the largest real organisation and narrow enough that every sum
    /// and chart of a whole country stays exact: a field outside it is a typing or unit error.
    ///
    /// Amounts stop at 100 triệu triệu đồng (100.000 tỷ, three times the revenue of the largest union of cooperatives,
    /// Saigon Co.op): 10^14 đồng. A province's sum of one field is one SQL SUM over 64-bit đồng (at most 9,2 × 10^18),
    /// so it cannot overflow below 92.000 reports of one province and year at the maximum; the whole country files
    /// about 35.000, and the nation's figures add provinces with saturating arithmetic (`Figures.total`).
    public var allowedRange: ClosedRange<Double> {
        switch self {
        case .officialMembers, .associateMembers, .workers, .managers, .managersUniversity, .managersVocational, .managersUnder35:
            0...10_000_000
        case .pretaxProfit: -100_000_000...100_000_000
        case .charterCapital, .totalCapital, .totalAssets, .indivisibleAssets, .developmentFund, .reserveFund, .otherFunds,
             .revenue, .debtState, .debtBanks, .debtMembers, .debtOther: 0...100_000_000
        case .averageIncome: 0...100_000
        case .servicesToMembers, .legalViolations, .disputes: 0...100_000
        case .ocopProducts: 0...10_000
        case .memberNeedsMetPercent: 0...100
        case .ocopBestStars: 0...5
        case .monthsOperated, .monthsSuspended: 0...12
        case .highTech, .valueChain, .valueChainPartner, .digitalTransformation, .awards, .comment: 0...1
        }
    }

    /// `allowedRange` of an amount, in đồng (its bounds are whole triệu).
    var allowedAmounts: ClosedRange<Money> {
        Money(millions: Int64(allowedRange.lowerBound))...Money(millions: Int64(allowedRange.upperBound))
    }

    func rangeProblem(typed: String) -> FieldProblem {
        let bounds = "từ \(describe(allowedRange.lowerBound)) đến \(describe(allowedRange.upperBound))"
        return FieldProblem("\(label): “\(typed)” nằm ngoài khoảng cho phép (\(bounds)).")
    }

    /// A value written for a message: `1.234,5 triệu đồng`, `12 người`, `40%`.
    func describe(_ value: Double) -> String {
        let number = VietnameseNumber.format(value, fractionDigits: 2)
        switch unit {
        case "": return number
        case "%": return number + "%"
        default: return number + " " + unit
        }
    }
}

extension ReportField {
    /// How a field is kept in a database column: flags as 0/1 so that roll-ups can sum them, amounts as whole đồng.
    public enum StoredValue: Sendable, Equatable {
        case integer(Int)
        case decimal(Double)
        case text(String)

        public var encodable: any Encodable & Sendable {
            switch self {
            case .integer(let value): value
            case .decimal(let value): value
            case .text(let value): value
            }
        }
    }

    public enum StoredKind: Sendable { case integer, decimal, text }

    public var storedKind: StoredKind {
        switch storage {
        case .integer, .flag, .money: .integer
        case .decimal: .decimal
        case .text: .text
        }
    }

    public func stored(in report: AnnualReport) -> StoredValue {
        switch value(in: report) {
        case .integer(let number): .integer(number)
        case .money(let amount): .integer(Int(amount.dong))
        case .decimal(let number): .decimal(number)
        case .flag(let flag): .integer(flag ? 1 : 0)
        case .text(let text): .text(text)
        }
    }

    public func store(_ value: StoredValue, in report: inout AnnualReport) {
        switch (storage, value) {
        case (.integer(let path), .integer(let number)): report[keyPath: path] = number
        case (.decimal(let path), .decimal(let number)): report[keyPath: path] = number
        case (.decimal(let path), .integer(let number)): report[keyPath: path] = Double(number)
        case (.money(let path), .integer(let number)): report[keyPath: path] = Money(dong: Int64(number))
        case (.flag(let path), .integer(let number)): report[keyPath: path] = number != 0
        case (.text(let path), .text(let text)): report[keyPath: path] = text
        default: break
        }
    }

    /// The value in its own type, for machine outputs: a JSON number, boolean or string; a number cell in a sheet.
    public enum Value: Sendable, Equatable, Encodable {
        case integer(Int)
        /// A JSON number in triệu đồng written from the exact đồng (`1350.5`).
        case money(Money)
        case decimal(Double)
        case flag(Bool)
        case text(String)

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .integer(let value): try container.encode(value)
            case .money(let value): try container.encode(value)
            case .decimal(let value): try container.encode(value)
            case .flag(let value): try container.encode(value)
            case .text(let value): try container.encode(value)
            }
        }
    }

    public func value(in report: AnnualReport) -> Value {
        switch storage {
        case .integer(let path): .integer(report[keyPath: path])
        case .money(let path): .money(report[keyPath: path])
        case .decimal(let path): .decimal(report[keyPath: path])
        case .flag(let path): .flag(report[keyPath: path])
        case .text(let path): .text(report[keyPath: path])
        }
    }

    /// The value as a person reads it: `1.234,5`, `có`/`không`, text as written. Amounts show every decimal they hold,
    /// so a form filled with them saves them back unchanged.
    public func display(in report: AnnualReport) -> String {
        switch value(in: report) {
        case .integer(let number): VietnameseNumber.format(number)
        case .money(let amount): amount.millionsText()
        case .decimal(let number): VietnameseNumber.format(number, fractionDigits: 2)
        case .flag(let flag): flag ? "có" : "không"
        case .text(let text): text
        }
    }
}
