import HopTacCore
import Plot
import SQLKit
import Vapor

/// `/reports/deadlines`: the reporting calendar of a year per level (cooperative 15/12, commune 18/12, province 21/12
/// unless set otherwise), changed by an administrator when a year's circular moves them. Every change is audited.
struct DeadlinesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, "reports", "deadlines", access: .signedIn(.readReports), use: show)
        routes.on(.POST, "reports", "deadlines", access: .signedIn(.configureReporting), use: save)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let year = try req.yearQuery(default: Day.today().year)
        return try await page(req, year: year, problems: [:], status: .ok)
    }

    private func page(_ req: Request, year: Int, problems: [String: FieldProblem], status: HTTPResponseStatus) async throws -> Response {
        let calendar = try await ReportQueries.calendar(year: year, on: req.db.sql())
        let canEdit = req.principal?.can(.configureReporting) ?? false
        return Page(
            title: "Hạn báo cáo năm \(year)",
            breadcrumbs: [("Trang chủ", "/"), ("Báo cáo hằng năm", "/reports"), ("Hạn báo cáo", nil)],
            status: status,
            content: .div(
                .h1(.text("Hạn báo cáo năm \(year)")),
                .p(.text("Năm khác: "), .a(.href("/reports/deadlines?year=\(year - 1)"), .text(String(year - 1))), .text(" · "),
                   .a(.href("/reports/deadlines?year=\(year + 1)"), .text(String(year + 1)))),
                form(year: year, calendar: calendar, problems: problems, canEdit: canEdit)
            )
        ).response()
    }

    private func form(year: Int, calendar: ReportingCalendar, problems: [String: FieldProblem], canEdit: Bool) -> Node<HTML.BodyContext> {
        let defaults = ReportingCalendar()
        return .form(.method(.post), .action("/reports/deadlines"), .class("record"),
            .csrfField(), .input(.type(.hidden), .name("year"), .value(String(year))),
            .forEach(ReportingLevel.allCases) { level in
                .field(name: level.rawValue, label: level.label, hint: "Mặc định \(defaults.deadline(for: level, year: year).vietnamese)", problem: problems[level.rawValue],
                       .input(.type(.text), .id(level.rawValue), .name(level.rawValue), .value(calendar.deadline(for: level, year: year).vietnamese),
                              .readonly(!canEdit)))
            },
            .if(canEdit, .button(.type(.submit), .text("Lưu hạn báo cáo"))))
    }

    @Sendable func save(req: Request) async throws -> Response {
        let values = try req.decodeBody([String: String].self)
        guard let year = values["year"].flatMap(Int.init), ReportingCalendar.years.contains(year) else {
            throw Abort(.badRequest, reason: "Năm không hợp lệ.")
        }
        var days: [ReportingLevel: Day] = [:]
        var problems: [String: FieldProblem] = [:]
        for level in ReportingLevel.allCases {
            let typed = (values[level.rawValue] ?? "").trimmed
            guard let day = Day(vietnamese: typed) else { problems[level.rawValue] = FieldProblem("\(level.label): “\(typed)” không phải ngày dd/mm/yyyy."); continue }
            guard day.year == year || day.year == year + 1 else { problems[level.rawValue] = FieldProblem("\(level.label): hạn phải trong năm \(year) hoặc đầu năm \(year + 1)."); continue }
            days[level] = day
        }
        if let cooperative = days[.cooperative], let commune = days[.commune], commune < cooperative {
            problems[ReportingLevel.commune.rawValue] = FieldProblem("Hạn cấp xã không thể trước hạn của tổ chức (\(cooperative.vietnamese)).")
        }
        if let commune = days[.commune], let province = days[.province], province < commune {
            problems[ReportingLevel.province.rawValue] = FieldProblem("Hạn cấp tỉnh không thể trước hạn cấp xã (\(commune.vietnamese)).")
        }
        let chosen = ReportingLevel.allCases.compactMap { level in days[level].map { (level, $0) } }
        guard problems.isEmpty, chosen.count == ReportingLevel.allCases.count else {
            return try await page(req, year: year, problems: problems, status: .unprocessableEntity)
        }
        try await req.db.write { db in
            let sql = try db.sql()
            let before = try await ReportQueries.calendar(year: year, on: sql)
            try await sql.delete(from: "reporting_deadlines").where("year", .equal, year).run()
            try await sql.insertBatches(into: "reporting_deadlines", columns: ["year", "level", "deadline"],
                                        rows: chosen.map { [year, $0.0.rawValue, $0.1.iso] as [any Encodable & Sendable] })
            let summary = chosen.map { level, day in "\(level.label): \(before.deadline(for: level, year: year).vietnamese) → \(day.vietnamese)" }.joined(separator: "; ")
            try await AuditLog.record("reporting.deadlines", entity: "reporting_deadlines", id: String(year), provinceCode: nil,
                                      summary: "Hạn báo cáo năm \(year): \(summary)", actor: req.actor, on: sql)
        }
        return req.redirect(to: "/reports/deadlines?year=\(year)", redirectType: .normal)
    }
}
