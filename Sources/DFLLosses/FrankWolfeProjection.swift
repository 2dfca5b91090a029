import DFLQuadraticProgramming

/// Away-step Frank–Wolfe (Lacoste-Julien & Jaggi 2015, "On the global linear convergence of
/// Frank-Wolfe optimization variants", NeurIPS) for `argmin_{μ ∈ conv(X)} ½‖μ − θ‖²`, with the
/// exact solver as the linear oracle, batched over instances as PyEPO's `_away_step_frank_wolfe`:
/// start at the vertex `argmin −θᵀv`; each step compares the Frank–Wolfe direction `v − μ` with
/// the away direction `μ − v_a` from the active vertex `v_a` worst for the gradient `μ − θ`, takes
/// the exact line-search step (capped so no weight turns negative), and drops vertices whose
/// weight reaches zero, so the active set ends on the optimal face. Stops when the Frank–Wolfe gap
/// is below `tolerance`.
struct FrankWolfeProjection {
    /// One instance's projection with its active vertices and their convex weights.
    struct Result {
        /// The point μ.
        var point: [Double]
        /// The active vertices (positive weight).
        var vertices: [[Double]]
        /// Their weights (summing to 1).
        var weights: [Double]
    }

    /// Iteration cap (PyEPO: 10 000).
    var maxIterations = 10_000
    /// Frank–Wolfe gap tolerance (PyEPO: 1e-6).
    var tolerance = 1e-6

    /// Projects each row of `theta` onto the convex hull of the oracle's feasible set.
    /// - Throws: what the oracle throws.
    func project(_ theta: [[Double]], context: LossContext) throws -> [Result] {
        let s = context.oracle.sense.sign
        // The oracle solves in its own sense: `argmin gᵀv` is its answer at `s·g`.
        func argmin(_ directions: [[Double]]) throws -> [[Double]] {
            try context.oracle.solveBatch(directions.map { g in g.map { s * $0 } }).map(\.decision)
        }
        var results = try argmin(theta.map { $0.map { -$0 } }).map {
            Result(point: $0, vertices: [$0], weights: [1])
        }
        var open = Array(theta.indices)
        for _ in 0..<maxIterations where !open.isEmpty {
            let gradients = open.map { i in zip(results[i].point, theta[i]).map(-) }
            let targets = try argmin(gradients)
            var stillOpen: [Int] = []
            for (t, i) in open.enumerated() where step(&results[i], gradient: gradients[t], target: targets[t]) {
                stillOpen.append(i)
            }
            open = stillOpen
        }
        return results
    }

    /// One away-step iteration on `r`; false once the Frank–Wolfe gap is below the tolerance.
    private func step(_ r: inout Result, gradient g: [Double], target v: [Double]) -> Bool {
        let mu = r.point
        let gapFW = dot(g, zip(mu, v).map(-))
        guard gapFW >= tolerance else { return false }
        // The active vertex worst for the gradient (the first on ties, as PyEPO's argmax).
        let scores = r.vertices.map { dot(g, $0) }
        var away = 0
        for k in scores.indices where scores[k] > scores[away] { away = k }
        let gapAway = dot(g, zip(r.vertices[away], mu).map(-))
        let forward = gapFW >= gapAway
        let direction = forward ? zip(v, mu).map(-) : zip(mu, r.vertices[away]).map(-)
        let alphaAway = r.weights[away]
        let gammaMax = forward ? 1 : alphaAway / max(1 - alphaAway, 1e-12)
        let gamma = min(max((forward ? gapFW : gapAway) / max(dot(direction, direction), 1e-12), 0), gammaMax)
        r.point = zip(mu, direction).map { $0 + gamma * $1 }
        r.weights = r.weights.map { $0 * (forward ? 1 - gamma : 1 + gamma) }
        if forward {
            if let k = r.vertices.firstIndex(where: { w in
                zip(w, v).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } < 1e-6
            }) {
                r.weights[k] += gamma
            } else if gamma > 0 {
                r.vertices.append(v)
                r.weights.append(gamma)
            }
        } else {
            r.weights[away] -= gamma
        }
        let keep = r.weights.indices.filter { r.weights[$0] >= 1e-12 }
        r.vertices = keep.map { r.vertices[$0] }
        r.weights = keep.map { r.weights[$0] }
        return true
    }

    /// The vector–Jacobian product of the projection at `r` for the cotangent `g`: `g` projected
    /// onto the directions of the active face's affine hull (PyEPO's centred Gram solve, with its
    /// ridge `1e-6·max(1, max diag)` for a rank-deficient Gram matrix).
    static func pullback(_ r: Result, _ g: [Double]) -> [Double] {
        let k = r.vertices.count, d = g.count
        guard k > 1 else { return [Double](repeating: 0, count: d) }
        let mean = (0..<d).map { j in r.vertices.reduce(0) { $0 + $1[j] } / Double(k) }
        let centred = r.vertices.map { zip($0, mean).map(-) }
        var gram = [Double](repeating: 0, count: k * k)
        for a in 0..<k { for b in 0..<k { gram[a * k + b] = dot(centred[a], centred[b]) } }
        let ridge = 1e-6 * max(1, (0..<k).map { gram[$0 * k + $0] }.max() ?? 1)
        for a in 0..<k { gram[a * k + a] += ridge }
        var alpha = centred.map { dot($0, g) }
        guard Cholesky.factor(&gram, n: k) else { return [Double](repeating: 0, count: d) }
        Cholesky.solve(gram, n: k, &alpha)
        return (0..<d).map { j in (0..<k).reduce(0) { $0 + alpha[$1] * centred[$1][j] } }
    }
}
