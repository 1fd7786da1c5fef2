/// What a support policy gives: the kinds Resolution 20 and Decree 113/2024/NĐ-CP list, each recorded with the details
/// its kind needs (a training course's participants, a graduate's degree, a loan's terms, a plot's area).
public enum PolicyKind: String, Codable, CaseIterable, Sendable {
    case training
    case graduates
    case credit
    case land
    case infrastructure
    case tradePromotion = "trade_promotion"
    case scienceTechnology = "science_technology"
    case digitalTransformation = "digital_transformation"
    case startUp = "start_up"
    case modelCooperative = "model_cooperative"
    case commendation
    case other

    public var label: String {
        switch self {
        case .training: "Đào tạo, bồi dưỡng nguồn nhân lực"
        case .graduates: "Đưa lao động trẻ có trình độ về làm việc"
        case .credit: "Tín dụng, tiếp cận vốn"
        case .land: "Đất đai, mặt bằng"
        case .infrastructure: "Kết cấu hạ tầng"
        case .tradePromotion: "Xúc tiến thương mại, mở rộng thị trường"
        case .scienceTechnology: "Khoa học, công nghệ"
        case .digitalTransformation: "Chuyển đổi số"
        case .startUp: "Khởi nghiệp theo mô hình hợp tác xã"
        case .modelCooperative: "Xây dựng, công nhận mô hình HTX kiểu mẫu"
        case .commendation: "Khen thưởng, tôn vinh, nhân rộng"
        case .other: "Hỗ trợ khác"
        }
    }

    /// Support of this kind goes to a person of the organisation (a manager trained, a graduate placed), who is named.
    public var namesPerson: Bool { self == .training || self == .graduates }

    /// A record of this kind is a decision recognising an organisation (a model cooperative, a commendation), not help
    /// given to it: it counts in its own figures, not in "organisations supported".
    public var isRecognition: Bool { self == .modelCooperative || self == .commendation }
}

/// The level of government a policy is issued at, or a recognition decided at.
public enum PolicyLevel: String, Codable, CaseIterable, Sendable {
    case national, province, commune

    /// The level a typed text names: "Trung ương", "Thủ tướng Chính phủ", "Bộ…" are national; "UBND tỉnh" a province's.
    public init?(text: String) {
        let folded = foldForSearch(text)
        if let level = PolicyLevel.allCases.first(where: { $0.rawValue == folded || foldForSearch($0.label) == folded }) { self = level; return }
        let words = Set(folded.split(separator: " ").map(String.init))
        if folded.contains("trung uong") || folded.contains("chinh phu") || folded.contains("nha nuoc") || words.contains("bo") || words.contains("quoc gia") {
            self = .national
        } else if words.contains("tinh") || folded.contains("thanh pho") {
            self = .province
        } else if words.contains("xa") || words.contains("phuong") || folded.contains("dac khu") {
            self = .commune
        } else {
            return nil
        }
    }

    public var label: String {
        switch self {
        case .national: "Trung ương"
        case .province: "Tỉnh, thành phố"
        case .commune: "Xã, phường"
        }
    }
}

/// Where a grant of support stands: approved, paid out (or the course attended, the plot handed over), finished.
public enum SupportStatus: String, Codable, CaseIterable, Sendable {
    case approved, disbursed, finished

    public var label: String {
        switch self {
        case .approved: "Đã phê duyệt"
        case .disbursed: "Đã giải ngân, thực hiện"
        case .finished: "Đã hoàn thành, tất toán"
        }
    }

    /// Delivered: what support figures count (an approval alone has given nothing yet).
    public var isDelivered: Bool { self != .approved }
}

/// How land reaches an organisation.
public enum LandForm: String, Codable, CaseIterable, Sendable {
    case allocation, lease

    public var label: String { self == .allocation ? "Giao đất" : "Thuê đất" }
}
