import Foundation

/// Quantified aims in a sentence: "khoảng 74 HTX", "trên 60% …", "tăng 1,5-2 lần so với năm 2020", "50 tỷ đồng".
///
/// A number's comparator comes from the words before it ("khoảng", "trên", "không quá"…), else from "trở lên"/"trở xuống"
/// after it, else from the previous number of a list, else from a verb of keeping ("duy trì 213 THT"); a plain number
/// ("1 LHHTX", "đạt 100%") is a floor. A count with "mỗi năm"/"hằng năm" is a rate owed each year.
enum TargetRules {
    private static let number = #"\d+(?:[.,]\d+)*"#
    /// Units of a count, longest first so that "liên hiệp hợp tác xã" wins over "hợp tác xã".
    private static let nouns = [
        "liên hiệp hợp tác xã", "liên hiệp htx", "lhhtx", "lh htx", "hợp tác xã", "htx", "tổ hợp tác", "tht",
        "quỹ tín dụng nhân dân", "quỹ tín dụng", "qtdnd", "tổ chức", "lượt", "mô hình", "sản phẩm", "thành viên", "tổ viên",
        "lao động", "người", "hộ", "doanh nghiệp", "cán bộ", "nhóm", "chuỗi", "điểm", "cửa hàng", "lớp", "hội chợ", "xã",
    ]
    private static let measures = ["hecta", "ha", "tấn"]
    nonisolated(unsafe) private static let quantity = try! Regex(
        "(?:(" + comparators.keys.sorted { $0.count > $1.count }.joined(separator: "|") + #")\s+(?:là\s+)?)?"#
            + "(\(number))\\s*(?:(?:%|phần trăm)?\\s*(?:-|–|—|đến|tới)\\s*(\(number))\\s*)?"
            + "(%|phần trăm|lần|triệu đồng|tỷ đồng|tỉ đồng|" + (nouns + measures).joined(separator: "|") + #")(?![\p{L}\d])"#
    )
    nonisolated(unsafe) private static let baselineYear = try! Regex(#"so với (?:cùng kỳ )?(?:năm )?(20\d\d)"#)
    /// The words right before a number that say how it is to be reached; the longest that fits wins ("trên dưới" over "trên").
    private static let comparators: [String: TargetComparator] = [
        "khoảng": .about, "khoảng chừng": .about, "xấp xỉ": .about, "gần": .about, "trên dưới": .about,
        "trên": .above, "hơn": .above, "vượt": .above,
        "ít nhất": .atLeast, "tối thiểu": .atLeast, "không dưới": .atLeast, "không ít hơn": .atLeast, "từ": .atLeast,
        "không vượt quá": .atMost, "không quá": .atMost, "tối đa": .atMost,
        "giảm còn": .atMost, "giảm xuống còn": .atMost, "giảm xuống": .atMost, "xuống còn": .atMost, "chỉ còn": .atMost,
        "dưới": .below, "ít hơn": .below,
    ]
    /// Verbs of keeping a level: "duy trì 213 THT" asks for at least 213, never at most.
    private static let maintainCues = ["duy trì", "giữ vững", "giữ ổn định", "giữ mức"]
    /// Words that make a count a rate owed each year.
    private static let perYearCues = ["mỗi năm", "hằng năm", "hàng năm", "/năm"]
    /// Words before "X lần" that make it a multiple of a baseline even without "so với".
    private static let multipleCues = ["gấp ", "tăng ", "tăng lên "]
    /// Words before a number that make it a year, an ordinal or a reference rather than a quantity.
    private static let notQuantity = ["số ", "thứ ", "độ ", "quý ", "tháng ", "ngày ", "khóa ", "khoá ", "điều ", "/", "lần "]
    /// Statements of what exists already; a target states what is to be reached.
    private static let baselineCues = [
        "hiện có", "hiện nay", "hiện đang", "đã thành lập", "đã có", "đã đạt", "ước đạt", "đạt được", "tính đến", "đến nay",
        "đến thời điểm", "năm qua",
    ]
    nonisolated(unsafe) private static let yearHas = try! Regex(#"(.{0,5})năm (20\d\d),? (?:toàn [^\s,]+ )?(?:có|đạt)\s"#)

    /// The targets in one sentence of a line; `year` is the horizon that the surrounding headings give.
    static func targets(in text: String, line: Int, year fallbackYear: Int?, rulePrefix: String) -> [PlanTarget] {
        var targets: [PlanTarget] = []
        let lineYear = horizonYear(in: text.lowercased()) ?? fallbackYear
        for clause in clauses(of: text) {
            let lower = clause.lowercased()
            guard !isBaseline(lower) else { continue }
            let lowerChars = Array(lower), chars = Array(clause)
            guard lowerChars.count == chars.count else { continue }
            var previousEnd: Int?
            var previousComparator: TargetComparator?
            for match in lower.matches(of: quantity) {
                let start = lower.distance(from: lower.startIndex, to: match.range.lowerBound)
                let end = lower.distance(from: lower.startIndex, to: match.range.upperBound)
                let before = String(lowerChars[max(0, start - 12)..<start])
                guard !notQuantity.contains(where: { before.hasSuffix($0) }),
                      let low = match.output[2].substring.flatMap({ VietnameseNumber.parse(String($0)) })
                else { continue }
                let high = match.output[3].substring.flatMap { VietnameseNumber.parse(String($0)) }
                guard let unitText = match.output[4].substring else { continue }
                let unitWord = String(unitText)
                let unitStart = lower.distance(from: lower.startIndex, to: unitText.startIndex)
                let after = String(lowerChars[end...])
                var unit = TargetUnit.count, scale = 1.0
                switch unitWord {
                case "%", "phần trăm": unit = .percent
                case "lần":
                    // "2 lần" is a multiple only against a baseline; otherwise it counts occurrences.
                    guard lower.contains("so với") || multipleCues.contains(where: before.hasSuffix) else { continue }
                    unit = .multipleOfBaseline
                case "triệu đồng": unit = .millionVND
                case "tỷ đồng", "tỉ đồng": unit = .millionVND; scale = 1000
                default: if measures.contains(unitWord) { unit = .other }
                }
                var comparator: TargetComparator
                var rule = rulePrefix + unit.rawValue
                // The words since the previous number, and of them those after the last comma, which govern this one.
                let lead = String(lowerChars[(previousEnd ?? 0)..<start])
                let phrase = String(lead.reversed().prefix { !",:".contains($0) }.reversed())
                if high != nil {
                    comparator = .range
                } else if let word = match.output[1].substring, let known = comparators[String(word)] {
                    comparator = known
                } else if after.hasPrefix(" trở lên") {
                    comparator = .atLeast
                } else if after.hasPrefix(" trở xuống") {
                    comparator = .atMost
                } else if let previousEnd, let previousComparator,
                          String(lowerChars[previousEnd..<start]).trimmed.allSatisfy({ ",;".contains($0) })
                            || String(lowerChars[previousEnd..<start]).trimmed == "và" {
                    // "khoảng 300 THT, 150 HTX": one comparator for a list of quantities.
                    comparator = previousComparator
                    rule += "+list"
                } else if maintainCues.contains(where: phrase.contains) {
                    comparator = .maintain
                    rule += "+maintain"
                } else {
                    // "1 LHHTX", "đạt 100%": reaching the number, and more is better.
                    comparator = .atLeast
                }
                if unit == .count, comparator != .atMost, comparator != .below, comparator != .perYear,
                   isPerYear(phrase: phrase, after: after, clause: lower) {
                    // "mỗi năm 1–3 THT", "hằng năm thành lập mới 5 HTX": the floor, and a range's top, of every year.
                    comparator = .perYear
                    rule += "+per_year"
                }
                previousEnd = end
                previousComparator = comparator
                let baseline = lower.firstMatch(of: baselineYear).flatMap { $0.output[1].substring.flatMap { Int($0) } }
                targets.append(PlanTarget(
                    line: line, quote: clause, subject: subject(chars: chars, start: start, unitStart: unitStart, end: end, unit: unit),
                    comparator: comparator, value: low * scale, valueMax: high.map { $0 * scale }, unit: unit,
                    year: lineYear, baselineYear: unit == .multipleOfBaseline || unit == .percent ? baseline : nil, rule: rule
                ))
            }
        }
        return targets
    }

    /// Whether a count is owed each year: a cue in the words governing it ("thành lập mới mỗi năm 1 đến 3 THT"), within the
    /// few words after it ("1-3 THT mới mỗi năm", "5 HTX/năm"), or opening the clause ("Hằng năm, thành lập mới 5 HTX").
    private static func isPerYear(phrase: String, after: String, clause: String) -> Bool {
        let next = after.prefix { !",;.:(".contains($0) && !$0.isNumber }.split(separator: " ").prefix(4).joined(separator: " ")
        let opening = clause.drop { !$0.isLetter }
        return perYearCues.contains { phrase.contains($0) || next.contains($0) || opening.hasPrefix($0) }
    }

    /// Clauses split on ";" and on sentence ends, so that a comparator or a baseline statement stays in its clause.
    static func clauses(of text: String) -> [String] {
        var clauses: [String] = []
        var current = ""
        let chars = Array(text)
        for (index, c) in chars.enumerated() {
            let sentenceEnd = c == "." && index + 2 < chars.count && chars[index + 1] == " " && chars[index + 2].isUppercase
            if c == ";" || sentenceEnd {
                if sentenceEnd { current.append(c) }
                clauses.append(current.trimmed)
                current = ""
            } else {
                current.append(c)
            }
        }
        clauses.append(current.trimmed)
        return clauses.filter { !$0.isEmpty }
    }

    static func isBaseline(_ lower: String) -> Bool {
        if baselineCues.contains(where: { lower.contains($0) }) { return true }
        // "năm 2020 có 112 HTX" states the past; "đến năm 2030 có 74 HTX" states an aim.
        return lower.matches(of: yearHas).contains { match in
            let before = String(match.output[1].substring ?? "")
            return !before.hasSuffix("đến ") && !before.hasSuffix("tới ") && !before.hasSuffix("hết ")
        }
    }

    /// The words naming what is counted: from the unit of a count, after a share, or else before the number.
    private static func subject(chars: [Character], start: Int, unitStart: Int, end: Int, unit: TargetUnit) -> String {
        let stops: Set<Character> = [",", ";", ".", "(", ":"]
        var tailEnd = end
        // The next quantity of a list ("2 HTX và 3 THT") starts the next subject.
        while tailEnd < chars.count && !stops.contains(chars[tailEnd]) && !chars[tailEnd].isNumber { tailEnd += 1 }
        var tail = String(chars[(unit == .count || unit == .other ? unitStart : end)..<tailEnd]).trimmed
        if tailEnd < chars.count, chars[tailEnd].isNumber, tail.hasSuffix(" và") { tail = String(tail.dropLast(3)).trimmed }
        if !tail.isEmpty, !["so với", "trở", "/"].contains(where: tail.lowercased().hasPrefix) { return tail }
        var head = String(chars[0..<start]).trimmed
        while let first = head.first, "-+•*–".contains(first) || first.isNumber { head = String(head.dropFirst()).trimmed }
        for word in ["tăng", "đạt", "là", "có", "bằng", "chiếm", "mức"] where head.lowercased().hasSuffix(" " + word) {
            head = String(head.dropLast(word.count)).trimmed
            break
        }
        return head
    }

    nonisolated(unsafe) private static let strongYear = try! Regex(#"(?:đến|tới|trong|vào|sau)\s+(?:hết\s+|cuối\s+)?năm\s+(20\d\d)"#)
    nonisolated(unsafe) private static let periodYear = try! Regex(#"giai đoạn\s+20\d\d\s*[-–]\s*(20\d\d)"#)
    nonisolated(unsafe) private static let plainYear = try! Regex(#"(.{0,24})năm\s+(20\d\d)"#)

    /// The year an aim is set for: "đến năm 2030", "giai đoạn 2021-2025" (its end), or "năm 2026" that is neither
    /// a baseline ("so với năm 2020") nor a law's year ("Luật Hợp tác xã năm 2012").
    static func horizonYear(in lower: String) -> Int? {
        if let match = lower.firstMatch(of: strongYear) ?? lower.firstMatch(of: periodYear) {
            return match.output[1].substring.flatMap { Int($0) }
        }
        for match in lower.matches(of: plainYear) {
            let before = String(match.output[1].substring ?? "")
            if before.contains("luật") || before.hasSuffix("so với ") || before.hasSuffix("kỳ ") { continue }
            return match.output[2].substring.flatMap { Int($0) }
        }
        return nil
    }
}
