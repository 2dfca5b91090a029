/// `max |vᵢ|`, or `+∞` when some entry is NaN or infinite: `Swift.max` skips a NaN operand, so
/// a plain max-reduce would report a NaN vector as converged.
func maxAbsolute(_ v: [Double]) -> Double {
    var m = 0.0
    for x in v {
        guard x.isFinite else { return .infinity }
        m = max(m, abs(x))
    }
    return m
}

/// The scaled KKT residual of a primal–dual point of a QP in ``QPStructure`` form (`+∞` when the
/// point has a non-finite entry).
enum KKTResidual {
    /// `max` of: primal infeasibility `‖Ax − b‖∞`, `max(Cx − d)₊` (scaled by the right-hand
    /// sides), stationarity `‖Qx + q + Aᵀν + Cᵀλ‖∞ / (1 + ‖q‖∞)`, dual infeasibility `max(−λ)₊`
    /// and complementarity `max |λᵢ (dᵢ − Cᵢx)|`, the last two scaled like stationarity.
    static func evaluate(structure s: QPStructure, q: [Double], x: [Double], nu: [Double], lambda: [Double]) -> Double {
        guard x.allSatisfy(\.isFinite), nu.allSatisfy(\.isFinite), lambda.allSatisfy(\.isFinite) else {
            return .infinity
        }
        var ax = [Double](repeating: 0, count: s.m)
        s.applyEqualities(x, into: &ax)
        var primal = 0.0
        for k in 0..<s.m { primal = max(primal, abs(ax[k] - s.b[k])) }
        var cx = [Double](repeating: 0, count: s.p)
        s.applyInequalities(x, into: &cx)
        var complementarity = 0.0, dualSign = 0.0
        for i in 0..<s.p {
            let slack = s.inequalityRHS[i] - cx[i]
            primal = max(primal, -slack)
            complementarity = max(complementarity, abs(lambda[i] * slack))
            dualSign = max(dualSign, -lambda[i])
        }
        var r = [Double](repeating: 0, count: s.n)
        s.applyHessian(x, into: &r)
        for j in 0..<s.n { r[j] += q[j] }
        s.addTransposedEqualities(nu, into: &r)
        s.addTransposedInequalities(lambda, into: &r)
        let qScale = 1 + maxAbsolute(q)
        let stationarity = maxAbsolute(r)
        return max(primal / s.primalScale, (stationarity + dualSign + complementarity) / qScale)
    }
}
