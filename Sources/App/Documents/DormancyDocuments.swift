import Foundation
import HopTacCore
import SQLKit
import Vapor

/// The dissolution workflow's documents, from what `/dormant` finds: the notice to an organisation that shows signs of
/// no longer operating, and the decision on forced dissolution with its list of the organisations still silent.
enum DormancyDocuments {
    static let noticeFacts = ["organization", "organization_type", "registration_code", "registration_date", "address", "representative",
                              "last_report_year", "signs", "reply_by"]
    static let listFacts = ["organizations_listed"]
    static let listTables = ["organizations"]

    /// How long an organisation is given to reply when no notice was recorded yet.
    static let replyDays = 30

    static func notice(_ subject: DocumentSubject, on req: Request) async throws -> DocumentContent {
        guard let organization = subject.organization else { throw Abort(.badRequest, reason: "Cần chọn tổ chức (tham số “organization”).") }
        var filter = OrganizationFilter()
        filter.commune = organization.communeCode
        let today = Day.today()
        let row = try await DormancyController.rows(filter: filter, asOf: today, on: try req.db.sql()).first { $0.organizationId == organization.id }
        let signs = row.map { $0.flags.map(\.message).joined(separator: " ") } ?? ""
        return DocumentContent(values: [
            "organization": organization.name, "organization_type": organization.type.label, "registration_code": organization.registrationCode ?? "—",
            "registration_date": Show.day(organization.registrationDate),
            "address": address(organization),
            "representative": [organization.representativeTitle, organization.representativeName].compactMap { $0?.nilIfEmpty }.joined(separator: " "),
            "last_report_year": row?.lastReportYear.map(String.init) ?? "chưa có",
            "signs": signs.isEmpty ? "Hệ thống chưa ghi nhận dấu hiệu ngừng hoạt động của tổ chức." : signs,
            "reply_by": (row?.replyBy ?? today.adding(days: replyDays)).vietnamese,
        ])
    }

    /// The address as registered, with the commune and province added when it does not name them already.
    private static func address(_ organization: OrganizationRecord) -> String {
        var parts = [organization.address?.trimmed].compactMap { $0?.nilIfEmpty }
        for unit in [organization.communeName, organization.provinceName] where !foldForSearch(parts.joined(separator: " ")).contains(foldForSearch(unit)) {
            parts.append(unit)
        }
        return parts.joined(separator: ", ")
    }

    /// The organisations whose dissolution is decided: those awaiting dissolution, and those notified whose time to
    /// reply has passed.
    static func list(_ subject: DocumentSubject, on req: Request) async throws -> DocumentContent {
        var filter = subject.area.filter
        filter.scope = subject.viewer.readScope
        let today = Day.today()
        let rows = try await DormancyController.rows(filter: filter, asOf: today, on: try req.db.sql()).filter { row in
            row.stage == .awaitingDissolution || (row.stage == .notified && (row.replyBy.map { $0 < today } ?? false))
        }
        let table = DocumentTable(title: nil, unit: nil,
                                  columns: [.init("STT", weight: 0.8, numeric: true), .init("Tên tổ chức", weight: 3), .init("Mã số", weight: 1.4),
                                            .init("Loại hình", weight: 0.9), .init("Xã, phường", weight: 1.8), .init("Dấu hiệu ngừng hoạt động", weight: 3.2),
                                            .init("Thông báo, hạn phản hồi", weight: 1.6)],
                                  rows: rows.enumerated().map { index, row in
                                      [String(index + 1), row.name, row.registrationCode ?? "—", row.type.abbreviation, row.communeName,
                                       row.flags.map(\.message).joined(separator: " ").nilIfEmpty ?? row.stage.label,
                                       row.noticeOn.map { "\($0.vietnamese); hạn \(Show.day(row.replyBy))" } ?? "—"]
                                  }.nilIfEmpty ?? [["", "Không có tổ chức nào chờ giải thể hoặc quá hạn phản hồi thông báo.", "", "", "", "", ""]])
        return DocumentContent(values: ["organizations_listed": Show.number(rows.count)], tables: ["organizations": table])
    }
}

extension Array {
    var nilIfEmpty: Self? { isEmpty ? nil : self }
}
