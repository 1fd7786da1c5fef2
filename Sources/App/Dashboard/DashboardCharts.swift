import HopTacCore
import Vapor

/// One chart of a dashboard: its SVG, and the same figures as a table for the page, screen readers and `.csv`.
struct DashboardChart: Sendable {
    let id: String
    let title: String
    let header: [String]
    let rows: [[any TableCell & Sendable]]
    let svg: String
}

extension Dashboard {
    /// Dashboard charts sit two to a row, about 510 px wide at 1366 px: drawn on a viewBox this wide, their 13-unit
    /// text stays at least 11 px on screen (the browser check measures it).
    static let chartWidth = 560.0
    static let chartHeight = 360.0

    var charts: [DashboardChart] {
        let lastYears = years.map(String.init)
        let types: [OrganizationType] = OrganizationType.allCases
        let statuses: [OrganizationStatus] = [.active, .suspended, .awaitingDissolution]
        let bandNames = Rubric.tt01_2020.bands.map { ($0.code, $0.label) }
        var charts: [DashboardChart] = []

        let typeBars = types.map { BarChart.Bar(label: $0.label, value: now[.registered($0)]) }
        charts.append(DashboardChart(
            id: "types", title: "Tổ chức kinh tế tập thể theo loại hình (\(asOf.year))", header: ["Loại hình", "Số tổ chức"],
            rows: types.map { [$0.label, Int(saturating: now[.registered($0)])] },
            svg: BarChart(id: "chart-types", title: "Tổ chức theo loại hình", bars: typeBars, width: Self.chartWidth).svg()))

        charts.append(DashboardChart(
            id: "statuses", title: "Tổ chức theo tình trạng hoạt động (\(asOf.year))", header: ["Tình trạng", "Số tổ chức"],
            rows: statuses.map { [$0.label, Int(saturating: now[.status($0)])] },
            svg: BarChart(id: "chart-statuses", title: "Tổ chức theo tình trạng", bars: statuses.map { .init(label: $0.label, value: now[.status($0)]) },
                          swatch: ChartPalette.orange, width: Self.chartWidth).svg()))

        charts.append(DashboardChart(
            id: "bands", title: "Kết quả xếp loại theo năm", header: ["Năm"] + bandNames.map(\.1) + ["Chưa xếp loại", "Tỷ lệ tốt, khá (%)"],
            rows: zip(years, series).map { year, f in
                [PlainNumber(year)] + bandNames.map { Int(saturating: f[.band($0.0)]) as any TableCell & Sendable } + [Int(saturating: f[.notRated]),
                 f.goodFairPercent]
            },
            svg: StackedBarChart(id: "chart-bands", title: "Kết quả xếp loại theo năm", categories: lastYears,
                                 series: bandNames.enumerated().map { index, band in
                                     .init(name: band.1, values: series.map { $0[.band(band.0)] }, swatch: ChartPalette.classification[index])
                                 } + [.init(name: "Chưa xếp loại", values: series.map { $0[.notRated] }, swatch: ChartPalette.classification[4])],
                                 width: Self.chartWidth, height: Self.chartHeight).svg()))

        charts.append(DashboardChart(
            id: "members", title: "Thành viên và lao động theo năm (theo báo cáo)", header: ["Năm", "Thành viên", "Lao động thường xuyên"],
            rows: zip(years, series).map { [PlainNumber($0), Int(saturating: $1[.members]), Int(saturating: $1[.workers])] },
            svg: LineChart(id: "chart-members", title: "Thành viên và lao động theo năm",
                           series: [.init(name: "Thành viên", points: zip(years, series).map { .init(year: $0, value: $1[.members]) }),
                                    .init(name: "Lao động", points: zip(years, series).map { .init(year: $0, value: $1[.workers]) }, swatch: ChartPalette.orange)],
                           width: Self.chartWidth, height: Self.chartHeight).svg()))

        charts.append(DashboardChart(
            id: "revenue", title: "Doanh thu và lợi nhuận theo năm (triệu đồng)", header: ["Năm", "Doanh thu", "Lợi nhuận trước thuế", "Thu nhập bình quân (triệu đồng/năm)"],
            rows: zip(years, series).map { [PlainNumber($0), $1[.revenue], $1[.pretaxProfit], $1[.averageIncome]] },
            svg: LineChart(id: "chart-revenue", title: "Doanh thu và lợi nhuận theo năm",
                           series: [.init(name: "Doanh thu", points: zip(years, series).map { .init(year: $0, value: $1[.revenue]) }),
                                    .init(name: "Lợi nhuận", points: zip(years, series).map { .init(year: $0, value: $1[.pretaxProfit]) }, swatch: ChartPalette.orange)],
                           width: Self.chartWidth, height: Self.chartHeight).svg()))

        let chainShares = zip(years, series).compactMap { year, f in f.percent(.valueChain, of: .reportsSubmitted).map { (year, $0) } }
        charts.append(DashboardChart(
            id: "value-chain", title: "Tỷ lệ tổ chức tham gia chuỗi giá trị (%)", header: ["Năm", "Tham gia chuỗi giá trị", "Báo cáo", "Tỷ lệ (%)"],
            rows: zip(years, series).map { [PlainNumber($0), Int(saturating: $1[.valueChain]), Int(saturating: $1[.reportsSubmitted]), $1.percent(.valueChain, of: .reportsSubmitted)] },
            svg: LineChart(id: "chart-value-chain", title: "Tỷ lệ tham gia chuỗi giá trị",
                           series: [.init(name: "Tỷ lệ (%)", points: chainShares.map { .init(year: $0.0, value: $0.1) })],
                           width: Self.chartWidth, height: Self.chartHeight).svg()))

        charts.append(DashboardChart(
            id: "timeliness", title: "Tiến độ nộp báo cáo năm \(timeliness.year) (hạn \(timeliness.deadline.vietnamese))", header: ["Tình trạng", "Số tổ chức"],
            rows: [["Đúng hạn", timeliness.onTime], ["Trễ hạn", timeliness.late], ["Chưa nộp", timeliness.notYet]],
            // Three different things, so three fills that differ in colour and in texture (on paper in black and white too).
            svg: BarChart(id: "chart-timeliness", title: "Tiến độ nộp báo cáo", bars: [
                .init(label: "Đúng hạn", value: Double(timeliness.onTime), swatch: ChartPalette.green),
                .init(label: "Trễ hạn", value: Double(timeliness.late), swatch: ChartPalette.orange),
                .init(label: "Chưa nộp", value: Double(timeliness.notYet), swatch: ChartPalette.red),
            ], width: Self.chartWidth).svg()))
        return charts
    }
}
