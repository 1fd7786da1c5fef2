import Foundation

/// A province target shared out among communes: commune code → the value allocated to it.
public struct TargetAllocation: Codable, Sendable, Equatable {
    public var target: ProgrammeTarget
    public var allocations: [String: Double]

    public init(target: ProgrammeTarget, allocations: [String: Double]) {
        self.target = target
        self.allocations = allocations
    }

    /// The commune's own target: the province's with the allocated value. A range keeps its proportions (20–30 allocated
    /// as 10 becomes 10–15), and the baseline value is dropped since the province's starting point is not the commune's.
    public func target(for unit: String) -> ProgrammeTarget? {
        guard let allocated = allocations[unit] else { return nil }
        var own = target
        own.value = allocated
        own.valueMax = target.valueMax.map { target.value == 0 ? $0 : $0 * allocated / target.value }
        own.baselineValue = nil
        return own
    }

    /// The communes of this allocation that are not achieved or on track, worst first: off track, then at risk, then without
    /// data (a commune missing from `assessments` has none); within a status the larger shortfall relative to the commune's
    /// target first, then by code.
    public func laggingUnits(assessments: [String: TargetAssessment]) -> [String] {
        func rank(_ status: TargetStatus) -> Int? {
            switch status {
            case .offTrack: 0
            case .atRisk: 1
            case .noData: 2
            case .achieved, .onTrack: nil
            }
        }
        func relativeShortfall(_ assessment: TargetAssessment?) -> Double {
            guard let assessment, let shortfall = assessment.shortfall else { return 0 }
            let scale = abs(assessment.target.value)
            return scale == 0 ? shortfall : shortfall / scale
        }
        let lagging = allocations.keys.compactMap { unit -> (unit: String, rank: Int, shortfall: Double)? in
            let assessment = assessments[unit]
            guard let rank = rank(assessment?.status ?? .noData) else { return nil }
            return (unit, rank, relativeShortfall(assessment))
        }
        return lagging.sorted {
            ($0.rank, -$0.shortfall, $0.unit) < ($1.rank, -$1.shortfall, $1.unit)
        }.map(\.unit)
    }
}
