import DFLRandom
import DFLTensor

/// Outcome of a finite-difference gradient check.
public struct GradientCheckResult: Sendable, CustomStringConvertible {
    /// Directional derivatives by central differences, one per direction.
    public var expected: [Double]
    /// The same directional derivatives from the analytic (autodiff) gradient.
    public var observed: [Double]
    /// Largest relative error `|e − o| / max(1, |e|, |o|)`.
    public var maxRelativeError: Double

    /// Whether every direction agrees within `tolerance`.
    public func passes(tolerance: Double = 1e-5) -> Bool { maxRelativeError <= tolerance }

    /// A report of expected vs observed.
    public var description: String {
        "gradient check: expected \(expected), observed \(observed), max relative error \(maxRelativeError)"
    }
}

/// Checks the gradient of a scalar function `f` at `inputs` against central finite differences
/// along `directions` random unit directions (over all inputs jointly) plus every coordinate when
/// the inputs have at most `coordinateLimit` scalars in total.
public func checkGradients(
    of f: ([Variable]) -> Variable, at inputs: [Tensor], epsilon: Double = 1e-6,
    directions: Int = 4, coordinateLimit: Int = 40, seed: UInt64 = 0
) -> GradientCheckResult {
    let (_, grads) = valueWithGradient(at: inputs, in: f)
    func value(_ xs: [Tensor]) -> Double {
        f(xs.map { Variable($0) }).value.scalars.reduce(0, +)
    }
    var rng = SeededGenerator(seed: seed)
    var dirs: [[Tensor]] = []
    for _ in 0..<directions {
        var d = inputs.map { Tensor(shape: $0.shape, scalars: rng.normal(count: $0.scalarCount)) }
        let norm = d.map { $0.dot($0) }.reduce(0, +).squareRoot()
        d = d.map { $0 * (1 / max(norm, 1e-12)) }
        dirs.append(d)
    }
    let total = inputs.map(\.scalarCount).reduce(0, +)
    if total <= coordinateLimit {
        for (k, x) in inputs.enumerated() {
            for i in 0..<x.scalarCount {
                var d = inputs.map { Tensor.zeros($0.shape) }
                d[k].scalars[i] = 1
                dirs.append(d)
            }
        }
    }
    var expected: [Double] = [], observed: [Double] = []
    var worst = 0.0
    for d in dirs {
        let plus = zip(inputs, d).map { $0 + $1 * epsilon }
        let minus = zip(inputs, d).map { $0 - $1 * epsilon }
        let e = (value(plus) - value(minus)) / (2 * epsilon)
        let o = zip(grads, d).map { $0.dot($1) }.reduce(0, +)
        expected.append(e)
        observed.append(o)
        worst = max(worst, abs(e - o) / max(1, abs(e), abs(o)))
    }
    return GradientCheckResult(expected: expected, observed: observed, maxRelativeError: worst)
}

/// Whether two tensors have the same shape and agree elementwise within `tolerance`
/// (absolute, scaled by `max(1, |a|, |b|)`).
public func isApproximatelyEqual(_ a: Tensor, _ b: Tensor, tolerance: Double = 1e-9) -> Bool {
    guard a.shape == b.shape else { return false }
    for (x, y) in zip(a.scalars, b.scalars) where abs(x - y) > tolerance * max(1, abs(x), abs(y)) {
        return false
    }
    return true
}

/// Whether two arrays agree elementwise within `tolerance` (scaled by `max(1, |a|, |b|)`).
public func isApproximatelyEqual(_ a: [Double], _ b: [Double], tolerance: Double = 1e-9) -> Bool {
    a.count == b.count
        && zip(a, b).allSatisfy { abs($0 - $1) <= tolerance * max(1, abs($0), abs($1)) }
}

/// Random tensor with normal entries, for tests.
public func randomTensor(_ shape: [Int], rng: inout SeededGenerator, scale: Double = 1, shift: Double = 0) -> Tensor {
    Tensor(shape: shape, scalars: rng.normal(count: shape.reduce(1, *)).map { $0 * scale + shift })
}
