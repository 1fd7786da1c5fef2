import Fluent

/// Every schema change in the order it shipped. Append only: a shipped migration is never edited.
enum Migrations {
    static let all: [any Migration] = [
        CreateAdminUnits(),
        SeedAdminUnits(),
        CreateOrganizations(),
        CreateOrganizationSearch(),
        CreateAccounts(),
        CreateDataVersions(),
        AddSearchPrefixes(),
        CreateAnnualReports(),
        CreateDormancyNotices(),
        CreateProgrammes(),
        TrackReportingDeadlines(),
        TrackFiguresByProvince(),
        StoreMoneyAsDong(),
        SearchNamesApartFromAddresses(),
        CreateMailOutbox(),
        TrackDormancyNotices(),
        TrackFiguresByCommune(),
        RecordExtensionRequesters(),
        CreateDocuments(),
        TitleDocumentDrafts(),
        CreateSupportLedger(),
        LockFigureVersionsInOrder(),
        RecordRecognitions(),
        CreatePopulations(),
        CreateCreditFundYears(),
        CreateReportedValues(),
        CreateSupportDetails(),
    ]
}
