import HopTacCore
import Plot
import SQLKit
import Vapor

/// `POST /reports/bulk`: one step on many reports at once, as officials work: a commune accepts or sends back the
/// reports it has received and consolidates them, the province approves a commune's consolidated round. The first
/// post shows what will change and asks to confirm; the confirmed post does every step in one transaction, so either
/// all the reports move or none does, and the page then says what changed.
///
/// Each chosen report comes as `r<organisation id>=<version>` (the version the officer saw), so a report that changed
/// in between is refused rather than overwritten.
struct BulkReportActions: RouteCollection {
    static let actions = ["accept", "return", "consolidate", "approve"]
    /// More than one page's worth would be chosen blind.
    static let maxReports = 500

    func boot(routes: any RoutesBuilder) throws {
        routes.on(.POST, "reports", "bulk", access: .signedIn(.handleReports), use: bulk)
    }

    struct Choice: Sendable {
        let organization: OrganizationRecord
        let version: Int
        let state: ReportState?
    }

    @Sendable func bulk(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        let form = try req.decodeBody([String: String].self)
        guard let year = form["year"].flatMap(Int.init), ReportingCalendar.years.contains(year) else {
            throw Abort(.badRequest, reason: "Năm báo cáo “\(form["year"] ?? "")” không hợp lệ.")
        }
        let name = form["action"] ?? ""
        guard Self.actions.contains(name), let action = ReportAction(name: name, text: form["reason"] ?? "") else {
            throw Abort(.badRequest, reason: "Bước xử lý “\(name)” không hợp lệ: chọn \(Self.actions.joined(separator: ", ")).")
        }
        let wanted = form.compactMap { key, value -> (Int, Int)? in
            guard key.hasPrefix("r"), let id = Int(key.dropFirst()), let version = Int(value) else { return nil }
            return (id, version)
        }.sorted { $0.0 < $1.0 }
        let back = "/reports?year=\(year)"
        guard !wanted.isEmpty else { return message(year: year, text: "Chưa chọn báo cáo nào. Hãy đánh dấu các báo cáo cần xử lý.", status: .unprocessableEntity) }
        guard wanted.count <= Self.maxReports else {
            throw Abort(.payloadTooLarge, reason: "Mỗi lần xử lý tối đa \(Self.maxReports) báo cáo, không phải \(wanted.count).")
        }
        let sql = try req.db.sql()
        var choices: [Choice] = []
        for (id, version) in wanted {
            guard let organization = try await OrganizationQueries.find(id: id, on: sql),
                  principal.registryWriteScope.contains(organizationId: id, provinceCode: organization.provinceCode, communeCode: organization.communeCode) else {
                throw Abort(.forbidden, reason: "Tổ chức số \(id) không thuộc địa bàn bạn được phép xử lý.")
            }
            let state = try await ReportQueries.find(organizationId: id, year: year, on: sql)?.state
            choices.append(Choice(organization: organization, version: version, state: state))
        }
        // Every step is checked before anything is written or confirmed: one refused report refuses the batch.
        var problems: [String] = []
        for choice in choices {
            do {
                guard let state = choice.state else { throw ReportingError("chưa có báo cáo năm \(year).") }
                _ = try ReportState.transition(from: state, action: action, actorLevels: principal.reportingLevels)
            } catch let refused as ReportingError {
                problems.append("\(choice.organization.name): \(refused.message)")
            }
        }
        guard problems.isEmpty else {
            return message(year: year, text: "Chưa xử lý báo cáo nào, vì:", details: problems, status: .unprocessableEntity)
        }
        guard form["confirm"] == "yes" else { return confirmPage(choices, form: form, action: action, year: year).response() }
        let actor = req.actor, mail = req.application.config.mail, levels = principal.reportingLevels, chosen = choices
        do {
            try await req.db.write { db in
                for choice in chosen {
                    try await ReportStore.act(action, organization: choice.organization, year: year, expectedVersion: choice.version,
                                              levels: levels, actor: actor, mail: mail, on: db)
                }
            }
        } catch let refused as ReportingError {
            return message(year: year, text: "Chưa xử lý báo cáo nào: " + refused.message, status: .unprocessableEntity)
        } catch is StaleReport {
            return message(year: year, text: "Chưa xử lý báo cáo nào: có báo cáo vừa được người khác thay đổi sau khi bạn mở danh sách. Hãy tải lại danh sách rồi chọn lại.",
                           status: .conflict)
        }
        let next = action.next
        return Page(title: "Đã xử lý \(choices.count) báo cáo", breadcrumbs: [("Trang chủ", "/"), ("Báo cáo hằng năm", back), ("Đã xử lý", nil)], content: .div(
            .h1(.text("Đã \(action.verb): \(VietnameseNumber.format(choices.count)) báo cáo năm \(year)")),
            .p(.class("notice"), .attribute(named: "role", value: "status"), .text("Các báo cáo dưới đây nay ở trạng thái “\(next.label)”."
                + (mail != nil && (name == "return" || name == "approve") ? " Các tổ chức được báo qua thư điện tử." : ""))),
            .ul(.forEach(choices) { .li(.a(.href("/organizations/\($0.organization.id)/reports/\(year)"), .text($0.organization.name)),
                                        .text(" — \($0.state?.label ?? "") → \(next.label)")) }),
            .p(.a(.class("button"), .href(back), .text("← Về kỳ báo cáo năm \(year)")))
        )).response()
    }

    private func confirmPage(_ choices: [Choice], form: [String: String], action: ReportAction, year: Int) -> Page {
        let reason = form["reason"]?.trimmed ?? ""
        return Page(title: "Xác nhận xử lý \(choices.count) báo cáo", breadcrumbs: [("Trang chủ", "/"), ("Báo cáo hằng năm", "/reports?year=\(year)"), ("Xác nhận", nil)],
            content: .div(
                .h1(.text("Xác nhận \(action.verb) (\(VietnameseNumber.format(choices.count)) báo cáo năm \(year))")),
                .p(.text("Sau khi xác nhận, các báo cáo sau chuyển sang “\(action.next.label)”. Chưa có gì thay đổi cho đến khi bạn xác nhận.")),
                .if(!reason.isEmpty, .p(.strong("Lý do: "), .text(reason))),
                .table(.class("list"),
                    .thead(.tr(.th("Tổ chức"), .th("Xã/phường"), .th("Trạng thái hiện nay"), .th("Sau khi xác nhận"))),
                    .tbody(.forEach(choices) { choice in
                        .tr(.td(.text(choice.organization.name)), .td(.text(choice.organization.communeName)),
                            .td(.text(choice.state?.label ?? "")), .td(.text(action.next.label)))
                    })),
                .form(.method(.post), .action("/reports/bulk"), .class("inline"),
                    .csrfField(),
                    .input(.type(.hidden), .name("year"), .value(String(year))),
                    .input(.type(.hidden), .name("action"), .value(form["action"] ?? "")),
                    .input(.type(.hidden), .name("reason"), .value(reason)),
                    .input(.type(.hidden), .name("confirm"), .value("yes")),
                    .forEach(choices) { .input(.type(.hidden), .name("r\($0.organization.id)"), .value(String($0.version))) },
                    .button(.type(.submit), .text("Xác nhận"))),
                .p(.a(.href("/reports?year=\(year)"), .text("Huỷ, quay lại danh sách")))
            ))
    }

    private func message(year: Int, text: String, details: [String] = [], status: HTTPResponseStatus) -> Response {
        Page(title: "Chưa xử lý", breadcrumbs: [("Trang chủ", "/"), ("Báo cáo hằng năm", "/reports?year=\(year)"), ("Chưa xử lý", nil)], status: status, content: .div(
            .h1("Chưa xử lý báo cáo nào"),
            .p(.class("error"), .attribute(named: "role", value: "alert"), .text(text)),
            .if(!details.isEmpty, .ul(.class("error"), .forEach(details) { .li(.text($0)) })),
            .p(.a(.class("button"), .href("/reports?year=\(year)"), .text("← Về kỳ báo cáo năm \(year)")))
        )).response()
    }
}
