import HopTacCore
import Vapor

extension Request {
    /// Full records (contacts, history) inside the user's read scope; the public view everywhere else and for anonymous visitors.
    func seesFullRecord(_ record: OrganizationRecord) -> Bool {
        principal?.readScope.contains(organizationId: record.id, provinceCode: record.provinceCode, communeCode: record.communeCode) ?? false
    }

    func visible(_ record: OrganizationRecord) -> OrganizationRecord {
        seesFullRecord(record) ? record : record.publicView
    }

    /// Where the user may file or edit organisations.
    var registryWriteScope: Scope { principal?.registryWriteScope ?? .nothing }
}
