import ArgumentParser
import DFLBenchmarks
import DFLReproduction
import DFLTraining

extension Bench {
    /// `dfl bench recursive`: seconds per epoch of R-DFL-I (paper and strict settings) against R-DFL-U
    /// at several unrolling depths, on the newsvendor or the matching benchmark.
    public struct Recursive: ParsableCommand {
        /// Command configuration.
        public static let configuration = CommandConfiguration(
            commandName: "recursive",
            abstract: "Time R-DFL-I against R-DFL-U per epoch at several depths K (newsvendor or matching).")

        /// The benchmark family.
        enum Problem: String, ExpressibleByArgument, CaseIterable { case newsvendor, matching }

        @OptionGroup var seed: SeedOption
        @Option(help: "newsvendor or matching.") var problem: Problem = .newsvendor
        @Option(help: "Products (newsvendor) or drivers = riders (matching), ≥ 2.") var size: Int = 100
        @Option(help: "Unrolling depths K, comma-separated.") var depths: String = "5,10,20"
        @Option(help: "Epochs per run, ≥ 1.") var epochs: Int = 5
        @Option(help: "Training instances, ≥ 1.") var train: Int = 200
        @Option(help: "Test instances, ≥ 1.") var test: Int = 100
        @Option(help: "Worker threads of the matching QP batches, ≥ 1 (default: all cores).") var threads: Int?
        @Option(help: "Also run R-DFL-I with this relative forward tolerance (> 0; with --backward-tolerance).")
        var forwardTolerance: Double?
        @Option(help: "Relative backward tolerance of that extra R-DFL-I run (> 0; default 0.2).")
        var backwardTolerance: Double?

        /// Creates the command.
        public init() {}

        var depthList: [Int] {
            depths.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        }

        /// Ranges.
        public func validate() throws {
            guard size >= 2, epochs >= 1, train >= 1, test >= 1 else {
                throw ValidationError("--size must be ≥ 2 and --epochs, --train, --test ≥ 1")
            }
            let list = depthList
            guard !list.isEmpty, list.count == depths.split(separator: ",").count, list.allSatisfy({ $0 >= 1 }) else {
                throw ValidationError("--depths must be positive integers, comma-separated (got \(depths))")
            }
            if let threads, threads < 1 { throw ValidationError("--threads must be ≥ 1 (got \(threads))") }
            for (name, value) in [
                ("--forward-tolerance", forwardTolerance), ("--backward-tolerance", backwardTolerance),
            ] {
                if let value, !(value > 0) { throw ValidationError("\(name) must be > 0 (got \(value))") }
            }
        }

        /// Trains every variant and prints the table.
        public func run() throws {
            var c = RecursiveTrainingConfiguration.paperImplicit
            c.seed = seed.seed
            c.epochs = epochs
            var variants: [RecursiveSpeedBenchmark.ImplicitVariant] = [.paper, .strict]
            if forwardTolerance != nil || backwardTolerance != nil {
                c.implicitForwardTolerance = forwardTolerance ?? 0.2
                c.implicitBackwardTolerance = backwardTolerance ?? 0.2
                variants.insert(.configured, at: 1)
            }
            let rows: [RecursiveSpeedBenchmark.Row]
            switch problem {
            case .newsvendor:
                let bench = NewsvendorBenchmark(products: size, seed: seed.seed)
                rows = try RecursiveSpeedBenchmark.run(
                    bench, label: "newsvendor n=\(size)", train: bench.sample(count: train, seed: seed.seed &+ 100),
                    test: bench.sample(count: test, seed: seed.seed &+ 200), configuration: c, depths: depthList,
                    implicitVariants: variants)
            case .matching:
                let bench = try MatchingBenchmark(size: size, threads: threads ?? .max)
                rows = try RecursiveSpeedBenchmark.run(
                    bench, label: "matching \(size)x\(size)",
                    train: try bench.sample(count: train, seed: seed.seed &+ 300),
                    test: try bench.sample(count: test, seed: seed.seed &+ 400), configuration: c, depths: depthList,
                    implicitVariants: variants)
            }
            print(RecursiveSpeedBenchmark.markdown(rows))
            print("seed \(seed.seed), \(train) train / \(test) test, \(epochs) epochs, batch \(c.batchSize)")
        }
    }
}
