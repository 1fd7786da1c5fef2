extension Array {
    /// The array in consecutive pieces of at most `size` elements, for queries whose binds a database caps.
    public func chunks(of size: Int) -> [[Element]] {
        stride(from: 0, to: count, by: Swift.max(1, size)).map { Array(self[$0..<Swift.min($0 + Swift.max(1, size), count)]) }
    }
}
