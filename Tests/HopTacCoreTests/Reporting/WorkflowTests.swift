import Testing
@testable import HopTacCore

@Suite("Report workflow")
struct WorkflowTests {
    func move(_ state: ReportState, _ action: ReportAction, _ level: ReportingLevel) throws -> ReportState {
        try ReportState.transition(from: state, action: action, actorLevel: level)
    }

    let clean = ReportAction.submit(findings: [], comment: "")

    @Test("a report goes from draft to the province's approval")
    func happyPath() throws {
        var state = ReportState.draft
        state = try move(state, .edit, .cooperative)
        state = try move(state, clean, .cooperative)
        #expect(state == .submitted)
        state = try move(state, .accept, .commune)
        state = try move(state, .consolidate, .commune)
        state = try move(state, .approve, .province)
        #expect(state == .approved && !state.isEditable)
    }

    @Test("a returned report is edited and submitted again")
    func returned() throws {
        let returned = try move(.submitted, .return(reason: "Thiếu số liệu vốn"), .commune)
        #expect(returned == .returned && returned.isEditable)
        #expect(try move(returned, .edit, .cooperative) == .draft)
        #expect(try move(returned, clean, .cooperative) == .submitted)
        #expect(try move(.accepted, .return(reason: "Sai doanh thu"), .commune) == .returned)
        #expect(try move(.consolidated, .return(reason: "Sai doanh thu"), .province) == .returned)
        #expect(throws: ReportingError("Không thể trả lại báo cáo khi báo cáo đang ở trạng thái “Xã đã tổng hợp”.")) {
            try move(.consolidated, .return(reason: "Sai"), .commune)
        }
        #expect(throws: ReportingError("Cần ghi lý do khi trả lại báo cáo.")) { try move(.submitted, .return(reason: " "), .commune) }
    }

    @Test("each level may only do its own steps", arguments: [
        (ReportState.submitted, ReportAction.accept, ReportingLevel.cooperative),
        (.submitted, .accept, .province),
        (.accepted, .consolidate, .province),
        (.consolidated, .approve, .commune),
        (.draft, .submit(findings: [], comment: ""), .commune),
        (.draft, .edit, .province),
        (.approved, .reopen(reason: "Đính chính"), .commune),
        (.submitted, .return(reason: "x"), .cooperative),
    ])
    func refusedLevels(state: ReportState, action: ReportAction, level: ReportingLevel) {
        #expect(throws: ReportingError.self) { try move(state, action, level) }
    }

    @Test("refusals say who may act")
    func messages() {
        #expect(throws: ReportingError("Tổ chức kinh tế tập thể không được phê duyệt báo cáo; việc này do cấp tỉnh thực hiện.")) {
            try move(.consolidated, .approve, .cooperative)
        }
        #expect(throws: ReportingError("Tổ chức kinh tế tập thể không được trả lại báo cáo; việc này do cấp xã hoặc cấp tỉnh thực hiện.")) {
            try move(.submitted, .return(reason: "x"), .cooperative)
        }
        #expect(throws: ReportingError("Không thể sửa báo cáo khi báo cáo đang ở trạng thái “Đã gửi”.")) {
            try move(.submitted, .edit, .cooperative)
        }
        #expect(throws: ReportingError("Không thể gửi báo cáo khi báo cáo đang ở trạng thái “Tỉnh đã phê duyệt (khóa sổ)”.")) {
            try move(.approved, clean, .cooperative)
        }
    }

    @Test("validation errors, and warnings without a comment, block submission")
    func submission() throws {
        var bad = cleanReport()
        bad.workers = -2
        let errors = ValidationRules.evaluate(bad, previous: nil)
        #expect(throws: ReportingError("Chưa gửi được báo cáo: Số lao động thường xuyên không được âm: -2.")) {
            try move(.draft, .submit(findings: errors, comment: "có giải trình"), .cooperative)
        }
        var odd = cleanReport()
        odd.pretaxProfit = 13_000
        let warnings = ValidationRules.evaluate(odd, previous: nil)
        #expect(throws: ReportingError("Chưa gửi được báo cáo: Báo cáo có 1 cảnh báo: cần ghi giải trình trước khi gửi.")) {
            try move(.draft, .submit(findings: warnings, comment: ""), .cooperative)
        }
        #expect(try move(.draft, .submit(findings: warnings, comment: "Lãi từ bán tài sản cố định"), .cooperative) == .submitted)
    }

    @Test("only the province reopens an approved year, with a reason")
    func reopen() throws {
        #expect(try move(.approved, .reopen(reason: "Đính chính số liệu theo kết luận thanh tra"), .province) == .returned)
        #expect(throws: ReportingError("Cần ghi lý do khi mở lại báo cáo đã khóa sổ.")) { try move(.approved, .reopen(reason: ""), .province) }
        #expect(throws: ReportingError.self) { try move(.consolidated, .reopen(reason: "x"), .province) }
    }
}
