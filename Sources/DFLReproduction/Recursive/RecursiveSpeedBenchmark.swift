import DFLBenchmarks
import DFLNN
import DFLReport
import DFLTraining

/// Per-epoch training time of R-DFL-U against R-DFL-I on one benchmark instance family (issue 17,
/// item 1), with the work behind each number: map evaluations per batch, vector–Jacobian products
/// per batch in the matrix-free backward and in the contraction check, and dense Jacobian columns
/// formed (0 means the implicit backward never built J). `dfl bench recursive` and
/// `dfl reproduce recursive --part speed` run it.
public enum RecursiveSpeedBenchmark {
    /// One measured configuration.
    public struct Row: Sendable {
        /// Benchmark label (e.g. "matching 30x30").
        public var problem: String
        /// Method label (e.g. "R-DFL-U (K = 10)").
        public var variant: String
        /// The run's result.
        public var result: RecursiveRunResult
        /// Unrolling depth (R-DFL-U) or nil (R-DFL-I).
        public var depth: Int?
    }

    /// The R-DFL-I settings compared.
    public enum ImplicitVariant: String, Sendable, CaseIterable {
        /// The paper's: forward and backward at relative tolerance 0.2, ρ check once per epoch and
        /// after a failed backward (``RecursiveTrainingConfiguration/paperImplicit``).
        case paper
        /// DFLKit's strict settings before issue 17: absolute 1e-6 forward, 1e-8 backward, ρ check
        /// (10 products) at every batch.
        case strict
        /// The tolerances of the configuration passed to ``RecursiveSpeedBenchmark/run(_:label:train:test:configuration:depths:implicitVariants:progress:)``,
        /// ρ check amortized.
        case configured

        /// `configuration` with this variant's implicit settings.
        public func applied(to configuration: RecursiveTrainingConfiguration) -> RecursiveTrainingConfiguration {
            var c = configuration
            guard self != .configured else {
                c.contractionCheck = .amortized
                return c
            }
            let reference = self == .paper ? RecursiveTrainingConfiguration.paperImplicit : .init()
            c.implicitForwardTolerance = reference.implicitForwardTolerance
            c.implicitBackwardTolerance = reference.implicitBackwardTolerance
            c.implicitRelativeTolerances = reference.implicitRelativeTolerances
            c.contractionCheck = self == .paper ? .amortized : .everyBatch
            return c
        }

        /// Table label (`configuration` gives the tolerances of ``configured``).
        public func label(_ configuration: RecursiveTrainingConfiguration) -> String {
            switch self {
            case .paper: return "R-DFL-I (paper: tol 0.2 rel., ρ check per epoch)"
            case .strict: return "R-DFL-I (strict: 1e-6 / 1e-8, ρ check per batch)"
            case .configured:
                let kind = configuration.implicitRelativeTolerances ? "rel." : "abs."
                return
                    "R-DFL-I (tol \(configuration.implicitForwardTolerance) / \(configuration.implicitBackwardTolerance) "
                    + "\(kind), ρ check per epoch)"
            }
        }
    }

    /// Trains R-DFL-U and, for each variant, R-DFL-I at each depth in `depths` (for R-DFL-I, K
    /// only sets the fallback series and the test-time fallback), all from the same seed and data.
    public static func run<P: RecursiveProblem>(
        _ problem: P, label: String, train: [RecursiveInstance], test: [RecursiveInstance],
        configuration: RecursiveTrainingConfiguration, depths: [Int] = [10],
        implicitVariants: [ImplicitVariant] = [.paper, .strict],
        progress: (String) -> Void = { _ in }
    ) throws -> [Row] {
        var rows: [Row] = []
        for k in depths {
            var c = configuration
            c.unrollSteps = k
            let r = try RecursiveTrainer(benchmark: problem, configuration: c).run(.unrolled, train: train, test: test)
            rows.append(Row(problem: label, variant: "R-DFL-U", result: r, depth: k))
            progress("speed \(label) R-DFL-U K=\(k): \(formatFixed(r.secondsPerEpoch, digits: 3)) s/epoch")
            for variant in implicitVariants {
                let ci = variant.applied(to: c)
                let r = try RecursiveTrainer(benchmark: problem, configuration: ci).run(
                    .implicit, train: train, test: test)
                let name = variant.label(ci)
                rows.append(Row(problem: label, variant: name, result: r, depth: k))
                progress("speed \(label) \(name) K=\(k): \(formatFixed(r.secondsPerEpoch, digits: 3)) s/epoch")
            }
        }
        return rows
    }

    /// The rows as a markdown table; speed-ups are relative to R-DFL-U at the same problem and K.
    public static func markdown(_ rows: [Row]) -> String {
        var table = TextTable(header: [
            "problem", "K", "method", "s/epoch", "speed-up vs R-DFL-U same K", "Φ evals/batch",
            "VJPs/batch (backward)", "VJPs/batch (ρ check)", "RMSE", "train fallbacks", "test fallbacks",
        ])
        var reference: [String: Double] = [:]
        for row in rows where row.variant == "R-DFL-U" {
            reference["\(row.problem)|\(row.depth ?? 0)"] = row.result.secondsPerEpoch
        }
        for row in rows {
            let r = row.result
            let ratio =
                reference["\(row.problem)|\(row.depth ?? 0)"].map {
                    formatFixed($0 / max(r.secondsPerEpoch, 1e-12), digits: 2) + "×"
                } ?? "–"
            let unrolled = row.variant == "R-DFL-U"
            let k = row.depth.map { "\($0)" } ?? "–"
            table.add(row: [
                row.problem, k, row.variant, formatFixed(r.secondsPerEpoch, digits: 3), ratio,
                unrolled ? k : formatFixed(r.forwardEvaluationsPerBatch, digits: 1),
                unrolled ? "\(k) (one reverse pass)" : formatFixed(r.backwardPullbacksPerBatch, digits: 1),
                unrolled ? "–" : formatFixed(r.contractionPullbacksPerBatch, digits: 1),
                formatFixed(r.decisionRMSE, digits: 4), "\(r.implicitFallbacks)",
                "\(r.evaluationFallbacks)/\(r.evaluationInstances)",
            ])
        }
        return table.markdown()
    }
}
