import DFLOptimization

/// A MILP's constraints in COIN-OR's input form: a column-major sparse matrix with row bounds
/// `rowLower ≤ M w ≤ rowUpper` (equalities have equal bounds, `G w ≤ h` rows have −∞ lower bounds).
struct SparseColumns {
    var starts: [Int32] = [0]
    var indices: [Int32] = []
    var values: [Double] = []
    var rowLower: [Double] = []
    var rowUpper: [Double] = []

    init(_ p: MixedIntegerProgram) {
        let rows = p.equalityMatrix + p.inequalityMatrix
        rowLower = p.equalityRHS + [Double](repeating: -Double.greatestFiniteMagnitude, count: p.inequalityRHS.count)
        rowUpper = p.equalityRHS + p.inequalityRHS
        for j in 0..<p.variableCount {
            for (i, row) in rows.enumerated() where row[j] != 0 {
                indices.append(Int32(i))
                values.append(row[j])
            }
            starts.append(Int32(indices.count))
        }
    }

    /// COIN-OR's "infinity" for bounds.
    static func coinBound(_ x: Double) -> Double {
        x == .infinity ? Double.greatestFiniteMagnitude : x == -.infinity ? -Double.greatestFiniteMagnitude : x
    }
}

extension MixedIntegerProgram {
    /// The program, checked, with `costs` (when given) as its objective — the common first step of
    /// every backend solve.
    /// - Throws: ``SolverError`` `.invalidModel`, or `.dimensionMismatch`/`.nonFiniteCosts` naming `name`.
    func validated(replacingObjectiveWith costs: [Double]?, name: String) throws -> MixedIntegerProgram {
        try validate()
        guard let costs else { return self }
        try SolverError.validate(costs: costs, expected: variableCount, problem: name)
        var p = self
        p.objective = costs
        return p
    }
}
