import Foundation

/// Who leads a task, who coordinates, and when it is due or how often it recurs.
enum TaskRules {
    // MARK: Time

    nonisolated(unsafe) private static let beforeDate = try! Regex(#"(?:trước|chậm nhất|hạn|hoàn thành)[^\d]{0,12}ngày\s*(\d{1,2})[/.-](\d{1,2})[/.-](20\d\d)"#)
    nonisolated(unsafe) private static let date = try! Regex(#"(\d{1,2})[/.-](\d{1,2})[/.-](20\d\d)"#)
    nonisolated(unsafe) private static let quarter = try! Regex(#"quý\s*(iv|iii|ii|i|[1-4])\s*(?:/|-|–|năm)\s*(20\d\d)"#)
    nonisolated(unsafe) private static let month = try! Regex(#"tháng\s*(\d{1,2})\s*(?:/|-|năm)\s*(20\d\d)"#)
    nonisolated(unsafe) private static let period = try! Regex(#"(?:^|[^\d])20\d\d\s*[-–]\s*(20\d\d)"#)
    nonisolated(unsafe) private static let year = try! Regex(#"(?:^|năm\s*)(20\d\d)"#)
    /// In running text a bare year or period is a deadline only after words that announce one.
    nonisolated(unsafe) private static let deadlineCue = try! Regex(#"(?:thời gian(?: hoàn thành| thực hiện)?|thời hạn|tiến độ|hoàn thành(?: trong| trước| vào)?|trong năm)\s*:?\s*"#)
    private static let frequencies: [(TaskFrequency, [String])] = [
        (.weekly, ["hằng tuần", "hàng tuần", "mỗi tuần"]),
        (.monthly, ["hằng tháng", "hàng tháng", "mỗi tháng"]),
        (.quarterly, ["hằng quý", "hàng quý", "mỗi quý", "định kỳ quý"]),
        (.annual, ["hằng năm", "hàng năm", "mỗi năm", "định kỳ năm"]),
        (.ongoing, ["thường xuyên", "liên tục"]),
    ]

    /// A due date as its last day and the matching frequency, or a recurrence without a date.
    /// `cell` is true for a deadline column, where a bare "2026" or "2022-2025" is a deadline.
    static func time(in text: String, cell: Bool) -> (deadline: Day?, frequency: TaskFrequency?, rule: String)? {
        let lower = text.lowercased()
        if let m = lower.firstMatch(of: beforeDate) ?? (cell ? lower.firstMatch(of: date) : nil),
           let day = Day(year: int(m.output[3]), month: int(m.output[2]), day: int(m.output[1])) {
            return (day, .once, "deadline-date")
        }
        if let m = lower.firstMatch(of: quarter) {
            let q = ["i": 1, "ii": 2, "iii": 3, "iv": 4][String(m.output[1].substring ?? "")] ?? int(m.output[1])
            if let day = lastDay(year: int(m.output[2]), month: q * 3) { return (day, .once, "deadline-quarter") }
        }
        if let m = lower.firstMatch(of: month), let day = lastDay(year: int(m.output[2]), month: int(m.output[1])) {
            return (day, .once, "deadline-month")
        }
        let scope: Substring? = cell ? lower[...] : lower.firstMatch(of: deadlineCue).map { lower[$0.range.upperBound...] }
        if let scope {
            if let m = scope.prefixMatch(of: period) ?? (cell ? scope.firstMatch(of: period) : nil),
               let day = lastDay(year: int(m.output[1]), month: 12) {
                return (day, .once, "deadline-period")
            }
            if let m = cell ? scope.firstMatch(of: year) : scope.prefixMatch(of: year), let day = lastDay(year: int(m.output[1]), month: 12) {
                return (day, .once, "deadline-year")
            }
        }
        // Several rhythms in one text ("hằng năm xây dựng kế hoạch…, cập nhật hằng tuần"): the one it states first
        // is the task's; the others belong to the steps inside it.
        let stated = frequencies.compactMap { frequency, words in words.compactMap { lower.range(of: $0)?.lowerBound }.min().map { (frequency, $0) } }
        guard let first = stated.min(by: { $0.1 < $1.1 }) else { return nil }
        return (nil, first.0, "frequency-" + first.0.rawValue)
    }

    private static func int(_ capture: AnyRegexOutput.Element) -> Int { capture.substring.flatMap { Int($0) } ?? 0 }

    private static func lastDay(year: Int, month: Int) -> Day? {
        guard (1...12).contains(month) else { return nil }
        return Day(year: year, month: month, day: Day.daysIn(month: month, year: year))
    }

    // MARK: Agencies

    /// Words that begin an agency's name when followed by a capitalised word ("Sở Tài chính", not "Ban hành").
    private static let agencyHeads = [
        "Ủy ban nhân dân", "Uỷ ban nhân dân", "Ủy ban", "Uỷ ban", "Sở", "Phòng", "Ban", "Hội", "Trung tâm", "Đài", "Mặt trận",
        "Đoàn", "Báo", "Cục", "Chi cục", "Bộ", "Thanh tra", "Quỹ", "Hội đồng nhân dân",
    ]
    /// Agencies named by an abbreviation or a head that is never a verb, whatever follows ("Công an xã").
    private static let agencyWords = ["UBND", "HĐND", "MTTQ", "Công an", "Liên minh", "Ngân hàng", "Chi nhánh", "Văn phòng", "Kho bạc", "Huyện ủy", "Huyện uỷ", "Tỉnh ủy", "Tỉnh uỷ", "Thành ủy", "Đảng ủy", "Huyện đoàn", "Tỉnh đoàn"]
    /// "Các …" subjects that name agencies rather than the organisations the plan is about.
    private static let pluralAgencies = [
        "sở", "phòng", "cơ quan", "ban", "đơn vị", "ngành", "địa phương", "xã", "huyện", "hội", "đoàn thể", "cấp ủy",
        "tổ chức chính trị", "tổ chức cơ sở đảng", "chi bộ",
    ]
    /// Verbs that end the agency at the head of a sentence ("Ban Tuyên giáo Huyện ủy | tổ chức tuyên truyền …").
    private static let verbs = [
        "chủ trì", "phối hợp", "tổ chức", "tăng cường", "xây dựng", "ban hành", "triển khai", "thực hiện", "theo dõi", "tham mưu",
        "hướng dẫn", "rà soát", "kiểm tra", "tuyên truyền", "chỉ đạo", "đôn đốc", "tổng hợp", "báo cáo", "căn cứ", "đảm bảo",
        "bảo đảm", "cân đối", "bố trí", "nghiên cứu", "đề xuất", "cập nhật", "hỗ trợ", "vận động", "phổ biến", "quán triệt",
        "chịu trách nhiệm", "có trách nhiệm", "chủ động", "tiếp tục", "định kỳ", "thường xuyên", "hằng năm", "hàng năm", "để",
        "lựa chọn", "giám sát", "đánh giá", "phát huy", "tập trung", "đẩy mạnh", "nâng cao", "lồng ghép", "khảo sát", "đào tạo",
        "bồi dưỡng", "làm đầu mối", "là cơ quan", "trình", "ưu tiên", "huy động", "giới thiệu", "kết nối",
    ]

    /// Whether the text begins with an agency's name.
    static func startsWithAgency(_ text: String) -> Bool {
        for word in agencyWords where text.hasPrefix(word) {
            let rest = text.dropFirst(word.count)
            if rest.first.map({ !$0.isLetter }) ?? true { return true }
        }
        for head in agencyHeads where text.hasPrefix(head + " ") {
            let rest = text.dropFirst(head.count + 1)
            if let first = rest.first, first.isUppercase || rest.hasPrefix("nhân dân") { return true }
        }
        let lower = text.lowercased()
        return pluralAgencies.contains { lower.hasPrefix("các " + $0 + " ") || lower.hasPrefix("các " + $0 + ",") }
    }

    /// The text up to the first verb (in lower case, so "Ủy ban Kiểm tra" is not cut at "kiểm tra"), a colon or a sentence end.
    static func agencyPhrase(_ text: String) -> String {
        var end = text.endIndex
        for verb in verbs {
            var search = text.startIndex
            while let range = text.range(of: " " + verb, range: search..<end) {
                let after = range.upperBound == text.endIndex ? nil : text[range.upperBound]
                // "các tổ chức chính trị" is a noun: a verb right after "các" does not end the name.
                if after?.isLetter != true, !text[..<range.lowerBound].hasSuffix(" các") {
                    end = range.lowerBound
                    break
                }
                search = range.upperBound
            }
        }
        var phrase = text[..<end]
        if let stop = phrase.firstIndex(where: { ":.()".contains($0) }) { phrase = phrase[..<stop] }
        return phrase.trimmed.trimmingTrailing(",;")
    }

    /// Splits a list of agencies on commas and semicolons, and on " và " before an agency; a part that starts in
    /// lower case continues the previous agency ("UBND các xã, phường").
    static func agencies(_ text: String) -> [String] {
        var parts: [String] = []
        for piece in text.split(whereSeparator: { ",;".contains($0) }) {
            var part = piece.trimmed.trimmingTrailing(".")
            if part.lowercased().hasPrefix("với ") { part = String(part.dropFirst(4)) }
            guard !part.isEmpty else { continue }
            if let first = part.first, first.isLowercase, !part.hasPrefix("các "), let last = parts.popLast() {
                parts.append(last + ", " + part)
            } else {
                parts.append(part)
            }
        }
        return parts.flatMap { part -> [String] in
            var result: [String] = []
            var rest = Substring(part)
            var search = rest.startIndex
            while let range = rest.range(of: " và ", range: search..<rest.endIndex) {
                let next = String(rest[range.upperBound...])
                if startsWithAgency(next) || next.hasPrefix("các ") {
                    result.append(rest[..<range.lowerBound].trimmed)
                    rest = rest[range.upperBound...]
                    search = rest.startIndex
                } else {
                    search = range.upperBound
                }
            }
            result.append(rest.trimmed)
            return result.filter { !$0.isEmpty }
        }
    }

    nonisolated(unsafe) private static let leadLabel = try! Regex(#"(?:cơ quan|đơn vị) (?:chủ trì|thực hiện|thực hiện chính)\s*:\s*"#)
    nonisolated(unsafe) private static let partnerLabel = try! Regex(#"(?:cơ quan|đơn vị) phối hợp\s*:\s*"#)

    /// The lead and coordinating agencies named in a line of text, and the rule that found them.
    static func agencies(inText body: String) -> (lead: String, coordinating: [String], rule: String)? {
        let lower = body.lowercased()
        var coordinating: [String] = []
        if let label = lower.firstMatch(of: partnerLabel) {
            coordinating = agencies(labelled(body, lower, from: label.range.upperBound))
        } else if let range = body.range(of: "phối hợp với ") {
            coordinating = agencies(agencyPhrase(String(body[range.upperBound...])))
        }
        // "Cơ quan chủ trì: Sở Tài chính"
        if let label = lower.firstMatch(of: leadLabel) {
            let names = agencies(labelled(body, lower, from: label.range.upperBound))
            if let lead = names.first { return (lead, Array(names.dropFirst()) + coordinating, "lead-label") }
        }
        // "… giao Phòng Kinh tế chủ trì …", "Sở Tài chính chủ trì, phối hợp với …"
        for marker in ["giao ", "Giao "] {
            if let range = body.range(of: marker), startsWithAgency(String(body[range.upperBound...])) {
                let names = agencies(agencyPhrase(String(body[range.upperBound...])))
                if let lead = names.first { return (lead, Array(names.dropFirst()) + coordinating, "lead-assigned") }
            }
        }
        if let range = body.range(of: " chủ trì") {
            var subject = body[..<range.lowerBound]
            if let cut = subject.lastIndex(where: { ",;:".contains($0) }) { subject = subject[subject.index(after: cut)...] }
            let names = agencies(subject.trimmed)
            if let lead = names.first, startsWithAgency(lead) { return (lead, Array(names.dropFirst()) + coordinating, "lead-chu-tri") }
        }
        // "Hằng tháng, Chi nhánh Ngân hàng … tổng hợp …": the subject follows a time phrase.
        var subject = Substring(body)
        if let comma = body.firstIndex(of: ","), frequencies.contains(where: { $0.1.contains(body[..<comma].lowercased()) }) {
            subject = body[body.index(after: comma)...].drop(while: { $0 == " " })
        }
        if startsWithAgency(String(subject)) {
            let names = agencies(agencyPhrase(String(subject)))
            if let lead = names.first { return (lead, Array(names.dropFirst()) + coordinating, "lead-subject") }
        }
        return nil
    }

    /// The value after a "Label:" up to the next semicolon-free label or the end of the sentence.
    private static func labelled(_ body: String, _ lower: String, from index: String.Index) -> String {
        let offset = lower.distance(from: lower.startIndex, to: index)
        let rest = String(body.dropFirst(offset))
        let lowerRest = rest.lowercased()
        var end = rest.endIndex
        for stop in ["cơ quan", "đơn vị", "thời gian", "thời hạn", "tiến độ", "."] {
            if let range = lowerRest.range(of: stop) {
                let position = rest.index(rest.startIndex, offsetBy: lowerRest.distance(from: lowerRest.startIndex, to: range.lowerBound))
                end = min(end, position)
            }
        }
        return String(rest[..<end]).trimmed.trimmingTrailing(",;")
    }
}

extension String {
    func trimmingTrailing(_ characters: String) -> String {
        var result = self
        while let last = result.last, characters.contains(last) || last == " " { result.removeLast() }
        return result
    }
}
