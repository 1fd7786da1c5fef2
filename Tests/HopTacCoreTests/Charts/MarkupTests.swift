import Foundation
import Testing
@testable import HopTacCore

@Suite("Markup every chart shares")
struct MarkupTests {
    @Test("every chart, with data or without, is well-formed XML labelled by its title and description")
    func labelled() throws {
        for (id, svg) in Samples.all {
            let root = try #require(parseXML(svg), "\(id) is not well-formed")
            #expect(root.name == "svg")
            #expect(root["xmlns"] == "http://www.w3.org/2000/svg")
            #expect(root["role"] == "img")
            #expect(root["aria-labelledby"] == "\(id)-title \(id)-desc")
            #expect(root.children.first?.name == "title", "the title comes first, where assistive technology looks")
            #expect(root.children.first?["id"] == "\(id)-title")
            #expect(root.children.dropFirst().first?.name == "desc")
            #expect(root.children.dropFirst().first?["id"] == "\(id)-desc")
            #expect(!(root.children.dropFirst().first?.text.isEmpty ?? true), "\(id) has an empty description")
            let viewBox = try #require(root["viewBox"]).split(separator: " ").compactMap { Double($0) }
            #expect(viewBox.count == 4 && viewBox[2] > 0 && viewBox[3] > 0)
            if id.contains("spark") {
                #expect(root["width"] == "4em" && root["height"] == "1em", "a sparkline is sized with its text")
            } else {
                #expect(root["width"] == "100%" && root["height"] == nil, "\(id) must scale with its container")
            }
            #expect(root["font-family"]?.hasPrefix("system-ui") == true)

            let elements = root.all
            let ids = elements.compactMap { $0["id"] }
            #expect(Set(ids).count == ids.count, "\(id) repeats an id")
            #expect(ids.allSatisfy { $0.hasPrefix(id + "-") }, "ids must derive from the chart's id to be unique on a page")
            for element in elements {
                #expect(element["style"] == nil, "the app's CSP blocks style attributes")
                #expect(element.name != "style")
                for value in element.attributes.values where value.hasPrefix("url(#") {
                    #expect(ids.contains(String(value.dropFirst(5).dropLast())), "\(value) points at nothing")
                }
            }
        }
    }

    @Test("two charts on one page share no id")
    func distinctIDs() throws {
        var first = Samples.stacked(), second = Samples.stacked()
        first.id = "a"
        second.id = "b"
        let ids = try [first, second].flatMap { try #require(parseXML($0.svg())).all.compactMap { $0["id"] } }
        #expect(Set(ids).count == ids.count)
        #expect(ids.contains("a-fill-0") && ids.contains("b-fill-0"), "patterns are per chart")
    }

    @Test("an empty chart is a valid chart that says there is no data")
    func empty() throws {
        for (id, svg) in Samples.all where id.hasPrefix("empty") {
            let root = try #require(parseXML(svg))
            #expect(root.all("text").contains { $0.text == "Chưa có số liệu" }, "\(id)")
            #expect(root.all("desc").first?.text == "Chưa có số liệu.")
        }
        // Points without usable coordinates leave nothing to draw either.
        let map = PointMap(id: "m", title: "t", points: [.init(name: "x", latitude: .nan, longitude: 200)]).svg()
        #expect(try #require(parseXML(map)).all("text").contains { $0.text == "Chưa có số liệu" })
        let line = LineChart(id: "l", title: "t", series: [.init(name: "s", points: [])]).svg()
        #expect(try #require(parseXML(line)).all("text").contains { $0.text == "Chưa có số liệu" })
    }

    @Test("Vietnamese text, ampersands, angle brackets and quotes are escaped and read back unchanged")
    func escaping() throws {
        let name = "Hợp tác xã Đồng Tâm & Cộng sự"
        let tricky = "<b>\"Ngọc\" 'Lâm'</b>"
        let chart = BarChart(id: "x", title: name, description: tricky, bars: [
            .init(label: name, value: 1, href: "/tinh?ten=a&b=\"c\""),
            .init(label: tricky, value: 2),
        ])
        let svg = chart.svg()
        #expect(svg.contains("Hợp tác xã Đồng Tâm &amp; Cộng sự"))
        #expect(svg.contains("&lt;b&gt;&quot;Ngọc&quot; &#39;Lâm&#39;&lt;/b&gt;"))
        #expect(svg.contains("href=\"/tinh?ten=a&amp;b=&quot;c&quot;\""))
        #expect(!svg.contains("Tâm & "))

        let root = try #require(parseXML(svg))
        #expect(root.all("title").first?.text == name)
        #expect(root.all("desc").first?.text == tricky)
        #expect(root.all("a").first?["href"] == "/tinh?ten=a&b=\"c\"")
        #expect(root.all("text").contains { $0.text == name })
        #expect(root.all("text").contains { $0.text == tricky })

        // Characters XML forbids would break the whole page's chart: they are dropped.
        let control = BarChart(id: "c", title: "A\u{1}B\u{FFFF}C", bars: [.init(label: "x\u{0}y", value: 1)]).svg()
        let parsed = try #require(parseXML(control))
        #expect(parsed.all("title").first?.text == "ABC")
    }

    @Test("ids are made safe for aria-labelledby; links with foreign schemes are dropped")
    func identifiersAndLinks() {
        #expect(SVG.identifier("biểu đồ#1") == "bi-u----1")
        #expect(SVG.identifier("2024") == "chart-2024")
        #expect(SVG.identifier("") == "chart-")
        #expect(SVG.safeHref("/tinh/01") == "/tinh/01")
        #expect(SVG.safeHref("https://example.org/a:b") == "https://example.org/a:b")
        #expect(SVG.safeHref("/a?b=c:d") == "/a?b=c:d")
        #expect(SVG.safeHref("javascript:alert(1)") == nil)
        #expect(SVG.safeHref(" JavaScript:alert(1)") == nil)
        #expect(SVG.safeHref("data:text/html,x") == nil)
        #expect(SVG.safeHref("") == nil)
        let svg = BarChart(id: "x", title: "t", bars: [.init(label: "a", value: 1, href: "javascript:alert(1)")]).svg()
        #expect(!svg.contains("<a "))
    }

    @Test("colours that carry text or lines have enough contrast on white")
    func contrast() {
        for color in [ChartPalette.ink, ChartPalette.muted, ChartPalette.link, ChartPalette.accent] {
            #expect(ChartPalette.contrast(color, "#ffffff") >= 4.5, "\(color)")
        }
        for swatch in ChartPalette.categorical {
            #expect(ChartPalette.contrast(swatch.color, "#ffffff") >= 3, "\(swatch.color) as a line")
        }
        // Good → fair → average get lighter, so the band order survives grayscale; the rest differ by texture.
        let bands = ChartPalette.classification
        let luminance = bands.map { ChartPalette.luminance($0.color)! }
        #expect(luminance[0] < luminance[1] && luminance[1] < luminance[2])
        for a in bands.indices {
            for b in bands.indices where a < b {
                let apart = ChartPalette.contrast(bands[a].color, bands[b].color) >= 1.5
                #expect(apart || bands[a].texture != bands[b].texture, "bands \(a) and \(b) print alike")
            }
        }
        let sequential = ChartPalette.sequential.map { ChartPalette.luminance($0)! }
        #expect(sequential == sequential.sorted(by: >), "the map scale runs light to dark")
        #expect(ChartPalette.text(on: "#1b5e20") == "#fff")
        #expect(ChartPalette.text(on: "#e3bb3f") == ChartPalette.ink)
    }
}
