import HopTacCore
import Vapor

/// One organisation as stored, with the names of the units and organisations it refers to.
/// Also the JSON shape of an organisation in `/organizations.json` and `/api/v1`.
struct OrganizationRecord: Content, Sendable {
    var id: Int
    var name: String
    var shortName: String?
    var type: OrganizationType
    var sector: Sector
    var mainActivities: String?
    var registrationCode: String?
    var registrationDate: Day?
    var issuingAuthority: String?
    var address: String?
    var communeCode: String
    var communeName: String
    var provinceCode: String
    var provinceName: String
    var legacyCommuneCode: String?
    var legacyCommuneName: String?
    @StoredMoney var charterCapital: Money?
    var officialMembers: Int?
    var associateMembers: Int?
    var workers: Int?
    var representativeName: String?
    var representativeTitle: String?
    var phone: String?
    var email: String?
    var website: String?
    var unionId: Int?
    var unionName: String?
    var status: OrganizationStatus
    var statusSince: Day?
    var suspendedUntil: Day?
    var mergedIntoId: Int?
    var mergedIntoName: String?
    var version: Int
    var createdAt: String
    var updatedAt: String

    static let selectList = """
        o.id, o.name, o.short_name, o.type, o.sector, o.main_activities, o.registration_code, o.registration_date,
        o.issuing_authority, o.address, o.commune_code, c.name AS commune_name, o.province_code, p.name AS province_name,
        o.legacy_commune_code, lc.name AS legacy_commune_name, o.charter_capital, o.official_members, o.associate_members,
        o.workers, o.representative_name, o.representative_title, o.phone, o.email, o.website, o.union_id,
        u.name AS union_name, o.status, o.status_since, o.suspended_until, o.merged_into_id, m.name AS merged_into_name,
        o.version, o.created_at, o.updated_at
        """
    static let fromJoins = """
        organizations o
        JOIN communes c ON c.code = o.commune_code
        JOIN provinces p ON p.code = o.province_code
        LEFT JOIN legacy_communes lc ON lc.code = o.legacy_commune_code
        LEFT JOIN organizations u ON u.id = o.union_id
        LEFT JOIN organizations m ON m.id = o.merged_into_id
        """

    /// The values a person edits, as the form and the API take them.
    var input: OrganizationInput {
        var input = OrganizationInput()
        input.name = name
        input.shortName = shortName
        input.type = type
        input.sector = sector
        input.mainActivities = mainActivities
        input.registrationCode = registrationCode
        input.registrationDate = registrationDate
        input.issuingAuthority = issuingAuthority
        input.address = address
        input.communeCode = communeCode
        input.legacyCommuneCode = legacyCommuneCode
        input.charterCapital = charterCapital
        input.officialMembers = officialMembers
        input.associateMembers = associateMembers
        input.workers = workers
        input.representativeName = representativeName
        input.representativeTitle = representativeTitle
        input.phone = phone
        input.email = email
        input.website = website
        input.unionId = unionId
        return input
    }

    /// What the public may see: no personal names or contacts of individuals. A group that is not a legal entity (THT,
    /// interest group) has no office: its address is usually a member's home, so it is left out too.
    var publicView: OrganizationRecord {
        var copy = self
        if !type.requiresRegistrationCode { copy.address = nil }
        copy.representativeName = nil
        copy.representativeTitle = nil
        copy.phone = nil
        copy.email = nil
        return copy
    }
}

/// A dated change of status, shown as the organisation's lifecycle.
struct StatusEventRecord: Content, Sendable {
    var id: Int
    var status: OrganizationStatus
    var effectiveFrom: Day
    var effectiveTo: Day?
    var mergedIntoId: Int?
    var mergedIntoName: String?
    var reason: String?
    var actor: String
    var recordedAt: String
}

/// One field changed by one person at one time: the organisation's history.
struct ChangeRecord: Content, Sendable {
    var id: Int
    var field: String
    var oldValue: String?
    var newValue: String?
    var actor: String
    var changedAt: String

    var fieldLabel: String {
        OrganizationField(rawValue: field)?.label ?? (field == "status" ? "Trạng thái" : field == "record" ? "Hồ sơ" : field)
    }
}
