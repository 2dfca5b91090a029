import ArgumentParser
import DFLBenchmarks
import DFLLayers
import DFLOptimization
import DFLQuadraticProgramming
import DFLTensor
import Foundation

extension Bench {
    /// `dfl bench measure CASE.json`: one timed measurement on data handed in from outside, so a peer
    /// library can be timed on exactly the same instances in the same run (`Scripts/bench-peers.sh`).
    ///
    /// The case file names the kind (`solve` or `layer`), the problem and the data; the answer (JSON)
    /// holds the time of every repetition and what was computed, so the caller can check the answers
    /// against its own exact reference. The format is in docs/bench.md, "Peers side by side".
    public struct Measure: ParsableCommand {
        /// Command configuration.
        public static let configuration = CommandConfiguration(
            commandName: "measure",
            abstract: "Time one case given as JSON (exact solves or a smoothed layer) on its own data.",
            discussion: "The DFLKit side of Scripts/bench-peers.sh; one thread. Case format: docs/bench.md.")

        @Argument(help: "The case file (JSON).", completion: .file(extensions: ["json"])) var caseFile: String
        @Option(help: "Write the measurement (JSON) here instead of standard output.") var output: String?

        /// Creates the command.
        public init() {}

        /// Checks the files before any work.
        public func validate() throws {
            try InputFile.requireExists(caseFile, option: "case file")
            if let output { try OutputFile.requireWritable(output, option: "--output") }
        }

        /// Reads the case, runs it and writes the measurement.
        public func run() throws {
            let text = try InputFile.read(caseFile, option: "case file")
            let spec: MeasureCase
            do { spec = try JSONDecoder().decode(MeasureCase.self, from: Data(text.utf8)) } catch {
                throw CommandFailure(.dataError, "case file \(caseFile): \(MeasureCase.describe(error))")
            }
            let result = try spec.run(source: caseFile)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let data = try encoder.encode(result)
            if let output {
                try OutputFile.write(data, to: output, option: "--output")
            } else {
                try StandardOutput.print(String(decoding: data, as: UTF8.self))
            }
        }
    }
}

/// One case of `dfl bench measure`: what to time, on which problem, with which inputs.
struct MeasureCase: Decodable {
    /// `solve`: exact solves of every cost row, one thread. `layer`: a smoothed layer's forward and
    /// backward pass over the whole batch.
    enum Kind: String, Decodable { case solve, layer }
    /// The smoothed layer of a `layer` case.
    enum Layer: String, Decodable { case qp, dys }

    /// The problem the costs belong to.
    struct Problem: Decodable {
        /// `shortest-path`, `knapsack` or `tsp`.
        var name: String
        /// Grid size of `shortest-path`.
        var rows: Int?, columns: Int?
        /// Weights (one row per dimension) and capacities of `knapsack`.
        var weights: [[Double]]?, capacities: [Double]?
        /// Node count of `tsp`.
        var nodes: Int?
    }

    var kind: Kind
    var problem: Problem
    /// Cost rows (one instance each).
    var costs: [[Double]]
    /// Timed repetitions (each after one untimed warm-up run).
    var repeats: Int
    /// `layer` cases: which layer, its μ (`μ‖v‖²`) and the backward cotangents (one row per instance).
    var layer: Layer?
    var smoothing: Double?
    var cotangents: [[Double]]?
    /// `dys` only: stopping tolerance and iteration limit.
    var dysTolerance: Double?
    var dysMaxIterations: Int?
    /// `qp` only: the interior-point tolerance and whether it polishes on the active set (defaults
    /// of ``InteriorPointQPSolver/Configuration``).
    var qpTolerance: Double?
    var qpPolish: Bool?

    /// What was measured: seconds of every timed repetition, and the answers.
    struct Measurement: Encodable {
        /// `solve`: seconds per solve; `layer`: seconds per forward + backward pass of the batch.
        var seconds: [Double]
        /// `solve`: the optimal objectives.
        var objectives: [Double]?
        /// `layer`: the layer's solutions and the cost gradients of `cotangents · solution`.
        var solutions: [[Double]]?
        var gradients: [[Double]]?
        /// `qp` layer: each instance's scaled KKT residual, interior-point iterations and whether the
        /// active-set polish was accepted (from an untimed solve of the same costs).
        var optimalityErrors: [Double]?
        var iterations: [Int]?
        var polished: [Bool]?
    }

    /// A one-line account of a decoding error (the key path and what was wrong).
    static func describe(_ error: Error) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }
            return keys.isEmpty ? "" : keys.joined(separator: ".") + ": "
        }
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            return "\(path(context))missing key \(key.stringValue)"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context),
            DecodingError.dataCorrupted(let context):
            return "\(path(context))\(context.debugDescription)"
        default: return "\(error)"
        }
    }

    /// Runs the case; ``CommandFailure`` `.dataError` naming `source` when it is inconsistent.
    func run(source: String) throws -> Measurement {
        func fail(_ message: String) -> CommandFailure { CommandFailure(.dataError, "case file \(source): \(message)") }
        guard repeats >= 1 else { throw fail("repeats must be ≥ 1") }
        guard !costs.isEmpty else { throw fail("no cost rows") }
        let lp = try representable(fail)
        guard costs.allSatisfy({ $0.count == lp.costDimension }) else {
            throw fail("every cost row must have \(lp.costDimension) entries")
        }
        switch kind {
        case .solve: return try solve(lp, fail)
        case .layer: return try forwardBackward(lp, fail)
        }
    }

    private func representable(_ fail: (String) -> CommandFailure) throws -> any LinearProgramRepresentable {
        switch problem.name {
        case "shortest-path":
            guard let r = problem.rows, let c = problem.columns, r >= 1, c >= 1, r * c >= 2 else {
                throw fail("shortest-path needs rows and columns (≥ 2 nodes)")
            }
            return ShortestPathGrid(rows: r, columns: c)
        case "knapsack":
            guard let w = problem.weights, let cap = problem.capacities else {
                throw fail("knapsack needs weights and capacities")
            }
            do { return try Knapsack(weights: w, capacities: cap) } catch { throw fail("knapsack: \(error)") }
        case "tsp":
            guard let n = problem.nodes else { throw fail("tsp needs nodes") }
            do { return try TravelingSalesman(nodes: n) } catch { throw fail("tsp: \(error)") }
        default: throw fail("unknown problem \(problem.name) (shortest-path, knapsack, tsp)")
        }
    }

    /// The exact oracle (one thread) for `lp`: the solver DFLKit trains with for this problem.
    private func oracle(
        _ lp: any LinearProgramRepresentable, _ fail: (String) -> CommandFailure
    ) throws -> DecisionOracle {
        switch problem.name {
        case "shortest-path":
            return try BuiltinProblem.shortestPath(rows: problem.rows ?? 0, columns: problem.columns ?? 0)
                .oracle(threads: 1)
        case "tsp": return try BuiltinProblem.tsp(nodes: problem.nodes ?? 0).oracle(threads: 1)
        default:
            guard let knapsack = lp as? Knapsack else { throw fail("not a knapsack") }
            return DecisionOracle(solver: KnapsackSolver(), problem: knapsack, threads: 1)
        }
    }

    private func solve(_ lp: any LinearProgramRepresentable, _ fail: (String) -> CommandFailure) throws
        -> Measurement
    {
        let oracle = try oracle(lp, fail)
        var solutions = try oracle.solveBatch(costs)
        let seconds = try (0..<repeats).map { _ in
            try Bench.seconds { solutions = try oracle.solveBatch(costs) } / Double(costs.count)
        }
        return Measurement(seconds: seconds, objectives: solutions.map(\.objective))
    }

    private func forwardBackward(_ lp: any LinearProgramRepresentable, _ fail: (String) -> CommandFailure) throws
        -> Measurement
    {
        guard let layer, let smoothing, smoothing > 0 else { throw fail("a layer case needs layer and smoothing > 0") }
        guard let cotangents, cotangents.count == costs.count,
            zip(cotangents, costs).allSatisfy({ $0.count == $1.count })
        else { throw fail("cotangents must have the shape of costs") }
        let b = costs.count, d = lp.costDimension
        let x = Tensor(shape: [b, d], scalars: costs.flatMap { $0 })
        let seed = Tensor(shape: [b, d], scalars: cotangents.flatMap { $0 })
        let apply: (Variable) throws -> Variable
        var diagnostics: [QPSmoothingResult] = []
        var optimalityErrors: [Double] = []
        switch layer {
        case .qp:
            var solver = InteriorPointQPSolver.Configuration()
            if let qpTolerance { solver.tolerance = qpTolerance }
            if let qpPolish { solver.polish = qpPolish }
            let qp = try QPSmoothingLayer(problem: lp, configuration: .init(smoothing: smoothing, solver: solver))
            apply = { try qp($0) }
            diagnostics = try qp.solveBatch(costs)
            optimalityErrors = zip(diagnostics, costs).map { qp.optimalityError(of: $0, costs: $1) }
        case .dys:
            let dys = try DavisYinLayer(
                problem: lp,
                configuration: .init(
                    smoothing: smoothing, maxIterations: dysMaxIterations ?? 5000, tolerance: dysTolerance ?? 1e-6,
                    onNonConvergence: .returnWithResidual))
            apply = { try dys($0) }
        }
        var solution = Tensor.zeros([b, d]), gradient = Tensor.zeros([b, d])
        func pass() throws {
            let input = Variable(differentiable: x)
            let out = try apply(input)
            solution = out.value
            gradient = vectorJacobianProduct(of: out, withRespectTo: [input], seed: seed)[0]
        }
        try pass()
        let seconds = try (0..<repeats).map { _ in try Bench.seconds(pass) }
        func rows(_ t: Tensor) -> [[Double]] { (0..<b).map { Array(t.scalars[($0 * d)..<(($0 + 1) * d)]) } }
        return Measurement(
            seconds: seconds, solutions: rows(solution), gradients: rows(gradient),
            optimalityErrors: diagnostics.isEmpty ? nil : optimalityErrors,
            iterations: diagnostics.isEmpty ? nil : diagnostics.map(\.solution.iterations),
            polished: diagnostics.isEmpty ? nil : diagnostics.map(\.solution.isPolished))
    }
}
