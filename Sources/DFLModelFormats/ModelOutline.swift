import DFLOptimization

/// What a model file declares, in its own terms — what `dfl inspect` prints: the variables in
/// column order (the order of the cost columns `c0, c1, …` of a training CSV), each with its name,
/// bounds and integrality; the constraints in file order with their name, sense, right-hand side
/// and number of nonzeros; the objective sense.
///
/// ```swift
/// let outline = try ModelFileReader.outline("projects.mps")
/// outline.variables.map(\.name)   // ["P0", "P1", …]
/// outline.constraints[0].sense    // .lessOrEqual
/// ```
public struct ModelOutline: Sendable, Equatable, Codable {
    /// One variable (column).
    public struct Variable: Sendable, Equatable, Codable {
        /// The variable's name in the file.
        public var name: String
        /// Lower bound (−∞ for none).
        public var lower: Double
        /// Upper bound (+∞ for none).
        public var upper: Double
        /// Whether it must take integer values.
        public var integer: Bool
        /// The file's objective coefficient (replaced by the predicted cost in training).
        public var objective: Double
    }

    /// The sense of a constraint row.
    public enum Sense: String, Sendable, Equatable, Codable {
        /// `a·w ≤ upper`.
        case lessOrEqual = "<="
        /// `a·w ≥ lower`.
        case greaterOrEqual = ">="
        /// `a·w = rhs`.
        case equal = "="
        /// `lower ≤ a·w ≤ upper` (an MPS `RANGES` entry or an LP range).
        case range = "range"
    }

    /// One constraint row.
    public struct Constraint: Sendable, Equatable, Codable {
        /// The row's name in the file.
        public var name: String
        /// Its sense.
        public var sense: Sense
        /// Row bounds `lower ≤ a·w ≤ upper` (−∞ / +∞ for none).
        public var lower: Double
        /// Upper row bound.
        public var upper: Double
        /// Nonzero coefficients in the row.
        public var nonzeros: Int

        /// The right-hand side of a one-sided row or an equality (`upper` for a range).
        public var rhs: Double { sense == .greaterOrEqual ? lower : upper }
    }

    /// The objective sense.
    public var sense: ObjectiveSense
    /// The objective's constant term.
    public var objectiveOffset: Double
    /// The variables in column order.
    public var variables: [Variable]
    /// The constraints in file order (free rows other than the objective are dropped on reading).
    public var constraints: [Constraint]
}

extension ModelBuilder {
    /// The model as collected, in the file's terms.
    var outline: ModelOutline {
        let variables = columnNames.indices.map { j in
            ModelOutline.Variable(
                name: columnNames[j], lower: lower[j], upper: upper[j], integer: integer[j], objective: objective[j])
        }
        let constraints = rows.map { row in
            let sense: ModelOutline.Sense =
                row.lower == row.upper
                ? .equal
                : row.lower == -.infinity ? .lessOrEqual : row.upper == .infinity ? .greaterOrEqual : .range
            return ModelOutline.Constraint(
                name: row.name, sense: sense, lower: row.lower, upper: row.upper,
                nonzeros: row.entries.values.filter { $0 != 0 }.count)
        }
        return ModelOutline(sense: sense, objectiveOffset: offset, variables: variables, constraints: constraints)
    }
}
