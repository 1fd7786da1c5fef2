/// What in the data speaks to a model-cooperative criterion, shown beside it on the checklist so the officer judges
/// with the figures in front of them; the officer still decides.
public enum CriterionBasis: String, Codable, CaseIterable, Sendable {
    /// The year's classification is good or excellent.
    case classification
    /// The year's report shows a profit and revenue above the year before.
    case growth
    /// A manager or member was trained under a training policy.
    case training
    /// The year's report was submitted.
    case reporting
    /// The year's report says the cooperative works in a value chain.
    case valueChain = "value_chain"
    /// The year's report says it applies high technology.
    case technology

    public var label: String {
        switch self {
        case .classification: "Kết quả xếp loại của năm"
        case .growth: "Lợi nhuận và doanh thu so với năm trước"
        case .training: "Cán bộ được đào tạo, bồi dưỡng"
        case .reporting: "Báo cáo năm đã nộp"
        case .valueChain: "Tham gia chuỗi giá trị (theo báo cáo năm)"
        case .technology: "Ứng dụng công nghệ cao (theo báo cáo năm)"
        }
    }

    /// What the organisation's data of the year says for the criterion: whether it suggests the criterion is met (nil
    /// when the data cannot tell) and the facts, in Vietnamese.
    public func reading(_ data: ModelEvidence) -> (suggestsMet: Bool?, text: String) {
        guard data.reportSubmitted || self == .training || self == .classification else {
            return (self == .reporting ? false : nil, "Chưa có báo cáo năm \(data.year) đã nộp.")
        }
        switch self {
        case .reporting: return (true, "Đã nộp báo cáo năm \(data.year).")
        case .classification:
            guard let band = data.band else { return (nil, "Chưa được xếp loại năm \(data.year).") }
            return (band == data.topBand, "Xếp loại năm \(data.year): \(data.bandLabel ?? band).")
        case .growth:
            guard let revenue = data.revenue, let profit = data.profit else { return (nil, "Báo cáo năm \(data.year) không có doanh thu, lợi nhuận.") }
            let facts = "Doanh thu \(revenue.millionsText(fractionDigits: 1)) triệu đồng"
                + (data.revenueBefore.map { " (năm trước \($0.millionsText(fractionDigits: 1)))" } ?? " (chưa có báo cáo năm trước)")
                + ", lợi nhuận trước thuế \(profit.millionsText(fractionDigits: 1)) triệu đồng."
            guard let before = data.revenueBefore else { return (nil, facts) }
            return (profit > .zero && revenue > before, facts)
        case .training:
            return (data.trainedPeople > 0, data.trainedPeople > 0 ? "\(data.trainedPeople) người được đào tạo, bồi dưỡng theo chính sách đến hết năm \(data.year)."
                                                                   : "Chưa ghi người nào được đào tạo, bồi dưỡng theo chính sách.")
        case .valueChain:
            guard let chain = data.valueChain else { return (nil, "Báo cáo không ghi về chuỗi giá trị.") }
            return (chain, chain ? "Báo cáo năm \(data.year) ghi có tham gia chuỗi giá trị." : "Báo cáo năm \(data.year) ghi không tham gia chuỗi giá trị.")
        case .technology:
            guard let tech = data.highTech else { return (nil, "Báo cáo không ghi về ứng dụng công nghệ cao.") }
            return (tech, tech ? "Báo cáo năm \(data.year) ghi có ứng dụng công nghệ cao." : "Báo cáo năm \(data.year) ghi không ứng dụng công nghệ cao.")
        }
    }
}

/// What the registry knows of an organisation in a year, for the criteria's readings.
public struct ModelEvidence: Sendable, Equatable {
    public var year: Int
    public var reportSubmitted = false
    public var band: String?
    public var bandLabel: String?
    /// The rubric's highest band, the one "xếp loại Tốt" means.
    public var topBand: String?
    public var revenue: Money?
    public var revenueBefore: Money?
    public var profit: Money?
    public var trainedPeople = 0
    public var valueChain: Bool?
    public var highTech: Bool?

    public init(year: Int) { self.year = year }
}

/// A criterion of the model-cooperative set as shipped. Each province replaces or extends it with the set its own
/// plan adopts; until it does, its checklists use this one.
public struct ModelCriterion: Sendable, Equatable {
    public let title: String
    public let guidance: String
    public let basis: CriterionBasis?

    /// The shipped set, after what the 2023 Law on Cooperatives, Decree 113/2024/NĐ-CP and the yearly classification
    /// ask of a cooperative that others should copy.
    public static let shipped: [ModelCriterion] = [
        ModelCriterion(title: "Tổ chức, hoạt động đúng Luật Hợp tác xã năm 2023 và điều lệ; báo cáo đầy đủ, đúng hạn",
                       guidance: "Đăng ký, điều lệ, đại hội thành viên đúng quy định; nộp báo cáo năm đúng hạn.", basis: .reporting),
        ModelCriterion(title: "Được đánh giá, xếp loại Tốt trở lên", guidance: "Theo kết quả đánh giá, xếp loại hằng năm của năm xét.", basis: .classification),
        ModelCriterion(title: "Sản xuất, kinh doanh có lãi, doanh thu tăng so với năm trước", guidance: "Theo báo cáo tài chính năm xét và năm trước.", basis: .growth),
        ModelCriterion(title: "Thành viên được hưởng lợi: sử dụng sản phẩm, dịch vụ của hợp tác xã, thu nhập tăng",
                       guidance: "Tỷ lệ thành viên sử dụng dịch vụ và thu nhập bình quân của thành viên, người lao động.", basis: nil),
        ModelCriterion(title: "Liên kết sản xuất gắn với chuỗi giá trị, có hợp đồng tiêu thụ ổn định",
                       guidance: "Hợp đồng liên kết, bao tiêu sản phẩm với doanh nghiệp, thị trường.", basis: .valueChain),
        ModelCriterion(title: "Ứng dụng khoa học, công nghệ và chuyển đổi số; sản phẩm có chứng nhận chất lượng hoặc truy xuất nguồn gốc",
                       guidance: "VietGAP, hữu cơ, OCOP, mã truy xuất; phần mềm kế toán, quản lý, thương mại điện tử.", basis: .technology),
        ModelCriterion(title: "Cán bộ quản lý được đào tạo, bồi dưỡng; bộ máy quản lý, điều hành có năng lực",
                       guidance: "Giám đốc, kế toán, kiểm soát viên được đào tạo, bồi dưỡng.", basis: .training),
        ModelCriterion(title: "Tài chính minh bạch: công khai báo cáo tài chính, trích lập quỹ theo điều lệ, không nợ đọng thuế, bảo hiểm",
                       guidance: "Báo cáo tài chính được công khai tại đại hội thành viên.", basis: nil),
        ModelCriterion(title: "Đóng góp cho cộng đồng, bảo vệ môi trường, được thành viên và chính quyền địa phương đánh giá cao", guidance: "", basis: nil),
    ]

    public init(title: String, guidance: String, basis: CriterionBasis?) {
        self.title = title
        self.guidance = guidance
        self.basis = basis
    }
}
