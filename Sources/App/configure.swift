import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Vapor

/// Sets up the database, migrations, middleware and routes. Tests call it with their own `AppConfig`.
public func configure(_ app: Application, config: AppConfig) async throws {
    app.config = config
    app.http.server.configuration.hostname = config.hostname
    app.http.server.configuration.port = config.port

    switch config.database {
    case .sqliteFile(let path):
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        app.databases.use(.sqlite(.file(path)), as: .sqlite)
        // Write-ahead logging lets readers and the writer work at the same time; the setting stays with the file.
        try await app.db.sql().raw("PRAGMA journal_mode=WAL").run()
    case .sqliteMemory:
        app.databases.use(.sqlite(.memory), as: .sqlite)
    case .postgres(let url):
        let postgres = try SQLPostgresConfiguration(url: url)
        app.databases.use(.postgres(configuration: postgres, maxConnectionsPerEventLoop: 4), as: .psql)
    }

    app.migrations.add(Migrations.all)
    app.liveCache = LiveCache()
    if let mail = config.mail { app.lifecycle.use(MailSender(settings: mail)) }

    app.middleware = Middlewares()
    app.middleware.use(SecurityHeadersMiddleware())
    app.middleware.use(SiteErrorMiddleware())
    try routes(app.grouped(AccessMiddleware()))
}

/// Every route of the app. Each one is registered with an `Access` rule (see `Access.swift`).
func routes(_ routes: any RoutesBuilder) throws {
    try routes.register(collection: HomeController())
    try routes.register(collection: DocumentsController())
    try routes.register(collection: AssetsController())
    try routes.register(collection: AdminUnitsController())
    try routes.register(collection: OrganizationsController())
    try routes.register(collection: OrganizationAPIController())
    try routes.register(collection: AccountController())
    try routes.register(collection: PasswordResetController())
    try routes.register(collection: MailController())
    try routes.register(collection: UsersController())
    try routes.register(collection: AuditController())
    try routes.register(collection: ImportController(kind: .organizations))
    try routes.register(collection: ImportController(kind: .reports))
    try routes.register(collection: ImportController(kind: .support))
    try routes.register(collection: ImportController(kind: .population))
    try routes.register(collection: PopulationController())
    try routes.register(collection: ImportController(kind: .creditFunds))
    try routes.register(collection: CreditFundsController())
    try routes.register(collection: PoliciesController())
    try routes.register(collection: GrantsController())
    try routes.register(collection: CoursesController())
    try routes.register(collection: ModelCriteriaController())
    try routes.register(collection: ReportsController())
    try routes.register(collection: ReportRoundController())
    try routes.register(collection: BulkReportActions())
    try routes.register(collection: ClassificationController())
    try routes.register(collection: DeadlinesController())
    try routes.register(collection: RemindersController())
    try routes.register(collection: DormancyController())
    try routes.register(collection: ProgrammesController())
    try routes.register(collection: TasksController())
    try routes.register(collection: DashboardController())
    try routes.register(collection: MapController())
    try routes.register(collection: FiguresController())
    try routes.register(collection: PublicDirectoryController())
}
