/// A horizontal bar chart drawn by the server as inline SVG: one labelled bar a row, its
/// value written after it. Colours and sizes are SVG attributes (the CSP allows no style
/// attribute); the SVG scales down to its column and prints as drawn.
struct BarChart {
    struct Bar {
        var label: String
        var value: Double
        /// The value as written after the bar (`85.3%`).
        var text: String
    }

    var title: String
    var bars: [Bar]
    /// The value of a bar the full width (100 for a percentage).
    var maximum: Double
    /// The drawing's width in pixels: within the 1366px page with its margins.
    var width = 960
    var labelWidth = 180
    var valueWidth = 80
    var barHeight = 20
    var gap = 8

    var height: Int { gap + bars.count * (barHeight + gap) }

    /// The pixels of a bar `value` long: none below zero, the full track past `maximum`.
    func length(_ value: Double) -> Int {
        let track = width - labelWidth - valueWidth
        guard maximum > 0, value > 0 else { return 0 }
        return Int((min(value, maximum) / maximum * Double(track)).rounded())
    }

    func top(_ index: Int) -> Int { gap + index * (barHeight + gap) }

    var svg: String {
        let title = Self.escape(title)
        var out =
            ##"<svg class="chart" xmlns="http://www.w3.org/2000/svg" role="img" width="\##(width)" height="\##(height)" "##
            + ##"viewBox="0 0 \##(width) \##(height)" aria-label="\##(title)"><title>\##(title)</title>"##
        let track = width - labelWidth - valueWidth
        let text = ##"dominant-baseline="central" font-size="13" fill="#1d232a""##
        for (index, bar) in bars.enumerated() {
            let y = top(index)
            let middle = y + barHeight / 2
            out += ##"<g><text x="\##(labelWidth - 8)" y="\##(middle)" text-anchor="end" \##(text)>"## + Self.escape(bar.label) + "</text>"
            out += ##"<rect x="\##(labelWidth)" y="\##(y)" width="\##(track)" height="\##(barHeight)" fill="#eef1f5"/>"##
            out += ##"<rect x="\##(labelWidth)" y="\##(y)" width="\##(length(bar.value))" height="\##(barHeight)" fill="#2f6aa3"/>"##
            out += ##"<text x="\##(labelWidth + track + 6)" y="\##(middle)" \##(text)>"## + Self.escape(bar.text) + "</text></g>"
        }
        return out + "</svg>"
    }

    /// Text made inert inside SVG markup and its attributes.
    static func escape(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }
}
