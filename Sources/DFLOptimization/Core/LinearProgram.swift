/// A mixed-integer linear program in matrix form, the generic description every problem can give:
///
/// ```
/// min/max  cᵀw + offset
/// s.t.     A w  = b          (equalities, rows of `equalityMatrix`)
///          G w ≤ h           (inequalities, rows of `inequalityMatrix`)
///          l ≤ w ≤ u         (bounds; ±infinity for none)
///          w_j ∈ ℤ for j with integrality[j] == true
/// ```
///
/// Matrices are dense and row-major (`[row][column]`), which suits the sizes of DFL benchmarks and
/// the KKT systems of the smoothing layers. The LP relaxation drops `integrality`.
public struct MixedIntegerProgram: Sendable, Codable, Equatable {
    /// Number of variables.
    public var variableCount: Int
    /// Objective coefficients `c` (the default costs; training replaces them by predictions).
    public var objective: [Double]
    /// Constant added to the objective.
    public var objectiveOffset: Double
    /// Objective sense.
    public var sense: ObjectiveSense
    /// `A`: rows of the equality constraints `A w = b`.
    public var equalityMatrix: [[Double]]
    /// `b`: right-hand sides of the equalities.
    public var equalityRHS: [Double]
    /// `G`: rows of the inequality constraints `G w ≤ h`.
    public var inequalityMatrix: [[Double]]
    /// `h`: right-hand sides of the inequalities.
    public var inequalityRHS: [Double]
    /// `l`: lower bounds (`-Double.infinity` for none).
    public var lowerBounds: [Double]
    /// `u`: upper bounds (`Double.infinity` for none).
    public var upperBounds: [Double]
    /// Which variables must take integer values.
    public var integrality: [Bool]
    /// Optional variable names (from an MPS file); empty when unnamed.
    public var variableNames: [String]

    /// Creates a program; see the type's documentation for the meaning of each part.
    public init(
        objective: [Double], objectiveOffset: Double = 0, sense: ObjectiveSense,
        equalityMatrix: [[Double]] = [], equalityRHS: [Double] = [],
        inequalityMatrix: [[Double]] = [], inequalityRHS: [Double] = [],
        lowerBounds: [Double]? = nil, upperBounds: [Double]? = nil,
        integrality: [Bool]? = nil, variableNames: [String] = []
    ) {
        let n = objective.count
        self.variableCount = n
        self.objective = objective
        self.objectiveOffset = objectiveOffset
        self.sense = sense
        self.equalityMatrix = equalityMatrix
        self.equalityRHS = equalityRHS
        self.inequalityMatrix = inequalityMatrix
        self.inequalityRHS = inequalityRHS
        self.lowerBounds = lowerBounds ?? [Double](repeating: 0, count: n)
        self.upperBounds = upperBounds ?? [Double](repeating: .infinity, count: n)
        self.integrality = integrality ?? [Bool](repeating: false, count: n)
        self.variableNames = variableNames
    }

    /// Whether any variable is integer.
    public var isInteger: Bool { integrality.contains(true) }

    /// The LP relaxation (all integrality dropped).
    public var relaxation: MixedIntegerProgram {
        var copy = self
        copy.integrality = [Bool](repeating: false, count: variableCount)
        return copy
    }

    /// Checks that all sizes agree and bounds are ordered.
    /// - Throws: ``SolverError`` with `.invalidModel` saying which part is inconsistent.
    public func validate() throws {
        let n = variableCount
        func fail(_ what: String) throws { throw SolverError(.invalidModel, "MILP: \(what)") }
        if objective.count != n { try fail("objective has \(objective.count) entries, expected \(n)") }
        if equalityMatrix.count != equalityRHS.count {
            try fail("\(equalityMatrix.count) equality rows but \(equalityRHS.count) right-hand sides")
        }
        if inequalityMatrix.count != inequalityRHS.count {
            try fail("\(inequalityMatrix.count) inequality rows but \(inequalityRHS.count) right-hand sides")
        }
        for (i, row) in equalityMatrix.enumerated() where row.count != n {
            try fail("equality row \(i) has \(row.count) entries, expected \(n)")
        }
        for (i, row) in inequalityMatrix.enumerated() where row.count != n {
            try fail("inequality row \(i) has \(row.count) entries, expected \(n)")
        }
        if lowerBounds.count != n || upperBounds.count != n || integrality.count != n {
            try fail("bounds/integrality must have \(n) entries")
        }
        for j in 0..<n where lowerBounds[j] > upperBounds[j] {
            try fail("variable \(j) has lower bound \(lowerBounds[j]) > upper bound \(upperBounds[j])")
        }
    }
}

/// A problem that can describe itself as a (mixed-integer) linear program, so that generic backends
/// (CBC, CLP) and the smoothing layers can use it and its LP relaxation.
public protocol LinearProgramRepresentable: OptimizationProblem {
    /// The problem as a MILP whose objective coefficients are the cost vector (with `costs` given,
    /// else zeros) and whose variables are, in order, the `costDimension` decision variables
    /// followed by any auxiliary variables (whose objective coefficients are zero).
    func asMILP(costs: [Double]?) -> MixedIntegerProgram
}
