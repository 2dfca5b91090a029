import DFLTensor

/// A batch's checked predicted rows, the objective sign `s` and the oracle's decision `ŵ = w*(ĉ)` at
/// each row (one solve per instance, in parallel): the first step of DBB, NID and SCE.
struct SolvedPredictions {
    /// The predicted cost rows (``validatedRows(_:_:)``).
    let rows: [[Double]]
    /// `+1` for minimization, `−1` for maximization.
    let sign: Double
    /// The decision at each row.
    let decisions: [[Double]]

    /// Checks the predictions, then solves at each row.
    /// - Throws: ``LossError`` for bad predictions; the oracle's errors.
    init(_ predicted: Variable, _ batch: LossBatch, _ context: LossContext) throws {
        rows = try validatedRows(predicted, batch)
        sign = context.oracle.sense.sign
        decisions = try context.oracle.solveBatch(rows).map(\.decision)
    }

    /// The batch mean of `term(i)`, instance `i`'s loss value and gradient given these solves.
    /// - Throws: ``LossError`` for bad predictions; the oracle's errors.
    static func meanLoss(
        _ predicted: Variable, _ batch: LossBatch, _ context: LossContext,
        _ term: (_ i: Int, _ solved: SolvedPredictions) -> (value: Double, gradient: [Double])
    ) throws -> Variable {
        let solved = try SolvedPredictions(predicted, batch, context)
        return DFLLosses.meanLoss(predicted, count: batch.count) { i in term(i, solved) }
    }
}
