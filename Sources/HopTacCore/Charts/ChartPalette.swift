import Foundation

/// A fill for bars, segments and legend keys. Colour alone is lost when a report is printed in grayscale, so
/// swatches whose colours print as similar grays carry a texture as well.
public struct ChartSwatch: Sendable, Hashable, Codable {
    public enum Texture: String, Sendable, Hashable, Codable {
        case solid, stripes, dots, crosshatch
    }

    /// `#rrggbb`.
    public var color: String
    public var texture: Texture

    public init(color: String, texture: Texture = .solid) {
        self.color = color
        self.texture = texture
    }
}

/// The few colours every chart draws with. They match the app's stylesheet (ink, muted, line, accent, link) so that
/// charts sit in pages without clashing, and every colour that carries text or a line has at least 3:1 contrast on white.
public enum ChartPalette {
    /// Text and axes (#1d2433, 15:1 on white).
    public static let ink = "#1d2433"
    /// Tick labels and secondary text (#5b6475, 6:1 on white).
    public static let muted = "#5b6475"
    /// Grid lines: light enough to recede behind the data.
    public static let grid = "#d9dee7"
    /// Targets and the last point of a sparkline: the app's accent red.
    public static let accent = "#a3161a"
    /// Linked labels, as links look in the app.
    public static let link = "#0b4f9c"
    /// Points without a value or outside the listed categories.
    public static let missing = "#9aa1ad"

    public static let blue = ChartSwatch(color: "#0b4f9c")
    public static let orange = ChartSwatch(color: "#b85c00")
    public static let green = ChartSwatch(color: "#1f7a3a", texture: .stripes)
    public static let purple = ChartSwatch(color: "#6a3d9a", texture: .dots)
    public static let red = ChartSwatch(color: "#a3161a", texture: .crosshatch)
    public static let gray = ChartSwatch(color: "#5b6475", texture: .stripes)

    /// Series without a swatch of their own take these in order. Blue and orange print as distinct grays; the
    /// others print as similar grays and are told apart by their textures (and, on line charts, dashes and markers).
    public static let categorical: [ChartSwatch] = [blue, orange, green, purple, red, gray]

    /// The classification bands in the order the rubric lists them: Tốt, Khá, Trung bình, Yếu, Chưa xếp loại.
    /// Good to average get lighter step by step, so the order survives grayscale; weak (red, as dark as good) and
    /// unrated (gray, as light as average) are told apart by texture.
    public static let classification: [ChartSwatch] = [
        ChartSwatch(color: "#1b5e20"),
        ChartSwatch(color: "#5a9e5f"),
        ChartSwatch(color: "#e3bb3f"),
        ChartSwatch(color: "#b3261e", texture: .stripes),
        ChartSwatch(color: "#c4c9d1", texture: .dots),
    ]

    /// Light to dark (ColorBrewer YlGnBu without its two palest steps, which vanish on white paper): lightness alone
    /// orders the bins, so a map's legend still reads in grayscale.
    public static let sequential: [String] = ["#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#0c2c84"]

    /// WCAG relative luminance of `#rrggbb`, nil for anything else.
    static func luminance(_ color: String) -> Double? {
        let hex = color.hasPrefix("#") ? color.dropFirst() : Substring(color)
        guard hex.count == 6, let rgb = Int(hex, radix: 16) else { return nil }
        func channel(_ shift: Int) -> Double {
            let c = Double((rgb >> shift) & 0xFF) / 255
            return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0)
    }

    /// WCAG contrast ratio between two `#rrggbb` colours (1 to 21).
    static func contrast(_ a: String, _ b: String) -> Double {
        let la = luminance(a) ?? 0, lb = luminance(b) ?? 0
        return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
    }

    /// White or ink, whichever reads better on `background`: labels inside dark segments would vanish in ink.
    static func text(on background: String) -> String {
        contrast("#ffffff", background) > contrast(ink, background) ? "#fff" : ink
    }
}

/// The fills one chart uses. Textured swatches become `<pattern>`s whose ids start with the chart's id, because
/// every chart inlined into a page shares that page's id space.
struct ChartFills {
    let chartID: String
    private(set) var definitions = ""
    private var patternIDs: [ChartSwatch: String] = [:]

    init(chartID: String) {
        self.chartID = chartID
    }

    /// The value for a `fill` attribute: the colour itself, or a reference to the swatch's pattern.
    mutating func paint(_ swatch: ChartSwatch) -> String {
        let color = escapeMarkup(swatch.color)
        guard swatch.texture != .solid else { return color }
        if let id = patternIDs[swatch] { return "url(#\(id))" }
        let id = "\(chartID)-fill-\(patternIDs.count)"
        patternIDs[swatch] = id
        // Light marks on dark colours, dark marks on light ones, so the texture shows either way.
        let dark = (ChartPalette.luminance(swatch.color) ?? 0) < 0.3
        let mark = dark ? "fill=\"#fff\" fill-opacity=\"0.6\"" : "fill=\"\(ChartPalette.ink)\" fill-opacity=\"0.45\""
        let rotate = swatch.texture == .dots ? "" : " patternTransform=\"rotate(45)\""
        var pattern = "<pattern id=\"\(id)\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\"\(rotate)>"
        pattern += "<rect width=\"6\" height=\"6\" fill=\"\(color)\"/>"
        switch swatch.texture {
        case .stripes: pattern += "<rect width=\"2\" height=\"6\" \(mark)/>"
        case .dots: pattern += "<circle cx=\"3\" cy=\"3\" r=\"1.4\" \(mark)/>"
        case .crosshatch: pattern += "<path d=\"M0 0H6V1.5H0ZM0 0H1.5V6H0Z\" \(mark)/>"
        case .solid: break
        }
        definitions += pattern + "</pattern>"
        return "url(#\(id))"
    }
}
