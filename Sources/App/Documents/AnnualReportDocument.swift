import Foundation
import HopTacCore
import SQLKit
import Vapor

/// The annual report on the collective economy of an area: its template filled from the same figures as `/figures`
/// (`FiguresQueries`), the same target assessments as the dashboard, and the same task classes as the scorecard.
enum AnnualReportDocument {
    static let template = "annual-report"

    /// What the officer writes on the form: the header's number and signer, the recipients, the free paragraphs.
    struct Fields: Codable, Sendable, Equatable {
        var parentBody: String?
        var issuingBody: String
        var number: String
        var place: String
        var date: Day
        var authority: String?
        var signerTitle: String
        var signer: String
        var recipients: [String]
        var free: [String: String]

        /// The defaults for an area's People's Committee, dated today.
        static func defaults(for area: Area, today: Day) -> Fields {
            let unit = area.level == .nation ? "Bộ Tài chính" : "Ủy ban nhân dân " + area.name.lowercasedFirstWord
            let recipients = switch area.level {
            case .nation: ["Thủ tướng Chính phủ", "Ban Kinh tế Trung ương", "Liên minh Hợp tác xã Việt Nam", "Lưu: VT, KTTT"]
            case .province: ["Bộ Tài chính", "Thường trực Tỉnh ủy", "Thường trực Hội đồng nhân dân tỉnh", "Liên minh Hợp tác xã tỉnh", "Sở, ngành liên quan", "Lưu: VT, KT"]
            default: ["Ủy ban nhân dân \(area.provinceName?.lowercasedFirstWord ?? "tỉnh")", "Sở Tài chính", "Thường trực Đảng ủy", "Lưu: VT"]
            }
            return Fields(parentBody: nil, issuingBody: unit, number: "", place: area.level == .nation ? "Hà Nội" : Self.place(area), date: today,
                          authority: area.level == .nation ? "KT. BỘ TRƯỞNG" : "TM. ỦY BAN NHÂN DÂN",
                          signerTitle: area.level == .nation ? "THỨ TRƯỞNG" : "CHỦ TỊCH", signer: "", recipients: recipients, free: [:])
        }

        /// Where the document is signed: the province's name without its type ("Hà Tĩnh"), for a commune its own.
        private static func place(_ area: Area) -> String {
            let name = area.level == .commune ? area.name : area.provinceName ?? area.name
            for prefix in ["Thành phố ", "Tỉnh ", "Xã ", "Phường ", "Đặc khu "] where name.hasPrefix(prefix) { return String(name.dropFirst(prefix.count)) }
            return name
        }
    }

    /// The names a template may use besides the figure keys.
    static let facts = ["area", "issuer", "year", "previous_year", "next_year", "as_of"]
    static let tables = ["types", "results", "classification", "targets", "tasks", "units"]

    static var valueNames: Set<String> {
        let figures = FigureDefinition.all.map(\.key.rawValue)
        return Set(facts + figures + figures.map { $0 + "@previous" })
    }

    /// What an area's report of a year is made from: its saved draft (else the defaults) and the template in force.
    static func inputs(_ area: Area, year: Int, on sql: any SQLDatabase) async throws
        -> (fields: Fields, draft: DocumentStore.Draft<Fields>?, text: DocumentTemplate) {
        let draft = try await DocumentStore.draft(template, area: area, year: year, as: Fields.self, on: sql)
        return (draft?.fields ?? .defaults(for: area, today: Day.today()), draft, try await DocumentStore.template(template, on: sql).text)
    }

    /// The report as a file to download: DOCX, or PDF made from it.
    static func file(_ area: Area, year: Int, format: String, fields: Fields, text: DocumentTemplate,
                     on req: Request) async throws -> (data: Data, name: String, contentType: String) {
        let docx = try DOCXWriter.data(try await document(area, year: year, fields: fields, text: text, on: req))
        let name = "bao-cao-kinh-te-tap-the-\(year)-\(area.code)"
        if format == "pdf" { return (try await DocumentConversion.pdf(from: docx), name + ".pdf", "application/pdf") }
        return (docx, name + ".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    }

    static func document(_ area: Area, year: Int, fields: Fields, text: DocumentTemplate, on req: Request) async throws -> OfficialDocument {
        let sql = try req.db.sql()
        let current = try await FiguresQueries.figures(year: year, by: area.level, within: area.filter, on: req)[area.code] ?? Figures().completed
        let previous = try await FiguresQueries.figures(year: year - 1, by: area.level, within: area.filter, on: req)[area.code] ?? Figures().completed
        var values: [String: String] = [
            "area": area.name.lowercasedFirstWord, "issuer": fields.issuingBody, "year": String(year), "previous_year": String(year - 1), "next_year": String(year + 1),
            "as_of": Figures.referenceDay(year: year).vietnamese,
        ]
        for definition in FigureDefinition.all {
            values[definition.key.rawValue] = Show.figure(current, definition.key)
            values[definition.key.rawValue + "@previous"] = Show.figure(previous, definition.key)
        }
        var tables: [String: DocumentTable] = [
            "types": typesTable(current),
            "results": resultsTable(current, previous, year: year),
            "classification": try await classificationTable(current, year: year, on: sql),
        ]
        let (targets, tasks) = try await programmeTables(area, year: year, on: req)
        tables["targets"] = targets
        tables["tasks"] = tasks
        tables["units"] = try await unitsTable(area, year: year, on: req)
        return OfficialDocument(parentBody: fields.parentBody, issuingBody: fields.issuingBody, number: fields.number,
                                symbol: DocumentTemplate.fill(text.header["symbol"] ?? "BC-UBND", values), place: fields.place, date: fields.date,
                                kind: DocumentTemplate.fill(text.header["kind"] ?? "BÁO CÁO", values),
                                summary: DocumentTemplate.fill(text.header["summary"] ?? "", values),
                                body: text.blocks(values: values, tables: tables, free: fields.free), recipients: fields.recipients,
                                signature: .init(authority: fields.authority, title: fields.signerTitle, signer: fields.signer))
    }

    private static func typesTable(_ figures: Figures) -> DocumentTable {
        let rows = OrganizationType.allCases.map { type in
            [type.label, Show.figure(figures, .registered(type)), Show.figure(figures, .active(type)), Show.figure(figures, .founded(type)),
             Show.figure(figures, .ended(type))]
        }
        return DocumentTable(title: "Bảng 1. Số lượng tổ chức kinh tế tập thể theo loại hình", unit: "Đơn vị: tổ chức",
                             columns: [.init("Loại hình", weight: 3), .init("Đang đăng ký", weight: 1.4, numeric: true), .init("Đang hoạt động", weight: 1.4, numeric: true),
                                       .init("Thành lập mới trong năm", weight: 1.4, numeric: true), .init("Giải thể, chấm dứt trong năm", weight: 1.4, numeric: true)],
                             rows: rows,
                             total: ["Tổng cộng", Show.figure(figures, .organizationsRegistered), Show.figure(figures, .organizationsActive),
                                     Show.figure(figures, .organizationsFounded), Show.figure(figures, .organizationsEnded)])
    }

    private static func resultsTable(_ current: Figures, _ previous: Figures, year: Int) -> DocumentTable {
        let keys: [FigureKey] = [.reportsSubmitted, .members, .officialMembers, .workers, .charterCapital, .totalAssets, .revenue, .averageRevenue,
                                 .pretaxProfit, .averageIncome, .valueChain, .highTech, .digital, .ocopProducts]
        let rows = keys.compactMap { key -> [String]? in
            guard let definition = FigureDefinition.of(key) else { return nil }
            let now = current.number(key)?.double, before = previous.number(key)?.double
            let change = before.flatMap { before in now.map { before == 0 ? nil : $0 / before * 100 } ?? nil }
            return [definition.label, definition.unit.label, Show.figure(before, unit: definition.unit), Show.figure(now, unit: definition.unit), Show.percent(change)]
        }
        return DocumentTable(title: "Bảng 2. Thành viên, vốn và kết quả hoạt động theo báo cáo hằng năm", unit: nil,
                             columns: [.init("Chỉ tiêu", weight: 3), .init("Đơn vị tính", weight: 2), .init("Năm \(year - 1)", weight: 1.3, numeric: true),
                                       .init("Năm \(year)", weight: 1.3, numeric: true), .init("So với năm trước (%)", weight: 1.3, numeric: true)],
                             rows: rows)
    }

    private static func classificationTable(_ figures: Figures, year: Int, on sql: any SQLDatabase) async throws -> DocumentTable {
        let rubric = try await ClassificationStore.rubric(forYear: year, on: sql)
        let rated = figures.count(.rated)
        let rows = rubric.bands.map { band in
            [band.label, Show.figure(figures, .band(band.code)), Show.percent(figures.percent(.band(band.code), of: .rated))]
        }
        return DocumentTable(title: "Bảng 3. Kết quả đánh giá, xếp loại năm \(year)", unit: "Đơn vị: tổ chức",
                             columns: [.init("Xếp loại", weight: 3), .init("Số tổ chức", weight: 1.5, numeric: true), .init("Tỷ lệ (%)", weight: 1.5, numeric: true)],
                             rows: rows + [["Không xếp loại", Show.figure(figures, .notRated), ""]],
                             total: ["Tổng số được xếp loại", Show.figure(figures, .rated), rated > 0 ? Show.percent(100) : "—"])
    }

    /// The programmes issued for this very area: their targets as the dashboard measures them, their tasks by class.
    private static func programmeTables(_ area: Area, year: Int, on req: Request) async throws -> (DocumentTable, DocumentTable) {
        let sql = try req.db.sql()
        let today = Day.today()
        let programmes = try await ProgrammeQueries.programmes(visibleTo: .system, on: sql).filter { $0.isIssued(for: area) }
        var targets: [[String]] = [], tasks: [TaskRecord] = []
        for programme in programmes {
            for measured in try await ProgrammeQueries.assess(try await ProgrammeQueries.targets(programmeId: programme.id, on: sql), in: area, today: today, on: req) {
                let assessment = measured.assessment
                targets.append([measured.indicatorLabel + " (\(programme.symbol))", ProgrammePages.goal(measured.target.target),
                                ProgrammePages.value(assessment.current?.value, unit: measured.target.unit) + (assessment.current.map { " (\($0.year))" } ?? ""),
                                assessment.status.label + (assessment.reason.isEmpty ? "" : ": " + assessment.reason)])
            }
            tasks += try await ProgrammeQueries.tasks(.init(programmeId: programme.id), visibleTo: .system, today: today, on: sql)
        }
        let targetTable = DocumentTable(title: "Bảng 4. Thực hiện các chỉ tiêu", unit: nil,
                                        columns: [.init("Chỉ tiêu", weight: 3), .init("Mục tiêu", weight: 2.2), .init("Kết quả", weight: 1.5, numeric: true),
                                                  .init("Đánh giá", weight: 3)],
                                        rows: targets.isEmpty ? [["Chưa có chương trình hành động của \(area.name) trong hệ thống.", "", "", ""]] : targets)
        let card = AgencyScorecard.rows(tasks.map { ($0.lead, $0.status) })
        let taskTable = DocumentTable(title: "Bảng 5. Thực hiện nhiệm vụ theo cơ quan chủ trì", unit: "Đơn vị: nhiệm vụ",
                                      columns: [.init("Cơ quan chủ trì", weight: 3), .init("Được giao", weight: 1, numeric: true),
                                                .init("Hoàn thành đúng hạn", weight: 1.2, numeric: true), .init("Hoàn thành quá hạn", weight: 1.2, numeric: true),
                                                .init("Đang thực hiện trong hạn", weight: 1.2, numeric: true), .init("Quá hạn chưa hoàn thành", weight: 1.2, numeric: true)],
                                      rows: card.map { [$0.agency, Show.number($0.assigned), Show.number($0.doneOnTime), Show.number($0.doneLate),
                                                        Show.number($0.inProgress), Show.number($0.overdue)] },
                                      total: card.isEmpty ? nil : ["Tổng cộng", Show.number(tasks.count), Show.number(card.map(\.doneOnTime).reduce(0, +)),
                                                                   Show.number(card.map(\.doneLate).reduce(0, +)), Show.number(card.map(\.inProgress).reduce(0, +)),
                                                                   Show.number(card.map(\.overdue).reduce(0, +))])
        return (targetTable, taskTable)
    }

    /// The area's units one level down (a province's communes, the nation's provinces); a commune's own row.
    private static func unitsTable(_ area: Area, year: Int, on req: Request) async throws -> DocumentTable {
        let finer = area.level.finer(legacy: false)
        let figures = try await FiguresQueries.figures(year: year, by: finer, within: area.filter, on: req)
        let names = try await FiguresQueries.names(Array(figures.keys), at: finer, on: try req.db.sql())
        let rows = figures.map { code, unit in (names[code] ?? code, unit) }.sorted { foldForSearch($0.0) < foldForSearch($1.0) }.map { name, unit in
            [name, Show.figure(unit, .registered(.htx)), Show.figure(unit, .registered(.tht)), Show.figure(unit, .organizationsRegistered),
             Show.figure(unit, .organizationsActive), Show.figure(unit, .rated), Show.figure(unit, .goodFairShare)]
        }
        return DocumentTable(title: nil, unit: "Đơn vị: tổ chức",
                             columns: [.init(finer.label, weight: 3), .init("Hợp tác xã", weight: 1.1, numeric: true), .init("Tổ hợp tác", weight: 1.1, numeric: true),
                                       .init("Tổng số đăng ký", weight: 1.2, numeric: true), .init("Đang hoạt động", weight: 1.2, numeric: true),
                                       .init("Được xếp loại", weight: 1.1, numeric: true), .init("Tốt, khá (%)", weight: 1.1, numeric: true)],
                             rows: rows)
    }
}

extension String {
    /// "Tỉnh Hà Tĩnh" → "tỉnh Hà Tĩnh", as the unit's type reads inside a sentence or after "Ủy ban nhân dân".
    var lowercasedFirstWord: String {
        guard let space = firstIndex(of: " ") else { return self }
        return self[..<space].lowercased() + self[space...]
    }
}
