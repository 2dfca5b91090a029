import DFLBenchmarks
import DFLCoinOR
import DFLMetrics
import DFLOptimization
import DFLTraining
import Foundation

/// A saved model read for `dfl predict` / `dfl evaluate`, with the problem it belongs to rebuilt:
/// a built-in problem from its recorded settings, or the model file (at its recorded path or the
/// one given with `--model`), whose SHA-256 must equal the recorded one.
struct SavedModelProblem {
    /// The saved model.
    let model: SavedModel
    /// The exact solver of the problem.
    let oracle: DecisionOracle
    /// The problem as a MILP, for the unambiguous regret (nil when it has none).
    let program: (any LinearProgramRepresentable)?
    /// The saved model file's fingerprint.
    let fingerprint: FileFingerprint

    /// Reads `path` and rebuilds its problem (`modelOverride` replaces the recorded model-file path).
    /// - Throws: ``CommandFailure``: `.noInput` for a missing file, `.dataError` for a file that is
    ///   not a usable saved model or a model file whose fingerprint differs.
    init(path: String, modelOverride: String?, threads: Int) throws {
        try InputFile.requireExists(path, option: "--model-file")
        fingerprint = try FileFingerprint.of(path, option: "--model-file")
        model = try SavedModel.read(from: path)
        let problem = model.problem
        if let recorded = problem.modelFile {
            let modelPath = modelOverride ?? recorded.path
            let option = modelOverride == nil ? "the model file recorded in \(path)" : "--model"
            try InputFile.requireExists(modelPath, option: option)
            let actual = try FileFingerprint.of(modelPath, option: option)
            guard actual.sha256 == recorded.sha256 else {
                throw CommandFailure(
                    .dataError,
                    "\(option) \(modelPath): SHA-256 \(actual.sha256.prefix(12))… differs from \(recorded.sha256.prefix(12))…, the file \(path) was trained on"
                )
            }
            let user = try UserModel(path: modelPath)
            program = user
            oracle = DecisionOracle(solver: MILPSolver<UserModel>(), problem: user, threads: threads)
        } else if let settings = problem.builtin {
            if modelOverride != nil {
                throw CommandFailure(.usage, "--model: \(path) belongs to the built-in problem '\(problem.name)'")
            }
            (oracle, program) = try Self.builtin(settings, source: path, threads: threads)
        } else {
            throw CommandFailure(.dataError, "\(path): names neither a built-in problem nor a model file")
        }
        guard oracle.costDimension == problem.costDimension, oracle.sense == problem.sense else {
            throw CommandFailure(
                .dataError,
                "\(path): the problem '\(oracle.name)' has \(oracle.costDimension) costs (\(oracle.sense.rawValue)), the model was saved for \(problem.costDimension) (\(problem.sense.rawValue))"
            )
        }
    }

    /// A built-in problem from the settings `dfl train` recorded.
    static func builtin(_ settings: [String: String], source: String, threads: Int) throws -> (
        DecisionOracle, any LinearProgramRepresentable
    ) {
        func value<T: LosslessStringConvertible>(_ key: String) throws -> T {
            guard let text = settings[key], let v = T(text) else {
                throw CommandFailure(.dataError, "\(source): problem setting '\(key)' is missing or not a number")
            }
            return v
        }
        guard let name = settings["problem"], let kind = ProblemKind(argument: name) else {
            throw CommandFailure(.dataError, "\(source): unknown built-in problem '\(settings["problem"] ?? "")'")
        }
        let builtin: BuiltinProblem
        switch kind {
        case .shortestPath:
            guard let grid = settings["grid"].flatMap(GridSize.init(argument:)) else {
                throw CommandFailure(.dataError, "\(source): problem setting 'grid' is missing or not ROWSxCOLUMNS")
            }
            builtin = .shortestPath(rows: grid.rows, columns: grid.columns)
        case .tsp: builtin = .tsp(nodes: try value("nodes"))
        case .topK: builtin = .topK(items: try value("items"), k: try value("k"))
        case .knapsack:
            // The weights are the generator's: regenerated from the recorded generator settings.
            let program = try BuiltinProblem.knapsack(
                items: try value("items"), dimensions: try value("dims"), capacity: try value("capacity")
            )
            .relaxation(
                train: try value("train"), test: try value("test"), features: try value("features"),
                degree: try value("deg"), noise: try value("noise"), seed: try value("seed"))
            guard let knapsack = program as? Knapsack else {
                throw CommandFailure(.software, "\(source): the knapsack generator gave no knapsack")
            }
            // The solver `dfl train` used (BuiltinProblem.makeData), so ties break the same way.
            let oracle =
                knapsack.costDimension <= BuiltinProblem.largestBranchAndBoundKnapsack
                ? DecisionOracle(solver: KnapsackSolver(), problem: knapsack, threads: threads)
                : DecisionOracle(
                    solver: FallbackSolver(
                        primary: KnapsackSolver(nodeLimit: BuiltinProblem.knapsackNodeLimit),
                        fallback: MILPSolver<Knapsack>()),
                    problem: knapsack, threads: threads)
            return (oracle, knapsack)
        }
        return (
            try builtin.oracle(threads: threads),
            try builtin.relaxation(train: 1, test: 1, features: 1, degree: 1, noise: 0, seed: 0)
        )
    }

    /// Predicted costs of `count` instances with `features` (flat), checked against the model's width.
    func predict(features: [Double], count: Int, featureCount: Int, source: String) throws -> [Double] {
        guard featureCount == model.architecture.featureCount else {
            throw CommandFailure(
                .dataError,
                "\(source): \(featureCount) feature columns, the model reads \(model.architecture.featureCount)")
        }
        return try model.predict(features: features, count: count)
    }

    /// PyEPO's worst-case solve for the unambiguous regret, through CBC on the problem's MILP
    /// (nil when the problem has no MILP form).
    var worstCase: DecisionMetrics.WorstCaseSolve? {
        guard let program else { return nil }
        return Self.worstCase(program)
    }

    private static func worstCase<P: LinearProgramRepresentable>(_ problem: P) -> DecisionMetrics.WorstCaseSolve {
        let solver = WorstCaseSolver(problem: problem)
        return { costs, bound, trueCosts in try solver.worstObjective(costs: costs, bound: bound, trueCosts: trueCosts)
        }
    }
}
