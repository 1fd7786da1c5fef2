import Foundation

// Vocabulary and small helpers for the synthetic data generator (`DemoGenerator`).
// Everything here is fixed data; all randomness lives in `DemoRandom`.

// MARK: - Random numbers

/// SplitMix64 (Steele, Lea, Flood 2014): tiny, fast, and the same sequence on every platform for a given seed.
struct DemoRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// A stream derived from a seed and a text key (a commune or province code), independent of other streams.
    init(seed: UInt64, key: String) {
        state = seed ^ (DemoRandom.fnv1a(key) &* 0x9E37_79B9_7F4A_7C15)
        _ = next()
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// Uniform in 0..<count (count > 0), without modulo bias worth mentioning.
    mutating func below(_ count: Int) -> Int { Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(count)).high) }

    mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + below(range.count) }

    mutating func chance(_ probability: Double) -> Bool { unit() < probability }

    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// Standard normal (Box–Muller).
    mutating func normal() -> Double {
        let u1 = max(unit(), 1e-300)
        let u2 = unit()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// Log-normal with the given median; `sigma` is the spread of the logarithm.
    mutating func logNormal(median: Double, sigma: Double) -> Double { median * exp(sigma * normal()) }

    /// Poisson count (Knuth for small means, rounded normal for large ones).
    mutating func poisson(_ mean: Double) -> Int {
        guard mean > 0 else { return 0 }
        if mean > 60 { return max(0, Int((mean + mean.squareRoot() * normal()).rounded())) }
        let limit = exp(-mean)
        var product = unit()
        var count = 0
        while product > limit {
            count += 1
            product *= unit()
        }
        return count
    }

    /// Index into `weights` chosen with probability proportional to the weight.
    mutating func weightedIndex(_ weights: [Double]) -> Int {
        var total = 0.0
        for w in weights { total += w }
        var target = unit() * total
        for (index, w) in weights.enumerated() {
            target -= w
            if target < 0 { return index }
        }
        return weights.count - 1
    }

    /// Fisher–Yates with this generator (the standard library's shuffle algorithm is not guaranteed across releases).
    mutating func shuffle<T>(_ items: inout [T]) {
        guard items.count > 1 else { return }
        for i in stride(from: items.count - 1, to: 0, by: -1) { items.swapAt(i, below(i + 1)) }
    }

    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }
}

/// Small weighted table: items with relative weights, drawn with `DemoRandom.weightedIndex`.
struct Weighted<T> {
    let items: [T]
    let weights: [Double]
    init(_ pairs: [(T, Double)]) {
        items = pairs.map(\.0)
        weights = pairs.map(\.1)
    }
    func draw(_ rng: inout DemoRandom) -> T { items[rng.weightedIndex(weights)] }
}

extension Weighted: Sendable where T: Sendable {}

// MARK: - Calendar arithmetic without Foundation's Calendar (fast enough for 100,000 records)

enum DemoDays {
    /// Days since 1970-01-01 (H. Hinnant's `days_from_civil`).
    static func number(_ day: Day) -> Int {
        let y = day.month <= 2 ? day.year - 1 : day.year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = day.month > 2 ? day.month - 3 : day.month + 9
        let doy = (153 * mp + 2) / 5 + day.day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The inverse of `number`.
    static func day(_ number: Int) -> Day {
        let z = number + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        return Day(year: y, month: m, day: d)!
    }
}

// MARK: - Regions and commune kinds

/// Broad regions, from the 2025 province code; they steer village words, crops and names.
enum DemoRegion: Hashable, Sendable {
    case northMountain, redRiverDelta, northCentral, southCentralCoast, centralHighlands, south

    init(provinceCode: String) {
        switch Int(provinceCode) ?? 1 {
        case 2...20: self = .northMountain          // Cao Bằng, Tuyên Quang, Điện Biên, Lai Châu, Sơn La, Lào Cai, Thái Nguyên, Lạng Sơn
        case 38...46: self = .northCentral          // Thanh Hóa, Nghệ An, Hà Tĩnh, Quảng Trị, Huế
        case 52, 57...70: self = .centralHighlands  // Gia Lai, Đắk Lắk, Lâm Đồng (each now with a coastal part)
        case 47...56: self = .southCentralCoast     // Đà Nẵng, Quảng Ngãi, Khánh Hòa
        case 71...99: self = .south                 // Đồng Nai, TP HCM, Tây Ninh, Đồng Tháp, Vĩnh Long, An Giang, Cần Thơ, Cà Mau
        default: self = .redRiverDelta              // Hà Nội, Quảng Ninh, Bắc Ninh, Phú Thọ, Hải Phòng, Hưng Yên, Ninh Bình
        }
    }
}

enum DemoCommuneKind: Sendable {
    case rural, urban, specialZone   // Xã, Phường, Đặc khu

    init(name: String) {
        if name.hasPrefix("Phường ") { self = .urban }
        else if name.hasPrefix("Đặc khu ") { self = .specialZone }
        else { self = .rural }
    }

    /// Lower-case word used after "UBND": "UBND xã Thạch Hà".
    var word: String {
        switch self {
        case .rural: "xã"
        case .urban: "phường"
        case .specialZone: "đặc khu"
        }
    }
}

/// Multipliers of a vocabulary entry's weight by region and commune kind.
struct DemoBoost: Sendable {
    var regions: [DemoRegion: Double] = [:]
    var only: Set<DemoRegion>? = nil
    var urban: Double = 1
    var island: Double = 1

    func factor(_ region: DemoRegion, _ kind: DemoCommuneKind) -> Double {
        if let only, !only.contains(region) { return 0 }
        var f = regions[region] ?? 1
        if kind == .urban { f *= urban }
        if kind == .specialZone { f *= island }
        return f
    }
}

// MARK: - Cooperative kinds

/// A line of business of a cooperative: the words in its name ("Hợp tác xã Chăn nuôi …"), its short form ("HTX Chăn nuôi …") and activities.
struct DemoHTXKind: Sendable {
    let name: String
    let short: String
    let sector: Sector
    let weight: Double
    var boost = DemoBoost()
    let activities: [String]
}

enum DemoVocabulary {
    static let htxKinds: [DemoHTXKind] = [
        // Agriculture, forestry, fisheries, salt
        DemoHTXKind(name: "Nông nghiệp", short: "NN", sector: .agriculture, weight: 20, activities: [
            "Dịch vụ thủy lợi, cung ứng vật tư nông nghiệp, tiêu thụ lúa gạo",
            "Dịch vụ thủy lợi nội đồng, làm đất, bảo vệ thực vật, cung ứng giống và phân bón",
            "Sản xuất lúa giống, dịch vụ cơ giới hóa và tiêu thụ nông sản cho thành viên",
            "Dịch vụ điều tiết nước tưới tiêu, cung ứng giống cây trồng, phân bón, thuốc bảo vệ thực vật",
        ]),
        DemoHTXKind(name: "Dịch vụ nông nghiệp", short: "DVNN", sector: .agriculture, weight: 14, activities: [
            "Dịch vụ làm đất, thủy lợi nội đồng, bảo vệ thực vật, cung ứng phân bón",
            "Cung ứng vật tư nông nghiệp, dịch vụ gieo cấy và thu hoạch lúa bằng máy",
            "Dịch vụ thủy lợi, khuyến nông, cung ứng giống lúa và tiêu thụ sản phẩm cho thành viên",
        ]),
        DemoHTXKind(name: "Dịch vụ nông nghiệp tổng hợp", short: "DVNN tổng hợp", sector: .agriculture, weight: 6, activities: [
            "Dịch vụ thủy lợi, điện, cung ứng vật tư nông nghiệp và tiêu thụ sản phẩm cho thành viên",
            "Dịch vụ thủy lợi, làm đất, vệ sinh môi trường, cung ứng vật tư nông nghiệp",
        ]),
        DemoHTXKind(name: "Sản xuất kinh doanh dịch vụ nông nghiệp", short: "SXKD DVNN", sector: .agriculture, weight: 5, activities: [
            "Sản xuất và cung ứng giống cây trồng, vật tư nông nghiệp; thu mua, tiêu thụ nông sản",
            "Sản xuất lúa hàng hóa, dịch vụ cơ giới hóa, cung ứng phân bón và tiêu thụ nông sản",
        ]),
        DemoHTXKind(name: "Nông nghiệp công nghệ cao", short: "NN CNC", sector: .agriculture, weight: 2, boost: DemoBoost(urban: 1.5), activities: [
            "Trồng rau, dưa lưới trong nhà màng theo quy trình VietGAP; tiêu thụ sản phẩm",
            "Sản xuất rau, hoa ứng dụng công nghệ cao, tưới nhỏ giọt; sơ chế và tiêu thụ",
        ]),
        DemoHTXKind(name: "Nông nghiệp hữu cơ", short: "NN hữu cơ", sector: .agriculture, weight: 1.5, activities: [
            "Sản xuất lúa, rau hữu cơ; sơ chế, đóng gói và tiêu thụ nông sản",
        ]),
        DemoHTXKind(name: "Nông nghiệp tổng hợp", short: "NN tổng hợp", sector: .agriculture, weight: 4, activities: [
            "Trồng trọt, chăn nuôi, cung ứng vật tư nông nghiệp và tiêu thụ sản phẩm cho thành viên",
            "Sản xuất nông nghiệp, dịch vụ làm đất, thu hoạch và tiêu thụ nông sản",
        ]),
        DemoHTXKind(name: "Chăn nuôi", short: "Chăn nuôi", sector: .agriculture, weight: 6, activities: [
            "Chăn nuôi lợn, gà theo hướng an toàn sinh học; cung ứng thức ăn chăn nuôi, thuốc thú y",
            "Chăn nuôi lợn thịt, lợn nái; liên kết tiêu thụ sản phẩm chăn nuôi",
            "Chăn nuôi gà thả vườn, vịt; cung ứng con giống và tiêu thụ sản phẩm",
        ]),
        DemoHTXKind(name: "Chăn nuôi bò", short: "Chăn nuôi bò", sector: .agriculture, weight: 2, boost: DemoBoost(regions: [.northCentral: 2, .southCentralCoast: 2]), activities: [
            "Chăn nuôi bò sinh sản, bò thịt; trồng cỏ, cung ứng thức ăn thô xanh",
        ]),
        DemoHTXKind(name: "Rau an toàn", short: "Rau an toàn", sector: .agriculture, weight: 3, boost: DemoBoost(regions: [.redRiverDelta: 2]), activities: [
            "Trồng, sơ chế và tiêu thụ rau an toàn theo tiêu chuẩn VietGAP",
            "Sản xuất rau, củ, quả an toàn; cung ứng cho bếp ăn tập thể và siêu thị",
        ]),
        DemoHTXKind(name: "Cây ăn quả", short: "Cây ăn quả", sector: .agriculture, weight: 2.5, boost: DemoBoost(only: [.northMountain, .redRiverDelta, .northCentral, .southCentralCoast]), activities: [
            "Trồng, chăm sóc và tiêu thụ cam, bưởi, nhãn; cung ứng cây giống",
            "Trồng và tiêu thụ vải, nhãn, bưởi theo tiêu chuẩn VietGAP",
        ]),
        DemoHTXKind(name: "Trái cây", short: "Trái cây", sector: .agriculture, weight: 6, boost: DemoBoost(only: [.south, .centralHighlands]), activities: [
            "Trồng và tiêu thụ xoài, sầu riêng, chôm chôm; cung ứng cây giống",
            "Trồng bưởi da xanh, sầu riêng; sơ chế, đóng gói và tiêu thụ trái cây",
        ]),
        DemoHTXKind(name: "Lúa gạo", short: "Lúa gạo", sector: .agriculture, weight: 1, boost: DemoBoost(regions: [.south: 6]), activities: [
            "Sản xuất lúa chất lượng cao, liên kết tiêu thụ lúa gạo với doanh nghiệp",
            "Sản xuất lúa giống, lúa hàng hóa; dịch vụ sấy, xay xát và tiêu thụ lúa gạo",
        ]),
        DemoHTXKind(name: "Chè", short: "Chè", sector: .agriculture, weight: 0.5, boost: DemoBoost(regions: [.northMountain: 14, .redRiverDelta: 2, .northCentral: 2, .centralHighlands: 2]), activities: [
            "Trồng, chế biến và tiêu thụ chè búp khô",
            "Trồng chè theo tiêu chuẩn VietGAP, chế biến chè xanh, chè đặc sản",
        ]),
        DemoHTXKind(name: "Cà phê", short: "Cà phê", sector: .agriculture, weight: 0.2, boost: DemoBoost(regions: [.centralHighlands: 60, .northMountain: 3]), activities: [
            "Trồng, thu mua, sơ chế và tiêu thụ cà phê nhân",
            "Sản xuất cà phê bền vững, rang xay và tiêu thụ cà phê bột",
        ]),
        DemoHTXKind(name: "Hồ tiêu", short: "Hồ tiêu", sector: .agriculture, weight: 0.1, boost: DemoBoost(regions: [.centralHighlands: 30, .south: 10]), activities: [
            "Trồng, sơ chế và tiêu thụ hồ tiêu",
        ]),
        DemoHTXKind(name: "Dược liệu", short: "Dược liệu", sector: .agriculture, weight: 0.8, boost: DemoBoost(regions: [.northMountain: 5, .centralHighlands: 2]), activities: [
            "Trồng, thu hái, sơ chế và tiêu thụ cây dược liệu",
        ]),
        DemoHTXKind(name: "Lâm nghiệp", short: "LN", sector: .agriculture, weight: 1.5, boost: DemoBoost(regions: [.northMountain: 3, .northCentral: 2.5, .centralHighlands: 2], urban: 0.2), activities: [
            "Trồng rừng, ươm giống cây lâm nghiệp, khai thác và tiêu thụ gỗ rừng trồng",
            "Trồng, chăm sóc, bảo vệ rừng; sơ chế gỗ keo và lâm sản ngoài gỗ",
        ]),
        DemoHTXKind(name: "Nông lâm nghiệp", short: "NLN", sector: .agriculture, weight: 2, boost: DemoBoost(regions: [.northMountain: 3, .northCentral: 2, .centralHighlands: 2], urban: 0.3), activities: [
            "Trồng rừng, trồng cây ăn quả, chăn nuôi; cung ứng giống cây trồng",
            "Sản xuất nông lâm nghiệp, ươm giống cây lâm nghiệp và tiêu thụ sản phẩm",
        ]),
        DemoHTXKind(name: "Thủy sản", short: "Thủy sản", sector: .agriculture, weight: 2.5, boost: DemoBoost(regions: [.northMountain: 0.2, .centralHighlands: 0.3, .south: 2], island: 8), activities: [
            "Nuôi trồng thủy sản, khai thác hải sản, dịch vụ hậu cần nghề cá",
            "Nuôi trồng và tiêu thụ thủy sản, cung ứng giống và thức ăn thủy sản",
        ]),
        DemoHTXKind(name: "Nuôi trồng thủy sản", short: "NTTS", sector: .agriculture, weight: 1.5, boost: DemoBoost(regions: [.northMountain: 0.2, .south: 3], island: 3), activities: [
            "Nuôi tôm, cá nước lợ; cung ứng con giống, thức ăn thủy sản",
            "Nuôi cá lồng bè, nuôi nhuyễn thể; tiêu thụ sản phẩm thủy sản",
        ]),
        DemoHTXKind(name: "Khai thác hải sản", short: "KTHS", sector: .agriculture, weight: 0.3, boost: DemoBoost(regions: [.northMountain: 0, .centralHighlands: 0, .southCentralCoast: 3, .northCentral: 1.5], island: 40), activities: [
            "Khai thác hải sản xa bờ, dịch vụ hậu cần nghề cá",
            "Đánh bắt hải sản, thu mua, sơ chế và tiêu thụ hải sản",
        ]),
        DemoHTXKind(name: "Muối", short: "Muối", sector: .agriculture, weight: 0.2, boost: DemoBoost(regions: [.northMountain: 0, .centralHighlands: 0, .southCentralCoast: 4, .northCentral: 2]), activities: [
            "Sản xuất, chế biến và tiêu thụ muối",
        ]),
        DemoHTXKind(name: "Nuôi ong", short: "Nuôi ong", sector: .agriculture, weight: 0.4, boost: DemoBoost(regions: [.northMountain: 3]), activities: [
            "Nuôi ong lấy mật, chế biến và tiêu thụ mật ong",
        ]),
        DemoHTXKind(name: "Nấm", short: "Nấm", sector: .agriculture, weight: 0.3, activities: [
            "Trồng, chế biến và tiêu thụ nấm ăn, nấm dược liệu",
        ]),
        DemoHTXKind(name: "Hoa và cây cảnh", short: "Hoa cây cảnh", sector: .agriculture, weight: 0.6, boost: DemoBoost(urban: 2), activities: [
            "Trồng và kinh doanh hoa, cây cảnh; dịch vụ chăm sóc cây xanh",
        ]),
        // Industry and construction
        DemoHTXKind(name: "Tiểu thủ công nghiệp", short: "TTCN", sector: .industryConstruction, weight: 4, activities: [
            "Sản xuất hàng mây tre đan, thêu ren xuất khẩu",
            "Sản xuất hàng thủ công mỹ nghệ, đồ gỗ dân dụng",
        ]),
        DemoHTXKind(name: "Mây tre đan", short: "Mây tre đan", sector: .industryConstruction, weight: 1.5, activities: [
            "Sản xuất, kinh doanh hàng mây tre đan mỹ nghệ",
        ]),
        DemoHTXKind(name: "Mộc mỹ nghệ", short: "Mộc mỹ nghệ", sector: .industryConstruction, weight: 1, activities: [
            "Sản xuất đồ gỗ dân dụng và mỹ nghệ",
        ]),
        DemoHTXKind(name: "Xây dựng", short: "XD", sector: .industryConstruction, weight: 3.5, boost: DemoBoost(urban: 1.5), activities: [
            "Xây dựng công trình dân dụng, giao thông nông thôn và thủy lợi nhỏ",
            "Xây dựng dân dụng, sửa chữa nhà ở, kinh doanh vật liệu xây dựng",
        ]),
        DemoHTXKind(name: "Cơ khí", short: "Cơ khí", sector: .industryConstruction, weight: 1, activities: [
            "Gia công cơ khí, sửa chữa máy nông nghiệp",
        ]),
        DemoHTXKind(name: "Chế biến nông sản", short: "Chế biến nông sản", sector: .industryConstruction, weight: 2, activities: [
            "Chế biến, bảo quản và tiêu thụ nông sản",
            "Sơ chế, sấy khô và đóng gói nông sản, đặc sản địa phương",
        ]),
        DemoHTXKind(name: "Chế biến thực phẩm", short: "CBTP", sector: .industryConstruction, weight: 1, activities: [
            "Sản xuất bún, bánh, giò chả và thực phẩm chế biến",
        ]),
        DemoHTXKind(name: "Nước sạch", short: "Nước sạch", sector: .industryConstruction, weight: 1, boost: DemoBoost(urban: 0.5), activities: [
            "Khai thác, xử lý và cung cấp nước sạch sinh hoạt nông thôn",
        ]),
        DemoHTXKind(name: "Sản xuất vật liệu xây dựng", short: "SX VLXD", sector: .industryConstruction, weight: 1, activities: [
            "Sản xuất gạch không nung, khai thác cát sỏi",
        ]),
        DemoHTXKind(name: "May mặc", short: "May mặc", sector: .industryConstruction, weight: 1, boost: DemoBoost(urban: 1.5), activities: [
            "May gia công hàng may mặc xuất khẩu",
        ]),
        DemoHTXKind(name: "Dệt thổ cẩm", short: "Dệt thổ cẩm", sector: .industryConstruction, weight: 0.1, boost: DemoBoost(regions: [.northMountain: 12, .centralHighlands: 8]), activities: [
            "Dệt thổ cẩm, may trang phục truyền thống và hàng lưu niệm",
        ]),
        DemoHTXKind(name: "Chế biến nước mắm", short: "Nước mắm", sector: .industryConstruction, weight: 0.2, boost: DemoBoost(regions: [.northMountain: 0, .centralHighlands: 0, .southCentralCoast: 4, .northCentral: 2], island: 10), activities: [
            "Chế biến và tiêu thụ nước mắm truyền thống",
        ]),
        // Trade, services and other
        DemoHTXKind(name: "Vận tải", short: "VT", sector: .tradeServices, weight: 4, boost: DemoBoost(urban: 3), activities: [
            "Vận tải hành khách bằng xe buýt, xe taxi; vận tải hàng hóa bằng ô tô",
            "Vận tải hàng hóa đường bộ, cho thuê kho bãi",
            "Vận tải hành khách theo tuyến cố định và hợp đồng",
        ]),
        DemoHTXKind(name: "Vận tải thủy", short: "VT thủy", sector: .tradeServices, weight: 0.3, boost: DemoBoost(regions: [.south: 5], island: 10), activities: [
            "Vận tải hàng hóa, hành khách đường thủy nội địa",
        ]),
        DemoHTXKind(name: "Môi trường", short: "MT", sector: .tradeServices, weight: 3, boost: DemoBoost(urban: 2), activities: [
            "Thu gom, vận chuyển rác thải sinh hoạt, vệ sinh môi trường",
        ]),
        DemoHTXKind(name: "Thương mại và dịch vụ", short: "TM&DV", sector: .tradeServices, weight: 4, boost: DemoBoost(urban: 2), activities: [
            "Kinh doanh vật tư nông nghiệp, hàng tiêu dùng; dịch vụ thương mại",
            "Kinh doanh xăng dầu, vật liệu xây dựng và hàng tiêu dùng",
        ]),
        DemoHTXKind(name: "Dịch vụ tổng hợp", short: "DV tổng hợp", sector: .tradeServices, weight: 3, activities: [
            "Kinh doanh dịch vụ điện, nước, vật tư và hàng tiêu dùng",
            "Dịch vụ điện, vệ sinh môi trường, kinh doanh hàng tiêu dùng",
        ]),
        DemoHTXKind(name: "Dịch vụ điện năng", short: "DV điện năng", sector: .tradeServices, weight: 0.8, boost: DemoBoost(urban: 0.3), activities: [
            "Quản lý vận hành lưới điện hạ áp, bán lẻ điện nông thôn",
        ]),
        DemoHTXKind(name: "Du lịch cộng đồng", short: "Du lịch cộng đồng", sector: .tradeServices, weight: 0.6, boost: DemoBoost(regions: [.northMountain: 4, .centralHighlands: 2], island: 8), activities: [
            "Dịch vụ lưu trú homestay, ăn uống và trải nghiệm du lịch cộng đồng",
        ]),
        DemoHTXKind(name: "Quản lý và kinh doanh chợ", short: "Chợ", sector: .tradeServices, weight: 1, boost: DemoBoost(urban: 2), activities: [
            "Quản lý, khai thác và kinh doanh dịch vụ chợ",
        ]),
        DemoHTXKind(name: "Thương mại", short: "TM", sector: .tradeServices, weight: 1, boost: DemoBoost(urban: 2), activities: [
            "Thu mua, phân phối nông sản và hàng tiêu dùng",
        ]),
    ]

    /// Unions of cooperatives: "Liên hiệp hợp tác xã Rau quả Hà Tĩnh".
    static let unionKinds: [DemoHTXKind] = [
        DemoHTXKind(name: "Nông nghiệp", short: "NN", sector: .agriculture, weight: 4, activities: [
            "Liên kết sản xuất, cung ứng vật tư và tiêu thụ nông sản cho các hợp tác xã thành viên",
        ]),
        DemoHTXKind(name: "Rau quả", short: "Rau quả", sector: .agriculture, weight: 2, activities: [
            "Thu mua, sơ chế, bảo quản và tiêu thụ rau quả của các hợp tác xã thành viên",
        ]),
        DemoHTXKind(name: "Nông sản sạch", short: "Nông sản sạch", sector: .agriculture, weight: 2, activities: [
            "Xây dựng chuỗi liên kết, kiểm soát chất lượng và tiêu thụ nông sản an toàn cho các hợp tác xã thành viên",
        ]),
        DemoHTXKind(name: "Lúa gạo", short: "Lúa gạo", sector: .agriculture, weight: 0.5, boost: DemoBoost(regions: [.south: 6, .redRiverDelta: 2, .northMountain: 0, .centralHighlands: 0.2]), activities: [
            "Liên kết sản xuất lúa chất lượng cao, sấy, xay xát và tiêu thụ gạo",
        ]),
        DemoHTXKind(name: "Chè", short: "Chè", sector: .agriculture, weight: 0.1, boost: DemoBoost(regions: [.northMountain: 20], only: [.northMountain, .redRiverDelta, .northCentral]), activities: [
            "Liên kết trồng, chế biến và tiêu thụ chè của các hợp tác xã thành viên",
        ]),
        DemoHTXKind(name: "Cà phê", short: "Cà phê", sector: .agriculture, weight: 0.05, boost: DemoBoost(regions: [.centralHighlands: 60], only: [.centralHighlands]), activities: [
            "Liên kết sản xuất cà phê bền vững, thu mua, chế biến và xuất khẩu cà phê",
        ]),
        DemoHTXKind(name: "Thủy sản", short: "Thủy sản", sector: .agriculture, weight: 1, boost: DemoBoost(regions: [.northMountain: 0, .centralHighlands: 0, .south: 2]), activities: [
            "Liên kết nuôi trồng, khai thác và tiêu thụ thủy sản của các hợp tác xã thành viên",
        ]),
        DemoHTXKind(name: "Dược liệu", short: "Dược liệu", sector: .agriculture, weight: 0.3, boost: DemoBoost(regions: [.northMountain: 6, .south: 0.2]), activities: [
            "Liên kết trồng, chế biến và tiêu thụ dược liệu",
        ]),
        DemoHTXKind(name: "Chăn nuôi", short: "Chăn nuôi", sector: .agriculture, weight: 0.8, activities: [
            "Cung ứng giống, thức ăn chăn nuôi và tiêu thụ sản phẩm chăn nuôi của các hợp tác xã thành viên",
        ]),
        DemoHTXKind(name: "Vận tải", short: "Vận tải", sector: .tradeServices, weight: 2, activities: [
            "Điều hành, kinh doanh vận tải hành khách và hàng hóa của các hợp tác xã thành viên",
        ]),
        DemoHTXKind(name: "Thương mại - Dịch vụ", short: "TM-DV", sector: .tradeServices, weight: 2, activities: [
            "Kinh doanh thương mại, phân phối hàng hóa, xúc tiến tiêu thụ sản phẩm của các hợp tác xã thành viên",
        ]),
        DemoHTXKind(name: "Môi trường", short: "Môi trường", sector: .tradeServices, weight: 0.8, activities: [
            "Thu gom, vận chuyển và xử lý rác thải; dịch vụ vệ sinh môi trường",
        ]),
        DemoHTXKind(name: "Du lịch", short: "Du lịch", sector: .tradeServices, weight: 0.5, boost: DemoBoost(regions: [.northMountain: 2, .southCentralCoast: 2]), activities: [
            "Liên kết kinh doanh dịch vụ du lịch cộng đồng, lưu trú và lữ hành",
        ]),
        DemoHTXKind(name: "Xây dựng", short: "Xây dựng", sector: .industryConstruction, weight: 0.8, activities: [
            "Thi công công trình dân dụng, giao thông, thủy lợi; sản xuất vật liệu xây dựng",
        ]),
        DemoHTXKind(name: "Tiểu thủ công nghiệp", short: "TTCN", sector: .industryConstruction, weight: 0.6, activities: [
            "Sản xuất, tiêu thụ hàng thủ công mỹ nghệ của các hợp tác xã thành viên",
        ]),
    ]

    // MARK: Group activities (THT and interest groups)

    /// An activity of a cooperative group or interest group: "Tổ hợp tác trồng rau an toàn thôn Trung Tiến".
    struct GroupActivity: Sendable {
        let phrase: String
        let sector: Sector
        let weight: Double
        var boost = DemoBoost()
        let description: String
        /// Whether interest groups (extension-programme groups of farmers) take up this activity.
        var interestGroups = true
    }

    static let groupActivities: [GroupActivity] = [
        GroupActivity(phrase: "trồng rau an toàn", sector: .agriculture, weight: 6, boost: DemoBoost(urban: 1.5), description: "Trồng rau an toàn theo tiêu chuẩn VietGAP, tiêu thụ cho bếp ăn tập thể và chợ đầu mối"),
        GroupActivity(phrase: "trồng rau hữu cơ", sector: .agriculture, weight: 2, description: "Trồng rau hữu cơ, sơ chế và tiêu thụ theo đơn đặt hàng"),
        GroupActivity(phrase: "chăn nuôi bò", sector: .agriculture, weight: 4, boost: DemoBoost(urban: 0.2), description: "Chăn nuôi bò sinh sản, trồng cỏ làm thức ăn chăn nuôi"),
        GroupActivity(phrase: "chăn nuôi lợn", sector: .agriculture, weight: 4, boost: DemoBoost(urban: 0.2), description: "Chăn nuôi lợn theo hướng an toàn sinh học, hỗ trợ nhau về con giống, thức ăn"),
        GroupActivity(phrase: "nuôi gà thả vườn", sector: .agriculture, weight: 4, description: "Nuôi gà thả vườn, cùng mua thức ăn, vắc xin và tiêu thụ sản phẩm"),
        GroupActivity(phrase: "nuôi vịt", sector: .agriculture, weight: 1.5, boost: DemoBoost(regions: [.south: 2]), description: "Nuôi vịt thịt, vịt đẻ; tiêu thụ trứng và thịt vịt"),
        GroupActivity(phrase: "nuôi dê", sector: .agriculture, weight: 1, boost: DemoBoost(regions: [.northMountain: 2, .southCentralCoast: 2]), description: "Nuôi dê thịt, trồng cỏ và tiêu thụ sản phẩm"),
        GroupActivity(phrase: "nuôi ong lấy mật", sector: .agriculture, weight: 1.5, boost: DemoBoost(regions: [.northMountain: 2]), description: "Nuôi ong lấy mật, khai thác và tiêu thụ mật ong"),
        GroupActivity(phrase: "sản xuất lúa chất lượng cao", sector: .agriculture, weight: 4, boost: DemoBoost(regions: [.south: 2, .redRiverDelta: 1.5], urban: 0.3), description: "Sản xuất lúa chất lượng cao trên cánh đồng lớn, liên kết tiêu thụ"),
        GroupActivity(phrase: "sản xuất lúa giống", sector: .agriculture, weight: 1.5, boost: DemoBoost(urban: 0.3), description: "Sản xuất lúa giống xác nhận, cung ứng giống cho nông dân trong xã", interestGroups: false),
        GroupActivity(phrase: "dịch vụ cơ giới hóa nông nghiệp", sector: .agriculture, weight: 2.5, description: "Dịch vụ làm đất, gieo cấy, thu hoạch lúa bằng máy", interestGroups: false),
        GroupActivity(phrase: "trồng cam", sector: .agriculture, weight: 2, boost: DemoBoost(regions: [.northCentral: 3, .northMountain: 2, .south: 0.5]), description: "Trồng, chăm sóc và tiêu thụ cam theo hướng VietGAP"),
        GroupActivity(phrase: "trồng bưởi", sector: .agriculture, weight: 2, description: "Trồng bưởi, sơ chế và tiêu thụ sản phẩm"),
        GroupActivity(phrase: "trồng xoài", sector: .agriculture, weight: 2, boost: DemoBoost(only: [.south, .southCentralCoast]), description: "Trồng xoài, bao trái và tiêu thụ theo hợp đồng"),
        GroupActivity(phrase: "trồng sầu riêng", sector: .agriculture, weight: 2, boost: DemoBoost(only: [.south, .centralHighlands]), description: "Trồng sầu riêng, chăm sóc và tiêu thụ theo mã số vùng trồng"),
        GroupActivity(phrase: "trồng cà phê", sector: .agriculture, weight: 6, boost: DemoBoost(only: [.centralHighlands]), description: "Trồng cà phê bền vững, thu hái chín và tiêu thụ"),
        GroupActivity(phrase: "trồng hồ tiêu", sector: .agriculture, weight: 3, boost: DemoBoost(only: [.centralHighlands, .south]), description: "Trồng hồ tiêu hữu cơ, sơ chế và tiêu thụ"),
        GroupActivity(phrase: "trồng chè", sector: .agriculture, weight: 3, boost: DemoBoost(only: [.northMountain, .redRiverDelta, .northCentral]), description: "Trồng, chăm sóc và chế biến chè búp"),
        GroupActivity(phrase: "trồng quế", sector: .agriculture, weight: 2, boost: DemoBoost(only: [.northMountain, .northCentral]), description: "Trồng quế, bóc vỏ, sơ chế và tiêu thụ"),
        GroupActivity(phrase: "trồng dược liệu", sector: .agriculture, weight: 1.5, boost: DemoBoost(regions: [.northMountain: 3]), description: "Trồng, thu hái và sơ chế cây dược liệu"),
        GroupActivity(phrase: "trồng nấm", sector: .agriculture, weight: 1, description: "Trồng nấm sò, nấm rơm; tiêu thụ nấm tươi"),
        GroupActivity(phrase: "trồng hoa", sector: .agriculture, weight: 1.5, boost: DemoBoost(urban: 2), description: "Trồng hoa thương phẩm, hoa Tết"),
        GroupActivity(phrase: "nuôi cá nước ngọt", sector: .agriculture, weight: 2, description: "Nuôi cá nước ngọt trong ao, hồ; tiêu thụ cá thương phẩm"),
        GroupActivity(phrase: "nuôi tôm", sector: .agriculture, weight: 1.5, boost: DemoBoost(only: [.south, .northCentral, .southCentralCoast, .redRiverDelta], island: 2), description: "Nuôi tôm thẻ chân trắng, tôm sú; cùng mua giống và thức ăn"),
        GroupActivity(phrase: "khai thác hải sản", sector: .agriculture, weight: 0.8, boost: DemoBoost(regions: [.northMountain: 0, .centralHighlands: 0], island: 12), description: "Khai thác hải sản, hỗ trợ nhau trên biển", interestGroups: false),
        GroupActivity(phrase: "trồng rừng", sector: .agriculture, weight: 2, boost: DemoBoost(regions: [.northMountain: 2, .northCentral: 2], urban: 0.2), description: "Trồng rừng keo, quản lý bảo vệ rừng", interestGroups: false),
        GroupActivity(phrase: "đan lát mây tre", sector: .industryConstruction, weight: 1.2, description: "Đan lát hàng mây tre gia dụng và mỹ nghệ"),
        GroupActivity(phrase: "thêu ren", sector: .industryConstruction, weight: 0.6, description: "Thêu ren, móc sợi gia công xuất khẩu"),
        GroupActivity(phrase: "xây dựng", sector: .industryConstruction, weight: 1.2, description: "Xây dựng, sửa chữa nhà ở và công trình nhỏ", interestGroups: false),
        GroupActivity(phrase: "mộc dân dụng", sector: .industryConstruction, weight: 0.8, description: "Sản xuất đồ mộc dân dụng", interestGroups: false),
        GroupActivity(phrase: "may mặc", sector: .industryConstruction, weight: 0.6, description: "May gia công quần áo", interestGroups: false),
        GroupActivity(phrase: "làm bánh truyền thống", sector: .industryConstruction, weight: 0.6, description: "Sản xuất bánh truyền thống, đặc sản địa phương"),
        GroupActivity(phrase: "dệt thổ cẩm", sector: .industryConstruction, weight: 0.2, boost: DemoBoost(regions: [.northMountain: 10, .centralHighlands: 8]), description: "Dệt thổ cẩm, may trang phục truyền thống"),
        GroupActivity(phrase: "vận chuyển hàng hóa", sector: .tradeServices, weight: 0.8, boost: DemoBoost(urban: 2), description: "Vận chuyển hàng hóa, nông sản bằng xe tải nhỏ", interestGroups: false),
        GroupActivity(phrase: "thu gom rác thải", sector: .tradeServices, weight: 0.8, boost: DemoBoost(urban: 2), description: "Thu gom rác thải sinh hoạt, vệ sinh môi trường", interestGroups: false),
        GroupActivity(phrase: "du lịch cộng đồng", sector: .tradeServices, weight: 0.4, boost: DemoBoost(regions: [.northMountain: 3], island: 4), description: "Đón khách du lịch, dịch vụ lưu trú tại nhà dân"),
        GroupActivity(phrase: "kinh doanh dịch vụ ăn uống", sector: .tradeServices, weight: 0.3, boost: DemoBoost(urban: 3), description: "Dịch vụ nấu ăn, phục vụ cỗ cưới, hội nghị", interestGroups: false),
    ]

    // MARK: Places

    /// Common village and auspicious names, used for cooperatives ("Hợp tác xã Nông nghiệp Đồng Tâm") and villages.
    static let auspiciousNames: [String] = [
        "Đồng Tâm", "Tân Tiến", "Thắng Lợi", "Quyết Tiến", "Thành Công", "Hòa Bình", "Đoàn Kết", "Phú Cường", "Hưng Thịnh",
        "An Phú", "Xuân Thành", "Hợp Nhất", "Tiến Thành", "Minh Khai", "Trung Tiến", "Đông Tiến", "Tân Lập", "Thống Nhất",
        "Quang Trung", "Độc Lập", "Tiền Phong", "Quyết Thắng", "Đại Thành", "Hồng Phong", "Thanh Bình", "Bình Minh", "Tân Phong",
        "Phú Lộc", "Vạn Phúc", "Phúc Thịnh", "Hưng Phát", "Thịnh Vượng", "Phát Đạt", "Thuận Thành", "An Bình", "An Khang",
        "Tân Thành", "Nam Tiến", "Đông Phong", "Trung Hòa", "Yên Bình", "Phú Xuân", "Thành Đạt", "Tân Hưng", "Xuân Hòa",
        "Hòa Phú", "Đại Đồng", "Kim Long", "Hồng Hà", "Đồng Xuân", "Tân Mỹ", "Hợp Tiến", "Hợp Thành", "Liên Minh",
        "Toàn Thắng", "Chiến Thắng", "Tiến Bộ", "Đại Phong", "Phú Thịnh", "Thịnh Phát", "Hoàng Long", "Việt Hưng", "Quyết Thành",
        "Sao Mai", "Ánh Dương", "Hoa Sen", "Trường Xuân", "Xuân Phú", "Đức Thịnh", "Minh Tâm", "Minh Phát", "Trung Thành",
        "Đồng Tiến", "Bắc Sơn", "Nam Sơn", "Tân Sơn", "Phú Sơn", "Thanh Sơn", "Tân Bình", "Tân An", "Tân Hòa", "Hòa Lạc",
    ]

    static let southernNames: [String] = [
        "Tân Phú", "Bình An", "Long Hòa", "Mỹ Thạnh", "Phú Hòa", "Tân Thạnh", "Bình Thạnh", "An Thạnh", "Long Thạnh", "Thạnh Phú",
        "Mỹ Lợi", "Phước Hòa", "Tân Hiệp", "Hòa Lợi", "Bình Đông", "Tân Lộc", "Long Phú", "Mỹ Hưng", "Vĩnh Phước", "Hiệp Thành",
        "Thới Hòa", "Phú Thạnh", "Tân Quới", "Mỹ Phước", "Long Thới", "An Lợi", "Phước Thạnh", "Hòa Thuận", "Vĩnh Thạnh",
        "Thạnh Lợi", "Phú Lợi", "Tân Long", "Bình Phú", "An Hòa", "Mỹ An", "Long An", "Tân Đông", "Thạnh Hòa", "Phước Lộc",
        "Vĩnh Hòa", "Hưng Lợi", "Thành Lợi", "Thạnh Mỹ", "Mỹ Hòa", "Tân Hội", "Bình Hòa", "Hòa Hưng", "Phú An",
    ]

    /// Village names typical of the Red River delta and the north-central provinces.
    static let northernVillages: [String] = [
        "Đông", "Đoài", "Nam", "Bắc", "Trung", "Thượng", "Hạ", "Mới", "Trại", "Đình", "Yên Lạc", "Phú Mỹ", "An Lạc",
        "Thịnh Lạc", "Bình Sơn", "Đồng Lạc", "Kim Lũ", "Phúc Lâm", "Văn Lâm", "Hương Mạc", "Đông Hạ", "Yên Thái", "Lạc Thiện",
        "Bùi Xá", "Ngọc Lâm", "Trung Hậu", "Đại Áng", "Phù Lưu", "Vĩnh Hòa", "Xuân Tiến", "Đồng Bàu", "Cầu", "Chợ", "Đồng Cừa",
        "Hậu", "Tiền", "Yên Phú", "Phú Lộc", "Lương Xá", "Thọ Vực", "Đa Hội", "Hà Tân", "Văn Giáp", "Cổ Am", "Lai Xá",
    ]

    /// Village names of the central uplands ("Khe Mây").
    static let centralUplandVillages: [String] = [
        "Khe Mây", "Khe Luồng", "Khe Giao", "Khe Ve", "Khe Cò", "Khe Nang", "Rào Tre", "Bãi Ngang", "Trằm Mé", "Hà Tân", "Cồn Tranh",
    ]

    static let taiFirstSyllables = ["Nà", "Phiêng", "Nậm", "Hua", "Pá", "Khuổi", "Lũng", "Bó", "Cốc", "Pác", "Huổi", "Co"]
    static let taiSecondSyllables = ["Khoang", "Luông", "Cáy", "Sản", "Mò", "Lằn", "Hin", "Tà", "Pục", "Ngòa", "Mạ", "Lìu", "Pha", "Hốc", "Lạn", "Thẳm", "Nưa", "Cang"]

    static let highlandVillages: [String] = [
        "Buôn Ea Sim", "Buôn Kô Siêr", "Buôn Cuôr Đăng", "Buôn Tơ Lơ", "Buôn Ea Tung", "Làng Plei Ốp", "Làng Plei Kly", "Làng Plei Phun",
        "Bon Bu Sir", "Bon Đăk Rmăng",
    ]

    // MARK: People

    static let surnames = Weighted<String>([
        ("Nguyễn", 31), ("Trần", 11), ("Lê", 9.5), ("Phạm", 7), ("Hoàng", 4), ("Huỳnh", 2), ("Phan", 4.5), ("Vũ", 2.5), ("Võ", 2),
        ("Đặng", 2), ("Bùi", 2), ("Đỗ", 1.5), ("Hồ", 1.3), ("Ngô", 1.3), ("Dương", 1), ("Lý", 0.5), ("Đinh", 1), ("Trịnh", 0.8),
        ("Đào", 0.8), ("Mai", 0.6), ("Lương", 0.6), ("Cao", 0.6), ("Tạ", 0.4), ("Lâm", 0.4), ("Hà", 0.8), ("Chu", 0.3), ("Kiều", 0.3),
        ("Thái", 0.4), ("Tô", 0.3), ("Lưu", 0.4), ("Phùng", 0.4), ("Nông", 0.3), ("Triệu", 0.3), ("Đoàn", 0.6), ("Vương", 0.3),
        ("Quách", 0.2), ("Hứa", 0.2), ("Lại", 0.2), ("Khúc", 0.1), ("Âu", 0.1),
    ])

    static let maleMiddleNames = Weighted<String>([
        ("Văn", 40), ("Hữu", 6), ("Đức", 7), ("Minh", 6), ("Quang", 5), ("Xuân", 4), ("Thanh", 4), ("Công", 5), ("Đình", 6),
        ("Ngọc", 3), ("Mạnh", 2), ("Trọng", 3), ("Tiến", 2), ("Duy", 2), ("Thế", 2), ("Bá", 2), ("Viết", 1), ("Quốc", 3),
        ("Anh", 1), ("Hồng", 1), ("Kim", 1), ("Tấn", 2), ("Phước", 1), ("Trung", 1), ("Sỹ", 1), ("Khắc", 1),
    ])

    static let maleGivenNames: [String] = [
        "Hùng", "Dũng", "Tuấn", "Hải", "Nam", "Sơn", "Long", "Thắng", "Bình", "Cường", "Hưng", "Thành", "Phúc", "Lâm", "Trung",
        "Hiếu", "Khánh", "Quân", "Tùng", "Vinh", "Toàn", "Lợi", "Tâm", "Đạt", "Hòa", "Thịnh", "Hoàng", "Huy", "Kiên", "Lộc",
        "Mạnh", "Nghĩa", "Phong", "Quang", "Tài", "Thái", "Thuận", "Tiến", "Trí", "Tú", "Việt", "Vũ", "Chiến", "Công", "Đông",
        "Giang", "Hậu", "Định", "Hoan", "Lực", "Sáng", "Tín", "Bảo", "Phương", "Châu", "Đức", "Linh", "Quyết",
    ]

    static let femaleMiddleNames = Weighted<String>([
        ("Thị", 65), ("Thu", 5), ("Thanh", 5), ("Ngọc", 5), ("Kim", 3), ("Hồng", 3), ("Thùy", 2), ("Mai", 2), ("Bích", 2),
        ("Minh", 2), ("Phương", 2), ("Diệu", 1), ("Mỹ", 2), ("Hoài", 1),
    ])

    /// Second middle names after "Thị": "Trần Thị Thu Hà".
    static let femaleSecondMiddleNames: [String] = ["Thu", "Thanh", "Ngọc", "Kim", "Hồng", "Minh", "Thúy", "Bích", "Mỹ", "Phương", "Hoài", "Diệu", "Xuân", "Hải"]

    static let femaleGivenNames: [String] = [
        "Hà", "Lan", "Hương", "Hoa", "Mai", "Nga", "Hằng", "Thảo", "Trang", "Linh", "Huyền", "Loan", "Phương", "Dung", "Yến",
        "Nhung", "Tuyết", "Oanh", "Hạnh", "Thủy", "Vân", "Liên", "Ngân", "Hiền", "Hồng", "Lý", "Quyên", "Thơm", "Nhàn", "Huệ",
        "Xuân", "Thắm", "Chi", "Anh", "Lệ", "Nguyệt", "Hòa", "Tâm", "Hải", "Thư", "Giang", "Bình", "Sen", "Lụa", "Thoa",
    ]

    /// Mobile prefixes in use since the 2018 renumbering (Viettel, VinaPhone, MobiFone).
    static let mobilePrefixes = [
        "096", "097", "098", "086", "032", "033", "034", "035", "036", "037", "038", "039",
        "091", "094", "088", "083", "084", "085", "081", "082",
        "090", "093", "089", "070", "076", "077", "078", "079",
    ]

    // MARK: Registration years (weights), skewed to recent years

    /// HTX: conversions under the 1996 law (1997–1999), re-registration under the 2012 law (2014–2016), growth since 2017.
    static let htxYears: [(Int, Double)] = [
        (1997, 3), (1998, 4), (1999, 3), (2000, 2), (2001, 2), (2002, 2), (2003, 2), (2004, 2), (2005, 2), (2006, 2),
        (2007, 2), (2008, 2), (2009, 2.5), (2010, 2.5), (2011, 2.5), (2012, 2.5), (2013, 3), (2014, 5), (2015, 7), (2016, 7),
        (2017, 4), (2018, 5), (2019, 5.5), (2020, 5.5), (2021, 6), (2022, 6.5), (2023, 7), (2024, 7), (2025, 7), (2026, 5.5),
    ]
    static let thtYears: [(Int, Double)] = [
        (2005, 0.5), (2006, 0.5), (2007, 1), (2008, 1), (2009, 1), (2010, 2), (2011, 2), (2012, 2), (2013, 2), (2014, 2),
        (2015, 2), (2016, 3), (2017, 3), (2018, 3), (2019, 3), (2020, 4), (2021, 4), (2022, 4), (2023, 4), (2024, 5),
        (2025, 5), (2026, 4),
    ]
    static let interestGroupYears: [(Int, Double)] = [
        (2008, 0.5), (2009, 0.5), (2010, 1), (2011, 1), (2012, 1.5), (2013, 1.5), (2014, 2), (2015, 2), (2016, 2.5), (2017, 3),
        (2018, 3), (2019, 3), (2020, 3.5), (2021, 3.5), (2022, 4), (2023, 4), (2024, 4), (2025, 4), (2026, 3),
    ]
    /// People's credit funds: most founded 1997–2005 after the 1993 pilot.
    static let qtdndYears: [(Int, Double)] = [
        (1997, 8), (1998, 6), (1999, 5), (2000, 4), (2001, 3), (2002, 3), (2003, 3), (2004, 3), (2005, 3), (2006, 2), (2007, 2),
        (2008, 2), (2009, 2), (2010, 2), (2011, 1.5), (2012, 1.5), (2013, 1.5), (2014, 1.5), (2015, 1.5), (2016, 1), (2017, 1),
        (2018, 1), (2019, 1), (2020, 1), (2021, 0.7), (2022, 0.7), (2023, 0.7), (2024, 0.7), (2025, 0.7), (2026, 0.5),
    ]
    static let unionYears: [(Int, Double)] = [
        (2000, 0.5), (2002, 0.5), (2004, 0.5), (2006, 0.5), (2008, 0.5), (2010, 0.5), (2012, 0.5), (2013, 1.5), (2014, 1.5),
        (2015, 1.5), (2016, 1.5), (2017, 1.5), (2018, 1.5), (2019, 3), (2020, 3), (2021, 3), (2022, 3), (2023, 3), (2024, 3),
        (2025, 3), (2026, 2.5),
    ]
}
