import DFLModelFormats
import DFLOptimization

/// A MILP in COIN-OR's input form, as `Clp_loadProblem` and `Cbc_loadProblem` take it: the
/// constraint matrix column by column (``SparseColumns`` with 32-bit indices), column bounds, the
/// objective, and row bounds `rowLower ≤ M w ≤ rowUpper` (equalities have equal bounds, `G w ≤ h`
/// rows have −∞ lower bounds). Infinite bounds become COIN-OR's "infinity".
struct CoinModel {
    /// Sizes, and the matrix column by column (`starts`, row `indices`, `values`).
    let columnCount: Int32, rowCount: Int32, starts: [Int32], indices: [Int32], values: [Double]
    /// Column bounds, objective and row bounds.
    let columnLower: [Double], columnUpper: [Double], objective: [Double], rowLower: [Double], rowUpper: [Double]

    init(_ p: MixedIntegerProgram) {
        let matrix = SparseColumns(rows: p.equalityMatrix + p.inequalityMatrix, columns: p.variableCount)
        columnCount = Int32(p.variableCount)
        rowCount = Int32(matrix.rows)
        starts = matrix.start.map { Int32($0) }
        indices = matrix.row.map { Int32($0) }
        values = matrix.value
        columnLower = p.lowerBounds.map(Self.coinBound)
        columnUpper = p.upperBounds.map(Self.coinBound)
        objective = p.objective
        rowLower = p.equalityRHS + [Double](repeating: -Double.greatestFiniteMagnitude, count: p.inequalityRHS.count)
        rowUpper = p.equalityRHS + p.inequalityRHS
    }

    /// Calls `load` (`Clp_loadProblem` or `Cbc_loadProblem` bound to a model) with the arrays in
    /// COIN-OR's argument order.
    func load(
        _ load: (
            Int32, Int32, UnsafePointer<Int32>?, UnsafePointer<Int32>?, UnsafePointer<Double>?,
            UnsafePointer<Double>?, UnsafePointer<Double>?, UnsafePointer<Double>?, UnsafePointer<Double>?,
            UnsafePointer<Double>?
        ) -> Void
    ) {
        load(columnCount, rowCount, starts, indices, values, columnLower, columnUpper, objective, rowLower, rowUpper)
    }

    /// COIN-OR's "infinity" for bounds.
    static func coinBound(_ x: Double) -> Double {
        x == .infinity ? Double.greatestFiniteMagnitude : x == -.infinity ? -Double.greatestFiniteMagnitude : x
    }
}

extension MixedIntegerProgram {
    /// The largest objective coefficient magnitude passed to CBC or CLP. CLP asserts `|c| < 1e25`
    /// on its scaled objective (ClpSimplex.cpp, `createRim`) and aborts the process; the limit
    /// keeps five orders of magnitude away, the same limit `DFLModelFormats` applies to files.
    static let coinCostLimit = ModelFileReader.coefficientLimit

    /// The program, checked, with `costs` (when given) as its objective — the common first step of
    /// every backend solve. The objective is refused before any C call when an entry is not finite
    /// or of magnitude ≥ ``coinCostLimit``.
    /// - Throws: ``SolverError`` `.invalidModel`, or `.dimensionMismatch`/`.nonFiniteCosts`/
    ///   `.costOutOfRange` naming `name` and the entry.
    func validated(replacingObjectiveWith costs: [Double]?, name: String) throws -> MixedIntegerProgram {
        try validate()
        var p = self
        if let costs { p.objective = costs }
        try SolverError.validate(
            costs: p.objective, expected: variableCount, problem: name, limit: Self.coinCostLimit)
        return p
    }
}
