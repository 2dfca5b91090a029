#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Forward value and pullback of an elementwise function with derivative `df(x, f(x))`.
public func _vjpElementwise(
    _ x: Tensor, _ f: (Double) -> Double, _ df: @escaping @Sendable (Double, Double) -> Double
) -> (value: Tensor, pullback: @Sendable (Tensor) -> [Tensor]) {
    let y = x.map(f)
    return (
        y,
        { g in
            var out = g.scalars
            x.scalars.withUnsafeBufferPointer { px in
                y.scalars.withUnsafeBufferPointer { py in
                    out.withUnsafeMutableBufferPointer { o in
                        for i in 0..<o.count { o[i] *= df(px[i], py[i]) }
                    }
                }
            }
            return [Tensor(shape: g.shape, scalars: out)]
        }
    )
}

func elementwise(
    _ x: Variable, _ f: (Double) -> Double, _ df: @escaping @Sendable (Double, Double) -> Double
) -> Variable {
    let (v, pb) = _vjpElementwise(x.value, f, df)
    return Variable.record(v, parents: [x], pullback: pb)
}

/// Numerically stable softplus `log(1 + eˣ)`.
@inlinable public func softplus(_ x: Double) -> Double { x > 30 ? x : x < -30 ? exp(x) : log1p(exp(x)) }
/// Logistic sigmoid `1 / (1 + e⁻ˣ)`.
@inlinable public func sigmoid(_ x: Double) -> Double { x >= 0 ? 1 / (1 + exp(-x)) : exp(x) / (1 + exp(x)) }
/// Standard normal density φ(x).
@inlinable public func standardNormalPDF(_ x: Double) -> Double { exp(-0.5 * x * x) / (2 * Double.pi).squareRoot() }
/// Standard normal distribution function Φ(x), via `erfc` (accurate in both tails).
@inlinable public func standardNormalCDF(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }

/// eˣ elementwise.
public func exp(_ x: Variable) -> Variable { elementwise(x, { exp($0) }, { _, y in y }) }
/// Natural logarithm elementwise.
public func log(_ x: Variable) -> Variable { elementwise(x, { log($0) }, { x, _ in 1 / x }) }
/// Square root elementwise.
public func sqrt(_ x: Variable) -> Variable { elementwise(x, { $0.squareRoot() }, { _, y in 0.5 / y }) }
/// x² elementwise.
public func square(_ x: Variable) -> Variable { elementwise(x, { $0 * $0 }, { x, _ in 2 * x }) }
/// xᵖ elementwise.
public func pow(_ x: Variable, _ p: Double) -> Variable {
    elementwise(x, { pow($0, p) }, { x, _ in p * pow(x, p - 1) })
}
/// |x| elementwise (subgradient 0 at 0).
public func abs(_ x: Variable) -> Variable {
    elementwise(x, { Swift.abs($0) }, { x, _ in x > 0 ? 1 : x < 0 ? -1 : 0 })
}
/// softplus(x) = log(1 + eˣ) elementwise.
public func softplus(_ x: Variable) -> Variable { elementwise(x, { softplus($0) }, { x, _ in sigmoid(x) }) }
/// Logistic sigmoid elementwise.
public func sigmoid(_ x: Variable) -> Variable { elementwise(x, { sigmoid($0) }, { _, y in y * (1 - y) }) }
/// Hyperbolic tangent elementwise.
public func tanh(_ x: Variable) -> Variable { elementwise(x, { tanh($0) }, { _, y in 1 - y * y }) }
/// max(0, x) elementwise (the ReLU; subgradient 0 at 0).
public func relu(_ x: Variable) -> Variable { elementwise(x, { max(0, $0) }, { x, _ in x > 0 ? 1 : 0 }) }
/// max(0, x): the positive part (alias of ``relu(_:)``).
public func positivePart(_ x: Variable) -> Variable { relu(x) }
/// Leaky ReLU: x for x > 0, `slope·x` otherwise (default slope 0.01, PyTorch's).
public func leakyRelu(_ x: Variable, slope: Double = 0.01) -> Variable {
    elementwise(x, { $0 > 0 ? $0 : slope * $0 }, { x, _ in x > 0 ? 1 : slope })
}
/// ELU: x for x > 0, `alpha·(eˣ − 1)` otherwise.
public func elu(_ x: Variable, alpha: Double = 1) -> Variable {
    elementwise(x, { $0 > 0 ? $0 : alpha * (exp($0) - 1) }, { x, y in x > 0 ? 1 : y + alpha })
}
/// Clamps into `[lower, upper]`; the gradient is 0 where the clamp is active.
/// - Precondition: `lower <= upper`.
public func clamp(_ x: Variable, min lower: Double, max upper: Double) -> Variable {
    precondition(lower <= upper, "clamp: lower bound \(lower) exceeds upper bound \(upper)")
    return elementwise(x, { Swift.min(Swift.max($0, lower), upper) }, { x, _ in x >= lower && x <= upper ? 1 : 0 })
}
/// Standard normal density φ(x) elementwise.
public func normalPDF(_ x: Variable) -> Variable {
    elementwise(x, { standardNormalPDF($0) }, { x, y in -x * y })
}
/// Standard normal distribution function Φ(x) elementwise.
public func normalCDF(_ x: Variable) -> Variable {
    elementwise(x, { standardNormalCDF($0) }, { x, _ in standardNormalPDF(x) })
}

/// Elementwise maximum with broadcasting (the gradient goes to the larger input; to `a` on ties).
public func maximum(_ a: Variable, _ b: Variable) -> Variable {
    let v = Tensor.zipWith(a.value, b.value) { Swift.max($0, $1) }
    let (av, bv) = (a.value, b.value)
    return Variable.record(v, parents: [a, b]) { g in
        let maskA = Tensor.zipWith(av, bv) { $0 >= $1 ? 1 : 0 }
        return [(g * maskA).unbroadcast(to: av.shape), (g * (1 - maskA)).unbroadcast(to: bv.shape)]
    }
}
/// Elementwise minimum with broadcasting (the gradient goes to the smaller input; to `a` on ties).
public func minimum(_ a: Variable, _ b: Variable) -> Variable { -maximum(-a, -b) }
