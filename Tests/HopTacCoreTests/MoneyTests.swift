import Foundation
import Testing
@testable import HopTacCore

@Suite("Exact amounts of money")
struct MoneyTests {
    func dong(_ text: String) -> Int64? { try? Money.millions(text).get().dong }

    @Test("typed triệu đồng are read digit by digit into exact đồng, as the number reader reads the marks")
    func parsing() {
        #expect(dong("1.350,5") == 1_350_500_000)
        #expect(dong("1350.5") == 1_350_500_000 && dong("1,350.5") == 1_350_500_000 && dong("1 350,5") == 1_350_500_000)
        #expect(dong("1.500") == 1_500_000_000, "a single dot before three digits groups thousands")
        #expect(dong("1.234.567") == 1_234_567_000_000)
        #expect(dong("0,000001") == 1 && dong("0,1") == 100_000 && dong(",5") == 500_000)
        #expect(dong("-420,25") == -420_250_000, "a loss")
        #expect(dong("0") == 0 && dong("-0") == 0 && dong("0,0000000") == 0, "trailing zeros are no precision")
        #expect(dong("99.999.999,999999") == 99_999_999_999_999)
        // 0.1 + 0.2 is exact here: no double is ever involved.
        #expect(Money.millions("0,1").map { $0 + (try! Money.millions("0,2").get()) } == .success(try! Money.millions("0,3").get()))
    }

    @Test("more decimals than a đồng, hostile and enormous text are refused without a trap")
    func refusals() {
        #expect(Money.millions("0,0000001") == .failure(.tooPrecise))
        #expect(Money.millions("1,2345678") == .failure(.tooPrecise))
        #expect(Money.millions("1e25") == .failure(.notANumber))
        #expect(Money.millions("abc") == .failure(.notANumber) && Money.millions("") == .failure(.notANumber) && Money.millions("-") == .failure(.notANumber))
        #expect(Money.millions("1,2,3.4.5") == .failure(.notANumber))
        #expect(Money.millions(String(repeating: "9", count: 400)) == .failure(.tooLarge))
        #expect(Money.millions("9.223.372.036.855") == .failure(.tooLarge), "past 64 bits of đồng")
        #expect(dong("9223372036854,775807") == Int64.max)
        #expect(Money.millions("0," + String(repeating: "9", count: 400)) == .failure(.tooPrecise))
    }

    @Test("amounts are written back as Vietnamese read them, rounded half away from zero, at every extreme")
    func formatting() {
        #expect(Money(dong: 1_350_500_000).millionsText() == "1.350,5")
        #expect(Money(dong: 1).millionsText() == "0,000001")
        #expect(Money(dong: -420_250_000).millionsText(fractionDigits: 1) == "-420,3")
        #expect(Money(dong: 1_234_449_999).millionsText(fractionDigits: 0) == "1.234")
        #expect(Money(dong: 1_234_500_000).millionsText(fractionDigits: 0) == "1.235")
        #expect(Money(dong: -400_000).millionsText(fractionDigits: 0) == "0", "no sign on a value shown as zero")
        #expect(Money.zero.millionsText() == "0")
        #expect(Money(dong: .max).millionsText() == "9.223.372.036.854,775807")
        #expect(Money(dong: .min).millionsText() == "-9.223.372.036.854,775808")
        #expect(Money(dong: .min).millionsText(fractionDigits: 0) == "-9.223.372.036.855")
        // What a form shows reads back to the same amount.
        for amount in [Int64(0), 1, -1, 1_350_500_000, 99_999_999_999_999, .max, .min + 1] {
            #expect(dong(Money(dong: amount).millionsText()) == amount)
        }
    }

    @Test("sums saturate instead of trapping, means round to the nearest đồng, JSON writes the exact digits")
    func arithmetic() throws {
        #expect((Money(dong: .max) + Money(dong: 1)).dong == .max)
        #expect((Money(dong: .min) + Money(dong: -1)).dong == .min)
        #expect(Money(dong: 10).average(over: 4).dong == 3 && Money(dong: 10).average(over: 3).dong == 3)
        #expect(Money(dong: -10).average(over: 4).dong == -3 && Money(dong: 5).average(over: 0) == .zero)
        #expect(Money(dong: .max).average(over: 1).dong == .max)
        #expect(Money(millions: .max).dong == .max && Money(approximately: .nan) == .zero && Money(approximately: 1e300).dong == .max)
        let json = String(decoding: try JSONEncoder().encode([Money(dong: 1_350_500_000), Money(dong: 1), Money(dong: -420_250_000), .zero, Money(dong: .max)]), as: UTF8.self)
        #expect(json == "[1350.5,0.000001,-420.25,0,9223372036854.775807]")
        let read = try JSONDecoder().decode([Money].self, from: Data("[1350.5, 0.000001, -420.25, 12500]".utf8))
        #expect(read.map(\.dong) == [1_350_500_000, 1, -420_250_000, 12_500_000_000])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Money].self, from: Data("[0.0000001]".utf8)) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Money].self, from: Data("[1e30]".utf8)) }
    }

    @Test("a report's amount is stored exactly, refused with the field named when it is finer than a đồng or out of range")
    func reportFields() {
        var report = AnnualReport(organizationId: 1, year: 2025)
        #expect(ReportField.revenue.assign("1.350,5", to: &report) == nil)
        #expect(report.revenue.dong == 1_350_500_000 && ReportField.revenue.display(in: report) == "1.350,5")
        #expect(ReportField.revenue.stored(in: report) == .integer(1_350_500_000))
        #expect(ReportField.pretaxProfit.assign("-100.000.000", to: &report) == nil && report.pretaxProfit == Money(millions: -100_000_000))
        #expect(ReportField.revenue.assign("100.000.000", to: &report) == nil, "the maximum of the range")
        let precise = ReportField.revenue.assign("1,0000001", to: &report)?.message ?? ""
        #expect(precise.contains("Doanh thu") && precise.contains("6 chữ số thập phân"), "\(precise)")
        let range = ReportField.totalAssets.assign("100.000.000,000001", to: &report)?.message ?? ""
        #expect(range.contains("Tổng tài sản") && range.contains("ngoài khoảng"), "\(range)")
        #expect(ReportField.revenue.assign(String(repeating: "9", count: 400), to: &report)?.message.contains("ngoài khoảng") == true)
        #expect(ReportField.revenue.assign("1e25", to: &report)?.message.contains("không phải là số") == true)
        #expect(ReportField.revenue.assign("-1", to: &report) != nil, "revenue is not negative")
        #expect(report.revenue.dong == 100_000_000_000_000, "a refused value leaves the stored one")
    }

    @Test("figures add units exactly and compute means from the exact sums and counts at the end")
    func figures() {
        // Each a double would round: 0.1 triệu + 0.2 triệu, and amounts past 2^53 đồng.
        let a = Figures([.revenue: 100_000, .reportsSubmitted: 1, .incomeSum: 62_500_000, .incomeReports: 1])
        let b = Figures([.revenue: 200_000, .reportsSubmitted: 2, .incomeSum: 125_000_001, .incomeReports: 2])
        let big = Figures([.revenue: 9_007_199_254_740_993])
        let total = Figures.total([a, b, big])
        #expect(total.amount(.revenue).dong == 9_007_199_255_040_993)
        #expect(Figures.total([a, b]).number(.revenue) == .amount(Money(dong: 300_000)))
        #expect(Figures.total([a, b])[.revenue] == 0.3)
        #expect(total.amount(.averageRevenue).dong == 3_002_399_751_680_331, "revenue over three reports")
        #expect(total.amount(.averageIncome).dong == 62_500_000, "187 500 001 đồng over three reports, to the nearest đồng")
        #expect(Figures.total([Figures([.revenue: .max]), Figures([.revenue: 1])]).amount(.revenue).dong == .max, "saturates")
        #expect(Figures([.rated: 3, .band("good"): 1, .band("fair"): 1]).goodFairPercent == 2.0 / 3 * 100)
    }
}
