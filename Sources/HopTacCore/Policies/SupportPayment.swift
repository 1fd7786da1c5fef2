/// One payment of a grant for a period: a graduate's allowance for a month or a quarter, a tranche of a grant paid in
/// parts. The grant's amount, when it has one, is what all its payments may add up to.
public struct SupportPayment: Sendable, Equatable, Codable {
    public var periodFrom: Day
    public var periodTo: Day
    public var paidOn: Day
    public var amount: Money

    public init(periodFrom: Day, periodTo: Day, paidOn: Day, amount: Money) {
        self.periodFrom = periodFrom
        self.periodTo = periodTo
        self.paidOn = paidOn
        self.amount = amount
    }

    /// Reads a payment as typed on its form (`period_from`, `period_to`, `paid_on` as dd/mm/yyyy, `amount` in triệu
    /// đồng) and checks it against the grant it pays (its days, its amount) and the payments made before: periods paid
    /// twice or money beyond the grant are refused, by field.
    public static func read(_ texts: [String: String], grantFrom start: Day, to end: Day?, grantAmount: Money?, earlier: [SupportPayment])
        -> (payment: SupportPayment?, problems: [String: String]) {
        var problems: [String: String] = [:]
        func day(_ name: String, _ label: String) -> Day? {
            let raw = (texts[name] ?? "").trimmed
            guard !raw.isEmpty else { problems[name] = "Cần ghi \(label) (dd/mm/yyyy)."; return nil }
            guard let day = Day(vietnamese: raw) ?? Day(iso: raw), SupportInput.days?.contains(day) == true else {
                problems[name] = "\(label.capitalizedFirst) “\(raw)” không phải ngày dd/mm/yyyy từ năm 2000 đến 2100."
                return nil
            }
            return day
        }
        let from = day("period_from", "ngày đầu kỳ"), to = day("period_to", "ngày cuối kỳ"), paid = day("paid_on", "ngày chi trả")
        var amount: Money?
        let raw = (texts["amount"] ?? "").trimmed
        if raw.isEmpty {
            problems["amount"] = "Cần ghi số tiền chi trả (triệu đồng)."
        } else {
            switch Money.parse(raw, in: .million) {
            case .failure(let problem): problems["amount"] = "Số tiền " + problem.reason(in: .million)
            case .success(let value):
                if value <= .zero || value > SupportInput.largestAmount { problems["amount"] = "Số tiền phải lớn hơn 0 và không quá 100.000 tỷ đồng." } else { amount = value }
            }
        }
        if let from, let to {
            if to < from { problems["period_to"] = "Cuối kỳ trước đầu kỳ \(from.vietnamese)." }
            if from < start { problems["period_from"] = "Trước ngày bắt đầu hỗ trợ \(start.vietnamese)." }
            if let end, to > end { problems["period_to"] = "Sau ngày kết thúc hỗ trợ \(end.vietnamese)." }
            if let overlap = earlier.first(where: { $0.periodFrom <= to && from <= $0.periodTo }) {
                problems["period_from"] = "Kỳ này trùng kỳ đã chi trả \(overlap.periodFrom.vietnamese)–\(overlap.periodTo.vietnamese)."
            }
        }
        if let paid, let from, paid < from, problems["paid_on"] == nil {
            // An allowance is paid for a period that has begun; an advance before it is a different thing.
            problems["paid_on"] = "Ngày chi trả trước đầu kỳ \(from.vietnamese)."
        }
        if let amount, let grantAmount {
            let paidBefore = earlier.map(\.amount).reduce(.zero, +)
            if paidBefore + amount > grantAmount {
                problems["amount"] = "Cộng các kỳ đã chi (\(paidBefore.millionsText()) triệu đồng) vượt số tiền được duyệt \(grantAmount.millionsText()) triệu đồng."
            }
        }
        guard problems.isEmpty, let from, let to, let paid, let amount else { return (nil, problems) }
        return (SupportPayment(periodFrom: from, periodTo: to, paidOn: paid, amount: amount), [:])
    }
}
