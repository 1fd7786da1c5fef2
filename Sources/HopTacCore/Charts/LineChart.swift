import Foundation

/// One or more series over years (members, revenue), each point marked, the latest value written above its point.
/// A series may continue as a dashed projection to a horizon year, and horizontal target lines mark programme
/// targets. Series that share the chart share one value axis: put figures of different units in separate charts.
public struct LineChart: Sendable {
    public struct Point: Sendable, Hashable, Codable {
        public var year: Int
        public var value: Double

        public init(year: Int, value: Double) {
            self.year = year
            self.value = value
        }
    }

    /// Where a series is expected to be in `year`, drawn dashed from its last point.
    public struct Projection: Sendable, Hashable, Codable {
        public var year: Int
        public var value: Double

        public init(year: Int, value: Double) {
            self.year = year
            self.value = value
        }
    }

    public struct Series: Sendable, Hashable, Codable {
        public var name: String
        public var points: [Point]
        /// nil takes `ChartPalette.categorical` by position.
        public var swatch: ChartSwatch?
        /// Ignored unless its year is after the last point's.
        public var projection: Projection?

        public init(name: String, points: [Point], swatch: ChartSwatch? = nil, projection: Projection? = nil) {
            self.name = name
            self.points = points
            self.swatch = swatch
            self.projection = projection
        }

        /// The least-squares trend of the points carried on to `year`; nil with fewer than two years, or for a
        /// year not after the last point.
        public func linearProjection(to year: Int) -> Projection? {
            let known = points.filter(\.value.isFinite)
            guard let last = known.map(\.year).max(), year > last, Set(known.map(\.year)).count > 1 else { return nil }
            let n = Double(known.count)
            let meanX = known.reduce(0) { $0 + Double($1.year) } / n
            let meanY = known.reduce(0) { $0 + $1.value } / n
            let covariance = known.reduce(0) { $0 + (Double($1.year) - meanX) * ($1.value - meanY) }
            let variance = known.reduce(0) { $0 + (Double($1.year) - meanX) * (Double($1.year) - meanX) }
            return Projection(year: year, value: meanY + covariance / variance * (Double(year) - meanX))
        }
    }

    /// A horizontal line at a programme target, labelled "`label`: value".
    public struct Target: Sendable, Hashable, Codable {
        public var label: String
        public var value: Double

        public init(label: String, value: Double) {
            self.label = label
            self.value = value
        }
    }

    public var id: String
    public var title: String
    public var description: String?
    public var series: [Series]
    public var targets: [Target]
    /// Starts the value axis at zero, so that a rise from 1.000 to 1.050 does not look like a doubling.
    public var includeZero: Bool
    public var width: Double
    public var height: Double
    public var format: ChartValueFormat

    public init(id: String, title: String, description: String? = nil, series: [Series], targets: [Target] = [],
                includeZero: Bool = true, width: Double = 960, height: Double = 420, format: ChartValueFormat? = nil) {
        self.id = id
        self.title = title
        self.description = description
        self.series = series
        self.targets = targets
        self.includeZero = includeZero
        self.width = width
        self.height = height
        self.format = format ?? ChartNumber.format
    }

    static let padding = 10.0
    /// Dashes and markers tell series apart where colours print as the same gray.
    static let dashes = ["", "8 4", "2 3", "10 3 2 3"]
    static let projectionDash = "5 4"
    static let targetDash = "3 3"

    /// The points worth drawing, in year order.
    private func points(_ series: Series) -> [Point] {
        series.points.filter(\.value.isFinite).sorted { $0.year < $1.year }
    }

    /// The projection if it continues the series.
    private func projection(_ series: Series) -> Projection? {
        guard let projection = series.projection, projection.value.isFinite,
              let last = points(series).last, projection.year > last.year else { return nil }
        return projection
    }

    private func swatch(_ index: Int) -> ChartSwatch {
        series[index].swatch ?? ChartPalette.categorical[index % ChartPalette.categorical.count]
    }

    public func svg() -> String {
        let id = SVG.identifier(self.id)
        let drawn = series.indices.filter { !points(series[$0]).isEmpty }
        guard !drawn.isEmpty else {
            return SVG.document(id: id, kind: "line", width: width, height: height, title: title,
                                description: description ?? SVG.noData + ".",
                                body: SVG.noDataMessage(width: width, height: height))
        }
        let targets = self.targets.filter(\.value.isFinite)
        var years: [Int] = [], values: [Double] = targets.map(\.value)
        for index in drawn {
            years += points(series[index]).map(\.year)
            values += points(series[index]).map(\.value)
            if let projection = projection(series[index]) {
                years.append(projection.year)
                values.append(projection.value)
            }
        }
        let firstYear = years.min()!, lastYear = years.max()!
        let low = values.min()!, high = values.max()!
        let integral = values.allSatisfy { $0 == $0.rounded() }
        let scale = includeZero ? NiceScale(min(0, low), max(0, high), integral: integral)
                                : NiceScale(low, high, integral: integral)
        let tickLabels = scale.ticks.map(format)

        let legend = drawn.count > 1
            ? LegendLayout(labels: drawn.map { series[$0].name }, keyWidth: 24, left: Self.padding, top: Self.padding,
                           width: width - 2 * Self.padding)
            : LegendLayout(labels: [], keyWidth: 0, left: 0, top: 0, width: 0)
        var rightRoom = 16.0
        for index in drawn {
            if let projection = projection(series[index]) {
                rightRoom = max(rightRoom, SVG.textWidth(projectionLabel(projection)) + 14)
            } else if let last = points(series[index]).last, last.year == lastYear {
                rightRoom = max(rightRoom, SVG.textWidth(format(last.value)) / 2 + 4)
            }
        }
        let plotTop = Self.padding + legend.height + 20
        let plotBottom = height - 28
        let plotLeft = Self.padding + (tickLabels.map { SVG.textWidth($0) }.max() ?? 0) + 8
        // Years sit inside the plot's edges, so the first and last labels and markers are not cut off.
        let inset = 14.0
        let plotRight = width - Self.padding - rightRoom
        func x(_ year: Int) -> Double {
            lastYear == firstYear ? (plotLeft + plotRight) / 2
                : plotLeft + inset + Double(year - firstYear) / Double(lastYear - firstYear) * (plotRight - plotLeft - 2 * inset)
        }
        func y(_ value: Double) -> Double { plotBottom - scale.fraction(value) * (plotBottom - plotTop) }

        var body = ""
        if drawn.count > 1 {
            body += "<g class=\"legend\" fill=\"\(ChartPalette.ink)\">"
            for (entry, index) in drawn.enumerated() {
                let position = legend.positions[entry]
                let color = escapeMarkup(swatch(index).color)
                body += "<line x1=\"\(SVG.num(position.x))\" y1=\"\(SVG.num(position.y))\" x2=\"\(SVG.num(position.x + 24))\""
                body += " y2=\"\(SVG.num(position.y))\" stroke=\"\(color)\" stroke-width=\"2.5\"\(dash(index))/>"
                body += marker(index, x: position.x + 12, y: position.y, color: color, title: nil)
                body += legend.label(entry, series[index].name, keyWidth: 24)
            }
            body += "</g>\n"
        }

        body += "<g class=\"axis\" fill=\"\(ChartPalette.muted)\">"
        for (tick, label) in zip(scale.ticks, tickLabels) {
            let ty = SVG.num(y(tick))
            body += "<line x1=\"\(SVG.num(plotLeft))\" y1=\"\(ty)\" x2=\"\(SVG.num(plotRight))\" y2=\"\(ty)\" stroke=\"\(ChartPalette.grid)\"/>"
            body += "<text x=\"\(SVG.num(plotLeft - 6))\" y=\"\(SVG.num(y(tick) + SVG.fontSize * 0.35))\" text-anchor=\"end\">"
            body += escapeMarkup(label) + "</text>"
        }
        // At most about a dozen year labels fit under the plot; longer spans label every second or fifth year.
        let yearStep = max(1, Int((Double(lastYear - firstYear + 1) / 12).rounded(.up)))
        for year in stride(from: firstYear, through: lastYear, by: yearStep) {
            body += "<text x=\"\(SVG.num(x(year)))\" y=\"\(SVG.num(plotBottom + 18))\" text-anchor=\"middle\">\(year)</text>"
        }
        body += "</g>\n"
        let axisY = SVG.num(y(max(scale.lower, min(0, scale.upper))))
        body += "<line x1=\"\(SVG.num(plotLeft))\" y1=\"\(axisY)\" x2=\"\(SVG.num(plotRight))\" y2=\"\(axisY)\" stroke=\"\(ChartPalette.ink)\"/>\n"

        for target in targets {
            let ty = SVG.num(y(target.value))
            let text = "\(target.label): \(format(target.value))"
            body += "<g class=\"target\" fill=\"\(ChartPalette.accent)\"><title>\(escapeMarkup(text))</title>"
            body += "<line x1=\"\(SVG.num(plotLeft))\" y1=\"\(ty)\" x2=\"\(SVG.num(plotRight))\" y2=\"\(ty)\""
            body += " stroke=\"\(ChartPalette.accent)\" stroke-width=\"1.5\" stroke-dasharray=\"\(Self.targetDash)\"/>"
            // At the left end: the right end is where projections arrive, often right at the target.
            body += "<text x=\"\(SVG.num(plotLeft + 4))\" y=\"\(SVG.num(y(target.value) - 6))\" \(SVG.halo)>"
            body += escapeMarkup(text) + "</text></g>\n"
        }

        for index in drawn {
            let line = series[index], color = escapeMarkup(swatch(index).color), known = points(line)
            body += "<g class=\"series\">"
            let path = known.enumerated().map { "\($0.offset == 0 ? "M" : "L")\(SVG.num(x($0.element.year))) \(SVG.num(y($0.element.value)))" }
            body += "<path d=\"\(path.joined())\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2.5\" stroke-linejoin=\"round\"\(dash(index))/>"
            let last = known[known.count - 1]
            if let projection = projection(line) {
                let px = x(projection.year), py = y(projection.value)
                body += "<path class=\"projection\" d=\"M\(SVG.num(x(last.year))) \(SVG.num(y(last.value)))L\(SVG.num(px)) \(SVG.num(py))\""
                body += " fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\" stroke-dasharray=\"\(Self.projectionDash)\"/>"
                // Hollow, unlike the filled markers of recorded values.
                body += "<circle cx=\"\(SVG.num(px))\" cy=\"\(SVG.num(py))\" r=\"4\" fill=\"#fff\" stroke=\"\(color)\" stroke-width=\"2\">"
                body += "<title>\(escapeMarkup("\(line.name), \(projection.year) (dự báo): \(format(projection.value))"))</title></circle>"
                body += "<text x=\"\(SVG.num(px + 8))\" y=\"\(SVG.num(py + SVG.fontSize * 0.35))\" fill=\"\(color)\" \(SVG.halo)>"
                body += escapeMarkup(projectionLabel(projection)) + "</text>"
            }
            for point in known {
                body += marker(index, x: x(point.year), y: y(point.value), color: color,
                               title: "\(line.name), \(point.year): \(format(point.value))")
            }
            body += "<text x=\"\(SVG.num(x(last.year)))\" y=\"\(SVG.num(y(last.value) - 9))\" text-anchor=\"middle\""
            body += " fill=\"\(color)\" font-weight=\"600\" \(SVG.halo)>\(escapeMarkup(format(last.value)))</text></g>\n"
        }
        return SVG.document(id: id, kind: "line", width: width, height: height, title: title,
                            description: description ?? summary(drawn), body: body)
    }

    private func projectionLabel(_ projection: Projection) -> String {
        "\(format(projection.value)) (dự báo)"
    }

    private func dash(_ index: Int) -> String {
        let pattern = Self.dashes[index % Self.dashes.count]
        return pattern.isEmpty ? "" : " stroke-dasharray=\"\(pattern)\""
    }

    /// Circle, square, triangle or diamond by series, white-edged so that crossing lines leave it visible.
    private func marker(_ index: Int, x: Double, y: Double, color: String, title: String?) -> String {
        let paint = " fill=\"\(color)\" stroke=\"#fff\" stroke-width=\"1.5\""
        let element: String, shape: String
        switch index % 4 {
        case 0: (element, shape) = ("circle", "cx=\"\(SVG.num(x))\" cy=\"\(SVG.num(y))\" r=\"4.5\"")
        case 1: (element, shape) = ("rect", "x=\"\(SVG.num(x - 4))\" y=\"\(SVG.num(y - 4))\" width=\"8\" height=\"8\"")
        case 2: (element, shape) = ("path", "d=\"M\(SVG.num(x)) \(SVG.num(y - 5.5))L\(SVG.num(x + 5.5)) \(SVG.num(y + 4))L\(SVG.num(x - 5.5)) \(SVG.num(y + 4))Z\"")
        default: (element, shape) = ("path", "d=\"M\(SVG.num(x)) \(SVG.num(y - 5.5))L\(SVG.num(x + 5.5)) \(SVG.num(y))L\(SVG.num(x)) \(SVG.num(y + 5.5))L\(SVG.num(x - 5.5)) \(SVG.num(y))Z\"")
        }
        guard let title else { return "<\(element) \(shape)\(paint)/>" }
        return "<\(element) \(shape)\(paint)><title>\(escapeMarkup(title))</title></\(element)>"
    }

    /// "Thành viên: 2021 … 2025, từ 1.200 đến 1.530. Mục tiêu 2030: 2.000."
    private func summary(_ drawn: [Int]) -> String {
        var parts: [String] = []
        for index in drawn {
            let known = points(series[index])
            let first = known[0], last = known[known.count - 1]
            var text = known.count > 1
                ? "\(series[index].name): \(first.year) … \(last.year), từ \(format(first.value)) đến \(format(last.value))"
                : "\(series[index].name): \(first.year), \(format(first.value))"
            if let projection = projection(series[index]) {
                text += ", dự báo \(projection.year): \(format(projection.value))"
            }
            parts.append(text + ".")
        }
        parts += targets.filter(\.value.isFinite).map { "\($0.label): \(format($0.value))." }
        return parts.joined(separator: " ")
    }
}
