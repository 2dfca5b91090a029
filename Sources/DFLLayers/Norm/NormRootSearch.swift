import DFLQuadraticProgramming
import Foundation

/// The scalar root search of ``NormSmoothingLayer``: `w > 0` with `φ(w) = w‖X(q/w)‖ = τ`, where
/// `X(p) = argmin pᵀx + ½‖x‖²` over the relaxation. `φ` is non-decreasing in `w`, so the search
/// brackets the root by factors of 10 and then takes Newton steps in `log w` (derivative
/// `φ'(w) = ‖x‖ − (Jᵀu)ᵀq/w` from one KKT vector–Jacobian product), falling back to bisection
/// whenever a step leaves the bracket.
struct NormRootSearch {
    let solver: InteriorPointQPSolver
    /// The unscaled linear term `q = [sign·ŷ; c_aux]`.
    let linear: [Double]
    let tau: Double
    let configuration: NormSmoothingLayer.Configuration

    /// One evaluation of `φ` at `w`.
    struct Point {
        let w: Double
        let solution: QPSolution
        let norm: Double
        var phi: Double { w * norm }
    }

    /// Smallest and largest weights tried before deciding there is no root.
    static let weightRange = (1e-14, 1e14)

    func evaluate(_ w: Double) throws -> Point {
        let s = try solver.solve(linear: linear.map { $0 / w })
        let norm = s.primal.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return Point(w: w, solution: s, norm: norm)
    }

    /// `Jᵀu` with `u = x/‖x‖`, and `φ'(w)`.
    func derivative(at p: Point) throws -> (jtu: [Double], slope: Double) {
        let u = p.solution.primal.map { $0 / p.norm }
        let jtu = try p.solution.vectorJacobianProduct(u).linear
        var dot = 0.0
        for j in 0..<jtu.count { dot += jtu[j] * linear[j] }
        return (jtu, p.norm - dot / p.w)
    }

    /// Runs the search and packages the result with its backward data.
    /// - Throws: ``LayerError`` from the inner solver, or `.notConverged` with the residual.
    func run(costDimension d: Int, sign: Double) throws -> NormSmoothingResult {
        let tol = configuration.tolerance * max(tau, 1)
        var p = try evaluate(1)
        var lo: Point? = nil, hi: Point? = nil
        var steps = 0
        // Bracket: grow w while φ < τ, shrink it while φ > τ.
        while abs(p.phi - tau) > tol {
            steps += 1
            if p.phi < tau {
                lo = p
                if hi != nil { break }
                let next = p.w * 10
                if next > Self.weightRange.1 {
                    // φ stays below τ: the optimum is v = 0 (0 is feasible and τ outweighs the costs).
                    if p.norm <= 1e-9 * max(1, tau) {
                        return .zero(costDimension: d, variableCount: linear.count, weight: p.w, sign: sign)
                    }
                    throw LayerError(.notConverged, "norm smoothing: w‖x‖ = \(p.phi) < τ = \(tau) even at w = \(p.w)")
                }
                p = try evaluate(next)
            } else {
                hi = p
                if lo != nil { break }
                let next = p.w / 10
                guard next >= Self.weightRange.0 else {
                    throw LayerError(.notConverged, "norm smoothing: w‖x‖ = \(p.phi) > τ = \(tau) even at w = \(p.w)")
                }
                p = try evaluate(next)
            }
            if steps > configuration.maxIterations { break }
        }
        // Safeguarded Newton in t = log w inside [lo, hi].
        while abs(p.phi - tau) > tol {
            steps += 1
            guard steps <= configuration.maxIterations, let l = lo, let h = hi else {
                throw LayerError(
                    .notConverged,
                    "norm smoothing: |w‖x‖ − τ| = \(abs(p.phi - tau)) after \(steps) steps (tolerance \(tol), τ = \(tau))"
                )
            }
            let (_, slope) = try derivative(at: p)
            var t = p.w.logOrZero - (p.phi - tau) / (p.w * slope)
            let (tl, th) = (l.w.logOrZero, h.w.logOrZero)
            if !(slope > 0) || !t.isFinite || t <= tl || t >= th { t = 0.5 * (tl + th) }
            p = try evaluate(t.exponential)
            if p.phi < tau { lo = p } else { hi = p }
            if th - tl < 1e-15 { break }
        }
        let (jtu, slope) = try derivative(at: p)
        return NormSmoothingResult(
            solution: p.solution, weight: p.w, linear: linear, costDimension: d, sign: sign,
            normalDirectionPullback: jtu, slope: slope, rootSteps: steps)
    }
}

extension Double {
    fileprivate var logOrZero: Double { self > 0 ? Foundation.log(self) : 0 }
    fileprivate var exponential: Double { Foundation.exp(self) }
}
