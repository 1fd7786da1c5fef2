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
}
