/// Line charts stacked in one SVG, one panel under the other, sharing their x axis: quantities of
/// different scales over the same epochs (training loss above, regret below), each on its own
/// y axis, under one title.
///
/// ```swift
/// var loss = SVGLineChart(title: "training loss", xLabel: "epoch", yLabel: "loss")
/// loss.add(series: "train", x: [1, 2], y: [5.1, 4.2])
/// var regret = SVGLineChart(title: "regret", xLabel: "epoch", yLabel: "normalized regret")
/// regret.add(series: "test", x: [0, 1, 2], y: [0.4, 0.2, 0.1])
/// let svg = SVGStackedCharts(title: "SPO+", panels: [loss, regret]).svg()
/// ```
public struct SVGStackedCharts: Sendable {
    /// The title above the panels.
    public var title: String
    /// The panels, top to bottom.
    public var panels: [SVGLineChart]

    /// Creates the stack.
    public init(title: String, panels: [SVGLineChart]) {
        self.title = title
        self.panels = panels
    }

    /// Height of the title band above the first panel.
    static let titleBand = 34.0

    /// Renders the stack as one SVG document: the panels share their x range, their legend room
    /// and their width, so that their plots line up.
    public func svg() -> String {
        var panels = self.panels
        let xs = panels.flatMap { $0.series.flatMap { $0.x.filter(\.isFinite) } }
        if let low = xs.min(), let high = xs.max(), high > low {
            for k in panels.indices { panels[k].xDomain = low...high }
        }
        let room = panels.map(\.legendRoom).max() ?? 170
        for k in panels.indices { panels[k].legendWidth = room }
        let width = max(
            panels.map(\.canvasSize.width).max() ?? 0,
            SVGLineChart.textWidth(title, fontSize: 17) + 40)
        for k in panels.indices { panels[k].width = width - (room - 170) }
        let height = Self.titleBand + panels.map(\.canvasSize.height).reduce(0, +)
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" \
            viewBox="0 0 \(Int(width)) \(Int(height))" font-family="Helvetica,Arial,sans-serif" font-size="12">
            <rect width="100%" height="100%" fill="white"/>
            <text x="\(width / 2)" y="24" text-anchor="middle" font-size="17" font-weight="bold">\(SVGLineChart.escape(title))</text>

            """
        var y = Self.titleBand
        for panel in panels {
            out += panel.element(x: 0, y: y) + "\n"
            y += panel.canvasSize.height
        }
        return out + "</svg>\n"
    }
}
