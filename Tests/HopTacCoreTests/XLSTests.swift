import Foundation
import Testing
@testable import HopTacCore

/// The parts of the .xls reader that the committed workbook (written by xlwt) cannot reach: formulas with their cached
/// values, booleans, error cells, inline strings and Excel's packed numbers. The records are built here byte by byte
/// as MS-XLS lays them out.
@Suite("Excel 97–2003 records")
struct XLSTests {
    static func record(_ type: UInt16, _ data: [UInt8]) -> [UInt8] {
        le(type) + le(UInt16(data.count)) + data
    }

    static func le(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
    static func le(_ value: UInt32) -> [UInt8] { le(UInt16(value & 0xFFFF)) + le(UInt16(value >> 16)) }
    static func le(_ value: Double) -> [UInt8] { (0..<8).map { UInt8((value.bitPattern >> (8 * UInt64($0))) & 0xFF) } }

    /// A BIFF8 string with a two-byte length; wide (UTF-16) when it has letters beyond Latin-1.
    static func string(_ text: String, lengthBytes: Int = 2) -> [UInt8] {
        let units = Array(text.utf16)
        let wide = units.contains { $0 > 0xFF }
        let length = lengthBytes == 1 ? [UInt8(units.count)] : le(UInt16(units.count))
        return length + [wide ? 1 : 0] + units.flatMap { wide ? le($0) : [UInt8($0)] }
    }

    static func cell(_ row: UInt16, _ column: UInt16, style: UInt16 = 0) -> [UInt8] { le(row) + le(column) + le(style) }

    @Test("packed RK numbers: whole numbers, hundredths, and the top bits of a double")
    func rk() {
        #expect(XLSReader.rk(UInt32(bitPattern: 45 << 2) | 2) == 45)
        #expect(XLSReader.rk(UInt32(bitPattern: -7 << 2) | 2) == -7)
        #expect(XLSReader.rk(UInt32(bitPattern: 123_450 << 2) | 3) == 1_234.5)
        let half = UInt32((1.5).bitPattern >> 32)
        #expect(XLSReader.rk(half) == 1.5)
    }

    @Test("formulas by their cached values, booleans, error cells, inline strings and 1904 dates")
    func cells() throws {
        // Globals: BOF, the 1904 date system, two styles (general; built-in date format 14), one worksheet, the
        // shared strings, EOF. The sheet's BOF sits right after.
        var globals = Self.record(0x0809, Self.le(UInt16(0x0600)) + Self.le(UInt16(0x0005)) + [UInt8](repeating: 0, count: 12))
        globals += Self.record(0x0022, Self.le(UInt16(1)))
        globals += Self.record(0x00E0, Self.le(UInt16(0)) + Self.le(UInt16(0)) + [UInt8](repeating: 0, count: 16))
        globals += Self.record(0x00E0, Self.le(UInt16(0)) + Self.le(UInt16(14)) + [UInt8](repeating: 0, count: 16))
        let sheetName = Self.string("Danh sách", lengthBytes: 1)
        let boundSheetLength = 4 + 4 + 2 + sheetName.count  // header, position, visibility and kind, name
        let sst = Self.record(0x00FC, Self.le(UInt32(1)) + Self.le(UInt32(1)) + Self.string("Tên HTX"))
        let eof = Self.record(0x000A, [])
        let sheetOffset = globals.count + boundSheetLength + sst.count + eof.count
        globals += Self.record(0x0085, Self.le(UInt32(sheetOffset)) + [0, 0] + sheetName)
        globals += sst + eof

        var sheet = Self.record(0x0809, Self.le(UInt16(0x0600)) + Self.le(UInt16(0x0010)) + [UInt8](repeating: 0, count: 12))
        sheet += Self.record(0x00FD, Self.cell(0, 0) + Self.le(UInt32(0)))
        sheet += Self.record(0x0204, Self.cell(0, 1) + Self.string("Số thành viên"))
        let formulaTail = [UInt8](repeating: 0, count: 6)
        // A number, a text result (its STRING record follows), TRUE, #DIV/0!, and a date in the 1904 system.
        sheet += Self.record(0x0006, Self.cell(1, 0) + Self.le(45.0) + formulaTail)
        sheet += Self.record(0x0006, Self.cell(1, 1) + [0, 0, 0, 0, 0, 0, 0xFF, 0xFF] + formulaTail)
        sheet += Self.record(0x0207, Self.string("Hợp tác xã Đồng Tâm"))
        sheet += Self.record(0x0006, Self.cell(1, 2) + [1, 0, 1, 0, 0, 0, 0xFF, 0xFF] + formulaTail)
        sheet += Self.record(0x0006, Self.cell(1, 3) + [2, 0, 0x07, 0, 0, 0, 0xFF, 0xFF] + formulaTail)
        sheet += Self.record(0x0203, Self.cell(1, 4, style: 1) + Self.le(40_000.0))
        sheet += Self.record(0x0205, Self.cell(3, 0) + [0x2A, 1])
        sheet += Self.record(0x0205, Self.cell(3, 1) + [0, 0])
        sheet += eof
        let stream = globals + sheet

        let workbook = try XLSReader.Globals(stream, filename: "tinh.xls")
        #expect(workbook.sheets.map(\.name) == ["Danh sách"])
        #expect(workbook.sheets[0].offset == globals.count)
        let rows = try workbook.cells(ofSheetAt: workbook.sheets[0].offset, in: stream)
        #expect(rows.map(\.number) == [1, 2, 4])
        #expect(rows[0].cells == [.text("Tên HTX"), .text("Số thành viên")])
        #expect(rows[1].cells == [.number(45), .text("Hợp tác xã Đồng Tâm"), .bool(true), .error("#DIV/0!"), .date(41_462)])
        #expect(rows[2].cells == [.error("#N/A"), .bool(false)])
        #expect(Cell.date(41_462).text == "07/07/2013", "40.000 days after 1/1/1904")
    }

    @Test("a shared string split over a CONTINUE record, which restarts with its own flags byte")
    func continuedString() throws {
        // "Hợp tác xã" (wide) split after "Hợp"; the CONTINUE part says its characters are wide again.
        let text = Array("Hợp tác xã".utf16)
        let first = Self.le(UInt32(1)) + Self.le(UInt32(1)) + Self.le(UInt16(text.count)) + [1] + text.prefix(3).flatMap { Self.le($0) }
        let second: [UInt8] = [1] + text.dropFirst(3).flatMap { Self.le($0) }
        var reader = XLSReader.PartsReader([first[...], second[...]])
        try reader.skip(8)
        #expect(try reader.string(lengthBytes: 2) == "Hợp tác xã")
        // Each part says again whether its characters are one byte or two: "H" wide, then " " and "x" narrow.
        var mixed = XLSReader.PartsReader([(Self.le(UInt16(3)) + [1] + Self.le(UInt16(0x48)))[...], [0, 0x20][...], [0, 0x78][...]])
        #expect(try mixed.string(lengthBytes: 2) == "H x")
    }

    @Test("an HTML table saved as .xls, as web systems export: entities, line breaks, merged and unclosed cells")
    func htmlTable() throws {
        let page = """
            <html xmlns:x="urn:schemas-microsoft-com:office:excel"><head><meta charset="utf-8"></head><body>
            <table><tr><td>trang trí</td></tr></table>
            <TABLE border="1">
            <tr><td colspan="3"><b>DANH S&Aacute;CH HỢP T&Aacute;C X&Atilde;</b></td><td>Năm 2025</td></tr>
            <tr><th>T&ecirc;n HTX</th><th>M&atilde; số HTX</th><th>Số th&agrave;nh vi&ecirc;n</th></tr>
            <tr><td>H&#7907;p t&#225;c x&#x E3;&nbsp;N&#244;ng nghi&#7879;p &amp; Dịch vụ<br/>Đồng  Tâm</td><td>4201100001</td><td>45</td></tr>
            <tr><td>Hợp tác xã Thạch Long<td>4201100002<td>20
            </TABLE></body></html>
            """
        let sheet = try SpreadsheetFile.read(Data(page.utf8), filename: "danh-sach.xls", sheet: "2")
        #expect(sheet.name == "Bảng 2")
        #expect(sheet.rows.map(\.number) == [1, 2, 3, 4])
        #expect(sheet.rows[0].cells == [.text("DANH SÁCH HỢP TÁC XÃ"), .empty, .empty, .text("Năm 2025")])
        #expect(sheet.rows[1].cells == [.text("Tên HTX"), .text("Mã số HTX"), .text("Số thành viên")])
        // "&#x E3;" is not an entity and stays as written.
        #expect(sheet.rows[2].cells == [.text("Hợp tác x&#x E3; Nông nghiệp & Dịch vụ Đồng Tâm"), .text("4201100001"), .text("45")])
        #expect(sheet.rows[3].cells == [.text("Hợp tác xã Thạch Long"), .text("4201100002"), .text("20")])
        #expect(try SpreadsheetFile.read(Data(page.utf8), filename: "danh-sach.xls").rows.map(\.cells) == [[.text("trang trí")]])
        // A sign-in page saved under the export's name, as a web system gives when its session has expired.
        #expect(throws: SpreadsheetError.self) { try SpreadsheetFile.read(Data("<!DOCTYPE html><html><body>Hết phiên</body></html>".utf8), filename: "x.xls") }
    }

    @Test("an XML Spreadsheet 2003 saved as .xls: sheets by name, cells placed by ss:Index, typed data, merged cells")
    func xmlSpreadsheet() throws {
        let document = """
            <?xml version="1.0" encoding="UTF-8"?>
            <?mso-application progid="Excel.Sheet"?>
            <Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"
             xmlns:html="http://www.w3.org/TR/REC-html40">
             <Worksheet ss:Name="Ghi chú"><Table><Row><Cell><Data ss:Type="String">Không dùng</Data></Cell></Row></Table></Worksheet>
             <Worksheet ss:Name="Danh sách HTX">
              <Table>
               <Row><Cell ss:MergeAcross="2"><Data ss:Type="String">DANH SÁCH HỢP TÁC XÃ</Data></Cell><Cell><Data ss:Type="String">2025</Data></Cell></Row>
               <Row ss:Index="3"><Cell><Data ss:Type="String">Tên HTX</Data></Cell><Cell ss:Index="3"><Data ss:Type="String">Ngày thành lập</Data></Cell></Row>
               <Row><Cell><ss:Data ss:Type="String" xmlns="http://www.w3.org/TR/REC-html40">Hợp tác xã <B>Đồng Tâm</B></ss:Data></Cell>
                <Cell><Data ss:Type="Number">4201100001</Data></Cell><Cell><Data ss:Type="DateTime">2015-03-02T00:00:00.000</Data></Cell>
                <Cell><Data ss:Type="Boolean">1</Data></Cell><Cell><Data ss:Type="Error">#DIV/0!</Data></Cell></Row>
               <Row><Cell><Data ss:Type="String"></Data></Cell></Row>
              </Table>
             </Worksheet>
            </Workbook>
            """
        let sheet = try SpreadsheetFile.read(Data(document.utf8), filename: "xuat.xls", sheet: "danh sach htx")
        #expect(sheet.name == "Danh sách HTX")
        #expect(sheet.rows.map(\.number) == [1, 3, 4])
        #expect(sheet.rows[0].cells == [.text("DANH SÁCH HỢP TÁC XÃ"), .empty, .empty, .text("2025")])
        #expect(sheet.rows[1].cells == [.text("Tên HTX"), .empty, .text("Ngày thành lập")])
        #expect(sheet.rows[2].cells == [.text("Hợp tác xã Đồng Tâm"), .number(4_201_100_001), .date(42_065), .bool(true), .error("#DIV/0!")])
        #expect(Cell.date(42_065).text == "02/03/2015")
        #expect(try SpreadsheetFile.read(Data(document.utf8), filename: "xuat.xls").name == "Ghi chú")
        #expect(throws: SpreadsheetError.self) { try SpreadsheetFile.read(Data(document.prefix(600).utf8), filename: "cut.xls") }
    }
}
