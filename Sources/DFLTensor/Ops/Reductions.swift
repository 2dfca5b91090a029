#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Geometry of a reduction along one axis: `outer × axisLength × inner`.
struct AxisGeometry {
    let outer: Int, length: Int, inner: Int
    init(_ shape: [Int], axis: Int) {
        outer = shape[..<axis].reduce(1, *)
        length = shape[axis]
        inner = shape[(axis + 1)...].reduce(1, *)
    }
}

func normalizedAxis(_ axis: Int, rank: Int) -> Int {
    let a = axis < 0 ? axis + rank : axis
    precondition(a >= 0 && a < rank, "axis \(axis) out of range for rank \(rank)")
    return a
}

extension Tensor {
    /// Sum along `axis` (keeping it with extent 1 when `keepDims`).
    public func sum(axis: Int, keepDims: Bool = false) -> Tensor {
        let ax = normalizedAxis(axis, rank: rank)
        let geo = AxisGeometry(shape, axis: ax)
        var out = [Double](repeating: 0, count: geo.outer * geo.inner)
        for o in 0..<geo.outer {
            for k in 0..<geo.length {
                let base = (o * geo.length + k) * geo.inner
                for i in 0..<geo.inner { out[o * geo.inner + i] += scalars[base + i] }
            }
        }
        var s = shape
        if keepDims { s[ax] = 1 } else { s.remove(at: ax) }
        return Tensor(shape: s, scalars: out)
    }

    /// Maximum along `axis`.
    public func max(axis: Int, keepDims: Bool = false) -> Tensor {
        let ax = normalizedAxis(axis, rank: rank)
        let geo = AxisGeometry(shape, axis: ax)
        var out = [Double](repeating: -.infinity, count: geo.outer * geo.inner)
        for o in 0..<geo.outer {
            for k in 0..<geo.length {
                let base = (o * geo.length + k) * geo.inner
                for i in 0..<geo.inner { out[o * geo.inner + i] = Swift.max(out[o * geo.inner + i], scalars[base + i]) }
            }
        }
        var s = shape
        if keepDims { s[ax] = 1 } else { s.remove(at: ax) }
        return Tensor(shape: s, scalars: out)
    }

    /// Index of the largest element along the last axis of a rank-2 tensor (one per row).
    public func argmaxRows() -> [Int] {
        precondition(rank == 2, "argmaxRows needs rank 2")
        return (0..<shape[0]).map { r in
            let row = self.row(r)
            return row.indices.max { row[$0] < row[$1] } ?? 0
        }
    }
}

/// Sum of all elements (a scalar).
public func sum(_ x: Variable) -> Variable {
    let shape = x.shape
    return Variable.record(Tensor(x.value.sum()), parents: [x]) { g in
        [Tensor(repeating: g.scalars[0], shape: shape)]
    }
}

/// Mean of all elements (a scalar).
public func mean(_ x: Variable) -> Variable { sum(x) / Double(max(x.value.scalarCount, 1)) }

/// Sum along `axis` (negative counts from the end).
public func sum(_ x: Variable, axis: Int, keepDims: Bool = false) -> Variable {
    let ax = normalizedAxis(axis, rank: x.value.rank)
    let shape = x.shape
    var keptShape = shape
    keptShape[ax] = 1
    let kept = keptShape
    return Variable.record(x.value.sum(axis: ax, keepDims: keepDims), parents: [x]) { g in
        [Tensor.zeros(shape) + g.reshaped(kept)]
    }
}

/// Mean along `axis`.
public func mean(_ x: Variable, axis: Int, keepDims: Bool = false) -> Variable {
    let ax = normalizedAxis(axis, rank: x.value.rank)
    return sum(x, axis: ax, keepDims: keepDims) / Double(x.shape[ax])
}

/// Maximum along `axis`; the gradient goes to the (first) maximizing entry.
public func max(_ x: Variable, axis: Int, keepDims: Bool = false) -> Variable {
    let ax = normalizedAxis(axis, rank: x.value.rank)
    let xv = x.value
    let geo = AxisGeometry(xv.shape, axis: ax)
    var argmax = [Int](repeating: 0, count: geo.outer * geo.inner)
    for o in 0..<geo.outer {
        for i in 0..<geo.inner {
            var best = -Double.infinity
            for k in 0..<geo.length {
                let v = xv.scalars[(o * geo.length + k) * geo.inner + i]
                if v > best { best = v; argmax[o * geo.inner + i] = k }
            }
        }
    }
    let result = xv.max(axis: ax, keepDims: keepDims)
    let geoCopy = geo
    let argmaxIndex = argmax
    return Variable.record(result, parents: [x]) { g in
        var out = [Double](repeating: 0, count: xv.scalarCount)
        for o in 0..<geoCopy.outer {
            for i in 0..<geoCopy.inner {
                let k = argmaxIndex[o * geoCopy.inner + i]
                out[(o * geoCopy.length + k) * geoCopy.inner + i] = g.scalars[o * geoCopy.inner + i]
            }
        }
        return [Tensor(shape: xv.shape, scalars: out)]
    }
}

/// log Σ exp along `axis`, computed stably.
public func logSumExp(_ x: Variable, axis: Int = -1, keepDims: Bool = false) -> Variable {
    let ax = normalizedAxis(axis, rank: x.value.rank)
    let m = x.value.max(axis: ax, keepDims: true)
    let shifted = x - Variable(m)
    let lse = log(sum(exp(shifted), axis: ax, keepDims: true)) + Variable(m)
    if keepDims { return lse }
    var s = x.shape
    s.remove(at: ax)
    return reshape(lse, s)
}

/// log-softmax along `axis`.
public func logSoftmax(_ x: Variable, axis: Int = -1) -> Variable {
    x - logSumExp(x, axis: axis, keepDims: true)
}

/// Softmax along `axis`.
public func softmax(_ x: Variable, axis: Int = -1) -> Variable { exp(logSoftmax(x, axis: axis)) }
