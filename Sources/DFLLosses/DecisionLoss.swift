import DFLOptimization
import DFLRandom
import DFLTensor

/// The true data of a mini-batch, flat row-major: `count` instances of dimension `d`.
public struct LossBatch: Sendable {
    /// Number of instances.
    public var count: Int
    /// Cost dimension `d`.
    public var dimension: Int
    /// True costs `c`, `[count × d]`.
    public var costs: [Double]
    /// Optimal decisions `w*(c)`, `[count × d]`.
    public var solutions: [Double]
    /// Optimal objectives `z* = cᵀw*`, `[count]`.
    public var objectives: [Double]

    /// Creates a batch.
    /// - Precondition: array lengths agree with `count` and `dimension`.
    public init(count: Int, dimension: Int, costs: [Double], solutions: [Double], objectives: [Double]) {
        precondition(
            costs.count == count * dimension && solutions.count == count * dimension && objectives.count == count,
            "LossBatch: inconsistent sizes")
        self.count = count
        self.dimension = dimension
        self.costs = costs
        self.solutions = solutions
        self.objectives = objectives
    }

    /// Costs of instance `i`.
    public func cost(_ i: Int) -> [Double] { Array(costs[(i * dimension)..<((i + 1) * dimension)]) }
    /// Optimal decision of instance `i`.
    public func solution(_ i: Int) -> [Double] { Array(solutions[(i * dimension)..<((i + 1) * dimension)]) }
}

/// Everything a loss may need besides predictions and data: the exact solver, a seed for its
/// random draws (perturbations), and the shared solution pool of the contrastive/ranking losses.
public struct LossContext: Sendable {
    /// The exact solver bound to the problem.
    public var oracle: DecisionOracle
    /// Seed for this call's random draws (the trainer derives one per batch).
    public var seed: UInt64
    /// Solution pool for NCE, CMAP and the learning-to-rank losses (nil for the others).
    public var pool: SolutionPool?

    /// Creates a context.
    public init(oracle: DecisionOracle, seed: UInt64 = 0, pool: SolutionPool? = nil) {
        self.oracle = oracle
        self.seed = seed
        self.pool = pool
    }
}

/// A decision-focused training loss: maps predicted costs `[batch, d]` to a scalar whose gradient
/// trains the predictor.
public protocol DecisionLoss: Sendable {
    /// The CLI/registry name, e.g. `"spo+"`.
    var name: String { get }
    /// Whether the loss draws from a ``SolutionPool`` (the trainer then seeds one).
    var needsPool: Bool { get }
    /// The batch-mean loss as a differentiable scalar.
    /// - Throws: ``SolverError`` from the oracle, or `LossError` for bad input (NaN predictions).
    func callAsFunction(_ predicted: Variable, batch: LossBatch, context: LossContext) throws -> Variable
}

extension DecisionLoss {
    /// Most losses need no pool.
    public var needsPool: Bool { false }
}

/// Errors raised by the losses themselves.
public enum LossError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A prediction is NaN or infinite (instance, coordinate).
    case nonFinitePrediction(instance: Int, coordinate: Int)
    /// Predictions have the wrong shape.
    case shapeMismatch(expected: [Int], got: [Int])
    /// The loss needs a solution pool and none was given.
    case missingPool(String)
    /// A hyper-parameter is out of range.
    case invalidHyperparameter(String)
    /// No loss has this name.
    case unknownMethod(String)
    /// A smoothed-layer loss was asked for without the problem's LP relaxation.
    case needsRelaxation(String)
    /// A numerical routine inside a loss failed (a non-finite energy or weight).
    case numericalFailure(String)

    /// A one-line message.
    public var description: String {
        switch self {
        case .nonFinitePrediction(let i, let j): return "prediction [\(i), \(j)] is not finite"
        case .shapeMismatch(let e, let g): return "predictions have shape \(g), expected \(e)"
        case .missingPool(let n): return "loss '\(n)' needs a solution pool"
        case .invalidHyperparameter(let s): return "invalid hyper-parameter: \(s)"
        case .numericalFailure(let s): return "numerical failure: \(s)"
        case .needsRelaxation(let n):
            return
                "method '\(n)' trains through a smoothed LP layer and needs the problem's LP relaxation (built-in problems and MPS models provide it)"
        case .unknownMethod(let n):
            return "unknown method '\(n)'; choose one of: \(LossRegistry.names.joined(separator: ", "))"
        }
    }
}

/// Checks the prediction shape and finiteness; returns the rows.
func validatedRows(_ predicted: Variable, _ batch: LossBatch) throws -> [[Double]] {
    guard predicted.shape == [batch.count, batch.dimension] else {
        throw LossError.shapeMismatch(expected: [batch.count, batch.dimension], got: predicted.shape)
    }
    let v = predicted.value.scalars
    if let k = v.firstIndex(where: { !$0.isFinite }) {
        throw LossError.nonFinitePrediction(instance: k / batch.dimension, coordinate: k % batch.dimension)
    }
    return (0..<batch.count).map { Array(v[($0 * batch.dimension)..<(($0 + 1) * batch.dimension)]) }
}

/// The batch mean of per-instance terms: `term(i)` is instance `i`'s loss value and its gradient
/// with respect to the predicted costs, recorded by ``recordMeanLoss(_:values:gradients:)``.
func meanLoss(
    _ predicted: Variable, count: Int, _ term: (Int) throws -> (value: Double, gradient: [Double])
) rethrows -> Variable {
    var values: [Double] = [], gradients: [[Double]] = []
    for i in 0..<count {
        let t = try term(i)
        values.append(t.value)
        gradients.append(t.gradient)
    }
    return recordMeanLoss(predicted, values: values, gradients: gradients)
}

/// Records a batch-mean loss whose per-instance values and gradients were computed in the forward
/// pass (the solver-backed losses): value `mean(values)`, pullback `g ↦ g · gradients / count`.
func recordMeanLoss(_ predicted: Variable, values: [Double], gradients: [[Double]]) -> Variable {
    let n = Double(max(values.count, 1))
    let flat = gradients.flatMap { $0 }
    let shape = predicted.shape
    return Variable.record(Tensor(values.reduce(0, +) / n), parents: [predicted]) { g in
        let scale = g.scalars[0] / n
        return [Tensor(shape: shape, scalars: flat.map { $0 * scale })]
    }
}

@inline(__always) func dot(_ a: [Double], _ b: [Double]) -> Double {
    var s = 0.0
    for j in 0..<a.count { s += a[j] * b[j] }
    return s
}
