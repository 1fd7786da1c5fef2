import Foundation
import HopTacCore
import Plot
import SQLKit
import Vapor

/// One grant at a time: `/support/new` records it on a form (the same checks as a sheet's row), `/support/{id}` shows
/// it with its payments and evidence, and its officers correct it, withdraw it or record a payment for a period.
struct GrantsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, "support", "new", access: .signedIn(.recordSupport), use: newForm)
        routes.on(.POST, "support", access: .signedIn(.recordSupport), maxBody: "16mb", use: create)
        routes.on(.GET, "support", ":grantId", access: .signedIn(.readSupport), use: show)
        routes.on(.GET, "support", ":grantId", "edit", access: .signedIn(.recordSupport), use: editForm)
        routes.on(.POST, "support", ":grantId", access: .signedIn(.recordSupport), maxBody: "16mb", use: update)
        routes.on(.POST, "support", ":grantId", "withdraw", access: .signedIn(.recordSupport), use: withdraw)
        routes.on(.POST, "support", ":grantId", "payments", access: .signedIn(.recordSupport), use: pay)
        routes.on(.GET, "support", ":grantId", "evidence", access: .signedIn(.readSupport), use: evidence)
    }

    /// A grant's form as posted: every field of `SupportField` by its raw name, the version it was loaded at, the file.
    struct Form: Decodable {
        var texts: [SupportField: String] = [:]
        var version: Int?
        var evidence: File?

        private struct Key: CodingKey {
            let stringValue: String
            init(stringValue: String) { self.stringValue = stringValue }
            var intValue: Int? { nil }
            init?(intValue: Int) { nil }
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Key.self)
            for field in SupportField.allCases {
                if let text = try container.decodeIfPresent(String.self, forKey: Key(stringValue: field.rawValue)) { texts[field] = text }
            }
            version = try container.decodeIfPresent(String.self, forKey: Key(stringValue: "version")).flatMap { Int($0.trimmed) }
            evidence = try container.decodeIfPresent(File.self, forKey: Key(stringValue: "evidence"))
        }

        var values: [String: String] { Dictionary(uniqueKeysWithValues: texts.map { ($0.key.rawValue, $0.value) }) }
    }

    static func permit(_ req: Request) throws -> SupportPermit {
        SupportPermit(principal: try req.requirePrincipal(), department: req.context.user?.department)
    }

    /// The policies the user may record under, for the form's choice.
    static func policies(for permit: SupportPermit, on sql: any SQLDatabase) async throws -> [PolicyRecord] {
        let own = foldForSearch(permit.department ?? "")
        return try await PolicyQueries.policies(visibleTo: permit.principal.readScope, on: sql).filter { policy in
            guard [.sectorOfficer, .allianceOfficer].contains(permit.principal.role) else { return true }
            let agency = foldForSearch(policy.agency)
            return !own.isEmpty && (agency.contains(own) || own.contains(agency))
        }
    }

    @Sendable func newForm(req: Request) async throws -> Response {
        let permit = try Self.permit(req)
        var values: [String: String] = ["date": Day.today().vietnamese, "status": SupportStatus.disbursed.rawValue]
        for field in SupportField.allCases { if let value = req.query[String.self, at: field.rawValue] { values[field.rawValue] = value } }
        return GrantFormPage(grant: nil, policies: try await Self.policies(for: permit, on: req.db.sql()), values: values, problems: [:]).page().response()
    }

    /// Reads a posted grant: its fields, its evidence file, and its policy and organisation: those the form names for a
    /// new grant, the grant's own when `existing` is corrected (they stay whatever the form says).
    private func read(_ form: Form, permit: SupportPermit, on sql: any SQLDatabase, existing: SupportRecord? = nil) async throws
        -> (PolicyStore.Grant?, EvidenceUpload?, [String: FieldProblem]) {
        var (input, found) = SupportInput.read(form.texts)
        if existing != nil { found[.policy] = nil; found[.registrationCode] = nil }
        var problems = found.reduce(into: [String: FieldProblem]()) { $0[$1.key.rawValue] = FieldProblem($1.key.label + ": " + $1.value) }
        var evidence: EvidenceUpload?
        switch EvidenceUpload.check(form.evidence) {
        case .success(let file): evidence = file
        case .failure(let problem): problems["evidence"] = problem
        }
        guard found[.policy] == nil, found[.registrationCode] == nil else { return (nil, evidence, problems) }
        let policy: PolicyRecord?, organization: OrganizationRecord?
        if let existing {
            policy = try await PolicyQueries.policy(existing.policyId, visibleTo: .everything, on: sql)
            organization = try await OrganizationQueries.find(id: existing.organizationId, on: sql)
            input.policy = existing.policy
        } else {
            policy = try await Self.policies(for: permit, on: sql).first { foldForSearch($0.code) == foldForSearch(input.policy) }
            organization = try await OrganizationQueries.find(registrationCodes: [input.registrationCode], on: sql).first
        }
        let (grant, more) = PolicyStore.check(input, policy: policy, organization: organization, permit: permit)
        for (field, reason) in more { problems[field.rawValue] = FieldProblem(field.label + ": " + reason) }
        return (problems.isEmpty ? grant : nil, evidence, problems)
    }

    @Sendable func create(req: Request) async throws -> Response {
        let permit = try Self.permit(req)
        let form = try req.decodeBody(Form.self)
        let sql = try req.db.sql()
        let (grant, evidence, problems) = try await read(form, permit: permit, on: sql)
        guard let grant, problems.isEmpty else {
            return GrantFormPage(grant: nil, policies: try await Self.policies(for: permit, on: sql), values: form.values, problems: problems)
                .page(status: .unprocessableEntity).response()
        }
        guard let id = try await PolicyStore.record([grant], evidence: evidence, actor: req.actor, on: req.db).first else {
            return GrantFormPage(grant: nil, policies: try await Self.policies(for: permit, on: sql), values: form.values,
                                 problems: ["date": FieldProblem("Đã ghi một khoản hỗ trợ y hệt (cùng chính sách, tổ chức, người, ngày, số tiền và khóa học).")])
                .page(status: .conflict).response()
        }
        return req.redirect(to: "/support/\(id)", redirectType: .normal)
    }

    private func grant(_ req: Request) async throws -> (SupportRecord, Representation) {
        let (raw, representation) = Representation.split(req.parameters.get("grantId") ?? "")
        guard let id = Int(raw), id > 0 else { throw Abort(.notFound, reason: "Không có khoản hỗ trợ “\(raw)”.") }
        return (try await GrantStore.grant(id, visibleTo: try req.requirePrincipal().readScope, on: req.db.sql()), representation)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let (grant, representation) = try await grant(req)
        let payments = try await GrantStore.payments(of: grant.id, on: req.db.sql())
        switch representation {
        case .json:
            struct Body: Encodable { let grant: SupportRecord; let payments: [GrantStore.PaymentRecord]; let paid: Money }
            return try Responses.json(Body(grant: grant, payments: payments, paid: payments.compactMap(\.amount).reduce(.zero, +)))
        case .csv, .xlsx:
            return try Responses.table("chi-tra-ho-tro-\(grant.id)", as: representation,
                                       header: ["Số", "Từ ngày", "Đến ngày", "Ngày chi trả", "Số tiền (triệu đồng)", "Ghi chú", "Người ghi", "Thời điểm ghi"],
                                       rows: payments.map { [PlainNumber($0.id), $0.periodFrom, $0.periodTo, $0.paidOn, $0.amount, $0.note, $0.actor, $0.recordedAt] })
        case .html:
            let permit = try Self.permit(req)
            let canEdit = (try? await GrantStore.requirePermit(permit, for: grant, on: req.db.sql())) != nil
            return GrantPage(grant: grant, payments: payments, canEdit: canEdit, values: [:], problems: [:]).page().response()
        }
    }

    @Sendable func editForm(req: Request) async throws -> Response {
        let (grant, _) = try await grant(req)
        let permit = try Self.permit(req)
        _ = try await GrantStore.requirePermit(permit, for: grant, on: req.db.sql())
        return GrantFormPage(grant: grant, policies: [], values: grant.formValues, problems: [:]).page().response()
    }

    @Sendable func update(req: Request) async throws -> Response {
        let (grant, _) = try await grant(req)
        let permit = try Self.permit(req)
        let form = try req.decodeBody(Form.self)
        let (checked, evidence, problems) = try await read(form, permit: permit, on: req.db.sql(), existing: grant)
        guard let version = form.version else { throw Abort(.badRequest, reason: "Thiếu phiên bản của khoản hỗ trợ (trường “version”).") }
        var kept = form.values
        kept["version"] = String(version)
        guard problems.isEmpty, let input = checked?.input else {
            return GrantFormPage(grant: grant, policies: [], values: kept, problems: problems).page(status: .unprocessableEntity).response()
        }
        do {
            try await GrantStore.update(grant, version: version, to: input, evidence: evidence, permit: permit, actor: req.actor, on: req.db)
        } catch let conflict as PolicyStore.EditConflict {
            let current = try await GrantStore.grant(grant.id, visibleTo: .everything, on: req.db.sql())
            return GrantFormPage(grant: current, policies: [], values: kept.merging(["version": String(current.version)]) { $1 },
                                 problems: ["version": FieldProblem(conflict.reason)]).page(status: .conflict).response()
        }
        return req.redirect(to: "/support/\(grant.id)", redirectType: .normal)
    }

    @Sendable func withdraw(req: Request) async throws -> Response {
        let (grant, _) = try await grant(req)
        let version = try req.postedVersion(of: "khoản hỗ trợ")
        do {
            try await GrantStore.withdraw(grant, version: version, permit: try Self.permit(req), actor: req.actor, on: req.db)
        } catch let conflict as PolicyStore.EditConflict {
            throw Abort(.conflict, reason: conflict.reason)
        }
        return req.redirect(to: "/policies/\(grant.policyId)", redirectType: .normal)
    }

    @Sendable func pay(req: Request) async throws -> Response {
        let (grant, _) = try await grant(req)
        let values = try req.decodeBody([String: String].self)
        do {
            try await GrantStore.pay(grant, texts: values, permit: try Self.permit(req), actor: req.actor, on: req.db)
        } catch let failure as ValidationFailure {
            return GrantPage(grant: grant, payments: try await GrantStore.payments(of: grant.id, on: req.db.sql()), canEdit: true, values: values,
                             problems: failure.problems).page(status: .unprocessableEntity).response()
        }
        return req.redirect(to: "/support/\(grant.id)#chi-tra", redirectType: .normal)
    }

    @Sendable func evidence(req: Request) async throws -> Response {
        let (grant, _) = try await grant(req)
        struct Row: Decodable { let evidenceName: String?; let evidence: Data? }
        guard let row = try await req.db.sql().raw("SELECT evidence_name, evidence FROM support_records WHERE id = \(bind: grant.id)")
            .first(decoding: Row.self, keyDecodingStrategy: .snakeCaseColumns), let data = row.evidence else {
            throw Abort(.notFound, reason: "Khoản hỗ trợ này không kèm tệp minh chứng.")
        }
        return EvidenceUpload.download(data, storedName: row.evidenceName)
    }
}

extension SupportRecord {
    /// The grant as its form shows it, each field in the way `SupportInput.read` reads it back.
    var formValues: [String: String] {
        func number(_ value: Double?) -> String? { value.map { VietnameseNumber.format($0, fractionDigits: 6) } }
        let texts: [SupportField: String?] = [
            .policy: policy, .registrationCode: registrationCode, .personName: personName, .personPosition: personPosition, .date: date.vietnamese,
            .endDate: endDate?.vietnamese, .amount: amount?.millionsText(), .quantity: number(quantity), .quantityUnit: quantity == nil ? nil : unit,
            .status: status.rawValue, .agency: agency, .course: course, .place: place, .degree: degree, .lender: lender, .interestRate: number(interestRate),
            .termMonths: termMonths.map(String.init), .outstanding: outstanding?.millionsText(), .overdue: overdue?.millionsText(), .landArea: number(landArea),
            .landForm: landForm?.label, .decisionNumber: decisionNumber, .awardLevel: awardLevel?.label, .awardForm: awardForm, .note: note,
        ]
        var values = Dictionary(uniqueKeysWithValues: texts.compactMap { key, value in value.map { (key.rawValue, $0) } })
        values["version"] = String(version)
        return values
    }
}
