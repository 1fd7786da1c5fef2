import Foundation

/// Reads annual reports from a sheet as provinces collect them: one row per organisation, found by its registration
/// code, with a column per report field under its Vietnamese label (or its key), and self-assessed points under the
/// rubric line's code ("TC8"). A title block above the header row and blank rows are skipped.
public struct ReportSheet: Sendable {
    public struct Row: Sendable {
        public let number: Int
        public let registrationCode: String
        /// The report's year when the sheet has a "Năm" column.
        public let year: Int?
        /// Form keys (`revenue`, `self.TC8`) → (column title, value as typed), the shape `ReportStore` reads; amounts
        /// of a column that states its unit ("Doanh thu (đồng)") already in triệu đồng, as the form has them.
        public let values: [String: (title: String, text: String)]
        /// Amounts that could not be read in the unit their column states: (column title, value, reason).
        public let problems: [(title: String, text: String, reason: String)]
    }

    /// Codes of the rubric lines that may appear as columns.
    let selfAssessedCodes: [String]

    public init(selfAssessedCodes: [String]) {
        self.selfAssessedCodes = selfAssessedCodes
    }

    enum Column: Equatable { case code, year, value(String) }

    /// Headers officials write for the fields besides the form's own labels (folded, without bracketed units).
    static let aliases: [String: ReportField] = [
        "so thanh vien": .officialMembers, "thanh vien chinh thuc": .officialMembers, "thanh vien lien ket": .associateMembers,
        "lao dong": .workers, "so lao dong": .workers, "lao dong thuong xuyen": .workers,
        "von dieu le": .charterCapital, "tong von": .totalCapital, "tai san": .totalAssets, "tong tai san": .totalAssets,
        "tong doanh thu": .revenue, "loi nhuan": .pretaxProfit, "thu nhap binh quan": .averageIncome,
        "tham gia chuoi gia tri": .valueChain, "lien ket chuoi": .valueChain, "chuoi gia tri": .valueChain,
        "cong nghe cao": .highTech, "san pham ocop": .ocopProducts, "so sao ocop": .ocopBestStars,
        "so thang hoat dong": .monthsOperated, "so thang tam ngung": .monthsSuspended,
    ]

    func meaning(of title: String) -> Column? {
        let folded = foldForSearchWithoutBrackets(title)
        if ["ma so htx", "ma so", "ma so to chuc", "registration code", "registration_code", "ma so dang ky"].contains(folded) { return .code }
        if ["nam", "nam bao cao", "year"].contains(folded) { return .year }
        for field in ReportField.allCases where folded == foldForSearch(field.label) || folded == field.rawValue.replacingOccurrences(of: "_", with: " ") || title.trimmed == field.rawValue {
            return .value(field.rawValue)
        }
        if let field = Self.aliases[folded] { return .value(field.rawValue) }
        if let code = selfAssessedCodes.first(where: { foldForSearch($0) == folded || folded.hasPrefix(foldForSearch($0) + " ") }) { return .value("self.\(code)") }
        return nil
    }

    /// The header (the first row, within 30, with a registration-code column and a field): its index, and each
    /// column's meaning and title. Nil when the sheet has none.
    private func header(of sheet: Sheet) -> (index: Int, cells: [Cell], columns: [Int: (Column, String)])? {
        for (index, header) in sheet.rows.prefix(30).enumerated() {
            var columns: [Int: (Column, String)] = [:]
            for (column, cell) in header.cells.enumerated() {
                if let meaning = meaning(of: cell.text) { columns[column] = (meaning, cell.text.trimmed) }
            }
            if columns.values.contains(where: { $0.0 == .code }), columns.values.contains(where: { if case .value = $0.0 { true } else { false } }) {
                return (index, header.cells, columns)
            }
        }
        return nil
    }

    /// Every data row under the header; a row numbering the columns right below it is skipped.
    public func rows(of sheet: Sheet) throws -> [Row] {
        guard let (index, _, columns) = header(of: sheet), let codeColumn = columns.first(where: { $0.value.0 == .code })?.key else {
            throw SpreadsheetError("Không tìm thấy dòng tiêu đề: cần cột “Mã số HTX” và ít nhất một cột số liệu báo cáo như “Doanh thu”, “Số thành viên chính thức”.")
        }
        var rows: [Row] = []
        let numbered = index + 1 < sheet.rows.count && Sheet.numbersColumns(sheet.rows[index + 1].cells)
        for row in sheet.rows.dropFirst(index + (numbered ? 2 : 1)) where !row.cells.allSatisfy(\.isEmpty) {
            func text(_ column: Int) -> String { column < row.cells.count ? row.cells[column].text.trimmed : "" }
            var values: [String: (title: String, text: String)] = [:]
            var problems: [(title: String, text: String, reason: String)] = []
            var year: Int?
            for (column, (meaning, title)) in columns {
                switch meaning {
                case .value(let key):
                    let typed = text(column)
                    guard ReportField(rawValue: key)?.kind == .amount, let unit = Money.Unit(header: title), unit != .million, !typed.isEmpty else {
                        values[key] = (title, typed)
                        continue
                    }
                    switch Money.parse(typed, in: unit) {
                    case .success(let amount): values[key] = (title, amount.millionsText())
                    case .failure(let problem): problems.append((title, typed, problem.reason(in: unit)))
                    }
                case .year: year = Int(text(column))
                case .code: break
                }
            }
            rows.append(Row(number: row.number, registrationCode: text(codeColumn), year: year, values: values, problems: problems))
        }
        return rows
    }

    /// Every titled column of the header with what the import reads it as.
    public func columnUse(of sheet: Sheet) -> [ImportColumn] {
        guard let (_, cells, columns) = header(of: sheet) else { return [] }
        return cells.enumerated().compactMap { column, cell in
            let title = cell.text.trimmed
            guard !title.isEmpty else { return nil }
            let use: String? = switch columns[column]?.0 {
            case .code: "Mã số HTX (để tìm tổ chức)"
            case .year: "Năm báo cáo"
            case .value(let key):
                ReportField(rawValue: key).map { field in
                    field.kind == .amount ? Money.Unit.columnUse(field.label, header: title) : field.label
                } ?? "Điểm tự chấm \(key.replacingOccurrences(of: "self.", with: ""))"
            case nil: nil
            }
            return ImportColumn(title: title, use: use)
        }
    }
}
