import Foundation

/// A 2025 commune for which demo organisations are generated.
public struct DemoCommune: Sendable {
    /// 2025 commune code, e.g. "18070".
    public let code: String
    /// "Xã Thạch Hà", "Phường Thành Sen", "Đặc khu Cồn Cỏ".
    public let name: String
    /// 2025 province code, e.g. "42".
    public let provinceCode: String
    /// "Tỉnh Hà Tĩnh", "Thành phố Huế".
    public let provinceName: String
    /// Codes of the old communes merged into this one (may be empty).
    public let legacyCommuneCodes: [String]
    /// Optional names of those old communes, in the same order ("Xã Thạch Tân"); cooperatives are often named after them.
    public let legacyCommuneNames: [String]
    /// Optional name of the district the commune belonged to before 1 July 2025 ("Huyện Thạch Hà"), for the issuing authority.
    public let legacyDistrictName: String?

    public init(code: String, name: String, provinceCode: String, provinceName: String, legacyCommuneCodes: [String],
                legacyCommuneNames: [String] = [], legacyDistrictName: String? = nil) {
        self.code = code
        self.name = name
        self.provinceCode = provinceCode
        self.provinceName = provinceName
        self.legacyCommuneCodes = legacyCommuneCodes
        self.legacyCommuneNames = legacyCommuneNames
        self.legacyDistrictName = legacyDistrictName
    }

    /// The name without "Xã ", "Phường ", "Đặc khu ": "Thạch Hà".
    public var placeName: String { DemoNames.stripPrefix(name) }
}

extension DemoCommune {
    /// Demo communes from the bundled catalogue, with their default predecessors, the predecessors' names and the old district
    /// most of them belonged to. `provinceCode` limits the list to one province.
    public static func communes(from catalog: AdminUnitCatalog, provinceCode: String? = nil) -> [DemoCommune] {
        let provinceNames = Dictionary(catalog.provinces.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        let legacy = Dictionary(catalog.legacyCommunes.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        let districts = Dictionary(catalog.legacyDistricts.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        var predecessors: [String: [String]] = [:]
        for link in catalog.communeSuccessions where link.isDefault { predecessors[link.code2025, default: []].append(link.legacyCode) }
        return catalog.communes.filter { provinceCode == nil || $0.provinceCode == provinceCode }.map { commune in
            let codes = (predecessors[commune.code] ?? []).sorted()
            var districtCounts: [String: Int] = [:]
            var firstDistrict: [String] = []
            for code in codes {
                guard let district = legacy[code]?.districtCode else { continue }
                if districtCounts[district] == nil { firstDistrict.append(district) }
                districtCounts[district, default: 0] += 1
            }
            let district = firstDistrict.max { (districtCounts[$0] ?? 0) < (districtCounts[$1] ?? 0) }
            return DemoCommune(code: commune.code, name: commune.name, provinceCode: commune.provinceCode,
                               provinceName: provinceNames[commune.provinceCode] ?? "", legacyCommuneCodes: codes,
                               legacyCommuneNames: codes.map { legacy[$0]?.name ?? "" },
                               legacyDistrictName: district.flatMap { districts[$0] })
        }
    }
}

/// One synthetic collective organisation. Indices (`unionIndex`, `mergedIntoIndex`) refer to the array it was returned in.
public struct DemoOrganization: Sendable {
    public var name: String
    public var shortName: String?
    public var type: OrganizationType
    public var sector: Sector
    public var mainActivities: String
    /// Exactly 10 ASCII digits, unique in one output; nil only for most THT and all interest groups.
    public var registrationCode: String?
    public var registrationDate: Day
    public var issuingAuthority: String
    public var address: String
    public var communeCode: String
    public var provinceCode: String
    public var legacyCommuneCode: String?
    /// At most one decimal of triệu đồng.
    public var charterCapital: Money
    public var officialMembers: Int
    public var associateMembers: Int
    public var workers: Int
    public var representativeName: String
    public var representativeTitle: String
    public var phone: String?
    public var email: String?
    public var status: OrganizationStatus
    /// The day the current non-active status began (nil when active).
    public var statusSince: Day?
    /// Only for suspended organisations: end of the suspension, after `statusSince`.
    public var suspendedUntil: Day?
    /// For some HTX: index of an LHHTX of the same province they are a member of.
    public var unionIndex: Int?
    /// For merged HTX: index of an active HTX of the same province that absorbed it.
    public var mergedIntoIndex: Int?

    public init(name: String, shortName: String? = nil, type: OrganizationType, sector: Sector, mainActivities: String,
                registrationCode: String? = nil, registrationDate: Day, issuingAuthority: String, address: String, communeCode: String,
                provinceCode: String, legacyCommuneCode: String? = nil, charterCapital: Money, officialMembers: Int,
                associateMembers: Int = 0, workers: Int = 0, representativeName: String, representativeTitle: String,
                phone: String? = nil, email: String? = nil, status: OrganizationStatus = .active, statusSince: Day? = nil,
                suspendedUntil: Day? = nil, unionIndex: Int? = nil, mergedIntoIndex: Int? = nil) {
        self.name = name
        self.shortName = shortName
        self.type = type
        self.sector = sector
        self.mainActivities = mainActivities
        self.registrationCode = registrationCode
        self.registrationDate = registrationDate
        self.issuingAuthority = issuingAuthority
        self.address = address
        self.communeCode = communeCode
        self.provinceCode = provinceCode
        self.legacyCommuneCode = legacyCommuneCode
        self.charterCapital = charterCapital
        self.officialMembers = officialMembers
        self.associateMembers = associateMembers
        self.workers = workers
        self.representativeName = representativeName
        self.representativeTitle = representativeTitle
        self.phone = phone
        self.email = email
        self.status = status
        self.statusSince = statusSince
        self.suspendedUntil = suspendedUntil
        self.unionIndex = unionIndex
        self.mergedIntoIndex = mergedIntoIndex
    }
}

/// How much demo data to load: one commune, one province, or the whole country.
public enum DemoScale: String, CaseIterable, Sendable {
    case commune, province, national
}

/// Deterministic synthetic registry data with the shape of the national figures (Ministry of Finance, end 2025):
/// ≈10.5 HTX, ≈19 THT, ≈0.36 QTDND and ≈3 interest groups per commune, ≈4–5 LHHTX per province.
public struct DemoGenerator {
    /// Statuses are as of this day; nothing is registered or changes status on or after it.
    public static let referenceDay = Day(year: 2026, month: 11, day: 1)!

    private var random: DemoRandom

    public init(seed: UInt64) { random = DemoRandom(seed: seed) }

    /// Organisations for the given communes (all of one province for `.province`, one commune for `.commune`,
    /// all 3,321 for `.national`). Deterministic: same seed + same input → identical output.
    public mutating func organizations(for communes: [DemoCommune]) -> [DemoOrganization] {
        var build = DemoBuild(seed: random.next())
        return build.run(communes)
    }
}

// MARK: - Name helpers

enum DemoNames {
    static let prefixes = ["Xã ", "Phường ", "Đặc khu ", "Thị trấn ", "Tỉnh ", "Thành phố "]

    static func stripPrefix(_ name: String) -> String {
        for prefix in prefixes where name.hasPrefix(prefix) { return String(name.dropFirst(prefix.count)) }
        return name
    }

    /// "Tỉnh Hà Tĩnh" → "tỉnh Hà Tĩnh", "Huyện Thạch Hà" → "huyện Thạch Hà".
    static func lowerFirst(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.lowercased() + text.dropFirst()
    }

    static func isNumbered(_ place: String) -> Bool { place.first.map { $0.isNumber } ?? true }

    /// A plausible Vietnamese full name, drawn from the surname and given-name frequencies.
    static func person(male: Bool, _ rng: inout DemoRandom) -> String {
        let surname = DemoVocabulary.surnames.draw(&rng)
        if male {
            let middle = DemoVocabulary.maleMiddleNames.draw(&rng)
            var given = rng.pick(DemoVocabulary.maleGivenNames)
            while given == middle { given = rng.pick(DemoVocabulary.maleGivenNames) }
            return "\(surname) \(middle) \(given)"
        }
        var middle = DemoVocabulary.femaleMiddleNames.draw(&rng)
        var given = rng.pick(DemoVocabulary.femaleGivenNames)
        if middle == "Thị" && rng.chance(0.35) {
            var second = rng.pick(DemoVocabulary.femaleSecondMiddleNames)
            while second == given { second = rng.pick(DemoVocabulary.femaleSecondMiddleNames) }
            middle += " " + second
        }
        while middle.hasSuffix(given) { given = rng.pick(DemoVocabulary.femaleGivenNames) }
        return "\(surname) \(middle) \(given)"
    }

    /// Lower-case letters and digits only, for e-mail addresses: "Đồng Tâm" → "dongtam".
    static func asciiSlug(_ text: String) -> String {
        foldForSearch(text).filter { $0.isASCII && ($0.isLetter || $0.isNumber) }
    }
}

/// An old commune merged into a 2025 commune. `committee` ("UBND xã Thạch Tân") is empty when the name is unknown.
struct DemoLegacyCommune {
    let code: String
    let place: String
    let committee: String
}

/// A village (thôn, xóm, bản, ấp) or urban residential group (tổ dân phố, khu phố) of a commune.
struct DemoVillage {
    let prefix: String
    let name: String
    /// "Thôn Trung Tiến", as written in an address.
    let full: String
    /// "thôn Trung Tiến", as written inside a name.
    let inName: String

    init(prefix: String, name: String) {
        self.prefix = prefix
        self.name = name
        full = prefix + " " + name
        inName = DemoNames.lowerFirst(prefix) + " " + name
    }

    var isNumbered: Bool { DemoNames.isNumbered(name) }
    /// Whether the name can stand alone in an organisation's name ("Trung Tiến", not "3" or "Đông").
    var isPlaceName: Bool { !isNumbered && name.utf8.contains(UInt8(ascii: " ")) }
}

// MARK: - One generation run

private struct DemoBuild {
    let seed: UInt64
    var out: [DemoOrganization] = []
    var codeCounters: [String: UInt64] = [:]
    var codeMixers: [String: (a: UInt64, b: UInt64)] = [:]
    var emails: Set<String> = []
    var slugs: [UInt64: String] = [:]
    /// Vocabulary weights per (region, kind of commune): HTX kinds by sector, group activities, interest-group activities.
    var weightCache: [WeightKey: (kinds: [Sector: [Double]], groups: [Double], interests: [Double])] = [:]

    struct WeightKey: Hashable {
        let region: DemoRegion
        let kind: DemoCommuneKind
    }

    static let reference = DemoDays.number(DemoGenerator.referenceDay)
    static let day20040101 = Day(year: 2004, month: 1, day: 1)!
    static let day20130701 = DemoDays.number(Day(year: 2013, month: 7, day: 1)!)
    static let day20240701 = Day(year: 2024, month: 7, day: 1)!
    static let day20250301 = Day(year: 2025, month: 3, day: 1)!
    static let day20250701 = Day(year: 2025, month: 7, day: 1)!

    static let htxYears = Weighted(DemoVocabulary.htxYears)
    static let thtYears = Weighted(DemoVocabulary.thtYears)
    static let groupYears = Weighted(DemoVocabulary.interestGroupYears)
    static let qtdndYears = Weighted(DemoVocabulary.qtdndYears)
    static let unionYears = Weighted(DemoVocabulary.unionYears)
    static let htxTitles = Weighted<String>([("Giám đốc", 45), ("Chủ tịch HĐQT kiêm Giám đốc", 35), ("Chủ tịch HĐQT", 15), ("Tổng giám đốc", 1)])
    static let unionTitles = Weighted<String>([("Chủ tịch HĐQT", 50), ("Giám đốc", 30), ("Chủ tịch HĐQT kiêm Giám đốc", 20)])
    static let mailDomains = Weighted<String>([("gmail.com", 90), ("yahoo.com", 4), ("outlook.com", 3), ("yahoo.com.vn", 3)])

    init(seed: UInt64) { self.seed = seed }

    /// What one commune offers to name and place its organisations.
    struct Place {
        let commune: DemoCommune
        let kind: DemoCommuneKind
        let region: DemoRegion
        let place: String
        let provincePlace: String
        let provinceLower: String
        /// Issuing authorities, written once per commune: "UBND xã Thạch Hà", "Phòng Tài chính - Kế hoạch huyện Thạch Hà"…
        let communeCommittee: String
        let districtOffice: String
        let districtCommittee: String
        let provincePlanning: String
        let provinceFinance: String
        /// HTX kind weights for each sector in this commune.
        let kindWeights: [Sector: [Double]]
        let villages: [DemoVillage]
        let namedVillages: [String]
        /// Old communes with a usable name (not "Phường 3"); empty when the caller gave no names.
        let legacy: [DemoLegacyCommune]
        /// FNV-1a hashes of the names used in this commune (hashing bytes is much cheaper than hashing Vietnamese strings;
        /// a collision would only make the generator pick another name).
        var usedNames: Set<UInt64> = []

        func isUsed(_ name: String) -> Bool { usedNames.contains(DemoRandom.fnv1a(name)) }
        mutating func use(_ name: String) { usedNames.insert(DemoRandom.fnv1a(name)) }
    }

    mutating func run(_ communes: [DemoCommune]) -> [DemoOrganization] {
        out.reserveCapacity(communes.count * 34)
        var provinceOrder: [String] = []
        var provinceCommunes: [String: [Int]] = [:]
        for (index, commune) in communes.enumerated() {
            if provinceCommunes[commune.provinceCode] == nil { provinceOrder.append(commune.provinceCode) }
            provinceCommunes[commune.provinceCode, default: []].append(index)
        }

        // Unions (LHHTX): about 164 for 3,321 communes, placed in communes of their province, preferably urban.
        var unionsByCommune: [Int: [DemoHTXKind]] = [:]
        for province in provinceOrder {
            let indices = provinceCommunes[province] ?? []
            var rng = DemoRandom(seed: seed, key: "lhhtx/" + province)
            let hostWeights = indices.map { index -> Double in
                let commune = communes[index]
                let population = Self.population(commune.placeName, DemoCommuneKind(name: commune.name))
                switch DemoCommuneKind(name: commune.name) {
                case .urban: return 3 * population
                case .rural: return population
                case .specialZone: return 0.3 * population
                }
            }
            guard hostWeights.contains(where: { $0 > 0 }) else { continue }
            let count = indices.count < 10
                ? 1
                : max(2, Int((Double(indices.count) * 164 / 3321 + 0.9 * rng.normal()).rounded()))
            let region = DemoRegion(provinceCode: province)
            let kinds = DemoVocabulary.unionKinds
            var kindWeights = kinds.map { $0.weight * $0.boost.factor(region, .rural) }
            for _ in 0..<count {
                let kind: DemoHTXKind
                if kindWeights.contains(where: { $0 > 0 }) {
                    let k = rng.weightedIndex(kindWeights)
                    kind = kinds[k]
                    kindWeights[k] = 0
                } else {
                    kind = rng.pick(kinds)
                }
                unionsByCommune[indices[rng.weightedIndex(hostWeights)], default: []].append(kind)
            }
        }

        var unionNames: [String: Set<String>] = [:]
        for (index, commune) in communes.enumerated() {
            generate(commune, unions: unionsByCommune[index] ?? [], unionNames: &unionNames[commune.provinceCode, default: []])
        }
        link()
        return out
    }

    /// Share of a normal commune's organisations that a commune has: uninhabited or military islands have (almost) none.
    static func population(_ place: String, _ kind: DemoCommuneKind) -> Double {
        guard kind == .specialZone else { return 1 }
        switch place {
        case "Hoàng Sa": return 0
        case "Trường Sa", "Bạch Long Vĩ", "Thổ Châu", "Cồn Cỏ": return 0.15
        case "Phú Quốc", "Vân Đồn", "Cát Hải": return 2.5
        default: return 1
        }
    }

    // MARK: Commune

    mutating func generate(_ commune: DemoCommune, unions: [DemoHTXKind], unionNames: inout Set<String>) {
        var rng = DemoRandom(seed: seed, key: commune.code)
        let kind = DemoCommuneKind(name: commune.name)
        let region = DemoRegion(provinceCode: commune.provinceCode)
        let villages = Self.villages(kind: kind, region: region, rng: &rng)
        var legacy: [DemoLegacyCommune] = []
        if commune.legacyCommuneNames.count == commune.legacyCommuneCodes.count {
            for (code, full) in zip(commune.legacyCommuneCodes, commune.legacyCommuneNames) {
                let place = DemoNames.stripPrefix(full)
                if !full.isEmpty && !DemoNames.isNumbered(place) {
                    legacy.append(DemoLegacyCommune(code: code, place: place, committee: "UBND " + DemoNames.lowerFirst(full)))
                }
            }
        }
        let provinceLower = DemoNames.lowerFirst(commune.provinceName)
        let district = commune.legacyDistrictName.map(DemoNames.lowerFirst) ?? "cấp huyện, \(provinceLower)"
        let weights = weights(region, kind)
        var p = Place(commune: commune, kind: kind, region: region, place: commune.placeName,
                      provincePlace: DemoNames.stripPrefix(commune.provinceName), provinceLower: provinceLower,
                      communeCommittee: "UBND \(kind.word) \(commune.placeName)",
                      districtOffice: "Phòng Tài chính - Kế hoạch \(district)", districtCommittee: "UBND \(district)",
                      provincePlanning: "Sở Kế hoạch và Đầu tư \(provinceLower)", provinceFinance: "Sở Tài chính \(provinceLower)",
                      kindWeights: weights.kinds,
                      villages: villages, namedVillages: villages.filter(\.isPlaceName).map(\.name), legacy: legacy)

        let population = Self.population(p.place, kind)
        let activity = population * exp(0.5 * rng.normal() - 0.125)
        let means: (htx: Double, tht: Double, qtdnd: Double, groups: Double) = switch kind {
        case .rural: (11.5, 21, 0.43, 3.3)
        case .urban: (7, 11.5, 0.34, 1.8)
        case .specialZone: (4, 8, 0.10, 2)
        }

        for union in unions { makeUnion(union, &p, &rng, &unionNames) }
        let funds = min(2, rng.poisson(means.qtdnd * min(activity, 1.5)))
        for n in 0..<funds { makeFund(n, &p, &rng) }
        let htxCount = rng.poisson(means.htx * activity)
        for _ in 0..<htxCount { makeHTX(&p, &rng) }
        let thtCount = rng.poisson(means.tht * activity)
        for _ in 0..<thtCount { makeGroup(.tht, &p, &rng, weights.groups) }
        let interestCount = rng.poisson(means.groups * activity)
        for _ in 0..<interestCount { makeGroup(.interestGroup, &p, &rng, weights.interests) }
    }

    mutating func weights(_ region: DemoRegion, _ kind: DemoCommuneKind) -> (kinds: [Sector: [Double]], groups: [Double], interests: [Double]) {
        let key = WeightKey(region: region, kind: kind)
        if let known = weightCache[key] { return known }
        let all = DemoVocabulary.htxKinds.map { $0.weight * $0.boost.factor(region, kind) }
        var kinds: [Sector: [Double]] = [:]
        for sector in Sector.allCases { kinds[sector] = zip(DemoVocabulary.htxKinds, all).map { $0.sector == sector ? $1 : 0 } }
        let groups = DemoVocabulary.groupActivities.map { $0.weight * $0.boost.factor(region, kind) }
        let interests = zip(DemoVocabulary.groupActivities, groups).map { $0.interestGroups ? $1 : 0 }
        let value = (kinds, groups, interests)
        weightCache[key] = value
        return value
    }

    static func villages(kind: DemoCommuneKind, region: DemoRegion, rng: inout DemoRandom) -> [DemoVillage] {
        var result: [DemoVillage] = []
        var seen: Set<UInt64> = []
        let count = switch kind {
        case .rural: rng.int(9...18)
        case .urban: rng.int(8...16)
        case .specialZone: rng.int(4...9)
        }
        var number = 0
        func add(_ village: DemoVillage) {
            if seen.insert(DemoRandom.fnv1a(village.full)).inserted { result.append(village) }
        }
        let south = region == .south
        for _ in 0..<(count + 4) where result.count < count {
            if kind == .urban {
                let prefix = south ? "Khu phố" : "Tổ dân phố"
                if rng.chance(0.75) {
                    number += 1 + (rng.chance(0.2) ? 1 : 0)
                    add(DemoVillage(prefix: prefix, name: String(number)))
                } else {
                    add(DemoVillage(prefix: prefix, name: rng.pick(south ? DemoVocabulary.southernNames : DemoVocabulary.auspiciousNames)))
                }
                continue
            }
            let numberedShare: Double = switch region {
            case .redRiverDelta, .northMountain: 0.1
            case .northCentral: 0.2
            case .southCentralCoast: 0.15
            case .centralHighlands: 0.5
            case .south: 0.3
            }
            let prefix: String
            switch region {
            case .south: prefix = "Ấp"
            case .redRiverDelta: prefix = rng.chance(0.8) ? "Thôn" : "Xóm"
            case .northCentral: prefix = rng.chance(0.7) ? "Thôn" : "Xóm"
            case .northMountain: prefix = rng.chance(0.5) ? "Bản" : (rng.chance(0.7) ? "Thôn" : "Xóm")
            case .southCentralCoast, .centralHighlands: prefix = "Thôn"
            }
            if rng.chance(numberedShare) {
                number += 1
                add(DemoVillage(prefix: prefix, name: String(number)))
                continue
            }
            switch region {
            case .south:
                add(DemoVillage(prefix: prefix, name: rng.pick(rng.chance(0.7) ? DemoVocabulary.southernNames : DemoVocabulary.auspiciousNames)))
            case .northMountain where prefix == "Bản" || rng.chance(0.4):
                add(DemoVillage(prefix: prefix, name: rng.pick(DemoVocabulary.taiFirstSyllables) + " " + rng.pick(DemoVocabulary.taiSecondSyllables)))
            case .centralHighlands where rng.chance(0.3):
                let full = rng.pick(DemoVocabulary.highlandVillages)
                let space = full.firstIndex(of: " ") ?? full.startIndex
                add(DemoVillage(prefix: String(full[..<space]), name: String(full[full.index(after: space)...])))
            case .northCentral where rng.chance(0.2):
                add(DemoVillage(prefix: "Thôn", name: rng.pick(DemoVocabulary.centralUplandVillages)))
            case .redRiverDelta, .northCentral, .northMountain:
                add(DemoVillage(prefix: prefix, name: rng.pick(rng.chance(0.5) ? DemoVocabulary.northernVillages : DemoVocabulary.auspiciousNames)))
            default:
                add(DemoVillage(prefix: prefix, name: rng.pick(DemoVocabulary.auspiciousNames)))
            }
        }
        if result.isEmpty { result.append(DemoVillage(prefix: south ? "Ấp" : "Thôn", name: "1")) }
        return result
    }

    // MARK: Organisations

    static let htxSectors: [Sector] = [.agriculture, .industryConstruction, .tradeServices]
    static let htxSectorShares: [DemoCommuneKind: [Double]] = [
        .rural: [0.72, 0.10, 0.18], .urban: [0.30, 0.22, 0.48], .specialZone: [0.55, 0.10, 0.35],
    ]

    mutating func makeHTX(_ p: inout Place, _ rng: inout DemoRandom) {
        let sector = Self.htxSectors[rng.weightedIndex(Self.htxSectorShares[p.kind] ?? [1, 0, 0])]
        let kinds = DemoVocabulary.htxKinds
        let weights = p.kindWeights[sector] ?? []
        let kind = kinds[weights.contains(where: { $0 > 0 }) ? rng.weightedIndex(weights) : rng.below(kinds.count)]

        let registered = Self.registrationDay(Self.htxYears, &rng)
        let legacy = legacyChoice(p, registered, &rng)
        var distinguisher: String
        if let legacy, !legacy.place.isEmpty, rng.chance(0.5) { distinguisher = legacy.place } else { distinguisher = htxDistinguisher(p, &rng) }
        var name = "Hợp tác xã \(kind.name) \(distinguisher)"
        var attempts = 0
        var base = distinguisher
        var number = 2
        while p.isUsed(name) {
            attempts += 1
            if attempts < 6 {
                distinguisher = htxDistinguisher(p, &rng)
            } else if attempts == 6 && distinguisher != p.place {
                base = distinguisher
                distinguisher = base + " " + p.place   // "Đồng Tâm Thạch Hà"
            } else {
                if attempts == 6 { base = distinguisher }
                distinguisher = "\(base) \(number)"
                number += 1
            }
            name = "Hợp tác xã \(kind.name) \(distinguisher)"
        }
        p.use(name)

        let oldAgriculture = sector == .agriculture && registered.year < 2013
        let official = Self.clamp(Int(rng.logNormal(median: oldAgriculture ? 170 : 33, sigma: oldAgriculture ? 0.9 : 0.75)), 5...6000)
        let associate = rng.chance(0.45) ? 0 : Int(Double(official) * 0.3 * rng.unit())
        let workers = Self.clamp(Int(rng.logNormal(median: 10, sigma: 0.55)), 3...150)
        let capital = Self.capital(rng.logNormal(median: 1500 * pow(Double(official) / 40, 0.15), sigma: 1.05), 50...60000, &rng)
        let status = Self.status(.htx, registered, &rng)
        let male = rng.chance(0.82)
        let title = Self.htxTitles.draw(&rng)
        let email = rng.chance(0.3) ? makeEmail("htx" + slug(distinguisher), p, &rng) : nil
        out.append(DemoOrganization(
            name: name, shortName: "HTX \(kind.short) \(distinguisher)", type: .htx, sector: sector,
            mainActivities: rng.pick(kind.activities), registrationCode: nextCode(p.commune.provinceCode), registrationDate: registered,
            issuingAuthority: authority(.htx, registered, p, legacy), address: address(p, &rng), communeCode: p.commune.code,
            provinceCode: p.commune.provinceCode, legacyCommuneCode: legacy?.code, charterCapital: capital, officialMembers: official,
            associateMembers: associate, workers: workers, representativeName: DemoNames.person(male: male, &rng), representativeTitle: title,
            phone: rng.chance(0.88) ? Self.phone(&rng) : nil, email: email,
            status: status.status, statusSince: status.since, suspendedUntil: status.until))
    }

    mutating func makeGroup(_ type: OrganizationType, _ p: inout Place, _ rng: inout DemoRandom, _ weights: [Double]) {
        let activities = DemoVocabulary.groupActivities
        var activity = activities[rng.weightedIndex(weights)]
        let years = type == .tht ? Self.thtYears : Self.groupYears
        let registered = Self.registrationDay(years, &rng)
        let legacy = legacyChoice(p, registered, &rng)
        let prefix = type == .tht ? "Tổ hợp tác" : "Nhóm sở thích"
        func villageWords(_ v: DemoVillage) -> String { type == .interestGroup && v.isPlaceName ? v.name : v.inName }
        var village = rng.pick(p.villages)
        var name = "\(prefix) \(activity.phrase) \(villageWords(village))"
        var attempts = 0
        while p.isUsed(name) {
            attempts += 1
            if attempts < 6 {
                activity = activities[rng.weightedIndex(weights)]
                village = rng.pick(p.villages)
                name = "\(prefix) \(activity.phrase) \(villageWords(village))"
            } else {
                name = "\(prefix) \(activity.phrase) \(villageWords(village)) số \(attempts - 4)"
            }
        }
        p.use(name)

        let members = Self.clamp(Int(rng.logNormal(median: type == .tht ? 11 : 15, sigma: 0.45)), 5...(type == .tht ? 30 : 40))
        let workers = type == .tht && rng.chance(0.3) ? rng.int(1...4) : 0
        let capital = type == .tht
            ? Self.capital(rng.logNormal(median: 80, sigma: 0.8), 10...500, &rng)
            : (rng.chance(0.6) ? .zero : Self.capital(rng.logNormal(median: 15, sigma: 0.6), 5...60, &rng))
        let status = Self.status(type, registered, &rng)
        let male = rng.chance(type == .tht ? 0.7 : 0.55)
        let registeredCode = type == .tht && registered >= Self.day20240701
        let address = "\(village.full), \(p.commune.name), \(p.commune.provinceName)"
        out.append(DemoOrganization(
            name: name, shortName: nil, type: type, sector: activity.sector, mainActivities: activity.description,
            registrationCode: registeredCode ? nextCode(p.commune.provinceCode) : nil, registrationDate: registered,
            issuingAuthority: authority(type, registered, p, legacy), address: address, communeCode: p.commune.code,
            provinceCode: p.commune.provinceCode, legacyCommuneCode: legacy?.code, charterCapital: capital, officialMembers: members,
            associateMembers: 0, workers: workers, representativeName: DemoNames.person(male: male, &rng),
            representativeTitle: type == .tht ? "Tổ trưởng" : "Trưởng nhóm",
            phone: rng.chance(type == .tht ? 0.55 : 0.35) ? Self.phone(&rng) : nil,
            email: type == .tht && rng.chance(0.04) ? makeEmail("tht" + slug(village.name), p, &rng) : nil,
            status: status.status, statusSince: status.since, suspendedUntil: status.until))
    }

    mutating func makeFund(_ ordinal: Int, _ p: inout Place, _ rng: inout DemoRandom) {
        let registered = Self.registrationDay(Self.qtdndYears, &rng)
        var legacy: DemoLegacyCommune? = nil
        var placeName = ordinal == 0 ? p.place : rng.pick(p.namedVillages.isEmpty ? DemoVocabulary.auspiciousNames : p.namedVillages)
        if !p.legacy.isEmpty && (ordinal > 0 || rng.chance(0.8)) {
            let chosen = rng.pick(p.legacy)
            placeName = chosen.place
            if registered < Self.day20250701 { legacy = chosen }
        }
        var name = "Quỹ tín dụng nhân dân \(placeName)"
        if p.isUsed(name) {
            placeName = rng.pick(DemoVocabulary.auspiciousNames)
            name = "Quỹ tín dụng nhân dân \(placeName)"
            if p.isUsed(name) { name += " \(ordinal + 1)" }
        }
        p.use(name)
        let status = Self.status(.qtdnd, registered, &rng)
        out.append(DemoOrganization(
            name: name, shortName: "QTDND \(placeName)", type: .qtdnd, sector: .financeBanking,
            mainActivities: "Huy động vốn, cho vay, cung ứng dịch vụ thanh toán và các hoạt động ngân hàng khác đối với thành viên theo giấy phép của Ngân hàng Nhà nước",
            registrationCode: nextCode(p.commune.provinceCode), registrationDate: registered,
            issuingAuthority: authority(.qtdnd, registered, p, legacy), address: address(p, &rng), communeCode: p.commune.code,
            provinceCode: p.commune.provinceCode, legacyCommuneCode: legacy?.code,
            charterCapital: Self.capital(rng.logNormal(median: 8000, sigma: 0.7), 2000...50000, &rng),
            officialMembers: Self.clamp(Int(rng.logNormal(median: 1500, sigma: 0.6)), 500...5000), associateMembers: 0,
            workers: rng.int(5...18), representativeName: DemoNames.person(male: rng.chance(0.6), &rng),
            representativeTitle: rng.chance(0.5) ? "Chủ tịch HĐQT" : "Giám đốc",
            phone: Self.phone(&rng), email: rng.chance(0.6) ? makeEmail("qtdnd" + slug(placeName), p, &rng) : nil,
            status: status.status, statusSince: status.since, suspendedUntil: status.until))
    }

    mutating func makeUnion(_ kind: DemoHTXKind, _ p: inout Place, _ rng: inout DemoRandom, _ unionNames: inout Set<String>) {
        var qualifier = p.provincePlace
        var name = "Liên hiệp hợp tác xã \(kind.name) \(qualifier)"
        if unionNames.contains(name) {
            qualifier = p.place
            name = "Liên hiệp hợp tác xã \(kind.name) \(qualifier)"
            var n = 2
            while unionNames.contains(name) {
                qualifier = "\(p.place) \(n)"
                name = "Liên hiệp hợp tác xã \(kind.name) \(qualifier)"
                n += 1
            }
        }
        unionNames.insert(name)
        p.use(name)
        let registered = Self.registrationDay(Self.unionYears, &rng)
        let status = Self.status(.lhhtx, registered, &rng)
        let members = 4 + Int(16 * pow(rng.unit(), 1.6))
        let title = Self.unionTitles.draw(&rng)
        out.append(DemoOrganization(
            name: name, shortName: "LHHTX \(kind.short) \(qualifier)", type: .lhhtx, sector: kind.sector,
            mainActivities: rng.pick(kind.activities), registrationCode: nextCode(p.commune.provinceCode), registrationDate: registered,
            issuingAuthority: authority(.lhhtx, registered, p, nil), address: address(p, &rng), communeCode: p.commune.code,
            provinceCode: p.commune.provinceCode, legacyCommuneCode: nil,
            charterCapital: Self.capital(rng.logNormal(median: 4000, sigma: 0.7), 1000...20000, &rng),
            officialMembers: members, associateMembers: rng.chance(0.5) ? 0 : rng.int(1...8), workers: rng.int(3...25),
            representativeName: DemoNames.person(male: rng.chance(0.85), &rng), representativeTitle: title,
            phone: Self.phone(&rng), email: rng.chance(0.7) ? makeEmail("lienhiephtx" + slug(kind.name), p, &rng) : nil,
            status: status.status, statusSince: status.since, suspendedUntil: status.until))
    }

    // MARK: Pieces

    func htxDistinguisher(_ p: Place, _ rng: inout DemoRandom) -> String {
        let r = rng.unit()
        if r < 0.12 { return p.place }
        if r < 0.22, !p.legacy.isEmpty { return rng.pick(p.legacy).place }
        if r < 0.62 || p.namedVillages.isEmpty {
            return rng.pick(p.region == .south && rng.chance(0.5) ? DemoVocabulary.southernNames : DemoVocabulary.auspiciousNames)
        }
        return rng.pick(p.namedVillages)
    }

    /// About 30% of organisations registered before 1 July 2025 keep the code of the old commune they were registered in.
    func legacyChoice(_ p: Place, _ registered: Day, _ rng: inout DemoRandom) -> DemoLegacyCommune? {
        let codes = p.commune.legacyCommuneCodes
        guard !codes.isEmpty, registered < Self.day20250701, rng.chance(0.35) else { return nil }
        if !p.legacy.isEmpty && rng.chance(0.8) { return rng.pick(p.legacy) }
        return DemoLegacyCommune(code: rng.pick(codes), place: "", committee: "")
    }

    func address(_ p: Place, _ rng: inout DemoRandom) -> String {
        let village = rng.pick(p.villages)
        let house = p.kind == .urban && rng.chance(0.4) ? "Số \(rng.int(1...250)), " : ""
        return "\(house)\(village.full), \(p.commune.name), \(p.commune.provinceName)"
    }

    func authority(_ type: OrganizationType, _ registered: Day, _ p: Place, _ legacy: DemoLegacyCommune?) -> String {
        switch type {
        case .htx:
            if registered >= Self.day20250701 { return p.communeCommittee }
            if registered < Self.day20040101 { return p.districtCommittee }
            return p.districtOffice
        case .tht:
            if registered >= Self.day20250701 { return p.communeCommittee }
            if registered >= Self.day20240701 { return p.districtOffice }
            if let legacy, !legacy.committee.isEmpty { return legacy.committee }
            return p.communeCommittee
        case .interestGroup:
            if let legacy, !legacy.committee.isEmpty { return legacy.committee }
            return p.communeCommittee
        case .lhhtx:
            if registered >= Self.day20250701 { return p.communeCommittee }
            if registered >= Self.day20250301 { return p.provinceFinance }
            return p.provincePlanning
        case .qtdnd:
            if registered >= Self.day20250301 { return p.provinceFinance }
            return p.provincePlanning
        }
    }

    /// Ten digits: a two-digit prefix from the province code, then eight digits from a per-prefix counter scrambled by an
    /// affine bijection of 0..<10^8, so codes look random and never repeat.
    mutating func nextCode(_ provinceCode: String) -> String {
        let digits = provinceCode.filter { $0.isASCII && $0.isNumber }
        let prefix = digits.count >= 2 ? String(digits.prefix(2)) : String(repeating: "0", count: 2 - digits.count) + digits
        let modulus: UInt64 = 100_000_000
        let mixer: (a: UInt64, b: UInt64)
        if let known = codeMixers[prefix] {
            mixer = known
        } else {
            var rng = DemoRandom(seed: seed, key: "code/" + prefix)
            var a = rng.next() % modulus | 1
            while a % 5 == 0 { a = (a + 2) % modulus }
            mixer = (a, rng.next() % modulus)
            codeMixers[prefix] = mixer
        }
        let counter = codeCounters[prefix, default: 0]
        codeCounters[prefix] = counter + 1
        let value = (mixer.a &* counter &+ mixer.b) % modulus
        let text = String(value)
        return prefix + String(repeating: "0", count: 8 - text.count) + text
    }

    mutating func slug(_ text: String) -> String {
        let key = DemoRandom.fnv1a(text)
        if let known = slugs[key] { return known }
        let value = DemoNames.asciiSlug(text)
        slugs[key] = value
        return value
    }

    mutating func makeEmail(_ base: String, _ p: Place, _ rng: inout DemoRandom) -> String {
        let province = slug(p.provincePlace)
        var local = base + "." + province
        if emails.contains(local) { local = base + "." + slug(p.place) }
        var n = 2
        while emails.contains(local) {
            local = base + String(n) + "." + province
            n += 1
        }
        emails.insert(local)
        let domain = Self.mailDomains.draw(&rng)
        return local + "@" + domain
    }

    // MARK: Numbers, dates, people

    static func clamp(_ value: Int, _ range: ClosedRange<Int>) -> Int { min(max(value, range.lowerBound), range.upperBound) }

    /// Drawn in triệu đồng: round figures for large amounts, at most one decimal for small ones.
    static func capital(_ raw: Double, _ range: ClosedRange<Double>, _ rng: inout DemoRandom) -> Money {
        let value = min(max(raw, range.lowerBound), range.upperBound)
        let step: Double = switch value {
        case 1000...: rng.chance(0.8) ? 10 : 1
        case 100..<1000: rng.chance(0.7) ? 5 : 0.1
        default: rng.chance(0.5) ? 0.5 : 0.1
        }
        let rounded = (value / step).rounded() * step
        return Money(approximately: max(range.lowerBound, (rounded * 10).rounded() / 10))
    }

    /// A day of a year drawn from the weights; the last year (2026) runs to 31 October only.
    static func registrationDay(_ years: Weighted<Int>, _ rng: inout DemoRandom) -> Day {
        let year = years.draw(&rng)
        let start = DemoDays.number(Day(year: year, month: 1, day: 1)!)
        let end = min(DemoDays.number(Day(year: year, month: 12, day: 31)!), reference - 1)
        return DemoDays.day(start + rng.below(end - start + 1))
    }

    static func status(_ type: OrganizationType, _ registered: Day, _ rng: inout DemoRandom)
        -> (status: OrganizationStatus, since: Day?, until: Day?)
    {
        // active, suspended, awaiting dissolution, dissolved, merged
        let shares: [Double] = switch type {
        case .htx: [81.5, 6, 4.5, 7, 1]
        case .tht: [82, 6, 4, 8, 0]
        case .interestGroup: [81, 5, 3, 11, 0]
        case .lhhtx: [85, 5, 3, 7, 0]
        case .qtdnd: [94, 2, 1, 3, 0]
        }
        let statuses: [OrganizationStatus] = [.active, .suspended, .awaitingDissolution, .dissolved, .merged]
        let status = statuses[rng.weightedIndex(shares)]
        let registeredOn = DemoDays.number(registered)
        let last = reference - 5
        func between(_ low: Int, _ high: Int) -> Int? { low <= high ? low + rng.below(high - low + 1) : nil }
        switch status {
        case .active:
            return (.active, nil, nil)
        case .suspended:
            guard let since = between(max(registeredOn + 60, reference - 360), last) else { return (.active, nil, nil) }
            let shortest = max(reference - since + 10, 60)
            let length = shortest >= 365 ? shortest : rng.int(shortest...365)
            return (.suspended, DemoDays.day(since), DemoDays.day(since + length))
        case .awaitingDissolution:
            guard let since = between(max(registeredOn + 365, reference - 700), last) else { return (.active, nil, nil) }
            return (.awaitingDissolution, DemoDays.day(since), nil)
        case .dissolved:
            let low = registeredOn + 365
            guard low <= last else { return (.active, nil, nil) }
            // Skewed to recent years (many were dissolved after failing to convert to the 2012 and 2023 laws).
            return (.dissolved, DemoDays.day(low + Int(Double(last - low) * rng.unit().squareRoot())), nil)
        case .merged:
            guard let since = between(max(registeredOn + 365, day20130701), last) else { return (.active, nil, nil) }
            return (.merged, DemoDays.day(since), nil)
        }
    }

    static func phone(_ rng: inout DemoRandom) -> String {
        let number = rng.below(10_000_000)
        let text = String(number)
        return rng.pick(DemoVocabulary.mobilePrefixes) + String(repeating: "0", count: 7 - text.count) + text
    }

    // MARK: Links between organisations

    /// Mergers into active HTX of the same province (preferably the same commune) and membership of unions.
    mutating func link() {
        var rng = DemoRandom(seed: seed, key: "links")
        var activeHTXByCommune: [String: [Int]] = [:]
        var activeHTXByProvince: [String: [Int]] = [:]
        var unionsByProvince: [String: [Int]] = [:]
        var merged: [Int] = []
        for index in out.indices {
            switch (out[index].type, out[index].status) {
            case (.htx, .active):
                activeHTXByCommune[out[index].communeCode, default: []].append(index)
                activeHTXByProvince[out[index].provinceCode, default: []].append(index)
            case (.htx, .merged):
                merged.append(index)
            case (.lhhtx, .active), (.lhhtx, .suspended):
                unionsByProvince[out[index].provinceCode, default: []].append(index)
            default:
                break
            }
        }
        let last = Self.reference - 5
        for index in merged {
            let local = activeHTXByCommune[out[index].communeCode] ?? []
            let pool = !local.isEmpty && rng.chance(0.8) ? local : (activeHTXByProvince[out[index].provinceCode] ?? [])
            guard !pool.isEmpty else {
                out[index].status = .dissolved
                continue
            }
            let target = rng.pick(pool)
            out[index].mergedIntoIndex = target
            // The absorbing cooperative must exist before the merger.
            let absorberRegistered = DemoDays.number(out[target].registrationDate)
            if let since = out[index].statusSince, DemoDays.number(since) <= absorberRegistered {
                let moved = absorberRegistered + rng.int(30...400)
                if moved <= last {
                    out[index].statusSince = DemoDays.day(moved)
                } else {
                    out[index].status = .dissolved
                    out[index].mergedIntoIndex = nil
                }
            }
        }

        // Union membership: each union takes up to its member count from HTX of its province, same sector first.
        var pools: [String: [Sector: [Int]]] = [:]
        for index in out.indices where out[index].type == .htx && (out[index].status == .active || out[index].status == .suspended) {
            let province = out[index].provinceCode
            if unionsByProvince[province] != nil { pools[province, default: [:]][out[index].sector, default: []].append(index) }
        }
        for (province, unions) in unionsByProvince.sorted(by: { $0.key < $1.key }) {
            var bySector = pools[province] ?? [:]
            for sector in Sector.allCases { if var pool = bySector[sector] { rng.shuffle(&pool); bySector[sector] = pool } }
            for union in unions {
                var wanted = out[union].officialMembers
                let order = [out[union].sector] + Sector.allCases.filter { $0 != out[union].sector }
                for (step, sector) in order.enumerated() where wanted > 0 {
                    // Mostly cooperatives of the union's own sector; a few from others.
                    var take = step == 0 ? wanted : min(wanted, rng.int(0...1))
                    while take > 0, let member = bySector[sector]?.popLast() {
                        out[member].unionIndex = union
                        take -= 1
                        wanted -= 1
                    }
                }
            }
        }
    }
}

extension DemoOrganization {
    /// The registry input this organisation stands for; `unionId` is the stored id of its union, if any.
    public func input(unionId: Int?) -> OrganizationInput {
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
        input.unionId = unionId
        return input
    }
}
