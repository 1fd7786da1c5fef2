import Fluent
import HopTacCore
import SQLKit
import Vapor

/// The demo's programmes: Resolution 20's national targets, and one provincial plan whose targets are set against the
/// province's own figures (so that some are met and some lag), one target allocated to communes, and tasks read from
/// the bundled plan documents with progress, a late completion, extensions and overdue work.
enum DemoProgrammeLoader {
    static func load(province: String, on database: any Database) async throws -> (programmes: Int, tasks: Int) {
        let sql = try database.sql()
        let actor = DemoLoader.actor
        let national = ProgrammeDraft(
            symbol: "20-NQ/TW", title: "Nghị quyết về tiếp tục đổi mới, phát triển và nâng cao hiệu quả kinh tế tập thể trong giai đoạn mới",
            issuedOn: Day(year: 2022, month: 6, day: 16), issuer: "Ban Chấp hành Trung ương Đảng", level: .national, unitCode: nil,
            periodFrom: 2022, periodTo: 2030, parentId: nil, sourceFile: nil,
            targets: [
                (ProgrammeTarget(indicatorCode: "tht", comparator: .about, value: 140_000, unit: .count, horizonYear: 2030, quote: "khoảng 140.000 tổ hợp tác"), nil),
                (ProgrammeTarget(indicatorCode: "htx", comparator: .atLeast, value: 45_000, unit: .count, horizonYear: 2030, quote: "45.000 hợp tác xã"), nil),
                (ProgrammeTarget(indicatorCode: "lhhtx", comparator: .atLeast, value: 340, unit: .count, horizonYear: 2030, quote: "340 liên hiệp hợp tác xã"), nil),
                (ProgrammeTarget(indicatorCode: "good_fair_share", comparator: .above, value: 60, unit: .percent, horizonYear: 2030,
                                 quote: "trên 60% tổ chức kinh tế tập thể hoạt động hiệu quả (tốt, khá)"), nil),
                (ProgrammeTarget(indicatorCode: "value_chain_share", comparator: .atLeast, value: 50, unit: .percent, horizonYear: 2030,
                                 quote: "ít nhất 50% tham gia liên kết theo chuỗi giá trị"), nil),
                (ProgrammeTarget(indicatorCode: "high_tech", comparator: .above, value: 5_000, unit: .count, horizonYear: 2030,
                                 quote: "trên 5.000 hợp tác xã nông nghiệp ứng dụng công nghệ cao"), nil),
            ],
            tasks: [])
        let nationalId = try await ProgrammeStore.create(national, actor: actor, on: database)

        // Provincial targets measured against the province's last closed year, so their statuses differ.
        let area = try await Area.province(province, on: sql)
        let lastYear = Day.today().year - 1
        let now = try await FiguresQueries.compute(year: lastYear, by: .province, within: area.filter, on: sql)[province] ?? Figures()
        let htx = now[.registered(.htx)], highTech = now[.highTech]
        let targets: [(target: ProgrammeTarget, line: Int?)] = [
            (ProgrammeTarget(indicatorCode: "htx", comparator: .atLeast, value: (htx * 1.25).rounded(), unit: .count, horizonYear: 2030,
                             quote: "đến năm 2030 toàn tỉnh có ít nhất \(VietnameseNumber.format(Int((htx * 1.25).rounded()))) hợp tác xã"), nil),
            (ProgrammeTarget(indicatorCode: "good_fair_share", comparator: .above, value: 75, unit: .percent, horizonYear: 2030,
                             quote: "trên 75% hợp tác xã hoạt động hiệu quả (tốt, khá)"), nil),
            (ProgrammeTarget(indicatorCode: "value_chain_share", comparator: .about, value: 50, unit: .percent, horizonYear: 2030,
                             quote: "khoảng 50% hợp tác xã liên kết với doanh nghiệp theo chuỗi giá trị"), nil),
            (ProgrammeTarget(indicatorCode: "high_tech", comparator: .atLeast, value: highTech + 40, unit: .count, horizonYear: 2027,
                             quote: "thêm 40 hợp tác xã ứng dụng công nghệ cao đến năm 2027"), nil),
            (ProgrammeTarget(indicatorCode: "average_income_multiple", comparator: .range, value: 1.5, valueMax: 2, unit: .multipleOfBaseline,
                             horizonYear: 2030, baselineYear: 2021, quote: "thu nhập của người lao động tăng 1,5 - 2 lần so với năm 2021"), nil),
            (ProgrammeTarget(indicatorCode: "digital_share", comparator: .atLeast, value: 30, unit: .percent, horizonYear: 2025,
                             quote: "ít nhất 30% hợp tác xã ứng dụng chuyển đổi số vào năm 2025"), nil),
            // Nothing in the registry says who sells online: the Department of Industry and Trade reports it.
            (ProgrammeTarget(indicatorCode: "reported", comparator: .atLeast, value: 40, unit: .percent, horizonYear: 2030,
                             quote: "ít nhất 40% hợp tác xã đưa sản phẩm lên sàn thương mại điện tử", reportingAgency: "Sở Công Thương"), nil),
        ]
        var tasks: [ProgrammeDraft.Task] = []
        for document in try DemoPlans.documents() {
            for task in PlanExtractor.extract(document).tasks {
                tasks.append(.init(number: task.number, section: task.section, text: task.quote, lead: task.lead ?? "Sở Tài chính",
                                   coordinating: task.coordinating, deadline: task.deadline.map(TaskDeadline.init(day:)),
                                   frequency: task.frequency ?? (task.deadline == nil ? .ongoing : .once), line: task.line))
            }
        }
        let provincial = ProgrammeDraft(
            symbol: "125/KH-UBND", title: "Kế hoạch thực hiện Chương trình hành động thực hiện Nghị quyết 20-NQ/TW về kinh tế tập thể",
            issuedOn: Day(year: 2023, month: 3, day: 15), issuer: "Ủy ban nhân dân \(area.name)", level: .province, unitCode: province,
            periodFrom: 2023, periodTo: 2030, parentId: nationalId, sourceFile: DemoPlans.documentNames.joined(separator: ", "),
            targets: targets, tasks: tasks)
        let provincialId = try await ProgrammeStore.create(provincial, actor: actor, on: database)

        // The HTX target shared among communes: most get one more than they have, a few three, so they lag.
        let stored = try await ProgrammeQueries.targets(programmeId: provincialId, on: sql)
        var allocation: [String: Double] = [:]
        for (index, (commune, figures)) in try await FiguresQueries.compute(year: lastYear, by: .commune, within: area.filter, on: sql)
            .sorted(by: { $0.key < $1.key }).enumerated() {
            allocation[commune] = figures[.registered(.htx)] + (index % 5 == 0 ? 3 : 1)
        }
        try await ProgrammeStore.allocate(target: stored[0], values: allocation, actor: actor, on: database)
        let programme = try await ProgrammeQueries.programme(provincialId, visibleTo: .system, on: sql)
        if let online = stored.last {
            let commerce = Actor.commandLine("Sở Công Thương (dữ liệu mẫu)")
            for (year, period, value) in [(lastYear - 1, ReportPeriod.year, 14.0), (lastYear, .year, 19.5), (lastYear + 1, .firstHalf, 22.0)] {
                try await ProgrammeStore.reportValue(target: online, programme: programme, year: year, period: period, value: value,
                                                     note: "Số liệu của Sở Công Thương về hợp tác xã có gian hàng trên sàn thương mại điện tử", evidence: nil,
                                                     actor: commerce, on: database)
            }
        }

        // Progress in every state the scorecard counts, dated relative to each task's deadline.
        let today = Day.today()
        let all = try await ProgrammeQueries.tasks(.init(programmeId: provincialId), visibleTo: .system, today: today, on: sql)
        for (index, task) in all.enumerated() {
            let due = task.deadline?.dueDay ?? today
            switch index % 5 {
            case 0 where due <= today:
                try await ProgrammeStore.reportProgress(task: task, on: due.adding(days: -12), percent: 100, note: "Đã hoàn thành, có văn bản báo cáo.", evidence: nil, actor: actor, on: database)
            case 1 where due <= today:
                try await ProgrammeStore.reportProgress(task: task, on: due.adding(days: -40), percent: 60, note: "Đang triển khai.", evidence: nil, actor: actor, on: database)
                try await ProgrammeStore.reportProgress(task: task, on: min(today, due.adding(days: 25)), percent: 100, note: "Hoàn thành chậm do chờ hướng dẫn.", evidence: nil, actor: actor, on: database)
            case 2:
                let reported = min(today, today.adding(days: -20))
                try await ProgrammeStore.reportProgress(task: task, on: reported, percent: 50, note: "Đã hoàn thành một nửa khối lượng.", evidence: nil, actor: actor, on: database)
            case 3 where task.frequency == .once && due <= today:
                guard let later = TaskDeadline(year: today.year + 1, quarter: 2) else { break }
                try await ProgrammeStore.requestExtension(task: task, programme: programme, area: area, newDeadline: later, reason: "Chờ bố trí kinh phí.",
                                                          actor: actor, mail: nil, on: database)
                if index % 10 == 3, let pending = try await ProgrammeQueries.tasks(.init(taskId: task.id), visibleTo: .system, today: today, on: sql).first,
                   let request = pending.extensions.first {
                    try await ProgrammeStore.decideExtension(task: pending, extensionId: request.id, decision: .approve, actor: actor, mail: nil, on: database)
                }
            default:
                break
            }
        }
        return (2, all.count)
    }
}
