import Foundation
import HopTacCore
import Plot
import SQLKit
import Vapor

/// A training course under a training policy: topic, dates, place and organiser, held in a province. Its participants
/// are the training grants that point at it, recorded one by one on its page or from a sheet (a row's course, first
/// day and province find the course, or make it).
struct CourseRecord: Content, Sendable {
    var id: Int
    var policyId: Int
    var policy: String
    var policyTitle: String
    var provinceCode: String
    var topic: String
    var organiser: String
    var place: String?
    var startDate: Day
    var endDate: Day?
    var participants: Int
    var organizations: Int
    var version: Int
    var actor: String
    var recordedAt: String

    static let select = """
        SELECT c.id, c.policy_id, p.code AS policy, p.title AS policy_title, c.province_code, c.topic, c.organiser, c.place, c.start_date, c.end_date,
               (SELECT COUNT(*) FROM support_records s WHERE s.course_id = c.id) AS participants,
               (SELECT COUNT(DISTINCT s.organization_id) FROM support_records s WHERE s.course_id = c.id) AS organizations, c.version, c.actor, c.recorded_at
        FROM training_courses c JOIN support_policies p ON p.id = c.policy_id
        """

    /// The courses a user sees: those held in their province (a commune officer's is the commune's).
    static func visible(to scope: Scope) -> SQLQueryString {
        switch scope {
        case .everything: "1 = 1"
        case .province(let code): "c.province_code = \(bind: code)"
        case .commune(let code): "c.province_code = (SELECT province_code FROM communes WHERE code = \(bind: code))"
        case .organization, .nothing: "1 = 0"
        }
    }
}

struct CoursesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.getEveryRepresentation("courses", access: .signedIn(.readSupport), use: list)
        routes.on(.GET, "courses", "new", access: .signedIn(.recordSupport), use: newForm)
        routes.on(.POST, "courses", access: .signedIn(.recordSupport), use: create)
        routes.on(.GET, "courses", ":courseId", access: .signedIn(.readSupport), use: show)
        routes.on(.POST, "courses", ":courseId", "participants", access: .signedIn(.recordSupport), use: addParticipant)
    }

    @Sendable func list(req: Request, representation: Representation) async throws -> Response {
        let principal = try req.requirePrincipal()
        let year = req.query[String.self, at: "year"]?.trimmed.isEmpty == false ? try req.yearQuery(default: Day.today().year) : nil
        var condition = CourseRecord.visible(to: principal.readScope)
        if let year { condition.appendInterpolation(" AND c.start_date BETWEEN \(bind: "\(year)-01-01") AND \(bind: "\(year)-12-31")" as SQLQueryString) }
        let courses = try await req.db.sql().raw("\(unsafeRaw: CourseRecord.select) WHERE \(condition) ORDER BY c.start_date DESC, c.id DESC")
            .all(decoding: CourseRecord.self, keyDecodingStrategy: .snakeCaseColumns)
        switch representation {
        case .json:
            return try Responses.json(PagedList(total: courses.count, page: 1, perPage: courses.count, items: courses))
        case .csv, .xlsx:
            return try Responses.table("khoa-dao-tao", as: representation,
                                       header: ["Số", "Chính sách", "Mã tỉnh", "Chủ đề", "Đơn vị tổ chức", "Địa điểm", "Từ ngày", "Đến ngày", "Học viên", "Tổ chức có học viên"],
                                       rows: courses.map { [PlainNumber($0.id), $0.policy, $0.provinceCode, $0.topic, $0.organiser, $0.place, $0.startDate, $0.endDate,
                                                            $0.participants, $0.organizations] })
        case .html:
            return CourseListPage(courses: courses, year: year, canRecord: principal.can(.recordSupport)).page().response()
        }
    }

    /// The training policies the user may record under.
    private func trainingPolicies(_ req: Request) async throws -> [PolicyRecord] {
        try await GrantsController.policies(for: GrantsController.permit(req), on: req.db.sql()).filter { $0.kind == .training }
    }

    @Sendable func newForm(req: Request) async throws -> Response {
        var values = ["policy": req.query[String.self, at: "policy"] ?? ""]
        values["start_date"] = Day.today().vietnamese
        return CourseFormPage(policies: try await trainingPolicies(req), askProvince: try req.requirePrincipal().readScope == .everything, values: values, problems: [:])
            .page().response()
    }

    /// The province a user's courses are held in: their own, the commune's for a commune officer, the typed one for the administrator.
    private func province(of principal: Principal, typed: String, on sql: any SQLDatabase) async throws -> String? {
        switch principal.readScope {
        case .province(let code): return code
        case .commune(let code): return try await Area.commune(code, on: sql).provinceCode
        case .everything: return (try? await Area.province(typed, on: sql))?.code
        case .organization, .nothing: return nil
        }
    }

    @Sendable func create(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        let values = try req.decodeBody([String: String].self)
        let sql = try req.db.sql()
        let policies = try await trainingPolicies(req)
        var problems: [String: FieldProblem] = [:]
        func text(_ name: String, _ label: String, required: Bool, limit: Int = 300) -> String? {
            let value = (values[name] ?? "").trimmed.precomposedStringWithCanonicalMapping
            if value.isEmpty { if required { problems[name] = FieldProblem("Cần ghi \(label).") }; return nil }
            if value.count > limit { problems[name] = FieldProblem("\(label.capitalizedFirst) dài quá \(limit) ký tự.") }
            return value
        }
        func day(_ name: String, _ label: String, required: Bool) -> Day? {
            guard let raw = text(name, label, required: required) else { return nil }
            guard let day = Day(vietnamese: raw), SupportInput.days?.contains(day) == true else {
                problems[name] = FieldProblem("\(label.capitalizedFirst) “\(raw)” không phải ngày dd/mm/yyyy từ năm 2000 đến 2100.")
                return nil
            }
            return day
        }
        let policy = policies.first { foldForSearch($0.code) == foldForSearch(values["policy"] ?? "") }
        if policy == nil { problems["policy"] = FieldProblem("Chọn một chính sách đào tạo, bồi dưỡng mà bạn được ghi kết quả.") }
        let topic = text("topic", "chủ đề khóa học", required: true), organiser = text("organiser", "đơn vị tổ chức", required: true)
        let place = text("place", "địa điểm", required: false)
        let start = day("start_date", "ngày khai giảng", required: true), end = day("end_date", "ngày kết thúc", required: false)
        if let start, let end, end < start { problems["end_date"] = FieldProblem("Ngày kết thúc trước ngày khai giảng \(start.vietnamese).") }
        if let policy, let start, !(policy.periodFrom...max(policy.periodFrom, policy.periodTo)).contains(start.year) {
            problems["start_date"] = FieldProblem("Ngoài thời gian áp dụng của chính sách \(policy.code) (\(policy.periodFrom)–\(policy.periodTo)).")
        }
        let province = try await province(of: principal, typed: (values["province_code"] ?? "").trimmed, on: sql)
        if province == nil { problems["province_code"] = FieldProblem("Ghi mã tỉnh (2 chữ số, mã 2025) nơi tổ chức khóa học.") }
        guard problems.isEmpty, let policy, let topic, let organiser, let start, let province else {
            return CourseFormPage(policies: policies, askProvince: principal.readScope == .everything, values: values, problems: problems)
                .page(status: .unprocessableEntity).response()
        }
        let actor = req.actor
        let id = try await req.db.write { db in
            let sql = try db.sql()
            let id = try await sql.raw("""
                INSERT INTO training_courses (policy_id, province_code, topic, topic_folded, organiser, place, start_date, end_date, version, actor, recorded_at)
                VALUES (\(bind: policy.id), \(bind: province), \(bind: topic), \(bind: foldForSearch(topic)), \(bind: organiser), \(bind: place), \(bind: start.iso),
                        \(bind: end?.iso), 1, \(bind: actor.name), \(bind: Timestamp.now()))
                RETURNING id
                """).first(decodingColumn: "id", as: Int.self) ?? 0
            try await AuditLog.record("course.create", entity: "training_courses", id: String(id), provinceCode: province,
                                      summary: "Ghi khóa \(topic) (\(start.vietnamese)) theo chính sách \(policy.code)", actor: actor, on: sql)
            return id
        }
        return req.redirect(to: "/courses/\(id)", redirectType: .normal)
    }

    private func course(_ req: Request) async throws -> (CourseRecord, Representation) {
        let (raw, representation) = Representation.split(req.parameters.get("courseId") ?? "")
        guard let id = Int(raw), id > 0,
              let course = try await req.db.sql().raw("\(unsafeRaw: CourseRecord.select) WHERE c.id = \(bind: id) AND \(CourseRecord.visible(to: try req.requirePrincipal().readScope))")
                .first(decoding: CourseRecord.self, keyDecodingStrategy: .snakeCaseColumns) else {
            throw Abort(.notFound, reason: "Không có khóa đào tạo “\(raw)”.")
        }
        return (course, representation)
    }

    /// The course's participants the user may read.
    private func participants(of course: CourseRecord, _ req: Request) async throws -> [SupportRecord] {
        var area = OrganizationFilter()
        area.scope = try req.requirePrincipal().readScope
        let sql = try req.db.sql()
        return try await sql.raw("\(unsafeRaw: SupportRecord.select) WHERE s.course_id = \(bind: course.id) AND \(OrganizationQueries.condition(area, on: sql)) ORDER BY o.name, s.person_name")
            .all(decoding: SupportRecord.self, keyDecodingStrategy: .snakeCaseColumns)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let (course, representation) = try await course(req)
        let participants = try await participants(of: course, req)
        switch representation {
        case .json:
            struct Body: Encodable { let course: CourseRecord; let participants: [SupportRecord] }
            return try Responses.json(Body(course: course, participants: participants))
        case .csv, .xlsx:
            return try PoliciesController.grantsTable("hoc-vien-khoa-\(course.id)", participants, as: representation)
        case .html:
            let canRecord = try await trainingPolicies(req).contains { $0.id == course.policyId }
            return CoursePage(course: course, participants: participants, canRecord: canRecord, values: [:], problems: [:]).page().response()
        }
    }

    /// A participant of the course: a person of an organisation, recorded as a training grant of the course's policy.
    @Sendable func addParticipant(req: Request) async throws -> Response {
        let (course, _) = try await course(req)
        let values = try req.decodeBody([String: String].self)
        let sql = try req.db.sql()
        let permit = try GrantsController.permit(req)
        let policy = try await trainingPolicies(req).first { $0.id == course.policyId }
        var texts: [SupportField: String] = [.policy: course.policy, .date: course.startDate.vietnamese, .course: course.topic, .agency: course.organiser]
        texts[.endDate] = course.endDate?.vietnamese
        texts[.place] = course.place
        for field in [SupportField.registrationCode, .personName, .personPosition, .amount, .status] { texts[field] = values[field.rawValue] }
        var (input, found) = SupportInput.read(texts)
        input.courseId = course.id
        var problems = found.reduce(into: [String: FieldProblem]()) { $0[$1.key.rawValue] = FieldProblem($1.key.label + ": " + $1.value) }
        if problems.isEmpty {
            let organization = try await OrganizationQueries.find(registrationCodes: [input.registrationCode], on: sql).first
            let (grant, more) = PolicyStore.check(input, policy: policy, organization: organization, permit: permit)
            for (field, reason) in more { problems[field.rawValue] = FieldProblem(field.label + ": " + reason) }
            if let grant, try await PolicyStore.record([grant], actor: req.actor, on: req.db).isEmpty {
                problems["person_name"] = FieldProblem("\(input.personName ?? "Người này") của tổ chức này đã có trong danh sách học viên.")
            }
        }
        guard problems.isEmpty else {
            return CoursePage(course: course, participants: try await participants(of: course, req), canRecord: policy != nil, values: values, problems: problems)
                .page(status: .unprocessableEntity).response()
        }
        return req.redirect(to: "/courses/\(course.id)#hoc-vien", redirectType: .normal)
    }
}
