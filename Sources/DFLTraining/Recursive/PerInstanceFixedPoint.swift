import DFLTensor

/// Test-time fixed point of a recursive predictor, per instance: the batch is iterated together,
/// each row stops at its own convergence (`‖Δx‖∞ ≤ tolerance`), and only a row that does not
/// converge within `maxIterations` (or turns non-finite) falls back to its own K-step iterate
/// `Φᴷ(x₀)` — the R-DFL-U output — and is counted. The rows of Φ must be independent (inference
/// mode: no batch-coupled op such as a fresh dropout mask).
package struct PerInstanceFixedPoint {
    /// Convergence tolerance on `‖x_{k+1} − x_k‖∞` per row.
    package var tolerance: Double
    /// Iteration limit per row.
    package var maxIterations: Int
    /// Steps K of the fallback output `Φᴷ(x₀)`.
    package var fallbackSteps: Int

    /// The settings.
    package init(tolerance: Double, maxIterations: Int, fallbackSteps: Int) {
        self.tolerance = tolerance
        self.maxIterations = max(maxIterations, fallbackSteps)
        self.fallbackSteps = fallbackSteps
    }

    /// The decisions and the indices of the rows that fell back.
    package struct Outcome {
        /// One decision per row.
        package var decisions: [[Double]]
        /// Rows that did not converge and got their K-step iterate.
        package var fallbackRows: [Int]
    }

    /// Iterates `map` from `start` (one row per instance). `map(rows, x)` evaluates Φ on the
    /// instances `rows` at `x` (`[rows.count, n]`); when it throws for a batch, each row is evaluated
    /// alone and a row that still throws becomes non-finite (and falls back).
    package func run(start: [[Double]], map: ([Int], Tensor) throws -> Tensor) -> Outcome {
        let n = start.first?.count ?? 0
        var x = start
        var decided = [[Double]?](repeating: nil, count: start.count)
        var kStep = [[Double]?](repeating: nil, count: start.count)
        var active = Array(start.indices)
        func evaluate(_ rows: [Int]) -> [[Double]] {
            let input = Tensor(shape: [rows.count, n], scalars: rows.flatMap { x[$0] })
            if let out = try? map(rows, input) { return out.rows }
            return rows.map { row in
                (try? map([row], Tensor(shape: [1, n], scalars: x[row])))?.scalars
                    ?? [Double](repeating: .nan, count: n)
            }
        }
        var iteration = 0
        while !active.isEmpty && iteration < maxIterations {
            iteration += 1
            let next = evaluate(active)
            var still: [Int] = []
            for (row, value) in zip(active, next) {
                let step = zip(value, x[row]).map { Swift.abs($0 - $1) }.max() ?? 0
                x[row] = value
                if iteration == fallbackSteps { kStep[row] = value }
                if !step.isFinite || value.contains(where: { !$0.isFinite }) { continue }
                if step <= tolerance { decided[row] = value } else { still.append(row) }
            }
            active = still
        }
        var fallbacks: [Int] = []
        let decisions = start.indices.map { row -> [Double] in
            if let d = decided[row] { return d }
            fallbacks.append(row)
            return kStep[row] ?? [Double](repeating: .nan, count: n)
        }
        return Outcome(decisions: decisions, fallbackRows: fallbacks)
    }
}
