import HopTacCore

/// The first step of every yearly sheet import: read the sheet, report what the reader found wrong by row and column,
/// and say when nothing is under the header. The import then checks the rows against the database.
struct YearlySheetImport<Reader: YearlySheetReader> {
    let rows: [Reader.Row]
    var report: ImportReport
    private let titles: [Reader.Field: String]

    init(_ sheet: Sheet, reader: Reader, filename: String, year: Int?, dryRun: Bool) throws {
        let (rows, problems) = try reader.read(sheet, year: year, years: 2000...(Day.today().year + 1))
        self.rows = rows
        titles = reader.titles(of: sheet)
        report = ImportReport(filename: filename, sheet: sheet.name, rows: rows.count + Set(problems.map(\.row)).count, created: 0, updated: 0,
                              unchanged: 0, problems: [], dryRun: dryRun, columns: reader.columnUse(of: sheet))
        for found in problems { problem(found.row, found.field, found.value, found.reason) }
        if rows.isEmpty, problems.isEmpty { problem(0, Reader.keyField, "", "Tệp không có dòng dữ liệu nào dưới dòng tiêu đề.") }
    }

    /// Nothing can be written: the sheet is empty or a row could not be read.
    var failed: Bool { !report.problems.isEmpty }

    mutating func problem(_ row: Int, _ field: Reader.Field, _ value: String, _ reason: String) {
        report.problems.append(ImportProblem(row: row, column: titles[field] ?? Reader.label(of: field), value: value, reason: reason))
    }
}
