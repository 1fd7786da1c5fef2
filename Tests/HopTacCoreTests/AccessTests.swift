import Testing
@testable import HopTacCore

@Suite("Roles and scopes")
struct AccessTests {
    @Test("each role reads and writes the part of the registry its unit allows")
    func scopes() {
        let province = Principal(userId: 1, role: .provinceOfficer, unitCode: "42", organizationId: nil)
        #expect(province.readScope == .province("42"))
        #expect(province.registryWriteScope.contains(organizationId: 9, provinceCode: "42", communeCode: "18073"))
        #expect(!province.registryWriteScope.contains(organizationId: 9, provinceCode: "01", communeCode: "00008"))

        let commune = Principal(userId: 2, role: .communeOfficer, unitCode: "18073", organizationId: nil)
        #expect(commune.registryWriteScope.allowsFiling(provinceCode: "42", communeCode: "18073"))
        #expect(!commune.registryWriteScope.allowsFiling(provinceCode: "42", communeCode: "18100"))

        let sector = Principal(userId: 3, role: .sectorOfficer, unitCode: "42", organizationId: nil)
        #expect(sector.readScope == .province("42"))
        #expect(sector.registryWriteScope == .nothing)
        #expect(!sector.can(.editOrganization))

        let cooperative = Principal(userId: 4, role: .cooperative, unitCode: nil, organizationId: 7)
        #expect(cooperative.can(.editOrganization))
        #expect(!cooperative.can(.changeOrganizationStatus))
        #expect(!cooperative.registryWriteScope.allowsFiling(provinceCode: "42", communeCode: "18073"), "a cooperative files no new organisations")
        #expect(cooperative.readScope.contains(organizationId: 7, provinceCode: "01", communeCode: "x"))

        let national = Principal(userId: 5, role: .nationalViewer, unitCode: nil, organizationId: nil)
        #expect(national.readScope == .everything)
        #expect(!national.can(.createOrganization))

        // A role that needs a unit but has none sees nothing rather than everything.
        #expect(Principal(userId: 6, role: .communeOfficer, unitCode: nil, organizationId: nil).readScope == .nothing)
        #expect(Principal(userId: 7, role: .admin, unitCode: nil, organizationId: nil).can(.manageUsers))
        #expect(!province.can(.manageUsers))
        #expect(province.auditScope == .province("42"))
    }
}
