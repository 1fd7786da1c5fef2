import Foundation

/// Finds targets and tasks in a plan document by rules a reader can check: every item keeps its line and rule.
public enum PlanExtractor {
    enum SectionKind { case preamble, baseline, target, task, other }

    public static func extract(_ document: PlanDocument) -> PlanExtraction {
        var result = PlanExtraction(period: period(in: document.lines))
        var kind = SectionKind.preamble
        var documentYear: Int?, headingYear: Int?
        var section: String?
        var columns: TableColumns?
        for line in document.lines {
            if let cells = line.cells {
                if let header = TableColumns(header: cells) { columns = header; kind = .task; continue }
                if let columns {
                    let row = columns.read(cells)
                    if row.isGroup {
                        section = row.content
                        headingYear = TargetRules.horizonYear(in: row.content.lowercased()) ?? headingYear
                        continue
                    }
                    let time = TaskRules.time(in: row.deadline, cell: true)
                    // A quantity in a task row is due when the task is.
                    let year = TargetRules.horizonYear(in: row.content.lowercased()) ?? time?.deadline?.year ?? headingYear ?? documentYear
                    result.targets += TargetRules.targets(in: row.content, line: line.number, year: year, rulePrefix: "table-")
                    let names = TaskRules.agencies(row.lead)
                    guard time != nil || !names.isEmpty else { continue }
                    result.tasks.append(PlanTask(
                        line: line.number, quote: row.content, number: row.number, section: section,
                        lead: names.isEmpty ? nil : row.lead, coordinating: TaskRules.agencies(row.coordinating),
                        deadline: time?.deadline, frequency: time?.frequency, rule: "table-row" + (time.map { ", " + $0.rule } ?? "")
                    ))
                    continue
                }
            } else {
                columns = nil
            }
            let (number, body) = splitNumber(line.text)
            let lower = line.text.lowercased()
            let task = kind == .task ? task(line: line, number: number, body: body, section: section) : nil
            if task == nil, isHeading(line, number: number, body: body) {
                let year = TargetRules.horizonYear(in: lower)
                if let newKind = sectionKind(of: lower) { kind = newKind } else if isRoman(number) { kind = .other }
                if isRoman(number) { headingYear = year } else if let year { headingYear = year }
                if kind == .preamble, documentYear == nil { documentYear = year }
                section = line.text
            } else {
                if kind == .preamble, documentYear == nil { documentYear = TargetRules.horizonYear(in: lower) }
                if let task { result.tasks.append(task) }
            }
            // A short numbered line is read as a heading, yet "1. Có khoảng 55 HTX" also states a target.
            let eligible = switch kind {
            case .target, .task: true
            case .baseline: false
            case .preamble, .other: ["phấn đấu", "mục tiêu", "chỉ tiêu", "đến năm", "đến hết năm"].contains { lower.contains($0) }
            }
            if eligible {
                result.targets += TargetRules.targets(in: line.text, line: line.number, year: headingYear ?? documentYear,
                                                      rulePrefix: kind == .target ? "target-section-" : kind == .task ? "task-section-" : "cue-")
            }
        }
        return result
    }

    nonisolated(unsafe) private static let yearRange = try! Regex(#"\b((?:19|20)\d{2})\s*(?:-|–|—|đến|tới)\s*(?:năm\s*)?((?:19|20)\d{2})\b"#)

    /// The years the plan covers, from its opening: the title and the lines before its first section, where
    /// "giai đoạn 2021 - 2025", "nhiệm kỳ 2020–2025" or "2026 - 2030" stand. A range named with those words wins over
    /// a bare one; a range of more than 30 years is no plan's period.
    static func period(in lines: [PlanLine]) -> PlanPeriod? {
        var bare: PlanPeriod?
        for line in lines.prefix(40) where line.cells == nil {
            let lower = line.text.lowercased()
            for match in lower.matches(of: yearRange) {
                guard let from = Int(match.output[1].substring ?? ""), let to = Int(match.output[2].substring ?? ""), from < to, to - from <= 30 else { continue }
                let found = PlanPeriod(from: from, to: to, line: line.number)
                if ["giai đoạn", "nhiệm kỳ", "thời kỳ", "kế hoạch", "chương trình"].contains(where: lower.contains) { return found }
                if bare == nil { bare = found }
            }
        }
        return bare
    }

    private static func task(line: PlanLine, number: String?, body: String, section: String?) -> PlanTask? {
        let agencies = TaskRules.agencies(inText: body)
        let time = TaskRules.time(in: body, cell: false)
        guard agencies != nil || time != nil else { return nil }
        return PlanTask(
            line: line.number, quote: line.text, number: number, section: section, lead: agencies?.lead,
            coordinating: agencies?.coordinating ?? [], deadline: time?.deadline, frequency: time?.frequency,
            rule: [agencies?.rule, time?.rule].compactMap { $0 }.joined(separator: ", ")
        )
    }

    private static let kinds: [(SectionKind, [String])] = [
        (.other, ["nơi nhận"]),
        (.baseline, ["thực trạng", "kết quả đạt được", "kết quả thực hiện", "tình hình", "hạn chế", "nguyên nhân", "bối cảnh"]),
        (.target, ["mục tiêu", "chỉ tiêu"]),
        (.task, ["nhiệm vụ", "giải pháp", "tổ chức thực hiện", "phân công", "nội dung thực hiện"]),
        (.other, ["mục đích", "quan điểm", "căn cứ", "kinh phí"]),
    ]

    private static func sectionKind(of lower: String) -> SectionKind? {
        kinds.first { $0.1.contains { lower.contains($0) } }?.0
    }

    nonisolated(unsafe) private static let itemNumber = try! Regex(#"^(?:([IVXLC]+|\d+(?:\.\d+)*|[a-zđ])\s*[.)\-–]|([-+•*–]))\s*"#)

    /// "2.1. Đến năm 2030" → ("2.1", "Đến năm 2030"); a bullet has no number.
    static func splitNumber(_ text: String) -> (number: String?, body: String) {
        guard let match = text.prefixMatch(of: itemNumber) else { return (nil, text) }
        let body = String(text[match.range.upperBound...])
        // "2021 - 2025" or "20-NQ" is no item number: a number is followed by a space or ends the line.
        guard match.output[2].substring != nil || body.first.map({ !$0.isNumber }) ?? true else { return (nil, text) }
        return (match.output[1].substring.map(String.init), body)
    }

    private static func isRoman(_ number: String?) -> Bool {
        guard let number, !number.isEmpty else { return false }
        return number.allSatisfy { "IVXLC".contains($0) }
    }

    private static func isHeading(_ line: PlanLine, number: String?, body: String) -> Bool {
        if line.isHeading || isRoman(number) { return true }
        let letters = line.text.filter(\.isLetter)
        if letters.count >= 3 && letters.allSatisfy({ !$0.isLowercase }) { return true }
        // "1. Quan điểm", "2.1. Đến năm 2030", "* Mục tiêu cụ thể:" — short lines that open a section.
        if number != nil, body.count <= 110, !body.contains(";") { return true }
        return line.text.count <= 60 && line.text.hasSuffix(":")
    }
}

/// The columns of a task table, found from its header row.
struct TableColumns {
    var number: Int?, content: Int, lead: Int?, coordinating: Int?, deadline: Int?

    init?(header: [String]) {
        var content: Int?
        for (index, cell) in header.enumerated() {
            let lower = cell.lowercased()
            if lower.contains("phối hợp") { coordinating = coordinating ?? index }
            else if ["thời gian", "thời hạn", "tiến độ", "hoàn thành"].contains(where: lower.contains) { deadline = deadline ?? index }
            else if ["chủ trì", "thực hiện", "đơn vị", "cơ quan"].contains(where: lower.contains) { lead = lead ?? index }
            else if ["nội dung", "nhiệm vụ", "công việc", "tên"].contains(where: lower.contains) { content = content ?? index }
            else if ["stt", "tt", "số thứ tự"].contains(lower) { number = index }
        }
        guard let content, lead != nil || deadline != nil else { return nil }
        self.content = content
    }

    struct Row {
        let number: String?
        let content: String, lead: String, coordinating: String, deadline: String
        let isGroup: Bool
    }

    func read(_ cells: [String]) -> Row {
        func cell(_ index: Int?) -> String { index.flatMap { $0 < cells.count ? cells[$0] : nil } ?? "" }
        let number = cell(number).trimmingTrailing(".")
        let lead = cell(lead), deadline = cell(deadline)
        // "I. Công tác tuyên truyền" groups the rows below it.
        let isGroup = lead.isEmpty && deadline.isEmpty && cell(coordinating).isEmpty
        return Row(number: number.isEmpty ? nil : number, content: cell(content), lead: lead,
                   coordinating: cell(coordinating), deadline: deadline, isGroup: isGroup)
    }
}
