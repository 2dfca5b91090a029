import DFLLosses
import DFLOptimization
import DFLRandom
import DFLTestSupport
import Testing

/// RFWO and RFY against the exact projection onto the convex hull of the enumerated feasible set:
/// every subset of points is tried, its affine projection kept when its barycentric weights are
/// non-negative, and the closest such point is the projection; its face gives the derivative.
@Suite struct RegularizedFrankWolfeTests {
    /// The exact projection of `theta` onto conv(points) and the projector onto its face's directions.
    static func exactProjection(_ theta: [Double], _ points: [[Double]]) -> (point: [Double], projector: [[Double]]) {
        let d = theta.count
        var best: (distance: Double, point: [Double], face: [[Double]]) = (.infinity, [], [])
        for mask in 1..<(1 << points.count) {
            let face = points.indices.filter { (mask >> $0) & 1 == 1 }.map { points[$0] }
            guard face.count <= d + 1 else { continue }
            let base = face[0]
            let directions = face.dropFirst().map { zip($0, base).map(-) }
            // Least squares on the directions by the normal equations (skip dependent subsets).
            let k = directions.count
            var b = [Double](repeating: 0, count: k)
            if k > 0 {
                var gram = (0..<k).map { a in (0..<k).map { c in dot(directions[a], directions[c]) } }
                var rhs = directions.map { dot($0, zip(theta, base).map(-)) }
                guard solveInPlace(&gram, &rhs) else { continue }
                b = rhs
            }
            let weights = [1 - b.reduce(0, +)] + b
            guard weights.allSatisfy({ $0 >= -1e-12 }) else { continue }
            let point = (0..<d).map { j in base[j] + (0..<k).reduce(0) { $0 + b[$1] * directions[$1][j] } }
            let distance = zip(point, theta).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
            if distance < best.distance - 1e-12 { best = (distance, point, face) }
        }
        // Projector onto span{v_k − v_0} of the optimal face (Gram–Schmidt).
        var basis: [[Double]] = []
        for v in best.face.dropFirst() {
            var u = zip(v, best.face[0]).map(-)
            for e in basis {
                let t = dot(u, e)
                u = zip(u, e).map { $0 - t * $1 }
            }
            let n = dot(u, u).squareRoot()
            if n > 1e-9 { basis.append(u.map { $0 / n }) }
        }
        let projector = (0..<d).map { i in (0..<d).map { j in basis.reduce(0) { $0 + $1[i] * $1[j] } } }
        return (best.point, projector)
    }

    /// Gaussian elimination with partial pivoting; false when singular.
    static func solveInPlace(_ a: inout [[Double]], _ b: inout [Double]) -> Bool {
        let n = b.count
        for col in 0..<n {
            guard let p = (col..<n).max(by: { abs(a[$0][col]) < abs(a[$1][col]) }), abs(a[p][col]) > 1e-10 else {
                return false
            }
            a.swapAt(col, p)
            b.swapAt(col, p)
            for r in (col + 1)..<n {
                let f = a[r][col] / a[col][col]
                for c in col..<n { a[r][c] -= f * a[col][c] }
                b[r] -= f * b[col]
            }
        }
        for r in stride(from: n - 1, through: 0, by: -1) {
            b[r] = (b[r] - ((r + 1)..<n).reduce(0) { $0 + a[r][$1] * b[$1] }) / a[r][r]
        }
        return true
    }

    @Test(arguments: ["min", "max"], [0.5, 2.0])
    func lossesMatchTheExactProjection(senseName: String, lambda: Double) throws {
        let toy = senseName == "min" ? Toy.shortestPath() : Toy.topK()
        var rng = SeededGenerator(seed: 41)
        let d = toy.points[0].count
        let costs = (0..<3).map { _ in rng.uniform(0.5, 2, count: d) }
        let preds = (0..<3).map { _ in rng.uniform(0, 2, count: d) }
        let batch = toy.batch(costs)
        // Gap tolerance 1e-12: the projection is within √(2e-12) ≈ 1.4e-6 of the exact one.
        let tolerance = 1e-12, bound = (2 * tolerance).squareRoot()
        var expectedRFY = 0.0, expectedRFWO = 0.0
        var gradRFY: [Double] = [], gradRFWO: [Double] = []
        for (c, chat) in zip(costs, preds) {
            let wStar = toy.best(c)
            let (w, projector) = Self.exactProjection(chat.map { -toy.s * $0 / lambda }, toy.points)
            expectedRFY += (lambda / 2 * (dot(wStar, wStar) - dot(w, w)) + toy.s * dot(chat, zip(wStar, w).map(-))) / 3
            gradRFY += zip(wStar, w).map { toy.s * ($0 - $1) / 3 }
            expectedRFWO += zip(w, wStar).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / Double(d) / 3
            let upstream = zip(w, wStar).map { 2 * ($0 - $1) / Double(d) }
            gradRFWO += projector.map { row in -toy.s / lambda * dot(row, upstream) / 3 }
        }
        let ctx = LossContext(oracle: toy.oracle)
        let (vy, gy) = try evaluate(
            RegularizedFrankWolfe(.fenchelYoung, lambda: lambda, tolerance: tolerance), preds, batch, ctx)
        // Value: |Δ(λ/2‖w‖²) + ĉᵀΔw| ≤ (λ·max‖w‖ + ‖ĉ‖)·bound per instance; 10 covers both toys with margin ×3.
        #expect(abs(vy - expectedRFY) < 10 * (lambda + 1) * bound)
        #expect(isApproximatelyEqual(gy, gradRFY, tolerance: 3 * bound))
        let (vo, go) = try evaluate(
            RegularizedFrankWolfe(.optimizer, lambda: lambda, tolerance: tolerance), preds, batch, ctx)
        #expect(abs(vo - expectedRFWO) < 10 * bound)
        // The pullback's ridge (1e-6 of the Gram diagonal) perturbs the face projector by about 1e-6.
        #expect(isApproximatelyEqual(go, gradRFWO, tolerance: 1e-5))
    }

    @Test func defaultsAreTheRegistryOnes() throws {
        let rfy = try #require(try LossRegistry.make("rfy") as? RegularizedFrankWolfe)
        #expect(rfy.lambda == 1 && rfy.kind == .fenchelYoung)
        var h = LossHyperparameters()
        h.fwLambda = 3
        let rfwo = try #require(try LossRegistry.make("rfwo", hyperparameters: h) as? RegularizedFrankWolfe)
        #expect(rfwo.lambda == 3 && rfwo.name == "rfwo")
    }
}
