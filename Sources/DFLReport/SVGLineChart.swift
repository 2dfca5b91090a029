#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A self-contained SVG line chart: several named series over a shared x axis, with axes, ticks,
/// a title, axis labels and a legend. No dependencies; the output opens in any browser.
///
/// ```swift
/// var chart = SVGLineChart(title: "Training", xLabel: "epoch", yLabel: "loss")
/// chart.add(series: "SPO+", x: [1, 2, 3], y: [0.3, 0.2, 0.1])
/// try chart.svg().write(toFile: "curve.svg", atomically: true, encoding: .utf8)
/// ```
public struct SVGLineChart: Sendable {
    /// One named polyline.
    public struct Series: Sendable {
        /// Legend label.
        public var name: String
        /// x coordinates.
        public var x: [Double]
        /// y coordinates (same length as `x`); non-finite values break the line.
        public var y: [Double]
        /// Optional symmetric error bars (same length as `y`).
        public var errors: [Double]?
        /// Whether the points are joined by a line (false: markers and error bars only, for
        /// categories on the x axis).
        public var connected: Bool = true
    }

    /// Chart title.
    public var title: String
    /// x axis label.
    public var xLabel: String
    /// y axis label.
    public var yLabel: String
    /// Whether the y axis is logarithmic (base 10; non-positive values are dropped).
    public var logY: Bool
    /// Width and height in pixels (defaults 720 × 440).
    public var width: Double = 720
    /// Height in pixels.
    public var height: Double = 440
    /// The series in drawing order.
    public private(set) var series: [Series] = []
    /// Names for the x positions 1, 2, …, drawn as the x tick labels instead of numbers (nil:
    /// a numeric axis).
    public var xCategories: [String]? = nil
    /// The x range drawn (nil: the data's); stacked panels share one (``SVGStackedCharts``).
    public var xDomain: ClosedRange<Double>? = nil
    /// The room right of the plot for the legend, at least (nil: what the longest name needs);
    /// stacked panels share one so that their plots line up.
    public var legendWidth: Double? = nil

    /// Creates an empty chart.
    public init(title: String, xLabel: String, yLabel: String, logY: Bool = false) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.logY = logY
    }

    /// Adds a series; `x` and `y` must have the same length.
    public mutating func add(
        series name: String, x: [Double], y: [Double], errors: [Double]? = nil, connected: Bool = true
    ) {
        precondition(x.count == y.count, "SVGLineChart: x and y lengths differ for \(name)")
        series.append(Series(name: name, x: x, y: y, errors: errors, connected: connected))
    }

    private static let palette = [
        "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
        "#bcbd22", "#17becf",
    ]

    /// "Nice" tick positions covering `[low, high]`.
    static func ticks(_ low: Double, _ high: Double, count: Int = 6) -> [Double] {
        guard high > low else { return [low] }
        guard (high - low).isFinite else { return [low, high] }
        let rawStep = (high - low) / Double(max(count - 1, 1))
        let magnitude = pow(10, floor(log10(rawStep)))
        let residual = rawStep / magnitude
        let step = (residual > 5 ? 10 : residual > 2 ? 5 : residual > 1 ? 2 : 1) * magnitude
        var t = ceil(low / step) * step
        var out: [Double] = []
        // A step below the spacing of doubles at `t` (or a non-finite one) would never advance.
        guard step.isFinite, step > 0, t + step != t else { return [low, high] }
        while t <= high + step * 1e-9, out.count <= count * 3 {
            out.append(abs(t) < step * 1e-9 ? 0 : t)
            t += step
        }
        return out
    }

    static func format(_ v: Double) -> String {
        if v == 0 { return "0" }
        guard v.isFinite else { return "\(v)" }
        let a = abs(v)
        if a >= 1e5 || a < 1e-3 {
            let e = Int(floor(log10(a)))
            let m = v / pow(10, Double(e))
            return "\(trim(m, 2))e\(e)"
        }
        return trim(v, a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : 3)
    }

    static func trim(_ v: Double, _ digits: Int) -> String {
        let scale = pow(10, Double(digits))
        let r = (v * scale).rounded() / scale
        var s = "\(r)"
        if s.contains(".") && !s.contains("e") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s
    }

    static func escape(_ s: String) -> String {
        s.replacingAll("&", "&amp;").replacingAll("<", "&lt;").replacingAll(">", "&gt;")
    }

    /// Estimated width in pixels of `text` at `fontSize` in Helvetica/Arial (a generous 0.62 em a
    /// character, bold or not), for making room rather than clipping.
    static func textWidth(_ text: String, fontSize: Double) -> Double { Double(text.count) * fontSize * 0.62 }

    /// The room right of the plot the legend needs: its line, a gap and the longest name.
    var legendRoom: Double {
        max(170.0, 56 + (series.map { Self.textWidth($0.name, fontSize: 12) }.max() ?? 0), legendWidth ?? 0)
    }

    /// The canvas size: the requested size, widened for the legend and the title and heightened
    /// for the legend's rows, so that no text leaves the canvas.
    public var canvasSize: (width: Double, height: Double) {
        let width = max(self.width + (legendRoom - 170), Self.textWidth(title, fontSize: 15) + 40)
        let height = max(self.height, 40 + 10 + Double(series.count) * 18 + 20)
        return (width, height)
    }

    /// Renders the chart as an SVG document.
    public func svg() -> String { element(x: nil, y: nil) + "\n" }

    /// The chart's `<svg>` element, placed at (`x`, `y`) inside another when these are given.
    func element(x originX: Double?, y originY: Double?) -> String {
        // The legend gets the room its longest name needs, widening the canvas rather than
        // clipping the names; the title and a long legend widen and heighten it likewise.
        let right = legendRoom, left = 70.0, top = 40.0, bottom = 55.0
        let (width, height) = canvasSize
        let plotW = width - left - right, plotH = self.height - top - bottom
        let ty: (Double) -> Double = { logY ? log10($0) : $0 }
        var xs: [Double] = [], ys: [Double] = []
        for s in series {
            for (i, (x, y)) in zip(s.x, s.y).enumerated() where x.isFinite && y.isFinite {
                if logY && y <= 0 { continue }
                xs.append(x)
                let e = s.errors?[i] ?? 0
                ys.append(ty(y))
                if e > 0 {
                    ys.append(ty(y + e))
                    if !logY || y - e > 0 { ys.append(ty(y - e)) }
                }
            }
        }
        var xMin = xDomain?.lowerBound ?? xs.min() ?? 0, xMax = xDomain?.upperBound ?? xs.max() ?? 1
        if let categories = xCategories, !categories.isEmpty {
            xMin = min(xMin, 0.5)
            xMax = max(xMax, Double(categories.count) + 0.5)
        }
        var yMin = ys.min() ?? 0, yMax = ys.max() ?? 1
        if xMax <= xMin {
            xMin -= 0.5
            xMax += 0.5
        }
        if yMax <= yMin {
            yMin -= 0.5
            yMax += 0.5
        }
        let pad = (yMax - yMin) * 0.05
        yMin -= pad
        yMax += pad
        let px: (Double) -> Double = { left + ($0 - xMin) / (xMax - xMin) * plotW }
        let py: (Double) -> Double = { top + plotH - (ty($0) - yMin) / (yMax - yMin) * plotH }
        let titleWidth = Self.textWidth(title, fontSize: 15)
        let place = originX.map { x in " x=\"\(x)\" y=\"\(originY ?? 0)\"" } ?? ""
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg"\(place) width="\(Int(width))" height="\(Int(height))" \
            viewBox="0 0 \(Int(width)) \(Int(height))" font-family="Helvetica,Arial,sans-serif" font-size="12">
            <rect width="100%" height="100%" fill="white"/>
            <text x="\(min(max(left + plotW / 2, titleWidth / 2 + 10), width - titleWidth / 2 - 10))" \
            y="22" text-anchor="middle" font-size="15" font-weight="bold">\(Self.escape(title))</text>

            """
        out +=
            "<rect x=\"\(left)\" y=\"\(top)\" width=\"\(plotW)\" height=\"\(plotH)\" fill=\"none\" stroke=\"#333\"/>\n"
        let xTicks: [(Double, String)] =
            xCategories.map { names in names.enumerated().map { (Double($0.offset + 1), Self.escape($0.element)) } }
            ?? Self.ticks(xMin, xMax).map { ($0, Self.format($0)) }
        for (t, label) in xTicks {
            let x = px(t)
            out += "<line x1=\"\(x)\" y1=\"\(top)\" x2=\"\(x)\" y2=\"\(top + plotH)\" stroke=\"#eee\"/>"
            out += "<text x=\"\(x)\" y=\"\(top + plotH + 16)\" text-anchor=\"middle\">\(label)</text>\n"
        }
        for t in Self.ticks(yMin, yMax) {
            let y = top + plotH - (t - yMin) / (yMax - yMin) * plotH
            let label = logY ? Self.format(pow(10, t)) : Self.format(t)
            out += "<line x1=\"\(left)\" y1=\"\(y)\" x2=\"\(left + plotW)\" y2=\"\(y)\" stroke=\"#eee\"/>"
            out += "<text x=\"\(left - 6)\" y=\"\(y + 4)\" text-anchor=\"end\">\(label)</text>\n"
        }
        out +=
            "<text x=\"\(left + plotW / 2)\" y=\"\(top + plotH + 43)\" text-anchor=\"middle\">\(Self.escape(xLabel))</text>\n"
        out +=
            "<text transform=\"translate(16,\(top + plotH / 2)) rotate(-90)\" text-anchor=\"middle\">\(Self.escape(yLabel))</text>\n"
        for (k, s) in series.enumerated() {
            let color = Self.palette[k % Self.palette.count]
            var segments: [[String]] = [[]]
            for (i, (x, y)) in zip(s.x, s.y).enumerated() {
                guard x.isFinite, y.isFinite, !(logY && y <= 0) else {
                    segments.append([])
                    continue
                }
                segments[segments.count - 1].append("\(px(x)),\(py(y))")
                if let e = s.errors?[i], e > 0 {
                    let lo = logY ? max(y - e, y * 1e-3) : y - e
                    out +=
                        "<line x1=\"\(px(x))\" y1=\"\(py(lo))\" x2=\"\(px(x))\" y2=\"\(py(y + e))\" stroke=\"\(color)\" stroke-opacity=\"0.6\"/>\n"
                }
            }
            for seg in segments where !seg.isEmpty {
                if s.connected {
                    out +=
                        "<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\" points=\"\(seg.joined(separator: " "))\"/>\n"
                }
                for pt in seg {
                    let c = pt.split(separator: ",")
                    out += "<circle cx=\"\(c[0])\" cy=\"\(c[1])\" r=\"\(s.connected ? 2.5 : 4)\" fill=\"\(color)\"/>"
                }
                out += "\n"
            }
            let ly = top + 10 + Double(k) * 18
            out +=
                "<line x1=\"\(left + plotW + 12)\" y1=\"\(ly)\" x2=\"\(left + plotW + 36)\" y2=\"\(ly)\" stroke=\"\(color)\" stroke-width=\"2\"/>"
            out += "<text x=\"\(left + plotW + 42)\" y=\"\(ly + 4)\">\(Self.escape(s.name))</text>\n"
        }
        out += "</svg>"
        return out
    }
}

extension String {
    func replacingAll(_ target: String, _ replacement: String) -> String {
        split(separator: Character(target), omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
