/// A word-sized trend line for a table cell or a sentence: no axes, the last value marked. It is sized in `em`
/// rather than the charts' full width, so it scales with the text around it instead of filling the cell.
public struct Sparkline: Sendable {
    public var id: String
    public var title: String
    /// nil says where the series starts and ends and its extremes, the numbers a sighted reader takes from it.
    public var description: String?
    /// Oldest first; non-finite values are left out.
    public var values: [Double]
    public var color: String
    public var format: ChartValueFormat

    public init(id: String, title: String, description: String? = nil, values: [Double],
                color: String = ChartPalette.link, format: ChartValueFormat? = nil) {
        self.id = id
        self.title = title
        self.description = description
        self.values = values
        self.color = color
        self.format = format ?? ChartNumber.format
    }

    static let width = 80.0
    static let height = 20.0
    /// Keeps the end marker and the line's caps inside the viewBox.
    static let inset = 2.5

    public func svg() -> String {
        let id = SVG.identifier(self.id)
        let size = "width=\"4em\" height=\"1em\""
        let known = values.filter(\.isFinite)
        guard let low = known.min(), let high = known.max(), let last = known.last else {
            return SVG.document(id: id, kind: "sparkline", width: Self.width, height: Self.height, title: title,
                                description: description ?? SVG.noData + ".", size: size, fontSize: 8,
                                body: SVG.noDataMessage(width: Self.width, height: Self.height, fontSize: 8))
        }
        func x(_ index: Int) -> Double {
            known.count == 1 ? Self.width / 2
                : Self.inset + Double(index) / Double(known.count - 1) * (Self.width - 2 * Self.inset)
        }
        func y(_ value: Double) -> Double {
            // A flat series is drawn level through the middle rather than divided by zero.
            high == low ? Self.height / 2
                : Self.inset + (high - value) / (high - low) * (Self.height - 2 * Self.inset)
        }
        let color = escapeMarkup(self.color)
        let path = known.indices.map { "\($0 == 0 ? "M" : "L")\(SVG.num(x($0))) \(SVG.num(y(known[$0])))" }.joined()
        var body = "<path d=\"\(path)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"1.5\" stroke-linejoin=\"round\" stroke-linecap=\"round\"/>"
        body += "<circle class=\"last\" cx=\"\(SVG.num(x(known.count - 1)))\" cy=\"\(SVG.num(y(last)))\" r=\"2.2\" fill=\"\(ChartPalette.accent)\"/>\n"
        var summary = "Từ \(format(known[0])) đến \(format(last))."
        if known.count > 2 { summary += " Thấp nhất \(format(low)), cao nhất \(format(high))." }
        return SVG.document(id: id, kind: "sparkline", width: Self.width, height: Self.height, title: title,
                            description: description ?? summary, size: size, fontSize: 8, body: body)
    }
}
