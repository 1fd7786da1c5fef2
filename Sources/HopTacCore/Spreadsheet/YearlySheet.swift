/// A problem a yearly sheet's reader found in one cell: the row, the field (its column) and why.
public struct SheetProblem<Field: Hashable & Sendable>: Sendable, Equatable {
    public let row: Int
    public let field: Field
    public let value: String
    public let reason: String

    public init(row: Int, field: Field, value: String, reason: String) {
        self.row = row
        self.field = field
        self.value = value
        self.reason = reason
    }
}

/// A reader of sheets that give one line per unit and year (populations, credit funds' figures): what every such
/// import shows before it looks at the database.
public protocol YearlySheetReader: Sendable {
    associatedtype Field: Hashable & Sendable
    associatedtype Row: Sendable

    /// The field a sheet with nothing under its header is reported under.
    static var keyField: Field { get }
    static func label(of field: Field) -> String

    /// The rows and the problems with them; `year` is the sheet's year when it has no year column.
    func read(_ sheet: Sheet, year: Int?, years: ClosedRange<Int>) throws -> (rows: [Row], problems: [SheetProblem<Field>])
    /// The header's title of each field the sheet has, for messages.
    func titles(of sheet: Sheet) -> [Field: String]
    func columnUse(of sheet: Sheet) -> [ImportColumn]
}
