import Foundation
import Testing
@testable import HopTacCore

/// Targets of one bullet under a "Mục tiêu" heading.
private func targets(_ sentence: String, heading: String = "II. MỤC TIÊU ĐẾN NĂM 2030") -> [PlanTarget] {
    PlanExtractor.extract(PlanDocument(text: heading + "\n- " + sentence, format: .text)).targets
}

private func tasks(_ text: String) -> [PlanTask] {
    PlanExtractor.extract(PlanDocument(text: "III. NHIỆM VỤ VÀ GIẢI PHÁP\n" + text, format: .text)).tasks
}

private let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Samples")

@Suite("Targets")
struct TargetTests {
    @Test("comparators as programmes phrase them")
    func comparators() throws {
        let cases: [(String, TargetComparator, Double, Double?, TargetUnit)] = [
            ("Toàn huyện có khoảng 74 HTX", .about, 74, nil, .count),
            ("Bảo đảm trên 60% tổ chức kinh tế tập thể đạt loại tốt, khá", .above, 60, nil, .percent),
            ("Mỗi huyện xây dựng ít nhất 01 mô hình HTX kiểu mới", .atLeast, 1, nil, .count),
            ("Thu hút tối thiểu 20% dân số tham gia", .atLeast, 20, nil, .percent),
            ("Tỷ lệ HTX thua lỗ không quá 5%", .atMost, 5, nil, .percent),
            ("Số HTX yếu kém dưới 10% tổng số HTX", .below, 10, nil, .percent),
            ("Có từ 20-30% HTX liên kết với doanh nghiệp", .range, 20, 30, .percent),
            ("Có 20 – 30% HTX liên kết với doanh nghiệp", .range, 20, 30, .percent),
            ("Đào tạo 100% cán bộ quản lý HTX", .atLeast, 100, nil, .percent),
            ("Phát triển 1-3 THT mới mỗi năm", .perYear, 1, 3, .count),
            ("Thành lập mới mỗi năm 1 đến 3 tổ hợp tác", .perYear, 1, 3, .count),
            ("Toàn tỉnh có 1.234 HTX hoạt động", .atLeast, 1234, nil, .count),
            ("Doanh thu bình quân của HTX đạt 2,5 tỷ đồng/năm", .atLeast, 2500, nil, .millionVND),
            ("Thu nhập của lao động đạt trên 90 triệu đồng/người/năm", .above, 90, nil, .millionVND),
            ("Có 50% trở lên số HTX tham gia chuỗi giá trị", .atLeast, 50, nil, .percent),
        ]
        for (sentence, comparator, value, valueMax, unit) in cases {
            let found = targets(sentence)
            #expect(found.count == 1, "\(sentence)")
            let target = try #require(found.first)
            #expect(target.comparator == comparator, "\(sentence)")
            #expect(target.value == value, "\(sentence)")
            #expect(target.valueMax == valueMax, "\(sentence)")
            #expect(target.unit == unit, "\(sentence)")
            #expect(target.year == 2030, "\(sentence)")
            #expect(target.line == 2)
        }
    }

    @Test("a multiple of a baseline year keeps the baseline")
    func multiple() throws {
        let target = try #require(targets("Thu nhập bình quân đến năm 2025 tăng 1,5-2 lần so với năm 2020").first)
        #expect(target.comparator == .range && target.value == 1.5 && target.valueMax == 2)
        #expect(target.unit == .multipleOfBaseline && target.baselineYear == 2020 && target.year == 2025)
        #expect(target.subject == "Thu nhập bình quân đến năm 2025")
        #expect(targets("Tổ chức tập huấn 2 lần cho cán bộ").isEmpty, "a count of events without a baseline is no multiple")
    }

    @Test("one sentence, several targets with their own subjects")
    func list() {
        let found = targets("Thành lập mới khoảng 300 THT, 150 HTX, 5 LHHTX.")
        #expect(found.map(\.value) == [300, 150, 5])
        #expect(found.map(\.subject) == ["THT", "HTX", "LHHTX"])
        #expect(found.allSatisfy { $0.comparator == .about })
        // A semicolon ends the comparator's reach.
        #expect(targets("Có khoảng 74 HTX; 1 liên hiệp hợp tác xã").map(\.comparator) == [.about, .atLeast])
    }

    @Test("the horizon year comes from the sentence, then the heading, then the title")
    func years() {
        #expect(targets("Phấn đấu đến năm 2025 có 10 HTX").first?.year == 2025)
        #expect(targets("Trong giai đoạn 2021-2025 thành lập 30 HTX").first?.year == 2025)
        #expect(targets("Thành lập mới 30 HTX theo Luật HTX năm 2012", heading: "II. MỤC TIÊU\n2.1. Đến năm 2030").first?.year == 2030)
        let document = PlanDocument(text: "KẾ HOẠCH\nPhát triển kinh tế tập thể giai đoạn 2021 - 2025\nII. MỤC TIÊU\n- Có 40 HTX", format: .text)
        #expect(PlanExtractor.extract(document).targets.first?.year == 2025)
    }

    @Test("the current situation is no target")
    func baseline() {
        #expect(targets("Hiện có 112 HTX và 213 THT").isEmpty)
        #expect(targets("Năm 2020 toàn huyện có 112 HTX").isEmpty)
        #expect(targets("Năm 2020, có 112 HTX; phấn đấu đến năm 2025 có 150 HTX").map(\.value) == [150])
        #expect(targets("Giai đoạn 2016-2020 đã thành lập 40 HTX").isEmpty)
        let document = PlanDocument(text: "I. THỰC TRẠNG\nToàn tỉnh có 1.234 HTX, đạt 45% hoạt động hiệu quả.\nII. MỤC TIÊU\n- Có 1.500 HTX", format: .text)
        #expect(PlanExtractor.extract(document).targets.map(\.value) == [1500])
        // Outside a target section only an announced aim counts.
        #expect(PlanExtractor.extract(PlanDocument(text: "Doanh thu ước đạt 2.650 triệu đồng/HTX", format: .text)).targets.isEmpty)
        #expect(targets("Cung cấp dịch vụ công trực tuyến mức độ 4").isEmpty)
    }
}

@Suite("Tasks")
struct TaskTests {
    @Test("deadlines become the last day of their period")
    func deadlines() {
        let cases: [(String, String?, TaskFrequency?)] = [
            ("quý IV/2022", "2022-12-31", .once), ("Quý IV-2022", "2022-12-31", .once), ("Quý 3 năm 2023", "2023-09-30", .once),
            ("tháng 6/2023", "2023-06-30", .once), ("Tháng 2/2024", "2024-02-29", .once),
            ("Trước ngày 15/12/2026", "2026-12-15", .once), ("Năm 2023", "2023-12-31", .once), ("2022-2025", "2025-12-31", .once),
            ("Thường xuyên", nil, .ongoing), ("Hằng năm", nil, .annual), ("Hàng năm", nil, .annual),
            ("Định kỳ hằng quý", nil, .quarterly), ("Hằng tháng", nil, .monthly), ("hằng tuần", nil, .weekly),
        ]
        for (cell, deadline, frequency) in cases {
            let time = TaskRules.time(in: cell, cell: true)
            #expect(time?.deadline?.iso == deadline, "\(cell)")
            #expect(time?.frequency == frequency, "\(cell)")
        }
        // In running text a bare year needs a word that announces a deadline.
        #expect(TaskRules.time(in: "theo Luật HTX năm 2012", cell: false) == nil)
        #expect(TaskRules.time(in: "hoàn thành trong năm 2025", cell: false)?.deadline?.iso == "2025-12-31")
    }

    @Test("lead and coordinating agencies in a sentence")
    func agencies() throws {
        let task = try #require(tasks("1. Sở Tài chính chủ trì, phối hợp với Sở Nông nghiệp và Môi trường, UBND các xã tham mưu ban hành kế hoạch; thời gian hoàn thành: quý IV/2023.").first)
        #expect(task.lead == "Sở Tài chính")
        #expect(task.coordinating == ["Sở Nông nghiệp và Môi trường", "UBND các xã"])
        #expect(task.deadline?.iso == "2023-12-31" && task.frequency == .once && task.number == "1")
        #expect(tasks("- Giao Phòng Kinh tế chủ trì triển khai Kế hoạch.").first?.lead == "Phòng Kinh tế")
        let labelled = try #require(tasks("- Cơ quan chủ trì: Sở Công Thương; cơ quan phối hợp: Liên minh Hợp tác xã tỉnh. Thời gian: năm 2024.").first)
        #expect(labelled.lead == "Sở Công Thương" && labelled.coordinating == ["Liên minh Hợp tác xã tỉnh"])
        #expect(labelled.deadline?.iso == "2024-12-31")
        #expect(tasks("- Ủy ban Kiểm tra Huyện ủy kiểm tra, giám sát việc thực hiện, hằng năm.").first?.lead == "Ủy ban Kiểm tra Huyện ủy")
        #expect(tasks("- Ban hành quy chế phối hợp.").isEmpty, "“Ban hành” is a verb, not an agency")
        #expect(TaskRules.agencies("Sở Khoa học và Công nghệ và các cơ quan liên quan") == ["Sở Khoa học và Công nghệ", "các cơ quan liên quan"])
        #expect(TaskRules.agencies("Liên minh Hợp tác xã tỉnh; UBND các xã, phường") == ["Liên minh Hợp tác xã tỉnh", "UBND các xã, phường"])
    }

    @Test("a task table, with a row split across pages")
    func table() throws {
        let tsv = "STT\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian hoàn thành\nI.\t<b>Tuyên truyền</b>\t\t\t\n"
            + "1.\t<p>Hỗ trợ 20 hợp tác xã\n\tứng dụng công nghệ cao</p>\t\t\t\n\t \tSở Nông nghiệp và Môi trường\tSở Công Thương\tNăm 2026\n"
        let extraction = PlanExtractor.extract(PlanDocument(text: tsv, format: .tsv))
        let task = try #require(extraction.tasks.first)
        #expect(extraction.tasks.count == 1)
        #expect(task.line == 3 && task.number == "1" && task.section == "Tuyên truyền")
        #expect(task.quote == "Hỗ trợ 20 hợp tác xã ứng dụng công nghệ cao")
        #expect(task.lead == "Sở Nông nghiệp và Môi trường" && task.deadline?.iso == "2026-12-31")
        #expect(extraction.targets.map(\.value) == [20] && extraction.targets.first?.year == 2026)
    }
}

@Suite("Documents")
struct DocumentTests {
    @Test("HTML paragraphs, line breaks, entities and tables keep their source lines")
    func html() {
        let html = "<html><head><style>p{}</style></head><body>\n<p><b>II. MỤC TIÊU</b></p>\n<p>a &amp; b&nbsp;c<br>\n&#272;ến năm&#x20;2030</p>\n"
            + "<table><tr><th>STT</th><th>Nội dung</th></tr>\n<tr><td>1</td><td>X</td></tr>\n</table><p>Trang 2</p>"
            + "<table><tr><th>STT</th><th>Nội dung</th></tr><tr><td></td><td>Y</td></tr></table></body></html>"
        let lines = PlanDocument(text: html, format: .html).lines
        #expect(lines.map(\.text) == ["II. MỤC TIÊU", "a & b c", "Đến năm 2030", "STT | Nội dung", "1 | X Y"])
        #expect(lines.map(\.number) == [2, 3, 4, 5, 6])
        #expect(lines[0].isHeading && !lines[1].isHeading)
    }

    @Test("Markdown markup is stripped and tables become cells")
    func markdown() {
        let lines = PlanDocument(text: "## **2. Mục tiêu**\n\n-----\n| STT | Nội dung |\n|---|---|\n| 1 | *Hỗ trợ* HTX |\n- Có **khoảng** 74 HTX", format: .markdown).lines
        #expect(lines.map(\.text) == ["2. Mục tiêu", "STT | Nội dung", "1 | Hỗ trợ HTX", "- Có khoảng 74 HTX"])
        #expect(lines.map(\.number) == [1, 4, 6, 7])
        #expect(lines[2].cells == ["1", "Hỗ trợ HTX"])
    }

    @Test("a paragraph broken by a PDF copy is joined, a list item is not")
    func brokenParagraphs() {
        let lines = PlanDocument(text: "Các tổ chức hoạt động vì mục đích nhân\n\nvăn, không chỉ vì lợi ích.\n2. Chỉ tiêu\na) Có 10 HTX", format: .text).lines
        #expect(lines.map(\.text) == ["Các tổ chức hoạt động vì mục đích nhân văn, không chỉ vì lợi ích.", "2. Chỉ tiêu", "a) Có 10 HTX"])
    }

    @Test("a Word document: paragraphs, headings and table rows")
    func docx() throws {
        let url = samples.appendingPathComponent("district-plan-2025.docx")
        let document = try PlanDocument(data: try Data(contentsOf: url), fileName: url.lastPathComponent)
        #expect(document.lines.first?.text == "ỦY BAN NHÂN DÂN HUYỆN AN LÃO")
        #expect(document.lines.first(where: { $0.number == 3 })?.isHeading == true)
        #expect(document.lines.first(where: { $0.number == 15 })?.cells == ["1", "Hỗ trợ thành lập mới 5 HTX nông nghiệp", "UBND các xã", "Liên minh HTX tỉnh", "2026-2027"])
    }

    @Test("unreadable files are refused in Vietnamese")
    func errors() {
        #expect(throws: PlanDocumentError.self) { try PlanDocument(data: Data([0, 1, 2, 0xFF]), fileName: "a.bin") }
        do {
            _ = try PlanDocument(data: Data("x".utf8), fileName: "ke-hoach.doc")
            Issue.record("a .doc file must be refused")
        } catch {
            #expect(error.localizedDescription.contains("Hãy lưu văn bản dưới dạng .docx"))
        }
        #expect(throws: PlanDocumentError.self) { try PlanDocument(data: Data("PK\u{3}\u{4}broken".utf8), fileName: "x.docx") }
    }
}

@Suite("Output and evaluation")
struct OutputTests {
    @Test("JSON has the agreed keys, with null where nothing was found")
    func json() throws {
        let extraction = PlanExtractor.extract(PlanDocument(text: "II. MỤC TIÊU ĐẾN NĂM 2030\n- Có trên 60% HTX đạt loại tốt\nIII. NHIỆM VỤ\n- Sở Tài chính theo dõi thường xuyên.", format: .text))
        let object = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(extraction)) as? [String: [[String: Any]]]
        let target = try #require(object?["targets"]?.first)
        #expect(target["comparator"] as? String == ">" && target["value"] as? Double == 60 && target["unit"] as? String == "percent")
        #expect(target["value_max"] is NSNull && target["year"] as? Int == 2030)
        let task = try #require(object?["tasks"]?.first)
        #expect(task["lead"] as? String == "Sở Tài chính" && task["deadline"] is NSNull && task["frequency"] as? String == "ongoing")
        #expect(task["coordinating"] as? [String] == [])
        #expect(try JSONDecoder().decode(PlanExtraction.self, from: JSONEncoder().encode(extraction)) == extraction)
    }

    @Test("precision and recall on the labelled samples")
    func evaluation() throws {
        let scores = try PlanEvaluation.evaluate(directory: samples)
        print(PlanEvaluation.report(scores))
        #expect(scores.count == 7)
        let total = scores.map(\.all).reduce(PlanScore(), +)
        #expect(total.precision >= 0.9 && total.recall >= 0.9)
        for score in scores { #expect(score.all.precision >= 0.8 && score.all.recall >= 0.8, "\(score.name)") }
    }
}

@Suite("The period a plan covers")
struct PlanPeriodTests {
    func period(_ text: String, _ format: PlanDocument.Format = .text) -> PlanPeriod? {
        PlanExtractor.extract(PlanDocument(text: text, format: format)).period
    }

    @Test("the opening's “giai đoạn 2021 - 2025” is the period, in text and Markdown alike; dates and bare years are not")
    func opening() {
        let opening = "ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH\nSố: 125/KH-UBND\nKẾ HOẠCH\nPhát triển kinh tế tập thể giai đoạn 2021 - 2025\nCăn cứ Nghị quyết số 20-NQ/TW ngày 16/6/2022;\n"
        #expect(period(opening) == PlanPeriod(from: 2021, to: 2025, line: 4))
        #expect(period(opening.replacingOccurrences(of: "KẾ HOẠCH\n", with: "# KẾ HOẠCH\n"), .markdown)?.from == 2021)
        #expect(period("CHƯƠNG TRÌNH HÀNH ĐỘNG\nnhiệm kỳ 2020–2025 của Đảng bộ tỉnh")?.to == 2025)
        #expect(period("Kế hoạch năm 2026\nCăn cứ Quyết định ngày 16/6/2022\nĐến năm 2030 có 100 HTX") == nil)
        #expect(period("Tầm nhìn 1990 - 2045") == nil, "no plan covers 55 years")
        // A range the opening names with “giai đoạn” wins over a bare one before it.
        #expect(period("Báo cáo 2016-2020\nKế hoạch giai đoạn 2026 - 2030")?.from == 2026)
    }
}

@Suite("Extractor failure modes found on unseen plans")
struct ExtractorFailureModeTests {
    @Test("a row with several rhythms takes the one it states first")
    func firstRhythm() {
        #expect(TaskRules.time(in: "Hàng năm xây dựng kế hoạch; cập nhật thông tin hàng tuần", cell: true)?.frequency == .annual)
        #expect(TaskRules.time(in: "Giao ban hằng tuần, sơ kết hằng năm", cell: true)?.frequency == .weekly)
        #expect(TaskRules.time(in: "Thường xuyên; báo cáo hằng quý", cell: false)?.frequency == .ongoing)
    }

    @Test("a .txt whose headings are written in Markdown keeps its target years, as the same file named .md does")
    func markdownInText() throws {
        let plan = "# KẾ HOẠCH\n\n## II. MỤC TIÊU ĐẾN NĂM 2030\n\n- Có trên 60% HTX đạt loại tốt, khá\n\n## III. NHIỆM VỤ\n\n- Sở Tài chính chủ trì hướng dẫn thường xuyên.\n"
        let asText = PlanExtractor.extract(try PlanDocument(data: Data(plan.utf8), fileName: "ke-hoach.txt"))
        let asMarkdown = PlanExtractor.extract(try PlanDocument(data: Data(plan.utf8), fileName: "ke-hoach.md"))
        #expect(asText.targets.first?.year == 2030 && asText.targets == asMarkdown.targets)
        #expect(!PlanDocument.looksLikeMarkdown(Data("KẾ HOẠCH\n1. Mục tiêu\n# 5 không phải tiêu đề".utf8)))
    }
}
