import Foundation
import Testing

@testable import DFLReport

@Suite struct ReportTests {
    @Test func chartContainsSeriesAxesAndLegend() {
        var chart = SVGLineChart(title: "Loss <test>", xLabel: "epoch", yLabel: "loss")
        chart.add(series: "SPO+", x: [1, 2, 3], y: [0.3, 0.2, 0.1])
        chart.add(series: "MSE", x: [1, 2, 3], y: [0.5, .nan, 0.4], errors: [0.01, 0.01, 0.01])
        let svg = chart.svg()
        #expect(svg.hasPrefix("<svg"))
        #expect(svg.hasSuffix("</svg>\n"))
        #expect(svg.contains("Loss &lt;test&gt;"))
        #expect(svg.contains(">SPO+<") && svg.contains(">MSE<"))
        // The NaN breaks the MSE line into two polylines: 3 polylines in all.
        #expect(svg.components(separatedBy: "<polyline").count - 1 == 3)
    }

    @Test func logAxisDropsNonPositiveValues() {
        var chart = SVGLineChart(title: "t", xLabel: "x", yLabel: "y", logY: true)
        chart.add(series: "a", x: [1, 2, 3], y: [1, 10, 0])
        let svg = chart.svg()
        #expect(svg.components(separatedBy: "<circle").count - 1 == 2)
    }

    @Test func tableAlignsColumns() {
        var t = TextTable(header: ["method", "regret"])
        t.add(row: ["SPO+", "0.0718"])
        t.add(row: ["two-stage", "0.1135"])
        let lines = t.render().split(separator: "\n")
        #expect(lines.count == 4)
        #expect(Set(lines.map { $0.count }).count == 1)
        let md = t.markdown()
        #expect(md.contains("| SPO+      | 0.0718 |"))
        #expect(md.split(separator: "\n")[1].contains(":"))
    }

    @Test func fixedFormatting() {
        #expect(formatFixed(0.071849, digits: 4) == "0.0718")
        #expect(formatFixed(-1.5, digits: 2) == "-1.50")
        #expect(formatFixed(2, digits: 0) == "2")
        #expect(formatMeanSD(0.08, 0.028, digits: 3) == "0.080 ± 0.028")
    }

    /// A diverging run's loss (1e20, 1e300) and non-finite values are written, never trapped on.
    @Test func hugeAndNonFiniteValuesAreWrittenWithoutTrapping() {
        #expect(formatFixed(1.9637228281239667e20, digits: 4) == "1.9637228281239667e+20")
        #expect(formatFixed(-1e300, digits: 4) == "-1e+300")
        #expect(formatFixed(4.6e14, digits: 4) == "460000000000000.0000")
        #expect(formatFixed(.infinity) == "inf" && formatFixed(.nan) == "nan")
        #expect(formatFixed(0.5, digits: 99) == "0.500000000000000")
        #expect(SVGLineChart.format(.infinity) == "inf")
        #expect(SVGLineChart.ticks(1e20, 1e20.nextUp) == [1e20, 1e20.nextUp])
        #expect(SVGLineChart.ticks(-1e308, 1e308) == [-1e308, 1e308])
        var chart = SVGLineChart(title: "diverged", xLabel: "epoch", yLabel: "loss")
        chart.add(series: "loss", x: [1, 2, 3], y: [1, 1e300, .infinity])
        #expect(chart.svg().hasPrefix("<svg"))
    }
}

@Suite("Sample statistics")
struct SampleStatisticsTests {
    @Test("mean and sample standard deviation against the closed form; none or one value has no spread")
    func closedForm() {
        let s = SampleStatistics([3, 5])
        #expect(s.count == 2 && s.mean == 4 && abs(s.standardDeviation - 2.0.squareRoot()) < 1e-15)
        #expect(s.formatted(digits: 3) == "4.000 ± 1.414")
        // 1, 2, …, 5: mean 3, Σ(x − 3)² = 10, sd = √(10/4).
        let five = SampleStatistics([1, 2, 3, 4, 5])
        #expect(five.mean == 3 && abs(five.standardDeviation - 2.5.squareRoot()) < 1e-15)
        #expect(
            SampleStatistics([]) == SampleStatistics([]) && SampleStatistics([]).mean == 0
                && SampleStatistics([]).standardDeviation == 0)
        #expect(SampleStatistics([7.5]).mean == 7.5 && SampleStatistics([7.5]).standardDeviation == 0)
        #expect(SampleStatistics.mean([1, 2]) == 1.5)
        #expect(formatMeanSD(0.3, 0.04, digits: 2) == "0.30 ± 0.04")
    }
}

@Suite struct ChartLayoutTests {
    /// The canvas width and the legend labels' x positions from the SVG text.
    func layout(_ svg: String) -> (width: Double, legend: [(x: Double, text: String)]) {
        let width = svg.firstMatch(of: /width="(\d+)"/).flatMap { Double($0.1) } ?? 0
        let legend = svg.matches(of: /<text x="([0-9.]+)" y="[0-9.]+">([^<]+)<\/text>/).compactMap {
            m -> (Double, String)? in
            guard let x = Double(m.1) else { return nil }
            return (x, String(m.2))
        }
        return (width, legend)
    }

    @Test func longLegendNamesWidenTheCanvasInsteadOfBeingClipped() {
        var chart = SVGLineChart(title: "t", xLabel: "x", yLabel: "y")
        let long = "two-stage · shortest-path 5x5 · seed 12345"
        chart.add(series: long, x: [0, 1], y: [1, 2])
        chart.add(series: "spo+", x: [0, 1], y: [2, 1])
        let (width, legend) = layout(chart.svg())
        let entry = legend.first { $0.text.hasPrefix("two-stage") }
        #expect(entry != nil)
        // About 7 px per character at font size 12: the label ends inside the canvas.
        #expect(
            (entry?.x ?? .infinity) + 7 * Double(long.count) <= width, "width \(width), legend at \(entry?.x ?? -1)")
        // Short names keep the default canvas.
        var short = SVGLineChart(title: "t", xLabel: "x", yLabel: "y")
        short.add(series: "a", x: [0, 1], y: [1, 2])
        #expect(layout(short.svg()).width == 720)
    }

    @Test func categoriesLabelTheXAxisAndUnconnectedSeriesDrawNoLine() {
        var chart = SVGLineChart(title: "t", xLabel: "problem", yLabel: "regret")
        chart.xCategories = ["knapsack", "shortest-path"]
        chart.add(series: "spo+", x: [1, 2], y: [0.2, 0.1], errors: [0.01, 0.02], connected: false)
        let svg = chart.svg()
        #expect(svg.contains(">knapsack</text>") && svg.contains(">shortest-path</text>"))
        #expect(!svg.contains("<polyline"))
        #expect(svg.components(separatedBy: "<circle").count - 1 == 2)
        #expect(svg.components(separatedBy: "stroke-opacity=\"0.6\"").count - 1 == 2)  // two error bars
    }
}
