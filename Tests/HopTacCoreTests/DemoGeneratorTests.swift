import Foundation
import Testing
@testable import HopTacCore

/// 300 made-up communes in six provinces, in the national proportions (79% xã, 20% phường, 1% đặc khu).
private func syntheticCommunes(_ count: Int = 300) -> [DemoCommune] {
    let provinces = [("42", "Tỉnh Hà Tĩnh"), ("01", "Thành phố Hà Nội"), ("86", "Tỉnh Vĩnh Long"), ("66", "Tỉnh Đắk Lắk"),
                     ("11", "Tỉnh Điện Biên"), ("46", "Thành phố Huế")]
    let places = ["Thạch Hà", "Đồng Lộc", "Tân Phú", "Hòa Bình", "Xuân Thành", "Cẩm Xuyên", "Mỹ Thạnh", "Ea Kar", "Mường Chà",
                  "Phú Vang", "Kỳ Anh", "Long Hồ", "Quảng Điền", "Yên Thế", "Hương Sơn", "Đức Thọ", "Nghi Xuân", "Trà Ôn"]
    return (0..<count).map { i in
        let (provinceCode, provinceName) = provinces[i % provinces.count]
        let kind = i % 100 < 79 ? "Xã" : (i % 100 < 99 ? "Phường" : "Đặc khu")
        let place = "\(places[i % places.count]) \(i / places.count + 1)"
        let legacy = (0..<(i % 4)).map { String(format: "9%04d", i * 4 + $0) }
        return DemoCommune(code: String(format: "%05d", 10_000 + i), name: "\(kind) \(place)", provinceCode: provinceCode,
                           provinceName: provinceName, legacyCommuneCodes: legacy)
    }
}

private let communes300 = syntheticCommunes()
private let national300: [DemoOrganization] = {
    var generator = DemoGenerator(seed: 2025)
    return generator.organizations(for: communes300)
}()

@Suite("Demo data generator")
struct DemoGeneratorTests {
    let today = Day(year: 2026, month: 11, day: 23)!

    @Test("same seed gives the same data, another seed different data")
    func determinism() {
        let communes = Array(communes300.prefix(40))
        var a = DemoGenerator(seed: 7)
        var b = DemoGenerator(seed: 7)
        var c = DemoGenerator(seed: 8)
        let first = a.organizations(for: communes)
        let second = b.organizations(for: communes)
        let other = c.organizations(for: communes)
        #expect(!first.isEmpty)
        #expect(first.map(\.name) == second.map(\.name))
        #expect(first.map(\.registrationCode) == second.map(\.registrationCode))
        #expect(first.map(\.registrationDate) == second.map(\.registrationDate))
        #expect(first.map(\.status) == second.map(\.status))
        #expect(first.map(\.representativeName) == second.map(\.representativeName))
        #expect(first.map(\.unionIndex) == second.map(\.unionIndex))
        #expect(first.map(\.name) != other.map(\.name))
        #expect(first.map(\.registrationCode) != other.map(\.registrationCode))
    }

    @Test("registration codes are ten digits, unique, prefixed by the province and present where the law requires them")
    func registrationCodes() {
        let codes = national300.compactMap(\.registrationCode)
        #expect(codes.allSatisfy { $0.utf8.count == 10 && $0.utf8.allSatisfy { (48...57).contains($0) } })
        #expect(Set(codes).count == codes.count)
        for o in national300 {
            if o.type.requiresRegistrationCode { #expect(o.registrationCode != nil, "\(o.name) has no code") }
            if o.type == .interestGroup { #expect(o.registrationCode == nil) }
            if let code = o.registrationCode { #expect(code.hasPrefix(o.provinceCode)) }
        }
        let groups = national300.filter { $0.type == .tht }
        #expect(groups.filter { $0.registrationCode == nil }.count > groups.count / 2, "most cooperative groups have no code")
    }

    @Test("unions and mergers point to organisations of the right type and province")
    func links() {
        var members = 0
        for (index, o) in national300.enumerated() {
            if let union = o.unionIndex {
                members += 1
                #expect(o.type == .htx)
                #expect(national300[union].type == .lhhtx)
                #expect(national300[union].provinceCode == o.provinceCode)
            }
            if let target = o.mergedIntoIndex {
                #expect(o.type == .htx && o.status == .merged)
                #expect(target != index)
                #expect(national300[target].type == .htx)
                #expect(national300[target].status == .active)
                #expect(national300[target].provinceCode == o.provinceCode)
                #expect(national300[target].registrationDate < o.statusSince!)
            }
            if o.status == .merged { #expect(o.mergedIntoIndex != nil) }
        }
        #expect(members > 0)
        #expect(national300.contains { $0.status == .merged })
    }

    @Test("status dates are consistent and nothing is dated after 1 November 2026")
    func statusDates() {
        let limit = DemoGenerator.referenceDay
        let earliest = Day(year: 1997, month: 1, day: 1)!
        for o in national300 {
            #expect(o.registrationDate < limit && o.registrationDate >= earliest)
            #expect((o.status == .active) == (o.statusSince == nil))
            #expect((o.status == .suspended) == (o.suspendedUntil != nil))
            if let since = o.statusSince {
                #expect(since > o.registrationDate)
                #expect(since < limit)
            }
            if let since = o.statusSince, let until = o.suspendedUntil { #expect(until > since) }
            if o.registrationDate >= Day(year: 2025, month: 7, day: 1)! { #expect(o.legacyCommuneCode == nil) }
        }
    }

    @Test("a national-like set has the shape of the national figures")
    func shape() {
        let n = Double(communes300.count)
        func count(_ type: OrganizationType) -> Int { national300.filter { $0.type == type }.count }
        let htx = national300.filter { $0.type == .htx }
        #expect((8.0...13.0).contains(Double(htx.count) / n))
        #expect((15.0...23.0).contains(Double(count(.tht)) / n))
        #expect((0.2...0.55).contains(Double(count(.qtdnd)) / n))
        #expect((2.0...4.0).contains(Double(count(.interestGroup)) / n))
        #expect((1...30).contains(count(.lhhtx)))
        let agricultural = Double(htx.filter { $0.sector == .agriculture }.count) / Double(htx.count)
        #expect((0.55...0.75).contains(agricultural))
        #expect(national300.filter { $0.type == .qtdnd }.allSatisfy { $0.sector == .financeBanking })
        let groups = national300.filter { $0.type == .tht || $0.type == .interestGroup }
        #expect(Double(groups.filter { $0.sector == .agriculture }.count) / Double(groups.count) > 0.7)

        let active = Double(national300.filter { $0.status == .active }.count) / Double(national300.count)
        #expect((0.75...0.9).contains(active))
        for status in [OrganizationStatus.suspended, .awaitingDissolution, .dissolved] {
            let share = Double(national300.filter { $0.status == status }.count) / Double(national300.count)
            #expect((0.01...0.12).contains(share), "\(status.rawValue): \(share)")
        }
        #expect(national300.filter { $0.status == .merged }.allSatisfy { $0.type == .htx })

        let members = htx.map(\.officialMembers).sorted()
        #expect((25...60).contains(members[members.count / 2]))
        #expect(members.first! >= 5 && members.last! >= 300)
        let capital = htx.map(\.charterCapital).sorted()
        #expect((800...2500).contains(capital[capital.count / 2]))
        #expect(capital.allSatisfy { (50...60000).contains($0) })
        for o in national300 {
            #expect(o.charterCapital.dong % 100_000 == 0, "at most one decimal")
            #expect(o.associateMembers <= o.officialMembers)
            switch o.type {
            case .htx: #expect(o.officialMembers >= 5)
            case .tht: #expect((5...30).contains(o.officialMembers)); #expect((10...500).contains(o.charterCapital))
            case .qtdnd: #expect((500...5000).contains(o.officialMembers)); #expect((2000...50000).contains(o.charterCapital))
            case .lhhtx: #expect((4...20).contains(o.officialMembers)); #expect((1000...20000).contains(o.charterCapital))
            case .interestGroup: #expect(o.officialMembers >= 5)
            }
        }
        let withLegacy = Double(national300.filter { $0.legacyCommuneCode != nil }.count) / Double(national300.count)
        #expect((0.15...0.4).contains(withLegacy))
    }

    @Test("names look Vietnamese, are unique within a commune and follow the naming of each type")
    func names() {
        var seen: Set<String> = []
        let places = Dictionary(uniqueKeysWithValues: communes300.map { ($0.code, $0) })
        for o in national300 {
            #expect(o.name.unicodeScalars.contains { !$0.isASCII }, "\(o.name) has no diacritics")
            #expect(!o.name.localizedCaseInsensitiveContains("test"))
            #expect(!o.name.contains("  ") && !o.name.hasSuffix(" "))
            #expect(seen.insert(o.communeCode + "|" + o.name).inserted, "\(o.name) twice in \(o.communeCode)")
            let commune = places[o.communeCode]!
            #expect(o.address.hasSuffix(", \(commune.name), \(commune.provinceName)"))
            if let legacy = o.legacyCommuneCode { #expect(commune.legacyCommuneCodes.contains(legacy)) }
            switch o.type {
            case .htx:
                #expect(o.name.hasPrefix("Hợp tác xã "))
                #expect(o.shortName?.hasPrefix("HTX ") == true)
            case .lhhtx: #expect(o.name.hasPrefix("Liên hiệp hợp tác xã "))
            case .tht: #expect(o.name.hasPrefix("Tổ hợp tác ")); #expect(o.representativeTitle == "Tổ trưởng")
            case .qtdnd: #expect(o.name.hasPrefix("Quỹ tín dụng nhân dân "))
            case .interestGroup: #expect(o.name.hasPrefix("Nhóm sở thích ")); #expect(o.representativeTitle == "Trưởng nhóm")
            }
            #expect(o.representativeName.split(separator: " ").count >= 3)
            if let phone = o.phone { #expect(phone.utf8.count == 10 && phone.hasPrefix("0") && phone.allSatisfy(\.isNumber)) }
            if let email = o.email { #expect(email.allSatisfy(\.isASCII) && email.contains("@") && !email.contains(" ")) }
        }
        let emails = national300.compactMap(\.email)
        #expect(Set(emails).count == emails.count)
        #expect(Set(national300.map(\.representativeName)).count > 1000)
        let accented = national300.filter { $0.representativeName.unicodeScalars.contains { !$0.isASCII } }.count
        #expect(Double(accented) / Double(national300.count) > 0.9)
    }

    @Test("every organisation passes the registry's own rules")
    func registryRules() {
        for o in national300 {
            let input = o.input(unionId: nil)
            let problems = input.problems(today: today)
            #expect(problems.isEmpty, "\(o.name): \(problems.values.map(\.message))")
        }
    }

    @Test("a single commune gets at most one union and a handful of each type")
    func singleCommune() {
        let commune = DemoCommune(code: "18070", name: "Xã Thạch Hà", provinceCode: "42", provinceName: "Tỉnh Hà Tĩnh",
                                  legacyCommuneCodes: ["18073", "18076"], legacyCommuneNames: ["Xã Thạch Long", "Xã Thạch Sơn"],
                                  legacyDistrictName: "Huyện Thạch Hà")
        var generator = DemoGenerator(seed: 1)
        let orgs = generator.organizations(for: [commune])
        #expect(orgs.allSatisfy { $0.communeCode == "18070" && $0.provinceCode == "42" })
        #expect(orgs.filter { $0.type == .lhhtx }.count <= 1)
        #expect(orgs.filter { $0.type == .htx }.count >= 2)
        #expect(orgs.filter { $0.type == .tht }.count >= 5)
        for union in orgs.filter({ $0.type == .lhhtx }) { #expect(union.name.hasSuffix(" Hà Tĩnh") || union.name.hasSuffix(" Thạch Hà")) }
        for fund in orgs.filter({ $0.type == .qtdnd }) { #expect(fund.name.hasPrefix("Quỹ tín dụng nhân dân ")) }
        let authorities = Set(orgs.filter { $0.type == .htx }.map(\.issuingAuthority))
        #expect(authorities.isSubset(of: ["UBND xã Thạch Hà", "Phòng Tài chính - Kế hoạch huyện Thạch Hà", "UBND huyện Thạch Hà"]))
    }

    @Test("a whole province from the bundled catalogue has about five unions with member cooperatives")
    func bundledProvince() throws {
        let catalog = try AdminUnitCatalog.bundled()
        let communes = DemoCommune.communes(from: catalog, provinceCode: "42")
        #expect(communes.count > 50)
        #expect(communes.contains { !$0.legacyCommuneCodes.isEmpty && $0.legacyCommuneNames.count == $0.legacyCommuneCodes.count })
        #expect(communes.allSatisfy { $0.provinceName == "Tỉnh Hà Tĩnh" })
        var generator = DemoGenerator(seed: 42)
        let orgs = generator.organizations(for: communes)
        let unions = orgs.indices.filter { orgs[$0].type == .lhhtx }
        #expect((2...8).contains(unions.count))
        #expect(unions.allSatisfy { u in orgs[u].name.hasPrefix("Liên hiệp hợp tác xã ") })
        #expect(orgs.contains { $0.unionIndex != nil })
        let perCommune = Double(orgs.filter { $0.type == .htx }.count) / Double(communes.count)
        #expect((7.0...14.0).contains(perCommune))
    }

    @Test("day arithmetic agrees with the calendar")
    func dayArithmetic() {
        var day = Day(year: 1996, month: 12, day: 25)!
        var number = DemoDays.number(day)
        #expect(DemoDays.number(Day(year: 1970, month: 1, day: 1)!) == 0)
        for _ in 0..<400 {
            #expect(DemoDays.day(number) == day)
            day = day.adding(days: 29)
            number += 29
        }
        #expect(DemoDays.day(DemoDays.number(Day(year: 2024, month: 2, day: 29)!) + 1) == Day(year: 2024, month: 3, day: 1)!)
    }
}
