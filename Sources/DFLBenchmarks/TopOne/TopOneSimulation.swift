import DFLLayers
import DFLLosses
import DFLOptimization
import DFLRandom

/// The smoothing paper's App. B simulation on Top-1 selection with `M` items: true values `y` and
/// predictions `ŷ` are two random permutations of `{1, …, M}`.
///
/// * ``manhattanDistance(items:tau:runs:seed:)`` — Table 2: mean `‖v_τ(ŷ) − v(ŷ)‖₁` between the
///   norm-smoothed solution (``NormSmoothedTopOne``, the smoother the table was computed with) and
///   the exact one-hot solution.
/// * ``gradientMagnitudes(items:smoothing:runs:seed:)`` — Fig. 4: mean `|∂L/∂ŷ|` of regret and SCE
///   through the QP layer of App. B's Eq. 16, `max yᵀv − (μ/2)‖v‖²`, `1ᵀv ≤ 1`, `0 ≤ v ≤ 1`.
public enum TopOneSimulation {
    /// The Top-1 relaxation `max yᵀv` s.t. `1ᵀv ≤ 1`, `0 ≤ v ≤ 1` (Eq. 15 without integrality).
    public static func program(items m: Int) -> MixedIntegerProgram {
        MixedIntegerProgram(
            objective: [Double](repeating: 0, count: m), sense: .maximize,
            inequalityMatrix: [[Double](repeating: 1, count: m)], inequalityRHS: [1],
            lowerBounds: [Double](repeating: 0, count: m), upperBounds: [Double](repeating: 1, count: m))
    }

    /// A random permutation of `1…m` as values.
    static func permutedValues(_ m: Int, _ rng: inout SeededGenerator) -> [Double] {
        rng.permutation(m).map { Double($0 + 1) }
    }

    /// One-hot vector of the largest entry.
    static func oneHotArgmax(_ y: [Double]) -> [Double] {
        var v = [Double](repeating: 0, count: y.count)
        if let i = y.indices.max(by: { y[$0] < y[$1] }) { v[i] = 1 }
        return v
    }

    /// Table 2 entry: mean Manhattan distance between the norm-smoothed and the exact solution for `ŷ`.
    /// - Throws: ``LayerError`` for `items < 1`, `runs < 1` or `τ ≤ 0`.
    public static func manhattanDistance(items m: Int, tau: Double, runs: Int = 20, seed: UInt64 = 0) throws -> Double {
        guard m >= 1, runs >= 1 else {
            throw LayerError(.invalidConfiguration, "Top-1 simulation: items (\(m)) and runs (\(runs)) must be ≥ 1")
        }
        var rng = SeededGenerator(seed: seed)
        var total = 0.0
        for _ in 0..<runs {
            _ = permutedValues(m, &rng)  // the true values y (unused by the distance, drawn as in the paper)
            let yHat = permutedValues(m, &rng)
            let smooth = try NormSmoothedTopOne.solve(yHat, tau: tau)
            let exact = oneHotArgmax(yHat)
            total += zip(smooth, exact).reduce(0) { $0 + abs($1.0 - $1.1) }
        }
        return total / Double(runs)
    }

    /// Fig. 4 entry: mean absolute gradient entry of regret and of SCE with respect to `ŷ` through
    /// the QP layer (`(μ/2)‖v‖²`, App. B's convention), over `runs` draws.
    /// - Throws: ``LayerError`` for bad sizes or `μ ≤ 0`.
    public static func gradientMagnitudes(items m: Int, smoothing mu: Double, runs: Int = 20, seed: UInt64 = 0) throws
        -> (regret: Double, sce: Double)
    {
        guard m >= 1, runs >= 1 else {
            throw LayerError(.invalidConfiguration, "Top-1 simulation: items (\(m)) and runs (\(runs)) must be ≥ 1")
        }
        let layer = try QPSmoothingLayer(
            program: program(items: m), name: "Top-1 (\(m))",
            configuration: .init(smoothing: mu, convention: .halfSquaredNorm))
        var rng = SeededGenerator(seed: seed)
        var costs: [Double] = [], sols: [Double] = [], objs: [Double] = [], preds: [[Double]] = []
        for _ in 0..<runs {
            let y = permutedValues(m, &rng)
            costs += y
            sols += oneHotArgmax(y)
            objs.append(Double(m))
            preds.append(permutedValues(m, &rng))
        }
        let batch = LossBatch(count: runs, dimension: m, costs: costs, solutions: sols, objectives: objs)
        func meanAbs(_ kind: SmoothedSurrogateLoss.Kind) throws -> Double {
            let g = try SmoothedSurrogateLoss(kind, layer: .qp(layer)).valuesAndGradients(preds, batch: batch).gradients
            return g.flatMap { $0 }.reduce(0) { $0 + abs($1) } / Double(runs * m)
        }
        return (try meanAbs(.regret), try meanAbs(.selfContrastive))
    }
}
