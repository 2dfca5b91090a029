import CZlib
import DFLRunStore
import Foundation
import Testing

/// Every chart `dfl` draws, rendered by a real SVG renderer (`rsvg-convert`, Debian's
/// librsvg2-bin, installed by Scripts/install-deps.sh), must keep its text inside the canvas.
///
/// What catches clipping: the chart is rendered once more on a canvas enlarged by a wide margin on
/// every side (the root `viewBox` grown, nothing else changed), with the renderer's own fonts and
/// metrics; any ink — a pixel neither transparent nor white — in that margin is something the
/// real canvas cuts off. Panels nested in a stacked chart clip at their own edges, so each panel
/// is checked the same way on its own. A deliberately overflowing label proves the check sees it.
@Suite struct ChartRenderingTests {
    /// The renderer; a clear failure when it is missing (the set-up installs it).
    static func renderer() throws -> String {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let candidate = "\(folder)/rsvg-convert"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        Issue.record("rsvg-convert is not installed: run Scripts/install-deps.sh (Debian package librsvg2-bin)")
        throw CocoaError(.fileNoSuchFile)
    }

    /// An RGBA image.
    struct Image {
        var width: Int, height: Int
        /// Row-major RGBA bytes.
        var pixels: [UInt8]

        /// Whether the pixel at (x, y) carries ink: visible and not white.
        func inked(_ x: Int, _ y: Int) -> Bool {
            let k = (y * width + x) * 4
            return pixels[k + 3] > 40 && min(pixels[k], pixels[k + 1], pixels[k + 2]) < 225
        }
    }

    /// Renders `svg` to PNG with rsvg-convert and decodes it.
    static func render(_ svg: String) throws -> Image {
        let dir = NSTemporaryDirectory() + "dflkit-chart-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try svg.write(toFile: dir + "/c.svg", atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try renderer())
        process.arguments = [dir + "/c.svg", "-o", dir + "/c.png"]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(String(decoding: message, as: UTF8.self))")
        return try decodePNG([UInt8](try Data(contentsOf: URL(fileURLWithPath: dir + "/c.png"))))
    }

    /// A PNG of 8-bit RGBA or RGB pixels, not interlaced (what rsvg-convert writes).
    static func decodePNG(_ bytes: [UInt8]) throws -> Image {
        func be32(_ k: Int) -> Int { bytes[k..<(k + 4)].reduce(0) { $0 << 8 | Int($1) } }
        #expect(Array(bytes.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        var k = 8
        var width = 0, height = 0, channels = 4
        var compressed: [UInt8] = []
        while k + 8 <= bytes.count {
            let length = be32(k), type = String(decoding: bytes[(k + 4)..<(k + 8)], as: UTF8.self)
            let data = bytes[(k + 8)..<(k + 8 + length)]
            if type == "IHDR" {
                width = be32(k + 8)
                height = be32(k + 12)
                let (depth, color, interlace) = (data[data.startIndex + 8], data[data.startIndex + 9], data.last)
                try #require(depth == 8 && (color == 6 || color == 2) && interlace == 0, "PNG kind")
                channels = color == 6 ? 4 : 3
            } else if type == "IDAT" {
                compressed += data
            }
            k += 12 + length
        }
        let stride = width * channels
        var raw = [UInt8](repeating: 0, count: height * (stride + 1))
        var size = uLongf(raw.count)
        let status = uncompress(&raw, &size, compressed, uLong(compressed.count))
        try #require(status == Z_OK && Int(size) == raw.count, "inflate: \(status)")
        var out = [UInt8](repeating: 255, count: width * height * 4)
        var previous = [UInt8](repeating: 0, count: stride), row = previous
        for y in 0..<height {
            let filter = raw[y * (stride + 1)]
            for x in 0..<stride {
                let value = raw[y * (stride + 1) + 1 + x]
                let a = x >= channels ? Int(row[x - channels]) : 0, b = Int(previous[x])
                let c = x >= channels ? Int(previous[x - channels]) : 0
                let predictor: Int
                switch filter {
                case 0: predictor = 0
                case 1: predictor = a
                case 2: predictor = b
                case 3: predictor = (a + b) / 2
                default:
                    let p = a + b - c
                    let (pa, pb, pc) = (abs(p - a), abs(p - b), abs(p - c))
                    predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c
                }
                row[x] = UInt8((Int(value) + predictor) & 0xFF)
            }
            for x in 0..<width {
                for ch in 0..<channels { out[(y * width + x) * 4 + ch] = row[x * channels + ch] }
            }
            previous = row
        }
        return Image(width: width, height: height, pixels: out)
    }

    /// The width and height of the root `<svg>` of `svg`.
    static func size(_ svg: String) throws -> (width: Int, height: Int) {
        let root = try #require(svg.firstMatch(of: #/<svg[^>]*? width="(\d+)" height="(\d+)"/#))
        return (Int(root.1)!, Int(root.2)!)
    }

    /// The pixels with ink outside the canvas of `svg` when it is drawn with `margin` more on every side.
    static func inkOutside(_ svg: String, margin: Int = 200) throws -> Int {
        let (w, h) = try size(svg)
        let plain = try render(svg)
        #expect(plain.width == w && plain.height == h, "rendered \(plain.width)×\(plain.height), declared \(w)×\(h)")
        let enlarged = svg.replacing(
            "width=\"\(w)\" height=\"\(h)\" viewBox=\"0 0 \(w) \(h)\"",
            with:
                "width=\"\(w + 2 * margin)\" height=\"\(h + 2 * margin)\" viewBox=\"\(-margin) \(-margin) \(w + 2 * margin) \(h + 2 * margin)\"",
            maxReplacements: 1)
        let image = try render(enlarged)
        var count = 0
        for y in 0..<image.height {
            for x in 0..<image.width where !(margin..<(margin + w)).contains(x) || !(margin..<(margin + h)).contains(y)
            {
                if image.inked(x, y) { count += 1 }
            }
        }
        return count
    }

    /// The chart, and each panel nested in it, keeps its ink on its canvas.
    static func expectInside(_ svg: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(
            try inkOutside(svg) == 0, "\(name): text or lines cut off at the canvas", sourceLocation: sourceLocation)
        let starts = svg.ranges(of: "<svg xmlns=").dropFirst()
        for (k, start) in starts.enumerated() {
            let end = try #require(svg[start.lowerBound...].range(of: "</svg>"))
            let panel = String(svg[start.lowerBound..<end.upperBound]).replacing(
                #/ x="[^"]*" y="[^"]*"/#, with: "", maxReplacements: 1)
            #expect(try inkOutside(panel) == 0, "\(name), panel \(k + 1): cut off", sourceLocation: sourceLocation)
        }
    }

    @Test func theCheckSeesALabelThatLeavesTheCanvas() throws {
        let svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100" font-size="12">
            <rect width="100%" height="100%" fill="white"/>
            <text x="150" y="50">a label too long for the canvas</text>
            </svg>
            """
        #expect(try Self.inkOutside(svg) > 0)
        #expect(try Self.inkOutside(svg.replacing("x=\"150\"", with: "x=\"10\"").replacing("too long ", with: "")) == 0)
    }

    @Test func everyChartOfDflKeepsItsTextInsideTheCanvas() throws {
        let dir = try ModelFileBinaryTests.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // train --plot: loss and regret panels, validation and test curves, epoch 0.
        var results: [String] = []
        for (method, seed) in [("spo+", "1"), ("spo+", "2"), ("two-stage", "1")] {
            let output = "\(dir)/\(method)-\(seed).json", plot = "\(dir)/\(method)-\(seed).svg"
            let run = try BuiltBinaryTests.dfl([
                "train", "--grid", "2x3", "--train", "40", "--test", "20", "--epochs", "3", "--validation", "0.25",
                "--method", method, "--seed", seed, "--quiet", "--output", output, "--plot", plot,
            ])
            #expect(run.status == 0, "\(run.standardError)")
            results.append(output)
            if seed == "1" {
                let svg = try String(contentsOfFile: plot, encoding: .utf8)
                #expect(svg.ranges(of: "<svg xmlns=").count == 3, "a title and two panels")
                for text in ["training loss", "normalized regret", ">validation<", ">test<", ">epoch<"] {
                    #expect(svg.contains(text), "\(text)")
                }
                try Self.expectInside(svg, "train --plot \(method)")
            }
        }
        // compare --plot on the result files.
        let comparison = "\(dir)/cmp.svg"
        let compare = try BuiltBinaryTests.dfl(["compare"] + results + ["--plot", comparison])
        #expect(compare.status == 0, "\(compare.standardError)")
        // The spo+ row: mean ± sample sd of the two seeds' final test regrets (sd = |a − b| / √2).
        let regrets = try results.prefix(2).map { file in
            let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file)))
            return try #require((object as? [String: Any])?["normalizedRegret"] as? Double)
        }
        let (mean, sd) = ((regrets[0] + regrets[1]) / 2, abs(regrets[0] - regrets[1]) / 2.0.squareRoot())
        let row = try #require(compare.standardOutput.split(separator: "\n").first { $0.contains(" spo+ ") })
        #expect(row.hasSuffix(String(format: "%.4f ± %.4f", mean, sd)), "\(row)")
        #expect(row.split(separator: " ").contains("2"), "two runs: \(row)")
        try Self.expectInside(try String(contentsOfFile: comparison, encoding: .utf8), "compare --plot")
        // runs compare --plot/--curves on a store.
        let store = try RunsCommandTests().store("runs.sqlite", seeds: [1, 2, 3]) { 0.1 * Double($0) }
        let (plot, curves) = ("\(dir)/runs-plot.svg", "\(dir)/runs-curves.svg")
        let runs = try BuiltBinaryTests.dfl(["runs", "compare", "--store", store, "--plot", plot, "--curves", curves])
        #expect(runs.status == 0, "\(runs.standardError)")
        try Self.expectInside(try String(contentsOfFile: plot, encoding: .utf8), "runs compare --plot")
        try Self.expectInside(try String(contentsOfFile: curves, encoding: .utf8), "runs compare --curves")
    }
}
