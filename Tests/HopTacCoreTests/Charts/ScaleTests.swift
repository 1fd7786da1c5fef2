import Testing
@testable import HopTacCore

@Suite("Numbers and scales")
struct ScaleTests {
    @Test("labels are written the Vietnamese way", arguments: [
        (1234.5, "1.234,5"), (1234567, "1.234.567"), (0, "0"), (-0.001, "0"), (0.25, "0,25"), (0.05, "0,05"),
        (999.999, "1.000"), (-1234.5, "-1.234,5"), (100, "100"), (12.30, "12,3"), (Double.nan, "—"),
    ])
    func vietnamese(value: Double, text: String) {
        #expect(ChartNumber.format(value) == text)
    }

    @Test("percent labels keep one decimal")
    func percent() {
        #expect(ChartNumber.percent(100.0 / 3, ChartNumber.format) == "33,3%")
        #expect(ChartNumber.percent(50, ChartNumber.format) == "50%")
    }

    @Test("nice ticks land on round numbers", arguments: [
        (0.0, 87.0, [0.0, 20, 40, 60, 80, 100]),
        (0, 1, [0, 0.2, 0.4, 0.6, 0.8, 1]),
        (0, 1234, [0, 500, 1000, 1500]),
        (13, 97, [0, 20, 40, 60, 80, 100]),
        (-35, 42, [-40, -20, 0, 20, 40, 60]),
        (0.12, 0.67, [0, 0.2, 0.4, 0.6, 0.8]),
        (1200, 2100, [1200, 1400, 1600, 1800, 2000, 2200]),
        (0, 0, [0, 0.2, 0.4, 0.6, 0.8, 1]),
        (50, 50, [20, 30, 40, 50, 60, 70, 80]),
    ])
    func nice(low: Double, high: Double, ticks: [Double]) {
        let scale = NiceScale(low, high)
        #expect(scale.ticks == ticks)
        #expect(scale.lower <= low && scale.upper >= high)
    }

    @Test("counts never get fractional steps")
    func integral() {
        #expect(NiceScale(0, 2, integral: true).ticks == [0, 1, 2])
        #expect(NiceScale(0, 0, integral: true).ticks == [0, 1])
        #expect(NiceScale(0, 87, integral: true).ticks == [0, 20, 40, 60, 80, 100])
    }
}
