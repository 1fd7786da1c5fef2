import HopTacCore
import Vapor

/// A value in a downloaded table: text, a number or a date, so that the XLSX has real numbers and dates.
protocol TableCell {
    var tableValue: XLSXWriter.Value { get }
}

extension String: TableCell { var tableValue: XLSXWriter.Value { isEmpty ? .empty : .text(self) } }
extension Int: TableCell { var tableValue: XLSXWriter.Value { .integer(self) } }
extension Double: TableCell { var tableValue: XLSXWriter.Value { .decimal(self) } }
extension Money: TableCell { var tableValue: XLSXWriter.Value { .amount(self) } }
extension FigureNumber: TableCell {
    var tableValue: XLSXWriter.Value {
        switch self {
        case .count(let count): .integer(Int(count))
        case .amount(let amount): .amount(amount)
        case .share(let share): .decimal(share)
        }
    }
}
extension Day: TableCell { var tableValue: XLSXWriter.Value { .date(self) } }
extension Optional: TableCell where Wrapped: TableCell { var tableValue: XLSXWriter.Value { self?.tableValue ?? .empty } }

/// An integer that names rather than counts: a year, a record number. It stays a number in the XLSX (sortable,
/// filterable) but is never grouped, so a year reads 2025 and not 2.025. Codes that may start with 0 (registration,
/// commune and province codes) are text, not this.
struct PlainNumber: TableCell {
    let value: Int
    init(_ value: Int) { self.value = value }
    var tableValue: XLSXWriter.Value { .plainInteger(value) }
}

extension Responses {
    /// Every list's download: CSV (UTF-8 with BOM, Vietnamese number and date forms) or XLSX (typed cells).
    static func table(_ name: String, as representation: Representation, header: [String], rows: [[any TableCell]]) throws -> Response {
        let (type, suffix) = representation == .xlsx
            ? ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx") : ("text/csv; charset=utf-8", "csv")
        return download(try tableData(name, as: representation, header: header, rows: rows), name: "\(name).\(suffix)", contentType: type)
    }

    /// The bytes of a table as XLSX or CSV, for downloads and for `hoptac export`.
    static func tableData(_ name: String, as representation: Representation, header: [String], rows: [[any TableCell]]) throws -> Data {
        let values = rows.map { $0.map(\.tableValue) }
        guard representation == .xlsx else {
            var text = CSV.byteOrderMark + CSV.line(header)
            for row in values { text += CSV.line(row.map(csvText)) }
            return Data(text.utf8)
        }
        // Column widths follow the longest value among the first rows, within reason.
        let widths = header.indices.map { column in
            min(60, max(8, values.prefix(500).reduce(header[column].count) { max($0, csvText($1.indices.contains(column) ? $1[column] : .empty).count) }) + 2)
        }
        var writer = XLSXWriter(sheetName: name, columns: zip(header, widths).map { XLSXWriter.Column($0, width: Double($1)) })
        for row in values { writer.append(row) }
        return try writer.data()
    }

    /// How a value is written in CSV: decimals as Vietnamese write them (`1.234,5`), integers, years and record numbers
    /// as plain digits, dates dd/mm/yyyy.
    static func csvText(_ value: XLSXWriter.Value) -> String {
        switch value {
        case .text(let text): text
        case .integer(let number), .plainInteger(let number): String(number)
        case .decimal(let number): VietnameseNumber.format(number, fractionDigits: 3)
        case .amount(let amount): amount.millionsText()
        case .date(let day): day.vietnamese
        case .empty: ""
        }
    }
}
