import Fluent
import HopTacCore
import SQLKit
import Vapor

/// A grant once recorded: corrected, withdrawn or paid period by period by the officers who may record it (see
/// `SupportPermit`), each write under the version the officer loaded and audited with the grant before and after.
enum GrantStore {
    /// A payment as stored, with who recorded it.
    struct PaymentRecord: Content, Sendable {
        var id: Int
        var periodFrom: Day
        var periodTo: Day
        var paidOn: Day
        @StoredMoney var amount: Money?
        var note: String?
        var actor: String
        var recordedAt: String

        var payment: SupportPayment? {
            amount.map { SupportPayment(periodFrom: periodFrom, periodTo: periodTo, paidOn: paidOn, amount: $0) }
        }
    }

    /// The grant if the user may read it; 404 otherwise, as for a grant that does not exist.
    static func grant(_ id: Int, visibleTo scope: Scope, on sql: any SQLDatabase) async throws -> SupportRecord {
        var area = OrganizationFilter()
        area.scope = scope
        guard let grant = try await sql.raw("\(unsafeRaw: SupportRecord.select) WHERE s.id = \(bind: id) AND \(OrganizationQueries.condition(area, on: sql))")
            .first(decoding: SupportRecord.self, keyDecodingStrategy: .snakeCaseColumns) else {
            throw Abort(.notFound, reason: "Không có khoản hỗ trợ số \(id).")
        }
        return grant
    }

    static func payments(of grantId: Int, on sql: any SQLDatabase) async throws -> [PaymentRecord] {
        try await sql.raw("""
            SELECT id, period_from, period_to, paid_on, amount, note, actor, recorded_at FROM support_payments
            WHERE support_record_id = \(bind: grantId) ORDER BY period_from, id
            """).all(decoding: PaymentRecord.self, keyDecodingStrategy: .snakeCaseColumns)
    }

    /// Why the user may not change this grant, as a 403.
    static func requirePermit(_ permit: SupportPermit, for grant: SupportRecord, on sql: any SQLDatabase) async throws -> (PolicyRecord, OrganizationRecord) {
        let policy = try await PolicyQueries.policy(grant.policyId, visibleTo: .everything, on: sql)
        guard let organization = try await OrganizationQueries.find(id: grant.organizationId, on: sql) else {
            throw Abort(.notFound, reason: "Không có khoản hỗ trợ số \(grant.id).")
        }
        if let refusal = permit.refusal(policy: policy, organization: organization) { throw Abort(.forbidden, reason: "Không sửa được: " + refusal) }
        return (policy, organization)
    }

    /// Corrects a grant the officer loaded at `version`; its policy and organisation stay (a grant to the wrong one is
    /// withdrawn and recorded again). A new evidence file replaces the old one; none keeps it.
    static func update(_ grant: SupportRecord, version: Int, to input: SupportInput, evidence: EvidenceUpload?, permit: SupportPermit, actor: Actor,
                       on database: any Database) async throws {
        let (policy, organization) = try await requirePermit(permit, for: grant, on: database.sql())
        try await database.write { db in
            let sql = try db.sql()
            let course = try await PolicyStore.courseId(of: input, policy: policy, organization: organization, actor: actor, on: sql)
            let changed = try await sql.raw("""
                UPDATE support_records SET person_name = \(bind: input.personName), person_position = \(bind: input.personPosition), support_date = \(bind: input.date?.iso ?? grant.date.iso),
                  end_date = \(bind: input.endDate?.iso), amount = \(bind: input.amount?.dong), quantity = \(bind: input.quantity), quantity_unit = \(bind: input.quantityUnit),
                  status = \(bind: input.status.rawValue), agency = \(bind: input.agency ?? policy.agency), course = \(bind: input.course), place = \(bind: input.place),
                  degree = \(bind: input.degree), lender = \(bind: input.lender), interest_rate = \(bind: input.interestRate), term_months = \(bind: input.termMonths),
                  outstanding = \(bind: input.outstanding?.dong), overdue = \(bind: input.overdue?.dong), land_area = \(bind: input.landArea), land_form = \(bind: input.landForm?.rawValue),
                  decision_number = \(bind: input.decisionNumber), award_level = \(bind: input.awardLevel?.rawValue), award_form = \(bind: input.awardForm), note = \(bind: input.note),
                  course_id = \(bind: course), version = version + 1, actor = \(bind: actor.name), recorded_at = \(bind: Timestamp.now())
                WHERE id = \(bind: grant.id) AND version = \(bind: version)
                RETURNING id
                """).first()
            guard changed != nil else { throw PolicyStore.EditConflict(reason: "Khoản hỗ trợ này vừa được người khác sửa. Không có gì được ghi; hãy tải lại trang rồi sửa lại.") }
            if let evidence {
                try await sql.raw("""
                    UPDATE support_records SET evidence_name = \(bind: evidence.name), evidence_type = \(bind: evidence.type), evidence = \(bind: evidence.data)
                    WHERE id = \(bind: grant.id)
                    """).run()
            }
            let after = try await self.grant(grant.id, visibleTo: .everything, on: sql)
            try await AuditLog.record("support.update", entity: "support_records", id: String(grant.id), provinceCode: organization.provinceCode,
                                      summary: "Sửa khoản hỗ trợ \(policy.code) của \(organization.name)", before: grant, after: after, actor: actor, on: sql)
        }
    }

    /// Withdraws a grant recorded by mistake, with its payments; the audit keeps what it was.
    static func withdraw(_ grant: SupportRecord, version: Int, permit: SupportPermit, actor: Actor, on database: any Database) async throws {
        let (policy, organization) = try await requirePermit(permit, for: grant, on: database.sql())
        try await database.write { db in
            let sql = try db.sql()
            try await sql.raw("DELETE FROM support_payments WHERE support_record_id = \(bind: grant.id)").run()
            guard try await sql.raw("DELETE FROM support_records WHERE id = \(bind: grant.id) AND version = \(bind: version) RETURNING id").first() != nil else {
                throw PolicyStore.EditConflict(reason: "Khoản hỗ trợ này vừa được người khác sửa. Không có gì bị xóa; hãy tải lại trang.")
            }
            try await AuditLog.record("support.withdraw", entity: "support_records", id: String(grant.id), provinceCode: organization.provinceCode,
                                      summary: "Thu hồi khoản hỗ trợ \(policy.code) của \(organization.name) ngày \(grant.date.vietnamese)", before: grant, actor: actor, on: sql)
        }
    }

    /// Records a payment of the grant for a period, checked against the grant and its earlier payments.
    static func pay(_ grant: SupportRecord, texts: [String: String], permit: SupportPermit, actor: Actor, on database: any Database) async throws {
        let (policy, organization) = try await requirePermit(permit, for: grant, on: database.sql())
        try await database.write { db in
            let sql = try db.sql()
            // Read the earlier payments inside the transaction: two officers paying the same month both see the other.
            let earlier = try await payments(of: grant.id, on: sql).compactMap(\.payment)
            let (read, problems) = SupportPayment.read(texts, grantFrom: grant.date, to: grant.endDate, grantAmount: grant.amount, earlier: earlier)
            guard let payment = read else { throw ValidationFailure(problems: problems.mapValues(FieldProblem.init)) }
            let note = (texts["note"] ?? "").trimmed.precomposedStringWithCanonicalMapping
            guard note.count <= 500 else { throw ValidationFailure(problems: ["note": FieldProblem("Ghi chú dài quá 500 ký tự.")]) }
            try await sql.raw("""
                INSERT INTO support_payments (support_record_id, period_from, period_to, paid_on, amount, note, actor, recorded_at)
                VALUES (\(bind: grant.id), \(bind: payment.periodFrom.iso), \(bind: payment.periodTo.iso), \(bind: payment.paidOn.iso),
                        \(bind: payment.amount.dong), \(bind: note.isEmpty ? nil : note), \(bind: actor.name), \(bind: Timestamp.now()))
                """).run()
            try await AuditLog.record("support.pay", entity: "support_records", id: String(grant.id), provinceCode: organization.provinceCode,
                                      summary: "Chi trả \(payment.amount.millionsText()) triệu đồng kỳ \(payment.periodFrom.vietnamese)–\(payment.periodTo.vietnamese) "
                                        + "theo chính sách \(policy.code) cho \(grant.personName ?? organization.name)", after: payment, actor: actor, on: sql)
        }
    }
}
