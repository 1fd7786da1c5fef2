import Foundation

/// A request to move an organisation to another status, e.g. suspended from 01/03/2026 to 31/08/2026.
public struct StatusChange: Equatable, Sendable, Codable {
    public var status: OrganizationStatus
    public var effectiveFrom: Day?
    public var effectiveTo: Day?
    public var mergedIntoId: Int?
    public var reason: String?

    public init(status: OrganizationStatus, effectiveFrom: Day?, effectiveTo: Day? = nil, mergedIntoId: Int? = nil, reason: String? = nil) {
        self.status = status
        self.effectiveFrom = effectiveFrom
        self.effectiveTo = effectiveTo
        self.mergedIntoId = mergedIntoId
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey {
        case status, reason
        case effectiveFrom = "effective_from", effectiveTo = "effective_to", mergedIntoId = "merged_into_id"
    }

    /// Problems keyed by the form field names `status`, `effective_from`, `effective_to`, `merged_into_id`, `reason`.
    public func problems(from current: OrganizationStatus, organizationId: Int, registeredOn: Day?, today: Day) -> [String: FieldProblem] {
        var problems: [String: FieldProblem] = [:]
        if !current.allowedNext.contains(status) {
            problems["status"] = current.isTerminal
                ? FieldProblem("Tổ chức đã ở trạng thái “\(current.label)”, không thể chuyển sang trạng thái khác.")
                : FieldProblem("Không thể chuyển từ “\(current.label)” sang “\(status.label)”.")
        }
        if let from = effectiveFrom {
            if from > today { problems["effective_from"] = FieldProblem("Ngày hiệu lực \(from.vietnamese) ở tương lai.") }
            if let registeredOn, from < registeredOn {
                problems["effective_from"] = FieldProblem("Ngày hiệu lực trước ngày đăng ký (\(registeredOn.vietnamese)).")
            }
        } else {
            problems["effective_from"] = FieldProblem("Chưa nhập ngày hiệu lực (dd/mm/yyyy).")
        }
        if status == .suspended {
            if let to = effectiveTo {
                if let from = effectiveFrom, to <= from { problems["effective_to"] = FieldProblem("Ngày kết thúc tạm ngừng phải sau ngày bắt đầu.") }
            } else {
                problems["effective_to"] = FieldProblem("Tạm ngừng hoạt động phải có ngày kết thúc.")
            }
        } else if effectiveTo != nil {
            problems["effective_to"] = FieldProblem("Chỉ trạng thái tạm ngừng mới có ngày kết thúc.")
        }
        if status == .merged {
            if mergedIntoId == nil { problems["merged_into_id"] = FieldProblem("Chưa chọn tổ chức tiếp nhận (hợp nhất/sáp nhập vào).") }
            else if mergedIntoId == organizationId { problems["merged_into_id"] = FieldProblem("Không thể sáp nhập vào chính tổ chức này.") }
        } else if mergedIntoId != nil {
            problems["merged_into_id"] = FieldProblem("Chỉ trạng thái hợp nhất/sáp nhập mới có tổ chức tiếp nhận.")
        }
        if status != .active && (reason ?? "").trimmed.isEmpty {
            problems["reason"] = FieldProblem("Cần ghi lý do hoặc số văn bản quyết định.")
        }
        return problems
    }
}
