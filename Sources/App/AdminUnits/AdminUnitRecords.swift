import HopTacCore
import Vapor

/// A province of either era with its validity and counts.
struct ProvinceRecord: Content, Sendable {
    var code: String
    var name: String
    var latitude: Double?
    var longitude: Double?
    var validFrom: Day?
    var validTo: Day?
    var communeCount: Int
    var organizationCount: Int
}

struct CommuneRecord: Content, Sendable {
    var code: String
    var name: String
    var type: String
    var provinceCode: String
    var provinceName: String
    var latitude: Double?
    var longitude: Double?
    var areaKm2: Double?
    var validFrom: Day?
    var validTo: Day?
    var organizationCount: Int
    var predecessorCount: Int
}

struct LegacyDistrictRecord: Content, Sendable {
    var code: String
    var name: String
    var type: String
    var provinceCode: String
    var provinceName: String
    var communeCount: Int
}

struct LegacyCommuneRecord: Content, Sendable {
    var code: String
    var name: String
    var type: String
    var districtCode: String
    var districtName: String
    var provinceCode: String
    var provinceName: String
    var latitude: Double?
    var longitude: Double?
    var validFrom: Day?
    var validTo: Day?
    var organizationCount: Int
}

/// One link of the 2025 crosswalk, seen from either side. `default` marks the 2025 commune that takes
/// the records of a legacy commune that was split.
struct SuccessionLink: Content, Sendable {
    var code: String
    var name: String
    var type: String
    var districtName: String?
    var provinceCode: String
    var provinceName: String
    var kind: String
    var isDefault: Bool

    enum CodingKeys: String, CodingKey {
        case code, name, type, kind
        case districtName = "district_name", provinceCode = "province_code", provinceName = "province_name", isDefault = "default"
    }
}

/// `/units/communes/{code}.json`: a 2025 commune and the legacy communes it came from.
struct CommuneDetail: Content, Sendable {
    var commune: CommuneRecord
    var predecessors: [SuccessionLink]

    func encode(to encoder: any Encoder) throws {
        try commune.encode(to: encoder)
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(predecessors, forKey: .predecessors)
    }
    enum Keys: String, CodingKey { case predecessors }
}

/// `/units/legacy-communes/{code}.json`: a legacy commune and the 2025 communes that succeeded it.
struct LegacyCommuneDetail: Content, Sendable {
    var commune: LegacyCommuneRecord
    var successors: [SuccessionLink]

    func encode(to encoder: any Encoder) throws {
        try commune.encode(to: encoder)
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(successors, forKey: .successors)
    }
    enum Keys: String, CodingKey { case successors }
}
