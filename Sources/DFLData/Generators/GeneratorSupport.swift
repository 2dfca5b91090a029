import Foundation

/// Shared checks and kernels of the PyEPO-style generators.
enum GeneratorSupport {
    /// Throws `.invalidParameter` naming `generator` unless `condition` holds.
    static func require(
        _ condition: Bool, _ generator: String, _ message: @autoclosure () -> String
    )
        throws
    {
        if !condition { throw DataError(.invalidParameter, "\(generator): \(message())") }
    }

    /// Checks the parameters all PyEPO generators share.
    static func validateCommon(
        _ generator: String, sampleCount: Int, featureCount: Int, degree: Int
    ) throws {
        try require(sampleCount >= 1, generator, "sampleCount must be ≥ 1, got \(sampleCount)")
        try require(featureCount >= 1, generator, "featureCount must be ≥ 1, got \(featureCount)")
        try require(degree >= 1, generator, "degree must be a positive integer, got \(degree)")
    }

    /// Checks a multiplicative noise half-width `e` (finite, ≥ 0).
    static func validateNoise(_ generator: String, _ e: Double, name: String = "noiseWidth") throws {
        try require(e.isFinite && e >= 0, generator, "\(name) must be finite and ≥ 0, got \(e)")
    }

    /// `n × p` standard normal features, drawn row by row (NumPy's `normal(0, 1, (n, p))`).
    static func drawFeatures<R: RandomSource>(_ rng: inout R, n: Int, p: Int) -> [Double] {
        var x = [Double](repeating: 0, count: n * p)
        for k in 0..<(n * p) { x[k] = rng.normal(mean: 0, standardDeviation: 1) }
        return x
    }

    /// `rows × columns` Bernoulli(0.5) draws as 0/1 doubles (NumPy's `binomial(1, 0.5, shape)`).
    static func drawBernoulliMatrix<R: RandomSource>(_ rng: inout R, rows: Int, columns: Int)
        -> [Double]
    {
        var b = [Double](repeating: 0, count: rows * columns)
        for k in 0..<(rows * columns) { b[k] = Double(rng.binomial(trials: 1, probability: 0.5)) }
        return b
    }

    /// `count` uniform draws in `[low, high)`.
    static func drawUniform<R: RandomSource>(
        _ rng: inout R, _ low: Double, _ high: Double, count: Int
    )
        -> [Double]
    {
        var u = [Double](repeating: 0, count: count)
        for k in 0..<count { u[k] = rng.uniform(low, high) }
        return u
    }

    /// `x · Bᵀ` for `x` (`n × p`) and `B` (`d × p`), summing over features in order.
    static func featureProducts(x: [Double], n: Int, p: Int, b: [Double], d: Int) -> [Double] {
        var out = [Double](repeating: 0, count: n * d)
        x.withUnsafeBufferPointer { xs in
            b.withUnsafeBufferPointer { bs in
                out.withUnsafeMutableBufferPointer { o in
                    for i in 0..<n {
                        for j in 0..<d {
                            var s = 0.0
                            for k in 0..<p { s += xs[i * p + k] * bs[j * p + k] }
                            o[i * d + j] = s
                        }
                    }
                }
            }
        }
        return out
    }

    /// Draws the features `x` (`n × p`, standard normal) and maps every product `s = x_i·B_j` (`B`
    /// is `d × p`) to a cost `cost(s, √p)` — the kernel the PyEPO generators share.
    static func featuresAndCosts<R: RandomSource>(
        _ rng: inout R, n: Int, p: Int, b: [Double], d: Int, cost: (Double, Double) -> Double
    ) -> (features: [Double], costs: [Double]) {
        let x = drawFeatures(&rng, n: n, p: p)
        let rootP = Double(p).squareRoot()
        return (x, featureProducts(x: x, n: n, p: p, b: b, d: d).map { cost($0, rootP) })
    }

    /// The dataset of features `x` (`p` per instance) and costs `c` (`d` per instance), the costs
    /// rounded to `Float` first when `float32` (PyEPO's `astype(np.float32)`).
    static func dataset(features x: [Double], p: Int, costs c: [Double], d: Int, float32: Bool) throws
        -> Dataset
    {
        var c = c
        roundToFloat32(&c, enabled: float32)
        return try Dataset(featureCount: p, costDimension: d, features: x, costs: c)
    }

    /// `base^exponent` with the C library `pow` (what NumPy's `**` calls).
    @inline(__always)
    static func power(_ base: Double, _ exponent: Double) -> Double {
        Foundation.pow(base, exponent)
    }

    /// Rounds every entry to the nearest `Float` when `enabled` (PyEPO's `astype(np.float32)`).
    static func roundToFloat32(_ values: inout [Double], enabled: Bool) {
        guard enabled else { return }
        for k in values.indices { values[k] = Double(Float(values[k])) }
    }
}
