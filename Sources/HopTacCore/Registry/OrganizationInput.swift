import Foundation

/// The values a person sets on an organisation, before they are checked against the database
/// (commune exists, registration code unused, union is an LHHTX: the web layer checks those).
public struct OrganizationInput: Equatable, Sendable, Codable {
    public var name: String = ""
    public var shortName: String?
    public var type: OrganizationType = .htx
    public var sector: Sector = .agriculture
    public var mainActivities: String?
    public var registrationCode: String?
    public var registrationDate: Day?
    public var issuingAuthority: String?
    public var address: String?
    public var communeCode: String = ""
    public var legacyCommuneCode: String?
    public var charterCapital: Money?
    public var officialMembers: Int?
    public var associateMembers: Int?
    public var workers: Int?
    public var representativeName: String?
    public var representativeTitle: String?
    public var phone: String?
    public var email: String?
    public var website: String?
    public var unionId: Int?

    public init() {}

    enum CodingKeys: String, CodingKey {
        case name, type, sector, address, phone, email, website, workers
        case shortName = "short_name", mainActivities = "main_activities", registrationCode = "registration_code"
        case registrationDate = "registration_date", issuingAuthority = "issuing_authority", communeCode = "commune_code"
        case legacyCommuneCode = "legacy_commune_code", charterCapital = "charter_capital"
        case officialMembers = "official_members", associateMembers = "associate_members"
        case representativeName = "representative_name", representativeTitle = "representative_title", unionId = "union_id"
    }

    /// Reads an HTML form (all values are text as typed: `1.234,5`, `dd/mm/yyyy`).
    /// Values that cannot be read are reported per field; the rest is kept so the form can be shown again as typed.
    public static func fromForm(_ form: [String: String]) -> (input: OrganizationInput, problems: [OrganizationField: FieldProblem]) {
        var input = OrganizationInput()
        var problems: [OrganizationField: FieldProblem] = [:]
        func text(_ field: OrganizationField) -> String? {
            guard let raw = form[field.rawValue]?.trimmed, !raw.isEmpty else { return nil }
            return raw
        }
        func integer(_ field: OrganizationField) -> Int? {
            guard let raw = text(field) else { return nil }
            guard let value = VietnameseNumber.parse(raw), value == value.rounded(), abs(value) < 1e12 else {
                problems[field] = FieldProblem("“\(raw)” không phải là số nguyên.")
                return nil
            }
            return Int(value)
        }
        input.name = text(.name) ?? ""
        input.shortName = text(.shortName)
        if let raw = text(.type) {
            if let value = OrganizationType(rawValue: raw) { input.type = value } else { problems[.type] = FieldProblem("Loại hình “\(raw)” không có trong danh mục.") }
        }
        if let raw = text(.sector) {
            if let value = Sector(rawValue: raw) { input.sector = value } else { problems[.sector] = FieldProblem("Lĩnh vực “\(raw)” không có trong danh mục.") }
        }
        input.mainActivities = text(.mainActivities)
        input.registrationCode = text(.registrationCode)
        if let raw = text(.registrationDate) {
            input.registrationDate = Day(vietnamese: raw) ?? Day(iso: raw)
            if input.registrationDate == nil { problems[.registrationDate] = FieldProblem("“\(raw)” không phải là ngày hợp lệ (dạng dd/mm/yyyy).") }
        }
        input.issuingAuthority = text(.issuingAuthority)
        input.address = text(.address)
        input.communeCode = text(.communeCode) ?? ""
        input.legacyCommuneCode = text(.legacyCommuneCode)
        if let raw = text(.charterCapital) {
            switch Money.millions(raw) {
            case .success(let amount): input.charterCapital = amount
            case .failure(let problem): problems[.charterCapital] = FieldProblem("“\(raw)” \(problem.reason)")
            }
        }
        input.officialMembers = integer(.officialMembers)
        input.associateMembers = integer(.associateMembers)
        input.workers = integer(.workers)
        input.representativeName = text(.representativeName)
        input.representativeTitle = text(.representativeTitle)
        input.phone = text(.phone)
        input.email = text(.email)
        input.website = text(.website)
        if let raw = text(.unionId) {
            input.unionId = Int(raw)
            if input.unionId == nil { problems[.unionId] = FieldProblem("Liên hiệp HTX không hợp lệ.") }
        }
        return (input, problems)
    }

    /// The rules that need no database. `today` bounds dates so that nothing is registered in the future.
    public func problems(today: Day) -> [OrganizationField: FieldProblem] {
        var problems: [OrganizationField: FieldProblem] = [:]
        let trimmedName = name.trimmed
        if trimmedName.isEmpty {
            problems[.name] = FieldProblem("Chưa nhập tên tổ chức.")
        } else if trimmedName.count < 3 || trimmedName.count > 250 {
            problems[.name] = FieldProblem("Tên phải dài từ 3 đến 250 ký tự.")
        } else if let odd = VietnameseScript.foreignCharacter(in: trimmedName) {
            problems[.name] = FieldProblem("Tên có ký tự “\(odd)” không dùng trong chữ Việt: thường do tệp được lưu bằng bảng mã khác UTF-8 hoặc gõ bằng phông cũ (TCVN3, VNI). Hãy ghi lại tên đúng dấu (hoặc lưu tệp dạng .xlsx / CSV UTF-8).")
        }
        if let short = shortName, short.count > 100 { problems[.shortName] = FieldProblem("Tên viết tắt dài quá 100 ký tự.") }
        if let code = registrationCode {
            if case .failure(let problem) = RegistrationCode.parse(code) { problems[.registrationCode] = problem }
        } else if type.requiresRegistrationCode {
            problems[.registrationCode] = FieldProblem("\(type.label) phải có mã số đăng ký 10 chữ số.")
        }
        if let date = registrationDate {
            if date > today { problems[.registrationDate] = FieldProblem("Ngày đăng ký \(date.vietnamese) ở tương lai.") }
            else if date.year < 1945 { problems[.registrationDate] = FieldProblem("Ngày đăng ký \(date.vietnamese) quá sớm.") }
        }
        if communeCode.isEmpty { problems[.communeCode] = FieldProblem("Chưa chọn xã/phường nơi đặt trụ sở.") }
        if type == .qtdnd && sector != .financeBanking {
            problems[.sector] = FieldProblem("Quỹ tín dụng nhân dân thuộc lĩnh vực tài chính, ngân hàng.")
        }
        if let capital = charterCapital {
            if capital < .zero { problems[.charterCapital] = FieldProblem("Vốn điều lệ không được âm.") }
            else if capital > Money(millions: 100_000_000) { problems[.charterCapital] = FieldProblem("Vốn điều lệ quá lớn (đơn vị là triệu đồng).") }
        }
        for (field, value) in [(OrganizationField.officialMembers, officialMembers), (.associateMembers, associateMembers), (.workers, workers)] {
            if let value, value < 0 { problems[field] = FieldProblem("Số lượng không được âm.") }
            if let value, value > 10_000_000 { problems[field] = FieldProblem("Số lượng quá lớn.") }
        }
        if type == .htx, let members = officialMembers, members < 5 {
            problems[.officialMembers] = FieldProblem("Hợp tác xã phải có ít nhất 5 thành viên chính thức (Luật HTX 2023, Điều 21).")
        }
        if type == .lhhtx, let members = officialMembers, members < 3 {
            problems[.officialMembers] = FieldProblem("Liên hiệp HTX phải có ít nhất 3 HTX thành viên chính thức.")
        }
        if let phone {
            let digits = phone.filter { $0.isNumber }
            if phone.contains(where: { !($0.isNumber || " .-+()".contains($0)) }) || !(8...12).contains(digits.count) {
                problems[.phone] = FieldProblem("Số điện thoại “\(phone)” không hợp lệ (8–12 chữ số).")
            }
        }
        if let email {
            let parts = email.split(separator: "@", omittingEmptySubsequences: false)
            if parts.count != 2 || parts[0].isEmpty || !parts[1].contains(".") || email.contains(" ") {
                problems[.email] = FieldProblem("Địa chỉ thư điện tử “\(email)” không hợp lệ.")
            }
        }
        if let website, website.contains(" ") || !website.contains(".") {
            problems[.website] = FieldProblem("Địa chỉ trang web “\(website)” không hợp lệ.")
        }
        if unionId != nil && type != .htx {
            problems[.unionId] = FieldProblem("Chỉ hợp tác xã mới là thành viên của liên hiệp HTX.")
        }
        return problems
    }

    /// What a search matches, folded, with a space before and after every word: the names and the registration code.
    public var searchText: String { Self.searchColumn(name, shortName, registrationCode) }

    /// What a search matches only when asked to look everywhere: main activities and the address.
    public var searchMore: String { Self.searchColumn(mainActivities, address) }

    public static func searchColumn(_ parts: String?...) -> String {
        " " + foldForSearch(parts.compactMap { $0 }.joined(separator: " ")) + " "
    }
}

extension OrganizationInput {
    /// A field's value as people read it: labels for codes, `dd/mm/yyyy`, `1.234,5`. Nil when empty.
    public func displayValue(of field: OrganizationField) -> String? {
        switch field {
        case .name: name
        case .shortName: shortName
        case .type: type.label
        case .sector: sector.label
        case .mainActivities: mainActivities
        case .registrationCode: registrationCode
        case .registrationDate: registrationDate?.vietnamese
        case .issuingAuthority: issuingAuthority
        case .address: address
        case .communeCode: communeCode.isEmpty ? nil : communeCode
        case .legacyCommuneCode: legacyCommuneCode
        case .charterCapital: charterCapital?.millionsText()
        case .officialMembers: officialMembers.map(VietnameseNumber.format)
        case .associateMembers: associateMembers.map(VietnameseNumber.format)
        case .workers: workers.map(VietnameseNumber.format)
        case .representativeName: representativeName
        case .representativeTitle: representativeTitle
        case .phone: phone
        case .email: email
        case .website: website
        case .unionId: unionId.map { String($0) }
        }
    }
}

extension OrganizationInput {
    /// Reads a JSON body; every key may be absent (then empty), so the rules report what is missing by field.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init()
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
        shortName = try c.decodeIfPresent(String.self, forKey: .shortName)
        type = try c.decodeIfPresent(OrganizationType.self, forKey: .type) ?? .htx
        sector = try c.decodeIfPresent(Sector.self, forKey: .sector) ?? .agriculture
        mainActivities = try c.decodeIfPresent(String.self, forKey: .mainActivities)
        registrationCode = try c.decodeIfPresent(String.self, forKey: .registrationCode)
        registrationDate = try c.decodeIfPresent(Day.self, forKey: .registrationDate)
        issuingAuthority = try c.decodeIfPresent(String.self, forKey: .issuingAuthority)
        address = try c.decodeIfPresent(String.self, forKey: .address)
        communeCode = try c.decodeIfPresent(String.self, forKey: .communeCode) ?? ""
        legacyCommuneCode = try c.decodeIfPresent(String.self, forKey: .legacyCommuneCode)
        charterCapital = try c.decodeIfPresent(Money.self, forKey: .charterCapital)
        officialMembers = try c.decodeIfPresent(Int.self, forKey: .officialMembers)
        associateMembers = try c.decodeIfPresent(Int.self, forKey: .associateMembers)
        workers = try c.decodeIfPresent(Int.self, forKey: .workers)
        representativeName = try c.decodeIfPresent(String.self, forKey: .representativeName)
        representativeTitle = try c.decodeIfPresent(String.self, forKey: .representativeTitle)
        phone = try c.decodeIfPresent(String.self, forKey: .phone)
        email = try c.decodeIfPresent(String.self, forKey: .email)
        website = try c.decodeIfPresent(String.self, forKey: .website)
        unionId = try c.decodeIfPresent(Int.self, forKey: .unionId)
        // Blank strings mean "not given", as in the HTML form.
        for keyPath in [\OrganizationInput.shortName, \.mainActivities, \.registrationCode, \.issuingAuthority, \.address, \.legacyCommuneCode,
                        \.representativeName, \.representativeTitle, \.phone, \.email, \.website] {
            if let value = self[keyPath: keyPath]?.trimmed { self[keyPath: keyPath] = value.isEmpty ? nil : value }
        }
    }
}
