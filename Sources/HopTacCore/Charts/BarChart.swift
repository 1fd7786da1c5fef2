import Foundation

/// Horizontal bars with their category labels on the left and their values at the bar ends: counts by type or
/// status, or one bar per province (up to about 40; the chart grows taller with each bar). Values are printed
/// beside the bars, so the chart needs no value axis.
public struct BarChart: Sendable {
    /// One bar; the same rows can fill the page's table and CSV.
    public struct Bar: Sendable, Hashable, Codable {
        public var label: String
        public var value: Double
        /// Where the bar and its label link to, such as a province's page.
        public var href: String?
        /// Its own fill, when the bars are different things (on time, late, not sent) rather than one measure of many
        /// places; nil takes the chart's.
        public var swatch: ChartSwatch?

        public init(label: String, value: Double, href: String? = nil, swatch: ChartSwatch? = nil) {
            self.label = label
            self.value = value
            self.href = href
            self.swatch = swatch
        }
    }

    public var id: String
    public var title: String
    /// What a screen reader hears after the title; nil describes the extremes.
    public var description: String?
    public var bars: [Bar]
    public var swatch: ChartSwatch
    /// The viewBox width. Text keeps its size in viewBox units, so a narrower chart shown in a narrow column keeps
    /// its text legible.
    public var width: Double
    public var format: ChartValueFormat

    public init(id: String, title: String, description: String? = nil, bars: [Bar],
                swatch: ChartSwatch = ChartPalette.blue, width: Double = 960, format: ChartValueFormat? = nil) {
        self.id = id
        self.title = title
        self.description = description
        self.bars = bars
        self.swatch = swatch
        self.width = width
        self.format = format ?? ChartNumber.format
    }

    static let rowHeight = 24.0
    static let barThickness = 16.0
    static let padding = 8.0

    /// Where things go, worked out before drawing so that the value scale is known.
    struct Layout {
        /// Right edge of the category labels.
        let labelRight: Double
        /// The value scale runs from `lower` at `plotLeft` to `upper` at `plotLeft + plotWidth`.
        let plotLeft: Double
        let plotWidth: Double
        let lower: Double
        let upper: Double
        let height: Double

        func x(_ value: Double) -> Double {
            plotLeft + (value - lower) / (upper - lower) * plotWidth
        }
    }

    func layout() -> Layout {
        let finite = bars.map(\.value).filter(\.isFinite)
        let lower = min(0, finite.min() ?? 0)
        var upper = max(0, finite.max() ?? 0)
        if upper == lower { upper = 1 }
        let labelWidth = bars.map { SVG.textWidth($0.label) }.max() ?? 0
        // Long names are shortened rather than squeezing the bars to nothing.
        let labelRight = Self.padding + min(labelWidth, width * 0.35)
        let valueWidth = bars.map { SVG.textWidth(format($0.value)) }.max() ?? 0
        let reserve = valueWidth + 10
        // Negative bars carry their values on the left, so they need the same room there.
        let plotLeft = labelRight + 10 + (lower < 0 ? reserve : 0)
        let plotWidth = max(width - Self.padding - reserve - plotLeft, 1)
        let height = 2 * Self.padding + Double(bars.count) * Self.rowHeight
        return Layout(labelRight: labelRight, plotLeft: plotLeft, plotWidth: plotWidth, lower: lower, upper: upper,
                      height: height)
    }

    public func svg() -> String {
        let id = SVG.identifier(self.id)
        guard !bars.isEmpty else {
            return SVG.document(id: id, kind: "bar", width: width, height: 120, title: title,
                                description: description ?? SVG.noData + ".",
                                body: SVG.noDataMessage(width: width, height: 120))
        }
        let layout = layout()
        var fills = ChartFills(chartID: id)
        let zero = layout.x(0)
        var body = "<g fill=\"\(ChartPalette.ink)\">\n"
        for (index, bar) in bars.enumerated() {
            let top = Self.padding + Double(index) * Self.rowHeight
            let baseline = SVG.num(top + Self.rowHeight / 2 + SVG.fontSize * 0.35)
            let valueText = format(bar.value)
            let href = SVG.safeHref(bar.href)
            body += href.map { "<a href=\"\(escapeMarkup($0))\">" } ?? "<g>"
            body += "<title>\(escapeMarkup(bar.label + ": " + valueText))</title>"
            let label = SVG.fitted(bar.label, width: layout.labelRight - Self.padding)
            let fill = fills.paint(bar.swatch ?? swatch)
            let linkLook = href == nil ? "" : " fill=\"\(ChartPalette.link)\" text-decoration=\"underline\""
            body += "<text x=\"\(SVG.num(layout.labelRight))\" y=\"\(baseline)\" text-anchor=\"end\"\(linkLook)>"
            body += escapeMarkup(label) + "</text>"
            if bar.value.isFinite {
                let end = layout.x(bar.value)
                body += "<rect class=\"bar\" x=\"\(SVG.num(min(zero, end)))\" y=\"\(SVG.num(top + (Self.rowHeight - Self.barThickness) / 2))\""
                body += " width=\"\(SVG.num(abs(end - zero)))\" height=\"\(SVG.num(Self.barThickness))\" fill=\"\(fill)\"/>"
                let valueX = bar.value < 0 ? end - 6 : end + 6
                let anchor = bar.value < 0 ? " text-anchor=\"end\"" : ""
                body += "<text class=\"value\" x=\"\(SVG.num(valueX))\" y=\"\(baseline)\"\(anchor)>"
            } else {
                // A missing figure is said to be missing, not drawn as zero.
                body += "<text class=\"value\" x=\"\(SVG.num(zero + 6))\" y=\"\(baseline)\" fill=\"\(ChartPalette.muted)\">"
            }
            body += escapeMarkup(valueText) + "</text>"
            body += href == nil ? "</g>\n" : "</a>\n"
        }
        body += "</g>\n"
        // The zero line, drawn last so that it shows across the bars.
        body += "<line x1=\"\(SVG.num(zero))\" y1=\"\(SVG.num(Self.padding / 2))\" x2=\"\(SVG.num(zero))\""
        body += " y2=\"\(SVG.num(layout.height - Self.padding / 2))\" stroke=\"\(ChartPalette.ink)\"/>\n"
        return SVG.document(id: id, kind: "bar", width: width, height: layout.height, title: title,
                            description: description ?? summary(), definitions: fills.definitions, body: body)
    }

    /// "12 mục. Cao nhất: Hà Nội (1.234). Thấp nhất: Lai Châu (12)."
    private func summary() -> String {
        let finite = bars.filter { $0.value.isFinite }
        var text = "\(bars.count) mục."
        if let high = finite.max(by: { $0.value < $1.value }), let low = finite.min(by: { $0.value < $1.value }),
           finite.count > 1 {
            text += " Cao nhất: \(high.label) (\(format(high.value))). Thấp nhất: \(low.label) (\(format(low.value)))."
        }
        return text
    }
}
