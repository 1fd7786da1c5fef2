/// The name of one figure of an area and year. Every page, download, the API, the programme indicators and `/figures`
/// name figures by these keys, and each key has exactly one definition (`FigureDefinition.of`), so the same question
/// gets the same number wherever it is asked.
///
/// Registry figures count organisations as they stood on the year's reference day (31/12, or today for the current
/// year; see `Figures.referenceDay`); report figures count the annual reports of the year; classification figures
/// count the classifications of the year.
public struct FigureKey: Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
    public let rawValue: String

    private init(_ rawValue: String) { self.rawValue = rawValue }

    /// A key of the catalogue, nil for anything else (a typo in an indicator file is caught when it is read).
    public init?(rawValue: String) {
        guard FigureDefinition.byKey[rawValue] != nil else { return nil }
        self.rawValue = rawValue
    }

    public var description: String { rawValue }
    public static func < (a: FigureKey, b: FigureKey) -> Bool { a.rawValue < b.rawValue }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let key = FigureKey(rawValue: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "Không có số liệu mang khoá “\(text)”."))
        }
        self = key
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    // MARK: The registry on the reference day

    /// Not dissolved or merged: active, suspended or awaiting dissolution (`OrganizationStatus.isRegistered`).
    public static let organizationsRegistered = FigureKey("organizations_registered")
    public static func registered(_ type: OrganizationType) -> FigureKey { FigureKey("\(type.figurePrefix)_registered") }
    /// Organisations in each status; `status(.active)` is `organizationsActive`.
    public static func status(_ status: OrganizationStatus) -> FigureKey { FigureKey("organizations_\(status.rawValue.replacingOccurrences(of: "-", with: "_"))") }
    public static let organizationsActive = status(.active)
    public static func active(_ type: OrganizationType) -> FigureKey { FigureKey("\(type.figurePrefix)_active") }
    public static let organizationsFounded = FigureKey("organizations_founded")
    public static func founded(_ type: OrganizationType) -> FigureKey { FigureKey("\(type.figurePrefix)_founded") }
    /// Counts organisations founded in the year: what a per-year target ("mỗi năm 1–3 THT") is measured with.
    public var countsFoundings: Bool { self == .organizationsFounded || OrganizationType.allCases.contains { .founded($0) == self } }
    public static let organizationsEnded = FigureKey("organizations_ended")
    public static func ended(_ type: OrganizationType) -> FigureKey { FigureKey("\(type.figurePrefix)_ended") }
    /// Members and contributed capital as the registry records them, for the groups that file no annual report.
    public static func registeredMembers(_ type: OrganizationType) -> FigureKey { FigureKey("\(type.figurePrefix)_members") }
    public static func registeredCapital(_ type: OrganizationType) -> FigureKey { FigureKey("\(type.figurePrefix)_capital") }

    // MARK: The annual reporting round

    public static let reportsExpected = FigureKey("reports_expected")
    public static let reportsSubmitted = FigureKey("reports_submitted")
    public static let reportsOnTime = FigureKey("reports_on_time")
    public static let reportsLate = FigureKey("reports_late")

    // MARK: Classification

    public static let rated = FigureKey("rated")
    public static let notRated = FigureKey("not_rated")
    /// A band of the rubric by its code (`good`, `fair`, `average`, `weak` in Circular 01/2020).
    public static func band(_ code: String) -> FigureKey { FigureKey(code) }
    public static let goodFairShare = FigureKey("good_fair_share")
    public static func size(_ size: SizeClass) -> FigureKey { FigureKey("size_\(size.rawValue)") }

    // MARK: What the submitted reports say

    public static let valueChain = FigureKey("value_chain")
    public static let highTech = FigureKey("high_tech")
    public static let digital = FigureKey("digital")
    public static let ocopProducts = FigureKey("ocop_products")
    public static let officialMembers = FigureKey("official_members")
    public static let associateMembers = FigureKey("associate_members")
    public static let members = FigureKey("members")
    public static let workers = FigureKey("workers")
    public static let charterCapital = FigureKey("charter_capital")
    public static let totalAssets = FigureKey("total_assets")
    public static let indivisibleAssets = FigureKey("indivisible_assets")
    public static let revenue = FigureKey("revenue")
    public static let averageRevenue = FigureKey("average_revenue")
    public static let pretaxProfit = FigureKey("pretax_profit")
    public static let averageIncome = FigureKey("average_income")
    public static let incomeReports = FigureKey("income_reports")
    /// The sum of the reports' average incomes that `averageIncome` is the mean of; kept for adding units exactly, not
    /// in the catalogue.
    public static let incomeSum = FigureKey("income_sum")
    public static let debtState = FigureKey("debt_state")
    public static let debtBanks = FigureKey("debt_banks")
    public static let debtMembers = FigureKey("debt_members")
    public static let debtOther = FigureKey("debt_other")
    public static let debts = FigureKey("debts")

    // MARK: Support delivered under the support policies

    public static let supportAmount = FigureKey("support_amount")
    public static let supportedOrganizations = FigureKey("supported_organizations")
    public static let loansOutstanding = FigureKey("loans_outstanding")
    public static let graduatesPlaced = FigureKey("graduates_placed")
    public static let managersTrained = FigureKey("managers_trained")
    public static let managersTrainedShare = FigureKey("managers_trained_share")
    public static let modelCooperatives = FigureKey("model_cooperatives")
    public static let communesWithModel = FigureKey("communes_with_model")
    public static let commendedOrganizations = FigureKey("commended_organizations")

    // MARK: People's credit funds, as the State Bank reports them

    public static let creditFundsReporting = FigureKey("credit_funds_reporting")
    public static let creditFundMembers = FigureKey("credit_fund_members")
    public static let creditFundCapital = FigureKey("credit_fund_charter_capital")
    public static let creditFundDeposits = FigureKey("credit_fund_deposits")
    public static let creditFundLoans = FigureKey("credit_fund_loans")
    public static let creditFundBadDebt = FigureKey("credit_fund_bad_debt")
    public static let creditFundBadDebtRatio = FigureKey("credit_fund_bad_debt_ratio")

    // MARK: Population

    public static let population = FigureKey("population")
    public static let populationShare = FigureKey("population_share")
    /// The people the registry counts as members of collective organisations: reported members, plus the members
    /// recorded for the groups that file no report.
    public static var membersCounted: [FigureKey] { [members] + OrganizationType.allCases.filter { !$0.filesAnnualReport }.map(registeredMembers) }

    /// The report fields summed into a figure of the same name.
    public static let reportSums: [(field: ReportField, key: FigureKey)] = [
        (.officialMembers, officialMembers), (.associateMembers, associateMembers), (.workers, workers), (.charterCapital, charterCapital),
        (.totalAssets, totalAssets), (.indivisibleAssets, indivisibleAssets), (.revenue, revenue), (.pretaxProfit, pretaxProfit),
        (.debtState, debtState), (.debtBanks, debtBanks), (.debtMembers, debtMembers), (.debtOther, debtOther), (.ocopProducts, ocopProducts),
        (.valueChain, valueChain), (.highTech, highTech), (.digitalTransformation, digital),
    ]
}

extension OrganizationType {
    /// How a type starts its figure keys: `htx_active`, `interest_group_registered`.
    var figurePrefix: String { rawValue.replacingOccurrences(of: "-", with: "_") }
}

extension OrganizationStatus {
    /// On the register: not dissolved or merged. The statuses that figures, the registry list and "owes a report" count.
    public var isRegistered: Bool { !isTerminal }
    public static var registered: [OrganizationStatus] { allCases.filter(\.isRegistered) }
}

/// What a figure means, in Vietnamese for people and in English for the code's readers, with its unit.
public struct FigureDefinition: Sendable, Encodable {
    public enum Unit: String, Sendable, Encodable {
        case organizations, reports, people, percent, millionVND = "million_vnd", millionVNDPerPerson = "million_vnd_per_person", products, communes

        public var label: String {
            switch self {
            case .organizations: "tổ chức"
            case .reports: "báo cáo"
            case .people: "người"
            case .percent: "%"
            case .millionVND: "triệu đồng"
            case .millionVNDPerPerson: "triệu đồng/người/năm"
            case .products: "sản phẩm"
            case .communes: "xã, phường"
            }
        }

        /// Figures in these units are amounts, kept as whole đồng (`Money`).
        public var isMoney: Bool { self == .millionVND || self == .millionVNDPerPerson }
    }

    /// What kind of list the figure counts, to link each figure to the organisations behind it.
    public enum Source: String, Sendable, Encodable {
        case registry, reports, classifications, support, creditFunds = "credit_funds", population
    }

    /// A figure that is a share, in percent, of other figures: the sum of `parts` over the sum of `wholes`, computed
    /// from the counts wherever units are added up, never averaged.
    public struct Share: Sendable, Encodable {
        public let parts: [FigureKey]
        public let wholes: [FigureKey]
    }

    public let key: FigureKey
    public let label: String
    public let unit: Unit
    public let source: Source
    public let definition: String
    public let english: String
    public let share: Share?

    /// Every figure, in the order `/figures` lists them.
    public static let all: [FigureDefinition] = {
        var all: [FigureDefinition] = []
        func add(_ key: FigureKey, _ label: String, _ unit: Unit, _ source: Source, _ definition: String, _ english: String, share: Share? = nil) {
            all.append(FigureDefinition(key: key, label: label, unit: unit, source: source, definition: definition, english: english, share: share))
        }
        let onRegister = "có trong sổ đăng ký (đang hoạt động, tạm ngừng hoặc chờ giải thể; không kể đã giải thể, sáp nhập) vào ngày tham chiếu: 31/12 của năm, hoặc hôm nay với năm hiện tại"
        add(.organizationsRegistered, "Tổ chức KTTT có trong sổ đăng ký", .organizations, .registry, "Mọi loại hình \(onRegister).",
            "Organisations of every type on the register (not dissolved or merged) on the reference day.")
        add(.organizationsActive, "Tổ chức KTTT đang hoạt động", .organizations, .registry,
            "Mọi loại hình ở trạng thái đang hoạt động vào ngày tham chiếu (không kể tạm ngừng, chờ giải thể).",
            "Organisations of every type whose status on the reference day is active (not suspended or awaiting dissolution).")
        for type in OrganizationType.allCases {
            add(.registered(type), "\(type.label) có trong sổ đăng ký", .organizations, .registry, "\(type.label) \(onRegister).",
                "\(type.rawValue) on the register on the reference day.")
            add(.active(type), "\(type.label) đang hoạt động", .organizations, .registry, "\(type.label) ở trạng thái đang hoạt động vào ngày tham chiếu.",
                "\(type.rawValue) whose status on the reference day is active.")
        }
        for status in OrganizationStatus.allCases where status != .active {
            add(.status(status), "Tổ chức KTTT \(status.label.lowercased())", .organizations, .registry,
                status.isTerminal ? "Tổ chức có trạng thái “\(status.label)” vào ngày tham chiếu, cộng dồn mọi năm." : "Tổ chức có trạng thái “\(status.label)” vào ngày tham chiếu.",
                "Organisations whose status on the reference day is \(status.rawValue).")
        }
        add(.organizationsFounded, "Tổ chức KTTT thành lập mới trong năm", .organizations, .registry, "Tổ chức có ngày đăng ký trong năm (01/01–31/12).",
            "Organisations registered during the year.")
        for type in OrganizationType.allCases {
            add(.founded(type), "\(type.label) thành lập mới trong năm", .organizations, .registry, "\(type.label) có ngày đăng ký trong năm.", "\(type.rawValue) registered during the year.")
        }
        add(.organizationsEnded, "Tổ chức KTTT giải thể, sáp nhập trong năm", .organizations, .registry, "Tổ chức giải thể hoặc hợp nhất, sáp nhập có hiệu lực trong năm.",
            "Organisations dissolved or merged with effect during the year.")
        for type in OrganizationType.allCases {
            add(.ended(type), "\(type.label) giải thể, sáp nhập trong năm", .organizations, .registry, "\(type.label) giải thể hoặc sáp nhập có hiệu lực trong năm.",
                "\(type.rawValue) dissolved or merged during the year.")
        }
        for type in OrganizationType.allCases where !type.filesAnnualReport {
            add(.registeredMembers(type), "Thành viên của \(type.label.lowercased())", .people, .registry,
                "Số thành viên ghi trong hồ sơ của các \(type.label.lowercased()) có trong sổ đăng ký vào ngày tham chiếu (loại hình này không nộp báo cáo năm).",
                "Members recorded on the register for \(type.rawValue) on the register on the reference day.")
            add(.registeredCapital(type), "Vốn góp của \(type.label.lowercased())", .millionVND, .registry,
                "Vốn góp ghi trong hồ sơ của các \(type.label.lowercased()) có trong sổ đăng ký vào ngày tham chiếu.",
                "Contributed capital recorded on the register for \(type.rawValue) on the register on the reference day.")
        }
        add(.reportsExpected, "Tổ chức phải nộp báo cáo năm", .organizations, .reports,
            "Hợp tác xã, liên hiệp HTX và quỹ tín dụng nhân dân có trong sổ đăng ký vào ngày tham chiếu, đăng ký trước khi kỳ số liệu của năm kết thúc (14/12).",
            "HTX, LHHTX and QTDND on the register on the reference day, registered before the report period ends (14/12).")
        add(.reportsSubmitted, "Báo cáo năm đã nộp", .reports, .reports, "Báo cáo của năm đã gửi và không bị trả lại (đã gửi, xã tiếp nhận, xã tổng hợp, tỉnh phê duyệt).",
            "Reports of the year sent and not returned: submitted, accepted, consolidated or approved.")
        add(.reportsOnTime, "Báo cáo nộp đúng hạn", .reports, .reports, "Báo cáo đã nộp, gửi trước khi hết ngày hạn nộp của tổ chức (giờ Việt Nam, UTC+7) theo lịch báo cáo của năm.",
            "Submitted reports sent before the end of the organisation's deadline day in Vietnam time (UTC+7).")
        add(.reportsLate, "Báo cáo nộp trễ hạn", .reports, .reports, "Báo cáo đã nộp, gửi sau ngày hạn nộp của tổ chức (giờ Việt Nam).",
            "Submitted reports sent after the deadline day in Vietnam time.")
        add(.rated, "Tổ chức được xếp loại", .organizations, .classifications, "Tổ chức có báo cáo năm đã nộp và được xếp một mức theo bộ tiêu chí của năm.",
            "Organisations whose submitted report was given a band under the rubric in force for the year.")
        add(.notRated, "Tổ chức không xếp loại", .organizations, .classifications,
            "Tổ chức có báo cáo đã nộp nhưng không xếp loại: hoạt động dưới 12 tháng, tạm ngừng quá 3 tháng, hoặc quỹ tín dụng nhân dân (do Ngân hàng Nhà nước xếp loại).",
            "Submitted reports not rated: under 12 months of operation, suspended over 3 months, or credit funds.")
        for band in Rubric.tt01_2020.bands {
            add(.band(band.code), "Xếp loại \(band.label.lowercased())", .organizations, .classifications,
                "Tổ chức được xếp loại “\(band.label)” (từ \(VietnameseNumber.format(band.minimum)) điểm) trong năm, kể cả điều chỉnh của cán bộ.",
                "Organisations in the band \(band.code) for the year, officers' overrides included.")
        }
        add(.goodFairShare, "Tỷ lệ tốt, khá", .percent, .classifications,
            "Số tổ chức xếp loại tốt và khá (hai mức cao nhất của bộ tiêu chí) chia cho số tổ chức được xếp loại, tính từ các số đếm.",
            "Good plus fair (the two highest bands) over rated organisations, from the counts.",
            share: Share(parts: Rubric.tt01_2020.goodOrFair.map { .band($0.code) }, wholes: [.rated]))
        for size in SizeClass.allCases {
            add(.size(size), "Quy mô \(size.label.lowercased())", .organizations, .classifications, "Tổ chức được phân loại quy mô \(size.label.lowercased()) theo Nghị định 113/2024 trong năm.",
                "Organisations of size class \(size.rawValue) for the year.")
        }
        let fromReports = "cộng từ các báo cáo năm đã nộp"
        add(.valueChain, "Tổ chức tham gia chuỗi giá trị", .organizations, .reports, "Báo cáo đã nộp có đánh dấu liên kết chuỗi giá trị.", "Submitted reports that tick value-chain linkage.")
        add(.highTech, "Tổ chức ứng dụng công nghệ cao", .organizations, .reports, "Báo cáo đã nộp có đánh dấu ứng dụng công nghệ cao.", "Submitted reports that tick high-tech application.")
        add(.digital, "Tổ chức chuyển đổi số", .organizations, .reports, "Báo cáo đã nộp có đánh dấu chuyển đổi số.", "Submitted reports that tick digital transformation.")
        add(.ocopProducts, "Sản phẩm OCOP", .products, .reports, "Số sản phẩm OCOP, \(fromReports).", "OCOP products, summed over submitted reports.")
        add(.officialMembers, "Thành viên chính thức", .people, .reports, "Thành viên chính thức, \(fromReports).", "Official members, summed over submitted reports.")
        add(.associateMembers, "Thành viên liên kết", .people, .reports, "Thành viên liên kết, \(fromReports).", "Associate members, summed over submitted reports.")
        add(.members, "Thành viên", .people, .reports, "Thành viên chính thức cộng liên kết, \(fromReports).", "Official plus associate members of submitted reports.")
        add(.workers, "Lao động thường xuyên", .people, .reports, "Lao động thường xuyên, \(fromReports).", "Regular workers, summed over submitted reports.")
        add(.charterCapital, "Vốn điều lệ", .millionVND, .reports, "Vốn điều lệ, \(fromReports).", "Charter capital, summed over submitted reports.")
        add(.totalAssets, "Tổng tài sản", .millionVND, .reports, "Tổng tài sản, \(fromReports).", "Total assets, summed over submitted reports.")
        add(.indivisibleAssets, "Tài sản không chia", .millionVND, .reports, "Tài sản không chia, \(fromReports).", "Indivisible assets, summed over submitted reports.")
        add(.revenue, "Doanh thu", .millionVND, .reports, "Doanh thu, \(fromReports).", "Revenue, summed over submitted reports.")
        add(.averageRevenue, "Doanh thu bình quân một tổ chức", .millionVND, .reports, "Doanh thu chia cho số báo cáo đã nộp.", "Revenue over the number of submitted reports.")
        add(.pretaxProfit, "Lợi nhuận trước thuế", .millionVND, .reports, "Lợi nhuận trước thuế, \(fromReports).", "Pre-tax profit, summed over submitted reports.")
        add(.averageIncome, "Thu nhập bình quân của lao động", .millionVNDPerPerson, .reports,
            "Trung bình thu nhập bình quân của lao động thường xuyên ghi trong các báo cáo đã nộp có ghi thu nhập.",
            "Mean of the average worker income of the submitted reports that give one.")
        add(.incomeReports, "Báo cáo có ghi thu nhập", .reports, .reports, "Báo cáo đã nộp có ghi thu nhập bình quân lớn hơn 0.", "Submitted reports giving an average income.")
        add(.debtState, "Nợ tồn đọng với Nhà nước", .millionVND, .reports, "Nợ tồn đọng với Nhà nước, \(fromReports).", "Outstanding debt to the State.")
        add(.debtBanks, "Nợ tồn đọng với ngân hàng", .millionVND, .reports, "Nợ tồn đọng với ngân hàng, tổ chức tín dụng, \(fromReports).", "Outstanding debt to banks.")
        add(.debtMembers, "Nợ tồn đọng với thành viên", .millionVND, .reports, "Nợ tồn đọng với thành viên, \(fromReports).", "Outstanding debt to members.")
        add(.debtOther, "Nợ tồn đọng khác", .millionVND, .reports, "Nợ tồn đọng khác, \(fromReports).", "Other outstanding debt.")
        add(.debts, "Tổng nợ tồn đọng", .millionVND, .reports, "Tổng bốn loại nợ tồn đọng, \(fromReports).", "All four outstanding debts.")
        let delivered = "đã giải ngân, thực hiện hoặc hoàn thành (không kể mới phê duyệt)"
        add(.supportAmount, "Kinh phí hỗ trợ trong năm", .millionVND, .support,
            "Tổng số tiền của các khoản hỗ trợ theo chính sách có ngày hỗ trợ trong năm, \(delivered).",
            "Amounts of the support grants dated in the year that were delivered (disbursed or finished).")
        add(.supportedOrganizations, "Tổ chức được hỗ trợ trong năm", .organizations, .support,
            "Số tổ chức có ít nhất một khoản hỗ trợ theo chính sách có ngày hỗ trợ trong năm, \(delivered); không kể công nhận kiểu mẫu, khen thưởng.",
            "Organisations with at least one delivered support grant dated in the year; recognitions and commendations aside.")
        add(.loansOutstanding, "Dư nợ vay theo chính sách tín dụng", .millionVND, .support,
            "Dư nợ ghi trên các khoản vay theo chính sách tín dụng đã giải ngân, chưa tất toán, vay đến ngày tham chiếu (khoản chưa ghi dư nợ tính bằng số tiền vay).",
            "Outstanding balance of the credit-policy loans disbursed by the reference day and not yet repaid (the amount lent where no balance is recorded).")
        add(.graduatesPlaced, "Lao động trẻ có trình độ được đưa về làm việc", .people, .support,
            "Số người được hỗ trợ theo chính sách đưa lao động trẻ có trình độ về làm việc tại tổ chức, bắt đầu đến ngày tham chiếu và chưa kết thúc trước năm.",
            "People placed under the young-graduates policy who started by the reference day and had not left before the year.")
        add(.managersTrained, "HTX có cán bộ được đào tạo, bồi dưỡng", .organizations, .support,
            "Hợp tác xã, liên hiệp HTX có trong sổ đăng ký vào ngày tham chiếu có ít nhất một cán bộ được đào tạo, bồi dưỡng theo chính sách (ghi tên người học) đến ngày đó.",
            "HTX and LHHTX on the register with at least one named person trained under a training policy by the reference day.")
        add(.managersTrainedShare, "Tỷ lệ HTX có cán bộ được đào tạo, bồi dưỡng", .percent, .support,
            "Số hợp tác xã, liên hiệp HTX có cán bộ được đào tạo, bồi dưỡng chia cho số hợp tác xã, liên hiệp HTX có trong sổ đăng ký, tính từ các số đếm.",
            "HTX and LHHTX with a trained person over HTX and LHHTX on the register, from the counts.",
            share: Share(parts: [.managersTrained], wholes: [.registered(.htx), .registered(.lhhtx)]))
        let recognised = "có quyết định công nhận HTX kiểu mẫu (chính sách loại xây dựng mô hình HTX kiểu mẫu) đến ngày tham chiếu, chưa bị thu hồi vào ngày đó"
        add(.modelCooperatives, "HTX kiểu mẫu", .organizations, .support, "Tổ chức có trong sổ đăng ký vào ngày tham chiếu \(recognised).",
            "Organisations on the register on the reference day recognised as model cooperatives by then and not withdrawn by that day.")
        add(.communesWithModel, "Xã, phường có HTX kiểu mẫu", .communes, .support,
            "Số xã, phường, đặc khu (đơn vị 2025) có ít nhất một HTX kiểu mẫu vào ngày tham chiếu: đo chỉ tiêu “mỗi đơn vị có ít nhất 01 mô hình HTX kiểu mẫu”.",
            "Communes (2025 units) with at least one model cooperative on the reference day.")
        add(.commendedOrganizations, "Tổ chức được khen thưởng trong năm", .organizations, .support,
            "Số tổ chức có quyết định khen thưởng, tôn vinh (bằng khen, giấy khen, cờ thi đua…) ký trong năm.",
            "Organisations with a commendation decided during the year.")
        let fromBank = "theo số liệu năm của Ngân hàng Nhà nước đã nhập cho các quỹ tín dụng nhân dân"
        add(.creditFundsReporting, "Quỹ tín dụng nhân dân có số liệu năm", .organizations, .creditFunds,
            "Số quỹ tín dụng nhân dân có số liệu của năm do Ngân hàng Nhà nước báo cáo.", "People's credit funds with the State Bank's figures for the year.")
        add(.creditFundMembers, "Thành viên quỹ tín dụng nhân dân", .people, .creditFunds, "Số thành viên, \(fromBank).", "Members of the credit funds, as the State Bank reports them.")
        add(.creditFundCapital, "Vốn điều lệ của quỹ tín dụng nhân dân", .millionVND, .creditFunds, "Vốn điều lệ, \(fromBank).", "Charter capital of the credit funds, as the State Bank reports it.")
        add(.creditFundDeposits, "Tiền gửi huy động của quỹ tín dụng nhân dân", .millionVND, .creditFunds, "Tiền gửi huy động cuối năm, \(fromBank).",
            "Deposits mobilised by the credit funds at the year's end.")
        add(.creditFundLoans, "Dư nợ cho vay của quỹ tín dụng nhân dân", .millionVND, .creditFunds, "Dư nợ cho vay cuối năm, \(fromBank).",
            "Loans outstanding of the credit funds at the year's end.")
        add(.creditFundBadDebt, "Nợ xấu của quỹ tín dụng nhân dân", .millionVND, .creditFunds,
            "Nợ xấu (nợ nhóm 3–5) cuối năm, \(fromBank); tệp chỉ ghi tỷ lệ thì nợ xấu là tỷ lệ nhân dư nợ.", "Bad debt of the credit funds at the year's end.")
        add(.creditFundBadDebtRatio, "Tỷ lệ nợ xấu của quỹ tín dụng nhân dân", .percent, .creditFunds,
            "Tổng nợ xấu chia cho tổng dư nợ cho vay của các quỹ có số liệu, tính từ các số tiền (không lấy trung bình các tỷ lệ).",
            "Bad debt over loans outstanding of the funds with figures, from the amounts (never a mean of ratios).",
            share: Share(parts: [.creditFundBadDebt], wholes: [.creditFundLoans]))
        add(.population, "Dân số", .people, .population,
            "Dân số của các xã, phường, đặc khu (đơn vị 2025) theo số liệu thống kê đã nhập, của năm đó hoặc năm gần nhất trước đó có số liệu.",
            "Population of the 2025 communes as imported from statistics, of the year or the latest earlier year with a figure.")
        add(.populationShare, "Tỷ lệ dân số tham gia kinh tế tập thể", .percent, .population,
            "Thành viên (theo báo cáo năm đã nộp, cộng thành viên ghi trong hồ sơ của tổ hợp tác, tổ chức khác) chia cho dân số, tính từ các số đếm; một người là thành viên của hai tổ chức được đếm hai lần.",
            "Members (reported, plus those recorded for groups that file no report) over the population, from the counts; a person in two organisations counts twice.",
            share: Share(parts: FigureKey.membersCounted, wholes: [.population]))
        return all
    }()

    static let byKey: [String: FigureDefinition] = Dictionary(all.map { ($0.key.rawValue, $0) }, uniquingKeysWith: { a, _ in a })

    public static func of(_ key: FigureKey) -> FigureDefinition? { byKey[key.rawValue] }
}
