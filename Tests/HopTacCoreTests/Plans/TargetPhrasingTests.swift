import Foundation
import Testing
@testable import HopTacCore

/// Targets of one bullet under a "Mục tiêu" heading for 2030.
private func extracted(_ sentence: String) -> [PlanTarget] {
    PlanExtractor.extract(PlanDocument(text: "II. MỤC TIÊU ĐẾN NĂM 2030\n- " + sentence, format: .text)).targets
}

private func goal(_ comparator: TargetComparator, _ value: Double, max: Double? = nil, unit: TargetUnit = .percent,
                  horizon: Int = 2030, baselineYear: Int? = nil, baselineValue: Double? = nil) -> ProgrammeTarget {
    ProgrammeTarget(indicatorCode: "x", comparator: comparator, value: value, valueMax: max, unit: unit, horizonYear: horizon,
                    baselineYear: baselineYear, baselineValue: baselineValue)
}

/// One phrasing and what the extractor must read from it.
struct Phrasing: Sendable, CustomTestStringConvertible {
    let sentence: String
    let comparator: TargetComparator
    let value: Double
    var valueMax: Double? = nil
    var unit: TargetUnit = .count
    var baselineYear: Int? = nil
    /// The target as pages show it.
    let shown: String
    var testDescription: String { sentence }
}

@Suite("Targets as officials phrase them")
struct TargetPhrasingTests {
    /// Every target phrasing of the programmes in the domain notes (district programme 2022, district resolution
    /// 2021–2025, task appendix) and of the brief's examples, plus the words officials use for the same comparators.
    @Test("each phrasing gives its comparator, values and Vietnamese label", arguments: [
        // About: "khoảng", "khoảng chừng", "xấp xỉ".
        Phrasing(sentence: "Toàn huyện có khoảng 74 hợp tác xã", comparator: .about, value: 74, shown: "khoảng 74"),
        Phrasing(sentence: "Có khoảng 15% hợp tác xã ứng dụng công nghệ cao vào sản xuất", comparator: .about, value: 15, unit: .percent,
                 shown: "khoảng 15%"),
        Phrasing(sentence: "Phát triển khoảng 140.000 tổ hợp tác với 2 triệu thành viên", comparator: .about, value: 140_000, shown: "khoảng 140.000"),
        Phrasing(sentence: "Có khoảng 50% HTX nông nghiệp liên kết với doanh nghiệp theo chuỗi giá trị", comparator: .about, value: 50,
                 unit: .percent, shown: "khoảng 50%"),
        Phrasing(sentence: "Thu hút khoảng chừng 30% hộ nông dân tham gia HTX", comparator: .about, value: 30, unit: .percent, shown: "khoảng 30%"),
        Phrasing(sentence: "Tỷ lệ HTX có lãi xấp xỉ 80%", comparator: .about, value: 80, unit: .percent, shown: "khoảng 80%"),
        // Ranges: "X–Y", "X - Y", "từ X đến Y", "X-Y%".
        Phrasing(sentence: "Phấn đấu có khoảng 20 - 30% HTX liên kết với doanh nghiệp theo chuỗi giá trị", comparator: .range, value: 20,
                 valueMax: 30, unit: .percent, shown: "20–30%"),
        Phrasing(sentence: "20–30% HTX liên kết với doanh nghiệp", comparator: .range, value: 20, valueMax: 30, unit: .percent, shown: "20–30%"),
        Phrasing(sentence: "Thành lập mới từ 2 đến 3 HTX trong lĩnh vực dịch vụ", comparator: .range, value: 2, valueMax: 3, shown: "2–3"),
        Phrasing(sentence: "Từ 20-30% HTX ứng dụng công nghệ cao", comparator: .range, value: 20, valueMax: 30, unit: .percent, shown: "20–30%"),
        // Plain numbers and floor words: a count, a share or an amount to reach, more being better.
        Phrasing(sentence: "1 liên hiệp hợp tác xã", comparator: .atLeast, value: 1, shown: "ít nhất 1"),
        Phrasing(sentence: "Cả nước có 45.000 hợp tác xã với 8 triệu thành viên", comparator: .atLeast, value: 45_000, shown: "ít nhất 45.000"),
        Phrasing(sentence: "Phát triển 340 liên hiệp hợp tác xã", comparator: .atLeast, value: 340, shown: "ít nhất 340"),
        Phrasing(sentence: "Phấn đấu 100% sản phẩm nông nghiệp chủ lực của HTX được truy xuất nguồn gốc", comparator: .atLeast, value: 100,
                 unit: .percent, shown: "ít nhất 100%"),
        Phrasing(sentence: "Đào tạo, bồi dưỡng cho 100% cán bộ quản lý hợp tác xã mới thành lập", comparator: .atLeast, value: 100,
                 unit: .percent, shown: "ít nhất 100%"),
        Phrasing(sentence: "Hỗ trợ 20 hợp tác xã nông nghiệp ứng dụng công nghệ cao", comparator: .atLeast, value: 20, shown: "ít nhất 20"),
        Phrasing(sentence: "Doanh thu bình quân của HTX đạt 2,5 tỷ đồng/năm", comparator: .atLeast, value: 2500, unit: .millionVND,
                 shown: "ít nhất 2.500 triệu đồng"),
        Phrasing(sentence: "Mỗi huyện xây dựng ít nhất 01 mô hình HTX kiểu mới điển hình", comparator: .atLeast, value: 1, shown: "ít nhất 1"),
        Phrasing(sentence: "Trong đó, có ít nhất 50% tham gia liên kết theo chuỗi giá trị", comparator: .atLeast, value: 50, unit: .percent,
                 shown: "ít nhất 50%"),
        Phrasing(sentence: "Thu hút tối thiểu 20% dân số tham gia các tổ chức kinh tế tập thể", comparator: .atLeast, value: 20, unit: .percent,
                 shown: "ít nhất 20%"),
        Phrasing(sentence: "Bảo đảm trên 60% tổ chức kinh tế tập thể đạt loại tốt, khá", comparator: .above, value: 60, unit: .percent,
                 shown: "trên 60%"),
        Phrasing(sentence: "Phấn đấu có trên 75% HTX hoạt động hiệu quả (tốt, khá)", comparator: .above, value: 75, unit: .percent, shown: "trên 75%"),
        Phrasing(sentence: "Phấn đấu thành lập mới trên 30 HTX", comparator: .above, value: 30, shown: "trên 30"),
        Phrasing(sentence: "Thực hiện đẩy mạnh ứng dụng công nghệ cao, trên 15 HTX ứng dụng công nghệ cao trong sản xuất", comparator: .above,
                 value: 15, shown: "trên 15"),
        Phrasing(sentence: "Có hơn 5.000 HTX nông nghiệp ứng dụng công nghệ cao", comparator: .above, value: 5000, shown: "trên 5.000"),
        // Keeping a level: at least, never at most.
        Phrasing(sentence: "Củng cố, kiện toàn duy trì 213 Tổ hợp tác phát triển hiệu quả", comparator: .maintain, value: 213, shown: "duy trì 213"),
        Phrasing(sentence: "Giữ vững 100% xã có hợp tác xã nông nghiệp", comparator: .maintain, value: 100, unit: .percent, shown: "duy trì 100%"),
        Phrasing(sentence: "Giữ ổn định 112 HTX đang hoạt động", comparator: .maintain, value: 112, shown: "duy trì 112"),
        // Caps.
        Phrasing(sentence: "Tỷ lệ HTX thua lỗ không quá 5%", comparator: .atMost, value: 5, unit: .percent, shown: "không quá 5%"),
        Phrasing(sentence: "Nợ đọng của HTX không vượt quá 10% tổng tài sản", comparator: .atMost, value: 10, unit: .percent, shown: "không quá 10%"),
        Phrasing(sentence: "Số HTX yếu kém tối đa 2 HTX mỗi xã", comparator: .atMost, value: 2, shown: "không quá 2"),
        Phrasing(sentence: "Số HTX yếu kém dưới 10% tổng số HTX", comparator: .below, value: 10, unit: .percent, shown: "dưới 10%"),
        Phrasing(sentence: "Tỷ lệ HTX ngừng hoạt động giảm xuống dưới 5%", comparator: .below, value: 5, unit: .percent, shown: "dưới 5%"),
        Phrasing(sentence: "Tỷ lệ HTX yếu kém giảm xuống còn 3%", comparator: .atMost, value: 3, unit: .percent, shown: "không quá 3%"),
        // Rates owed each year.
        Phrasing(sentence: "Thành lập mới mỗi năm 1 đến 3 tổ hợp tác", comparator: .perYear, value: 1, valueMax: 3, shown: "mỗi năm 1–3"),
        Phrasing(sentence: "Mỗi năm 1–3 THT", comparator: .perYear, value: 1, valueMax: 3, shown: "mỗi năm 1–3"),
        Phrasing(sentence: "Mỗi xã phát triển 1-3 THT mới mỗi năm", comparator: .perYear, value: 1, valueMax: 3, shown: "mỗi năm 1–3"),
        Phrasing(sentence: "Hằng năm thành lập mới 5 HTX", comparator: .perYear, value: 5, shown: "mỗi năm ít nhất 5"),
        Phrasing(sentence: "Hàng năm, vận động thành lập 4 HTX", comparator: .perYear, value: 4, shown: "mỗi năm ít nhất 4"),
        Phrasing(sentence: "Thành lập mới bình quân 10 THT/năm", comparator: .perYear, value: 10, shown: "mỗi năm ít nhất 10"),
        Phrasing(sentence: "Hỗ trợ thanh niên khởi nghiệp theo mô hình HTX, mỗi năm ít nhất 01 mô hình", comparator: .perYear, value: 1,
                 shown: "mỗi năm ít nhất 1"),
        // Multiples of a baseline year.
        Phrasing(sentence: "Thu nhập bình quân của thành viên đến năm 2030 tăng từ 1,5 đến 2 lần so với năm 2020", comparator: .range,
                 value: 1.5, valueMax: 2, unit: .multipleOfBaseline, baselineYear: 2020, shown: "1,5–2 lần so với năm 2020"),
        Phrasing(sentence: "Thu nhập của thành viên HTX gấp 1,5–2 lần so với năm 2020", comparator: .range, value: 1.5, valueMax: 2,
                 unit: .multipleOfBaseline, baselineYear: 2020, shown: "1,5–2 lần so với năm 2020"),
        Phrasing(sentence: "Số thành viên HTX tăng gấp 2 lần so với năm 2022", comparator: .atLeast, value: 2, unit: .multipleOfBaseline,
                 baselineYear: 2022, shown: "ít nhất 2 lần so với năm 2022"),
        Phrasing(sentence: "Doanh thu bình quân của HTX tăng 1,5 lần", comparator: .atLeast, value: 1.5, unit: .multipleOfBaseline,
                 shown: "ít nhất 1,5 lần"),
    ])
    func phrasing(_ p: Phrasing) throws {
        let found = extracted(p.sentence)
        #expect(found.count == 1)
        let target = try #require(found.first)
        #expect(target.comparator == p.comparator)
        #expect(target.value == p.value)
        #expect(target.valueMax == p.valueMax)
        #expect(target.unit == p.unit)
        #expect(target.baselineYear == p.baselineYear)
        #expect(target.year == 2030)
        let programmeTarget = try #require(ProgrammeTarget(target, indicatorCode: "x"))
        #expect(programmeTarget.requirement == p.shown)
    }

    @Test("a bullet of several targets: about, then a plain count after a semicolon, then a rate")
    func districtBullet() {
        let found = extracted("Toàn huyện có khoảng 74 hợp tác xã; 1 liên hiệp hợp tác xã; thành lập mới mỗi năm 1 đến 3 tổ hợp tác; "
            + "xử lý cơ bản số hợp tác xã không hoạt động")
        #expect(found.map(\.comparator) == [.about, .atLeast, .perYear])
        #expect(found.map(\.value) == [74, 1, 1])
        #expect(found.map(\.valueMax) == [nil, nil, 3])
    }

    @Test("a share and its part in one bullet")
    func shareAndPart() {
        let found = extracted("Bảo đảm trên 90% tổ chức kinh tế tập thể hoạt động hiệu quả, trong đó có ít nhất 75% tham gia các chuỗi liên kết.")
        #expect(found.map(\.comparator) == [.above, .atLeast])
        #expect(found.map(\.value) == [90, 75])
    }

    @Test("a list keeps its first comparator, a rate included")
    func lists() {
        #expect(extracted("Thành lập mới 300 THT, 150 HTX, 5 LHHTX.").map(\.comparator) == [.atLeast, .atLeast, .atLeast])
        #expect(extracted("Mỗi năm thành lập mới 2 HTX và 5 THT").map(\.comparator) == [.perYear, .perYear])
        #expect(extracted("Duy trì 213 THT, 112 HTX").map(\.comparator) == [.maintain, .maintain])
    }

    @Test("the words of keeping or of each year govern only their own number")
    func scope() {
        let stockAndRate = extracted("Đến năm 2030 có 74 HTX, mỗi năm thành lập mới 5 HTX")
        #expect(stockAndRate.map(\.comparator) == [.atLeast, .perYear])
        #expect(extracted("Duy trì hoạt động của các THT, thành lập mới 30 HTX").map(\.comparator) == [.atLeast])
        #expect(extracted("Duy trì 213 THT và thành lập mới 20 THT").map(\.comparator) == [.maintain, .atLeast])
        // An amount per year is a level, not a count owed each year.
        #expect(extracted("Thu nhập bình quân của lao động đạt trên 90 triệu đồng/người/năm").map(\.comparator) == [.above])
        #expect(extracted("Doanh thu bình quân mỗi HTX đạt khoảng 800 triệu đồng/năm").map(\.comparator) == [.about])
        // A cap stays a cap in a year.
        #expect(extracted("Mỗi năm giải thể không quá 2 HTX").map(\.comparator) == [.atMost])
    }

    @Test("the baseline paragraph before the aims sets no target")
    func baselineStatement() {
        let text = "Nhiệm vụ phát triển kinh tế tập thể trong giai đoạn 2015 - 2020 đã đạt được những kết quả cao, như toàn huyện: "
            + "Có 213 Tổ hợp tác (THT) đang hoạt động với 1.174 tổ viên, tổng số vốn góp là 573,55 triệu đồng; Có 107 nhóm sở thích "
            + "với 1.450 thành viên; Có 112 Hợp tác xã (HTX) đã đăng ký. Doanh thu bình quân HTX ước đạt 2.650 triệu đồng/HTX/năm.\n"
            + "2. Mục tiêu\n- Củng cố, kiện toàn duy trì 213 Tổ hợp tác phát triển hiệu quả."
        let found = PlanExtractor.extract(PlanDocument(text: text, format: .text)).targets
        #expect(found.map(\.comparator) == [.maintain])
        #expect(found.map(\.line) == [3])
    }

    @Test("a rate per year is measured by what is founded in the year")
    func rateIndicator() throws {
        let tht = try #require(extracted("Thành lập mới mỗi năm 1 đến 3 tổ hợp tác").first)
        #expect(tht.suggestedIndicator()?.code == "tht_founded")
        let htx = try #require(extracted("Hằng năm thành lập mới 5 HTX").first)
        #expect(htx.suggestedIndicator()?.code == "htx_founded")
        let stock = try #require(extracted("Toàn huyện có khoảng 74 hợp tác xã").first)
        #expect(stock.suggestedIndicator()?.code == "htx")
    }
}

@Suite("Targets judged as officials read them")
struct TargetJudgementTests {
    @Test("the tolerance of “khoảng” is data, ±10%, and a broken file is refused")
    func tolerance() throws {
        #expect(TargetTolerance.about == 0.1)
        #expect(try TargetTolerance.about(json: Data(#"{"about": 0.05}"#.utf8)) == 0.05)
        #expect(throws: PlanTrackingError.self) { try TargetTolerance.about(json: Data(#"{"about": 1}"#.utf8)) }
        #expect(throws: PlanTrackingError.self) { try TargetTolerance.about(json: Data(#"{"about": -0.1}"#.utf8)) }
        #expect(throws: PlanTrackingError.self) { try TargetTolerance.about(json: Data(#"{"tolerance": 0.1}"#.utf8)) }
    }

    @Test("khoảng 15% reached at 26,3% is achieved and exceeds")
    func aboutExceeded() {
        let a = TargetAssessment(target: goal(.about, 15), series: [2024: 20, 2025: 26.3], currentYear: 2025)
        #expect(a.status == .achieved)
        #expect(a.reason == "Hiện 26,3% (2025), vượt mức khoảng 15% — đã đạt mục tiêu năm 2030.")
    }

    @Test("khoảng X is met from X less the tolerance")
    func aboutWithin() {
        let within = TargetAssessment(target: goal(.about, 15), series: [2025: 13.5], currentYear: 2025)
        #expect(within.status == .achieved)
        #expect(within.reason == "Hiện 13,5% (2025), đạt mức khoảng 15% (trong dung sai ±10%) — đã đạt mục tiêu năm 2030.")
        let exact = TargetAssessment(target: goal(.about, 74, unit: .count), series: [2025: 80], currentYear: 2025)
        #expect(exact.reason == "Hiện 80 (2025), đạt mức khoảng 74 — đã đạt mục tiêu năm 2030.")
        let below = TargetAssessment(target: goal(.about, 15), series: [2025: 13.4], currentYear: 2025)
        #expect(below.status == .atRisk)
        #expect(below.reason == "Hiện 13,4% (2025), chưa đạt mức khoảng 15%; mới có số liệu một năm nên chưa dự báo được xu hướng"
            + " — có nguy cơ không đạt.")
        // 74 less 10% is 66,6: a trend reaching 72 by the horizon is on track, one reaching 66 is not.
        let rising = TargetAssessment(target: goal(.about, 74, unit: .count), series: [2024: 60, 2025: 62], currentYear: 2025)
        #expect(rising.status == .onTrack && rising.projection == 72)
        #expect(rising.reason == "Hiện 62 (2025); dự báo 2030: 72, đạt mức khoảng 74 (trong dung sai ±10%) — đạt theo xu hướng.")
        let slower = TargetAssessment(target: goal(.about, 74, unit: .count), series: [2024: 60, 2025: 61], currentYear: 2025)
        #expect(slower.status == .atRisk && slower.projection == 66)
    }

    @Test("20–30% reached at 47,8% is achieved and exceeds the upper end; the lower end is enough")
    func rangeExceeded() {
        let over = TargetAssessment(target: goal(.range, 20, max: 30), series: [2024: 40, 2025: 47.8], currentYear: 2025)
        #expect(over.status == .achieved && over.shortfall == 0)
        #expect(over.reason == "Hiện 47,8% (2025), vượt mức 20–30% — đã đạt mục tiêu năm 2030.")
        let low = TargetAssessment(target: goal(.range, 20, max: 30), series: [2025: 20], currentYear: 2025)
        #expect(low.status == .achieved)
        #expect(low.reason == "Hiện 20% (2025), đạt mức 20–30% — đã đạt mục tiêu năm 2030.")
        let short = TargetAssessment(target: goal(.range, 20, max: 30), series: [2024: 10, 2025: 11], currentYear: 2025)
        #expect(short.status == .offTrack && short.projection == 16 && short.shortfall == 4)
        #expect(short.reason == "Hiện 11% (2025); dự báo 2030: 16%, chưa đạt mức 20–30% (còn cách 4 điểm phần trăm) — chậm tiến độ.")
    }

    @Test("1 LHHTX is at least 1, even where there were more at the start")
    func plainCount() throws {
        let extractedTarget = try #require(extracted("1 liên hiệp hợp tác xã").first)
        let target = try #require(ProgrammeTarget(extractedTarget, indicatorCode: "lhhtx"))
        let a = TargetAssessment(target: target, series: [2023: 2, 2024: 2], currentYear: 2024)
        #expect(a.status == .achieved)
        #expect(a.reason == "Hiện 2 (2024), đạt mức ít nhất 1 — đã đạt mục tiêu năm 2030.")
    }

    @Test("a stored = is a floor: never “at most” when the programme starts above it")
    func equalIsFloor() {
        let a = TargetAssessment(target: goal(.equal, 1, unit: .count, baselineValue: 3), series: [2024: 3, 2025: 2], currentYear: 2025)
        #expect(a.status == .achieved)
        #expect(a.reason == "Hiện 2 (2025), đạt mức 1 — đã đạt mục tiêu năm 2030.")
        let short = TargetAssessment(target: goal(.equal, 100), series: [2024: 80, 2025: 85], currentYear: 2025)
        #expect(short.status == .onTrack && short.projection == 100)
    }

    @Test("duy trì 213 THT is at least 213, never a cap")
    func maintain() throws {
        let extractedTarget = try #require(extracted("Củng cố, kiện toàn duy trì 213 Tổ hợp tác phát triển hiệu quả").first)
        let target = try #require(ProgrammeTarget(extractedTarget, indicatorCode: "tht"))
        let grown = TargetAssessment(target: target, series: [2021: 213, 2022: 230], currentYear: 2022)
        #expect(grown.status == .achieved)
        #expect(grown.reason == "Hiện 230 (2022), đạt mức duy trì 213 — đã đạt mục tiêu năm 2030.")
        let fallen = TargetAssessment(target: target, series: [2021: 213, 2022: 205], currentYear: 2022)
        #expect(fallen.status == .offTrack)
        #expect(fallen.reason == "Hiện 205 (2022); dự báo 2030: 141, chưa đạt mức duy trì 213 (còn cách 72) — chậm tiến độ.")
        // With no level of its own, "duy trì" keeps the baseline value.
        let keep = TargetAssessment(target: goal(.maintain, 0, unit: .count, baselineValue: 112), series: [2025: 110], currentYear: 2025)
        #expect(keep.status == .atRisk && keep.shortfall == 2)
    }

    @Test("caps are met at or below the value")
    func caps() {
        #expect(TargetAssessment(target: goal(.atMost, 5), series: [2025: 4.5], currentYear: 2025).status == .achieved)
        let over = TargetAssessment(target: goal(.atMost, 5), series: [2025: 6], currentYear: 2025)
        #expect(over.status == .atRisk)
        #expect(over.reason == "Hiện 6% (2025), chưa đạt mức không quá 5%; mới có số liệu một năm nên chưa dự báo được xu hướng"
            + " — có nguy cơ không đạt.")
        #expect(TargetAssessment(target: goal(.below, 5), series: [2025: 5], currentYear: 2025).status == .atRisk, "dưới is strict")
    }

    @Test("mỗi năm 1–3 THT is judged year by year; a year below the rate is behind")
    func perYear() {
        let rate = goal(.perYear, 1, max: 3, unit: .count)
        let behind = TargetAssessment(target: rate, series: [2023: 2, 2024: 0, 2025: 4], currentYear: 2025)
        #expect(behind.status == .offTrack && behind.shortfall == 1 && behind.projection == nil)
        #expect(behind.reason == "Năm 2024 (0) dưới mức mỗi năm 1–3 — chậm tiến độ.")
        let steady = TargetAssessment(target: rate, series: [2023: 2, 2024: 1, 2025: 4], currentYear: 2025)
        #expect(steady.status == .onTrack && steady.shortfall == 0)
        #expect(steady.reason == "Năm 2023 (2), 2024 (1), 2025 (4) đều đạt mức mỗi năm 1–3, vượt ở năm 2025 — đúng tiến độ.")
        // A total that looks enough (6 in three years) does not hide the missed year.
        #expect(TargetAssessment(target: rate, series: [2023: 3, 2024: 0, 2025: 3], currentYear: 2025).status == .offTrack)
        // Years up to the baseline year are before the programme.
        let fromBaseline = TargetAssessment(target: goal(.perYear, 1, max: 3, unit: .count, baselineYear: 2022),
                                            series: [2021: 0, 2022: 0, 2023: 1], currentYear: 2023)
        #expect(fromBaseline.status == .onTrack)
        #expect(fromBaseline.reason == "Năm 2023 (1) đạt mức mỗi năm 1–3 — đúng tiến độ.")
        let done = TargetAssessment(target: goal(.perYear, 5, unit: .count, horizon: 2025), series: [2024: 5, 2025: 6], currentYear: 2027)
        #expect(done.status == .achieved)
        #expect(done.reason == "Đến hạn 2025: năm 2024 (5), 2025 (6) đều đạt mức mỗi năm ít nhất 5 — đã đạt.")
        let missed = TargetAssessment(target: goal(.perYear, 5, unit: .count, horizon: 2025), series: [2024: 5, 2025: 3], currentYear: 2026)
        #expect(missed.status == .offTrack)
        #expect(missed.reason == "Đến hạn 2025: năm 2025 (3) dưới mức mỗi năm ít nhất 5 — không đạt.")
        let none = TargetAssessment(target: rate, series: [:], currentYear: 2025)
        #expect(none.status == .noData)
        #expect(none.reason == "Chưa có số liệu đến năm 2025 để đánh giá mục tiêu mỗi năm 1–3 đến năm 2030.")
    }

    @Test("a rate per year from a programme, on the THT founded each year")
    func perYearFromFigures() throws {
        let extractedTarget = try #require(extracted("Thành lập mới mỗi năm 1 đến 3 tổ hợp tác").first)
        let indicator = try #require(extractedTarget.suggestedIndicator())
        let target = try #require(ProgrammeTarget(extractedTarget, indicatorCode: indicator.code))
        let figures: [Int: Figures] = [2023: Figures([.founded(.tht): 2, .registered(.tht): 215]),
                                       2024: Figures([.founded(.tht): 0, .registered(.tht): 214])]
        let a = target.assess(indicator, figures: figures, currentYear: 2024)
        #expect(a.status == .offTrack)
        #expect(a.reason == "Năm 2024 (0) dưới mức mỗi năm 1–3 — chậm tiến độ.")
    }

    @Test("gấp 1,5–2 lần so với năm 2020 with the 2020 value entered by the officer")
    func multipleWithBaselineValue() throws {
        let indicator = try #require(IndicatorDefinition.named("average_income_multiple"))
        let target = goal(.range, 1.5, max: 2, unit: .multipleOfBaseline, horizon: 2025, baselineYear: 2020, baselineValue: 75)
        // The figures start in 2023: without the officer's value the multiple could not be computed.
        let figures: [Int: Figures] = [2023: Figures([.averageIncome: 90_000_000]), 2024: Figures([.averageIncome: 120_000_000])]
        #expect(TargetAssessment(target: goal(.range, 1.5, max: 2, unit: .multipleOfBaseline, horizon: 2025, baselineYear: 2020),
                                 series: indicator.values(in: figures, baselineYear: 2020), currentYear: 2024).status == .noData)
        let a = target.assess(indicator, figures: figures, currentYear: 2024)
        #expect(a.trend == [.init(year: 2023, value: 1.2), .init(year: 2024, value: 1.6)])
        #expect(a.status == .achieved)
        #expect(a.reason == "Hiện 1,6 lần (2024), đạt mức 1,5–2 lần so với năm 2020 — đã đạt mục tiêu năm 2025.")
        let slow = target.assess(indicator, figures: [2023: Figures([.averageIncome: 80_000_000]), 2024: Figures([.averageIncome: 82_500_000])],
                                 currentYear: 2024)
        // 1,07 then 1,1: one more year of the same rise gives 1,13, short of 1,5 by far more than a tenth of the way from 1.
        #expect(slow.status == .offTrack)
        #expect(slow.reason == "Hiện 1,1 lần (2024); dự báo 2025: 1,13 lần, chưa đạt mức 1,5–2 lần so với năm 2020 (còn cách 0,37 lần) — chậm tiến độ.")
        let over = target.assess(indicator, figures: [2024: Figures([.averageIncome: 160_000_000])], currentYear: 2024)
        #expect(over.status == .achieved && over.reason.contains("vượt mức 1,5–2 lần"))
    }
}
