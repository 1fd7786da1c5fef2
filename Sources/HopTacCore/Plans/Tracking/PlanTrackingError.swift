import Foundation

/// Why a tracking definition or action was refused, in Vietnamese, ready to show.
public struct PlanTrackingError: Error, LocalizedError, Equatable, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var errorDescription: String? { message }
    public var description: String { message }
}
