/// Who acts on a report; the product maps its roles onto these (a cooperative account, a commune officer, a provincial officer).
public enum ReportingLevel: String, CaseIterable, Codable, CodingKeyRepresentable, Sendable {
    case cooperative, commune, province

    public var label: String {
        switch self {
        case .cooperative: "Tổ chức kinh tế tập thể"
        case .commune: "Cấp xã"
        case .province: "Cấp tỉnh"
        }
    }
}

/// Where an annual report stands. The reason of a return or a reopening travels with the action, for the history.
public enum ReportState: String, CaseIterable, Codable, Sendable {
    case draft
    case submitted
    case accepted
    case returned
    case consolidated
    /// Approved by the province: the year is locked until a provincial officer reopens it.
    case approved

    public var label: String {
        switch self {
        case .draft: "Đang soạn"
        case .submitted: "Đã gửi"
        case .accepted: "Xã đã tiếp nhận"
        case .returned: "Bị trả lại"
        case .consolidated: "Xã đã tổng hợp"
        case .approved: "Tỉnh đã phê duyệt (khóa sổ)"
        }
    }

    /// Whether the cooperative may change the figures.
    public var isEditable: Bool { self == .draft || self == .returned }

    /// Sent and not sent back: the reports that count as submitted in figures, are classified and are on time or
    /// late. A draft or a returned report is still owed.
    public var countsAsSubmitted: Bool { !isEditable }
    public static var submittedStates: [ReportState] { allCases.filter(\.countsAsSubmitted) }

    /// The state after `action` by someone who acts at any of `actorLevels`: the first level the action allows.
    public static func transition(from state: ReportState, action: ReportAction, actorLevels: [ReportingLevel]) throws -> ReportState {
        let level = actorLevels.first { action.permitted[$0] != nil } ?? actorLevels.first ?? .cooperative
        return try transition(from: state, action: action, actorLevel: level)
    }

    /// The state after `action` by someone at `actorLevel`, or why it is refused.
    /// Submission takes the report's validation findings and comment: errors block it, and so do warnings without a comment.
    public static func transition(from state: ReportState, action: ReportAction, actorLevel: ReportingLevel) throws -> ReportState {
        let permitted = action.permitted
        guard let from = permitted[actorLevel] else {
            let levels = ReportingLevel.allCases.filter { permitted[$0] != nil }.map(\.label.lowercasedFirst)
            throw ReportingError("\(actorLevel.label) không được \(action.verb); việc này do \(levels.joined(separator: " hoặc ")) thực hiện.")
        }
        guard from.contains(state) else {
            throw ReportingError("Không thể \(action.verb) khi báo cáo đang ở trạng thái “\(state.label)”.")
        }
        switch action {
        case .submit(let findings, let comment):
            let problems = ValidationRules.submissionProblems(findings, comment: comment)
            guard problems.isEmpty else { throw ReportingError("Chưa gửi được báo cáo: " + problems.joined(separator: " ")) }
        case .return(let reason), .reopen(let reason):
            guard !reason.trimmed.isEmpty else { throw ReportingError("Cần ghi lý do khi \(action.verb).") }
        case .edit, .accept, .consolidate, .approve:
            break
        }
        return action.next
    }
}

public enum ReportAction: Equatable, Sendable {
    /// Save changes; a returned report becomes a draft again.
    case edit
    case submit(findings: [ValidationFinding], comment: String)
    case accept
    case `return`(reason: String)
    case consolidate
    case approve
    /// Unlock an approved year, sending the report back to the cooperative.
    case reopen(reason: String)

    public var verb: String {
        switch self {
        case .edit: "sửa báo cáo"
        case .submit: "gửi báo cáo"
        case .accept: "tiếp nhận báo cáo"
        case .return: "trả lại báo cáo"
        case .consolidate: "tổng hợp báo cáo"
        case .approve: "phê duyệt báo cáo"
        case .reopen: "mở lại báo cáo đã khóa sổ"
        }
    }

    /// Who may take the action, and from which states. The province may also return a report the commune consolidated.
    public var permitted: [ReportingLevel: [ReportState]] {
        switch self {
        case .edit, .submit: [.cooperative: [.draft, .returned]]
        case .accept: [.commune: [.submitted]]
        case .consolidate: [.commune: [.accepted]]
        case .return: [.commune: [.submitted, .accepted], .province: [.submitted, .accepted, .consolidated]]
        case .approve: [.province: [.consolidated]]
        case .reopen: [.province: [.approved]]
        }
    }

    public var next: ReportState {
        switch self {
        case .edit: .draft
        case .submit: .submitted
        case .accept: .accepted
        case .return, .reopen: .returned
        case .consolidate: .consolidated
        case .approve: .approved
        }
    }
}

extension String {
    /// "Cấp xã" → "cấp xã" inside a sentence.
    var lowercasedFirst: String { prefix(1).lowercased() + dropFirst() }
}
