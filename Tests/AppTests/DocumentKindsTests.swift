import Foundation
import HopTacCore
import SQLKit
import Testing
import Vapor
@testable import App

@Suite("Official documents besides the annual report: programme reports by period, classification results, dormancy notices, dissolution lists")
struct DocumentKindsTests {
    typealias Read = DocumentTests.Read

    /// The table whose header row is `header`.
    static func table(_ read: Read, header: [String]) throws -> Read.Table {
        try #require(read.tables.first { $0.rows.first == header }, "no table headed \(header)")
    }

    @Test("a programme's report for a period: every target and task as /programmes/{id}.json judges it, tasks as they stood at the period's end")
    func programmeReport() async throws {
        try await TestApp.run(as: .provinceOfficer) { app, officer in
            try await RollUpTests.loadDemo(app)
            let programmes = try #require(try await officer.getJSON("/programmes.json")["items"] as? [[String: Any]])
            let listed = try #require(programmes.compactMap { $0["programme"] as? [String: Any] }.first { $0["unit_code"] as? String == "42" })
            let id = try #require(listed["id"] as? Int)
            let json = try await officer.getJSON("/programmes/\(id).json")
            let programme = try #require(json["programme"] as? [String: Any])
            let symbol = try #require(programme["symbol"] as? String)
            let targets = try #require(json["targets"] as? [[String: Any]])
            let tasks = try #require(json["tasks"] as? [[String: Any]])
            let year = Day.today().year

            let index = try await officer.get("/documents?province=42").body.string
            #expect(index.contains("action=\"/documents/programme-report\"") && index.contains("value=\"\(id)\""))
            let form = try await officer.get("/documents/programme-report?programme=\(id)&period=year&year=\(year)").body.string
            #expect(form.contains("name=\"free_direction\"") && form.contains("<option value=\"year\" selected"))

            let response = try await officer.get("/documents/programme-report.docx?programme=\(id)&period=year&year=\(year)")
            #expect(response.status == .ok)
            let read = try DocumentTests.read(Data(response.bodyBytes))
            #expect(read.paragraphs.contains("BÁO CÁO") && read.paragraphs.contains("Kết quả thực hiện \(symbol) năm \(year)"), "\(read.paragraphs.prefix(8))")
            let targetTable = try Self.table(read, header: ["STT", "Chỉ tiêu", "Mục tiêu", "Kết quả", "Đánh giá"])
            #expect(targetTable.repeatsHeader && targetTable.rows.count - 1 == max(1, targets.count))
            for (row, target) in zip(targetTable.rows.dropFirst(), targets) {
                let status = try #require(TargetStatus(rawValue: ((target["assessment"] as? [String: Any])?["status"] as? String) ?? ""))
                #expect(row[4].hasPrefix(status.label), "\(row) vs \(status)")
            }
            let taskTable = try Self.table(read, header: ["STT", "Nhiệm vụ", "Cơ quan chủ trì, phối hợp", "Thời hạn", "Tình trạng", "Kết quả, minh chứng trong kỳ"])
            #expect(taskTable.rows.count - 1 == tasks.count)
            for (row, task) in zip(taskTable.rows.dropFirst(), tasks) {
                let status = try #require(TaskStatus(rawValue: task["status"] as? String ?? ""))
                #expect(row[4].hasPrefix(status.label) && row[2].hasPrefix(task["lead"] as? String ?? "?"), "\(row) vs \(task)")
            }
            let agencies = try DocumentTests.table(read, startingWith: "Cơ quan chủ trì")
            #expect(agencies.rows.last?.first == "Tổng cộng" && agencies.rows.last.map { DocumentTests.count($0[1]) } == Double(tasks.count))
            let overdue = tasks.filter { $0["status"] as? String == TaskStatus.overdue.rawValue }.count
            #expect(read.paragraphs.contains { $0.contains("\(VietnameseNumber.format(overdue)) nhiệm vụ quá hạn chưa hoàn thành") })

            // The first quarter of the programme's first year: only the tasks assigned by its end, settled on that day.
            let first = try #require(programme["period_from"] as? Int)
            let quarterEnd = try #require(Day(year: first, month: 3, day: 31))
            let assigned = tasks.filter { (Day(iso: $0["assigned_on"] as? String ?? "") ?? quarterEnd.adding(days: 1)) <= quarterEnd }.count
            let quarter = try DocumentTests.read(Data(try await officer.get("/documents/programme-report.docx?programme=\(id)&period=q1&year=\(first)").bodyBytes))
            #expect(quarter.paragraphs.contains("Kết quả thực hiện \(symbol) quý I năm \(first)"))
            let quarterTasks = try Self.table(quarter, header: taskTable.rows[0])
            #expect(quarterTasks.rows.count - 1 == max(1, assigned), "\(assigned) tasks assigned by \(quarterEnd.vietnamese)")
            #expect(quarter.tables.contains { $0.rows.first?.first?.contains("31/03/\(first)") == true } || quarter.paragraphs.contains { $0.contains("đến ngày 31/03/\(first)") })

            let sheets = try DocumentTests.sheets(Data(try await officer.get("/documents/programme-report.xlsx?programme=\(id)&period=year&year=\(year)").bodyBytes))
            #expect(sheets.map(\.name) == ["Bảng 1", "Bảng 2", "Bảng 3"])
            #expect(sheets[1].rows.count - (sheets[1].headerRow ?? 0) == tasks.count)

            let bad = try await officer.get("/documents/programme-report.docx?programme=\(id)&period=q5")
            #expect(bad.status == .badRequest && bad.body.string.contains("Tham số “period” (kỳ báo cáo) không hợp lệ: “q5”"))
            #expect(try await officer.get("/documents/programme-report.docx?programme=\(id)&year=1990").body.string.contains("không phải năm từ \(first)"))
            #expect(try await officer.get("/documents/programme-report.docx").body.string.contains("Cần chọn chương trình"))
            #expect(try await officer.get("/documents/programme-report.docx?programme=abc").status == .badRequest)
            let outsider = TestClient(app: app, base: officer.base)
            try await outsider.signIn(as: .provinceOfficer, unit: "01")
            #expect(try await outsider.get("/documents/programme-report.docx?programme=\(id)").status == .notFound, "another province's programme is not confirmed")

            // The draft is kept for this programme and period only.
            let fields: [(String, String)] = [("issuing_body", "Ủy ban nhân dân tỉnh Hà Tĩnh"), ("number", "12"), ("place", "Hà Tĩnh"), ("date", "10/12/\(year)"),
                                              ("authority", "TM. ỦY BAN NHÂN DÂN"), ("signer_title", "CHỦ TỊCH"), ("signer", "Trần Thị Ánh"),
                                              ("recipients", "Bộ Tài chính\nLưu: VT"), ("free_direction", "Đã ban hành kế hoạch triển khai."), ("version", "0")]
            #expect(try await officer.postForm("/documents/programme-report?programme=\(id)&period=q1&year=\(first)", fields).status == .seeOther)
            let drafted = try DocumentTests.read(Data(try await officer.get("/documents/programme-report.docx?programme=\(id)&period=q1&year=\(first)").bodyBytes))
            #expect(drafted.paragraphs.contains("Đã ban hành kế hoạch triển khai.") && drafted.tables.first?.rows.first?[0].contains("Số: 12/BC-UBND") == true)
            let other = try DocumentTests.read(Data(try await officer.get("/documents/programme-report.docx?programme=\(id)&period=q2&year=\(first)").bodyBytes))
            #expect(!other.paragraphs.contains("Đã ban hành kế hoạch triển khai."), "another period has its own draft")
            let drafts = try await officer.get("/documents").body.string
            #expect(drafts.contains("Báo cáo kết quả thực hiện \(symbol), quý I năm \(first)")
                    && drafts.contains("href=\"/documents/programme-report?programme=\(id)&amp;period=q1&amp;year=\(first)\""))
        }
    }

    @Test("the classification results as a report: summary, units and the list by organisation equal /figures.json")
    func classificationReport() async throws {
        try await TestApp.run(as: .provinceOfficer) { app, officer in
            try await RollUpTests.loadDemo(app)
            let read = try DocumentTests.read(Data(try await officer.get("/documents/classification-report.docx?province=42&year=2025").bodyBytes))
            let figures = FiguresTests.values(try await officer.getJSON("/figures.json?province=42&year=2025"))
            #expect(read.paragraphs.contains("Kết quả đánh giá, xếp loại tổ chức kinh tế tập thể năm 2025 trên địa bàn tỉnh Hà Tĩnh"))
            let summary = try DocumentTests.table(read, startingWith: "Xếp loại")
            for (row, band) in zip(summary.rows.dropFirst(), ["good", "fair", "average", "weak"]) {
                #expect(DocumentTests.count(row[1]) == figures[band], "\(row) \(band)")
            }
            #expect(summary.rows.last.map { DocumentTests.count($0[1]) } == figures["rated"])
            let units = try DocumentTests.table(read, startingWith: Grouping.commune.label)
            #expect(units.rows.dropFirst().compactMap { DocumentTests.count($0[1]) }.reduce(0, +) == figures["rated"], "communes add up")
            let list = try DocumentTests.table(read, startingWith: "STT")
            #expect(Double(list.rows.count - 1) == (figures["rated"] ?? 0) + (figures["not_rated"] ?? 0))
            #expect(read.paragraphs.contains("Phụ lục"), "the list is an appendix")
        }
    }

    @Test("the annual report's tables as a print-ready workbook: one sheet per table, the appendix named, numbers equal /figures.json")
    func annualReportWorkbook() async throws {
        try await TestApp.run(as: .provinceOfficer) { app, officer in
            try await RollUpTests.loadDemo(app)
            let sheets = try DocumentTests.sheets(Data(try await officer.get("/documents/annual-report.xlsx?province=42&year=2025").bodyBytes))
            #expect(sheets.map(\.name) == ["Bảng 1", "Bảng 2", "Bảng 3", "Bảng 4", "Bảng 5", "Phụ lục I"])
            let figures = FiguresTests.values(try await officer.getJSON("/figures.json?province=42&year=2025"))
            for sheet in sheets {
                #expect(sheet.orientation == "landscape" && sheet.fitWidth == 1 && sheet.rows.first?.first?.text == "ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH", "\(sheet.name)")
            }
            let types = sheets[0]
            #expect(types.rows.last?[1].number == figures["organizations_registered"] && types.rows.last?[0].text == "Tổng cộng")
            let appendix = sheets[5], header = try #require(appendix.headerRow)
            #expect(appendix.rows.contains { $0.first?.text?.contains("THEO ĐƠN VỊ HÀNH CHÍNH NĂM 2025") == true })
            #expect(appendix.rows.dropFirst(header).compactMap { $0[3].number }.reduce(0, +) == figures["organizations_registered"])
        }
    }

    @Test("the dormancy notice names the organisation and its signs; the dissolution decision lists those awaiting it or past their reply date")
    func dormancyDocuments() async throws {
        try await TestApp.run(as: .provinceOfficer) { app, officer in
            let admin = TestClient(app: app, base: officer.base)
            try await admin.signIn(as: .admin)
            for (name, code) in [("Hợp tác xã Im Lặng", "4201000010"), ("Hợp tác xã Vắng Bóng", "4201000011")] {
                try await admin.createOrganization(name: name, code: code, extra: #", "registration_date": "2015-03-02""#)
            }
            let flagged = try #require(try await officer.getJSON("/dormant.json?province=42&stage=flagged")["items"] as? [[String: Any]])
            #expect(flagged.count == 2, "two HTX without reports")
            let first = flagged[0], second = flagged[1]
            let id = try #require(first["organization_id"] as? Int), name = try #require(first["name"] as? String)
            let signs = ((first["flags"] as? [[String: Any]]) ?? []).compactMap { $0["message"] as? String }
            #expect(try await officer.get("/dormant?province=42").body.string.contains("href=\"/documents/dormancy-notice?organization=\(id)\""))

            let read = try DocumentTests.read(Data(try await officer.get("/documents/dormancy-notice.docx?organization=\(id)").bodyBytes))
            #expect(read.paragraphs.contains("THÔNG BÁO") && read.paragraphs.contains("Kính gửi: \(name)."))
            #expect(read.tables.first?.rows.first?[0].contains("/TB-UBND") == true && read.tables.first?.rows.first?[0].contains("ỦY BAN NHÂN DÂN") == true)
            let body = read.paragraphs.joined(separator: "\n")
            #expect(signs.allSatisfy { body.contains($0) } && body.contains("trước ngày \(Day.today().adding(days: DormancyDocuments.replyDays).vietnamese)"), "\(signs)")
            #expect(read.tables.last?.rows.first?[0].contains("- Như trên;") == true)

            // One organisation past its reply date: it is listed for dissolution, with the notice's dates.
            let secondId = try #require(second["organization_id"] as? Int), secondName = try #require(second["name"] as? String)
            let sql = try app.db.sql()
            try await sql.insert(into: "dormancy_notices").columns("organization_id", "issued_on", "reply_by", "text", "actor", "recorded_at")
                .values(secondId, Day.today().adding(days: -60).iso, Day.today().adding(days: -1).iso, "Thông báo số 5/TB-UBND", "test", Timestamp.now()).run()
            let rows = try #require(try await officer.getJSON("/dormant.json?province=42")["items"] as? [[String: Any]])
            let due = rows.filter { row in
                row["stage"] as? String == "awaiting_dissolution"
                    || (row["stage"] as? String == "notified" && (Day(iso: row["reply_by"] as? String ?? "") ?? Day.today()) < Day.today())
            }
            let decision = try DocumentTests.read(Data(try await officer.get("/documents/dissolution-list.docx?province=42").bodyBytes))
            #expect(decision.paragraphs.contains("QUYẾT ĐỊNH") && decision.paragraphs.contains("QUYẾT ĐỊNH:"))
            let bases = decision.runs.filter { $0.text.hasPrefix("Căn cứ ") }
            #expect(bases.count >= 2 && bases.allSatisfy(\.italic), "the legal bases in italics, as the decree sets them")
            #expect(decision.paragraphs.contains { $0.hasPrefix("Điều 1. Giải thể bắt buộc \(VietnameseNumber.format(due.count)) tổ chức") })
            let list = try DocumentTests.table(decision, startingWith: "STT")
            #expect(list.rows.count - 1 == due.count && list.rows.contains { $0[1] == secondName && $0[6].contains("hạn \(Day.today().adding(days: -1).vietnamese)") })
            let sheets = try DocumentTests.sheets(Data(try await officer.get("/documents/dissolution-list.xlsx?province=42").bodyBytes))
            #expect(sheets.map(\.name) == ["Danh sách"] && sheets[0].rows.count - (sheets[0].headerRow ?? 0) == due.count)

            let outsider = TestClient(app: app, base: officer.base)
            try await outsider.signIn(as: .communeOfficer, unit: Place.ngocHa)
            #expect(try await outsider.get("/documents/dormancy-notice.docx?organization=\(id)").status == .notFound)
            #expect(try await officer.get("/documents/dormancy-notice.docx?organization=999999").status == .notFound)
            #expect(try await officer.get("/documents/dormancy-notice.docx").body.string.contains("Cần chọn tổ chức"))
        }
    }
}
