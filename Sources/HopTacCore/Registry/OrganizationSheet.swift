import Foundation
import Synchronization

/// One problem with one cell of an imported sheet, in Vietnamese.
public struct ImportProblem: Equatable, Sendable, Codable {
    public let row: Int
    public let column: String
    public let value: String
    public let reason: String

    public init(row: Int, column: String, value: String, reason: String) {
        self.row = row
        self.column = column
        self.value = value
        self.reason = reason
    }

    public var line: String {
        value.isEmpty ? "Dòng \(row), cột “\(column)”: \(reason)" : "Dòng \(row), cột “\(column)”, giá trị “\(value)”: \(reason)"
    }
}

/// How an import understood one column of the sheet, shown before anything is written so that a wrongly named column
/// is caught at a glance.
public struct ImportColumn: Equatable, Sendable, Codable {
    /// The column's title in the sheet.
    public let title: String
    /// What it is read as; nil when the import does not read it.
    public let use: String?

    public init(title: String, use: String?) {
        self.title = title
        self.use = use
    }
}

/// A data row of a sheet read as an organisation: only the columns the sheet has are set.
public struct ImportedRow: Sendable {
    public let row: Int
    /// The row's cells, shared with the sheet, and where each field lies among them, shared by every row of the sheet:
    /// a national file's rows hold no copies of either.
    let cells: [Cell]
    let columns: OrganizationSheet.Columns
    /// The commune codes found from a name or a legacy code, which stand in for what the row's own columns say.
    var place: [OrganizationField: Cell] = [:]
    public var input: OrganizationInput
    /// Cells that could not be read. The registry's rules are checked by the caller on the merged record.
    public var problems: [ImportProblem]

    /// The field's cell as the sheet gives it; nil when the sheet has no such column or the cell holds a formula error.
    public func cell(_ field: OrganizationField) -> Cell? {
        if let found = place[field] { return found }
        return columns.field[field].flatMap { columns.cell($0.column, of: cells) }
    }

    /// A problem with a field, named as the sheet names it: the field's own column, or for a commune found by its name,
    /// the name's column and what it says.
    public func problem(_ field: OrganizationField, _ reason: String) -> ImportProblem {
        if columns.field[field] == nil, field == .communeCode, let name = columns.extra[.communeName] {
            return ImportProblem(row: row, column: name.title, value: columns.cell(name.column, of: cells)?.text ?? "", reason: reason)
        }
        return ImportProblem(row: row, column: columns.field[field]?.title ?? field.label, value: cell(field)?.text ?? "", reason: reason)
    }

    /// The stored record with the sheet's values laid over it (a column present but empty clears the field).
    public func merged(onto existing: OrganizationInput?) -> OrganizationInput {
        guard var result = existing else { return input }
        for field in OrganizationField.allCases where cell(field) != nil { result.copy(field, from: input) }
        return result
    }

    /// Every rule the merged record breaks, named by the sheet's columns.
    public func ruleProblems(_ merged: OrganizationInput, today: Day) -> [ImportProblem] {
        merged.problems(today: today).map { field, found in problem(field, found.message) }
            .filter { rule in !problems.contains { $0.column == rule.column } }
            .sorted { $0.column < $1.column }
    }
}

extension OrganizationInput {
    /// Copies one field's value from another input.
    public mutating func copy(_ field: OrganizationField, from other: OrganizationInput) {
        switch field {
        case .name: name = other.name
        case .shortName: shortName = other.shortName
        case .type: type = other.type
        case .sector: sector = other.sector
        case .mainActivities: mainActivities = other.mainActivities
        case .registrationCode: registrationCode = other.registrationCode
        case .registrationDate: registrationDate = other.registrationDate
        case .issuingAuthority: issuingAuthority = other.issuingAuthority
        case .address: address = other.address
        case .communeCode: communeCode = other.communeCode
        case .legacyCommuneCode: legacyCommuneCode = other.legacyCommuneCode
        case .charterCapital: charterCapital = other.charterCapital
        case .officialMembers: officialMembers = other.officialMembers
        case .associateMembers: associateMembers = other.associateMembers
        case .workers: workers = other.workers
        case .representativeName: representativeName = other.representativeName
        case .representativeTitle: representativeTitle = other.representativeTitle
        case .phone: phone = other.phone
        case .email: email = other.email
        case .website: website = other.website
        case .unionId: unionId = other.unionId
        }
    }
}

/// Maps the columns officials use (with or without diacritics, any case, extra spaces, a title block above the
/// header) to registry fields, and reads each cell: numbers `1.234.567`, `1.234,5`, `1,234.5`; dates `dd/mm/yyyy`,
/// `d/m/yy` or Excel serials; communes by 2025 code, legacy code, or name within the row's province.
public struct OrganizationSheet: Sendable {
    /// Columns that are read but are not fields of the input.
    enum Extra: String { case province, communeName, recordId }

    /// Folded header → what it means. Export headers are included so an exported file imports as it is.
    static let headers: [String: Either] = {
        var map: [String: Either] = [:]
        func add(_ target: Either, _ names: [String]) { for name in names { map[foldForSearch(name)] = target } }
        add(.field(.name), ["Tên tổ chức", "Tên HTX", "Tên hợp tác xã", "Tên", "Tên đơn vị", "Tên tổ chức kinh tế tập thể", "Tên THT"])
        add(.field(.shortName), ["Tên viết tắt"])
        add(.field(.type), ["Loại hình", "Loại hình tổ chức", "Loại"])
        add(.field(.sector), ["Lĩnh vực", "Lĩnh vực hoạt động", "Ngành"])
        add(.field(.mainActivities), ["Ngành nghề kinh doanh chính", "Ngành nghề kinh doanh", "Ngành nghề", "Ngành nghề chính"])
        add(.field(.registrationCode), ["Mã số HTX", "Mã số", "Mã số thuế", "MST", "Mã số đăng ký", "Mã số (10 chữ số)", "Mã số doanh nghiệp"])
        add(.field(.registrationDate), ["Ngày thành lập", "Ngày đăng ký", "Ngày cấp", "Ngày cấp đăng ký"])
        add(.field(.issuingAuthority), ["Cơ quan cấp đăng ký", "Cơ quan cấp", "Nơi cấp"])
        add(.field(.address), ["Địa chỉ", "Địa chỉ trụ sở", "Trụ sở"])
        add(.field(.communeCode), ["Mã xã/phường", "Mã xã", "Mã xã 2025", "Xã/phường (mã 2025)"])
        add(.extra(.communeName), ["Xã/phường", "Xã", "Phường/xã", "Xã/phường/đặc khu", "Tên xã"])
        add(.extra(.province), ["Tỉnh/thành", "Tỉnh", "Tỉnh/thành phố", "Mã tỉnh", "Mã tỉnh/thành", "Tỉnh, thành phố"])
        add(.field(.legacyCommuneCode), ["Mã xã cũ", "Xã cũ", "Xã cũ (mã trước 01/07/2025)"])
        add(.field(.charterCapital), ["Vốn điều lệ", "Vốn điều lệ (triệu đồng)", "Vốn điều lệ (tr.đ)", "Vốn góp"])
        add(.field(.officialMembers), ["Số thành viên", "Thành viên chính thức", "Số thành viên chính thức", "Thành viên"])
        add(.field(.associateMembers), ["Thành viên liên kết", "Số thành viên liên kết"])
        add(.field(.workers), ["Lao động", "Lao động thường xuyên", "Số lao động", "Số lao động thường xuyên"])
        add(.field(.representativeName), ["Người đại diện", "Người đại diện theo pháp luật", "Giám đốc", "Chủ tịch HĐQT"])
        add(.field(.representativeTitle), ["Chức danh", "Chức danh người đại diện"])
        add(.field(.phone), ["Điện thoại", "Số điện thoại", "SĐT", "ĐT"])
        add(.field(.email), ["Email", "E-mail", "Thư điện tử"])
        add(.field(.website), ["Website", "Trang web", "Trang thông tin điện tử"])
        add(.field(.unionId), ["Số hồ sơ liên hiệp HTX", "Thành viên của liên hiệp HTX"])
        add(.extra(.recordId), ["Số hồ sơ", "ID"])
        // Exported but set only through the lifecycle, never by import.
        add(.ignored, ["Trạng thái", "Trạng thái từ ngày", "Tạm ngừng đến ngày", "STT", "Số TT", "TT", "Mã tỉnh/thành"])
        map[foldForSearch("Mã tỉnh/thành")] = .extra(.province)
        return map
    }()

    enum Either: Equatable { case field(OrganizationField), extra(Extra), ignored }

    /// Where the fields and extras of one sheet lie, with the sheet's titles for them.
    public struct Columns: Sendable {
        var field: [OrganizationField: (column: Int, title: String)] = [:]
        var extra: [Extra: (column: Int, title: String)] = [:]
        /// Every read column, to report formula errors wherever they are.
        var read: [(column: Int, title: String)] = []

        /// A cell of a row; nil for a formula error, which is reported on its own.
        func cell(_ column: Int, of cells: [Cell]) -> Cell? {
            let cell = column < cells.count ? cells[column] : .empty
            if case .error = cell { return nil }
            return cell
        }
    }

    let catalog: AdminUnitCatalog
    let today: Day
    private let communesByCode: [String: AdminUnitCatalog.Commune]
    private let legacyByCode: [String: AdminUnitCatalog.LegacyCommune]
    private let defaultSuccessor: [String: String]
    private let provinceByKey: [String: String]
    private let legacyProvinceSuccessor: [String: String]

    public init(catalog: AdminUnitCatalog, today: Day) {
        self.catalog = catalog
        self.today = today
        communesByCode = Dictionary(catalog.communes.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        legacyByCode = Dictionary(catalog.legacyCommunes.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        defaultSuccessor = Dictionary(catalog.communeSuccessions.filter(\.isDefault).map { ($0.legacyCode, $0.code2025) }, uniquingKeysWith: { a, _ in a })
        var provinces: [String: String] = [:]
        for province in catalog.provinces {
            provinces[province.code] = province.code
            provinces[foldForSearch(province.name)] = province.code
            provinces[Self.withoutUnitWord(foldForSearch(province.name))] = province.code
        }
        legacyProvinceSuccessor = Dictionary(catalog.provinceSuccessions.map { ($0.legacyCode, $0.code2025) }, uniquingKeysWith: { a, _ in a })
        // Old province names still appear in sheets ("Hà Giang"); they lead to the 2025 province.
        for province in catalog.legacyProvinces {
            guard let successor = legacyProvinceSuccessor[province.code] else { continue }
            for key in [foldForSearch(province.name), Self.withoutUnitWord(foldForSearch(province.name))] where provinces[key] == nil {
                provinces[key] = successor
            }
        }
        provinceByKey = provinces
    }

    /// "tinh ha tinh" → "ha tinh", "thanh pho hue" → "hue", "xa thach ha" → "thach ha".
    static func withoutUnitWord(_ folded: String) -> String {
        for prefix in ["thanh pho ", "tinh ", "dac khu ", "phuong ", "xa ", "thi tran ", "huyen ", "quan ", "thi xa "] where folded.hasPrefix(prefix) {
            return String(folded.dropFirst(prefix.count))
        }
        return folded
    }

    /// The columns a sheet's header names, with the sheet's titles, and where its data rows start.
    typealias Header = (dataStart: Int, columns: [Int: Either], titles: [Int: String])

    /// The header row is the first row (within the first 30) where at least two columns are recognised and one is the
    /// name. Below it may come a second header row under merged cells ("Số thành viên" over "Chính thức" and "Liên
    /// kết"), and a row numbering the columns ("(1)", "(2)"… or "A", "B", "1", "2"…), as official forms have.
    func header(of sheet: Sheet) throws -> Header {
        for (index, row) in sheet.rows.prefix(30).enumerated() {
            var columns: [Int: Either] = [:]
            var titles: [Int: String] = [:]
            func recognise(_ column: Int, _ title: String, as meaning: Either) {
                if !columns.values.contains(meaning) || meaning == .ignored { columns[column] = meaning }
                titles[column] = title
            }
            for (column, cell) in row.cells.enumerated() {
                let title = cell.text.trimmed
                if let meaning = Self.meaning(of: title) { recognise(column, title, as: meaning) } else if !title.isEmpty { titles[column] = title }
            }
            guard let nameColumn = columns.first(where: { $0.value == .field(.name) })?.key, columns.count >= 2 else { continue }
            var dataStart = index + 1
            if dataStart < sheet.rows.count, let below = Self.subheader(sheet.rows[dataStart].cells, under: row.cells, nameColumn: nameColumn) {
                for (column, (title, meaning)) in below.sorted(by: { $0.key < $1.key }) {
                    guard let meaning else {
                        if titles[column] == nil { titles[column] = title }
                        continue
                    }
                    if columns[column] == meaning { continue }
                    columns[column] = nil
                    recognise(column, title, as: meaning)
                }
                dataStart += 1
            }
            if dataStart < sheet.rows.count, Sheet.numbersColumns(sheet.rows[dataStart].cells) { dataStart += 1 }
            return (dataStart, columns, titles)
        }
        throw SpreadsheetError("Không tìm thấy dòng tiêu đề: cần ít nhất cột “Tên tổ chức” (hoặc “Tên HTX”) và một cột khác như “Mã số HTX”, “Loại hình”, “Xã/phường”.")
    }

    /// A second header row: no name, no numbers, and at least one title that means something on its own or after the
    /// title above it (a merged cell keeps its text in its first column, so "above" is the nearest title to the left).
    /// Every titled cell comes back, with its meaning when it has one; nil when the row is data.
    private static func subheader(_ cells: [Cell], under header: [Cell], nameColumn: Int) -> [Int: (String, Either?)]? {
        guard nameColumn >= cells.count || cells[nameColumn].isEmpty,
              !cells.contains(where: { if case .number = $0 { true } else { false } }) else { return nil }
        var found: [Int: (String, Either?)] = [:]
        for (column, cell) in cells.enumerated() where !cell.isEmpty {
            let sub = cell.text.trimmed
            let combined = ((header.prefix(column + 1).last { !$0.isEmpty }?.text.trimmed).map { $0 + " " } ?? "") + sub
            if let meaning = meaning(of: combined) { found[column] = (combined, meaning) }
            else { found[column] = (combined, meaning(of: sub)) }
        }
        return found.values.contains { $0.1 != nil } ? found : nil
    }

    static func meaning(of title: String) -> Either? {
        let folded = foldForSearch(title)
        if let found = headers[folded] { return found }
        // "Vốn điều lệ (đồng)" or "Tên HTX (*)": try again without what is in brackets.
        let bare = foldForSearchWithoutBrackets(title)
        return headers[bare]
    }

    /// Reads every data row after the header; blank rows (also trailing ones) are skipped.
    public func rows(of sheet: Sheet) throws -> [ImportedRow] {
        let header = try header(of: sheet)
        let columns = Self.columns(of: header)
        let filled = Array(sheet.rows.dropFirst(header.dataStart).filter { !$0.cells.allSatisfy(\.isEmpty) && !Self.isTotal($0.cells, columns) })
        // Each row is read on its own, so a national file's rows are read in slices on every core, in order.
        let slices = min(ProcessInfo.processInfo.activeProcessorCount, max(1, filled.count / 2_000))
        let results = Mutex([[ImportedRow]](repeating: [], count: slices))
        DispatchQueue.concurrentPerform(iterations: slices) { slice in
            let range = (filled.count * slice / slices)..<(filled.count * (slice + 1) / slices)
            let rowsRead = filled[range].map { self.read($0, columns: columns) }
            results.withLock { $0[slice] = rowsRead }
        }
        return results.withLock { $0.flatMap { $0 } }
    }

    /// Every titled column of the sheet's header with what the import reads it as.
    public func columnUse(of sheet: Sheet) -> [ImportColumn] {
        guard let header = try? header(of: sheet) else { return [] }
        return header.titles.sorted { $0.key < $1.key }.map { column, title in
            let use: String? = switch header.columns[column] {
            case .field(.charterCapital): Money.Unit.columnUse(OrganizationField.charterCapital.label, header: title)
            case .field(let field): field.label
            case .extra(.communeName): "Tên xã/phường (để tìm mã xã)"
            case .extra(.province): "Tỉnh/thành (để tìm xã theo tên và kiểm tra)"
            case .extra(.recordId), .ignored, nil: nil
            }
            return ImportColumn(title: title, use: use)
        }
    }

    /// The "Tổng cộng" row at the foot of an official list: no registration code, and a name (or, when the name cell
    /// is empty, a first cell) that says total, perhaps with a count in brackets. "Tổng công ty…" is a name.
    static func isTotal(_ cells: [Cell], _ columns: Columns) -> Bool {
        if let code = columns.field[.registrationCode], let cell = columns.cell(code.column, of: cells), !cell.isEmpty { return false }
        let name = columns.field[.name].flatMap { columns.cell($0.column, of: cells) }
        let label = name.flatMap { $0.isEmpty ? nil : $0 } ?? cells.first { !$0.isEmpty } ?? .empty
        let plain = foldForSearch(label.text)
        guard plain.hasPrefix("tong") || plain.hasPrefix("cong") else { return false }
        let folded = foldForSearchWithoutBrackets(label.text)
        return ["tong", "cong", "tong cong", "tong so", "cong toan tinh", "tong cong toan tinh", "tong so toan tinh", "tong cong toan xa"].contains(folded)
    }

    private static func columns(of header: Header) -> Columns {
        var columns = Columns()
        for (column, meaning) in header.columns.sorted(by: { $0.key < $1.key }) {
            let title = header.titles[column] ?? ""
            switch meaning {
            case .field(let field): columns.field[field] = (column, title)
            case .extra(let extra): columns.extra[extra] = (column, title)
            case .ignored: continue
            }
            columns.read.append((column, title))
        }
        return columns
    }

    private func read(_ row: (number: Int, cells: [Cell]), columns: Columns) -> ImportedRow {
        var imported = ImportedRow(row: row.number, cells: row.cells, columns: columns, input: OrganizationInput(), problems: [])
        var problems: [ImportProblem] = []
        for (column, title) in columns.read {
            if column < row.cells.count, case .error(let code) = row.cells[column] {
                problems.append(ImportProblem(row: row.number, column: title, value: code, reason: "ô có lỗi công thức; hãy sửa công thức hoặc nhập giá trị."))
            }
        }
        let values = { (field: OrganizationField) in imported.cell(field) }
        let extras = { (extra: Extra) -> (Cell, String)? in
            columns.extra[extra].flatMap { place in columns.cell(place.column, of: row.cells).map { ($0, place.title) } }
        }
        func problem(_ field: OrganizationField, _ reason: String) {
            problems.append(imported.problem(field, reason))
        }
        func text(_ field: OrganizationField) -> String? {
            guard let cell = values(field), !cell.isEmpty else { return nil }
            // Runs of spaces and line breaks inside a cell become one space.
            return cell.text.collapsingSpaces
        }
        var input = OrganizationInput()
        input.name = text(.name) ?? ""
        input.shortName = text(.shortName)
        if let raw = text(.type) {
            if let type = Self.organizationType(raw) { input.type = type } else { problem(.type, "không nhận ra loại hình (HTX, LHHTX, THT, QTDND hoặc Nhóm sở thích).") }
        }
        if let raw = text(.sector) {
            if let sector = Self.sector(raw) { input.sector = sector } else { problem(.sector, "không nhận ra lĩnh vực (nông nghiệp, công nghiệp – xây dựng, tài chính – ngân hàng, thương mại – dịch vụ).") }
        } else if input.type == .qtdnd {
            input.sector = .financeBanking
        }
        input.mainActivities = text(.mainActivities)
        if let cell = values(.registrationCode), !cell.isEmpty {
            // Excel turns a code typed as a number into 3001234567.0 or drops its leading zero.
            if case .number(let number) = cell, number == number.rounded(), number >= 0, number < 1e15 {
                let digits = String(Int(number))
                input.registrationCode = digits.count == 9 ? "0" + digits : digits
            } else {
                input.registrationCode = text(.registrationCode).map { String($0.filter { $0 != " " }) }
            }
        }
        if let cell = values(.registrationDate), !cell.isEmpty {
            if let day = Self.day(cell, today: today) { input.registrationDate = day } else { problem(.registrationDate, "không phải ngày (dd/mm/yyyy, d/m/yy hoặc ngày Excel).") }
        }
        input.issuingAuthority = text(.issuingAuthority)
        input.address = text(.address)
        if let cell = values(.charterCapital), !cell.isEmpty {
            // "Vốn điều lệ (đồng)", "(nghìn đồng)", "(tỷ đồng)" say how to read the column; triệu đồng when none is stated.
            let stated = columns.field[.charterCapital].flatMap { Money.Unit(header: $0.title) }
            let unit = stated ?? .million
            switch Self.amount(cell, in: unit) {
            case .success(let amount):
                if stated == nil, amount > Money(millions: 100_000_000) {
                    problem(.charterCapital, "quá lớn nếu tính bằng triệu đồng; nếu cột ghi bằng đồng, hãy ghi đơn vị ở tiêu đề, ví dụ “Vốn điều lệ (đồng)”.")
                } else {
                    input.charterCapital = amount
                }
            case .failure(let refusal): problem(.charterCapital, refusal.reason(in: unit))
            }
        }
        for field in [OrganizationField.officialMembers, .associateMembers, .workers, .unionId] {
            guard let cell = values(field), !cell.isEmpty else { continue }
            guard let number = Self.number(cell), number == number.rounded(), abs(number) < 1e12 else { problem(field, "không phải số nguyên."); continue }
            switch field {
            case .officialMembers: input.officialMembers = Int(number)
            case .associateMembers: input.associateMembers = Int(number)
            case .workers: input.workers = Int(number)
            default: input.unionId = Int(number)
            }
        }
        input.representativeName = text(.representativeName)
        input.representativeTitle = text(.representativeTitle)
        input.phone = text(.phone)
        input.email = text(.email)
        input.website = text(.website)
        // The place: a 2025 code, a legacy code, or a name looked up within the province.
        let province = extras(.province).flatMap { cell, _ in cell.isEmpty ? nil : provinceByKey[foldForSearch(cell.text)] ?? provinceByKey[Self.withoutUnitWord(foldForSearch(cell.text))] }
        if let (cell, title) = extras(.province), !cell.isEmpty, province == nil {
            problems.append(ImportProblem(row: row.number, column: title, value: cell.text, reason: "không có tỉnh/thành phố này."))
        }
        if let legacy = text(.legacyCommuneCode) {
            let code = Self.code(legacy, length: 5)
            if legacyByCode[code] != nil { input.legacyCommuneCode = code } else { problem(.legacyCommuneCode, "không có xã cũ mã này (danh mục trước 01/07/2025).") }
        }
        if let raw = text(.communeCode) {
            let code = Self.code(raw, length: 5)
            if communesByCode[code] != nil {
                input.communeCode = code
            } else if legacyByCode[code] != nil, let successor = defaultSuccessor[code] {
                input.communeCode = successor
                if input.legacyCommuneCode == nil { input.legacyCommuneCode = code }
            } else {
                problem(.communeCode, "không có xã/phường mã này (mã 2025 hoặc mã xã cũ).")
            }
        } else if let (cell, title) = extras(.communeName), !cell.isEmpty {
            switch resolveCommune(named: cell.text, province: province) {
            case .success(let found):
                input.communeCode = found.code
                if input.legacyCommuneCode == nil { input.legacyCommuneCode = found.legacy }
            case .failure(let reason):
                problems.append(ImportProblem(row: row.number, column: title, value: cell.text, reason: reason.message))
            }
        }
        if let province, !input.communeCode.isEmpty, communesByCode[input.communeCode]?.provinceCode != province {
            problems.append(ImportProblem(row: row.number, column: extras(.province)?.1 ?? "Tỉnh/thành", value: extras(.province)?.0.text ?? "",
                                          reason: "xã/phường \(input.communeCode) không thuộc tỉnh này."))
        }
        if !input.communeCode.isEmpty { imported.place[.communeCode] = .text(input.communeCode) }
        if let legacy = input.legacyCommuneCode { imported.place[.legacyCommuneCode] = .text(legacy) }
        imported.input = input
        imported.problems = problems
        return imported
    }

    /// A commune named in a sheet: first among the province's 2025 communes, then among its legacy communes
    /// (which lead to their default successor). Two matches are an error, never a guess.
    func resolveCommune(named raw: String, province: String?) -> Result<(code: String, legacy: String?), FieldProblem> {
        let code = Self.code(raw, length: 5)
        if communesByCode[code] != nil { return .success((code, nil)) }
        if legacyByCode[code] != nil, let successor = defaultSuccessor[code] { return .success((successor, code)) }
        guard let province else { return .failure(FieldProblem("cần cột “Tỉnh/thành” để tìm xã/phường theo tên.")) }
        let wanted = Self.withoutUnitWord(foldForSearch(raw))
        let current = catalog.communes.filter { $0.provinceCode == province && Self.withoutUnitWord(foldForSearch($0.name)) == wanted }
        if current.count == 1 { return .success((current[0].code, nil)) }
        if current.count > 1 {
            return .failure(FieldProblem("có \(current.count) xã/phường trùng tên (\(current.map { "\($0.name) – mã \($0.code)" }.joined(separator: ", "))); hãy ghi mã xã."))
        }
        let legacy = catalog.legacyCommunes.filter {
            legacyProvinceSuccessor[$0.provinceCode] == province && Self.withoutUnitWord(foldForSearch($0.name)) == wanted
        }
        if legacy.count == 1, let successor = defaultSuccessor[legacy[0].code] { return .success((successor, legacy[0].code)) }
        if legacy.count > 1 {
            return .failure(FieldProblem("có \(legacy.count) xã cũ trùng tên (\(legacy.map { "\($0.name) – mã \($0.code)" }.joined(separator: ", "))); hãy ghi mã xã."))
        }
        return .failure(FieldProblem("không có xã/phường tên này trong tỉnh."))
    }

    /// "4.2e3" from Excel or " 18073 " typed as text, and codes that lost their leading zeros as numbers.
    static func code(_ raw: String, length: Int) -> String {
        let trimmed = raw.trimmed
        if let number = Double(trimmed), number == number.rounded(), number >= 0, number < 1e15, trimmed.allSatisfy({ $0.isNumber || $0 == "." }) {
            let digits = String(Int(number))
            return digits.count < length ? String(repeating: "0", count: length - digits.count) + digits : digits
        }
        return trimmed
    }

    static func number(_ cell: Cell) -> Double? {
        switch cell {
        case .number(let value): value
        case .text(let text): VietnameseNumber.parse(text)
        default: nil
        }
    }

    /// An amount in triệu đồng: typed text exactly, a number cell (a double in the file) to the nearest đồng.
    /// An amount cell in the column's unit: a number as the file stored it, a text as Vietnamese write numbers.
    static func amount(_ cell: Cell, in unit: Money.Unit = .million) -> Result<Money, Money.Problem> {
        switch cell {
        case .number(let value):
            guard value.isFinite else { return .failure(.notANumber) }
            return .success(Money(approximately: value * Double(unit.rawValue) / Double(Money.dongPerMillion)))
        case .text(let text): return Money.parse(text, in: unit)
        default: return .failure(.notANumber)
        }
    }

    /// Dates as `dd/mm/yyyy`, `d/m/yy` (two-digit years up to this year are 20xx), `yyyy-mm-dd` or an Excel serial.
    static func day(_ cell: Cell, today: Day) -> Day? {
        switch cell {
        case .date(let serial), .number(let serial): return Cell.day(fromSerial: serial)
        case .text(let text):
            let trimmed = text.trimmed
            if let day = Day(vietnamese: trimmed) ?? Day(iso: trimmed) { return day }
            let parts = trimmed.split(whereSeparator: { $0 == "/" || $0 == "-" || $0 == "." })
            if parts.count == 3, parts[2].count == 2, let d = Int(parts[0]), let m = Int(parts[1]), let yy = Int(parts[2]) {
                return Day(year: yy <= today.year % 100 ? 2000 + yy : 1900 + yy, month: m, day: d)
            }
            if let serial = Double(trimmed), serial > 10000 { return Cell.day(fromSerial: serial) }
            return nil
        default: return nil
        }
    }

    /// Each type by its code, its label and its abbreviation, folded: built once, as every row of a sheet asks.
    private static let typeByFoldedName: [String: OrganizationType] = Dictionary(
        OrganizationType.allCases.flatMap { type in [type.rawValue, type.label, type.abbreviation].map { (foldForSearch($0), type) } },
        uniquingKeysWith: { first, _ in first })

    /// Each sector by its code and its label, folded.
    private static let sectorByFoldedName: [String: Sector] = Dictionary(
        Sector.allCases.flatMap { sector in [sector.rawValue, sector.label].map { (foldForSearch($0), sector) } },
        uniquingKeysWith: { first, _ in first })

    static func organizationType(_ raw: String) -> OrganizationType? {
        let folded = foldForSearch(raw)
        if let exact = typeByFoldedName[folded] { return exact }
        if folded.hasPrefix("lien hiep") { return .lhhtx }
        if folded.hasPrefix("hop tac xa") { return .htx }
        if folded.hasPrefix("to hop tac") { return .tht }
        if folded.hasPrefix("quy tin dung") { return .qtdnd }
        if folded.hasPrefix("nhom so thich") || folded.hasPrefix("nhom st") { return .interestGroup }
        return nil
    }

    static func sector(_ raw: String) -> Sector? {
        let folded = foldForSearch(raw)
        if let exact = sectorByFoldedName[folded] { return exact }
        if ["nong", "lam", "ngu", "diem", "thuy san", "chan nuoi", "trong trot"].contains(where: folded.contains) { return .agriculture }
        if folded.contains("cong nghiep") || folded.contains("xay dung") || folded.contains("tieu thu cong") { return .industryConstruction }
        if folded.contains("tai chinh") || folded.contains("ngan hang") || folded.contains("tin dung") { return .financeBanking }
        if folded.contains("thuong mai") || folded.contains("dich vu") || folded.contains("van tai") || folded.contains("khac") { return .tradeServices }
        return nil
    }
}
