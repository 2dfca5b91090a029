/// Value and pullback of the dot product of two equally shaped tensors (a scalar).
public func _vjpDot(_ a: Tensor, _ b: Tensor) -> (value: Tensor, pullback: @Sendable (Tensor) -> [Tensor]) {
    precondition(a.shape == b.shape, "dot needs equal shapes, got \(a.shape) and \(b.shape)")
    return (Tensor(a.dot(b)), { g in [b * g.scalars[0], a * g.scalars[0]] })
}

/// Value and pullback of the outer product `a bᵀ` of two vectors (shape `[m, n]`).
public func _vjpOuter(_ a: Tensor, _ b: Tensor) -> (value: Tensor, pullback: @Sendable (Tensor) -> [Tensor]) {
    let value = a.outer(b)
    let (m, n) = (a.scalarCount, b.scalarCount)
    return (
        value,
        { g in
            let gm = g.reshaped([m, n])
            return [
                gm.matmul(b.reshaped([n, 1])).reshaped(a.shape),
                gm.matmul(a.reshaped([m, 1]), transposeA: true).reshaped(b.shape),
            ]
        }
    )
}

extension Tensor {
    /// Outer product of two vectors (flattened): shape `[m, n]` with entries `aᵢ bⱼ`.
    public func outer(_ other: Tensor) -> Tensor {
        let (m, n) = (scalarCount, other.scalarCount)
        var out = [Double](repeating: 0, count: m * n)
        for i in 0..<m {
            let ai = scalars[i]
            for j in 0..<n { out[i * n + j] = ai * other.scalars[j] }
        }
        return Tensor(shape: [m, n], scalars: out)
    }
}

/// Dot product `Σ aᵢ bᵢ` of two equally shaped variables (a scalar).
public func dot(_ a: Variable, _ b: Variable) -> Variable {
    let (v, pb) = _vjpDot(a.value, b.value)
    return Variable.record(v, parents: [a, b], pullback: pb)
}

/// Outer product `a bᵀ` of two vectors (shape `[m, n]`).
public func outer(_ a: Variable, _ b: Variable) -> Variable {
    let (v, pb) = _vjpOuter(a.value, b.value)
    return Variable.record(v, parents: [a, b], pullback: pb)
}
