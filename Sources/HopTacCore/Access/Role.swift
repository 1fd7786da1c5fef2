/// What a user account is for. Each user has exactly one role and, where the role needs one, one unit.
public enum Role: String, CaseIterable, Codable, Sendable {
    case admin
    case nationalViewer = "national-viewer"
    case provinceOfficer = "province-officer"
    case sectorOfficer = "sector-officer"
    case communeOfficer = "commune-officer"
    case allianceOfficer = "alliance-officer"
    case cooperative

    public var label: String {
        switch self {
        case .admin: "Quản trị hệ thống"
        case .nationalViewer: "Xem toàn quốc"
        case .provinceOfficer: "Cán bộ tỉnh (cơ quan tổng hợp)"
        case .sectorOfficer: "Cán bộ sở, ngành"
        case .communeOfficer: "Cán bộ xã"
        case .allianceOfficer: "Cán bộ Liên minh HTX"
        case .cooperative: "Tài khoản tổ chức KTTT"
        }
    }

    /// The kind of unit the role is tied to.
    public var unitLevel: UnitLevel? {
        switch self {
        case .provinceOfficer, .sectorOfficer, .allianceOfficer: .province
        case .communeOfficer: .commune
        case .admin, .nationalViewer, .cooperative: nil
        }
    }

    public enum UnitLevel: Sendable { case province, commune }
}

/// The part of the registry a user may see or change.
public enum Scope: Equatable, Sendable {
    case everything
    case province(String)
    case commune(String)
    case organization(Int)
    case nothing

    /// Whether an organisation filed in that commune and province falls inside this scope.
    public func contains(organizationId: Int, provinceCode: String, communeCode: String) -> Bool {
        switch self {
        case .everything: true
        case .province(let code): code == provinceCode
        case .commune(let code): code == communeCode
        case .organization(let id): id == organizationId
        case .nothing: false
        }
    }

    /// Whether a record may be saved as filed in that commune: a new one only inside the scope; an existing one only if
    /// it is inside the scope now and stays inside; a cooperative's own record never moves.
    public func permits(savingIn communeCode: String, provinceCode: String, existing: (id: Int, provinceCode: String, communeCode: String)?) -> Bool {
        guard let existing else { return allowsFiling(provinceCode: provinceCode, communeCode: communeCode) }
        guard contains(organizationId: existing.id, provinceCode: existing.provinceCode, communeCode: existing.communeCode) else { return false }
        if case .organization = self { return communeCode == existing.communeCode }
        return allowsFiling(provinceCode: provinceCode, communeCode: communeCode)
    }

    /// Whether a new organisation may be filed in that commune.
    public func allowsFiling(provinceCode: String, communeCode: String) -> Bool {
        switch self {
        case .everything: true
        case .province(let code): code == provinceCode
        case .commune(let code): code == communeCode
        case .organization, .nothing: false
        }
    }
}

/// Things a signed-in user may be allowed to do, independent of which record.
public enum Capability: String, CaseIterable, Sendable {
    case readRegistry
    case createOrganization
    case editOrganization
    case changeOrganizationStatus
    case manageUsers
    case readAudit
    case manageOwnAccount
    /// Read the annual reports and classifications of organisations in the read scope.
    case readReports
    /// Enter, submit, review or approve annual reports, each at the user's reporting levels.
    case handleReports
    /// Classify a year and override a classification, with a reason.
    case classify
    /// See the organisations that show signs of no longer operating, and the dissolution workflow.
    case reviewDormancy
    /// Read action programmes, their targets and tasks.
    case readProgrammes
    /// Enter programmes of the user's unit, allocate targets, decide extension requests (the issuing body's work).
    case manageProgrammes
    /// Report progress on tasks and ask for more time, as a lead agency.
    case reportTaskProgress
    /// Set the reporting calendar's deadlines of a year.
    case configureReporting
    /// Read support policies and the support they delivered.
    case readSupport
    /// Enter support policies issued for the user's unit.
    case managePolicies
    /// Record the support given under a policy (for sector departments and the alliance, their own agency's policies).
    case recordSupport
    /// Import the population of the communes of the user's province.
    case recordPopulation
    /// Import the State Bank's yearly figures of the people's credit funds (for a sector officer, only as the State
    /// Bank's officer; the import checks the agency).
    case recordCreditFunds
}

/// A signed-in user as the rules see them.
public struct Principal: Equatable, Sendable {
    public let userId: Int
    public let role: Role
    public let unitCode: String?
    public let organizationId: Int?

    public init(userId: Int, role: Role, unitCode: String?, organizationId: Int?) {
        self.userId = userId
        self.role = role
        self.unitCode = unitCode
        self.organizationId = organizationId
    }

    /// The organisations whose full record (contacts, history) the user may read.
    public var readScope: Scope {
        switch role {
        case .admin, .nationalViewer: .everything
        case .provinceOfficer, .sectorOfficer, .allianceOfficer: unitCode.map(Scope.province) ?? .nothing
        case .communeOfficer: unitCode.map(Scope.commune) ?? .nothing
        case .cooperative: organizationId.map(Scope.organization) ?? .nothing
        }
    }

    /// The organisations whose registry record the user may change.
    /// Sector and alliance officers write their own records (tasks, support), not the registry.
    public var registryWriteScope: Scope {
        switch role {
        case .admin: .everything
        case .provinceOfficer: unitCode.map(Scope.province) ?? .nothing
        case .communeOfficer: unitCode.map(Scope.commune) ?? .nothing
        case .cooperative: organizationId.map(Scope.organization) ?? .nothing
        case .nationalViewer, .sectorOfficer, .allianceOfficer: .nothing
        }
    }

    public func can(_ capability: Capability) -> Bool {
        switch capability {
        case .readRegistry, .manageOwnAccount: true
        case .createOrganization, .changeOrganizationStatus: [.admin, .provinceOfficer, .communeOfficer].contains(role)
        case .editOrganization: registryWriteScope != .nothing
        case .manageUsers, .configureReporting: role == .admin
        case .readAudit: role == .admin || role == .provinceOfficer
        case .readReports: role != .cooperative || organizationId != nil
        case .handleReports: !reportingLevels.isEmpty
        case .classify: role == .admin || role == .provinceOfficer
        case .reviewDormancy, .readProgrammes: role != .cooperative
        case .manageProgrammes: [.admin, .provinceOfficer, .communeOfficer].contains(role)
        case .reportTaskProgress, .recordSupport: ![.cooperative, .nationalViewer].contains(role)
        case .readSupport: role != .cooperative
        case .managePolicies: [.admin, .provinceOfficer, .communeOfficer].contains(role)
        case .recordPopulation: role == .admin || role == .provinceOfficer
        case .recordCreditFunds: [.admin, .provinceOfficer, .sectorOfficer].contains(role)
        }
    }

    /// Where the user acts in the reporting cycle. A commune officer also keys in a paper report on a cooperative's
    /// behalf; the administrator can act at every level. Who may do what at each level is `ReportAction`'s rule.
    public var reportingLevels: [ReportingLevel] {
        switch role {
        case .admin: [.cooperative, .commune, .province]
        case .provinceOfficer: [.province]
        case .communeOfficer: [.cooperative, .commune]
        case .cooperative: [.cooperative]
        case .nationalViewer, .sectorOfficer, .allianceOfficer: []
        }
    }

    /// Audit entries the user may read: everything for an administrator, their province for a provincial officer.
    public var auditScope: Scope {
        switch role {
        case .admin: .everything
        case .provinceOfficer: unitCode.map(Scope.province) ?? .nothing
        default: .nothing
        }
    }
}
