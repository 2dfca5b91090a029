#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Tensor {
    /// log Σ exp along `axis`, shifted by the maximum so large entries do not overflow.
    /// A slice whose entries are all −∞ gives −∞.
    public func logSumExp(axis: Int = -1, keepDims: Bool = false) -> Tensor {
        let ax = normalizedAxis(axis, rank: rank)
        let geo = AxisGeometry(shape, axis: ax)
        var out = [Double](repeating: 0, count: geo.outer * geo.inner)
        scalars.withUnsafeBufferPointer { x in
            geo.forEachLane { lane, base in
                var m = -Double.infinity
                for k in 0..<geo.length { m = Swift.max(m, x[base + k * geo.inner]) }
                if !m.isFinite {
                    out[lane] = m
                    return
                }
                var s = 0.0
                for k in 0..<geo.length { s += exp(x[base + k * geo.inner] - m) }
                out[lane] = m + log(s)
            }
        }
        return Tensor(shape: geo.reducedShape(shape, axis: ax, keepDims: keepDims), scalars: out)
    }

    /// Softmax along `axis`: `exp(x − logSumExp(x))`, each slice summing to 1.
    public func softmax(axis: Int = -1) -> Tensor {
        let ax = normalizedAxis(axis, rank: rank)
        return (self - logSumExp(axis: ax, keepDims: true)).map { exp($0) }
    }

    /// log-softmax along `axis`: `x − logSumExp(x)`.
    public func logSoftmax(axis: Int = -1) -> Tensor {
        let ax = normalizedAxis(axis, rank: rank)
        return self - logSumExp(axis: ax, keepDims: true)
    }

    /// Σ along `axis` of `self`, keeping the axis (extent 1); shorthand used by softmax pullbacks.
    func sumKeepingAxis(_ ax: Int) -> Tensor { sum(axis: ax, keepDims: true) }
}

/// Value and pullback of `logSumExp` along `axis`; the pullback is `ḡ · softmax(x)`.
public func _vjpLogSumExp(
    _ x: Tensor, axis: Int = -1, keepDims: Bool = false
) -> (value: Tensor, pullback: @Sendable (Tensor) -> [Tensor]) {
    let ax = normalizedAxis(axis, rank: x.rank)
    let value = x.logSumExp(axis: ax, keepDims: keepDims)
    let p = x.softmax(axis: ax)
    let kept = AxisGeometry(x.shape, axis: ax).reducedShape(x.shape, axis: ax, keepDims: true)
    return (value, { g in [p * g.reshaped(kept)] })
}

/// Value and pullback of `softmax` along `axis`; the pullback is `y ⊙ (ḡ − Σ ḡ y)`.
public func _vjpSoftmax(_ x: Tensor, axis: Int = -1) -> (value: Tensor, pullback: @Sendable (Tensor) -> [Tensor]) {
    let ax = normalizedAxis(axis, rank: x.rank)
    let y = x.softmax(axis: ax)
    return (y, { g in [y * (g - (g * y).sumKeepingAxis(ax))] })
}

/// Value and pullback of `logSoftmax` along `axis`; the pullback is `ḡ − softmax(x) Σ ḡ`.
public func _vjpLogSoftmax(_ x: Tensor, axis: Int = -1) -> (value: Tensor, pullback: @Sendable (Tensor) -> [Tensor]) {
    let ax = normalizedAxis(axis, rank: x.rank)
    let y = x.logSoftmax(axis: ax)
    let p = y.map { exp($0) }
    return (y, { g in [g - p * g.sumKeepingAxis(ax)] })
}

/// log Σ exp along `axis` (negative counts from the end), computed stably.
public func logSumExp(_ x: Variable, axis: Int = -1, keepDims: Bool = false) -> Variable {
    let (v, pb) = _vjpLogSumExp(x.value, axis: axis, keepDims: keepDims)
    return Variable.record(v, parents: [x], pullback: pb)
}

/// log-softmax along `axis`.
public func logSoftmax(_ x: Variable, axis: Int = -1) -> Variable {
    let (v, pb) = _vjpLogSoftmax(x.value, axis: axis)
    return Variable.record(v, parents: [x], pullback: pb)
}

/// Softmax along `axis`.
public func softmax(_ x: Variable, axis: Int = -1) -> Variable {
    let (v, pb) = _vjpSoftmax(x.value, axis: axis)
    return Variable.record(v, parents: [x], pullback: pb)
}
