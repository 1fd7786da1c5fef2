import HopTacCore
import Plot
import SQLKit
import Vapor

/// Action programmes: the list, entering one from a plan document (extract → review → save), a programme's targets
/// measured live with their status, and the allocation of a target to communes.
struct ProgrammesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.getEveryRepresentation("programmes", access: .signedIn(.readProgrammes), use: list)
        routes.on(.GET, "programmes", "new", access: .signedIn(.manageProgrammes), use: newForm)
        routes.on(.POST, "programmes", "extract", access: .signedIn(.manageProgrammes), maxBody: "20mb", use: extract)
        routes.on(.POST, "programmes", access: .signedIn(.manageProgrammes), use: create)
        routes.on(.GET, "programmes", ":programmeId", access: .signedIn(.readProgrammes), use: show)
        routes.on(.GET, "programmes", ":programmeId", "targets", ":targetId", access: .signedIn(.readProgrammes), use: target)
        routes.on(.POST, "programmes", ":programmeId", "targets", ":targetId", "allocations", access: .signedIn(.manageProgrammes), use: allocate)
        routes.on(.POST, "programmes", ":programmeId", "targets", ":targetId", "values", access: .signedIn(.reportTaskProgress), maxBody: "20mb", use: reportValue)
        routes.on(.GET, "programmes", ":programmeId", "targets", ":targetId", "values", ":valueId", "evidence", access: .signedIn(.readProgrammes),
                  use: valueEvidence)
    }

    struct Summary: Content, Sendable {
        let programme: ProgrammeRecord
        let targets: Int
        let tasks: Int
        let overdue: Int
    }

    @Sendable func list(req: Request, representation: Representation) async throws -> Response {
        let sql = try req.db.sql()
        let today = Day.today()
        let programmes = try await ProgrammeQueries.programmes(visibleTo: req.principal, on: sql)
        let tasks = Dictionary(grouping: try await ProgrammeQueries.tasks(.init(), visibleTo: req.principal, today: today, on: sql), by: \.programmeId)
        struct Count: Decodable { let programmeId: Int; let n: Int }
        let targetCounts = Dictionary(try await sql.raw("SELECT programme_id, COUNT(*) AS n FROM programme_targets GROUP BY programme_id")
            .all(decoding: Count.self, keyDecodingStrategy: .snakeCaseColumns).map { ($0.programmeId, $0.n) }, uniquingKeysWith: { a, _ in a })
        let rows = programmes.map { p in
            Summary(programme: p, targets: targetCounts[p.id] ?? 0, tasks: tasks[p.id]?.count ?? 0, overdue: tasks[p.id]?.filter { $0.status == .overdue }.count ?? 0)
        }
        switch representation {
        case .json:
            return try Responses.json(PagedList(total: rows.count, page: 1, perPage: rows.count, items: rows))
        case .csv, .xlsx:
            return try Responses.table("chuong-trinh", as: representation,
                                       header: ["Số", "Số, ký hiệu", "Trích yếu", "Cơ quan ban hành", "Ngày ban hành", "Cấp", "Đơn vị", "Từ năm", "Đến năm", "Chỉ tiêu", "Nhiệm vụ", "Quá hạn"],
                                       rows: rows.map { [PlainNumber($0.programme.id), $0.programme.symbol, $0.programme.title, $0.programme.issuer, $0.programme.issuedOn,
                                                         $0.programme.level.label, $0.programme.unitName, PlainNumber($0.programme.periodFrom), PlainNumber($0.programme.periodTo),
                                                         $0.targets, $0.tasks, $0.overdue] })
        case .html:
            return ProgrammeListPage(rows: rows, canCreate: req.principal?.can(.manageProgrammes) ?? false).page().response()
        }
    }

    @Sendable func newForm(req: Request) async throws -> Response {
        ProgrammeUploadPage(principal: try req.requirePrincipal(), problem: nil).page().response()
    }

    /// Reads the uploaded document (or pasted text) and shows what was found for review; nothing is saved yet.
    @Sendable func extract(req: Request) async throws -> Response {
        struct Upload: Content { var file: File?; var text: String?; var level: String?; var unit_code: String? }
        let upload = try req.content.decode(Upload.self)
        let principal = try req.requirePrincipal()
        let document: PlanDocument
        do {
            if let file = upload.file, file.data.readableBytes > 0 {
                let data = Data(buffer: file.data), name = file.filename
                document = try await BlockingWork.run { try PlanDocument(data: data, fileName: name) }
            } else if let text = upload.text, !text.trimmed.isEmpty {
                document = PlanDocument(text: text, format: .text, fileName: "văn bản dán vào")
            } else {
                return ProgrammeUploadPage(principal: principal, problem: "Chưa chọn tệp văn bản hay dán nội dung.").page(status: .unprocessableEntity).response()
            }
        } catch let error as PlanDocumentError {
            return ProgrammeUploadPage(principal: principal, problem: error.message).page(status: .unprocessableEntity).response()
        }
        let extraction = try await BlockingWork.run { PlanExtractor.extract(document) }
        let level = upload.level.flatMap(ProgrammeLevel.init(rawValue:)) ?? ProgrammeUploadPage.defaultLevel(principal)
        let values = ProgrammeForm.values(from: extraction, fileName: document.fileName, level: level, unitCode: upload.unit_code ?? principal.unitCode)
        return ProgrammeReviewPage(values: values, problems: [:], units: try await units(for: principal, on: req.db.sql()),
                                   parents: try await ProgrammeQueries.programmes(visibleTo: principal, on: req.db.sql())).page().response()
    }

    @Sendable func create(req: Request) async throws -> Response {
        let values = try req.decodeBody([String: String].self)
        let principal = try req.requirePrincipal()
        let sql = try req.db.sql()
        var (draft, problems) = ProgrammeForm.read(values)
        let parents = try await ProgrammeQueries.programmes(visibleTo: principal, on: sql)
        if let parent = draft?.parentId, !parents.contains(where: { $0.id == parent }) {
            problems["parent_id"] = FieldProblem("Không có chương trình cấp trên số \(parent).")
        }
        if let level = draft?.level {
            let area: Area? = switch level {
            case .national: .nation
            case .province: try? await .province(draft?.unitCode ?? "", on: sql)
            case .commune: try? await .commune(draft?.unitCode ?? "", on: sql)
            }
            if area == nil { problems["unit_code"] = FieldProblem("Không có đơn vị hành chính mã “\(draft?.unitCode ?? "")”.") }
            else if let area, !principal.registryWriteScope.covers(area) {
                problems["unit_code"] = FieldProblem("Bạn chỉ nhập được chương trình của đơn vị mình phụ trách.")
            }
        }
        guard problems.isEmpty, let draft else {
            return ProgrammeReviewPage(values: values, problems: problems, units: try await units(for: principal, on: sql), parents: parents)
                .page(status: .unprocessableEntity).response()
        }
        let id = try await ProgrammeStore.create(draft, actor: req.actor, on: req.db)
        return req.redirect(to: "/programmes/\(id)", redirectType: .normal)
    }

    /// The units a user may enter programmes for: their province or commune (and the nation for an administrator).
    private func units(for principal: Principal, on sql: any SQLDatabase) async throws -> [(code: String, name: String, level: ProgrammeLevel)] {
        switch principal.registryWriteScope {
        case .everything:
            return [("", "Toàn quốc", .national)] + (try await AdminUnitQueries.provinceNames(on: sql)).sorted { $0.key < $1.key }.map { ($0.key, $0.value, .province) }
        case .province(let code):
            let province = try await Area.province(code, on: sql)
            let communes = try await AdminUnitQueries.communeNames(provinceCode: code, on: sql)
            return [(code, province.name, .province)] + communes.sorted { foldForSearch($0.value) < foldForSearch($1.value) }.map { ($0.key, $0.value, .commune) }
        case .commune(let code):
            let commune = try await Area.commune(code, on: sql)
            return [(code, commune.name, .commune)]
        case .organization, .nothing:
            return []
        }
    }

    private func programme(_ req: Request) async throws -> (ProgrammeRecord, Representation) {
        let (raw, representation) = Representation.split(req.parameters.get("programmeId") ?? "")
        guard let id = Int(raw) else { throw Abort(.notFound, reason: "Không có chương trình “\(raw)”.") }
        return (try await ProgrammeQueries.programme(id, visibleTo: req.principal, on: req.db.sql()), representation)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let (programme, representation) = try await programme(req)
        let sql = try req.db.sql()
        let today = Day.today()
        let area = try await programme.area(on: sql)
        let measured = try await ProgrammeQueries.assess(try await ProgrammeQueries.targets(programmeId: programme.id, on: sql), in: area, today: today, on: req)
        let tasks = try await ProgrammeQueries.tasks(.init(programmeId: programme.id), visibleTo: req.principal, today: today, on: sql)
        switch representation {
        case .json:
            struct Body: Encodable { let programme: ProgrammeRecord; let targets: [ProgrammeQueries.Measured]; let tasks: [TaskRecord] }
            return try Responses.json(Body(programme: programme, targets: measured, tasks: tasks))
        case .csv, .xlsx:
            return try Responses.table("chi-tieu-\(programme.id)", as: representation,
                                       header: ["Chỉ tiêu", "Chỉ số", "Mục tiêu", "Năm", "Hiện tại", "Năm số liệu", "Dự báo", "Tình trạng", "Giải thích"],
                                       rows: measured.map { [$0.target.quote, $0.indicatorLabel, ProgrammePages.goal($0.target.target), PlainNumber($0.target.horizonYear),
                                                             $0.assessment.current?.value, $0.assessment.current.map { PlainNumber($0.year) }, $0.assessment.projection,
                                                             $0.assessment.status.label, $0.assessment.reason] })
        case .html:
            // A parent the user may not read is simply not linked.
            var parent: ProgrammeRecord?
            if let id = programme.parentId { parent = try? await ProgrammeQueries.programme(id, visibleTo: req.principal, on: sql) }
            return ProgrammePage(programme: programme, parent: parent, measured: measured, tasks: tasks,
                                 canManage: ProgrammeAccess.canManage(programme, req.principal, area: area)).page().response()
        }
    }

    private func target(_ req: Request, in programme: ProgrammeRecord) async throws -> TargetRecord {
        let raw = req.parameters.get("targetId") ?? ""
        guard let id = Int(Representation.split(raw).value),
              let target = try await ProgrammeQueries.targets(programmeId: programme.id, on: req.db.sql()).first(where: { $0.id == id }) else {
            throw Abort(.notFound, reason: "Chương trình \(programme.symbol) không có chỉ tiêu “\(raw)”.")
        }
        return target
    }

    /// One target: its trend and projection, and for a provincial target, each commune's share and who lags.
    @Sendable func target(req: Request) async throws -> Response {
        let (programme, _) = try await programme(req)
        let record = try await target(req, in: programme)
        return try await targetPage(req, programme, record, json: Representation.split(req.parameters.get("targetId") ?? "").representation == .json)
    }

    private func targetPage(_ req: Request, _ programme: ProgrammeRecord, _ record: TargetRecord, json: Bool = false,
                            problems: [String: FieldProblem] = [:]) async throws -> Response {
        let sql = try req.db.sql()
        let today = Day.today()
        let area = try await programme.area(on: sql)
        let measured = try await ProgrammeQueries.assess([record], in: area, today: today, on: req)[0]
        let allocations = try await ProgrammeQueries.allocations(targetId: record.id, on: sql)
        var communes: [CommuneProgress] = []
        let indicator = IndicatorDefinition.named(record.indicatorCode)
        if programme.level == .province, let code = programme.unitCode, let indicator, !indicator.isReported {
            let names = try await AdminUnitQueries.communeNames(provinceCode: code, on: sql)
            var series: [String: [Int: Figures]] = [:]
            for year in ProgrammeQueries.measuredYears(for: [record], today: today) {
                for (commune, figures) in try await FiguresQueries.figures(year: year, by: .commune, within: area.filter, on: req) {
                    series[commune, default: [:]][year] = figures
                }
            }
            let allocation = TargetAllocation(target: record.target, allocations: allocations)
            var assessments: [String: TargetAssessment] = [:]
            for (commune, _) in allocations {
                guard let target = allocation.target(for: commune) else { continue }
                assessments[commune] = target.assess(indicator, figures: series[commune] ?? [:], currentYear: today.year - 1)
            }
            let lagging = allocation.laggingUnits(assessments: assessments)
            communes = names.map { code, name in
                CommuneProgress(code: code, name: name, allocated: allocations[code], assessment: assessments[code], lagging: lagging.firstIndex(of: code))
            }.sorted { ($0.lagging ?? Int.max, foldForSearch($0.name)) < ($1.lagging ?? Int.max, foldForSearch($1.name)) }
        }
        if json {
            struct Body: Encodable { let programme: ProgrammeRecord; let target: ProgrammeQueries.Measured; let communes: [CommuneProgress] }
            return try Responses.json(Body(programme: programme, target: measured, communes: communes))
        }
        return TargetPage(programme: programme, measured: measured, communes: communes,
                          canManage: ProgrammeAccess.canManage(programme, req.principal, area: area),
                          canReportValue: indicator?.isReported == true && ProgrammeAccess.canReport(on: record, programme, user: req.context.user, area: area),
                          problems: problems).page(status: problems.isEmpty ? .ok : .unprocessableEntity).response()
    }

    /// A value of a target its agency reports on, for a period, with its evidence.
    @Sendable func reportValue(req: Request) async throws -> Response {
        let (programme, _) = try await programme(req)
        let record = try await target(req, in: programme)
        guard IndicatorDefinition.named(record.indicatorCode)?.isReported == true else {
            throw Abort(.conflict, reason: "Chỉ tiêu này được đo tự động từ số liệu của hệ thống; không báo cáo số liệu bằng tay.")
        }
        let area = try await programme.area(on: req.db.sql())
        guard ProgrammeAccess.canReport(on: record, programme, user: req.context.user, area: area) else {
            throw Abort(.forbidden, reason: "Chỉ \(record.reportingAgency ?? "cơ quan ban hành chương trình") hoặc cơ quan ban hành chương trình mới báo cáo số liệu của chỉ tiêu này.")
        }
        struct Form: Content { var year: String?; var period: String?; var value: String?; var note: String?; var evidence: File? }
        let form = try req.content.decode(Form.self)
        var problems: [String: FieldProblem] = [:]
        let today = Day.today()
        let years = min(programme.periodFrom, record.baselineYear ?? programme.periodFrom)...today.year
        let year = Int(form.year?.trimmed ?? "")
        if let year, !years.contains(year) {
            problems["year"] = FieldProblem("Năm \(year) phải từ \(years.lowerBound) đến \(years.upperBound).")
        } else if year == nil {
            problems["year"] = FieldProblem("Năm “\(form.year ?? "")” không phải là năm.")
        }
        let period = ReportPeriod(rawValue: form.period?.trimmed ?? "").flatMap { ReportedValue.periods.contains($0) ? $0 : nil }
        if period == nil { problems["period"] = FieldProblem("Chưa chọn kỳ báo cáo (quý, 6 tháng, 9 tháng hoặc cả năm).") }
        if let year, let period, let start = period.days(year: year, programme: year...year)?.lowerBound, start > today {
            problems["period"] = FieldProblem("Kỳ \(period.label(year: year, programme: year...year)) chưa bắt đầu.")
        }
        let value = VietnameseNumber.parse(form.value?.trimmed ?? "")
        let range = record.unit == .percent ? 0...100 : PlanTarget.valueRange
        if let value, !range.contains(value) {
            problems["value"] = FieldProblem("Giá trị phải từ \(VietnameseNumber.format(range.lowerBound)) đến \(VietnameseNumber.format(range.upperBound))\(record.unit == .percent ? "%" : "").")
        } else if value == nil {
            problems["value"] = FieldProblem("Giá trị “\(form.value ?? "")” không phải là số (ví dụ 24,5).")
        }
        let note = (form.note ?? "").trimmed.precomposedStringWithCanonicalMapping
        if note.isEmpty { problems["note"] = FieldProblem("Cần ghi nội dung, nguồn của số liệu.") } else if note.count > 2_000 {
            problems["note"] = FieldProblem("Nội dung dài quá 2.000 ký tự.")
        }
        var evidence: EvidenceUpload?
        switch EvidenceUpload.check(form.evidence) {
        case .success(let file): evidence = file
        case .failure(let problem): problems["evidence"] = problem
        }
        guard problems.isEmpty, let year, let period, let value else { return try await targetPage(req, programme, record, problems: problems) }
        try await ProgrammeStore.reportValue(target: record, programme: programme, year: year, period: period, value: value, note: note, evidence: evidence,
                                             actor: req.actor, on: req.db)
        return req.redirect(to: "/programmes/\(programme.id)/targets/\(record.id)", redirectType: .normal)
    }

    @Sendable func valueEvidence(req: Request) async throws -> Response {
        let (programme, _) = try await programme(req)
        let record = try await target(req, in: programme)
        struct Row: Decodable { let evidenceName: String?; let evidence: Data? }
        guard let id = req.parameters.get("valueId").flatMap(Int.init),
              let row = try await req.db.sql().raw("SELECT evidence_name, evidence FROM target_values WHERE id = \(bind: id) AND target_id = \(bind: record.id)")
                .first(decoding: Row.self, keyDecodingStrategy: .snakeCaseColumns), let data = row.evidence else {
            throw Abort(.notFound, reason: "Không có tệp minh chứng này.")
        }
        return EvidenceUpload.download(data, storedName: row.evidenceName)
    }

    struct CommuneProgress: Content, Sendable {
        let code: String
        let name: String
        let allocated: Double?
        let assessment: TargetAssessment?
        /// Position among the lagging communes, worst first; nil when not lagging.
        let lagging: Int?
    }

    @Sendable func allocate(req: Request) async throws -> Response {
        let (programme, _) = try await programme(req)
        let record = try await target(req, in: programme)
        let sql = try req.db.sql()
        guard programme.level == .province, let province = programme.unitCode else {
            throw Abort(.badRequest, reason: "Chỉ chỉ tiêu của chương trình cấp tỉnh mới giao được cho xã, phường.")
        }
        guard ProgrammeAccess.canManage(programme, req.principal, area: try await programme.area(on: sql)) else {
            throw Abort(.forbidden, reason: "Chỉ cơ quan ban hành chương trình mới giao chỉ tiêu.")
        }
        let values = try req.decodeBody([String: String].self)
        let names = try await AdminUnitQueries.communeNames(provinceCode: province, on: sql)
        var allocations: [String: Double] = [:]
        var problems: [String: FieldProblem] = [:]
        for (key, raw) in values where key.hasPrefix("commune-") && !raw.trimmed.isEmpty {
            let code = String(key.dropFirst("commune-".count))
            guard let name = names[code] else { problems[key] = FieldProblem("Xã, phường mã “\(code)” không thuộc tỉnh này."); continue }
            guard let value = VietnameseNumber.parse(raw.trimmed), PlanTarget.valueRange.contains(value) else {
                problems[key] = FieldProblem("\(name): “\(raw)” phải là số từ 0 đến \(VietnameseNumber.format(PlanTarget.valueRange.upperBound))."); continue
            }
            allocations[code] = value
        }
        guard problems.isEmpty else { throw ValidationFailure(problems: problems) }
        try await ProgrammeStore.allocate(target: record, values: allocations, actor: req.actor, on: req.db)
        return req.redirect(to: "/programmes/\(programme.id)/targets/\(record.id)", redirectType: .normal)
    }
}
