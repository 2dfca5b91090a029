/// Forward value and pullback of broadcasting addition.
public func _vjpAdd(_ a: Tensor, _ b: Tensor) -> (value: Tensor, pullback: @Sendable (Tensor) -> [Tensor]) {
    let (sa, sb) = (a.shape, b.shape)
    return (a + b, { g in [g.unbroadcast(to: sa), g.unbroadcast(to: sb)] })
}

/// Forward value and pullback of broadcasting subtraction.
public func _vjpSubtract(_ a: Tensor, _ b: Tensor) -> (value: Tensor, pullback: @Sendable (Tensor) -> [Tensor]) {
    let (sa, sb) = (a.shape, b.shape)
    return (a - b, { g in [g.unbroadcast(to: sa), (-g).unbroadcast(to: sb)] })
}

/// Forward value and pullback of broadcasting multiplication.
public func _vjpMultiply(_ a: Tensor, _ b: Tensor) -> (value: Tensor, pullback: @Sendable (Tensor) -> [Tensor]) {
    (a * b, { g in [(g * b).unbroadcast(to: a.shape), (g * a).unbroadcast(to: b.shape)] })
}

/// Forward value and pullback of broadcasting division.
public func _vjpDivide(_ a: Tensor, _ b: Tensor) -> (value: Tensor, pullback: @Sendable (Tensor) -> [Tensor]) {
    (
        a / b,
        { g in
            [(g / b).unbroadcast(to: a.shape), (-(g * a) / (b * b)).unbroadcast(to: b.shape)]
        }
    )
}

/// Forward value and pullback of the matrix product (rank 2, or batched rank 3).
///
/// The pullback of `C = AB` maps `C̄` to `(C̄ Bᵀ, Aᵀ C̄)` (summed over the batch for a shared operand).
public func _vjpMatmul(_ a: Tensor, _ b: Tensor) -> (value: Tensor, pullback: @Sendable (Tensor) -> [Tensor]) {
    (
        a.matmul(b),
        { g in
            var ga = g.matmul(b, transposeB: true)
            var gb = a.matmul(g, transposeA: true)
            if a.rank == 2 && ga.rank == 3 { ga = ga.sumOverFirstAxis() }
            if b.rank == 2 && gb.rank == 3 { gb = gb.sumOverFirstAxis() }
            return [ga, gb]
        }
    )
}

extension Tensor {
    /// Sum over axis 0 of a tensor (used to reduce batched gradients of a shared operand).
    func sumOverFirstAxis() -> Tensor {
        let rest = Array(shape.dropFirst())
        let n = rest.reduce(1, *)
        var out = [Double](repeating: 0, count: n)
        for b in 0..<shape[0] { for i in 0..<n { out[i] += scalars[b * n + i] } }
        return Tensor(shape: rest, scalars: out)
    }
}

/// Elementwise sum with broadcasting.
public func + (a: Variable, b: Variable) -> Variable {
    let (v, pb) = _vjpAdd(a.value, b.value)
    return Variable.record(v, parents: [a, b], pullback: pb)
}
/// Elementwise difference with broadcasting.
public func - (a: Variable, b: Variable) -> Variable {
    let (v, pb) = _vjpSubtract(a.value, b.value)
    return Variable.record(v, parents: [a, b], pullback: pb)
}
/// Elementwise product with broadcasting.
public func * (a: Variable, b: Variable) -> Variable {
    let (v, pb) = _vjpMultiply(a.value, b.value)
    return Variable.record(v, parents: [a, b], pullback: pb)
}
/// Elementwise quotient with broadcasting.
public func / (a: Variable, b: Variable) -> Variable {
    let (v, pb) = _vjpDivide(a.value, b.value)
    return Variable.record(v, parents: [a, b], pullback: pb)
}
/// Negation.
public prefix func - (a: Variable) -> Variable {
    Variable.record(-a.value, parents: [a]) { g in [-g] }
}
/// Adds a constant.
public func + (a: Variable, s: Double) -> Variable {
    Variable.record(a.value + s, parents: [a]) { g in [g] }
}
/// Adds a constant.
public func + (s: Double, a: Variable) -> Variable { a + s }
/// Subtracts a constant.
public func - (a: Variable, s: Double) -> Variable { a + (-s) }
/// Subtracts from a constant.
public func - (s: Double, a: Variable) -> Variable { (-a) + s }
/// Scales by a constant.
public func * (a: Variable, s: Double) -> Variable {
    Variable.record(a.value * s, parents: [a]) { g in [g * s] }
}
/// Scales by a constant.
public func * (s: Double, a: Variable) -> Variable { a * s }
/// Divides by a constant.
public func / (a: Variable, s: Double) -> Variable { a * (1 / s) }
/// Elementwise sum with a constant tensor.
public func + (a: Variable, b: Tensor) -> Variable { a + Variable(b) }
/// Elementwise difference with a constant tensor.
public func - (a: Variable, b: Tensor) -> Variable { a - Variable(b) }
/// Elementwise product with a constant tensor.
public func * (a: Variable, b: Tensor) -> Variable { a * Variable(b) }

/// Matrix product (rank 2), or batched product (`[b,m,k]·[b,k,n]`, a rank-2 operand shared).
/// - Complexity: O(mkn) per batch element; one `cblas_dgemm` forward and two backward.
public func matmul(_ a: Variable, _ b: Variable) -> Variable {
    let (v, pb) = _vjpMatmul(a.value, b.value)
    return Variable.record(v, parents: [a, b], pullback: pb)
}

/// Row-wise dot products of two `[n, d]` tensors: `[n]` with `Σ_j a_ij b_ij`.
public func rowDot(_ a: Variable, _ b: Variable) -> Variable {
    sum(a * b, axis: -1)
}
/// Elementwise quotient by a constant tensor.
public func / (a: Variable, b: Tensor) -> Variable { a / Variable(b) }
/// Elementwise sum of a constant tensor and a variable.
public func + (a: Tensor, b: Variable) -> Variable { Variable(a) + b }
/// Elementwise difference of a constant tensor and a variable.
public func - (a: Tensor, b: Variable) -> Variable { Variable(a) - b }
/// Elementwise product of a constant tensor and a variable.
public func * (a: Tensor, b: Variable) -> Variable { Variable(a) * b }
/// Elementwise quotient of a constant tensor by a variable.
public func / (a: Tensor, b: Variable) -> Variable { Variable(a) / b }
/// A constant divided elementwise by a variable.
public func / (s: Double, a: Variable) -> Variable {
    let x = a.value
    return Variable.record(s / x, parents: [a]) { g in [Tensor.zipWith(g, x) { -$0 * s / ($1 * $1) }] }
}
