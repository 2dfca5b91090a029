import ArgumentParser
import DFLReport
import DFLRunStore
import Foundation

/// `dfl runs`: read, compare, export and merge the run store.
public struct Runs: ParsableCommand {
    /// Command configuration: `list`, `show`, `compare`, `export`, `merge`.
    public static let configuration = CommandConfiguration(
        commandName: "runs",
        abstract: "List, show, compare, export and merge the runs of a run store (SQLite).",
        subcommands: [List.self, Show.self, Compare.self, Export.self, Merge.self])

    /// Creates the command.
    public init() {}

    /// The `--store` option every `runs` subcommand takes.
    public struct StoreOption: ParsableArguments {
        /// The store file.
        @Option(name: .long, help: "The run store (SQLite).")
        public var store: String = "runs.sqlite"

        /// Creates the option group.
        public init() {}

        /// Opens the existing store read-only.
        /// - Throws: ``CommandFailure`` `.noInput` when the file does not exist, or the store's error.
        func open() throws -> RunStore {
            guard FileManager.default.fileExists(atPath: store) else {
                throw CommandFailure(.noInput, "no run store at \(store) (pass --store FILE)")
            }
            return try RunStore(path: store, readOnly: true)
        }
    }

    /// `dfl runs list`: one line per run.
    public struct List: ParsableCommand {
        /// Command configuration.
        public static let configuration = CommandConfiguration(
            abstract: "One line per run, by problem, method and seed.")
        @OptionGroup var options: StoreOption
        @Option(help: "Only runs of this problem.") var problem: String?
        @Option(help: "Only runs of this method.") var method: String?
        @Option(help: "The metric shown in the last column.") var metric = "test.normalizedRegret"

        /// Creates the command.
        public init() {}

        /// Prints the table.
        public func run() throws {
            var table = TextTable(header: ["id", "problem", "method", "seed", "status", metric, "wall s"])
            for r in try options.open().runs(problem: problem, method: method) {
                table.add(row: [
                    String(r.id.prefix(12)), r.problem, r.method, "\(r.seed)", r.status.rawValue,
                    r.metrics[metric].map { formatFixed($0, digits: 4) } ?? "–",
                    r.timings["wall"].map { formatFixed($0, digits: 1) } ?? "–",
                ])
            }
            try StandardOutput.print(table.render())
        }
    }

    /// `dfl runs show ID`: everything the store holds about one run.
    public struct Show: ParsableCommand {
        /// Command configuration.
        public static let configuration = CommandConfiguration(
            abstract: "A run's settings, metrics, timings, fingerprints and history.")
        @OptionGroup var options: StoreOption
        @Argument(help: "The run id or a unique prefix of it.") var id: String

        /// Creates the command.
        public init() {}

        /// Prints the run.
        public func run() throws {
            guard let r = try options.open().run(id: id) else {
                throw CommandFailure(.noInput, "no run with id \(id) in \(options.store)")
            }
            try StandardOutput.print("run \(r.id)\n\(r.problem) · \(r.method) · seed \(r.seed) · \(r.status.rawValue)")
            if let error = r.error { try StandardOutput.print("error: \(error)") }
            try StandardOutput.print("DFLKit \(r.version)\(r.commit.map { " (\($0))" } ?? "")\nsettings: \(r.settings)")
            for (title, values) in [("metrics", r.metrics), ("timings (s)", r.timings)] where !values.isEmpty {
                try StandardOutput.print("\(title):")
                for (k, v) in values.sorted(by: { $0.key < $1.key }) {
                    try StandardOutput.print("  \(k) = \(formatFixed(v, digits: 6))")
                }
            }
            for (name, hash) in r.fingerprints.sorted(by: { $0.key < $1.key }) {
                try StandardOutput.print("fingerprint \(name): \(hash)")
            }
            guard !r.history.isEmpty else { return }
            var table = TextTable(header: ["epoch", "train loss", "validation", "test", "seconds"])
            let cell: (Double?) -> String = { $0.map { formatFixed($0, digits: 4) } ?? "–" }
            for e in r.history {
                table.add(row: ["\(e.epoch)", cell(e.trainLoss), cell(e.validation), cell(e.test), cell(e.seconds)])
            }
            try StandardOutput.print(table.render())
        }
    }

    /// `dfl runs compare`: the method × problem table of every DFL paper, and its charts.
    public struct Compare: ParsableCommand {
        /// Command configuration.
        public static let configuration = CommandConfiguration(
            abstract: "Mean ± sd of a metric over seeds, per problem and method; optional SVG charts.")
        @OptionGroup var options: StoreOption
        @Option(help: "The metric to compare.") var metric = "test.normalizedRegret"
        @Flag(help: "Print a Markdown table.") var markdown = false
        @Option(help: "Draw the metric per problem and method, mean with ± sd error bars, as an SVG chart here.")
        var plot: String?
        @Option(help: "Draw the mean test regret per epoch of each method and problem as an SVG chart here.")
        var curves: String?

        /// Creates the command.
        public init() {}

        /// Prints the table and writes the charts.
        public func run() throws {
            for (path, option) in [(plot, "--plot"), (curves, "--curves")] {
                if let path { try OutputFile.requireWritable(path, option: option) }
            }
            let store = try options.open()
            let rows = try store.summary(metric: metric)
            guard !rows.isEmpty else {
                throw CommandFailure(.dataError, "no finished run in \(options.store) has \(metric)")
            }
            let table = Self.table(rows, metric: metric)
            try StandardOutput.print(markdown ? table.markdown() : table.render())
            if let plot {
                try OutputFile.write(Self.summaryChart(rows, metric: metric).svg(), to: plot, option: "--plot")
            }
            if let curves {
                let runs = try store.runs().filter { $0.status == .finished }
                try OutputFile.write(Self.curvesChart(runs).svg(), to: curves, option: "--curves")
            }
        }

        /// The method × problem table: one row per (problem, method), the number of runs and the
        /// metric's mean ± sd over them.
        static func table(_ rows: [RunSummary], metric: String) -> TextTable {
            var table = TextTable(header: ["problem", "method", "runs", "\(metric) (mean ± sd)"])
            for row in rows {
                table.add(row: [row.problem, row.method, "\(row.statistics.count)", row.statistics.formatted()])
            }
            return table
        }

        /// One marker per method and problem (problems as x categories, methods side by side), the
        /// mean with ± one standard deviation as error bars.
        static func summaryChart(_ rows: [RunSummary], metric: String) -> SVGLineChart {
            let problems = Array(Set(rows.map(\.problem))).sorted()
            let methods = Array(Set(rows.map(\.method))).sorted()
            var chart = SVGLineChart(title: "\(metric), mean ± sd over seeds", xLabel: "problem", yLabel: metric)
            chart.xCategories = problems
            for (m, method) in methods.enumerated() {
                let mine = rows.filter { $0.method == method }
                // Methods side by side within a problem, so their error bars do not overlap.
                let offset = (Double(m) - Double(methods.count - 1) / 2) * min(0.12, 0.6 / Double(methods.count))
                chart.add(
                    series: method, x: mine.map { Double((problems.firstIndex(of: $0.problem) ?? 0) + 1) + offset },
                    y: mine.map(\.statistics.mean), errors: mine.map(\.statistics.standardDeviation), connected: false)
            }
            return chart
        }

        /// The mean test regret per epoch over seeds, one series per (method, problem).
        static func curvesChart(_ runs: [RunRecord]) -> SVGLineChart {
            var chart = SVGLineChart(
                title: "test regret per epoch, mean over seeds", xLabel: "epoch", yLabel: "test normalized regret")
            let groups = Dictionary(grouping: runs) { "\($0.method) · \($0.problem)" }
            for name in groups.keys.sorted() {
                var byEpoch: [Int: [Double]] = [:]
                for run in groups[name] ?? [] {
                    for e in run.history { if let t = e.test { byEpoch[e.epoch, default: []].append(t) } }
                }
                let epochs = byEpoch.keys.sorted()
                guard !epochs.isEmpty else { continue }
                chart.add(
                    series: name, x: epochs.map(Double.init),
                    y: epochs.map { SampleStatistics(byEpoch[$0] ?? []).mean })
            }
            return chart
        }
    }

    /// `dfl runs export`: one CSV row per run.
    public struct Export: ParsableCommand {
        /// Command configuration.
        public static let configuration = CommandConfiguration(abstract: "Write one CSV row per run with every metric.")
        @OptionGroup var options: StoreOption
        @Option(help: "The CSV file to write.") var output: String

        /// Creates the command.
        public init() {}

        /// Writes the CSV.
        public func run() throws {
            try OutputFile.requireWritable(output, option: "--output")
            let runs = try options.open().runs()
            let metrics = Array(Set(runs.flatMap(\.metrics.keys))).sorted()
            var lines = [(["id", "problem", "method", "seed", "status"] + metrics).joined(separator: ",")]
            for r in runs {
                let cells =
                    [r.id, r.problem, r.method, "\(r.seed)", r.status.rawValue]
                    + metrics.map {
                        r.metrics[$0].map { "\($0)" } ?? ""
                    }
                lines.append(cells.map(Self.quoted).joined(separator: ","))
            }
            try OutputFile.write(lines.joined(separator: "\n") + "\n", to: output, option: "--output")
        }

        /// A CSV cell, quoted when it holds a comma, a quote or a line break.
        static func quoted(_ cell: String) -> String {
            guard cell.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return cell }
            return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
    }

    /// `dfl runs merge A B …`: combine stores from several machines.
    public struct Merge: ParsableCommand {
        /// Command configuration.
        public static let configuration = CommandConfiguration(
            abstract: "Copy the runs of other stores into --store, ignoring runs it already holds.")
        @OptionGroup var options: StoreOption
        @Argument(help: "The stores to merge in.") var sources: [String]

        /// Creates the command.
        public init() {}

        /// Rejects an empty list.
        public func validate() throws {
            guard !sources.isEmpty else { throw ValidationError("name at least one store to merge") }
        }

        /// Merges and says how many runs were added.
        public func run() throws {
            for source in sources where !FileManager.default.fileExists(atPath: source) {
                throw CommandFailure(.noInput, "no run store at \(source)")
            }
            let store = try RunStore(path: options.store)
            let added = try store.merge(from: sources)
            try store.checkIntegrity()
            try StandardOutput.print(
                "merged \(added) new run\(added == 1 ? "" : "s") into \(options.store) (\(try store.count()) in all)")
        }
    }
}
