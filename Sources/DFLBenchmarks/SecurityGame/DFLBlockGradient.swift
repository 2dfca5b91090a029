/// DFL-Block (Wang et al. 2020, "Scalable game-focused learning of adversary models";
/// docs/papers/energy.md, "Network security game"):
/// differentiate the defender's optimum on the **full** edge-coverage space through the KKT
/// conditions of the budget-constrained problem `min_a (1/S) Σ_s obj(a, φ_s)`,
/// `0 ≤ a ≤ 1, Σ a ≤ k`, with respect to the attractiveness scenarios `φ_s`.
extension AbsorbingWalkAttacker {
    /// The mean coverage gradient `(1/S) Σ_s ∇_a obj(a, φ_s)`.
    func meanCoverageGradient(_ a: [Double], scenarios: [[Double]]) throws -> [Double] {
        var g = [Double](repeating: 0, count: a.count)
        for phi in scenarios {
            let r = try objective(coverage: a, attractiveness: phi)
            for e in 0..<g.count { g[e] += r.coverage[e] }
        }
        let w = 1 / Double(scenarios.count)
        return g.map { $0 * w }
    }

    /// Pulls `lossGradient = ∂L/∂a` at the defender's optimum `decision` (for `scenarios`, budget
    /// `budget`) back to one gradient `∂L/∂φ_s` per scenario.
    ///
    /// The free-block Hessian comes from central differences of the analytic coverage gradient
    /// (`|F|` pairs of solves per scenario); the mixed term `wᵀ ∂_φ ∇_a obj` from central
    /// differences of the analytic attractiveness gradient along the adjoint `w`.
    /// - Throws: ``BenchmarkError`` for wrong sizes or a singular system.
    public func blockGradient(scenarios: [[Double]], decision a: [Double], budget: Double, lossGradient: [Double])
        throws -> [[Double]]
    {
        guard !scenarios.isEmpty, a.count == graph.edges.count, lossGradient.count == a.count else {
            throw BenchmarkError.invalidArgument(
                name: "blockGradient",
                reason:
                    "need ≥ 1 scenario and \(graph.edges.count) coverages / loss gradients, got \(a.count), \(lossGradient.count)"
            )
        }
        let kkt = BudgetBoxKKTAdjoint(minimizer: a, budget: budget)
        let n = graph.nodeCount
        let zero = [[Double]](repeating: [Double](repeating: 0, count: n), count: scenarios.count)
        guard !kkt.free.isEmpty else { return zero }
        let h = try kkt.freeHessian(at: a) { try meanCoverageGradient($0, scenarios: scenarios) }
        let w = try kkt.adjoint(hessian: h, lossGradient: lossGradient, dimension: a.count)
        let norm = w.map(abs).max() ?? 0
        guard norm > 0 else { return zero }
        let step = 1e-5 / norm
        let plus = zip(a, w).map { $0 + step * $1 }, minus = zip(a, w).map { $0 - step * $1 }
        let scale = -1 / (Double(scenarios.count) * 2 * step)
        return try scenarios.map { phi in
            let p = try objective(coverage: plus, attractiveness: phi).attractiveness
            let m = try objective(coverage: minus, attractiveness: phi).attractiveness
            return (0..<n).map { scale * (p[$0] - m[$0]) }
        }
    }
}
