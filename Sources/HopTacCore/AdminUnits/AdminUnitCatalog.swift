import Foundation

/// The administrative units of both eras as shipped with the product (source: vietnamadminunits 1.0.4, MIT).
public struct AdminUnitCatalog: Sendable {
    public struct Province: Sendable, Equatable {
        public let code: String, name: String, latitude: Double?, longitude: Double?
    }
    public struct Commune: Sendable, Equatable {
        public let code: String, name: String, type: String, provinceCode: String
        public let latitude: Double?, longitude: Double?, areaKm2: Double?
    }
    public struct LegacyDistrict: Sendable, Equatable {
        public let code: String, name: String, type: String, provinceCode: String, latitude: Double?, longitude: Double?
    }
    public struct LegacyCommune: Sendable, Equatable {
        public let code: String, name: String, type: String, districtCode: String, provinceCode: String
        public let latitude: Double?, longitude: Double?
    }
    public struct CommuneSuccession: Sendable, Equatable {
        public let legacyCode: String, code2025: String, isSplit: Bool, isDefault: Bool
    }
    public struct ProvinceSuccession: Sendable, Equatable {
        public let legacyCode: String, code2025: String
    }

    /// The 2025 units are in force from this day; the legacy ones were in force until the day before.
    public static let reorganisationDay = Day(year: 2025, month: 7, day: 1)!
    public static let legacyLastDay = Day(year: 2025, month: 6, day: 30)!

    public let provinces: [Province]
    public let communes: [Commune]
    public let legacyProvinces: [Province]
    public let legacyDistricts: [LegacyDistrict]
    public let legacyCommunes: [LegacyCommune]
    public let communeSuccessions: [CommuneSuccession]
    public let provinceSuccessions: [ProvinceSuccession]

    /// Loads the CSV files bundled as resources.
    public static func bundled() throws -> AdminUnitCatalog {
        func records(_ name: String) throws -> [[String: String]] {
            guard let url = Bundle.module.url(forResource: name, withExtension: "csv", subdirectory: "admin-units") else {
                throw CatalogError.missingResource(name)
            }
            return CSV.parseRecords(try String(contentsOf: url, encoding: .utf8))
        }
        func number(_ text: String?) -> Double? { text.flatMap { Double($0) } }
        let province: ([String: String]) -> Province = {
            Province(code: $0["code"] ?? "", name: $0["name"] ?? "", latitude: number($0["lat"]), longitude: number($0["lon"]))
        }
        return AdminUnitCatalog(
            provinces: try records("provinces_2025").map(province),
            communes: try records("communes_2025").map {
                Commune(code: $0["code"] ?? "", name: $0["name"] ?? "", type: $0["type"] ?? "", provinceCode: $0["province_code"] ?? "",
                        latitude: number($0["lat"]), longitude: number($0["lon"]), areaKm2: number($0["area_km2"]))
            },
            legacyProvinces: try records("provinces_legacy").map(province),
            legacyDistricts: try records("districts_legacy").map {
                LegacyDistrict(code: $0["code"] ?? "", name: $0["name"] ?? "", type: $0["type"] ?? "", provinceCode: $0["province_code"] ?? "",
                               latitude: number($0["lat"]), longitude: number($0["lon"]))
            },
            // Five rows of the source have no code: island districts without communes. They are not communes.
            legacyCommunes: try records("communes_legacy").filter { !($0["code"] ?? "").isEmpty }.map {
                LegacyCommune(code: $0["code"] ?? "", name: $0["name"] ?? "", type: $0["type"] ?? "", districtCode: $0["district_code"] ?? "",
                              provinceCode: $0["province_code"] ?? "", latitude: number($0["lat"]), longitude: number($0["lon"]))
            },
            communeSuccessions: try records("commune_succession_2025").map {
                CommuneSuccession(legacyCode: $0["legacy_code"] ?? "", code2025: $0["code_2025"] ?? "",
                                  isSplit: $0["kind"] == "split", isDefault: $0["default"] == "1")
            },
            provinceSuccessions: try records("province_succession_2025").map {
                ProvinceSuccession(legacyCode: $0["legacy_code"] ?? "", code2025: $0["code_2025"] ?? "")
            }
        )
    }

    public enum CatalogError: Error, CustomStringConvertible {
        case missingResource(String)
        public var description: String {
            switch self {
            case .missingResource(let name): "Thiếu tệp dữ liệu đơn vị hành chính \(name).csv trong gói cài đặt."
            }
        }
    }
}
