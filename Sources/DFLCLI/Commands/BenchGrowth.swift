import ArgumentParser
import DFLBenchmarks
import DFLOptimization
import DFLReport
import DFLTraining
import Foundation

extension Bench {
    /// `dfl bench growth`: how the time of a training epoch grows with the problem and the data.
    ///
    /// Each point is its own child process (this command with `--point`, one thread), which reports
    /// its seconds per epoch and its own peak resident memory (`VmHWM`; a child's `ru_maxrss` would
    /// include the parent's, inherited through the spawn); the exponent is the least-squares slope
    /// of log time against log size.
    public struct Growth: ParsableCommand {
        /// Command configuration.
        public static let configuration = CommandConfiguration(
            commandName: "growth",
            abstract: "Time per epoch and peak memory against grid size and training-set size, with fitted exponents.",
            discussion:
                "Grid sweep: shortest path k×k at --grid-train instances. Size sweep: 5×5 grid at each --sizes. Each point trains in a child process (one thread, 100 test instances, evaluated once); the table gives seconds per epoch, the child's peak resident memory and the fitted exponent; --charts draws both sweeps as SVG."
        )

        @OptionGroup var seed: SeedOption
        @Option(help: "Methods, comma-separated.") var methods = CommaSeparated<String>(["spo+", "sce-qp"])
        @Option(
            help: "Grid sides of the grid sweep, comma-separated, each ≥ 2 (SCE-QP takes minutes per point beyond 20).")
        var grids = CommaSeparated<Int>([5, 10, 15, 20])
        @Option(help: "Training instances of the grid sweep, ≥ 1.") var gridTrain: Int = 50
        @Option(help: "Training-set sizes of the size sweep (5×5 grid), comma-separated, each ≥ 1.")
        var sizes = CommaSeparated<Int>([100, 300, 1000, 3000, 10000])
        @Option(help: "Epochs per point (the time is their mean), ≥ 1.") var epochs: Int = 2
        @Option(help: "Child runs per point (the median time is kept), ≥ 1.") var repeats: Int = 3
        @Option(help: "Write growth-grid.svg and growth-size.svg into this folder.") var charts: String?
        @Option(help: .hidden) var point: String?

        /// Creates the command.
        public init() {}

        /// Ranges of the options; the method names must be registry names.
        public func validate() throws {
            try SettingRanges.epochs.check(epochs)
            try SettingRanges.repeats.check(repeats)
            try SettingRanges.instances.check(gridTrain)
            try SettingRanges.instances.check(sizes.values)
            try SettingRanges.benchGrid.check(grids.values)
            for m in methods.values where MethodChoice(argument: m) == nil {
                throw ValidationError("--methods: unknown method \(m) (dfl methods lists them)")
            }
            if let charts { try OutputFile.requireWritableDirectory(charts, option: "--charts") }
        }

        /// One measured point.
        struct Point {
            var method: String, x: Int, secondsPerEpoch: Double, peakMegabytes: Double
        }

        /// What a child reports.
        struct PointResult: Codable {
            var secondsPerEpoch: Double, peakKilobytes: Double
        }

        /// Runs both sweeps and prints the table (and draws the charts); with `--point`, one point.
        public func run() throws {
            if let point { return try runPoint(point) }
            let executable = try Sweep.currentExecutable()
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dfl-growth-\(getpid())")
            try OutputFile.makeDirectory(folder.path, option: "temporary folder")
            defer { try? FileManager.default.removeItem(at: folder) }
            let total = methods.values.count * (grids.values.count + sizes.values.count) * repeats
            var done = 0
            /// The median seconds per epoch and the largest peak memory over `repeats` child runs.
            func measure(method: String, grid: Int, train: Int, x: Int) throws -> Point {
                let runs = try (0..<repeats).map { _ in try measureOnce(method: method, grid: grid, train: train) }
                let times = runs.map(\.secondsPerEpoch).sorted()
                return Point(
                    method: method, x: x, secondsPerEpoch: times[times.count / 2],
                    peakMegabytes: (runs.map(\.peakKilobytes).max() ?? .nan) / 1024)
            }
            func measureOnce(method: String, grid: Int, train: Int) throws -> PointResult {
                done += 1
                if isatty(2) != 0 {
                    FileHandle.standardError.write(
                        Data("\r[\(done)/\(total)] \(method) grid \(grid) n \(train)   ".utf8))
                }
                let output = folder.appendingPathComponent("point\(done).json")
                _ = FileManager.default.createFile(atPath: output.path, contents: nil)
                let process = Process()
                process.executableURL = executable
                process.arguments = [
                    "bench", "growth", "--point", "\(method),\(grid),\(train)", "--epochs", "\(epochs)", "--seed",
                    "\(seed.seed)",
                ]
                process.standardOutput = try FileHandle(forWritingTo: output)
                process.standardError = FileHandle.nullDevice
                try process.run()
                process.waitUntilExit()
                guard process.terminationStatus == 0,
                    let measured = try? JSONDecoder().decode(PointResult.self, from: Data(contentsOf: output))
                else {
                    throw CommandFailure(
                        .software,
                        "the growth point \(method) on a \(grid)x\(grid) grid with \(train) instances failed (exit status \(process.terminationStatus))"
                    )
                }
                return measured
            }
            var gridPoints: [Point] = [], sizePoints: [Point] = []
            for method in methods.values {
                for g in grids.values {
                    gridPoints.append(try measure(method: method, grid: g, train: gridTrain, x: g))
                }
                for n in sizes.values { sizePoints.append(try measure(method: method, grid: 5, train: n, x: n)) }
            }
            if isatty(2) != 0 { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            try StandardOutput.print(
                table(gridPoints, sweep: "grid k (k×k, \(gridTrain) instances)", size: { Double($0 * $0) }))
            try StandardOutput.print(table(sizePoints, sweep: "training instances (5×5)", size: { Double($0) }))
            try StandardOutput.print(
                "one thread; exponent: least-squares slope of log(s/epoch) against log(size), size = k² (nodes) for the grid sweep, n for the size sweep"
            )
            if let charts {
                try OutputFile.write(
                    chart(
                        gridPoints, title: "Epoch time against grid size", xLabel: "grid k (k×k)", sizeName: "nodes",
                        size: { Double($0 * $0) }),
                    to: (charts as NSString).appendingPathComponent("growth-grid.svg"), option: "--charts")
                try OutputFile.write(
                    chart(
                        sizePoints, title: "Epoch time against training-set size", xLabel: "training instances",
                        sizeName: "n", size: { Double($0) }),
                    to: (charts as NSString).appendingPathComponent("growth-size.svg"), option: "--charts")
            }
        }

        /// Trains one point (`method,grid,train`) in this process and prints its ``PointResult``.
        private func runPoint(_ point: String) throws {
            let parts = point.split(separator: ",").map(String.init)
            guard parts.count == 3, let grid = Int(parts[1]), let train = Int(parts[2]) else {
                throw CommandFailure(.usage, "--point: expected method,grid,train, got \(point)")
            }
            let problem = BuiltinProblem.shortestPath(rows: grid, columns: grid)
            let (oracle, trainSet, testSet) = try problem.makeData(
                train: train, test: 100, features: 5, degree: 6, noise: 0.5, seed: seed.seed, threads: 1)
            var c = TrainingConfiguration()
            c.method = parts[0]
            c.epochs = epochs
            c.threads = 1
            c.seed = seed.seed
            c.evaluateEvery = epochs
            let trainer = try Trainer(
                configuration: c, featureCount: trainSet.featureCount, oracle: oracle,
                relaxation: ShortestPathGrid(rows: grid, columns: grid))
            let r = try trainer.fit(train: trainSet, test: testSet)
            let data = try JSONEncoder().encode(
                PointResult(secondsPerEpoch: r.secondsPerEpoch, peakKilobytes: Self.peakResidentKilobytes() ?? .nan))
            try StandardOutput.print(String(decoding: data, as: UTF8.self))
        }

        /// This process's peak resident memory (`VmHWM` of `/proc/self/status`), in kilobytes.
        static func peakResidentKilobytes() -> Double? {
            guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
            for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
                return Double(line.split(separator: " ").dropFirst().first ?? "")
            }
            return nil
        }

        /// Least-squares slope of `log y` against `log x`.
        static func exponent(_ x: [Double], _ y: [Double]) -> Double {
            let lx = x.map(log), ly = y.map(log)
            let mx = lx.reduce(0, +) / Double(lx.count), my = ly.reduce(0, +) / Double(ly.count)
            let sxy = zip(lx, ly).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) }
            let sxx = lx.reduce(0) { $0 + ($1 - mx) * ($1 - mx) }
            return sxx > 0 ? sxy / sxx : .nan
        }

        private func exponents(_ points: [Point], size: (Int) -> Double) -> [String: Double] {
            Dictionary(
                uniqueKeysWithValues: methods.values.map { m in
                    let ps = points.filter { $0.method == m }
                    return (m, Self.exponent(ps.map { size($0.x) }, ps.map(\.secondsPerEpoch)))
                })
        }

        private func table(_ points: [Point], sweep: String, size: (Int) -> Double) -> String {
            var t = TextTable(header: ["method", sweep, "s/epoch", "peak MB", "exponent"])
            let fitted = exponents(points, size: size)
            for p in points {
                t.add(row: [
                    p.method, "\(p.x)", formatFixed(p.secondsPerEpoch, digits: 4),
                    formatFixed(p.peakMegabytes, digits: 0),
                    formatFixed(fitted[p.method] ?? .nan, digits: 2),
                ])
            }
            return t.render()
        }

        private func chart(
            _ points: [Point], title: String, xLabel: String, sizeName: String, size: (Int) -> Double
        ) -> String {
            var c = SVGLineChart(title: title, xLabel: xLabel, yLabel: "seconds per epoch (log)", logY: true)
            let xs = Array(Set(points.map(\.x))).sorted()
            c.xCategories = xs.map(String.init)
            let fitted = exponents(points, size: size)
            for m in methods.values {
                let ps = points.filter { $0.method == m }
                c.add(
                    series: "\(m) (s/epoch ∝ \(sizeName)^\(formatFixed(fitted[m] ?? .nan, digits: 2)))",
                    x: ps.map { Double((xs.firstIndex(of: $0.x) ?? 0) + 1) }, y: ps.map(\.secondsPerEpoch))
            }
            return c.svg()
        }
    }
}
