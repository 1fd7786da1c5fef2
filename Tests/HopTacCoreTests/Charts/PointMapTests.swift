import Foundation
import Testing
@testable import HopTacCore

@Suite("Point map")
struct PointMapTests {
    /// Circles by the name in their tooltip.
    func circles(_ root: SVGNode) -> [String: SVGNode] {
        Dictionary(uniqueKeysWithValues: root.all("circle").compactMap { circle in
            circle.title.map { (String($0.split(separator: " — ")[0]), circle) }
        })
    }

    @Test("north is up and west is left")
    func orientation() throws {
        let dots = circles(try #require(parseXML(Samples.map.svg())))
        let north = try #require(dots["HTX Bắc"]), south = try #require(dots["HTX Nam"])
        let west = try #require(dots["HTX Tây"]), east = try #require(dots["HTX Đông"])
        #expect(north.double("cy")! < south.double("cy")!)
        #expect(west.double("cx")! < east.double("cx")!)
        #expect(dots.values.allSatisfy { $0.double("cx")! > 0 && $0.double("cx")! < Samples.map.mapWidth })
    }

    @Test("a degree of longitude is cos(latitude) as long as a degree of latitude")
    func cosineCorrection() {
        let map = PointMap(id: "m", title: "t", points: [
            .init(name: "a", latitude: 14, longitude: 105), .init(name: "b", latitude: 16, longitude: 107),
        ])
        let projection = map.projection(margin: 5)
        let east = projection.x(106) - projection.x(105)
        let north = projection.y(14) - projection.y(15)
        #expect(abs(east / north - cos(15 * Double.pi / 180)) < 1e-9)
    }

    @Test("circle areas follow sizes, larger circles are drawn first")
    func radii() throws {
        let root = try #require(parseXML(Samples.map.svg()))
        let dots = circles(root)
        // Sizes 400, 100, 25 and none: r = 14 · √(size / 400), at least 2,5.
        #expect(dots["HTX Bắc"]?["r"] == "14" && dots["HTX Nam"]?["r"] == "7")
        #expect(dots["HTX Tây"]?["r"] == "3.5" && dots["HTX Đông"]?["r"] == "2.5")
        let drawn = root.all("g", class: "points").first!.all("circle").map { $0.double("r")! }
        #expect(drawn == drawn.sorted(by: >))
        #expect(Samples.map.radius(1, largest: 1_000_000) == Samples.map.minRadius, "tiny sizes stay visible")
    }

    @Test("values fall into the given bins, and the legend lists them")
    func givenBins() throws {
        let root = try #require(parseXML(Samples.map.svg()))
        let dots = circles(root)
        func fill(_ name: String) -> String? {
            // A circle's fill comes from the group of its run.
            root.all("g").first { group in group["fill"] != nil && group.all("circle").contains { $0 === dots[name] } }?["fill"]
        }
        #expect(fill("HTX Bắc") == ChartPalette.sequential[0])
        #expect(fill("HTX Nam") == ChartPalette.sequential[3])
        #expect(fill("HTX Tây") == ChartPalette.sequential[5])
        #expect(fill("HTX Đông") == ChartPalette.missing)
        let legend = try #require(root.all("g", class: "legend").first).all("text").map(\.text)
        #expect(legend == ["Doanh thu", "Dưới 10", "10 – dưới 100", "Từ 100 trở lên", "Không có số liệu",
                           "Thành viên", "400", "100", "20"])
        #expect(dots["HTX Nam"]?.title == "HTX Nam — Doanh thu: 50, Thành viên: 100")
    }

    @Test("without edges the values are cut into quintiles at round numbers")
    func quintiles() {
        let points = (1...100).map { PointMap.Point(name: "\($0)", latitude: 16, longitude: 106, value: Double($0)) }
        #expect(PointMap(id: "m", title: "t", points: points, coloring: .sequential(edges: nil)).binEdges() == [21, 41, 60, 80])
        let skewed = (1...100).map { PointMap.Point(name: "\($0)", latitude: 16, longitude: 106, value: $0 < 90 ? 1 : 1000) }
        #expect(PointMap(id: "m", title: "t", points: skewed, coloring: .sequential(edges: nil)).binEdges() == [],
                "identical quintiles collapse rather than leave empty bins")
        #expect(PointMap.twoSignificantDigits(1234) == 1200 && PointMap.twoSignificantDigits(0.04678) == 0.047)
    }

    @Test("categories take palette colours in order; only points outside them show “Khác”")
    func categories() throws {
        var map = Samples.map
        map.coloring = .categories(["Nông nghiệp", "Dịch vụ"])
        map.colorTitle = "Lĩnh vực"
        map.points[0].category = "Nông nghiệp"
        map.points[1].category = "Dịch vụ"
        map.points[2].category = "Dịch vụ"
        map.points[3].category = "Nông nghiệp"
        var root = try #require(parseXML(map.svg()))
        #expect(root.all("g", class: "legend").first!.all("text").prefix(3).map(\.text) == ["Lĩnh vực", "Nông nghiệp", "Dịch vụ"])
        #expect(!root.all("text").contains { $0.text == "Khác" })
        map.points[3].category = "Vận tải"
        root = try #require(parseXML(map.svg()))
        #expect(root.all("text").contains { $0.text == "Khác" })
        #expect(circles(root)["HTX Đông"]?.title == "HTX Đông — Vận tải")
    }

    @Test("points link to their pages; labels sit at group centroids and let clicks through")
    func linksAndLabels() throws {
        var map = Samples.map
        map.labels = PointMap.centroidLabels(for: map.points)
        #expect(map.labels.map(\.text) == ["Cà Mau", "Hà Giang", "Đà Nẵng"])
        #expect(abs(map.labels[2].latitude - 16.05) < 1e-9 && abs(map.labels[2].longitude - 105.85) < 1e-9)
        let root = try #require(parseXML(map.svg()))
        #expect(root.all("a").map { $0["href"] } == ["/htx/1"])
        #expect(root.all("a").first?.all("circle").first?.title?.hasPrefix("HTX Bắc") == true)
        let labels = try #require(root.all("g", class: "labels").first)
        #expect(labels["pointer-events"] == "none")
        #expect(labels.all("text").map(\.text) == ["Cà Mau", "Hà Giang", "Đà Nẵng"])
    }

    @Test("points without coordinates are left out and the description says so")
    func unplaceable() throws {
        var map = Samples.map
        map.points.append(.init(name: "Không rõ", latitude: .nan, longitude: 105))
        map.points.append(.init(name: "Sai", latitude: 95, longitude: 105))
        let root = try #require(parseXML(map.svg()))
        #expect(root.all("g", class: "points").first!.all("circle").count == 4)
        #expect(root.all("desc").first?.text.contains("2 điểm thiếu toạ độ không được vẽ.") == true)
    }

    @Test("3,321 points render quickly into compact markup")
    func nationalMap() throws {
        let map = PointMap(id: "national", title: "Hợp tác xã cả nước", points: Self.national(3321),
                           coloring: .sequential(edges: nil), colorTitle: "Doanh thu (triệu đồng)", sizeTitle: "Thành viên")
        var labelled = map
        labelled.labels = PointMap.centroidLabels(for: map.points)
        let clock = ContinuousClock()
        var svg = ""
        let elapsed = clock.measure { svg = labelled.svg() }
        let bytes = svg.utf8.count
        print("PointMap, 3,321 points (debug build): \(elapsed), \(bytes) bytes, \(bytes / 3321) bytes a point")
        let root = try #require(parseXML(svg))
        #expect(root.all("g", class: "points").first!.all("circle").count == 3321)
        #expect(root.all("a").count == 3321)
        #expect(root.all("g", class: "labels").first!.all("text").count == 34)
        // About 100 bytes of markup and 100 of tooltip a point; the tooltip's Vietnamese text dominates.
        #expect(bytes < 250 * 3321)
        #expect(!svg.contains(".0\""), "coordinates carry no empty decimals")
    }

    /// Cooperatives spread along the country's S: 34 provinces from Cao Bằng to Cà Mau, names with diacritics.
    static func national(_ count: Int) -> [PointMap.Point] {
        let provinces = ["Cao Bằng", "Lào Cai", "Lai Châu", "Điện Biên", "Tuyên Quang", "Lạng Sơn", "Thái Nguyên",
                         "Sơn La", "Phú Thọ", "Quảng Ninh", "Bắc Ninh", "Hà Nội", "Hải Phòng", "Hưng Yên", "Ninh Bình",
                         "Thanh Hoá", "Nghệ An", "Hà Tĩnh", "Quảng Trị", "Huế", "Đà Nẵng", "Quảng Ngãi", "Gia Lai",
                         "Đắk Lắk", "Khánh Hoà", "Lâm Đồng", "Đồng Nai", "Tây Ninh", "Thành phố Hồ Chí Minh",
                         "Đồng Tháp", "An Giang", "Vĩnh Long", "Cần Thơ", "Cà Mau"]
        var seed: UInt64 = 42
        func random() -> Double {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Double(seed >> 11) / Double(1 << 53)
        }
        return (0..<count).map { index in
            let province = index % provinces.count
            let along = Double(province) / Double(provinces.count - 1)
            let latitude = 22.8 - along * 13.8 + (random() - 0.5) * 0.8
            let longitude = 104 + 2.5 * sin(along * .pi * 1.3) + (random() - 0.5) * 0.8
            let members = 7 + (random() * random()) * 600
            return PointMap.Point(name: "Hợp tác xã Nông nghiệp Đồng Tâm \(index + 1)", latitude: latitude,
                                  longitude: longitude, size: members.rounded(), value: (random() * 20_000).rounded(),
                                  group: provinces[province], href: "/to-chuc/\(index + 1)")
        }
    }
}
