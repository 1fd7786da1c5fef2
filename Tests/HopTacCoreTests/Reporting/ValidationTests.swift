import Foundation
import Testing
@testable import HopTacCore

@Suite("Report fields and validation rules")
struct ValidationTests {
    func findings(_ change: (inout AnnualReport) -> Void, previous: AnnualReport? = previousReport()) -> [ValidationFinding] {
        var report = cleanReport()
        change(&report)
        return ValidationRules.evaluate(report, previous: previous)
    }

    @Test("a plausible report passes every rule")
    func clean() {
        #expect(ValidationRules.evaluate(cleanReport(), previous: previousReport()).isEmpty)
        #expect(ValidationRules.evaluate(cleanReport(), previous: nil).isEmpty)
    }

    @Test("negative counts and amounts are errors, on their field")
    func negatives() {
        let all = findings { $0.officialMembers = -3; $0.revenue = -1_234.5 }
        // A negative revenue also falls more than five times and lies below the profit: those are warnings.
        #expect(all.filter { $0.severity == .warning }.map(\.ruleId) == ["revenue-jump-down", "profit-within-revenue"])
        let found = all.filter { $0.severity == .error }
        #expect(found.map(\.ruleId) == ["official-members-not-negative", "revenue-not-negative"])
        #expect(found.map(\.field) == [.officialMembers, .revenue])
        #expect(found[0].message == "Số thành viên chính thức không được âm: -3.")
        #expect(found[1].message == "Doanh thu không được âm: -1.234,5.")
    }

    @Test("inconsistent figures are errors", arguments: [
        ("managers-under-35-within-managers", "Số cán bộ quản lý dưới 35 tuổi (11) vượt tổng số cán bộ quản lý (10)."),
        ("managers-trained-within-managers", "Số cán bộ quản lý có trình độ cao đẳng, đại học và sơ cấp, trung cấp cộng lại (12) vượt tổng số cán bộ quản lý (10)."),
        ("indivisible-within-total-assets", "Tài sản không chia (6.500 triệu đồng) lớn hơn tổng tài sản (6.000 triệu đồng)."),
        ("charter-within-total-capital", "Vốn điều lệ (5.400,5 triệu đồng) lớn hơn tổng nguồn vốn (5.400 triệu đồng)."),
        ("needs-met-at-most-100", "Mức đáp ứng nhu cầu của thành viên (120%) vượt quá 100%."),
        ("months-operated-at-most-12", "Số tháng hoạt động trong năm (13) vượt quá 12."),
        ("suspended-within-operated", "Số tháng tạm ngừng (12) vượt số tháng hoạt động trong năm (6)."),
        ("ocop-stars-at-most-5", "Hạng sao OCOP (6) vượt quá 5 sao."),
        ("ocop-stars-need-products", "Có hạng sao OCOP (3 sao) nhưng số sản phẩm OCOP bằng 0."),
    ])
    func errors(rule: String, message: String) {
        let found = findings { r in
            switch rule {
            case "managers-under-35-within-managers": r.managersUnder35 = 11
            case "managers-trained-within-managers": r.managersUniversity = 6; r.managersVocational = 6
            case "indivisible-within-total-assets": r.indivisibleAssets = 6_500
            case "charter-within-total-capital": r.charterCapital = 5_400.5
            case "needs-met-at-most-100": r.memberNeedsMetPercent = 120
            case "months-operated-at-most-12": r.monthsOperated = 13
            case "suspended-within-operated": r.monthsOperated = 6; r.monthsSuspended = 12
            case "ocop-stars-at-most-5": r.ocopBestStars = 6
            default: r.ocopProducts = 0
            }
        }
        #expect(found.map(\.ruleId) == [rule])
        #expect(found.first?.severity == .error)
        #expect(found.first?.message == message)
    }

    @Test("revenue more than five times up or down is a warning, only against a non-zero last year")
    func revenueJumps() {
        let up = findings { $0.revenue = 50_001 }
        #expect(up.map(\.ruleId) == ["revenue-jump-up"])
        #expect(up.first?.severity == .warning)
        #expect(up.first?.message == "Doanh thu (50.001 triệu đồng) tăng hơn 5 lần so với năm trước (10.000 triệu đồng).")
        #expect(findings { $0.revenue = 50_000 }.isEmpty)
        let down = findings { $0.revenue = 1_999; $0.pretaxProfit = 100 }
        #expect(down.map(\.message) == ["Doanh thu (1.999 triệu đồng) giảm còn dưới 1/5 so với năm trước (10.000 triệu đồng)."])
        #expect(findings { $0.revenue = 2_000; $0.pretaxProfit = 100 }.isEmpty)
        var zero = previousReport()
        zero.revenue = 0
        #expect(findings({ $0.revenue = 50_001 }, previous: zero).isEmpty)
        #expect(findings({ $0.revenue = 50_001 }, previous: nil).isEmpty)
    }

    @Test("profit above revenue and no income for workers are warnings")
    func otherWarnings() {
        let profit = findings { $0.pretaxProfit = 12_500 }
        #expect(profit.map(\.message) == ["Lợi nhuận trước thuế (12.500 triệu đồng) lớn hơn doanh thu (12.000 triệu đồng)."])
        let income = findings { $0.averageIncome = 0 }
        #expect(income.map(\.message) == ["Có 12 người lao động thường xuyên nhưng thu nhập bình quân bằng 0."])
        #expect(income.first?.field == .averageIncome)
        #expect(findings { $0.averageIncome = 0; $0.workers = 0 }.isEmpty)
    }

    @Test("errors block submission; warnings need a comment")
    func submission() {
        let warning = findings { $0.pretaxProfit = 12_500 }
        #expect(ValidationRules.submissionProblems(warning, comment: "  ") == ["Báo cáo có 1 cảnh báo: cần ghi giải trình trước khi gửi."])
        #expect(ValidationRules.submissionProblems(warning, comment: "Thu từ thanh lý tài sản").isEmpty)
        let error = findings { $0.workers = -1 }
        #expect(ValidationRules.submissionProblems(error, comment: "Đã giải trình") == ["Số lao động thường xuyên không được âm: -1."])
    }

    @Test("rule files with unknown fields or operators are refused")
    func badRules() {
        let rule = #"{"rules": [{"id": "x", "severity": "error", "left": "LEFT", "operator": "OP", "right": "0", "message": "m"}]}"#
        func load(_ left: String, _ op: String) throws { _ = try ValidationRules(json: Data(rule.replacingOccurrences(of: "LEFT", with: left).replacingOccurrences(of: "OP", with: op).utf8)) }
        #expect(throws: ReportingError("Quy tắc x: không hiểu biểu thức “turnover”.")) { try load("turnover", "<=") }
        #expect(throws: ReportingError("Quy tắc x: không hiểu biểu thức “revenue +”.")) { try load("revenue +", "<=") }
        #expect(throws: ReportingError("Quy tắc x: phép so sánh “=<” không hợp lệ (dùng <=, <, >=, >, ==, !=).")) { try load("revenue", "=<") }
        #expect(throws: Never.self) { try load("2 * revenue - previous.revenue + 1", "<=") }
    }

    @Test("form and import values are read the Vietnamese way")
    func assigning() {
        var report = AnnualReport(organizationId: 1, year: 2025)
        #expect(ReportField.revenue.assign("1.234,5", to: &report) == nil)
        #expect(ReportField.highTech.assign(" Có ", to: &report) == nil)
        #expect(ReportField.officialMembers.assign("1.200", to: &report) == nil)
        #expect(ReportField.valueChainPartner.assign(" Công ty A ", to: &report) == nil)
        #expect(report.revenue == 1234.5 && report.highTech && report.officialMembers == 1200 && report.valueChainPartner == "Công ty A")
        #expect(ReportField.workers.assign("mười", to: &report)?.message == "Số lao động thường xuyên: “mười” không phải là số nguyên.")
        #expect(ReportField.digitalTransformation.assign("chưa", to: &report)?.message == "Chuyển đổi số: “chưa” không phải là “có” hoặc “không”.")
        #expect(ReportField.memberNeedsMetPercent.kind == .percent && ReportField.revenue.unit == "triệu đồng")
    }

    @Test("reports travel as JSON under the catalogue's keys")
    func json() throws {
        let data = try JSONEncoder().encode(cleanReport())
        let keys = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any]).keys
        #expect(Set(ReportField.allCases.map(\.rawValue)).isSubset(of: Set(keys)))
        #expect(try JSONDecoder().decode(AnnualReport.self, from: data) == cleanReport())
    }

    @Test("the reporting period runs from 15/12 of the previous year to 14/12")
    func period() {
        let period = AnnualReport.period(forYear: 2025)
        #expect(period.lowerBound.vietnamese == "15/12/2024" && period.upperBound.vietnamese == "14/12/2025")
    }
}
