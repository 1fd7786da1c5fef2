import HopTacCore
import Vapor

/// A programme as entered: its particulars, the targets and the tasks to save. Built from the review form (after the
/// extractor filled it in from a document) or by the demo.
struct ProgrammeDraft: Sendable {
    struct Task: Sendable {
        var number: String?
        var section: String?
        var text: String
        var lead: String
        var coordinating: [String]
        var deadline: TaskDeadline?
        var frequency: TaskFrequency
        var line: Int?
    }

    var symbol: String
    var title: String
    var issuedOn: Day?
    var issuer: String
    var level: ProgrammeLevel
    var unitCode: String?
    var periodFrom: Int
    var periodTo: Int
    var parentId: Int?
    var sourceFile: String?
    var targets: [(target: ProgrammeTarget, line: Int?)]
    var tasks: [Task]
}

/// The review form: flat fields `symbol`, `title`… and per row `target-<n>-<field>` / `task-<n>-<field>`, so that a
/// refused form comes back with every value as typed and each problem next to its field.
enum ProgrammeForm {
    static let targetFields = ["keep", "indicator", "comparator", "value", "value_max", "unit", "year", "baseline_year", "baseline_value", "quote", "line", "reporting_agency"]
    static let taskFields = ["keep", "number", "section", "text", "lead", "coordinating", "deadline", "frequency", "line"]

    /// Every comparator, as programmes word it; "đạt" (`=`) stays for rows saved before plain numbers became "ít nhất".
    static let comparatorLabels: [(TargetComparator, String)] = [
        (.atLeast, "ít nhất"), (.above, "trên"), (.atMost, "không quá"), (.below, "dưới"), (.about, "khoảng"),
        (.range, "từ … đến …"), (.maintain, "duy trì"), (.perYear, "mỗi năm (xét từng năm)"), (.equal, "đạt"),
    ]
    static let unitLabels: [(TargetUnit, String)] = [
        (.count, "số lượng"), (.percent, "%"), (.multipleOfBaseline, "lần so với năm gốc"), (.millionVND, "triệu đồng"), (.other, "khác"),
    ]
    static let frequencyLabels: [(TaskFrequency, String)] = [
        (.once, "Một lần, có thời hạn"), (.ongoing, "Thường xuyên"), (.annual, "Hằng năm"), (.quarterly, "Hằng quý"), (.monthly, "Hằng tháng"), (.weekly, "Hằng tuần"),
    ]

    /// The form as the extractor fills it, every row kept; targets get the indicator their subject suggests (one
    /// that none suggests waits for the officer's choice, which may be a value an agency reports).
    static func values(from extraction: PlanExtraction, fileName: String, level: ProgrammeLevel, unitCode: String?) -> [String: String] {
        var values: [String: String] = ["source_file": fileName, "level": level.rawValue, "unit_code": unitCode ?? ""]
        // The period the document states; without one, the targets' last year ends it and the start stays for the
        // officer to fill (never this year by default: a 2021–2025 resolution would then be refused).
        let years = extraction.targets.compactMap(\.year)
        if let period = extraction.period {
            values["period_from"] = String(period.from)
            values["period_to"] = String(period.to)
        } else if let last = years.max() {
            values["period_to"] = String(last)
        }
        for (index, target) in extraction.targets.enumerated() {
            let prefix = "target-\(index)-"
            values[prefix + "keep"] = "on"
            values[prefix + "indicator"] = target.suggestedIndicator()?.code ?? ""
            values[prefix + "comparator"] = target.comparator.rawValue
            values[prefix + "value"] = VietnameseNumber.format(target.value, fractionDigits: 3)
            values[prefix + "value_max"] = target.valueMax.map { VietnameseNumber.format($0, fractionDigits: 3) } ?? ""
            values[prefix + "unit"] = target.unit.rawValue
            values[prefix + "year"] = target.year.map(String.init) ?? ""
            values[prefix + "baseline_year"] = target.baselineYear.map(String.init) ?? ""
            values[prefix + "quote"] = target.quote
            values[prefix + "line"] = String(target.line)
        }
        for (index, task) in extraction.tasks.enumerated() {
            let prefix = "task-\(index)-"
            values[prefix + "keep"] = "on"
            values[prefix + "number"] = task.number ?? ""
            values[prefix + "section"] = task.section ?? ""
            values[prefix + "text"] = task.quote
            values[prefix + "lead"] = task.lead ?? ""
            values[prefix + "coordinating"] = task.coordinating.joined(separator: "; ")
            values[prefix + "deadline"] = task.deadline.map { $0.vietnamese } ?? ""
            // A task the document gives no time is left without one for the officer to decide, and the page says so:
            // taking it for "Thường xuyên" would mean it could never be overdue.
            values[prefix + "frequency"] = (task.frequency ?? (task.deadline == nil ? nil : .once))?.rawValue ?? ""
            values[prefix + "line"] = String(task.line)
        }
        values["targets"] = String(extraction.targets.count)
        values["tasks"] = String(extraction.tasks.count)
        return values
    }

    static func rowCount(_ values: [String: String], _ kind: String) -> Int {
        min(500, Int(values[kind] ?? "") ?? 0)
    }

    /// Reads the whole form; every problem is keyed by its field so the page can show it in place.
    static func read(_ form: [String: String]) -> (draft: ProgrammeDraft?, problems: [String: FieldProblem]) {
        // The page offers level and unit as one choice, `province:42`.
        var values = form
        if let unit = form["unit"], let colon = unit.firstIndex(of: ":") {
            values["level"] = String(unit[..<colon])
            values["unit_code"] = String(unit[unit.index(after: colon)...])
        }
        var problems: [String: FieldProblem] = [:]
        func text(_ key: String) -> String { (values[key] ?? "").trimmed }
        func required(_ key: String, _ label: String) -> String {
            let value = text(key)
            if value.isEmpty { problems[key] = FieldProblem("Chưa nhập \(label).") }
            return value
        }
        func number(_ key: String, _ label: String, row: String, optional: Bool = false) -> Double? {
            let raw = text(key)
            if raw.isEmpty {
                if !optional { problems[key] = FieldProblem("\(row): chưa nhập \(label).") }
                return nil
            }
            guard let value = VietnameseNumber.parse(raw) else {
                problems[key] = FieldProblem("\(row), \(label): “\(raw)” không phải là số.")
                return nil
            }
            guard PlanTarget.valueRange.contains(value) else {
                problems[key] = FieldProblem("\(row), \(label): “\(raw)” phải từ 0 đến \(VietnameseNumber.format(PlanTarget.valueRange.upperBound)).")
                return nil
            }
            return value
        }
        func year(_ key: String, _ label: String, row: String, optional: Bool = false) -> Int? {
            let raw = text(key)
            if raw.isEmpty {
                if !optional { problems[key] = FieldProblem("\(row): chưa nhập \(label).") }
                return nil
            }
            guard let year = Int(raw), (1990...2100).contains(year) else {
                problems[key] = FieldProblem("\(row), \(label): “\(raw)” không phải là năm (1990–2100).")
                return nil
            }
            return year
        }

        let symbol = required("symbol", "số, ký hiệu văn bản")
        let title = required("title", "trích yếu (tên chương trình)")
        let issuer = required("issuer", "cơ quan ban hành")
        var issuedOn: Day?
        if !text("issued_on").isEmpty {
            issuedOn = Day(vietnamese: text("issued_on"))
            if issuedOn == nil { problems["issued_on"] = FieldProblem("Ngày ban hành “\(text("issued_on"))” không phải ngày dd/mm/yyyy.") }
        }
        let level = ProgrammeLevel(rawValue: text("level"))
        if level == nil { problems["level"] = FieldProblem("Chưa chọn cấp ban hành.") }
        let unitCode = text("unit_code").isEmpty ? nil : text("unit_code")
        if level != nil && level != .national && unitCode == nil { problems["unit_code"] = FieldProblem("Chưa chọn đơn vị hành chính của chương trình.") }
        let periodFrom = year("period_from", "năm bắt đầu", row: "Thời kỳ")
        let periodTo = year("period_to", "năm kết thúc", row: "Thời kỳ")
        if let from = periodFrom, let to = periodTo, to < from { problems["period_to"] = FieldProblem("Năm kết thúc \(to) trước năm bắt đầu \(from).") }
        let parentId = Int(text("parent_id"))

        var targets: [(target: ProgrammeTarget, line: Int?)] = []
        for index in 0..<rowCount(values, "targets") {
            let prefix = "target-\(index)-"
            guard values[prefix + "keep"] != nil else { continue }
            let row = "Chỉ tiêu \(index + 1)" + (Int(text(prefix + "line")).map { " (dòng \($0) của văn bản)" } ?? "")
            let indicator = text(prefix + "indicator")
            let agency = text(prefix + "reporting_agency").precomposedStringWithCanonicalMapping
            if agency.count > 300 { problems[prefix + "reporting_agency"] = FieldProblem("\(row): tên cơ quan báo cáo dài quá 300 ký tự.") }
            if IndicatorDefinition.named(indicator) == nil {
                problems[prefix + "indicator"] = FieldProblem("\(row): chưa chọn chỉ số đo (mỗi chỉ tiêu được đo tự động bằng một chỉ số; chỉ tiêu không đo được từ dữ liệu thì chọn “\(IndicatorDefinition.named("reported")?.label ?? "")”).")
            }
            let comparator = TargetComparator(rawValue: text(prefix + "comparator"))
            if comparator == nil { problems[prefix + "comparator"] = FieldProblem("\(row): chưa chọn phép so sánh.") }
            let unit = TargetUnit(rawValue: text(prefix + "unit"))
            if unit == nil { problems[prefix + "unit"] = FieldProblem("\(row): chưa chọn đơn vị.") }
            let value = number(prefix + "value", "giá trị", row: row)
            let valueMax = number(prefix + "value_max", "giá trị trên", row: row, optional: comparator != .range)
            if let value, let valueMax, valueMax < value { problems[prefix + "value_max"] = FieldProblem("\(row): giá trị trên nhỏ hơn giá trị dưới.") }
            if unit == .percent, let value, !(0...100).contains(value) { problems[prefix + "value"] = FieldProblem("\(row): tỷ lệ phải từ 0 đến 100%.") }
            let horizon = year(prefix + "year", "năm đạt", row: row)
            let baselineYear = year(prefix + "baseline_year", "năm gốc", row: row, optional: unit != .multipleOfBaseline)
            let baselineValue = number(prefix + "baseline_value", "giá trị năm gốc", row: row, optional: true)
            if let comparator, let unit, let value, let horizon {
                targets.append((ProgrammeTarget(indicatorCode: indicator, comparator: comparator, value: value, valueMax: comparator.hasUpperEnd ? valueMax : nil,
                                                unit: unit, horizonYear: horizon, baselineYear: baselineYear, baselineValue: baselineValue,
                                                quote: text(prefix + "quote").isEmpty ? nil : text(prefix + "quote"),
                                                reportingAgency: agency.isEmpty || IndicatorDefinition.named(indicator)?.isReported != true ? nil : agency),
                                Int(text(prefix + "line"))))
            }
        }

        var tasks: [ProgrammeDraft.Task] = []
        for index in 0..<rowCount(values, "tasks") {
            let prefix = "task-\(index)-"
            guard values[prefix + "keep"] != nil else { continue }
            let row = "Nhiệm vụ \(index + 1)" + (Int(text(prefix + "line")).map { " (dòng \($0) của văn bản)" } ?? "")
            let taskText = text(prefix + "text")
            if taskText.isEmpty { problems[prefix + "text"] = FieldProblem("\(row): chưa nhập nội dung.") }
            let lead = text(prefix + "lead")
            if lead.isEmpty { problems[prefix + "lead"] = FieldProblem("\(row): chưa nhập cơ quan chủ trì.") }
            let typed = text(prefix + "deadline")
            // A deadline typed with no kind chosen is a one-off task's.
            let frequency = TaskFrequency(rawValue: text(prefix + "frequency")) ?? (typed.isEmpty ? nil : .once)
            if frequency == nil {
                problems[prefix + "frequency"] = FieldProblem("\(row): văn bản không ghi thời hạn; ghi thời hạn hoặc chọn loại (“Thường xuyên” nếu nhiệm vụ làm liên tục).")
            }
            var deadline: TaskDeadline?
            if !typed.isEmpty {
                deadline = TaskDeadline(typed: typed)
                if deadline == nil {
                    problems[prefix + "deadline"] = FieldProblem("\(row), thời hạn: “\(typed)” không đọc được (ví dụ: 15/12/2026, tháng 6/2026, quý II/2026, năm 2026).")
                }
            } else if frequency == .once {
                problems[prefix + "deadline"] = FieldProblem("\(row): nhiệm vụ một lần cần thời hạn.")
            }
            if let frequency, !taskText.isEmpty, !lead.isEmpty {
                tasks.append(.init(number: text(prefix + "number").isEmpty ? nil : text(prefix + "number"),
                                   section: text(prefix + "section").isEmpty ? nil : text(prefix + "section"), text: taskText, lead: lead,
                                   coordinating: text(prefix + "coordinating").split(separator: ";").map { String($0).trimmed }.filter { !$0.isEmpty },
                                   deadline: deadline, frequency: frequency, line: Int(text(prefix + "line"))))
            }
        }
        if targets.isEmpty && tasks.isEmpty && problems.isEmpty { problems["targets"] = FieldProblem("Chương trình chưa có chỉ tiêu hay nhiệm vụ nào được chọn.") }
        guard problems.isEmpty, let level, let periodFrom, let periodTo else { return (nil, problems) }
        return (ProgrammeDraft(symbol: symbol, title: title, issuedOn: issuedOn, issuer: issuer, level: level, unitCode: level == .national ? nil : unitCode,
                               periodFrom: periodFrom, periodTo: periodTo, parentId: parentId, sourceFile: text("source_file").isEmpty ? nil : text("source_file"),
                               targets: targets, tasks: tasks), [:])
    }
}
