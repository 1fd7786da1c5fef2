/// Every field of an organisation's record that a person can set, with its Vietnamese label.
/// The raw values are the names used in HTML forms, the JSON API, CSV columns and the change history.
public enum OrganizationField: String, CaseIterable, Sendable, Codable {
    case name
    case shortName = "short_name"
    case type
    case sector
    case mainActivities = "main_activities"
    case registrationCode = "registration_code"
    case registrationDate = "registration_date"
    case issuingAuthority = "issuing_authority"
    case address
    case communeCode = "commune_code"
    case legacyCommuneCode = "legacy_commune_code"
    case charterCapital = "charter_capital"
    case officialMembers = "official_members"
    case associateMembers = "associate_members"
    case workers
    case representativeName = "representative_name"
    case representativeTitle = "representative_title"
    case phone
    case email
    case website
    case unionId = "union_id"

    /// What the registration certificate says, which only the registering authority changes: an organisation's own
    /// account edits the rest of its profile (name, contacts, members, activities) but not these. Union membership is
    /// recorded by an officer whose area holds both the member and the union.
    public static let setByRegistration: [OrganizationField] = [.type, .registrationCode, .registrationDate, .issuingAuthority,
                                                                 .communeCode, .legacyCommuneCode, .unionId]

    public var label: String {
        switch self {
        case .name: "Tên tổ chức"
        case .shortName: "Tên viết tắt"
        case .type: "Loại hình"
        case .sector: "Lĩnh vực"
        case .mainActivities: "Ngành nghề kinh doanh chính"
        case .registrationCode: "Mã số (10 chữ số)"
        case .registrationDate: "Ngày đăng ký"
        case .issuingAuthority: "Cơ quan cấp đăng ký"
        case .address: "Địa chỉ trụ sở"
        case .communeCode: "Xã/phường (mã 2025)"
        case .legacyCommuneCode: "Xã cũ (mã trước 01/07/2025)"
        case .charterCapital: "Vốn điều lệ (triệu đồng)"
        case .officialMembers: "Thành viên chính thức"
        case .associateMembers: "Thành viên liên kết"
        case .workers: "Lao động thường xuyên"
        case .representativeName: "Người đại diện theo pháp luật"
        case .representativeTitle: "Chức danh người đại diện"
        case .phone: "Điện thoại"
        case .email: "Thư điện tử"
        case .website: "Trang thông tin điện tử"
        case .unionId: "Thành viên của liên hiệp HTX"
        }
    }
}
