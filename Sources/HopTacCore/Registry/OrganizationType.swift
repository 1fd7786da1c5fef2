/// The kinds of collective organisation the registry keeps.
public enum OrganizationType: String, CaseIterable, Codable, Sendable {
    case htx
    case lhhtx
    case tht
    case qtdnd
    case interestGroup = "interest-group"

    public var label: String {
        switch self {
        case .htx: "Hợp tác xã"
        case .lhhtx: "Liên hiệp hợp tác xã"
        case .tht: "Tổ hợp tác"
        case .qtdnd: "Quỹ tín dụng nhân dân"
        case .interestGroup: "Nhóm sở thích"
        }
    }

    public var abbreviation: String {
        switch self {
        case .htx: "HTX"
        case .lhhtx: "LHHTX"
        case .tht: "THT"
        case .qtdnd: "QTDND"
        case .interestGroup: "Nhóm ST"
        }
    }

    /// HTX, LHHTX and QTDND are legal entities with a registration code; THT and interest groups may have none.
    public var requiresRegistrationCode: Bool {
        switch self {
        case .htx, .lhhtx, .qtdnd: true
        case .tht, .interestGroup: false
        }
    }
}

/// Sector groups of Decree 113/2024 (art. 4), used for size classes and statistics.
extension OrganizationType {
    /// Files the yearly operating report (Forms VII of Circular 09/2024/TT-BKHĐT) and is counted in the reporting round.
    /// Cooperative groups and interest groups are contract-based or informal and do not.
    public var filesAnnualReport: Bool { self == .htx || self == .lhhtx || self == .qtdnd }
}

public enum Sector: String, CaseIterable, Codable, Sendable {
    case agriculture
    case industryConstruction = "industry-construction"
    case financeBanking = "finance-banking"
    case tradeServices = "trade-services"

    public var label: String {
        switch self {
        case .agriculture: "Nông, lâm, ngư, diêm nghiệp"
        case .industryConstruction: "Công nghiệp, xây dựng"
        case .financeBanking: "Tài chính, ngân hàng"
        case .tradeServices: "Thương mại, dịch vụ và khác"
        }
    }
}
