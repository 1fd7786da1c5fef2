/// A column of a population sheet: the statistics office's table of each commune's population in a year.
public enum PopulationField: String, CaseIterable, Sendable {
    case commune, name, year, population

    public var label: String {
        switch self {
        case .commune: "Mã xã"
        case .name: "Tên xã, phường"
        case .year: "Năm"
        case .population: "Dân số (người)"
        }
    }

    /// Headers officials write for the field (folded, without bracketed units).
    var aliases: [String] {
        switch self {
        case .commune: ["ma xa", "ma xa phuong", "ma don vi", "ma dvhc", "ma don vi hanh chinh", "ma"]
        case .name: ["ten xa", "ten xa phuong", "ten don vi", "xa, phuong", "xa phuong", "don vi"]
        case .year: ["nam"]
        case .population: ["dan so", "tong dan so", "dan so trung binh", "quy mo dan so", "so dan"]
        }
    }

    static func of(_ title: String) -> PopulationField? {
        let folded = foldForSearchWithoutBrackets(title)
        return allCases.first { $0.aliases.contains(folded) || foldForSearchWithoutBrackets($0.label) == folded }
    }
}

/// One commune's population in a year, as typed in a sheet and checked.
public struct PopulationInput: Sendable, Equatable {
    public let row: Int
    public let communeCode: String
    public let year: Int
    public let population: Int64

    /// The most people one commune may hold: the largest wards have a few hundred thousand.
    public static let largest: Int64 = 5_000_000

    public init(row: Int, communeCode: String, year: Int, population: Int64) {
        self.row = row
        self.communeCode = communeCode
        self.year = year
        self.population = population
    }
}

/// Reads a population table: a header naming the commune's code and the population, a year column or one year for
/// the whole sheet, then one row per commune. Codes typed as numbers lose their leading zeros; they are put back.
public struct PopulationSheet: YearlySheetReader {
    public typealias Problem = SheetProblem<PopulationField>
    public static let keyField = PopulationField.commune
    public static func label(of field: PopulationField) -> String { field.label }

    public init() {}

    private func header(of sheet: Sheet) -> Sheet.Header<PopulationField>? {
        sheet.header(naming: [.commune, .population], field: PopulationField.of)
    }

    public func titles(of sheet: Sheet) -> [PopulationField: String] { header(of: sheet)?.titles ?? [:] }

    public func columnUse(of sheet: Sheet) -> [ImportColumn] {
        guard let header = header(of: sheet) else { return [] }
        return header.cells.enumerated().compactMap { column, cell in
            cell.text.trimmed.isEmpty ? nil : ImportColumn(title: cell.text.trimmed, use: header.columns[column]?.label)
        }
    }

    /// The rows and the problems with them; `year` is the sheet's year when it has no year column. A commune given
    /// twice for one year is refused: which figure is right is for the official to say.
    public func read(_ sheet: Sheet, year: Int?, years: ClosedRange<Int>) throws -> (rows: [PopulationInput], problems: [Problem]) {
        guard let header = header(of: sheet) else {
            throw SpreadsheetError("Không tìm thấy dòng tiêu đề: cần cột “Mã xã” (mã đơn vị hành chính 2025) và cột “Dân số”.")
        }
        guard year != nil || header.columns.values.contains(.year) else {
            throw SpreadsheetError("Tệp không có cột “Năm”: hãy chọn năm của số liệu dân số.")
        }
        var rows: [PopulationInput] = [], problems: [Problem] = []
        var seen: [String: Int] = [:]
        for (number, texts) in sheet.records(under: header, key: .commune) {
            func problem(_ field: PopulationField, _ reason: String) {
                problems.append(Problem(row: number, field: field, value: texts[field]?.trimmed ?? "", reason: reason))
            }
            var code = (texts[.commune] ?? "").trimmed
            if !code.isEmpty, code.count < 5, code.allSatisfy { $0.isASCII && $0.isNumber } { code = String(repeating: "0", count: 5 - code.count) + code }
            if code.isEmpty { problem(.commune, "cần ghi mã xã (5 chữ số, mã 2025).") } else if code.count != 5 || !code.allSatisfy { $0.isASCII && $0.isNumber } {
                problem(.commune, "mã xã phải gồm 5 chữ số.")
            }
            var rowYear = year
            if let raw = texts[.year]?.trimmed, !raw.isEmpty {
                rowYear = Int(raw)
                if rowYear == nil { problem(.year, "không phải là năm.") }
            }
            if let value = rowYear, !years.contains(value) { problem(.year, "phải từ \(years.lowerBound) đến \(years.upperBound).") }
            let raw = (texts[.population] ?? "").trimmed
            let population = VietnameseNumber.parse(raw)
            if raw.isEmpty { problem(.population, "cần ghi số dân.") } else if let population {
                if population != population.rounded() || population < 1 || population > Double(PopulationInput.largest) {
                    problem(.population, "phải là số nguyên từ 1 đến \(VietnameseNumber.format(Double(PopulationInput.largest))) người.")
                }
            } else {
                problem(.population, "không phải là số (ví dụ 12.345).")
            }
            guard let value = rowYear, years.contains(value), let population, population >= 1, population <= Double(PopulationInput.largest),
                  code.count == 5 else { continue }
            if let earlier = seen["\(code)/\(value)"] {
                problem(.commune, "xã này đã có số dân năm \(value) ở dòng \(earlier).")
                continue
            }
            seen["\(code)/\(value)"] = number
            rows.append(PopulationInput(row: number, communeCode: code, year: value, population: Int64(population.rounded())))
        }
        return (rows, problems)
    }
}
