import Foundation

/// Vertical stacked bars: one bar per category (a year), one segment per series (a classification band), a legend
/// above. In percent mode every bar is 100% and shows the mix; its total still stands above it.
public struct StackedBarChart: Sendable {
    /// One stacked layer; `values` follow `categories`, a missing one counts as zero.
    public struct Series: Sendable, Hashable, Codable {
        public var name: String
        public var values: [Double]
        /// nil takes `ChartPalette.categorical` by position; pass `ChartPalette.classification` for bands.
        public var swatch: ChartSwatch?

        public init(name: String, values: [Double], swatch: ChartSwatch? = nil) {
            self.name = name
            self.values = values
            self.swatch = swatch
        }
    }

    public var id: String
    public var title: String
    public var description: String?
    public var categories: [String]
    /// Bottom to top, and left to right in the legend.
    public var series: [Series]
    public var percent: Bool
    public var width: Double
    public var height: Double
    public var format: ChartValueFormat

    public init(id: String, title: String, description: String? = nil, categories: [String], series: [Series],
                percent: Bool = false, width: Double = 960, height: Double = 420, format: ChartValueFormat? = nil) {
        self.id = id
        self.title = title
        self.description = description
        self.categories = categories
        self.series = series
        self.percent = percent
        self.width = width
        self.height = height
        self.format = format ?? ChartNumber.format
    }

    static let padding = 10.0

    /// A segment's value; negative or missing values count as zero, since a stack cannot hold less than nothing.
    func value(_ series: Int, _ category: Int) -> Double {
        let values = self.series[series].values
        guard category < values.count, values[category].isFinite else { return 0 }
        return max(0, values[category])
    }

    func total(_ category: Int) -> Double {
        series.indices.reduce(0) { $0 + value($1, category) }
    }

    func swatch(_ index: Int) -> ChartSwatch {
        series[index].swatch ?? ChartPalette.categorical[index % ChartPalette.categorical.count]
    }

    public func svg() -> String {
        let id = SVG.identifier(self.id)
        guard !categories.isEmpty, !series.isEmpty else {
            return SVG.document(id: id, kind: "stacked", width: width, height: height, title: title,
                                description: description ?? SVG.noData + ".",
                                body: SVG.noDataMessage(width: width, height: height))
        }
        let totals = categories.indices.map(total)
        let integral = series.allSatisfy { $0.values.allSatisfy { !$0.isFinite || $0 == $0.rounded() } }
        let scale = percent ? NiceScale(0, 100) : NiceScale(0, totals.max() ?? 0, integral: integral)
        let tickLabels = scale.ticks.map { percent ? format($0) + "%" : format($0) }

        let legend = LegendLayout(labels: series.map(\.name), keyWidth: 12, left: Self.padding, top: Self.padding,
                                  width: width - 2 * Self.padding)
        // Room under the legend for the totals written above the tallest bar.
        let plotTop = Self.padding + legend.height + 26
        let plotBottom = height - 26
        let plotLeft = Self.padding + (tickLabels.map { SVG.textWidth($0) }.max() ?? 0) + 8
        let plotRight = width - Self.padding
        func y(_ value: Double) -> Double { plotBottom - scale.fraction(value) * (plotBottom - plotTop) }

        var fills = ChartFills(chartID: id)
        let paints = series.indices.map { fills.paint(swatch($0)) }
        var body = "<g class=\"legend\" fill=\"\(ChartPalette.ink)\">"
        for index in series.indices {
            let position = legend.positions[index]
            body += "<rect x=\"\(SVG.num(position.x))\" y=\"\(SVG.num(position.y - 6))\" width=\"12\" height=\"12\""
            body += " fill=\"\(paints[index])\" stroke=\"\(ChartPalette.ink)\" stroke-width=\"0.5\"/>"
            body += legend.label(index, series[index].name, keyWidth: 12)
        }
        body += "</g>\n"

        body += "<g class=\"axis\" fill=\"\(ChartPalette.muted)\" text-anchor=\"end\">"
        for (tick, label) in zip(scale.ticks, tickLabels) {
            let ty = SVG.num(y(tick))
            body += "<line x1=\"\(SVG.num(plotLeft))\" y1=\"\(ty)\" x2=\"\(SVG.num(plotRight))\" y2=\"\(ty)\" stroke=\"\(ChartPalette.grid)\"/>"
            body += "<text x=\"\(SVG.num(plotLeft - 6))\" y=\"\(SVG.num(y(tick) + SVG.fontSize * 0.35))\">\(escapeMarkup(label))</text>"
        }
        body += "</g>\n"

        let band = (plotRight - plotLeft) / Double(categories.count)
        let barWidth = min(band * 0.62, 72)
        // Segment edges are rounded to whole tenths before heights are taken, so a bar's segments add up to exactly
        // its drawn height however the values round.
        func edge(_ value: Double) -> Int { Int(saturating: (y(value) * 10).rounded()) }
        for (category, name) in categories.enumerated() {
            let x = plotLeft + band * (Double(category) + 0.5) - barWidth / 2
            let total = totals[category]
            body += "<g class=\"bar\">"
            var cumulative = 0.0
            for index in series.indices {
                let raw = value(index, category)
                let shown = percent ? (total > 0 ? raw / total * 100 : 0) : raw
                let bottom = edge(cumulative), top = edge(cumulative + shown)
                cumulative += shown
                guard bottom > top else { continue }
                let share = total > 0 ? " (\(ChartNumber.percent(raw / total * 100, format)))" : ""
                body += "<rect class=\"segment\" x=\"\(SVG.num(x))\" y=\"\(SVG.tenths(top))\" width=\"\(SVG.num(barWidth))\""
                body += " height=\"\(SVG.tenths(bottom - top))\" fill=\"\(paints[index])\" stroke=\"#fff\" stroke-width=\"0.75\">"
                body += "<title>\(escapeMarkup("\(series[index].name), \(name): \(format(raw))\(share)"))</title></rect>"
                let text = percent ? ChartNumber.percent(shown, format) : format(raw)
                // Only where the number fits inside its segment; the tooltip and the page's table have the rest.
                if bottom - top >= 160, SVG.textWidth(text, fontSize: 11) <= barWidth - 4 {
                    let swatch = swatch(index)
                    let halo = swatch.texture == .solid ? "" : " stroke=\"\(escapeMarkup(swatch.color))\" stroke-width=\"3\" paint-order=\"stroke\""
                    let middle = Double(bottom + top) / 20
                    body += "<text x=\"\(SVG.num(x + barWidth / 2))\" y=\"\(SVG.num(middle + 11 * 0.35))\" font-size=\"11\""
                    body += " text-anchor=\"middle\" fill=\"\(ChartPalette.text(on: swatch.color))\"\(halo)>\(escapeMarkup(text))</text>"
                }
            }
            let labelX = SVG.num(x + barWidth / 2)
            body += "<text class=\"total\" x=\"\(labelX)\" y=\"\(SVG.tenths(edge(cumulative) - 60))\" text-anchor=\"middle\""
            body += " fill=\"\(ChartPalette.ink)\">\(escapeMarkup(format(total)))</text>"
            body += "<text x=\"\(labelX)\" y=\"\(SVG.num(plotBottom + 18))\" text-anchor=\"middle\" fill=\"\(ChartPalette.ink)\">"
            body += escapeMarkup(SVG.fitted(name, width: band - 4)) + "</text></g>\n"
        }
        body += "<line x1=\"\(SVG.num(plotLeft))\" y1=\"\(SVG.num(plotBottom))\" x2=\"\(SVG.num(plotRight))\""
        body += " y2=\"\(SVG.num(plotBottom))\" stroke=\"\(ChartPalette.ink)\"/>\n"
        return SVG.document(id: id, kind: "stacked", width: width, height: height, title: title,
                            description: description ?? summary(totals), definitions: fills.definitions, body: body)
    }

    /// "5 cột (2021 … 2025), mỗi cột chia theo: Tốt, Khá, …; tổng từ 120 đến 180."
    private func summary(_ totals: [Double]) -> String {
        let span = categories.count > 1 ? " (\(categories[0]) … \(categories[categories.count - 1]))" : " (\(categories[0]))"
        var text = "\(categories.count) cột\(span), mỗi cột chia theo: \(series.map(\.name).joined(separator: ", "))."
        if percent { text += " Mỗi cột là 100%." }
        if let low = totals.min(), let high = totals.max() {
            text += low == high ? " Tổng mỗi cột: \(format(high))." : " Tổng từ \(format(low)) đến \(format(high))."
        }
        return text
    }
}
