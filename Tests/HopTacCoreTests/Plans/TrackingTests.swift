import Foundation
import Testing
@testable import HopTacCore

private func day(_ iso: String) -> Day { Day(iso: iso)! }

private func definitions(_ json: String) throws -> [IndicatorDefinition] {
    try IndicatorDefinition.load(json: Data(json.utf8))
}

/// The message of the tracking error `body` throws, nil when it throws none.
private func refusal(_ body: () throws -> Void) -> String? {
    do {
        try body()
        return nil
    } catch {
        return (error as? PlanTrackingError)?.message ?? "\(error)"
    }
}

private func indicator(_ code: String) throws -> IndicatorDefinition {
    try #require(IndicatorDefinition.standard.first { $0.code == code })
}

@Suite("Indicators")
struct IndicatorTests {
    @Test("the shipped set loads, with unique codes and the programme indicators")
    func standard() throws {
        let codes = IndicatorDefinition.standard.map(\.code)
        #expect(codes.count == 33)
        #expect(Set(codes).count == codes.count)
        #expect(IndicatorDefinition.named("reported")?.isReported == true && IndicatorDefinition.named("htx")?.isReported == false)
        for code in ["htx", "lhhtx", "tht", "qtdnd", "htx_founded_since_2021", "tht_founded_since_2021", "good_fair_share",
                     "value_chain_share", "high_tech", "digital", "members", "average_income", "average_income_multiple", "revenue",
                     "managers_trained_share", "graduates_placed", "support_amount", "loans_outstanding", "model_cooperatives", "communes_with_model",
                     "commended_organizations"] {
            #expect(codes.contains(code), "\(code)")
        }
        let share = try indicator("good_fair_share")
        #expect(share.label == "Tỷ lệ tổ chức được đánh giá đạt loại tốt, khá")
        #expect(share.unit == .percent)
        #expect(share.formula == .share(numerator: [.band("good"), .band("fair")], denominator: [.rated]))
        #expect(try indicator("average_income_multiple").formula == .multipleOfBaseline(keys: [.averageIncome], defaultBaselineYear: 2020))
        #expect(try indicator("htx_founded_since_2021").formula == .cumulative(keys: [.founded(.htx)], from: 2021))
    }

    @Test("value and share in a year; nil without figures or with nothing to divide by")
    func valueAndShare() throws {
        let series: [Int: Figures] = [
            2024: Figures([.registered(.htx): 10, .band("good"): 3, .band("fair"): 2, .rated: 8]),
            2025: Figures([.registered(.htx): 12]),
        ]
        let htx = try indicator("htx")
        #expect(htx.value(in: series, year: 2024, baselineYear: nil) == 10)
        #expect(htx.value(in: series, year: 2025, baselineYear: nil) == 12)
        #expect(htx.value(in: series, year: 2023, baselineYear: nil) == nil)
        let share = try indicator("good_fair_share")
        #expect(share.value(in: series, year: 2024, baselineYear: nil) == 62.5)
        #expect(share.value(in: series, year: 2025, baselineYear: nil) == nil, "nobody rated: unknown, not 0%")
        let both = try IndicatorDefinition(code: "htx_lhhtx", label: "Số HTX và LHHTX", unit: .count,
                                           formula: .value(keys: [.registered(.htx), .registered(.lhhtx)]))
        #expect(both.value(in: [2025: Figures([.registered(.htx): 12, .registered(.lhhtx): 1])], year: 2025, baselineYear: nil) == 13)
    }

    @Test("cumulative sums every year from its start, and is unknown when a year is missing")
    func cumulative() throws {
        let founded = try indicator("htx_founded_since_2021")
        var series: [Int: Figures] = [2020: Figures([.founded(.htx): 50]), 2021: Figures([.founded(.htx): 2]),
                                      2022: Figures([.founded(.htx): 3]), 2023: Figures([.founded(.htx): 4])]
        #expect(founded.value(in: series, year: 2021, baselineYear: nil) == 2)
        #expect(founded.value(in: series, year: 2023, baselineYear: nil) == 9, "2020 is before the start")
        #expect(founded.value(in: series, year: 2020, baselineYear: nil) == nil)
        series[2022] = nil
        #expect(founded.value(in: series, year: 2023, baselineYear: nil) == nil)
        #expect(founded.values(in: series, baselineYear: nil) == [2021: 2])
    }

    @Test("a multiple of the target's baseline year, else of the definition's")
    func multiple() throws {
        let multiple = try indicator("average_income_multiple")
        let series: [Int: Figures] = [2020: Figures([.averageIncome: 75_000_000]), 2021: Figures([.averageIncome: 90_000_000]),
                                      2025: Figures([.averageIncome: 112_500_000]), 2019: Figures([.averageIncome: 0])]
        #expect(multiple.value(in: series, year: 2025, baselineYear: nil) == 1.5)
        #expect(multiple.value(in: series, year: 2025, baselineYear: 2021) == 1.25)
        #expect(multiple.value(in: series, year: 2025, baselineYear: 2019) == nil, "a zero baseline divides by zero")
        #expect(multiple.value(in: series, year: 2025, baselineYear: 2018) == nil, "no figures for the baseline")
        let noDefault = try IndicatorDefinition(code: "m", label: "Bội số", unit: .multipleOfBaseline,
                                                formula: .multipleOfBaseline(keys: [.revenue], defaultBaselineYear: nil))
        #expect(noDefault.value(in: [2025: Figures([.revenue: 1])], year: 2025, baselineYear: nil) == nil)
        #expect(multiple.values(in: series, baselineYear: nil) == [2020: 1, 2021: 1.2, 2025: 1.5, 2019: 0])
    }

    @Test("definitions survive a JSON round trip with snake_case keys")
    func roundTrip() throws {
        let data = try JSONEncoder().encode(IndicatorDefinition.standard)
        #expect(try IndicatorDefinition.load(json: data) == IndicatorDefinition.standard)
        let text = String(decoding: try JSONEncoder().encode(try indicator("average_income_multiple")), as: UTF8.self)
        #expect(text.contains(#""kind":"multiple_of_baseline""#) && text.contains(#""baseline_year":2020"#))
        #expect(text.contains(#""unit":"multiple_of_baseline""#))
    }

    @Test("a broken definition is refused with a Vietnamese message naming it")
    func validation() {
        func problem(_ json: String) -> String? { refusal { _ = try definitions(json) } }
        let head = #"{"code": "x1", "label": "Chỉ tiêu thử", "unit": "count", "formula": "#
        #expect(problem("[" + head + #"{"kind": "ratio", "keys": ["members"]}}]"#)
            == "Chỉ tiêu “x1”: loại công thức “ratio” không hợp lệ; dùng value, share, cumulative, multiple_of_baseline hoặc reported.")
        #expect(problem("[" + head + #"{"kind": "value", "keys": []}}]"#)
            == "Chỉ tiêu “x1”: công thức value cần ít nhất một khóa số liệu (keys).")
        #expect(problem("[" + head + #"{"kind": "value"}}]"#)
            == "Chỉ tiêu “x1”: công thức value cần ít nhất một khóa số liệu (keys).")
        #expect(problem("[" + head + #"{"kind": "share", "numerator": ["good"], "denominator": []}}]"#)
            == "Chỉ tiêu “x1”: công thức share cần ít nhất một khóa số liệu (denominator).")
        #expect(problem("[" + head + #"{"kind": "value", "keys": ["organisations.htx"]}}]"#)
            == "Chỉ tiêu “x1”: khóa số liệu “organisations.htx” không có trong danh mục số liệu (xem /figures).")
        #expect(problem("[" + head + #"{"kind": "cumulative", "keys": ["founded.htx"]}}]"#)
            == "Chỉ tiêu “x1”: công thức cumulative cần năm bắt đầu (from).")
        #expect(problem(#"[{"code": "x1", "label": "Thử", "unit": "ha", "formula": {"kind": "value", "keys": ["members"]}}]"#)
            == "Chỉ tiêu “x1”: đơn vị “ha” không hợp lệ; dùng count, percent, multiple_of_baseline, million_vnd hoặc other.")
        #expect(problem(#"[{"code": " ", "label": "Thử", "unit": "count", "formula": {"kind": "value", "keys": ["members"]}}]"#)
            == "Có chỉ tiêu thiếu mã (code).")
        #expect(problem(#"[{"code": "x1", "label": "", "unit": "count", "formula": {"kind": "value", "keys": ["members"]}}]"#)
            == "Chỉ tiêu “x1”: thiếu tên (label).")
        let one = head + #"{"kind": "value", "keys": ["members"]}}"#
        #expect(problem("[" + one + "," + one + "]") == "Mã chỉ tiêu “x1” bị trùng.")
        #expect(problem(#"[{"code": "x1", "label": "Thử", "unit": "count"}]"#)?.hasPrefix("Chỉ tiêu “x1”: thiếu trường hoặc sai kiểu dữ liệu") == true)
        #expect(problem(#"{"code": "x1"}"#)?.hasPrefix("Tệp chỉ tiêu không đúng cấu trúc (cần một mảng JSON các chỉ tiêu)") == true)
        #expect(problem("[" + one + "]") == nil)
    }
}

private func target(_ comparator: TargetComparator, _ value: Double, max: Double? = nil, unit: TargetUnit = .percent,
                    horizon: Int = 2030, baselineYear: Int? = nil, baselineValue: Double? = nil) -> ProgrammeTarget {
    ProgrammeTarget(indicatorCode: "good_fair_share", comparator: comparator, value: value, valueMax: max, unit: unit,
                    horizonYear: horizon, baselineYear: baselineYear, baselineValue: baselineValue)
}

@Suite("Target assessment")
struct TargetAssessmentTests {
    @Test("a rising trend that reaches the target is on track")
    func onTrack() throws {
        let a = TargetAssessment(target: target(.above, 60), series: [2023: 40, 2024: 45, 2025: 50, 2027: 99], currentYear: 2025)
        #expect(a.status == .onTrack)
        #expect(a.current == .init(year: 2025, value: 50))
        #expect(a.trend.map(\.year) == [2023, 2024, 2025], "years after the current one are left out")
        #expect(a.projection == 75)
        #expect(a.shortfall == 0)
        #expect(a.reason == "Hiện 50% (2025); dự báo 2030: 75%, đạt mức trên 60% — đạt theo xu hướng.")
    }

    @Test("a target the latest value already meets is achieved")
    func achieved() {
        let a = TargetAssessment(target: target(.atLeast, 60), series: [2024: 64, 2025: 62.5], currentYear: 2026)
        #expect(a.status == .achieved)
        #expect(a.current == .init(year: 2025, value: 62.5))
        #expect(a.projection == 55, "the falling line is still reported")
        #expect(a.reason == "Hiện 62,5% (2025), đạt mức ít nhất 60% — đã đạt mục tiêu năm 2030.")
    }

    @Test("missing by at most a tenth of the change asked is at risk; by more, off track")
    func riskAndOffTrack() throws {
        let near = TargetAssessment(target: target(.atLeast, 60, baselineValue: 40), series: [2024: 52, 2025: 53.2], currentYear: 2025)
        #expect(near.status == .atRisk)
        #expect(abs(try #require(near.projection) - 59.2) < 1e-9)
        #expect(near.reason == "Hiện 53,2% (2025); dự báo 2030: 59,2%, chưa đạt mức ít nhất 60% (còn cách 0,8 điểm phần trăm) — có nguy cơ không đạt.")
        let far = TargetAssessment(target: target(.atLeast, 60, baselineValue: 40), series: [2024: 50, 2025: 51], currentYear: 2025)
        #expect(far.status == .offTrack)
        #expect(far.projection == 56 && far.shortfall == 4)
        #expect(far.reason == "Hiện 51% (2025); dự báo 2030: 56%, chưa đạt mức ít nhất 60% (còn cách 4 điểm phần trăm) — chậm tiến độ.")
        // Without a baseline value, the first year sizes the change: 60 − 50 = 10, so a 4-point miss is more than a tenth.
        #expect(TargetAssessment(target: target(.atLeast, 60), series: [2024: 50, 2025: 51], currentYear: 2025).status == .offTrack)
    }

    @Test("one year of data shows no trend: at risk unless met")
    func singlePoint() {
        let a = TargetAssessment(target: target(.atLeast, 60), series: [2025: 55], currentYear: 2025)
        #expect(a.status == .atRisk)
        #expect(a.projection == 55)
        #expect(a.reason == "Hiện 55% (2025), chưa đạt mức ít nhất 60%; mới có số liệu một năm nên chưa dự báo được xu hướng — có nguy cơ không đạt.")
        #expect(TargetAssessment(target: target(.atLeast, 60), series: [2025: 61], currentYear: 2025).status == .achieved)
    }

    @Test("no value up to the current year")
    func noData() {
        let a = TargetAssessment(target: target(.atLeast, 60), series: [2027: 70], currentYear: 2026)
        #expect(a.status == .noData && a.current == nil && a.projection == nil && a.shortfall == nil)
        #expect(a.reason == "Chưa có số liệu đến năm 2026 để đánh giá mục tiêu ít nhất 60% đến năm 2030.")
        #expect(TargetStatus.allCases.map(\.label) == ["Đã đạt", "Đúng tiến độ", "Có nguy cơ không đạt", "Chậm tiến độ", "Chưa có số liệu"])
    }

    @Test("a passed horizon is judged on the value at the horizon")
    func passedHorizon() {
        let series: [Int: Double] = [2024: 55, 2025: 58, 2026: 70]
        let missed = TargetAssessment(target: target(.atLeast, 60, horizon: 2025), series: series, currentYear: 2026)
        #expect(missed.status == .offTrack && missed.projection == nil && missed.shortfall == 2)
        #expect(missed.current == .init(year: 2026, value: 70))
        #expect(missed.reason == "Đến hạn 2025: 58% (2025), chưa đạt mức ít nhất 60% — không đạt.")
        let met = TargetAssessment(target: target(.atLeast, 55, horizon: 2025), series: series, currentYear: 2027)
        #expect(met.status == .achieved)
        #expect(met.reason == "Đến hạn 2025: 58% (2025), đạt mức ít nhất 55% — đã đạt.")
        let none = TargetAssessment(target: target(.atLeast, 60, horizon: 2023), series: series, currentYear: 2026)
        #expect(none.status == .noData)
        #expect(none.reason == "Chưa có số liệu đến năm 2023 để đánh giá mục tiêu ít nhất 60% đến năm 2023.")
    }

    @Test("≤ and < targets are met by falling values; shares stay within 0–100%")
    func decreasing() {
        let weak = TargetAssessment(target: target(.atMost, 5), series: [2023: 9, 2024: 8, 2025: 7], currentYear: 2025)
        #expect(weak.status == .onTrack && weak.projection == 2)
        #expect(weak.reason == "Hiện 7% (2025); dự báo 2030: 2%, đạt mức không quá 5% — đạt theo xu hướng.")
        let steep = TargetAssessment(target: target(.below, 10), series: [2024: 40, 2025: 34], currentYear: 2025)
        #expect(steep.projection == 4, "no cut needed")
        let steeper = TargetAssessment(target: target(.below, 10), series: [2024: 40, 2025: 30], currentYear: 2025)
        #expect(steeper.projection == 0, "cut at 0%")
        let rising = TargetAssessment(target: target(.below, 10), series: [2024: 20, 2025: 22], currentYear: 2025)
        #expect(rising.status == .offTrack)
        #expect(rising.reason == "Hiện 22% (2025); dự báo 2030: 32%, chưa đạt mức dưới 10% (còn cách 22 điểm phần trăm) — chậm tiến độ.")
        #expect(TargetAssessment(target: target(.below, 10), series: [2025: 10], currentYear: 2025).status == .atRisk, "< is strict")
        #expect(TargetAssessment(target: target(.atMost, 10), series: [2025: 10], currentYear: 2025).status == .achieved)
    }

    @Test("= means reaching the value: a floor, whichever side the programme starts from")
    func equal() {
        let above = TargetAssessment(target: target(.equal, 5, baselineValue: 12), series: [2024: 9, 2025: 8], currentYear: 2025)
        #expect(above.status == .achieved)
        #expect(above.reason == "Hiện 8% (2025), đạt mức 5% — đã đạt mục tiêu năm 2030.")
        let up = TargetAssessment(target: target(.equal, 100), series: [2024: 80, 2025: 85], currentYear: 2025)
        #expect(up.status == .onTrack && up.projection == 100)
        #expect(up.reason == "Hiện 85% (2025); dự báo 2030: 100%, đạt mức 100% — đạt theo xu hướng.")
        // 0.1 + 0.2 is 0.30000000000000004: arithmetic noise does not miss a target.
        #expect(TargetAssessment(target: target(.atMost, 0.3), series: [2025: 0.1 + 0.2], currentYear: 2025).status == .achieved)
    }

    @Test("about is met from 10% below, range from its lower end; past either is met too")
    func aboutAndRange() throws {
        let about = TargetAssessment(target: target(.about, 74, unit: .count), series: [2024: 55, 2025: 56.8], currentYear: 2025)
        #expect(about.status == .atRisk)
        #expect(abs(try #require(about.shortfall) - 0.8) < 1e-9)
        #expect(about.reason == "Hiện 56,8 (2025); dự báo 2030: 65,8, chưa đạt mức khoảng 74 (còn cách 0,8) — có nguy cơ không đạt.")
        #expect(TargetAssessment(target: target(.about, 74, unit: .count), series: [2025: 66.6], currentYear: 2025).status == .achieved)
        #expect(TargetAssessment(target: target(.about, 74, unit: .count), series: [2025: 66.5], currentYear: 2025).status == .atRisk)
        #expect(TargetAssessment(target: target(.about, 74, unit: .count), series: [2025: 90], currentYear: 2025).status == .achieved)
        let range = TargetAssessment(target: target(.range, 20, max: 30), series: [2025: 30], currentYear: 2025)
        #expect(range.status == .achieved)
        #expect(range.reason == "Hiện 30% (2025), đạt mức 20–30% — đã đạt mục tiêu năm 2030.")
        let over = TargetAssessment(target: target(.range, 20, max: 30), series: [2024: 28, 2025: 32], currentYear: 2025)
        #expect(over.status == .achieved && over.shortfall == 0)
        #expect(over.reason == "Hiện 32% (2025), vượt mức 20–30% — đã đạt mục tiêu năm 2030.")
    }

    @Test("a multiple of a baseline year, from figures")
    func multipleFromFigures() throws {
        let figures: [Int: Figures] = [2020: Figures([.averageIncome: 75_000_000]), 2023: Figures([.averageIncome: 90_000_000]),
                                       2024: Figures([.averageIncome: 97_500_000]), 2025: Figures([.averageIncome: 106_500_000])]
        let goal = target(.range, 1.5, max: 2, unit: .multipleOfBaseline, baselineYear: 2020)
        let a = goal.assess(try indicator("average_income_multiple"), figures: figures, currentYear: 2025)
        #expect(a.trend.map(\.year) == [2020, 2023, 2024, 2025])
        let values: [Double] = [1, 1.2, 1.3, 1.42]
        #expect(zip(a.trend.map(\.value), values).allSatisfy { abs($0 - $1) < 1e-9 })
        // Least squares: mean year 2023, mean 1.23, slope 1.14 / 14.
        let expected: Double = 1.23 + 1.14 / 14 * 7
        #expect(abs(try #require(a.projection) - expected) < 1e-9)
        #expect(a.status == .onTrack)
        #expect(a.reason == "Hiện 1,42 lần (2025); dự báo 2030: 1,8 lần, đạt mức 1,5–2 lần so với năm 2020 — đạt theo xu hướng.")
    }

    @Test("an extracted target becomes a programme target; snake_case JSON")
    func fromExtraction() throws {
        let extracted = PlanTarget(line: 3, quote: "Thu nhập tăng 1,5-2 lần so với năm 2020", subject: "Thu nhập", comparator: .range,
                                   value: 1.5, valueMax: 2, unit: .multipleOfBaseline, year: 2025, baselineYear: 2020)
        let programme = try #require(ProgrammeTarget(extracted, indicatorCode: "average_income_multiple"))
        #expect(programme == ProgrammeTarget(indicatorCode: "average_income_multiple", comparator: .range, value: 1.5, valueMax: 2,
                                             unit: .multipleOfBaseline, horizonYear: 2025, baselineYear: 2020,
                                             quote: "Thu nhập tăng 1,5-2 lần so với năm 2020"))
        var undated = extracted
        undated.year = nil
        #expect(ProgrammeTarget(undated, indicatorCode: "x") == nil)
        let json = String(decoding: try JSONEncoder().encode(programme), as: UTF8.self)
        #expect(json.contains(#""indicator_code":"average_income_multiple""#) && json.contains(#""horizon_year":2025"#)
            && json.contains(#""value_max":2"#) && json.contains(#""baseline_year":2020"#))
        #expect(try JSONDecoder().decode(ProgrammeTarget.self, from: Data(json.utf8)) == programme)
    }
}

@Suite("Target allocation")
struct AllocationTests {
    let allocation = TargetAllocation(target: target(.atLeast, 100, unit: .count, baselineValue: 60),
                                      allocations: ["A": 40, "B": 35, "C": 25, "D": 10, "E": 10, "F": 5])

    @Test("a commune's target is the province's with the allocated value")
    func communeTarget() throws {
        let b = try #require(allocation.target(for: "B"))
        #expect(b.value == 35 && b.comparator == .atLeast && b.horizonYear == 2030 && b.baselineValue == nil)
        #expect(allocation.target(for: "Z") == nil)
        let range = TargetAllocation(target: target(.range, 20, max: 30, unit: .count), allocations: ["A": 10])
        #expect(range.target(for: "A")?.value == 10 && range.target(for: "A")?.valueMax == 15)
    }

    @Test("lagging communes, worst first")
    func lagging() throws {
        func assess(_ unit: String, _ series: [Int: Double]) throws -> TargetAssessment {
            TargetAssessment(target: try #require(allocation.target(for: unit)), series: series, currentYear: 2025)
        }
        let assessments = [
            "A": try assess("A", [2024: 20, 2025: 22]),  // 2030: 32, short 8 of 40 (0.2)
            "B": try assess("B", [2024: 10, 2025: 11]),  // 2030: 16, short 19 of 35 (0.54)
            "C": try assess("C", [2025: 5]),  // one year: at risk
            "E": try assess("E", [2025: 12]),  // achieved
            "F": try assess("F", [:]),  // no data; D has no assessment at all
            "Z": try assess("A", [2025: 0]),  // not in the allocation
        ]
        #expect(assessments["A"]?.status == .offTrack && assessments["B"]?.status == .offTrack)
        #expect(allocation.laggingUnits(assessments: assessments) == ["B", "A", "C", "D", "F"])
    }
}

@Suite("Task numbers")
struct TaskNumberTests {
    @Test("Roman sections, then numeric paths, then letters in Vietnamese order")
    func ordering() {
        let texts = ["2.3.1", "a)", "II", "1.1", "10", "2", "I.", "1", "b", "đ)", "d", "IV", "1.10", "1.2", "(e)", "XIV"]
        #expect(texts.compactMap(TaskNumber.init).sorted().map(\.text)
            == ["I", "II", "IV", "XIV", "1", "1.1", "1.2", "1.10", "2", "2.3.1", "10", "a", "b", "d", "đ", "e"])
    }

    @Test("parsing tolerates punctuation and refuses what is no number")
    func parsing() throws {
        #expect(TaskNumber("1.")?.kind == .path([1]))
        #expect(TaskNumber(" 2.3.1. ")?.kind == .path([2, 3, 1]))
        #expect(TaskNumber("IX")?.kind == .roman(9))
        #expect(TaskNumber("A)")?.kind == .letter(0))
        #expect(TaskNumber("ă")?.kind == .letter(1))
        #expect(TaskNumber("1.") == TaskNumber("1"))
        for bad in ["", ".", "IIII", "VX", "IIV", "1..2", "1.a", "-1", "ab", "1 2", "+1"] {
            #expect(TaskNumber(bad) == nil, "\(bad)")
        }
        let json = try JSONEncoder().encode([TaskNumber("II.")!, TaskNumber("a)")!])
        #expect(String(decoding: json, as: UTF8.self) == #"["II","a"]"#)
        #expect(try JSONDecoder().decode([TaskNumber].self, from: json) == [TaskNumber("II")!, TaskNumber("a")!])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([TaskNumber].self, from: Data(#"["1..2"]"#.utf8)) }
    }
}

@Suite("Task deadlines")
struct TaskDeadlineTests {
    @Test("each precision is due on its last day")
    func dueDays() throws {
        #expect(TaskDeadline(day: day("2026-12-15")).dueDay == day("2026-12-15"))
        #expect(TaskDeadline(year: 2024, month: 2)?.dueDay == day("2024-02-29"))
        #expect(TaskDeadline(year: 2026, quarter: 2)?.dueDay == day("2026-06-30"))
        #expect(TaskDeadline(year: 2026)?.dueDay == day("2026-12-31"))
        #expect(TaskDeadline(year: 2026, month: 13) == nil && TaskDeadline(year: 2026, quarter: 5) == nil && TaskDeadline(year: 99) == nil)
        let labels = [TaskDeadline(day: day("2026-03-05")), TaskDeadline(year: 2026, month: 6)!, TaskDeadline(year: 2026, quarter: 2)!,
                      TaskDeadline(year: 2026)!].map(\.label)
        #expect(labels == ["05/03/2026", "tháng 6/2026", "quý II/2026", "năm 2026"])
    }

    @Test("encoded as text")
    func text() throws {
        for text in ["2026-12-15", "2026-06", "2026-Q2", "2026"] {
            #expect(TaskDeadline(text: text)?.text == text)
        }
        #expect(TaskDeadline(text: "2026-Q4")?.precision == .quarter)
        for bad in ["2026-13", "2026-Q5", "2026-02-30", "26", "2026-6", "quý I"] {
            #expect(TaskDeadline(text: bad) == nil, "\(bad)")
        }
        let json = try JSONEncoder().encode(TaskDeadline(year: 2026, quarter: 1)!)
        #expect(String(decoding: json, as: UTF8.self) == #""2026-Q1""#)
    }

    @Test("recurring periods")
    func periods() {
        #expect(TaskFrequency.weekly.period(containing: day("2026-01-14")) == day("2026-01-12")...day("2026-01-18"))
        #expect(TaskFrequency.weekly.period(containing: day("2026-01-18")) == day("2026-01-12")...day("2026-01-18"))
        #expect(TaskFrequency.weekly.period(containing: day("2026-01-01")) == day("2025-12-29")...day("2026-01-04"))
        #expect(TaskFrequency.monthly.period(containing: day("2024-02-10")) == day("2024-02-01")...day("2024-02-29"))
        #expect(TaskFrequency.quarterly.period(containing: day("2026-05-10")) == day("2026-04-01")...day("2026-06-30"))
        #expect(TaskFrequency.annual.period(containing: day("2026-05-10")) == day("2026-01-01")...day("2026-12-31"))
        #expect(TaskFrequency.once.period(containing: day("2026-05-10")) == nil)
        #expect(TaskFrequency.ongoing.period(containing: day("2026-05-10")) == nil)
    }
}

private func approved(_ deadline: TaskDeadline, on decided: String) -> ExtensionRequest {
    var request = try! ExtensionRequest(newDeadline: deadline, reason: "Chờ kinh phí", requestedOn: day("2026-06-01"), currentDeadline: nil)
    request = try! request.deciding(.approve, by: "Phó Chủ tịch UBND tỉnh", on: day(decided), currentDeadline: nil)
    return request
}

@Suite("Task status")
struct TaskStatusTests {
    let june = TaskDeadline(day: day("2026-06-30"))

    @Test("one-off work against its deadline")
    func oneOff() {
        func status(_ reports: [ProgressReport], today: String) -> TaskStatus {
            TaskTracking(deadline: june, frequency: .once, reports: reports).status(on: day(today))
        }
        #expect(status([.init(day: day("2026-06-20"), percent: 100)], today: "2026-08-01") == .doneOnTime)
        #expect(status([.init(day: day("2026-06-30"), percent: 100)], today: "2026-08-01") == .doneOnTime, "the due day itself is in time")
        #expect(status([.init(day: day("2026-07-05"), percent: 100)], today: "2026-08-01") == .doneLate)
        #expect(status([.init(day: day("2026-05-01"), percent: 80)], today: "2026-06-15") == .inProgress)
        #expect(status([.init(day: day("2026-05-01"), percent: 80)], today: "2026-07-01") == .overdue)
        #expect(status([.init(day: day("2026-09-01"), percent: 100)], today: "2026-07-01") == .overdue, "a report dated later is not yet known")
        #expect(status([.init(day: day("2026-07-05"), percent: 100), .init(day: day("2026-06-10"), percent: 100)], today: "2026-08-01")
            == .doneOnTime, "the first 100% report counts")
        #expect(TaskTracking().status(on: day("2030-01-01")) == .inProgress, "no deadline, never overdue")
        #expect(TaskTracking(reports: [.init(day: day("2026-01-01"), percent: 100)]).status(on: day("2030-01-01")) == .doneOnTime)
        #expect(TaskStatus.allCases.map(\.label)
            == ["Hoàn thành đúng hạn", "Hoàn thành quá hạn", "Đang thực hiện trong hạn", "Quá hạn chưa hoàn thành"])
    }

    @Test("only the latest approved extension moves the deadline")
    func extensions() throws {
        let july = TaskDeadline(day: day("2026-07-31"))
        let pending = try ExtensionRequest(newDeadline: TaskDeadline(year: 2026)!, reason: "Thiếu nhân lực", requestedOn: day("2026-06-10"),
                                           currentDeadline: june)
        let refused = try pending.deciding(.refuse, by: "Chủ tịch UBND tỉnh", on: day("2026-06-12"), currentDeadline: june)
        var task = TaskTracking(deadline: june, extensions: [pending, refused], reports: [.init(day: day("2026-07-05"), percent: 100)])
        #expect(task.effectiveDeadline == june)
        #expect(task.status(on: day("2026-08-01")) == .doneLate)
        task.extensions.append(approved(july, on: "2026-06-20"))
        #expect(task.effectiveDeadline == july)
        #expect(task.status(on: day("2026-08-01")) == .doneOnTime)
        // A later decision wins even when listed first; a tie goes to the one listed last.
        task.extensions.insert(approved(TaskDeadline(year: 2026, month: 7)!, on: "2026-06-25"), at: 0)
        #expect(task.effectiveDeadline == TaskDeadline(year: 2026, month: 7))
        task.extensions.append(approved(TaskDeadline(year: 2026, quarter: 3)!, on: "2026-06-25"))
        #expect(task.effectiveDeadline == TaskDeadline(year: 2026, quarter: 3))
        task.reports = []
        #expect(task.status(on: day("2026-09-30")) == .inProgress)
        #expect(task.status(on: day("2026-10-01")) == .overdue)
    }

    @Test("ongoing work is in progress until reported done")
    func ongoing() {
        var task = TaskTracking(deadline: june, frequency: .ongoing, reports: [.init(day: day("2026-03-01"), percent: 50)])
        #expect(task.status(on: day("2027-01-01")) == .inProgress, "its deadline is not used")
        task.reports.append(.init(day: day("2026-12-01"), percent: 100))
        #expect(task.status(on: day("2027-01-01")) == .doneOnTime)
    }

    @Test("recurring work is judged on the current and the previous period")
    func recurring() {
        func quarterly(_ reports: [String], assigned: String? = nil) -> TaskStatus {
            TaskTracking(frequency: .quarterly, assignedOn: assigned.map(day),
                         reports: reports.map { ProgressReport(day: day($0), percent: 30) }).status(on: day("2026-05-10"))
        }
        #expect(quarterly(["2026-04-20"]) == .doneOnTime)
        #expect(quarterly(["2026-02-01"]) == .inProgress, "Q1 reported, Q2 due 30/06")
        #expect(quarterly([]) == .overdue, "Q1 owed a report")
        #expect(quarterly([], assigned: "2026-01-15") == .overdue)
        #expect(quarterly([], assigned: "2026-03-31") == .overdue, "assigned by the end of Q1")
        #expect(quarterly([], assigned: "2026-04-01") == .inProgress, "assigned in Q2: nothing owed yet")
        #expect(quarterly(["2025-12-20"]) == .overdue)
        #expect(quarterly(["2026-05-11"]) == .overdue, "a report dated after today is not yet known")
        let annual = TaskTracking(frequency: .annual, reports: [.init(day: day("2025-12-10"), percent: 100)])
        #expect(annual.status(on: day("2026-03-01")) == .inProgress)
        #expect(annual.status(on: day("2027-03-01")) == .overdue)
        let weekly = TaskTracking(frequency: .weekly, reports: [.init(day: day("2026-01-09"), percent: 10)])
        #expect(weekly.status(on: day("2026-01-14")) == .inProgress, "reported in the week of 05/01")
        #expect(weekly.status(on: day("2026-01-21")) == .overdue)
        let monthly = TaskTracking(deadline: TaskDeadline(year: 2020), frequency: .monthly, reports: [.init(day: day("2026-05-02"), percent: 10)])
        #expect(monthly.status(on: day("2026-05-31")) == .doneOnTime, "the deadline is not used")
    }
}

@Suite("Extension requests")
struct ExtensionRequestTests {
    let june = TaskDeadline(day: day("2026-06-30"))

    @Test("a request must move the deadline later and give a reason")
    func request() throws {
        #expect(refusal { _ = try ExtensionRequest(newDeadline: TaskDeadline(year: 2026, quarter: 2)!, reason: "Chờ kinh phí",
                                                   requestedOn: day("2026-06-01"), currentDeadline: june) }
            == "Hạn mới (quý II/2026) phải sau hạn hiện tại (30/06/2026).")
        #expect(refusal { _ = try ExtensionRequest(newDeadline: TaskDeadline(year: 2026, month: 7)!, reason: "  ",
                                                   requestedOn: day("2026-06-01"), currentDeadline: june) }
            == "Cần nêu lý do xin gia hạn.")
        let request = try ExtensionRequest(newDeadline: TaskDeadline(year: 2026, month: 7)!, reason: " Chờ kinh phí ",
                                           requestedOn: day("2026-06-01"), currentDeadline: june)
        #expect(request.state == .requested && request.reason == "Chờ kinh phí" && request.decidedBy == nil)
        #expect(try ExtensionRequest(newDeadline: june, reason: "Mới giao", requestedOn: day("2026-06-01"), currentDeadline: nil).state == .requested)
    }

    @Test("only a pending request is decided, and an approval still has to move the deadline later")
    func decide() throws {
        let request = try ExtensionRequest(newDeadline: TaskDeadline(year: 2026, month: 7)!, reason: "Chờ kinh phí",
                                           requestedOn: day("2026-06-01"), currentDeadline: june)
        let yes = try request.deciding(.approve, by: " Chủ tịch UBND tỉnh ", on: day("2026-06-10"), currentDeadline: june)
        #expect(yes.state == .approved && yes.decidedBy == "Chủ tịch UBND tỉnh" && yes.decidedOn == day("2026-06-10"))
        #expect(refusal { _ = try yes.deciding(.refuse, by: "Chủ tịch UBND tỉnh", on: day("2026-06-11"), currentDeadline: june) }
            == "Yêu cầu gia hạn đã được quyết định (đã chấp thuận ngày 10/06/2026); chỉ quyết định được yêu cầu đang chờ.")
        // Meanwhile another extension moved the deadline to the end of August.
        let august = TaskDeadline(day: day("2026-08-31"))
        #expect(refusal { _ = try request.deciding(.approve, by: "Chủ tịch UBND tỉnh", on: day("2026-06-10"), currentDeadline: august) }
            == "Hạn mới (tháng 7/2026) phải sau hạn hiện tại (31/08/2026).")
        let no = try request.deciding(.refuse, by: "Chủ tịch UBND tỉnh", on: day("2026-06-10"), currentDeadline: august)
        #expect(no.state == .refused)
        #expect(refusal { _ = try no.deciding(.approve, by: "Chủ tịch UBND tỉnh", on: day("2026-06-11"), currentDeadline: june) }
            == "Yêu cầu gia hạn đã được quyết định (không chấp thuận ngày 10/06/2026); chỉ quyết định được yêu cầu đang chờ.")
        #expect(refusal { _ = try request.deciding(.approve, by: "", on: day("2026-06-10"), currentDeadline: june) }
            == "Cần ghi người quyết định gia hạn.")
        #expect(refusal { _ = try request.deciding(.approve, by: "Chủ tịch", on: day("2026-05-31"), currentDeadline: june) }
            == "Ngày quyết định (31/05/2026) không thể trước ngày đề nghị gia hạn (01/06/2026).")
    }

    @Test("snake_case JSON")
    func json() throws {
        let request = approved(TaskDeadline(year: 2026, month: 7)!, on: "2026-06-10")
        let text = String(decoding: try JSONEncoder().encode(request), as: UTF8.self)
        for part in [#""new_deadline":"2026-07""#, #""requested_on":"2026-06-01""#, #""decided_on":"2026-06-10""#,
                     #""decided_by":"Phó Chủ tịch UBND tỉnh""#, #""state":"approved""#] {
            #expect(text.contains(part), "\(part)")
        }
        #expect(try JSONDecoder().decode(ExtensionRequest.self, from: Data(text.utf8)) == request)
        let task = TaskTracking(deadline: june, frequency: .once, assignedOn: day("2026-01-15"), extensions: [request])
        #expect(try JSONDecoder().decode(TaskTracking.self, from: JSONEncoder().encode(task)) == task)
        #expect(String(decoding: try JSONEncoder().encode(task), as: UTF8.self).contains(#""assigned_on":"2026-01-15""#))
    }
}

@Suite("Agency scorecard")
struct AgencyScorecardTests {
    @Test("agencies matched across spacing, case and Unicode form; most overdue first, then by name")
    func rows() throws {
        let finance = "Sở Tài chính"
        let rows = AgencyScorecard.rows([
            (finance, .overdue),
            ("  sở tài   chính ", .doneOnTime),
            ("SỞ TÀI CHÍNH", .doneLate),
            (finance.decomposedStringWithCanonicalMapping, .inProgress),
            ("Sở Nông nghiệp và Môi trường", .overdue),
            ("Sở Nông nghiệp và Môi trường", .overdue),
            ("UBND các xã, phường", .inProgress),
            ("Đài Phát thanh - Truyền hình tỉnh", .doneOnTime),
            ("Liên minh Hợp tác xã tỉnh", .doneOnTime),
            ("Báo và Phát thanh, Truyền hình tỉnh", .doneLate),
            ("", .inProgress),
        ])
        #expect(rows.map(\.agency) == ["Sở Nông nghiệp và Môi trường", "Sở Tài chính", "Báo và Phát thanh, Truyền hình tỉnh",
                                       "Chưa xác định cơ quan chủ trì", "Đài Phát thanh - Truyền hình tỉnh", "Liên minh Hợp tác xã tỉnh",
                                       "UBND các xã, phường"])
        let row = try #require(rows.first { $0.agency == finance })
        #expect(row.agency.unicodeScalars.count == finance.unicodeScalars.count, "shown in the first spelling, precomposed")
        let counts: [Int] = [row.assigned, row.doneOnTime, row.doneLate, row.inProgress, row.overdue]
        #expect(counts == [4, 1, 1, 1, 1])
        #expect(row.onTimeRate == Double(1) / Double(3) * 100)
        #expect(rows[0].onTimeRate == 0)
        #expect(rows.last?.onTimeRate == nil, "nothing due yet")
        let json = String(decoding: try JSONEncoder().encode(row), as: UTF8.self)
        #expect(json.contains(#""done_on_time":1"#) && json.contains(#""in_progress":1"#) && json.contains(#""on_time_rate":33.3"#))
    }
}

@Suite("Suggesting an indicator for an extracted target")
struct IndicatorSuggestionTests {
    @Test("the most specific phrase of the target's unit wins", arguments: [
        ("Tỷ lệ hợp tác xã đạt loại tốt, khá", TargetUnit.percent, "good_fair_share"),
        ("thành lập mới hợp tác xã", .count, "htx_founded_since_2021"),
        ("số hợp tác xã", .count, "htx"),
        ("Thu nhập bình quân của thành viên, người lao động", .multipleOfBaseline, "average_income_multiple"),
        ("Thu nhập bình quân của người lao động", .millionVND, "average_income"),
        ("hợp tác xã tham gia liên kết theo chuỗi giá trị", .percent, "value_chain_share"),
        ("HTX ứng dụng công nghệ cao", .count, "high_tech"),
        // The union's full name contains "hợp tác xã": the longer phrase must win.
        ("1 liên hiệp hợp tác xã", .count, "lhhtx"),
        ("duy trì 213 tổ hợp tác", .count, "tht"),
        // What the support policies deliver is measured too.
        ("Bồi dưỡng cho 100% đội ngũ cán bộ quản lý hợp tác xã", .percent, "managers_trained_share"),
        ("đưa cán bộ có trình độ đại học, cao đẳng về làm việc tại hợp tác xã", .count, "graduates_placed"),
        ("xây dựng ít nhất 05 mô hình hợp tác xã kiểu mẫu", .count, "model_cooperatives"),
        ("mỗi xã xây dựng ít nhất 01 mô hình hợp tác xã kiểu mẫu", .count, "communes_with_model"),
        ("khen thưởng, tôn vinh các hợp tác xã điển hình", .count, "commended_organizations"),
        ("trên 20% dân số tham gia các tổ chức kinh tế tập thể", .percent, "population_share"),
    ])
    func suggestion(subject: String, unit: TargetUnit, code: String) {
        #expect(IndicatorDefinition.suggest(subject: subject, unit: unit)?.code == code)
    }

    @Test("nothing is guessed for an unrelated subject")
    func none() {
        #expect(IndicatorDefinition.suggest(subject: "cán bộ được tập huấn", unit: .percent) == nil)
    }
}

@Suite("Deadlines as people type them")
struct TypedDeadlineTests {
    @Test("each written form gives its last day and precision", arguments: [
        ("15/12/2026", "2026-12-15"), ("tháng 6/2026", "2026-06"), ("6/2026", "2026-06"), ("quý II/2026", "2026-Q2"),
        ("Quý IV-2022", "2022-Q4"), ("quý 3/2025", "2025-Q3"), ("năm 2027", "2027"), ("2027", "2027"), ("2026-Q1", "2026-Q1"),
    ])
    func typed(text: String, encoded: String) {
        #expect(TaskDeadline(typed: text)?.text == encoded)
    }

    @Test("nonsense is refused", arguments: ["", "sớm", "quý V/2026", "13/2026", "31/02/2026", "26"])
    func refused(text: String) {
        #expect(TaskDeadline(typed: text) == nil)
    }
}

@Suite("Values an agency reports")
struct ReportedValueTests {
    @Test("a year stands at its latest period; of two periods ending the same day, the later report")
    func series() {
        let values = [ReportedValue(year: 2025, period: .year, value: 20, sequence: 1), ReportedValue(year: 2026, period: .nineMonths, value: 26, sequence: 2),
                      ReportedValue(year: 2026, period: .q1, value: 22, sequence: 5), ReportedValue(year: 2026, period: .q2, value: 24, sequence: 3),
                      ReportedValue(year: 2026, period: .firstHalf, value: 23, sequence: 4)]
        #expect(ReportedValue.series(values) == [2025: 20, 2026: 26])
        #expect(ReportedValue.series(Array(values.dropFirst(2))) == [2026: 23], "h1 entered after q2, both ending 30/06")
        #expect(ReportedValue.series([]).isEmpty)
    }
}
