/// Demo populations of the demo's communes: a ward or commune of 8.000–45.000 people in 2020 (Đặc khu a few
/// thousand), growing 0,6–1,2% a year, for every year from 2020 to 2025. Deterministic for a seed.
public enum DemoPopulation {
    public static let years = 2020...2025

    public static func populations(of communes: [DemoCommune], seed: UInt64) -> [PopulationInput] {
        var rng = DemoRandom(seed: seed, key: "population")
        return communes.flatMap { commune in
            let start = commune.name.hasPrefix("Đặc khu") ? rng.int(1_500...6_000) : rng.int(8_000...45_000)
            let growth = 1 + Double(rng.int(6...12)) / 1_000
            return years.map { year in
                var people = Double(start)
                for _ in years.lowerBound..<year { people *= growth }
                return PopulationInput(row: 0, communeCode: commune.code, year: year, population: Int64(people.rounded()))
            }
        }
    }
}
