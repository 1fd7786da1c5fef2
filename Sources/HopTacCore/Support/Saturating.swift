extension FixedWidthInteger where Self: SignedInteger {
    /// The nearest integer to a stored or computed value: NaN is 0 and values past the type's range stop at its ends,
    /// where `Self(_:)` would stop the process. For figures read back from the database, which may hold anything.
    public init(saturating value: Double) {
        if value.isNaN { self = 0 }
        else if value >= Double(Self.max) { self = .max }
        else if value <= Double(Self.min) { self = .min }
        else { self = Self(value) }
    }

    /// `self + other`, stopping at the type's ends instead of trapping: sums of stored figures never stop the process.
    public func addingSaturating(_ other: Self) -> Self {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? (other > 0 ? .max : .min) : sum
    }

    /// `self × other`, stopping at the type's ends instead of trapping.
    public func multipliedSaturating(by other: Self) -> Self {
        let (product, overflow) = multipliedReportingOverflow(by: other)
        return overflow ? ((self < 0) == (other < 0) ? .max : .min) : product
    }
}
