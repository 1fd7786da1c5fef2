extension Int {
    /// The nearest `Int` to a stored or computed value: NaN is 0 and values past Int's range stop at its ends, where
    /// `Int(_:)` would stop the process. For figures read back from the database, which may hold anything.
    public init(saturating value: Double) {
        if value.isNaN { self = 0 }
        else if value >= 9.2e18 { self = .max }
        else if value <= -9.2e18 { self = .min }
        else { self = Int(value) }
    }
}
