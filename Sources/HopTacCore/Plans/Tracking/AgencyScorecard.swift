import Foundation

/// One lead agency's tasks counted by status, as the follow-up report of a programme lists them.
public struct AgencyScorecard: Codable, Sendable, Equatable {
    /// The agency as first written among its tasks (spaces collapsed).
    public private(set) var agency: String
    public private(set) var assigned = 0
    public private(set) var doneOnTime = 0
    public private(set) var doneLate = 0
    public private(set) var inProgress = 0
    public private(set) var overdue = 0
    /// Tasks done on time among those whose outcome is known (done, or past due), in percent; nil when none is.
    /// Work still within its deadline is left out, so an agency is not marked down for tasks not yet due.
    public private(set) var onTimeRate: Double?

    private init(agency: String) { self.agency = agency }

    /// Shown for tasks whose lead agency is blank.
    public static let unknownAgency = "Chưa xác định cơ quan chủ trì"

    /// One row per lead agency, most overdue first, then by name with diacritics folded, as the product sorts names.
    /// "Sở Tài chính", "sở tài  chính" and a decomposed-Unicode copy pasted from a document are the same agency.
    public static func rows(_ tasks: [(lead: String, status: TaskStatus)]) -> [AgencyScorecard] {
        var rows: [String: AgencyScorecard] = [:]
        for task in tasks {
            let name = task.lead.collapsingSpaces.precomposedStringWithCanonicalMapping
            let shown = name.isEmpty ? unknownAgency : name
            let key = shown.lowercased(with: Locale(identifier: "vi_VN"))
            var row = rows[key] ?? AgencyScorecard(agency: shown)
            row.assigned += 1
            switch task.status {
            case .doneOnTime: row.doneOnTime += 1
            case .doneLate: row.doneLate += 1
            case .inProgress: row.inProgress += 1
            case .overdue: row.overdue += 1
            }
            rows[key] = row
        }
        return rows.values.map { counted in
            var row = counted
            let known = row.doneOnTime + row.doneLate + row.overdue
            row.onTimeRate = known == 0 ? nil : Double(row.doneOnTime) / Double(known) * 100
            return row
        }.sorted {
            ($1.overdue, foldForSearch($0.agency), $0.agency) < ($0.overdue, foldForSearch($1.agency), $1.agency)
        }
    }

    enum CodingKeys: String, CodingKey {
        case agency, assigned, doneOnTime = "done_on_time", doneLate = "done_late", inProgress = "in_progress", overdue
        case onTimeRate = "on_time_rate"
    }
}
