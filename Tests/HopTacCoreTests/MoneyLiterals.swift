import HopTacCore

/// Amounts written in tests as officials write them, in triệu đồng: `r.revenue = 12_000`, `1_234.5`. Test code only:
/// the application never makes an amount from a floating-point literal.
extension Money: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral {
    public init(integerLiteral millions: Int64) { self.init(millions: millions) }
    public init(floatLiteral millions: Double) { self.init(approximately: millions) }
}
