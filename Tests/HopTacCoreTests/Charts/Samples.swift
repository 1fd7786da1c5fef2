@testable import HopTacCore

/// Charts as the app would draw them, for the checks every chart must pass.
enum Samples {
    static let bands = ["Tốt", "Khá", "Trung bình", "Yếu", "Chưa xếp loại"]

    static var bar: BarChart {
        BarChart(id: "by-province", title: "Số hợp tác xã theo tỉnh", bars: [
            .init(label: "Hà Nội", value: 1234, href: "/tinh/01"),
            .init(label: "Thành phố Hồ Chí Minh", value: 987.5, href: "/tinh/79"),
            .init(label: "Lai Châu", value: 12),
        ])
    }

    static func stacked(percent: Bool = false) -> StackedBarChart {
        StackedBarChart(id: "bands", title: "Xếp loại theo năm", categories: ["2022", "2023", "2024"],
                        series: bands.indices.map { index in
                            .init(name: bands[index], values: [10, 20, 30].map { $0 + Double(index * 7) },
                                  swatch: ChartPalette.classification[index])
                        }, percent: percent)
    }

    static var line: LineChart {
        let members = LineChart.Series(name: "Thành viên", points: [
            .init(year: 2021, value: 1200), .init(year: 2022, value: 1310), .init(year: 2023, value: 1420),
        ], projection: .init(year: 2030, value: 2100))
        let workers = LineChart.Series(name: "Lao động", points: [
            .init(year: 2021, value: 400), .init(year: 2022, value: 460), .init(year: 2023, value: 455),
        ])
        return LineChart(id: "trend", title: "Thành viên và lao động", series: [members, workers],
                         targets: [.init(label: "Mục tiêu 2030", value: 2000)])
    }

    static var sparkline: Sparkline {
        Sparkline(id: "spark-1", title: "Doanh thu 2019–2024", values: [5, 7, 6, 9, 12, 11])
    }

    static var map: PointMap {
        PointMap(id: "map", title: "Hợp tác xã trên bản đồ", points: [
            .init(name: "HTX Bắc", latitude: 22.8, longitude: 104.9, size: 400, value: 5, group: "Hà Giang", href: "/htx/1"),
            .init(name: "HTX Nam", latitude: 9.2, longitude: 105.1, size: 100, value: 50, group: "Cà Mau"),
            .init(name: "HTX Tây", latitude: 16.0, longitude: 102.5, size: 25, value: 500, group: "Đà Nẵng"),
            .init(name: "HTX Đông", latitude: 16.1, longitude: 109.2, value: nil, group: "Đà Nẵng"),
        ], coloring: .sequential(edges: [10, 100]), colorTitle: "Doanh thu", sizeTitle: "Thành viên")
    }

    /// Every kind, with data and without: the well-formedness and labelling checks run over all of them.
    static var all: [(id: String, svg: String)] {
        [
            ("by-province", bar.svg()),
            ("bands", stacked().svg()),
            ("bands", stacked(percent: true).svg()),
            ("trend", line.svg()),
            ("spark-1", sparkline.svg()),
            ("map", map.svg()),
            ("empty-bar", BarChart(id: "empty-bar", title: "Trống", bars: []).svg()),
            ("empty-stacked", StackedBarChart(id: "empty-stacked", title: "Trống", categories: [], series: []).svg()),
            ("empty-line", LineChart(id: "empty-line", title: "Trống", series: []).svg()),
            ("empty-spark", Sparkline(id: "empty-spark", title: "Trống", values: []).svg()),
            ("empty-map", PointMap(id: "empty-map", title: "Trống", points: []).svg()),
        ]
    }
}
