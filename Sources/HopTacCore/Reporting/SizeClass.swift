import Foundation

/// Size class of a cooperative (Law 17/2023 art. 16, Decree 113/2024 art. 5).
public enum SizeClass: String, CaseIterable, Codable, Sendable {
    case micro, small, medium, large

    public var label: String {
        switch self {
        case .micro: "Siêu nhỏ"
        case .small: "Nhỏ"
        case .medium: "Vừa"
        case .large: "Lớn"
        }
    }

    /// The largest class whose official members and (revenue or total capital, million VND) are reached; micro otherwise.
    public static func classify(sector: Sector, members: Int, revenue: Double, capital: Double,
                                table: SizeClassTable = .standard) -> SizeClass {
        let row = table.rows[sector]?.first { members >= $0.members && (revenue >= $0.revenue || capital >= $0.capital) }
        return row?.sizeClass ?? .micro
    }
}

/// The thresholds of each sector group, read from `size-classes.json` so that confirmed figures replace assumed ones
/// without code changes.
public struct SizeClassTable: Sendable {
    public struct Row: Decodable, Sendable {
        public let sizeClass: SizeClass
        public let members: Int
        public let revenue: Double
        public let capital: Double
        /// True when the row could not be checked against the decree.
        public let assumed: Bool

        enum CodingKeys: String, CodingKey { case sizeClass = "class", members, revenue, capital, assumed }
    }

    /// Largest class first, per sector group.
    public let rows: [Sector: [Row]]

    public static let standard: SizeClassTable = {
        do {
            let url = Bundle.module.url(forResource: "size-classes", withExtension: "json", subdirectory: "reporting")!
            return try SizeClassTable(json: Data(contentsOf: url))
        } catch {
            fatalError("size-classes.json: \(error)")
        }
    }()

    public init(json: Data) throws {
        struct File: Decodable { let sectors: [String: [Row]] }
        var rows: [Sector: [Row]] = [:]
        for (key, list) in try JSONDecoder().decode(File.self, from: json).sectors {
            guard let sector = Sector(rawValue: key) else { throw ReportingError("Bảng quy mô: lĩnh vực “\(key)” không tồn tại.") }
            rows[sector] = list.sorted { $0.members > $1.members }
        }
        self.rows = rows
    }
}
