import Foundation
import Testing
@testable import HopTacCore

@Suite("Bar chart")
struct BarChartTests {
    @Test("bar lengths are proportional to values, the largest filling the plot")
    func proportional() throws {
        let chart = BarChart(id: "b", title: "t", bars: [
            .init(label: "A", value: 25), .init(label: "B", value: 50), .init(label: "C", value: 100),
        ])
        let root = try #require(parseXML(chart.svg()))
        let bars = root.all("rect", class: "bar")
        let layout = chart.layout()
        #expect(bars.map { $0["width"] } == [layout.plotWidth / 4, layout.plotWidth / 2, layout.plotWidth].map(SVG.num))
        // Labels "A", "B", "C" and values up to "100" leave 893,32 units of the 960 for the bars.
        #expect(bars.map { $0["width"] } == ["223.3", "446.7", "893.3"])
        #expect(bars.allSatisfy { $0["x"] == "26.8" })
        #expect(root.all("text", class: "value").map(\.text) == ["25", "50", "100"])
    }

    @Test("bars that are different things carry their own fills, each with its own texture, defined once")
    func ownFills() throws {
        let chart = BarChart(id: "t", title: "t", bars: [
            .init(label: "Đúng hạn", value: 5, swatch: ChartPalette.green), .init(label: "Trễ hạn", value: 2, swatch: ChartPalette.orange),
            .init(label: "Chưa nộp", value: 3, swatch: ChartPalette.red), .init(label: "Đúng hạn nữa", value: 1, swatch: ChartPalette.green),
        ])
        let root = try #require(parseXML(chart.svg()))
        let fills = root.all("rect", class: "bar").compactMap { $0["fill"] }
        #expect(fills.count == 4 && Set(fills.prefix(3)).count == 3 && fills[0] == fills[3], "\(fills)")
        #expect(root.all("pattern").count == 2, "green stripes and red crosshatch, each defined once; orange is solid")
        let plain = try #require(parseXML(BarChart(id: "p", title: "p", bars: [.init(label: "A", value: 1), .init(label: "B", value: 2)]).svg()))
        #expect(Set(plain.all("rect", class: "bar").compactMap { $0["fill"] }).count == 1, "one measure of many places keeps one fill")
    }

    @Test("the chart grows one row per bar")
    func height() {
        let bars = (1...40).map { BarChart.Bar(label: "Tỉnh \($0)", value: Double($0)) }
        let forty = BarChart(id: "b", title: "t", bars: bars).layout().height
        let ten = BarChart(id: "b", title: "t", bars: Array(bars.prefix(10))).layout().height
        #expect(forty - ten == 30 * BarChart.rowHeight)
    }

    @Test("negative values run left of zero; missing ones draw no bar")
    func negativeAndMissing() throws {
        let chart = BarChart(id: "b", title: "t", bars: [
            .init(label: "Lỗ", value: -10), .init(label: "Lãi", value: 30), .init(label: "Chưa báo cáo", value: .nan),
        ])
        let layout = chart.layout()
        let root = try #require(parseXML(chart.svg()))
        let bars = root.all("rect", class: "bar")
        #expect(bars.count == 2)
        let zero = layout.x(0)
        #expect(bars[0].double("x")! < zero && bars[1].double("x")! == (zero * 10).rounded() / 10)
        #expect(abs(bars[1].double("width")! / bars[0].double("width")! - 3) < 0.01)
        #expect(root.all("text", class: "value").map(\.text) == ["-10", "30", "—"])
    }

    @Test("a linked bar wraps its label and bar in the link, with a tooltip")
    func links() throws {
        let root = try #require(parseXML(Samples.bar.svg()))
        let links = root.all("a")
        #expect(links.map { $0["href"] } == ["/tinh/01", "/tinh/79"])
        #expect(links[0].title == "Hà Nội: 1.234")
        #expect(links[0].all("rect", class: "bar").count == 1 && links[0].all("text").count == 2)
        #expect(links[1].title == "Thành phố Hồ Chí Minh: 987,5")
        #expect(root.all("desc").first?.text == "3 mục. Cao nhất: Hà Nội (1.234). Thấp nhất: Lai Châu (12).")
    }

    @Test("a caller's format writes the labels")
    func customFormat() throws {
        let chart = BarChart(id: "b", title: "t", bars: [.init(label: "A", value: 5)], format: { "\(Int($0)) HTX" })
        #expect(try #require(parseXML(chart.svg())).all("text", class: "value").first?.text == "5 HTX")
    }
}

@Suite("Stacked bar chart")
struct StackedBarChartTests {
    /// Heights of each bar's segments, bar by bar.
    func segments(_ root: SVGNode) -> [[Double]] {
        root.all("g", class: "bar").map { $0.all("rect", class: "segment").map { $0.double("height")! } }
    }

    /// The plot's height: from the lowest to the highest grid line.
    func plotHeight(_ root: SVGNode) -> Double {
        let ys = root.all("g", class: "axis").flatMap { $0.all("line") }.map { $0.double("y1")! }
        return ys.max()! - ys.min()!
    }

    @Test("segments stack to the bar's height, which follows its total")
    func counts() throws {
        let chart = Samples.stacked()
        let root = try #require(parseXML(chart.svg()))
        let bars = root.all("g", class: "bar")
        #expect(bars.count == 3)
        let totals = (0..<3).map(chart.total)
        #expect(totals == [120, 170, 220])
        for (bar, total) in zip(bars, totals) {
            let rects = bar.all("rect", class: "segment")
            #expect(rects.count == 5)
            // Each segment starts where the one below it ends.
            for (lower, upper) in zip(rects, rects.dropFirst()) {
                #expect(abs(upper.double("y")! + upper.double("height")! - lower.double("y")!) < 1e-9)
            }
            let sum = rects.reduce(0) { $0 + $1.double("height")! }
            let drawn = rects[0].double("y")! + rects[0].double("height")! - rects[rects.count - 1].double("y")!
            #expect(abs(sum - drawn) < 1e-9)
            // The bar's height is its total's share of the axis.
            #expect(abs(sum - total / NiceScale(0, 220).upper * plotHeight(root)) <= 0.1)
            #expect(bar.all("text", class: "total").first?.text == ChartNumber.format(total))
        }
        let first = try #require(bars[0].all("rect", class: "segment").first)
        #expect(first.title == "Tốt, 2022: 10 (8,3%)")
        #expect(root.all("g", class: "legend").first?.all("text").map(\.text) == Samples.bands)
    }

    @Test("in percent mode every bar fills the plot and the axis reads 0–100%")
    func percent() throws {
        let root = try #require(parseXML(Samples.stacked(percent: true).svg()))
        let height = plotHeight(root)
        for bar in segments(root) {
            #expect(abs(bar.reduce(0, +) - height) < 1e-9)
        }
        let ticks = root.all("g", class: "axis").flatMap { $0.all("text") }.map(\.text)
        #expect(ticks == ["0%", "20%", "40%", "60%", "80%", "100%"])
        let labels = root.all("g", class: "bar")[0].all("text").map(\.text)
        #expect(labels.contains("20%"), "segment labels are shares: 24 of 120")
        #expect(labels.contains("120"), "the total still stands above the bar")
    }

    @Test("zero, negative and missing values add nothing; an empty year still gets its label")
    func gaps() throws {
        let chart = StackedBarChart(id: "s", title: "t", categories: ["2023", "2024"], series: [
            .init(name: "Tốt", values: [5, 0]), .init(name: "Yếu", values: [-3]),
        ], percent: true)
        let root = try #require(parseXML(chart.svg()))
        #expect(segments(root) == [[plotHeight(root)], []])
        #expect(root.all("g", class: "bar")[1].all("text").map(\.text) == ["0", "2024"])
    }
}

@Suite("Line chart")
struct LineChartTests {
    @Test("a projection runs dashed from the last point to the horizon, a target line is labelled")
    func projectionAndTarget() throws {
        let root = try #require(parseXML(Samples.line.svg()))
        let projection = try #require(root.all("path", class: "projection").first)
        #expect(projection["stroke-dasharray"] == LineChart.projectionDash)
        let series = root.all("g", class: "series")
        #expect(series.count == 2)
        let line = try #require(series[0].all("path").first?["d"])
        let lastPoint = try #require(line.split(separator: "L").last)
        #expect(projection["d"]!.hasPrefix("M" + lastPoint + "L"), "the projection continues from the last point")
        let end = try #require(series[0].all("circle").first { $0["fill"] == "#fff" })
        #expect(end.title == "Thành viên, 2030 (dự báo): 2.100")
        #expect(series[0].all("text").contains { $0.text == "2.100 (dự báo)" })

        let target = try #require(root.all("g", class: "target").first)
        let rule = try #require(target.all("line").first)
        #expect(rule["y1"] == rule["y2"] && rule["stroke-dasharray"] == LineChart.targetDash)
        #expect(target.all("text").first?.text == "Mục tiêu 2030: 2.000")
        // The target sits exactly on the grid line of its value.
        let axis = try #require(root.all("g", class: "axis").first)
        let tickLabels = axis.all("text").filter { $0["text-anchor"] == "end" }
        #expect(tickLabels.map(\.text) == ["0", "1.000", "2.000", "3.000"])
        let grid = axis.all("line")[2]
        #expect(grid["y1"] == rule["y1"])
    }

    @Test("every point is marked with its tooltip, series told apart by dashes and markers")
    func points() throws {
        let root = try #require(parseXML(Samples.line.svg()))
        let series = root.all("g", class: "series")
        #expect(series[0].all("circle").filter { $0["fill"] != "#fff" }.compactMap(\.title)
                    == ["Thành viên, 2021: 1.200", "Thành viên, 2022: 1.310", "Thành viên, 2023: 1.420"])
        #expect(series[1].all("rect").compactMap(\.title).count == 3, "the second series has square markers")
        #expect(series[0].all("path").first?["stroke-dasharray"] == nil)
        #expect(series[1].all("path").first?["stroke-dasharray"] == LineChart.dashes[1])
        #expect(root.all("g", class: "legend").first?.all("text").map(\.text) == ["Thành viên", "Lao động"])
        let years = root.all("g", class: "axis").first!.all("text").filter { $0["text-anchor"] == "middle" }.map(\.text)
        #expect(years == (2021...2030).map(String.init))
    }

    @Test("the linear trend carries the points on")
    func trend() {
        let series = LineChart.Series(name: "s", points: [.init(year: 2021, value: 10), .init(year: 2022, value: 20),
                                                          .init(year: 2023, value: 30)])
        #expect(series.linearProjection(to: 2025) == .init(year: 2025, value: 50))
        #expect(series.linearProjection(to: 2023) == nil)
        #expect(LineChart.Series(name: "s", points: [.init(year: 2021, value: 1)]).linearProjection(to: 2030) == nil)
    }

    @Test("a projection that does not lie ahead is not drawn")
    func staleProjection() throws {
        let chart = LineChart(id: "l", title: "t", series: [
            .init(name: "s", points: [.init(year: 2024, value: 3)], projection: .init(year: 2020, value: 9)),
        ])
        let root = try #require(parseXML(chart.svg()))
        #expect(root.all("path", class: "projection").isEmpty)
        #expect(root.all("g", class: "legend").isEmpty, "one series needs no legend")
    }
}

@Suite("Sparkline")
struct SparklineTests {
    @Test("a line and its last point, no axes or text, still titled")
    func shape() throws {
        let root = try #require(parseXML(Samples.sparkline.svg()))
        #expect(root.all("title").first?.text == "Doanh thu 2019–2024")
        #expect(root.all("desc").first?.text == "Từ 5 đến 11. Thấp nhất 5, cao nhất 12.")
        #expect(root.all("text").isEmpty)
        let last = try #require(root.all("circle", class: "last").first)
        // Last of six values (11, between 5 and 12) at the right inset.
        #expect(last["cx"] == "77.5" && last["cy"] == "4.6")
        let path = try #require(root.all("path").first?["d"])
        #expect(path.hasPrefix("M2.5 17.5L") && path.hasSuffix("L77.5 4.6"))
    }

    @Test("one value or a flat series is drawn level")
    func flat() throws {
        let one = try #require(parseXML(Sparkline(id: "s", title: "t", values: [4]).svg()))
        #expect(one.all("circle").first?["cx"] == "40" && one.all("circle").first?["cy"] == "10")
        let flat = try #require(parseXML(Sparkline(id: "s", title: "t", values: [3, 3, .nan, 3]).svg()))
        #expect(flat.all("path").first?["d"] == "M2.5 10L40 10L77.5 10")
    }
}
