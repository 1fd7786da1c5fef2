/// Where an organisation stands in its legal lifecycle.
public enum OrganizationStatus: String, CaseIterable, Codable, Sendable {
    case active
    case suspended
    case awaitingDissolution = "awaiting-dissolution"
    case dissolved
    case merged

    public var label: String {
        switch self {
        case .active: "Đang hoạt động"
        case .suspended: "Tạm ngừng hoạt động"
        case .awaitingDissolution: "Chờ giải thể"
        case .dissolved: "Đã giải thể"
        case .merged: "Đã hợp nhất/sáp nhập"
        }
    }

    /// Dissolution and merger end an organisation's life; nothing follows them.
    public var isTerminal: Bool { self == .dissolved || self == .merged }

    /// The statuses an organisation may move to from this one.
    public var allowedNext: [OrganizationStatus] {
        switch self {
        case .active: [.suspended, .awaitingDissolution, .dissolved, .merged]
        case .suspended: [.active, .suspended, .awaitingDissolution, .dissolved, .merged]
        case .awaitingDissolution: [.active, .dissolved, .merged]
        case .dissolved, .merged: []
        }
    }
}
