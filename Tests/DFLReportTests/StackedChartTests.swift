import Testing

@testable import DFLReport

/// ``SVGStackedCharts`` and the canvas growing for long titles and long legends.
@Suite struct StackedChartTests {
    /// Every `<text … y="Y"…>` baseline of `svg` (the legend's and the labels').
    func baselines(_ svg: String) -> [Double] {
        svg.matches(of: /<text x="[-0-9.e]+" y="([-0-9.e]+)"/).compactMap { Double($0.1) }
    }

    @Test func panelsShareTheirWidthTheirXRangeAndTheirLegendRoom() {
        var loss = SVGLineChart(title: "loss", xLabel: "epoch", yLabel: "loss")
        loss.add(series: "train loss", x: [1, 2, 3], y: [5, 4.5, 4])
        var regret = SVGLineChart(title: "regret", xLabel: "epoch", yLabel: "regret")
        regret.add(series: "a much longer legend name, validation", x: [0, 1, 2, 3], y: [0.4, 0.3, 0.2, 0.1])
        let svg = SVGStackedCharts(title: "run", panels: [loss, regret]).svg()
        let roots = svg.matches(of: /<svg xmlns="[^"]*"(?: x="[^"]*" y="([^"]*)")? width="(\d+)" height="(\d+)"/)
        #expect(roots.count == 3)
        // The same width everywhere; panels placed one under the other below the title band.
        #expect(Set(roots.map { $0.2 }).count == 1)
        let top = Double(roots[1].1 ?? "") ?? -1, second = Double(roots[2].1 ?? "") ?? -1
        #expect(top == SVGStackedCharts.titleBand && second == top + (Double(roots[1].3) ?? 0))
        #expect(Double(roots[0].3) == second + (Double(roots[2].3) ?? 0))
        // Both plots start at x = 0 (the shared range), though the loss has no epoch 0.
        let firstTick = svg.matches(of: /text-anchor="middle">([^<]+)<\/text>/).map { String($0.1) }
        #expect(firstTick.filter { $0 == "0" }.count == 2, "\(firstTick)")
    }

    @Test func longTitlesAndLongLegendsGrowTheCanvas() {
        var chart = SVGLineChart(title: String(repeating: "a long title ", count: 12), xLabel: "x", yLabel: "y")
        for k in 0..<30 { chart.add(series: "series \(k)", x: [0, 1], y: [Double(k), Double(k + 1)]) }
        let (width, height) = chart.canvasSize
        // 0.62 em a character for 156 characters at 15 px, and 30 legend rows of 18 px.
        #expect(width >= 156 * 15 * 0.62 && height >= 30 * 18)
        let svg = chart.svg()
        #expect(svg.contains("width=\"\(Int(width))\" height=\"\(Int(height))\""))
        #expect((baselines(svg).max() ?? .infinity) < height)
    }
}
