import Foundation

/// Reads Excel 97–2003 workbooks (.xls, BIFF8), which many offices still keep: shared and inline strings, numbers
/// (including Excel's packed "RK" form), dates by their cell format, booleans, errors, and formulas by their cached
/// values. A password-protected .xlsx arrives in the same container and is recognised here.
enum XLSReader {
    static func read(_ data: Data, filename: String, sheet wanted: String?) throws -> Sheet {
        let damaged = SpreadsheetError("Tệp “\(filename)” bị hỏng hoặc không đầy đủ (không mở được như bảng tính Excel .xls).")
        let container: CompoundFile
        do { container = try CompoundFile(data) } catch { throw damaged }
        if container.contains("EncryptedPackage") || container.contains("EncryptionInfo") {
            throw SpreadsheetError("Tệp “\(filename)” được đặt mật khẩu. Hãy bỏ mật khẩu rồi tải lại.")
        }
        if container.contains("Book") && !container.contains("Workbook") {
            throw SpreadsheetError("Tệp “\(filename)” là định dạng Excel 5.0/95 quá cũ. Hãy mở bằng Excel và lưu lại dạng .xlsx.")
        }
        guard container.contains("Workbook") else {
            // Another Office 97–2003 document, such as a .doc.
            throw SpreadsheetError("Tệp “\(filename)” không phải bảng tính Excel (.xls hoặc .xlsx).")
        }
        do {
            let stream = try container.stream("Workbook") ?? []
            let workbook = try Globals(stream, filename: filename)
            let index = try SpreadsheetFile.sheetIndex(wanted, among: workbook.sheets.map(\.name))
            return Sheet(name: workbook.sheets[index].name, rows: try workbook.cells(ofSheetAt: workbook.sheets[index].offset, in: stream))
        } catch is CompoundFile.Damaged {
            throw damaged
        }
    }

    /// One BIFF record: its type and its data, with the data of any CONTINUE records after it kept apart, because a
    /// string split over them starts each part with its own flags byte.
    struct Record {
        let type: UInt16
        let parts: [ArraySlice<UInt8>]
        var data: ArraySlice<UInt8> { parts[0] }
    }

    /// The records from `offset` up to and including the next EOF.
    static func records(_ stream: [UInt8], from offset: Int) throws -> [Record] {
        var records: [Record] = []
        var position = offset
        while position + 4 <= stream.count {
            let type = CompoundFile.u16(stream, position)
            let length = Int(CompoundFile.u16(stream, position + 2))
            guard position + 4 + length <= stream.count else { throw CompoundFile.Damaged() }
            let data = stream[(position + 4)..<(position + 4 + length)]
            position += 4 + length
            if type == 0x003C, let last = records.popLast() {
                records.append(Record(type: last.type, parts: last.parts + [data]))
            } else {
                records.append(Record(type: type, parts: [data]))
            }
            if type == 0x000A { return records }
        }
        throw CompoundFile.Damaged()
    }

    /// The workbook part: sheet names and positions, shared strings, and which cell formats show dates.
    struct Globals {
        var sheets: [(name: String, offset: Int)] = []
        var strings: [String] = []
        var dateFormats: Set<Int> = []
        var formatOfStyle: [Int] = []
        var dateOffset = 0.0

        init(_ stream: [UInt8], filename: String) throws {
            var customFormats: [Int: String] = [:]
            for record in try XLSReader.records(stream, from: 0) {
                var reader = PartsReader(record.parts)
                switch record.type {
                case 0x0809:
                    if try reader.u16() != 0x0600 {
                        throw SpreadsheetError("Tệp “\(filename)” là định dạng Excel quá cũ. Hãy mở bằng Excel và lưu lại dạng .xlsx.")
                    }
                case 0x002F:
                    throw SpreadsheetError("Tệp “\(filename)” được đặt mật khẩu. Hãy bỏ mật khẩu rồi tải lại.")
                case 0x0022:
                    // The 1904 date system counts days from 1/1/1904; cells keep the 1900 system's serials.
                    if try reader.u16() == 1 { dateOffset = 1_462 }
                case 0x041E:
                    let id = Int(try reader.u16())
                    customFormats[id] = try reader.string(lengthBytes: 2)
                case 0x00E0:
                    try reader.skip(2)
                    formatOfStyle.append(Int(try reader.u16()))
                case 0x0085:
                    let offset = Int(try reader.u32())
                    _ = try reader.u8()
                    let kind = try reader.u8()
                    let name = try reader.string(lengthBytes: 1)
                    if kind == 0 { sheets.append((name, offset)) }
                case 0x00FC:
                    try reader.skip(4)
                    let unique = Int(try reader.u32())
                    // Each string takes at least three bytes: a damaged count cannot reserve more than the record holds.
                    strings.reserveCapacity(min(unique, record.parts.reduce(0) { $0 + $1.count } / 3))
                    for _ in 0..<unique { strings.append(try reader.string(lengthBytes: 2)) }
                default: break
                }
            }
            dateFormats = Set(formatOfStyle.indices.filter { NumberFormat.isDate(id: formatOfStyle[$0], code: customFormats[formatOfStyle[$0]]) })
            guard !sheets.isEmpty else { throw SpreadsheetError("Bảng tính “\(filename)” không có trang tính nào.") }
        }

        /// A worksheet's cells, row by row, each row as long as its last cell.
        func cells(ofSheetAt offset: Int, in stream: [UInt8]) throws -> [(number: Int, cells: [Cell])] {
            var rows: [Int: [Int: Cell]] = [:]
            func number(_ value: Double, style: Int) -> Cell { dateFormats.contains(style) ? .date(value + dateOffset) : .number(value) }
            var pendingFormula: (row: Int, column: Int)?
            for record in try XLSReader.records(stream, from: offset) {
                var reader = PartsReader(record.parts)
                if record.type == 0x0207, let cell = pendingFormula {
                    rows[cell.row, default: [:]][cell.column] = .text(try reader.string(lengthBytes: 2))
                    pendingFormula = nil
                    continue
                }
                guard [0x00FD, 0x0203, 0x027E, 0x00BD, 0x0204, 0x0205, 0x0006].contains(record.type) else { continue }
                let row = Int(try reader.u16()), column = Int(try reader.u16())
                func set(_ cell: Cell, at column: Int) { rows[row, default: [:]][column] = cell }
                switch record.type {
                case 0x00FD:
                    _ = try reader.u16()
                    let index = Int(try reader.u32())
                    guard index < strings.count else { throw CompoundFile.Damaged() }
                    set(.text(strings[index]), at: column)
                case 0x0203:
                    let style = Int(try reader.u16())
                    set(number(try reader.f64(), style: style), at: column)
                case 0x027E:
                    let style = Int(try reader.u16())
                    set(number(XLSReader.rk(try reader.u32()), style: style), at: column)
                case 0x00BD:
                    // Several packed numbers in a row: (style, value) pairs, then the last column's index.
                    for index in 0..<max(0, (record.data.count - 6) / 6) {
                        let style = Int(try reader.u16())
                        set(number(XLSReader.rk(try reader.u32()), style: style), at: column + index)
                    }
                case 0x0204:
                    _ = try reader.u16()
                    set(.text(try reader.string(lengthBytes: 2)), at: column)
                case 0x0205:
                    _ = try reader.u16()
                    let value = try reader.u8(), isError = try reader.u8() == 1
                    set(isError ? .error(XLSReader.errorText(value)) : .bool(value == 1), at: column)
                default:
                    // A formula's last computed value: a number, or a marker for text (in the STRING record that
                    // follows), a boolean, an error or nothing.
                    let style = Int(try reader.u16())
                    let result = try (0..<8).map { _ in try reader.u8() }
                    if result[6] != 0xFF || result[7] != 0xFF {
                        set(number(Double(bitPattern: result.reversed().reduce(0) { $0 << 8 | UInt64($1) }), style: style), at: column)
                    } else if result[0] == 0 {
                        pendingFormula = (row, column)
                    } else if result[0] == 1 {
                        set(.bool(result[2] == 1), at: column)
                    } else if result[0] == 2 {
                        set(.error(XLSReader.errorText(result[2])), at: column)
                    }
                }
            }
            return rows.keys.sorted().compactMap { row in
                guard let cells = rows[row], let last = cells.keys.max() else { return nil }
                let line = (0...last).map { cells[$0] ?? .empty }
                return line.allSatisfy(\.isEmpty) ? nil : (number: row + 1, cells: line)
            }
        }
    }

    /// Excel's packed number: a 30-bit integer or the top 30 bits of a double, possibly scaled by 100.
    static func rk(_ value: UInt32) -> Double {
        let number = value & 2 != 0 ? Double(Int32(bitPattern: value) >> 2) : Double(bitPattern: UInt64(value & 0xFFFF_FFFC) << 32)
        return value & 1 != 0 ? number / 100 : number
    }

    static func errorText(_ code: UInt8) -> String {
        switch code {
        case 0x00: "#NULL!"
        case 0x07: "#DIV/0!"
        case 0x0F: "#VALUE!"
        case 0x17: "#REF!"
        case 0x1D: "#NAME?"
        case 0x24: "#NUM!"
        default: "#N/A"
        }
    }

    /// Reads a record's data across its CONTINUE parts.
    struct PartsReader {
        private let parts: [ArraySlice<UInt8>]
        private var part = 0
        private var position: Int

        init(_ parts: [ArraySlice<UInt8>]) {
            self.parts = parts
            position = parts[0].startIndex
        }

        /// Moves to the next non-empty part when this one is used up; true when it moved.
        private mutating func nextPartIfAtEnd() throws -> Bool {
            var moved = false
            while position >= parts[part].endIndex {
                part += 1
                guard part < parts.count else { throw CompoundFile.Damaged() }
                position = parts[part].startIndex
                moved = true
            }
            return moved
        }

        mutating func u8() throws -> UInt8 {
            _ = try nextPartIfAtEnd()
            defer { position += 1 }
            return parts[part][position]
        }

        mutating func u16() throws -> UInt16 { UInt16(try u8()) | UInt16(try u8()) << 8 }
        mutating func u32() throws -> UInt32 { UInt32(try u16()) | UInt32(try u16()) << 16 }
        mutating func f64() throws -> Double { Double(bitPattern: UInt64(try u32()) | UInt64(try u32()) << 32) }
        mutating func skip(_ count: Int) throws { for _ in 0..<count { _ = try u8() } }

        /// A BIFF8 string: its length (in one or two bytes), a flags byte (two-byte characters, rich-text runs,
        /// East Asian phonetic data), the characters, then the runs and phonetic data, which are skipped. Where the
        /// characters run into the next CONTINUE part, that part starts with a new flags byte.
        mutating func string(lengthBytes: Int) throws -> String {
            let length = lengthBytes == 1 ? Int(try u8()) : Int(try u16())
            let flags = try u8()
            var wide = flags & 0x01 != 0
            let runs = flags & 0x08 != 0 ? Int(try u16()) : 0
            let phonetic = flags & 0x04 != 0 ? Int(try u32()) : 0
            var units: [UInt16] = []
            units.reserveCapacity(length)
            while units.count < length {
                if try nextPartIfAtEnd() {
                    wide = parts[part][position] & 0x01 != 0
                    position += 1
                }
                units.append(wide ? try u16() : UInt16(try u8()))
            }
            try skip(4 * runs + phonetic)
            return String(decoding: units, as: UTF16.self)
        }
    }
}
