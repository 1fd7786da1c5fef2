import Foundation

/// Points placed by latitude and longitude: cooperatives of a province or of the whole country (3,321 and more).
/// Circle areas follow a size figure, fills a category or a value banded into a sequential scale, each with its own
/// legend to the right of the map. There is no base map (the product holds no boundary geometry); optional labels,
/// such as province names at the centroid of their points, give the reader bearings.
///
/// The projection is equirectangular, with longitudes shrunk by the cosine of the middle latitude so that distances
/// east–west and north–south match at the centre of the points; over a country the size of Vietnam that error is a
/// few percent, far below what a dot map shows.
public struct PointMap: Sendable {
    public struct Point: Sendable, Hashable, Codable {
        public var name: String
        public var latitude: Double
        public var longitude: Double
        /// Sets the circle's area (members, revenue); nil or not positive draws the smallest circle.
        public var size: Double?
        /// Sets the fill under `.sequential`.
        public var value: Double?
        /// Sets the fill under `.categories`.
        public var category: String?
        /// The place the point belongs to (a province), for `centroidLabels(for:)`.
        public var group: String?
        public var href: String?

        public init(name: String, latitude: Double, longitude: Double, size: Double? = nil, value: Double? = nil,
                    category: String? = nil, group: String? = nil, href: String? = nil) {
            self.name = name
            self.latitude = latitude
            self.longitude = longitude
            self.size = size
            self.value = value
            self.category = category
            self.group = group
            self.href = href
        }
    }

    /// Text placed on the map, above the points.
    public struct Label: Sendable, Hashable, Codable {
        public var text: String
        public var latitude: Double
        public var longitude: Double

        public init(text: String, latitude: Double, longitude: Double) {
            self.text = text
            self.latitude = latitude
            self.longitude = longitude
        }
    }

    public enum Coloring: Sendable, Hashable {
        /// Every point in the palette's blue.
        case uniform
        /// By `Point.category`, coloured in list order from `ChartPalette.categorical`; categories past the sixth
        /// and points outside the list are gray ("Khác"). Colours alone do not survive grayscale print: prefer
        /// `.sequential` for maps meant for paper.
        case categories([String])
        /// By `Point.value`, in bins that start at each edge (`[10, 50]`: below 10, 10 to below 50, 50 and more),
        /// up to 5 edges; nil cuts the values into fifths (quintiles), edges rounded to two significant digits.
        case sequential(edges: [Double]?)
    }

    public var id: String
    public var title: String
    public var description: String?
    public var points: [Point]
    public var labels: [Label]
    public var coloring: Coloring
    /// Legend heading for the fills, also written in each point's tooltip ("Số thành viên").
    public var colorTitle: String?
    /// Legend heading for the circle sizes, also written in each point's tooltip.
    public var sizeTitle: String?
    public var minRadius: Double
    public var maxRadius: Double
    /// Width of the map part of the viewBox; the legend adds `legendWidth` to its right.
    public var mapWidth: Double
    public var format: ChartValueFormat

    public init(id: String, title: String, description: String? = nil, points: [Point], labels: [Label] = [],
                coloring: Coloring = .uniform, colorTitle: String? = nil, sizeTitle: String? = nil,
                minRadius: Double = 2.5, maxRadius: Double = 14, mapWidth: Double = 560, format: ChartValueFormat? = nil) {
        self.id = id
        self.title = title
        self.description = description
        self.points = points
        self.labels = labels
        self.coloring = coloring
        self.colorTitle = colorTitle
        self.sizeTitle = sizeTitle
        self.minRadius = minRadius
        self.maxRadius = maxRadius
        self.mapWidth = mapWidth
        self.format = format ?? ChartNumber.format
    }

    static let legendWidth = 220.0
    /// The tallest the map part gets: Vietnam is twice as tall as it is wide, and a page must still print it.
    static let maxMapHeight = 1100.0
    static let padding = 10.0
    static let maxBins = 6

    /// One label per `group`, at the mean position of its points, in name order.
    public static func centroidLabels(for points: [Point]) -> [Label] {
        var sums: [String: (latitude: Double, longitude: Double, count: Double)] = [:]
        for point in points where isPlaceable(point.latitude, point.longitude) {
            guard let group = point.group else { continue }
            let sum = sums[group] ?? (0, 0, 0)
            sums[group] = (sum.latitude + point.latitude, sum.longitude + point.longitude, sum.count + 1)
        }
        return sums.sorted { $0.key < $1.key }.map {
            Label(text: $0.key, latitude: $0.value.latitude / $0.value.count, longitude: $0.value.longitude / $0.value.count)
        }
    }

    static func isPlaceable(_ latitude: Double, _ longitude: Double) -> Bool {
        latitude.isFinite && longitude.isFinite && abs(latitude) <= 90 && abs(longitude) <= 180
    }

    /// From latitude and longitude to viewBox coordinates.
    struct Projection {
        let north: Double
        let west: Double
        /// cos(middle latitude): how much shorter a degree of longitude is than one of latitude there.
        let shrink: Double
        /// viewBox units per degree of latitude.
        let scale: Double
        let left: Double
        let top: Double
        let mapHeight: Double

        func x(_ longitude: Double) -> Double { left + (longitude - west) * shrink * scale }
        func y(_ latitude: Double) -> Double { top + (north - latitude) * scale }
    }

    /// Fits the points' bounding box, padded, into `mapWidth` by at most `maxMapHeight`.
    func projection(margin: Double) -> Projection {
        let placed = points.filter { Self.isPlaceable($0.latitude, $0.longitude) }.map { ($0.latitude, $0.longitude) }
            + labels.filter { Self.isPlaceable($0.latitude, $0.longitude) }.map { ($0.latitude, $0.longitude) }
        var south = placed.map(\.0).min() ?? 0, north = placed.map(\.0).max() ?? 0
        var west = placed.map(\.1).min() ?? 0, east = placed.map(\.1).max() ?? 0
        // A single commune's points can share one spot: give the box some size to divide by.
        let pad = max(0.02, 0.03 * max(north - south, east - west))
        south -= pad; north += pad; west -= pad; east += pad
        let shrink = cos((north + south) / 2 * .pi / 180)
        let spanX = (east - west) * shrink, spanY = north - south
        let scale = min((mapWidth - 2 * margin) / spanX, (Self.maxMapHeight - 2 * margin) / spanY)
        let left = margin + ((mapWidth - 2 * margin) - spanX * scale) / 2
        return Projection(north: north, west: west, shrink: shrink, scale: scale, left: left, top: margin,
                          mapHeight: spanY * scale + 2 * margin)
    }

    /// Circle radius: area proportional to size (r ∝ √size), the largest size at `maxRadius`; no circle is smaller
    /// than `minRadius`, so that it can still be seen and clicked.
    func radius(_ size: Double?, largest: Double) -> Double {
        guard let size, size.isFinite, size > 0, largest > 0 else { return minRadius }
        return max(minRadius, maxRadius * (size / largest).squareRoot())
    }

    /// The bin edges in force for `.sequential`: the caller's (sorted, at most 5), or quintiles of the values.
    func binEdges() -> [Double] {
        guard case .sequential(let edges) = coloring else { return [] }
        if let edges {
            return Array(Set(edges.filter(\.isFinite)).sorted().prefix(Self.maxBins - 1))
        }
        let values = points.compactMap(\.value).filter(\.isFinite).sorted()
        guard let low = values.first, let high = values.last else { return [] }
        var cuts: [Double] = []
        for fifth in 1..<5 {
            let position = Double(fifth) / 5 * Double(values.count - 1)
            let below = Int(position.rounded(.down)), above = min(below + 1, values.count - 1)
            let quantile = values[below] + (values[above] - values[below]) * (position - Double(below))
            let edge = Self.twoSignificantDigits(quantile)
            // Edges at or below the smallest value would leave an empty first bin.
            if edge > low && edge <= high && edge != cuts.last { cuts.append(edge) }
        }
        return cuts
    }

    /// Legend bins read as round numbers: 1.234 → 1.200, 0,0467 → 0,047.
    static func twoSignificantDigits(_ value: Double) -> Double {
        guard value != 0, value.isFinite else { return value.isFinite ? 0 : value }
        let exponent = Int(log10(value.magnitude).rounded(.down)) - 1
        return exponent >= 0
            ? (value / pow(10, Double(exponent))).rounded() * pow(10, Double(exponent))
            : (value * pow(10, Double(-exponent))).rounded() / pow(10, Double(-exponent))
    }

    /// The largest round number (1, 2 or 5 times a power of ten) not above `value`, for the size legend.
    static func roundDown(_ value: Double) -> Double {
        let power = pow(10, log10(value).rounded(.down))
        let leading = value / power
        return (leading >= 5 ? 5 : leading >= 2 ? 2 : 1) * power
    }

    /// Fill colours and legend entries for the coloring: `fills[i]` goes with `legend[i]`.
    private func palette(edges: [Double]) -> (fills: [String], legend: [String]) {
        switch coloring {
        case .uniform:
            return ([ChartPalette.blue.color], [])
        case .categories(let names):
            let listed = Array(names.prefix(ChartPalette.categorical.count))
            return (listed.indices.map { ChartPalette.categorical[$0].color } + [ChartPalette.missing], listed + ["Khác"])
        case .sequential:
            let bins = edges.count + 1
            // Spread over the whole palette, so three bins still run from light to dark.
            let last = ChartPalette.sequential.count - 1
            let fills = (0..<bins).map { ChartPalette.sequential[bins == 1 ? last / 2 : Int((Double($0 * last) / Double(bins - 1)).rounded())] }
            var legend: [String] = []
            if edges.isEmpty {
                let values = points.compactMap(\.value).filter(\.isFinite)
                let low = values.min() ?? 0, high = values.max() ?? 0
                legend = [low == high ? format(low) : "\(format(low)) – \(format(high))"]
            } else {
                legend.append("Dưới \(format(edges[0]))")
                for index in 1..<edges.count { legend.append("\(format(edges[index - 1])) – dưới \(format(edges[index]))") }
                legend.append("Từ \(format(edges[edges.count - 1])) trở lên")
            }
            return (fills + [ChartPalette.missing], legend + ["Không có số liệu"])
        }
    }

    /// Which fill a point takes: an index into `palette(edges:).fills`, whose last entry (`other`) is the gray for
    /// points outside the categories or without a value.
    private func fillIndex(_ point: Point, edges: [Double], categories: [String: Int], other: Int) -> Int {
        switch coloring {
        case .uniform:
            return 0
        case .categories:
            return point.category.flatMap { categories[$0] } ?? other
        case .sequential:
            guard let value = point.value, value.isFinite else { return other }
            var bin = 0
            while bin < edges.count && value >= edges[bin] { bin += 1 }
            return bin
        }
    }

    public func svg() -> String {
        let id = SVG.identifier(self.id)
        let placed = points.filter { Self.isPlaceable($0.latitude, $0.longitude) }
        let width = mapWidth + Self.legendWidth
        guard !placed.isEmpty else {
            return SVG.document(id: id, kind: "map", width: width, height: 300, title: title,
                                description: description ?? SVG.noData + ".",
                                body: SVG.noDataMessage(width: width, height: 300))
        }
        let largest = placed.compactMap(\.size).filter(\.isFinite).max() ?? 0
        // Rounded as drawn, so that circles drawn the same size count as ties below and can share a fill group.
        let radii = placed.map { (radius($0.size, largest: largest) * 10).rounded() / 10 }
        let projection = projection(margin: (radii.max() ?? minRadius) + 2)
        let edges = binEdges()
        let (fills, legendLabels) = palette(edges: edges)
        var categories: [String: Int] = [:]
        if case .categories(let names) = coloring {
            for (index, name) in names.prefix(ChartPalette.categorical.count).enumerated() where categories[name] == nil {
                categories[name] = index
            }
        }
        let fillIndices = placed.map { fillIndex($0, edges: edges, categories: categories, other: fills.count - 1) }

        // Large circles first, so small ones stay on top and clickable; within one size, points of one fill run
        // together and share a `<g fill>`, which keeps a big map's markup small.
        let order = placed.indices.sorted {
            radii[$0] != radii[$1] ? radii[$0] > radii[$1]
                : fillIndices[$0] != fillIndices[$1] ? fillIndices[$0] < fillIndices[$1] : $0 < $1
        }
        var body = "<rect x=\"0.5\" y=\"0.5\" width=\"\(SVG.num(mapWidth - 1))\" height=\"\(SVG.num(projection.mapHeight - 1))\""
        body += " fill=\"none\" stroke=\"\(ChartPalette.grid)\"/>\n"
        body += "<g class=\"points\" fill-opacity=\"0.85\" stroke=\"\(ChartPalette.ink)\" stroke-opacity=\"0.6\" stroke-width=\"0.5\">\n"
        body.reserveCapacity(placed.count * 120)
        var currentFill = -1
        for index in order {
            let point = placed[index]
            if fillIndices[index] != currentFill {
                if currentFill >= 0 { body += "</g>\n" }
                currentFill = fillIndices[index]
                body += "<g fill=\"\(escapeMarkup(fills[currentFill]))\">\n"
            }
            let href = SVG.safeHref(point.href)
            if let href { body += "<a href=\"\(escapeMarkup(href))\">" }
            body += "<circle cx=\"\(SVG.num(projection.x(point.longitude)))\" cy=\"\(SVG.num(projection.y(point.latitude)))\""
            body += " r=\"\(SVG.num(radii[index]))\"><title>\(escapeMarkup(tooltip(point)))</title></circle>"
            body += href == nil ? "\n" : "</a>\n"
        }
        body += "</g></g>\n"

        let shownLabels = labels.filter { Self.isPlaceable($0.latitude, $0.longitude) }
        if !shownLabels.isEmpty {
            // Above the points but transparent to the pointer, so a label never blocks a click on a circle under it.
            body += "<g class=\"labels\" font-size=\"11\" font-weight=\"600\" text-anchor=\"middle\" fill=\"\(ChartPalette.ink)\""
            body += " \(SVG.halo) pointer-events=\"none\">\n"
            for label in shownLabels {
                body += "<text x=\"\(SVG.num(projection.x(label.longitude)))\" y=\"\(SVG.num(projection.y(label.latitude) + 11 * 0.35))\">"
                body += escapeMarkup(label.text) + "</text>\n"
            }
            body += "</g>\n"
        }

        let (legend, legendBottom) = self.legend(fills: fills, labels: legendLabels, used: Set(fillIndices), largest: largest)
        body += legend
        let height = max(projection.mapHeight, legendBottom + Self.padding)
        return SVG.document(id: id, kind: "map", width: width, height: height, title: title,
                            description: description ?? summary(placed: placed.count, edges: edges), body: body)
    }

    /// "Hợp tác xã Đồng Tâm — Nông nghiệp, Số thành viên: 120".
    private func tooltip(_ point: Point) -> String {
        var details: [String] = []
        if case .categories = coloring, let category = point.category { details.append(category) }
        if case .sequential = coloring, let value = point.value, value.isFinite {
            details.append(colorTitle.map { "\($0): \(format(value))" } ?? format(value))
        }
        if let size = point.size, size.isFinite {
            details.append(sizeTitle.map { "\($0): \(format(size))" } ?? format(size))
        }
        return details.isEmpty ? point.name : point.name + " — " + details.joined(separator: ", ")
    }

    /// The legend column right of the map: fill entries (only those some point uses, plus every listed bin so the
    /// scale reads whole), then reference circles for sizes. Returns the markup and where it ends.
    private func legend(fills: [String], labels: [String], used: Set<Int>, largest: Double) -> (String, Double) {
        let left = mapWidth + 16
        var y = Self.padding
        var out = "<g class=\"legend\" fill=\"\(ChartPalette.ink)\">"
        func heading(_ text: String?) {
            guard let text else { return }
            y += 16
            out += "<text x=\"\(SVG.num(left))\" y=\"\(SVG.num(y))\" font-weight=\"600\">"
            out += escapeMarkup(SVG.fitted(text, width: Self.legendWidth - 24)) + "</text>"
            y += 6
        }
        if !labels.isEmpty {
            heading(colorTitle)
            // The last entry ("Khác", "Không có số liệu") is listed only when a point needs it.
            for index in labels.indices where index < labels.count - 1 || used.contains(index) {
                y += 20
                out += "<circle cx=\"\(SVG.num(left + 7))\" cy=\"\(SVG.num(y - 4.5))\" r=\"6\" fill=\"\(escapeMarkup(fills[index]))\""
                out += " stroke=\"\(ChartPalette.ink)\" stroke-width=\"0.5\"/>"
                out += "<text x=\"\(SVG.num(left + 20))\" y=\"\(SVG.num(y))\">"
                out += escapeMarkup(SVG.fitted(labels[index], width: Self.legendWidth - 40)) + "</text>"
            }
            y += 16
        }
        if largest > 0 {
            heading(sizeTitle)
            // The largest size itself, then round numbers at a quarter and a sixteenth of it (half and quarter
            // the radius), as long as they are bigger than the smallest circle.
            var references = [largest]
            for divisor in [4.0, 16] {
                let value = Self.roundDown(largest / divisor)
                if radius(value, largest: largest) > minRadius, references.last != value { references.append(value) }
            }
            for value in references {
                let r = radius(value, largest: largest)
                y += max(2 * r, 12) + 8
                out += "<circle cx=\"\(SVG.num(left + maxRadius))\" cy=\"\(SVG.num(y - r))\" r=\"\(SVG.num(r))\" fill=\"none\""
                out += " stroke=\"\(ChartPalette.ink)\"/>"
                out += "<text x=\"\(SVG.num(left + 2 * maxRadius + 8))\" y=\"\(SVG.num(y - r + SVG.fontSize * 0.35))\">"
                out += escapeMarkup(format(value)) + "</text>"
            }
        }
        return (out + "</g>\n", y)
    }

    /// "Bản đồ 3.321 điểm theo toạ độ. Màu: Số thành viên, 5 nhóm. 12 điểm thiếu toạ độ không được vẽ."
    private func summary(placed: Int, edges: [Double]) -> String {
        var text = "Bản đồ \(ChartNumber.format(Double(placed))) điểm theo toạ độ."
        switch coloring {
        case .uniform: break
        case .categories(let names): text += " Màu theo \(colorTitle ?? "nhóm"): \(names.joined(separator: ", "))."
        case .sequential: text += " Màu theo \(colorTitle ?? "giá trị"), \(edges.count + 1) khoảng, nhạt đến đậm."
        }
        if let sizeTitle, points.contains(where: { $0.size != nil }) { text += " Cỡ vòng tròn theo \(sizeTitle)." }
        let missing = points.count - placed
        if missing > 0 { text += " \(ChartNumber.format(Double(missing))) điểm thiếu toạ độ không được vẽ." }
        return text
    }
}
