import Fluent
import HopTacCore
import SQLKit

/// What grants need beyond one line each. Policies' codes are unique however they are typed (`code_folded`, the way
/// sheets name them); grants carry a version for optimistic locking and an evidence file. `training_courses`: a
/// course (topic, dates, place, organiser) whose participants are the training grants pointing at it.
/// `support_payments`: what a grant paid out period by period (a graduate's monthly allowance) against the amount
/// approved; figures count the grant's amount, so payments move none. `model_criteria`:
/// the criteria a model cooperative is judged on, the shipped set (no province) or a province's own;
/// `model_assessments`: an organisation's checklist against them, year by year.
struct CreateSupportDetails: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = try database.sql()
        try await database.schema("support_policies").field("code_folded", .string).update()
        struct Code: Decodable { let id: Int; let code: String }
        for row in try await sql.raw("SELECT id, code FROM support_policies").all(decoding: Code.self) {
            try await sql.raw("UPDATE support_policies SET code_folded = \(bind: foldForSearch(row.code)) WHERE id = \(bind: row.id)").run()
        }
        try await sql.create(index: "support_policies_code_folded").unique().on("support_policies").column("code_folded").run()

        try await database.schema("training_courses")
            .field("id", .int64, .identifier(auto: true))
            .field("policy_id", .int64, .required, .references("support_policies", "id", onDelete: .restrict))
            .field("province_code", .string, .required)
            .field("topic", .string, .required)
            .field("topic_folded", .string, .required)
            .field("organiser", .string, .required)
            .field("place", .string)
            .field("start_date", .string, .required)
            .field("end_date", .string)
            .field("version", .int64, .required)
            .field("actor", .string, .required)
            .field("recorded_at", .string, .required)
            .create()
        try await sql.create(index: "training_courses_policy").on("training_courses").column("policy_id").run()

        // No foreign key: SQLite cannot add one to an existing table; a course with participants is never deleted.
        try await database.schema("support_records").field("course_id", .int64).update()
        try await database.schema("support_records").field("version", .int64, .required, .sql(.default(1))).update()
        try await database.schema("support_records").field("evidence_name", .string).update()
        try await database.schema("support_records").field("evidence_type", .string).update()
        try await database.schema("support_records").field("evidence", .data).update()
        try await sql.create(index: "support_records_course").on("support_records").column("course_id").run()

        try await database.schema("support_payments")
            .field("id", .int64, .identifier(auto: true))
            .field("support_record_id", .int64, .required, .references("support_records", "id", onDelete: .cascade))
            .field("period_from", .string, .required)
            .field("period_to", .string, .required)
            .field("paid_on", .string, .required)
            .field("amount", .int64, .required)
            .field("note", .string)
            .field("actor", .string, .required)
            .field("recorded_at", .string, .required)
            .create()
        try await sql.create(index: "support_payments_record").on("support_payments").column("support_record_id").run()

        try await database.schema("model_criteria")
            .field("id", .int64, .identifier(auto: true))
            .field("province_code", .string)
            .field("position", .int64, .required)
            .field("title", .string, .required)
            .field("guidance", .string)
            .field("basis", .string)
            .field("withdrawn_at", .string)
            .field("actor", .string, .required)
            .field("recorded_at", .string, .required)
            .create()
        try await database.schema("model_assessments")
            .field("id", .int64, .identifier(auto: true))
            .field("organization_id", .int64, .required, .references("organizations", "id", onDelete: .cascade))
            .field("year", .int64, .required)
            .field("criterion_id", .int64, .required, .references("model_criteria", "id", onDelete: .restrict))
            .field("met", .bool, .required)
            .field("note", .string)
            .field("actor", .string, .required)
            .field("recorded_at", .string, .required)
            .unique(on: "organization_id", "year", "criterion_id")
            .create()
        let now = Timestamp.now()
        for (position, criterion) in ModelCriterion.shipped.enumerated() {
            try await sql.raw("""
                INSERT INTO model_criteria (province_code, position, title, guidance, basis, actor, recorded_at)
                VALUES (NULL, \(bind: position + 1), \(bind: criterion.title), \(bind: criterion.guidance), \(bind: criterion.basis?.rawValue), 'hệ thống', \(bind: now))
                """).run()
        }
        for table in ["training_courses", "support_payments", "model_criteria", "model_assessments"] { try await DataVersion.track(table, on: sql) }
    }

    func revert(on database: any Database) async throws {
        let sql = try database.sql()
        for table in ["model_assessments", "model_criteria", "support_payments", "training_courses"] {
            try await DataVersion.untrack(table, on: sql)
            try await database.schema(table).delete()
        }
        try await sql.drop(index: "support_records_course").run()
        for field in ["evidence", "evidence_type", "evidence_name", "version", "course_id"] { try await database.schema("support_records").deleteField(.string(field)).update() }
        try await sql.drop(index: "support_policies_code_folded").run()
        try await database.schema("support_policies").deleteField("code_folded").update()
    }
}
