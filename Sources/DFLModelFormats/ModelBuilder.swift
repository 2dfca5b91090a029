import DFLOptimization

/// The model as a reader collects it — named columns with bounds and integrality, named rows with
/// sparse coefficients and row bounds `lower ≤ a·w ≤ upper` — and its conversion to a
/// ``MixedIntegerProgram``. Shared by the MPS and LP readers, so both check the same things.
struct ModelBuilder {
    /// One constraint row.
    struct Row {
        /// The row's name (for messages).
        var name: String
        /// Coefficients by column index.
        var entries: [Int: Double] = [:]
        /// Row bounds (−∞ / +∞ for none).
        var lower: Double, upper: Double
    }

    /// The file name for errors.
    let file: String
    /// The objective sense.
    var sense: ObjectiveSense = .minimize
    /// Column names in order, and their indices.
    private(set) var columnNames: [String] = []
    private(set) var columnIndex: [String: Int] = [:]
    /// Objective coefficients, bounds and integrality by column.
    var objective: [Double] = [], lower: [Double] = [], upper: [Double] = [], integer: [Bool] = []
    /// Where each column's bounds were last set (for a crossed-bounds error).
    var boundPlace: [TextPlace?] = []
    /// The objective's constant term.
    var offset = 0.0
    /// The constraint rows in file order.
    var rows: [Row] = []

    /// Creates an empty model for `file`.
    init(file: String) { self.file = file }

    /// An error at `place`.
    func error(_ reason: ModelFileError.Reason, _ message: String, at place: TextPlace?) -> ModelFileError {
        ModelFileError(reason, message, file: file, line: place?.line, column: place?.column)
    }

    /// Adds a column with bounds [0, +∞) and returns its index.
    /// - Throws: `.duplicateName` when `name` is already a column.
    mutating func addColumn(_ name: String, at place: TextPlace) throws -> Int {
        if columnIndex[name] != nil {
            throw error(.duplicateName, "column '\(name)' is defined twice", at: place)
        }
        columnIndex[name] = columnNames.count
        columnNames.append(name)
        objective.append(0)
        lower.append(0)
        upper.append(.infinity)
        integer.append(false)
        boundPlace.append(nil)
        return columnNames.count - 1
    }

    /// The coefficient in `text` at `place`: strict decimal, finite, of magnitude below
    /// ``NumberField/coefficientLimit``.
    func coefficient(_ text: Substring, at place: TextPlace) throws -> Double {
        guard let value = NumberField.decimal(text) else {
            throw error(.invalidNumber, "'\(text.prefix(40))' is not a number", at: place)
        }
        guard abs(value) < NumberField.coefficientLimit else {
            throw error(
                .invalidNumber,
                "\(text.prefix(40)) is beyond the solvers' limit (magnitude < \(NumberField.coefficientLimit))",
                at: place)
        }
        return value
    }

    /// The bound in `text` at `place`: a decimal number (magnitude ≥ 1e30 is infinite) or `inf`.
    func bound(_ text: Substring, at place: TextPlace) throws -> Double {
        if let infinite = NumberField.infinity(text) { return infinite }
        guard let value = NumberField.decimal(text) else {
            throw error(.invalidNumber, "'\(text.prefix(40))' is not a number", at: place)
        }
        if value >= NumberField.infiniteBound { return .infinity }
        if value <= -NumberField.infiniteBound { return -.infinity }
        return value
    }

    /// The program, after checking bounds and size.
    /// - Throws: `.invalidModel` for a model without columns or with crossed or infinite-side
    ///   bounds, `.tooLarge` when the dense matrices would exceed ``ModelFileReader/maximumDenseEntries``.
    func program(endPlace: TextPlace) throws -> MixedIntegerProgram {
        let n = columnNames.count
        guard n > 0 else { throw error(.invalidModel, "the model has no variables", at: endPlace) }
        for j in 0..<n {
            let place = boundPlace[j] ?? endPlace
            if lower[j] == .infinity || upper[j] == -.infinity || lower[j] > upper[j] {
                throw error(
                    .invalidModel, "variable '\(columnNames[j])' has bounds [\(lower[j]), \(upper[j])]", at: place)
            }
        }
        var denseRows = 0
        for row in rows {
            denseRows += row.lower == row.upper ? 1 : (row.upper < .infinity ? 1 : 0) + (row.lower > -.infinity ? 1 : 0)
        }
        let (entries, overflow) = denseRows.multipliedReportingOverflow(by: n)
        if overflow || entries > ModelFileReader.maximumDenseEntries {
            throw error(
                .tooLarge,
                "\(denseRows) constraint rows × \(n) variables do not fit the dense model "
                    + "(limit \(ModelFileReader.maximumDenseEntries) entries)", at: nil)
        }
        var eqA: [[Double]] = [], eqB: [Double] = [], inA: [[Double]] = [], inH: [Double] = []
        for row in rows {
            var dense = [Double](repeating: 0, count: n)
            for (j, value) in row.entries { dense[j] = value }
            if row.lower == row.upper {
                eqA.append(dense)
                eqB.append(row.upper)
            } else {
                if row.upper < .infinity {
                    inA.append(dense)
                    inH.append(row.upper)
                }
                if row.lower > -.infinity {
                    inA.append(dense.map { -$0 })
                    inH.append(-row.lower)
                }
            }
        }
        return MixedIntegerProgram(
            objective: objective, objectiveOffset: offset, sense: sense, equalityMatrix: eqA, equalityRHS: eqB,
            inequalityMatrix: inA, inequalityRHS: inH, lowerBounds: lower, upperBounds: upper, integrality: integer,
            variableNames: columnNames)
    }
}
