import DFLLinearAlgebra
import DFLOptimization

/// A dense convex quadratic program
///
/// ```
/// min  ½ xᵀQx + qᵀx
/// s.t. A x = b,   G x ≤ h,   l ≤ x ≤ u
/// ```
///
/// `Q` (`hessian`) is the symmetric positive semidefinite `n × n` Hessian; the layers use
/// `Q = 2μI` (or `μI`), which is positive definite. Infinite bounds mean "no bound".
public struct DenseQuadraticProgram: Sendable, Codable, Equatable {
    /// `n`, the number of variables.
    public var variableCount: Int
    /// `Q`, the `n × n` symmetric positive semidefinite Hessian.
    public var hessian: Matrix
    /// `q`, the linear objective term (the default; solvers take it per call).
    public var linear: [Double]
    /// `A`, the `m × n` equality matrix.
    public var equalityMatrix: Matrix
    /// `b`, the equality right-hand side.
    public var equalityRHS: [Double]
    /// `G`, the `p × n` inequality matrix.
    public var inequalityMatrix: Matrix
    /// `h`, the inequality right-hand side.
    public var inequalityRHS: [Double]
    /// `l`, lower bounds (`-infinity` for none).
    public var lowerBounds: [Double]
    /// `u`, upper bounds (`+infinity` for none).
    public var upperBounds: [Double]

    /// Creates a program; omitted constraints are empty and omitted bounds infinite.
    public init(
        hessian: Matrix, linear: [Double],
        equalityMatrix: Matrix? = nil, equalityRHS: [Double] = [],
        inequalityMatrix: Matrix? = nil, inequalityRHS: [Double] = [],
        lowerBounds: [Double]? = nil, upperBounds: [Double]? = nil
    ) {
        let n = linear.count
        self.variableCount = n
        self.hessian = hessian
        self.linear = linear
        self.equalityMatrix = equalityMatrix ?? Matrix(rows: 0, columns: n)
        self.equalityRHS = equalityRHS
        self.inequalityMatrix = inequalityMatrix ?? Matrix(rows: 0, columns: n)
        self.inequalityRHS = inequalityRHS
        self.lowerBounds = lowerBounds ?? [Double](repeating: -.infinity, count: n)
        self.upperBounds = upperBounds ?? [Double](repeating: .infinity, count: n)
    }

    /// The smoothed LP relaxation of a (mixed-integer) linear program:
    /// `min sign·cᵀx + (weight/2)‖x‖²` over its constraints and bounds, integrality dropped,
    /// where `sign` is `+1` for minimization and `−1` for maximization (so a maximization problem
    /// becomes `max cᵀx − (weight/2)‖x‖²`).
    ///
    /// - Parameters:
    ///   - program: the MILP whose relaxation is smoothed; its `objective` becomes `q`.
    ///   - quadraticWeight: the diagonal of `Q` (`2μ` for `μ‖x‖²`).
    public init(smoothedRelaxationOf program: MixedIntegerProgram, quadraticWeight: Double) {
        let n = program.variableCount
        let sign = program.sense.sign
        self.init(
            hessian: Matrix.diagonal([Double](repeating: quadraticWeight, count: n)),
            linear: program.objective.map { sign * $0 },
            equalityMatrix: program.equalityMatrix.isEmpty
                ? Matrix(rows: 0, columns: n) : Matrix(program.equalityMatrix),
            equalityRHS: program.equalityRHS,
            inequalityMatrix: program.inequalityMatrix.isEmpty
                ? Matrix(rows: 0, columns: n) : Matrix(program.inequalityMatrix),
            inequalityRHS: program.inequalityRHS,
            lowerBounds: program.lowerBounds, upperBounds: program.upperBounds)
    }

    /// Checks that all sizes agree, entries are finite (bounds may be infinite) and bounds ordered.
    /// - Throws: ``QuadraticProgramError`` with `.invalidModel` or `.nonFiniteInput` saying which part.
    public func validate() throws {
        let n = variableCount
        func fail(_ what: String) throws { throw QuadraticProgramError(.invalidModel, "QP: \(what)") }
        if hessian.rows != n || hessian.columns != n {
            try fail("Q is \(hessian.rows)×\(hessian.columns), expected \(n)×\(n)")
        }
        if equalityMatrix.columns != n || equalityMatrix.rows != equalityRHS.count {
            try fail(
                "A is \(equalityMatrix.rows)×\(equalityMatrix.columns) but b has \(equalityRHS.count) entries and n = \(n)"
            )
        }
        if inequalityMatrix.columns != n || inequalityMatrix.rows != inequalityRHS.count {
            try fail(
                "G is \(inequalityMatrix.rows)×\(inequalityMatrix.columns) but h has \(inequalityRHS.count) entries and n = \(n)"
            )
        }
        if lowerBounds.count != n || upperBounds.count != n {
            try fail("bounds have \(lowerBounds.count)/\(upperBounds.count) entries, expected \(n)")
        }
        for (name, values) in [
            ("Q", hessian.elements), ("q", linear), ("A", equalityMatrix.elements), ("b", equalityRHS),
            ("G", inequalityMatrix.elements), ("h", inequalityRHS),
        ] {
            if let i = values.firstIndex(where: { !$0.isFinite }) {
                throw QuadraticProgramError(.nonFiniteInput, "QP: \(name) entry \(i) = \(values[i]) is not finite")
            }
        }
        for i in 0..<n {
            for j in 0..<i where abs(hessian[i, j] - hessian[j, i]) > 1e-12 * max(1, abs(hessian[i, j])) {
                try fail("Q is not symmetric at (\(i), \(j))")
            }
        }
        for j in 0..<n {
            if lowerBounds[j].isNaN || upperBounds[j].isNaN || lowerBounds[j] == .infinity
                || upperBounds[j] == -.infinity
            {
                try fail("variable \(j) has invalid bounds [\(lowerBounds[j]), \(upperBounds[j])]")
            }
            if lowerBounds[j] > upperBounds[j] {
                throw QuadraticProgramError(
                    .infeasible,
                    "QP: variable \(j) has lower bound \(lowerBounds[j]) > upper bound \(upperBounds[j])")
            }
        }
    }
}
