import Foundation
import Testing
@testable import HopTacCore

@Suite("Vietnamese text and numbers")
struct TextTests {
    @Test("folding removes diacritics and turns đ/Đ into d")
    func folding() {
        #expect(foldForSearch("Hợp tác xã Đồng Tâm") == "hop tac xa dong tam")
        #expect(foldForSearch("  ĐẶNG   thị—Ngọc, (HTX)  ") == "dang thi ngoc htx")
        #expect(foldForSearch("Quỹ tín dụng nhân dân Thạch Hà 3001234567") == "quy tin dung nhan dan thach ha 3001234567")
        #expect(searchTerms("hợp tác xã đồng") == ["hop", "tac", "xa", "dong"])
        #expect(searchTerms(String(repeating: "a ", count: 50)).count == 8)
        // Text pasted in decomposed form (letter + combining marks), no-break spaces, other scripts and symbols.
        #expect(foldForSearch("Ho\u{031B}\u{0323}p ta\u{0301}c\u{00A0}xa\u{0303}") == "hop tac xa")
        #expect(foldForSearch("合作社 Σπάρτη") == "合作社 σπαρτη")
        // The table-driven folding agrees with Foundation's transforms, letter by letter.
        func reference(_ text: String) -> String {
            var folded = ""
            var pendingSpace = false
            for scalar in text.replacingOccurrences(of: "đ", with: "d").replacingOccurrences(of: "Đ", with: "D")
                .decomposedStringWithCanonicalMapping.lowercased().unicodeScalars {
                let properties = scalar.properties
                if properties.generalCategory == .nonspacingMark { continue }
                if properties.isAlphabetic || properties.numericType != nil {
                    if pendingSpace && !folded.isEmpty { folded.append(" ") }
                    pendingSpace = false
                    folded.unicodeScalars.append(scalar)
                } else {
                    pendingSpace = true
                }
            }
            return folded
        }
        let latin = (0x20...0x24F).compactMap(Unicode.Scalar.init).map(String.init).joined(separator: " ")
        let vietnamese = (0x1E00...0x1EFF).compactMap(Unicode.Scalar.init).map(String.init).joined()
        for text in [latin, vietnamese, "Ǆ Ørsted ß №5 café² ½", "Ngọc\u{0301}Hà"] {
            #expect(foldForSearch(text) == reference(text))
        }
        #expect(foldForSearch("") == "")
        #expect(foldForSearch(" —, ") == "")
    }

    @Test("whitespace is trimmed and collapsed, including no-break and ideographic spaces")
    func whitespace() {
        #expect(" \t Hợp tác xã \r\n".trimmed == "Hợp tác xã")
        #expect("\u{00A0}\u{3000}".trimmed == "")
        #expect("Hợp  tác\n\txã\u{00A0}Đồng Tâm ".collapsingSpaces == "Hợp tác xã Đồng Tâm")
        #expect("Đã sạch".collapsingSpaces == "Đã sạch")
        #expect(" đầu".collapsingSpaces == "đầu")
        #expect("".collapsingSpaces == "")
    }

    @Test("numbers are written 1.234,5")
    func formatting() {
        #expect(VietnameseNumber.format(1234567) == "1.234.567")
        #expect(VietnameseNumber.format(-1234) == "-1.234")
        #expect(VietnameseNumber.format(999) == "999")
        #expect(VietnameseNumber.format(1234.5) == "1.234,5")
        #expect(VietnameseNumber.format(1234.0) == "1.234")
        #expect(VietnameseNumber.format(0.05, fractionDigits: 2) == "0,05")
        #expect(VietnameseNumber.format(1500.125, fractionDigits: 3) == "1.500,125")
    }

    @Test("numbers as officials type them are read")
    func parsing() {
        #expect(VietnameseNumber.parse("1.234,5") == 1234.5)
        #expect(VietnameseNumber.parse("1,234.5") == 1234.5)
        #expect(VietnameseNumber.parse("1.234.567") == 1234567)
        #expect(VietnameseNumber.parse("1.500") == 1500)
        #expect(VietnameseNumber.parse("12,5") == 12.5)
        #expect(VietnameseNumber.parse("1234.56") == 1234.56)
        #expect(VietnameseNumber.parse(" 2 500 ") == 2500)
        #expect(VietnameseNumber.parse("-3") == -3)
        #expect(VietnameseNumber.parse("abc") == nil)
        #expect(VietnameseNumber.parse("1.2.3,4,5") == nil)
        #expect(VietnameseNumber.parse("") == nil)
    }

    @Test("dates are read as dd/mm/yyyy and stored as yyyy-mm-dd")
    func days() {
        #expect(Day(vietnamese: "05/01/2020")?.iso == "2020-01-05")
        #expect(Day(vietnamese: "5/1/2020")?.vietnamese == "05/01/2020")
        #expect(Day(vietnamese: "29/02/2023") == nil)
        #expect(Day(vietnamese: "29/02/2024") != nil)
        #expect(Day(vietnamese: "01/13/2024") == nil)
        #expect(Day(iso: "2025-07-01")?.vietnamese == "01/07/2025")
        #expect(Day(iso: "2025-7") == nil)
        #expect(Day(iso: "2025-06-30")! < Day(iso: "2025-07-01")!)
        #expect(Day(iso: "2024-12-31")!.adding(days: 1).iso == "2025-01-01")
    }
}

@Suite("CSV")
struct CSVTests {
    @Test("quoted fields, doubled quotes, CRLF and a byte order mark")
    func roundTrip() {
        let rows = [["Tên", "Ghi chú"], ["HTX \"Đồng Tâm\"", "dòng 1\ndòng 2"], ["a,b", ""]]
        let text = CSV.byteOrderMark + rows.map(CSV.line).joined()
        #expect(CSV.parse(text) == rows)
        #expect(CSV.line(["x", "y,z"]) == "x,\"y,z\"\r\n")
        #expect(CSV.parseRecords("a,b\n1,2\n\n3\n") == [["a": "1", "b": "2"], ["a": "3", "b": ""]])
    }

    @Test("a blank line keeps its place, so row numbers in messages are those a spreadsheet shows")
    func blankLines() throws {
        #expect(CSV.parse("a\n\nb\r\n\r\nc") == [["a"], [""], ["b"], [""], ["c"]])
        let sheet = try SpreadsheetFile.read(Data("Tiêu đề\n\nTên,Mã\nHTX A,1\n".utf8), filename: "x.csv")
        #expect(sheet.rows.map(\.number) == [1, 2, 3, 4] && sheet.rows[3].cells.first == .text("HTX A"))
    }

    @Test("the separator is the one that splits the first line most, with CRLF line ends")
    func separators() {
        let semicolons = "Tên;Vốn\r\n\"HTX; Đồng Tâm\";1.234,5\r\n"
        #expect(CSV.guessSeparator(semicolons) == ";")
        #expect(CSV.parse(semicolons, separator: ";") == [["Tên", "Vốn"], ["HTX; Đồng Tâm", "1.234,5"]])
        // Only the first line counts, even when later lines hold more commas.
        #expect(CSV.guessSeparator("a\tb\tc\r\nx,y,z,w,v\r\n") == "\t")
    }

    @Test("CSV as Excel saves it on Vietnamese Windows: Windows-1258 with separate tone marks, and UTF-16 “Unicode Text”")
    func excelEncodings() throws {
        // "Tên HTX,Xã\r\nHợp tác xã Đồng Tiến,Hương Cần\r\n" as Windows-1258 bytes, written out by hand: ơ is 0xF5 and the
        // dot below under it the combining 0xF2; ê 0xEA; ã is a + combining tilde 0xDE; Đ 0xD0; ồ is ô 0xF4 + grave 0xCC;
        // ế is ê + acute 0xEC; ư 0xFD; ơ 0xF5; ầ is â 0xE2 + grave 0xCC.
        var windows: [UInt8] = Array("T".utf8) + [0xEA] + Array("n HTX,X".utf8) + [0x61, 0xDE] + [0x0D, 0x0A]
        windows += Array("H".utf8) + [0xF5, 0xF2] + Array("p t".utf8) + [0x61, 0xEC] + Array("c x".utf8) + [0x61, 0xDE] + Array(" ".utf8)
        windows += [0xD0, 0xF4, 0xCC] + Array("ng Ti".utf8) + [0xEA, 0xEC] + Array("n,H".utf8) + [0xFD, 0xF5] + Array("ng C".utf8) + [0xE2, 0xCC] + Array("n".utf8) + [0x0D, 0x0A]
        let sheet = try SpreadsheetFile.read(Data(windows), filename: "excel-ansi.csv")
        #expect(sheet.rows.map(\.cells) == [[.text("Tên HTX"), .text("Xã")], [.text("Hợp tác xã Đồng Tiến"), .text("Hương Cần")]])
        // Composed, so that it equals the name typed anywhere else, character for character.
        // Swift compares strings up to canonical equivalence, so the scalars are compared.
        #expect(Array(sheet.rows[1].cells[0].text.unicodeScalars) == Array("Hợp tác xã Đồng Tiến".precomposedStringWithCanonicalMapping.unicodeScalars))

        let unicodeText = Data([0xFF, 0xFE]) + "Tên HTX\tVốn điều lệ\r\nHợp tác xã Đồng Tiến\t1.234,5\r\n".data(using: .utf16LittleEndian)!
        let tabbed = try SpreadsheetFile.read(unicodeText, filename: "unicode.txt")
        #expect(tabbed.rows.map(\.cells) == [[.text("Tên HTX"), .text("Vốn điều lệ")], [.text("Hợp tác xã Đồng Tiến"), .text("1.234,5")]])

        // UTF-8 with one damaged byte is not taken for Windows-1258: it would turn every "ệ" into "á»‡".
        let damaged = Data("Tên,Mã\nHợp tác xã Việt,1".utf8) + Data([0xC3, 0x28])
        #expect(throws: SpreadsheetError.self) { try SpreadsheetFile.read(damaged, filename: "hong.csv") }
        // A byte Windows-1258 leaves undefined (0x81) means some other encoding.
        #expect(throws: SpreadsheetError.self) { try SpreadsheetFile.read(Data([0x54, 0x81, 0x6E, 0x0A]), filename: "la.csv") }
    }
}

@Suite("Formula guard")
struct FormulaGuardTests {
    @Test("text that starts like a formula gains an apostrophe; numbers and ordinary text are left alone")
    func inert() {
        #expect(FormulaGuard.inert("=1+1") == "'=1+1")
        #expect(FormulaGuard.inert("+84 912 345 678") == "'+84 912 345 678")
        #expect(FormulaGuard.inert("@SUM(A1)") == "'@SUM(A1)")
        #expect(FormulaGuard.inert("-lệnh") == "'-lệnh")
        #expect(FormulaGuard.inert("\tx") == "'\tx")
        #expect(FormulaGuard.inert("-12,5") == "-12,5")
        #expect(FormulaGuard.inert("-1.234.567") == "-1.234.567")
        #expect(FormulaGuard.inert("Hợp tác xã = mô hình") == "Hợp tác xã = mô hình")
        #expect(FormulaGuard.inert("") == "")
    }
}
