import Foundation
import Testing
@testable import HopTacCore

@Suite("Size classes and dormancy")
struct SizeAndDormancyTests {
    @Test("agriculture at its thresholds", arguments: [
        (300, 50_000.0, 0.0, SizeClass.large),
        (300, 0, 10_000, .large),
        (299, 50_000, 10_000, .medium),
        (300, 49_999, 9_999, .medium),
        (200, 10_000, 0, .medium),
        (200, 9_999, 4_999, .small),
        (50, 0, 1_000, .small),
        (50, 1_999, 999, .micro),
        (49, 90_000, 90_000, .micro),
    ])
    func agriculture(members: Int, revenue: Double, capital: Double, expected: SizeClass) {
        #expect(SizeClass.classify(sector: .agriculture, members: members, revenue: revenue, capital: capital) == expected)
    }

    @Test("industry and construction need fewer members for large; unconfirmed rows are marked")
    func otherSectors() {
        #expect(SizeClass.classify(sector: .industryConstruction, members: 100, revenue: 80_000, capital: 0) == .large)
        #expect(SizeClass.classify(sector: .industryConstruction, members: 100, revenue: 79_999, capital: 19_999) == .medium)
        #expect(SizeClass.classify(sector: .tradeServices, members: 10, revenue: 1e9, capital: 1e9) == .micro)
        let rows = SizeClassTable.standard.rows
        #expect(rows[.agriculture]!.allSatisfy { !$0.assumed })
        #expect(rows[.tradeServices]!.allSatisfy(\.assumed) && rows[.financeBanking]!.allSatisfy(\.assumed))
        #expect(Sector.allCases.allSatisfy { rows[$0]?.count == 3 })
        #expect(SizeClass.large.label == "Lớn")
    }

    let asOf = day(2026, 1, 10)

    @Test("no report for the last two closed years")
    func missingReports() {
        let flags = Dormancy.flags(reportYears: [2022, 2023], registeredOn: day(2019, 5, 1), suspendedSince: nil, lastReport: nil, asOf: asOf)
        #expect(flags == [.init(kind: .noReports, message: "Không nộp báo cáo hằng năm 2 năm liên tiếp (2024, 2025).")])
        // On 15/12/2025 the 2025 report is not yet late, and 2023 was filed.
        #expect(Dormancy.flags(reportYears: [2023], registeredOn: nil, suspendedSince: nil, lastReport: nil, asOf: day(2025, 12, 15)).isEmpty)
        #expect(Dormancy.flags(reportYears: [], registeredOn: day(2025, 3, 1), suspendedSince: nil, lastReport: nil, asOf: asOf).isEmpty)
        #expect(Dormancy.flags(reportYears: [2024], registeredOn: nil, suspendedSince: nil, lastReport: nil, asOf: asOf).isEmpty)
    }

    @Test("suspended longer than the limit")
    func longSuspension() {
        func kinds(_ since: Day, rules: Dormancy.Rules = .init()) -> [String] {
            Dormancy.flags(reportYears: [2024, 2025], registeredOn: nil, suspendedSince: since, lastReport: nil, asOf: asOf, rules: rules).map(\.message)
        }
        #expect(kinds(day(2023, 12, 1)) == ["Tạm ngừng hoạt động từ 01/12/2023, đã 25 tháng (quá 24 tháng)."])
        #expect(kinds(day(2024, 1, 10)).isEmpty, "exactly 24 months is within the limit")
        var strict = Dormancy.Rules()
        strict.maximumSuspensionMonths = 12
        #expect(kinds(day(2024, 12, 9), rules: strict) == ["Tạm ngừng hoạt động từ 09/12/2024, đã 13 tháng (quá 12 tháng)."])
    }

    @Test("no revenue and no service to members")
    func noActivity() {
        var report = AnnualReport(organizationId: 3, year: 2025)
        report.officialMembers = 9
        let flags = Dormancy.flags(reportYears: [2024, 2025], registeredOn: nil, suspendedSince: nil, lastReport: report, asOf: asOf)
        #expect(flags.map(\.message) == ["Báo cáo năm 2025 không có doanh thu và không cung cấp dịch vụ nào cho thành viên."])
        report.servicesToMembers = 1
        #expect(Dormancy.flags(reportYears: [2024, 2025], registeredOn: nil, suspendedSince: nil, lastReport: report, asOf: asOf).isEmpty)
    }
}

@Suite("Stored self-assessed points")
struct SelfAssessedStorageTests {
    @Test("written sorted, read back, and read from what a JSON coder wrote")
    func roundTrip() throws {
        var report = AnnualReport(organizationId: 1, year: 2025)
        report.selfAssessedPoints = ["TC8": 5, "TC10": 6.5, "TC15": 0]
        #expect(report.selfAssessedJSON == #"{"TC10":6.5,"TC15":0.0,"TC8":5.0}"#)
        #expect(AnnualReport.selfAssessedPoints(fromJSON: report.selfAssessedJSON) == report.selfAssessedPoints)
        let coded = String(decoding: try JSONEncoder().encode(["TC11": 7.25, "TC9": 3]), as: UTF8.self)
        #expect(AnnualReport.selfAssessedPoints(fromJSON: coded) == ["TC11": 7.25, "TC9": 3])
        #expect(AnnualReport.selfAssessedPoints(fromJSON: "{}").isEmpty && AnnualReport.selfAssessedPoints(fromJSON: " { \"TC8\" : 4 } ") == ["TC8": 4])
    }
}
