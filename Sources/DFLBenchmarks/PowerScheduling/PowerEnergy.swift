import DFLTensor

extension PowerScheduling {
    /// The So-EBM energy `E(x, a; θ) = Σ_h E_{y∼N(μ,σ²)} f(y, a)` (Eq. 2 with the closed form Eq. 9)
    /// at `decisions` `[batch, count, hours]` for predicted `mean`, `standardDeviation` `[batch, hours]`.
    ///
    /// - Returns: A `[batch, count]` variable, differentiable in `mean` and `standardDeviation`
    ///   (analytic pullback; the decisions are constants).
    public func energy(mean: Variable, standardDeviation: Variable, decisions: Tensor) -> Variable {
        let b = mean.shape[0], h = mean.shape[1]
        precondition(
            decisions.rank == 3 && decisions.shape[0] == b && decisions.shape[2] == h,
            "energy: decisions must be [\(b), count, \(h)], got \(decisions.shape)")
        let m = decisions.shape[1]
        let mu = mean.value.scalars, sigma = standardDeviation.value.scalars, a = decisions.scalars
        var value = [Double](repeating: 0, count: b * m)
        var dMu = [Double](repeating: 0, count: b * m * h), dSigma = dMu
        for i in 0..<b {
            for j in 0..<m {
                var total = 0.0
                let base = (i * m + j) * h
                for k in 0..<h {
                    let e = hourlyExpectedCost(
                        decision: a[base + k], mean: mu[i * h + k], standardDeviation: sigma[i * h + k])
                    total += e.value
                    dMu[base + k] = -e.dA
                    dSigma[base + k] = e.dSigma
                }
                value[i * m + j] = total
            }
        }
        let capturedMu = dMu, capturedSigma = dSigma
        return Variable.record(Tensor(shape: [b, m], scalars: value), parents: [mean, standardDeviation]) { g in
            var gm = [Double](repeating: 0, count: b * h), gs = gm
            for i in 0..<b {
                for j in 0..<m {
                    let w = g.scalars[i * m + j]
                    if w == 0 { continue }
                    let base = (i * m + j) * h
                    for k in 0..<h {
                        gm[i * h + k] += w * capturedMu[base + k]
                        gs[i * h + k] += w * capturedSigma[base + k]
                    }
                }
            }
            return [Tensor(shape: [b, h], scalars: gm), Tensor(shape: [b, h], scalars: gs)]
        }
    }

    /// `∂E/∂a` at `decisions` `[batch, count, hours]` for plain forecasts (used by Langevin dynamics).
    public func energyDecisionGradient(mean: Tensor, standardDeviation: Tensor, decisions: Tensor) -> Tensor {
        let b = mean.shape[0], h = mean.shape[1], m = decisions.shape[1]
        var out = [Double](repeating: 0, count: decisions.scalarCount)
        for i in 0..<b {
            for j in 0..<m {
                let base = (i * m + j) * h
                for k in 0..<h {
                    out[base + k] =
                        hourlyExpectedCost(
                            decision: decisions.scalars[base + k], mean: mean.scalars[i * h + k],
                            standardDeviation: standardDeviation.scalars[i * h + k]
                        ).dA
                }
            }
        }
        return Tensor(shape: decisions.shape, scalars: out)
    }
}
