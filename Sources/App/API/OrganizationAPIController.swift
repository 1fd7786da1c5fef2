import HopTacCore
import Vapor

/// The JSON API under `/api/v1`, described by `/api/v1/openapi.json`.
struct OrganizationAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1")
        api.on(.GET, "openapi.json", access: .anyone, use: openAPI)
        api.on(.GET, "organizations", access: .anyone, use: list)
        api.on(.POST, "organizations", access: .signedIn(.createOrganization), use: create)
        api.on(.GET, "organizations", ":id", access: .anyone, use: show)
        api.on(.PUT, "organizations", ":id", access: .organization(.editOrganization), use: update)
        api.on(.POST, "organizations", ":id", "status", access: .organization(.changeOrganizationStatus), use: changeStatus)
        api.on(.GET, "organizations", ":id", "history", access: .organization(.readRegistry), use: history)
        api.on(.GET, "units", "provinces", access: .anyone, use: provinces)
        api.on(.GET, "units", "provinces", ":code", "communes", access: .anyone, use: communes)
        api.on(.GET, "units", "communes", ":code", access: .anyone, use: commune)
        api.on(.GET, "units", "legacy-communes", ":code", access: .anyone, use: legacyCommune)
    }

    static let openAPIDocument: String = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json", subdirectory: "Resources"),
              let text = try? String(contentsOf: url, encoding: .utf8) else { return "{}" }
        return text
    }()

    @Sendable func openAPI(req: Request) async throws -> Response {
        let response = Response(status: .ok, body: .init(string: Self.openAPIDocument))
        response.headers.contentType = .json
        return response
    }

    @Sendable func list(req: Request) async throws -> Response {
        let filter = try OrganizationFilter(from: req)
        let sql = try req.db.sql()
        return try Responses.json(PagedList(total: try await OrganizationQueries.cachedCount(filter, cache: req.application.liveCache, on: sql), page: filter.page, perPage: filter.perPage,
                                            items: try await OrganizationQueries.list(filter, paged: true, on: sql).map(req.visible)))
    }

    @Sendable func show(req: Request) async throws -> Response {
        try Responses.json(req.visible(try await find(req.idParameter(), req)))
    }

    @Sendable func create(req: Request) async throws -> Response {
        let input = try req.decodeBody(OrganizationInput.self)
        let id = try await OrganizationStore.create(input, within: req.registryWriteScope, actor: req.actor, on: req.db)
        let response = try Responses.json(try await find(id, req), status: .created)
        response.headers.replaceOrAdd(name: .location, value: "/api/v1/organizations/\(id)")
        return response
    }

    struct Versioned: Decodable { let version: Int }

    @Sendable func update(req: Request) async throws -> Response {
        let id = try req.idParameter()
        _ = try await find(id, req)
        let version = try req.decodeBody(Versioned.self).version
        try await OrganizationStore.update(id: id, try req.decodeBody(OrganizationInput.self), expectedVersion: version, within: req.registryWriteScope, actor: req.actor, on: req.db)
        return try Responses.json(try await find(id, req))
    }

    @Sendable func changeStatus(req: Request) async throws -> Response {
        let id = try req.idParameter()
        _ = try await find(id, req)
        let version = try req.decodeBody(Versioned.self).version
        try await OrganizationStore.changeStatus(id: id, try req.decodeBody(StatusChange.self), expectedVersion: version, within: req.registryWriteScope, actor: req.actor, on: req.db)
        return try Responses.json(try await find(id, req))
    }

    @Sendable func history(req: Request) async throws -> Response {
        let id = try req.idParameter()
        _ = try await find(id, req)
        struct Body: Encodable { let statusEvents: [StatusEventRecord]; let changes: [ChangeRecord] }
        let sql = try req.db.sql()
        return try Responses.json(Body(statusEvents: try await OrganizationQueries.statusEvents(organizationId: id, on: sql),
                                       changes: try await OrganizationQueries.changes(organizationId: id, on: sql)))
    }

    @Sendable func provinces(req: Request) async throws -> Response {
        try Responses.json(try await AdminUnitQueries.provinces(on: try req.db.sql()))
    }

    @Sendable func communes(req: Request) async throws -> Response {
        let code = req.parameters.get("code") ?? ""
        let sql = try req.db.sql()
        guard try await AdminUnitQueries.provinces(on: sql).contains(where: { $0.code == code }) else {
            throw Abort(.notFound, reason: "Không có tỉnh/thành phố mã “\(code)”.")
        }
        return try Responses.json(try await AdminUnitQueries.communes(provinceCode: code, query: req.query[String.self, at: "q"], on: sql))
    }

    @Sendable func commune(req: Request) async throws -> Response {
        let code = req.parameters.get("code") ?? ""
        let sql = try req.db.sql()
        guard let commune = try await AdminUnitQueries.commune(code: code, on: sql) else { throw Abort(.notFound, reason: "Không có xã/phường mã “\(code)”.") }
        return try Responses.json(CommuneDetail(commune: commune, predecessors: try await AdminUnitQueries.predecessors(ofCommune: code, on: sql)))
    }

    @Sendable func legacyCommune(req: Request) async throws -> Response {
        let code = req.parameters.get("code") ?? ""
        let sql = try req.db.sql()
        guard let commune = try await AdminUnitQueries.legacyCommune(code: code, on: sql),
              let successors = try await AdminUnitQueries.successors(ofLegacyCommune: code, on: sql) else {
            throw Abort(.notFound, reason: "Không có xã cũ mã “\(code)”.")
        }
        return try Responses.json(LegacyCommuneDetail(commune: commune, successors: successors))
    }

    private func find(_ id: Int, _ req: Request) async throws -> OrganizationRecord {
        guard let record = try await OrganizationQueries.find(id: id, on: try req.db.sql()) else {
            throw Abort(.notFound, reason: "Không có tổ chức số \(id).")
        }
        return record
    }
}
