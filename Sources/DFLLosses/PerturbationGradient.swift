import DFLTensor

/// Perturbation-gradient losses PGB, PGF and PGC (Gupta & Huang 2024, "Decision-focused learning
/// with directional gradients", NeurIPS; PyEPO 2.2's `perturbationGradient` and `PGLoss`): a
/// finite difference of the optimal value `z(q) = min_w qᵀw` along the true costs `c`,
///
/// ```
/// PGB: ℓ = (z(ĉ) − z(ĉ − σc)) / σ        PGF: ℓ = (z(ĉ + σc) − z(ĉ)) / σ
/// PGC: ℓ = (z(ĉ + σc) − z(ĉ − σc)) / (2σ)
/// ```
///
/// in minimization form (maximization negates costs and value). By the envelope theorem the
/// gradient is the same difference of the decisions, `(w(q₊) − w(q₋))/width`: the exact gradient
/// of the value wherever the solutions are unique. Needs no optimal decision `w*`. Two solves per
/// instance; PyEPO's default width σ = 0.1.
public struct PerturbationGradient: DecisionLoss {
    /// Which finite difference.
    public enum Difference: String, Sendable, CaseIterable {
        /// `ĉ` and `ĉ − σc` (`"pgb"`, PyEPO's default).
        case backward = "pgb"
        /// `ĉ + σc` and `ĉ` (`"pgf"`).
        case forward = "pgf"
        /// `ĉ ± σc` (`"pgc"`).
        case central = "pgc"
    }

    /// `"pgb"`, `"pgf"` or `"pgc"`.
    public var name: String { difference.rawValue }
    /// The finite difference.
    public var difference: Difference
    /// The width σ.
    public var width: Double

    /// Creates the loss (default width 0.1, as PyEPO).
    public init(_ difference: Difference, width: Double = 0.1) {
        self.difference = difference
        self.width = width
    }

    /// Batch-mean PG loss with its envelope gradient.
    public func callAsFunction(_ predicted: Variable, batch: LossBatch, context: LossContext) throws -> Variable {
        let rows = try validatedRows(predicted, batch)
        let s = context.oracle.sense.sign
        let (upper, lower, span): (Double, Double, Double) =
            switch difference {
            case .backward: (0, -width, width)
            case .forward: (width, 0, width)
            case .central: (width, -width, 2 * width)
            }
        // The sense cancels in the directions: ĉ + t·c in the original sense is s(sĉ + t·sc).
        let queries = (0..<batch.count).flatMap { i in
            [upper, lower].map { t in zip(rows[i], batch.cost(i)).map { $0 + t * $1 } }
        }
        let solutions = try context.oracle.solveBatch(queries)
        return meanLoss(predicted, count: batch.count) { i in
            let (qUp, qLow) = (queries[2 * i], queries[2 * i + 1])
            let (wUp, wLow) = (solutions[2 * i].decision, solutions[2 * i + 1].decision)
            let value = s * (dot(qUp, wUp) - dot(qLow, wLow)) / span
            return (value, zip(wUp, wLow).map { s * ($0 - $1) / span })
        }
    }
}
