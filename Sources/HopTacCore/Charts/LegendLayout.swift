/// Legend entries laid out in rows across the top of a chart, wrapping when a row is full, so that a legend of five
/// classification bands never runs off a narrow chart.
struct LegendLayout {
    static let rowHeight = 20.0

    /// The middle of each entry's key (its left edge is `x`), in entry order.
    let positions: [(x: Double, y: Double)]
    let height: Double

    init(labels: [String], keyWidth: Double, left: Double, top: Double, width: Double) {
        var positions: [(x: Double, y: Double)] = []
        var x = left, y = top + Self.rowHeight / 2
        for label in labels {
            let entry = keyWidth + 6 + SVG.textWidth(label)
            if x > left && x + entry > left + width {
                x = left
                y += Self.rowHeight
            }
            positions.append((x, y))
            x += entry + 18
        }
        self.positions = positions
        height = labels.isEmpty ? 0 : y + Self.rowHeight / 2 - top
    }

    /// The entry's label, set after its key.
    func label(_ index: Int, _ text: String, keyWidth: Double) -> String {
        let position = positions[index]
        return "<text x=\"\(SVG.num(position.x + keyWidth + 6))\" y=\"\(SVG.num(position.y + SVG.fontSize * 0.35))\">"
            + escapeMarkup(text) + "</text>"
    }
}
