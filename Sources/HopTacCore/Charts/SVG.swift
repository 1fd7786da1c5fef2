import Foundation

/// Formats a number for a label; charts default to `1.234,5` (Vietnamese grouping, at most two decimals).
public typealias ChartValueFormat = @Sendable (Double) -> String

/// Markup shared by every chart. Charts are written straight into a string: the pages that inline them are strings
/// too, and a document tree would cost more than the charts themselves (a province map has thousands of points).
///
/// Styling uses presentation attributes only, never `style` attributes or a `<style>` element: the app's
/// Content-Security-Policy (`style-src 'self'`) would block those in an inlined SVG.
enum SVG {
    /// The app's own font stack, so chart text matches the page; no font is downloaded.
    static let fontStack = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif"
    static let fontSize = 13.0
    static let noData = "Chưa có số liệu"
    /// A white outline painted under text, so labels stay legible where they cross lines, dots or textures.
    static let halo = "stroke=\"#fff\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\""

    /// The complete `<svg>` element. `title` and `description` name and summarise the chart for screen readers
    /// (`role="img"` makes the chart one image to them); the page's own caption shows the title to everyone else.
    /// `size` defaults to the full width of the container, the height following the viewBox's aspect.
    static func document(id: String, kind: String, width: Double, height: Double, title: String, description: String,
                         size: String = "width=\"100%\"", fontSize: Double = fontSize, definitions: String = "",
                         body: String) -> String {
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(num(width)) \(num(height))\" \(size)"
        out += " role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\" class=\"chart chart-\(kind)\""
        out += " font-family=\"\(fontStack)\" font-size=\"\(num(fontSize))\">\n"
        out += "<title id=\"\(id)-title\">\(escapeMarkup(title))</title>\n"
        out += "<desc id=\"\(id)-desc\">\(escapeMarkup(description))</desc>\n"
        if !definitions.isEmpty { out += "<defs>\(definitions)</defs>\n" }
        out += body
        out += "</svg>"
        return out
    }

    /// What an empty chart shows instead of axes that would suggest zeros.
    static func noDataMessage(width: Double, height: Double, fontSize: Double = fontSize) -> String {
        "<text x=\"\(num(width / 2))\" y=\"\(num(height / 2 + fontSize * 0.35))\" text-anchor=\"middle\" "
            + "fill=\"\(ChartPalette.muted)\">\(noData)</text>\n"
    }

    /// A coordinate rounded to one decimal, without a trailing `.0`: finer than print resolution at A4 and it keeps
    /// a map of thousands of points small.
    static func num(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        // Layout never leaves the viewBox by much; the clamp only keeps `Int` from trapping on absurd input.
        return tenths(Int((min(max(value, -1e9), 1e9) * 10).rounded()))
    }

    /// `tenths` / 10 written as `num` writes it; stacked segments are laid out in whole tenths so they add up exactly.
    static func tenths(_ tenths: Int) -> String {
        let whole = String(tenths.magnitude / 10), fraction = tenths.magnitude % 10
        let sign = tenths < 0 ? "-" : ""
        return fraction == 0 ? sign + whole : sign + whole + "." + String(fraction)
    }

    /// A caller's id made safe for ids and for `aria-labelledby`, which is a space-separated list: only ASCII
    /// letters, digits, `-` and `_` are kept, and it starts with a letter as XML names must.
    static func identifier(_ raw: String) -> String {
        var out = ""
        for scalar in raw.unicodeScalars {
            let keep = ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                || scalar == "-" || scalar == "_"
            out += keep ? String(scalar) : "-"
        }
        if let first = out.unicodeScalars.first, ("a"..."z").contains(first) || ("A"..."Z").contains(first) {
            return out
        }
        return "chart-" + out
    }

    /// The href to link to, or nil. Links come from the app's own routes; a scheme other than http(s)
    /// (`javascript:`, `data:`) is dropped rather than trusted.
    static func safeHref(_ href: String?) -> String? {
        guard let href, !href.isEmpty else { return nil }
        let head = href.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        guard let colon = head.firstIndex(of: ":") else { return href }
        let scheme = head[..<colon].lowercased()
        return scheme == "http" || scheme == "https" ? href : nil
    }

    /// Roughly how wide `text` sets in a sans-serif system font. The server cannot measure text, and margins and
    /// shortened labels only need an estimate: narrow and wide letters are counted apart, diacritics add nothing.
    static func textWidth(_ text: String, fontSize: Double = fontSize) -> Double {
        var ems = 0.0
        for character in text {
            switch character {
            case "i", "l", "j", "I", "!", ".", ",", ":", ";", "'", "|": ems += 0.28
            case "f", "t", "r", " ", "(", ")", "-", "/": ems += 0.36
            case "m", "w", "M", "W", "%": ems += 0.86
            default: ems += character.isUppercase ? 0.68 : 0.56
            }
        }
        return ems * fontSize
    }

    /// `text` shortened with `…` to fit `width`; the full text stays in the element's `<title>`.
    static func fitted(_ text: String, width: Double, fontSize: Double = fontSize) -> String {
        guard textWidth(text, fontSize: fontSize) > width else { return text }
        var characters = Array(text)
        while !characters.isEmpty && textWidth(String(characters) + "…", fontSize: fontSize) > width {
            characters.removeLast()
        }
        while characters.last == " " { characters.removeLast() }
        return String(characters) + "…"
    }
}

/// The default label format: `.` groups thousands, `,` marks decimals, at most two decimals, trailing zeros dropped
/// (`1.234,5`, `0,25`, `-12`), as tables write them.
enum ChartNumber {
    static func format(_ value: Double) -> String {
        value.isFinite ? VietnameseNumber.format(value, fractionDigits: 2) : "—"
    }

    /// A share in percent with at most one decimal (`37,5%`): more digits would be false precision on a chart.
    static func percent(_ share: Double, _ format: ChartValueFormat) -> String {
        format((share * 10).rounded() / 10) + "%"
    }
}
