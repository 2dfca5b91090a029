import DFLLinearAlgebra
import DFLOptimization
import DFLQuadraticProgramming
import DFLRandom

/// Euclidean projection onto the probability simplex `{v ≥ 0, 1ᵀv = 1}` (sort-based closed form).
public func projectOntoSimplex(_ y: [Double]) -> [Double] {
    let sorted = y.sorted(by: >)
    var cumulative = 0.0
    var theta = 0.0
    for (k, value) in sorted.enumerated() {
        cumulative += value
        let t = (cumulative - 1) / Double(k + 1)
        if value - t > 0 { theta = t }
    }
    return y.map { max($0 - theta, 0) }
}

/// The Top-1 (simplex) program `min yᵀv` s.t. `1ᵀv = 1`, `0 ≤ v ≤ 1` as a MILP.
public func simplexProgram(_ n: Int) -> MixedIntegerProgram {
    MixedIntegerProgram(
        objective: [Double](repeating: 0, count: n), sense: .minimize,
        equalityMatrix: [[Double](repeating: 1, count: n)], equalityRHS: [1],
        lowerBounds: [Double](repeating: 0, count: n), upperBounds: [Double](repeating: 1, count: n))
}

/// A hand-made flow network on a 3×3 grid (east/south arcs), one unit from node 0 to node 8, with
/// all 9 flow-conservation rows (one of them redundant).
public func smallGridFlowProgram() -> MixedIntegerProgram {
    var arcs: [(Int, Int)] = []
    for r in 0..<3 {
        for c in 0..<3 {
            let v = r * 3 + c
            if c + 1 < 3 { arcs.append((v, v + 1)) }
            if r + 1 < 3 { arcs.append((v, v + 3)) }
        }
    }
    var a = [[Double]](repeating: [Double](repeating: 0, count: arcs.count), count: 9)
    for (k, (from, to)) in arcs.enumerated() {
        a[from][k] = -1
        a[to][k] = 1
    }
    var b = [Double](repeating: 0, count: 9)
    b[0] = -1
    b[8] = 1
    return MixedIntegerProgram(
        objective: [Double](repeating: 0, count: arcs.count), sense: .minimize,
        equalityMatrix: a, equalityRHS: b,
        lowerBounds: [Double](repeating: 0, count: arcs.count),
        upperBounds: [Double](repeating: 1, count: arcs.count))
}

/// A random strictly convex QP with a rank-deficient equality block (third row = first + second),
/// general inequalities and box bounds, feasible by construction around a random interior point.
public func randomQP(seed: UInt64, n: Int = 8) -> DenseQuadraticProgram {
    var rng = SeededGenerator(seed: seed)
    var m = Matrix(rows: n, columns: n, elements: rng.normal(count: n * n))
    m = m.matmul(m, transposeOther: true)
    for i in 0..<n { m[i, i] += 1 }
    let x0 = rng.uniform(0.2, 0.8, count: n)
    let a1 = rng.normal(count: n), a2 = rng.normal(count: n)
    let a3 = zip(a1, a2).map { $0 + $1 }
    let a = Matrix([a1, a2, a3])
    let b = a.matvec(x0)
    let g = Matrix(rows: 3, columns: n, elements: rng.normal(count: 3 * n))
    let h = g.matvec(x0).map { $0 + 0.05 }
    return DenseQuadraticProgram(
        hessian: m, linear: rng.normal(count: n).map { 3 * $0 },
        equalityMatrix: a, equalityRHS: b, inequalityMatrix: g, inequalityRHS: h,
        lowerBounds: [Double](repeating: 0, count: n), upperBounds: [Double](repeating: 1, count: n))
}

/// Central finite difference of `f` at `x` along `direction`.
public func directionalDerivative(
    _ f: ([Double]) throws -> Double, at x: [Double], along direction: [Double], step: Double = 1e-6
) rethrows -> Double {
    let plus = zip(x, direction).map { $0 + step * $1 }
    let minus = zip(x, direction).map { $0 - step * $1 }
    return (try f(plus) - f(minus)) / (2 * step)
}

/// `aᵀb`.
public func dot(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }

/// `max |a − b|`.
public func maxAbsDifference(_ a: [Double], _ b: [Double]) -> Double {
    zip(a, b).reduce(0) { max($0, abs($1.0 - $1.1)) }
}

/// A `LinearProgramRepresentable` wrapper of an explicit program (test helper).
public struct MILPProblem: ProgramBackedProblem {
    /// The program.
    public let program: MixedIntegerProgram
    /// Wraps `program`.
    public init(_ program: MixedIntegerProgram) { self.program = program }
    /// `"test program"`.
    public var name: String { "test program" }
}
