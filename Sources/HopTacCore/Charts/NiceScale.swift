import Foundation

/// An axis that starts and ends on round numbers with 4–6 ticks one round step apart (Heckbert's "nice numbers",
/// Graphics Gems, 1990): readers compare against 0, 20, 40 … far more easily than against 0, 17,4, 34,8 ….
struct NiceScale: Equatable {
    let lower: Double
    let upper: Double
    let ticks: [Double]

    /// A scale covering `minimum...maximum` with about `maxTicks` ticks (0…87 → 0, 20, 40, 60, 80, 100).
    /// `integral` keeps steps whole for counts: two cooperatives are not divided into 0,5 steps.
    init(_ minimum: Double, _ maximum: Double, maxTicks: Int = 5, integral: Bool = false) {
        var low = min(minimum, maximum), high = max(minimum, maximum)
        if low == high {
            // One value has no range to divide: widen around it, never across zero for a positive count.
            let pad = low == 0 ? 1 : low.magnitude / 2
            low = low >= 0 ? max(0, low - pad) : low - pad
            high += pad
        }
        if !low.isFinite || !high.isFinite { (low, high) = (0, 1) }
        let range = Self.nice(high - low, round: false)
        var step = Self.nice(range.value / Double(maxTicks - 1), round: true)
        if integral && step.exponent < 0 { step = Step(mantissa: 1, exponent: 0) }
        // The small tolerance keeps 0.3 / 0.1 = 2.9999… from adding a tick below the data.
        let first = Int((low / step.value + 1e-9).rounded(.down))
        let last = Int((high / step.value - 1e-9).rounded(.up))
        ticks = (first...max(first + 1, last)).map { step.multiple($0) }
        lower = ticks[0]
        upper = ticks[ticks.count - 1]
    }

    /// A round number (1, 2, 5 or 10 times a power of ten) and its exact multiples.
    private struct Step {
        let mantissa: Int
        let exponent: Int

        var value: Double { multiple(1) }

        /// `k × mantissa × 10^exponent`, dividing for negative exponents so that 3 × 0.1 comes out as 0.3.
        func multiple(_ k: Int) -> Double {
            exponent >= 0
                ? Double(k * mantissa) * pow(10, Double(exponent))
                : Double(k * mantissa) / pow(10, Double(-exponent))
        }
    }

    /// The round number closest to `x` (`round`), or the smallest one at least `x`.
    private static func nice(_ x: Double, round: Bool) -> Step {
        let exponent = Int(log10(x).rounded(.down))
        let fraction = x / pow(10, Double(exponent))
        let mantissa: Int
        if round {
            mantissa = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
        } else {
            mantissa = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
        }
        return Step(mantissa: mantissa, exponent: exponent)
    }

    /// Where `value` falls between `lower` (0) and `upper` (1).
    func fraction(_ value: Double) -> Double {
        (value - lower) / (upper - lower)
    }
}
