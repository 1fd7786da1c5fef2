/// Why an action on reports or a data file was refused, in Vietnamese, ready to show.
public struct ReportingError: Error, Equatable, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
