import Foundation
import HopTacCore
import SQLKit
import Testing
import Vapor
@testable import App

@Suite("Action programmes: import a plan, measure targets, track tasks")
struct ProgrammeTests {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../HopTacCoreTests/Plans/Samples").standardized

    func count(_ table: String, _ app: Application) async throws -> Int {
        try await app.db.sql().raw("SELECT COUNT(*) AS n FROM \(ident: table)").first(decodingColumn: "n", as: Int.self) ?? -1
    }

    @Test("the review form takes the period from the document and leaves a task the document gives no time without one, saying so")
    func reviewPeriodAndUntimedTasks() async throws {
        try await TestApp.run(as: .provinceOfficer) { app, officer in
            let plan = """
                KẾ HOẠCH
                Thực hiện Nghị quyết về kinh tế tập thể giai đoạn 2021 - 2025
                I. MỤC TIÊU
                1. Đến năm 2025 có 120 hợp tác xã.
                II. NHIỆM VỤ
                1. Tuyên truyền, phổ biến Luật Hợp tác xã
                - Sở Tài chính chủ trì tổ chức hội nghị tuyên truyền.
                - Sở Công Thương chủ trì xúc tiến thương mại, hoàn thành trước ngày 31/12/2024.

                """
            let extraction = PlanExtractor.extract(PlanDocument(text: plan, format: .text))
            let values = ProgrammeForm.values(from: extraction, fileName: "ke-hoach.txt", level: .province, unitCode: "42")
            #expect(values["period_from"] == "2021" && values["period_to"] == "2025", "the document's period, not this year")
            let untimed = try #require((0..<extraction.tasks.count).first { extraction.tasks[$0].deadline == nil && extraction.tasks[$0].frequency == nil })
            #expect(values["task-\(untimed)-frequency"] == "", "no time in the document: none in the form")

            let review = try await officer.postMultipart("/programmes/extract", [], files: [("file", "ke-hoach.txt", Data(plan.utf8))])
            #expect(review.status == .ok && review.body.string.contains("nhiệm vụ văn bản không ghi thời hạn"))
            #expect(review.body.string.contains(#"<tr class="section"><th colspan="8">1. Tuyên truyền, phổ biến Luật Hợp tác xã</th></tr>"#), "tasks under their section heading")

            var form = values
            form["unit"] = "province:42"; form["symbol"] = "125/KH-UBND"; form["title"] = "Kế hoạch kinh tế tập thể"; form["issuer"] = "UBND tỉnh Hà Tĩnh"
            for index in 0..<extraction.targets.count { form["target-\(index)-indicator"] = "htx" }
            let refused = try await officer.postForm("/programmes", form.sorted { $0.key < $1.key })
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("văn bản không ghi thời hạn; ghi thời hạn hoặc chọn loại"))
            form["task-\(untimed)-frequency"] = "ongoing"
            let saved = try await officer.postForm("/programmes", form.sorted { $0.key < $1.key })
            #expect(saved.status == .seeOther, "\(saved.body.string.prefix(2000))")
            let programme = try #require(saved.location.flatMap { Int($0.split(separator: "/").last ?? "") })
            let json = try await officer.getJSON("/programmes/\(programme).json")
            #expect((json["programme"] as? [String: Any])?["period_from"] as? Int == 2021)
        }
    }

    @Test("a province officer reads a plan document, corrects it on the review page and saves it whole; refused rows save nothing")
    func importReviewSave() async throws {
        try await TestApp.run(as: .provinceOfficer) { app, officer in
            let file = try Data(contentsOf: Self.samples.appendingPathComponent("province-programme-2023.md"))
            let review = try await officer.postMultipart("/programmes/extract", [], files: [("file", "province-programme-2023.md", file)])
            #expect(review.status == .ok)
            #expect(review.body.string.contains("Đọc được 15 chỉ tiêu và 10 nhiệm vụ"))
            let notAPlan = try await officer.postMultipart("/programmes/extract", [], files: [("file", "anh.png", Data([0x89, 0x50, 0x4E, 0x47]))])
            #expect(notAPlan.status == .unprocessableEntity)

            // What the review page holds, as the officer submits it.
            let extraction = PlanExtractor.extract(try PlanDocument(data: file, fileName: "province-programme-2023.md"))
            var values = ProgrammeForm.values(from: extraction, fileName: "province-programme-2023.md", level: .province, unitCode: "42")
            values["unit"] = "province:42"
            values["symbol"] = "125/CTr-UBND"; values["title"] = "Chương trình hành động về kinh tế tập thể"; values["issuer"] = "UBND tỉnh Hà Tĩnh"
            values["issued_on"] = "15/03/2023"; values["period_from"] = "2023"; values["period_to"] = "2030"; values["parent_id"] = "999"
            let unmatched = (0..<extraction.targets.count).filter { values["target-\($0)-indicator"] == "" }
            #expect(!unmatched.isEmpty, "some targets need an indicator chosen by hand")
            let refused = try await officer.postForm("/programmes", values.sorted { $0.key < $1.key })
            #expect(refused.status == .unprocessableEntity)
            let line = extraction.targets[unmatched[0]].line
            #expect(refused.body.string.contains("Chỉ tiêu \(unmatched[0] + 1) (dòng \(line) của văn bản): chưa chọn chỉ số đo"))
            let programmeRows = try await count("programmes", app), taskRows = try await count("programme_tasks", app)
            #expect(programmeRows == 0 && taskRows == 0)

            // Another province is not this officer's to programme.
            var elsewhere = values
            elsewhere["unit"] = "province:01"
            for index in unmatched { elsewhere.removeValue(forKey: "target-\(index)-keep") }
            #expect(try await officer.postForm("/programmes", elsewhere.sorted { $0.key < $1.key }).body.string.contains("chỉ nhập được chương trình của đơn vị mình"))

            for index in unmatched { values.removeValue(forKey: "target-\(index)-keep") }
            values["task-0-deadline"] = "quý IV/2023"
            let noParent = try await officer.postForm("/programmes", values.sorted { $0.key < $1.key })
            #expect(noParent.status == .unprocessableEntity && noParent.body.string.contains("Không có chương trình cấp trên số 999"))
            let resolution = try await ProgrammeStore.create(ProgrammeDraft(symbol: "20-NQ/TW", title: "Nghị quyết 20", issuedOn: nil, issuer: "BCH TW", level: .national,
                                                                            unitCode: nil, periodFrom: 2022, periodTo: 2030, parentId: nil, sourceFile: nil, targets: [], tasks: []),
                                                             actor: .commandLine("test"), on: app.db)
            values["parent_id"] = String(resolution)
            let saved = try await officer.postForm("/programmes", values.sorted { $0.key < $1.key })
            #expect(saved.status == .seeOther, "\(saved.body.string.prefix(2000))")
            let id = try #require(saved.location.flatMap { Int($0.split(separator: "/").last ?? "") })
            let json = try await officer.getJSON("/programmes/\(id).json")
            #expect((json["targets"] as? [[String: Any]])?.count == extraction.targets.count - unmatched.count)
            let tasks = try #require(json["tasks"] as? [[String: Any]])
            #expect(tasks.count == 10)
            #expect(tasks[0]["deadline"] as? String == "2023-Q4" && tasks[0]["lead"] as? String == "Sở Tài chính")
            #expect((json["programme"] as? [String: Any])?["parent_id"] as? Int == resolution)
            #expect(try await officer.get("/programmes/\(id)").body.string.contains("/programmes/\(resolution)"))
            #expect(try await app.db.sql().raw("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'programme.create' AND summary LIKE '%125/CTr-UBND%'").first(decodingColumn: "n", as: Int.self) == 1)

            // A commune officer elsewhere does not even see it.
            let stranger = TestClient(app: app, base: officer.base)
            try await stranger.signIn(as: .communeOfficer, unit: "00008")
            #expect(try await stranger.get("/programmes/\(id)").status == .notFound)
            let seen = try #require(try await stranger.getJSON("/programmes.json")["items"] as? [[String: Any]])
            #expect(seen.map { ($0["programme"] as? [String: Any])?["level"] as? String } == ["national"], "only the national resolution")
        }
    }

    @Test("targets are measured on live registry figures: met, and off track")
    func liveTargets() async throws {
        try await TestApp.run { app, admin in
            for n in 1...3 {
                try await admin.createOrganization(name: "Hợp tác xã Số \(n)", code: "42010000\(n)0", extra: #", "registration_date": "2019-05-02""#)
            }
            let draft = ProgrammeDraft(symbol: "1/KH", title: "Kế hoạch thử", issuedOn: Day(year: 2023, month: 1, day: 5), issuer: "UBND tỉnh",
                                       level: .province, unitCode: "42", periodFrom: 2023, periodTo: 2030, parentId: nil, sourceFile: nil,
                                       targets: [(ProgrammeTarget(indicatorCode: "htx", comparator: .atLeast, value: 3, unit: .count, horizonYear: 2030), nil),
                                                 (ProgrammeTarget(indicatorCode: "htx", comparator: .atLeast, value: 500, unit: .count, horizonYear: 2030), nil)],
                                       tasks: [])
            let id = try await ProgrammeStore.create(draft, actor: .commandLine("test"), on: app.db)
            let targets = try #require(try await admin.getJSON("/programmes/\(id).json")["targets"] as? [[String: Any]])
            let statuses = targets.compactMap { ($0["assessment"] as? [String: Any])?["status"] as? String }
            #expect(statuses == ["achieved", "off_track"])
            let current = (targets[0]["assessment"] as? [String: Any])?["current"] as? [String: Any]
            #expect(current?["value"] as? Double == 3)

            // Allocation to communes: an unknown commune is refused by name, a valid one is kept and assessed.
            let targetId = try #require((targets[0]["target"] as? [String: Any])?["id"] as? Int)
            let bad = try await admin.postForm("/programmes/\(id)/targets/\(targetId)/allocations", [("commune-99999", "2")])
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("không thuộc tỉnh này"))
            let good = try await admin.postForm("/programmes/\(id)/targets/\(targetId)/allocations", [("commune-\(Place.thanhSen)", "5"), ("commune-18115", "0")])
            #expect(good.status == .seeOther)
            let detail = try await admin.getJSON("/programmes/\(id)/targets/\(targetId).json")
            let communes = try #require(detail["communes"] as? [[String: Any]])
            let thanhSen = try #require(communes.first { $0["code"] as? String == Place.thanhSen })
            #expect(thanhSen["allocated"] as? Double == 5 && thanhSen["lagging"] as? Int == 0, "3 of 5 HTX: the worst laggard")
            #expect(communes.first?["code"] as? String == Place.thanhSen)
        }
    }

    @Test("lead agencies report progress and ask for time; the issuing body decides; statuses and the scorecard follow")
    func tasksAndScorecard() async throws {
        try await TestApp.run(as: .provinceOfficer) { app, officer in
            let today = Day.today()
            func task(_ lead: String, _ deadline: TaskDeadline?, _ frequency: TaskFrequency = .once) -> ProgrammeDraft.Task {
                .init(number: nil, section: nil, text: "Nhiệm vụ của \(lead)", lead: lead, coordinating: [], deadline: deadline, frequency: frequency, line: nil)
            }
            let past = TaskDeadline(day: today.adding(days: -30)), future = TaskDeadline(day: today.adding(days: 60))
            let draft = ProgrammeDraft(symbol: "2/KH", title: "Kế hoạch nhiệm vụ", issuedOn: today.adding(days: -400), issuer: "UBND tỉnh", level: .province,
                                       unitCode: "42", periodFrom: 2025, periodTo: 2027, parentId: nil, sourceFile: nil, targets: [],
                                       tasks: [task("Sở Tài chính", past), task("Sở Tài chính", future), task("Sở Công Thương", past), task("Sở Công Thương", nil, .ongoing)])
            let id = try await ProgrammeStore.create(draft, actor: .commandLine("test"), on: app.db)
            let ids = try #require((try await officer.getJSON("/programmes/\(id).json")["tasks"] as? [[String: Any]])?.compactMap { $0["id"] as? Int })

            let finance = TestClient(app: app, base: officer.base)
            try await finance.signIn(as: .sectorOfficer, department: "Sở Tài chính")
            let mine = try await finance.getJSON("/tasks.json?agency=mine")
            #expect((mine["items"] as? [[String: Any]])?.count == 2)
            #expect(try await finance.postMultipart("/tasks/\(ids[2])/progress", [("reported_on", today.vietnamese), ("percent", "10"), ("note", "x")]).status == .forbidden,
                    "not this agency's task")
            let bad = try await finance.postMultipart("/tasks/\(ids[0])/progress", [("reported_on", "hôm qua"), ("percent", "120"), ("note", "")])
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("phải là số từ 0 đến 100"))
            let done = try await finance.postMultipart("/tasks/\(ids[0])/progress", [("reported_on", today.vietnamese), ("percent", "100"), ("note", "Đã ban hành văn bản")],
                                                        files: [("evidence", "bien-ban.pdf", Data("%PDF-1.4 thử".utf8))])
            #expect(done.status == .seeOther)
            let reported = try await finance.getJSON("/tasks/\(ids[0]).json")
            #expect(reported["status"] as? String == "done_late")
            let progressId = try #require(((reported["progress"] as? [[String: Any]])?.first)?["id"] as? Int)
            let evidence = try await finance.get("/tasks/\(ids[0])/progress/\(progressId)/evidence")
            #expect(evidence.body.string == "%PDF-1.4 thử")

            // Commerce asks for more time on its overdue task; an earlier date is refused; the province approves a later one.
            let commerce = TestClient(app: app, base: officer.base)
            try await commerce.signIn(as: .sectorOfficer, department: "Sở Công Thương")
            #expect(try await commerce.getJSON("/tasks/\(ids[2]).json")["status"] as? String == "overdue")
            let earlier = try await commerce.postForm("/tasks/\(ids[2])/extensions", [("new_deadline", today.adding(days: -60).vietnamese), ("reason", "Chờ kinh phí")])
            #expect(earlier.status == .unprocessableEntity)
            let asked = try await commerce.postForm("/tasks/\(ids[2])/extensions", [("new_deadline", "quý IV/\(today.year + 1)"), ("reason", "Chờ kinh phí")])
            #expect(asked.status == .seeOther)
            let extensionId = try #require(((try await officer.getJSON("/tasks/\(ids[2]).json")["extensions"] as? [[String: Any]])?.first)?["id"] as? Int)
            #expect(try await commerce.postForm("/tasks/\(ids[2])/extensions/\(extensionId)/decision", [("decision", "approve")]).status == .forbidden)
            #expect(try await officer.postForm("/tasks/\(ids[2])/extensions/\(extensionId)/decision", [("decision", "approve")]).status == .seeOther)
            #expect(try await officer.postForm("/tasks/\(ids[2])/extensions/\(extensionId)/decision", [("decision", "refuse")]).status == .unprocessableEntity)
            let extended = try await officer.getJSON("/tasks/\(ids[2]).json")
            #expect(extended["status"] as? String == "in_progress" && extended["effective_deadline"] as? String == "\(today.year + 1)-Q4")

            // Scorecard: per agency, the classes add up to what it was assigned.
            let card = try #require(try await officer.getJSON("/scorecard.json")["items"] as? [[String: Any]])
            let financeRow = try #require(card.first { $0["agency"] as? String == "Sở Tài chính" })
            #expect(financeRow["assigned"] as? Int == 2 && financeRow["done_late"] as? Int == 1 && financeRow["in_progress"] as? Int == 1)
            for row in card {
                let parts = ["done_on_time", "done_late", "in_progress", "overdue"].map { row[$0] as? Int ?? 0 }.reduce(0, +)
                #expect(parts == row["assigned"] as? Int)
            }
            #expect((try await officer.getJSON("/tasks.json?status=overdue")["items"] as? [[String: Any]])?.isEmpty == true)
            let xlsx = try await officer.get("/scorecard.xlsx")
            #expect(try SpreadsheetFile.read(Data(xlsx.bodyBytes), filename: "s.xlsx").rows.count == card.count + 1)
        }
    }

    @Test("a target nothing in the data measures is judged on the values its agency reports, period by period, with evidence")
    func reportedTarget() async throws {
        try await TestApp.run(as: .provinceOfficer) { app, officer in
            let today = Day.today()
            let reported = ProgrammeTarget(indicatorCode: "reported", comparator: .atLeast, value: 30, unit: .percent, horizonYear: today.year + 3,
                                           quote: "ít nhất 30% hợp tác xã bán hàng trên sàn thương mại điện tử", reportingAgency: "Sở Công Thương")
            let measured = ProgrammeTarget(indicatorCode: "htx", comparator: .atLeast, value: 5, unit: .count, horizonYear: today.year + 3)
            let id = try await ProgrammeStore.create(ProgrammeDraft(symbol: "88/KH-UBND", title: "Kế hoạch thương mại điện tử", issuedOn: nil, issuer: "UBND tỉnh Hà Tĩnh",
                                                                    level: .province, unitCode: "42", periodFrom: today.year - 2, periodTo: today.year + 3, parentId: nil,
                                                                    sourceFile: nil, targets: [(reported, nil), (measured, nil)], tasks: []),
                                                     actor: .commandLine("test"), on: app.db)
            let targets = try #require(try await officer.getJSON("/programmes/\(id).json")["targets"] as? [[String: Any]])
            let ids = targets.compactMap { ($0["target"] as? [String: Any])?["id"] as? Int }
            let path = "/programmes/\(id)/targets/\(ids[0])"
            let before = try await officer.getJSON(path + ".json")["target"] as? [String: Any]
            #expect((before?["assessment"] as? [String: Any])?["status"] as? String == "no_data" && (before?["reported_values"] as? [Any])?.isEmpty == true)
            #expect(before?["indicator_label"] as? String == reported.quote, "a reported target reads by its own words")

            let commerce = TestClient(app: app, base: officer.base)
            try await commerce.signIn(as: .sectorOfficer, department: "Sở Công Thương")
            #expect(try await commerce.get(path).body.string.contains("Gửi số liệu"), "the agency sees the form")
            let pdf = Data("%PDF-1.4\n% minh chứng\n".utf8)
            let first = try await commerce.postMultipart(path + "/values", [("year", String(today.year - 1)), ("period", "year"), ("value", "18"),
                                                                              ("note", "Báo cáo số 12/BC-SCT")], files: [("evidence", "bao-cao.pdf", pdf)])
            #expect(first.status == .seeOther, "\(first.body.string.prefix(2000))")
            #expect(try await commerce.postMultipart(path + "/values", [("year", String(today.year)), ("period", "q1"), ("value", "24,5"),
                                                                         ("note", "Số liệu quý I")]).status == .seeOther)
            for (fields, expected) in [([("year", String(today.year)), ("period", "year"), ("value", "abc"), ("note", "x")], "không phải là số"),
                                       ([("year", String(today.year)), ("period", "year"), ("value", "130"), ("note", "x")], "Giá trị phải từ 0 đến 100%"),
                                       ([("year", String(today.year + 1)), ("period", "year"), ("value", "10"), ("note", "x")], "phải từ"),
                                       ([("year", String(today.year)), ("period", "midterm"), ("value", "10"), ("note", "x")], "Chưa chọn kỳ báo cáo"),
                                       ([("year", String(today.year)), ("period", "year"), ("value", "10"), ("note", " ")], "Cần ghi nội dung")] {
                let refused = try await commerce.postMultipart(path + "/values", fields)
                #expect(refused.status == .unprocessableEntity && refused.body.string.contains(expected), "\(expected)")
            }
            let page = try await commerce.postMultipart(path + "/values", [("year", String(today.year)), ("period", "year"), ("value", "10"), ("note", "x")],
                                                        files: [("evidence", "trang.pdf", Data("<html><script>alert(1)</script></html>".utf8))])
            #expect(page.status == .unprocessableEntity && page.body.string.contains("không phải loại được nhận làm minh chứng"))

            let after = try #require(try await officer.getJSON(path + ".json")["target"] as? [String: Any])
            let assessment = try #require(after["assessment"] as? [String: Any])
            #expect((assessment["current"] as? [String: Any])?["value"] as? Double == 24.5 && (assessment["trend"] as? [Any])?.count == 2)
            #expect(assessment["status"] as? String == "on_track", "18 → 24,5 a year reaches 30% before \(today.year + 3): \(assessment["reason"] ?? "")")
            let values = try #require(after["reported_values"] as? [[String: Any]])
            #expect(values.count == 2 && values[0]["evidence_name"] as? String != nil)
            let evidence = try await officer.get(path + "/values/\(values[0]["id"] as? Int ?? 0)/evidence")
            #expect(evidence.status == .ok && evidence.headers.contentType?.description.hasPrefix("application/pdf") == true)
            let overview = try #require(try await officer.getJSON("/programmes/\(id).json")["targets"] as? [[String: Any]])
            #expect((overview[0]["assessment"] as? [String: Any])?["status"] as? String == "on_track", "the programme's page judges it the same way")

            let agriculture = TestClient(app: app, base: officer.base)
            try await agriculture.signIn(as: .sectorOfficer, department: "Sở Nông nghiệp và Môi trường")
            #expect(try await agriculture.postMultipart(path + "/values", [("year", String(today.year)), ("period", "year"), ("value", "10"), ("note", "x")]).status == .forbidden)
            #expect(try await officer.postMultipart("/programmes/\(id)/targets/\(ids[1])/values", [("year", String(today.year)), ("period", "year"), ("value", "10"),
                                                                                                  ("note", "x")]).status == .conflict, "a measured target takes no typed values")
            #expect(try await app.db.sql().raw("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'target.value'").first(decodingColumn: "n", as: Int.self) == 2)
        }
    }
}
