/// Geometry of a reduction along one axis: `outer × axisLength × inner`.
struct AxisGeometry: Sendable {
    let outer: Int, length: Int, inner: Int
    init(_ shape: [Int], axis: Int) {
        outer = shape[..<axis].reduce(1, *)
        length = shape[axis]
        inner = shape[(axis + 1)...].reduce(1, *)
    }

    /// `shape` with `axis` removed, or kept with extent 1 when `keepDims`.
    func reducedShape(_ shape: [Int], axis: Int, keepDims: Bool) -> [Int] {
        var s = shape
        if keepDims { s[axis] = 1 } else { s.remove(at: axis) }
        return s
    }

    /// Calls `body(lane, base)` for every lane along the axis, in row-major order: `lane = a·inner + i`
    /// indexes the reduced output and `base = a·length·inner + i` is the lane's first element (its
    /// entries are `inner` apart).
    @inline(__always)
    func forEachLane(_ body: (_ lane: Int, _ base: Int) -> Void) {
        for a in 0..<outer {
            for i in 0..<inner { body(a * inner + i, a * length * inner + i) }
        }
    }

    /// Calls `body(full, selected)` for every outer index and every `(r, indices[r])`: the offsets of
    /// row `indices[r]` of the full tensor and of row `r` of the selection (rows are `inner` long).
    @inline(__always)
    func forEachSelectedRow(_ indices: [Int], _ body: (_ full: Int, _ selected: Int) -> Void) {
        for a in 0..<outer {
            for (r, k) in indices.enumerated() {
                body((a * length + k) * inner, (a * indices.count + r) * inner)
            }
        }
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
        scalars.withUnsafeBufferPointer { x in
            out.withUnsafeMutableBufferPointer { o in
                for a in 0..<geo.outer {
                    for k in 0..<geo.length {
                        let base = (a * geo.length + k) * geo.inner
                        for i in 0..<geo.inner { o[a * geo.inner + i] += x[base + i] }
                    }
                }
            }
        }
        return Tensor(shape: geo.reducedShape(shape, axis: ax, keepDims: keepDims), scalars: out)
    }

    /// Repeats a reduced tensor (`outer × inner` elements) `length` times along `axis` of `shape`:
    /// the adjoint of ``sum(axis:keepDims:)``.
    func expanded(along axis: Int, to shape: [Int]) -> Tensor {
        let geo = AxisGeometry(shape, axis: axis)
        precondition(scalarCount == geo.outer * geo.inner, "expanded: \(self.shape) does not reduce \(shape)")
        var out = [Double](repeating: 0, count: shape.reduce(1, *))
        scalars.withUnsafeBufferPointer { g in
            out.withUnsafeMutableBufferPointer { o in
                for a in 0..<geo.outer {
                    for k in 0..<geo.length {
                        let base = (a * geo.length + k) * geo.inner
                        for i in 0..<geo.inner { o[base + i] = g[a * geo.inner + i] }
                    }
                }
            }
        }
        return Tensor(shape: shape, scalars: out)
    }

    /// Maximum along `axis`.
    public func max(axis: Int, keepDims: Bool = false) -> Tensor {
        let ax = normalizedAxis(axis, rank: rank)
        let geo = AxisGeometry(shape, axis: ax)
        let idx = argmax(axis: ax)
        var out = [Double](repeating: -.infinity, count: geo.outer * geo.inner)
        for a in 0..<geo.outer {
            for i in 0..<geo.inner where geo.length > 0 {
                out[a * geo.inner + i] = scalars[(a * geo.length + idx[a * geo.inner + i]) * geo.inner + i]
            }
        }
        return Tensor(shape: geo.reducedShape(shape, axis: ax, keepDims: keepDims), scalars: out)
    }

    /// Index of the largest element along `axis` for every other index, in row-major order of the
    /// remaining axes (the first maximizer on ties; NaN never wins). Not differentiable.
    public func argmax(axis: Int) -> [Int] {
        let ax = normalizedAxis(axis, rank: rank)
        let geo = AxisGeometry(shape, axis: ax)
        var result = [Int](repeating: 0, count: geo.outer * geo.inner)
        scalars.withUnsafeBufferPointer { x in
            geo.forEachLane { lane, base in
                var best = -Double.infinity, bestK = 0
                for k in 0..<geo.length {
                    let v = x[base + k * geo.inner]
                    if v > best {
                        best = v
                        bestK = k
                    }
                }
                result[lane] = bestK
            }
        }
        return result
    }

    /// Flat (row-major) index of the largest element (the first on ties). Not differentiable.
    /// - Precondition: the tensor is not empty.
    public func argmax() -> Int {
        precondition(!scalars.isEmpty, "argmax of an empty tensor")
        var best = 0
        for i in 1..<scalars.count where scalars[i] > scalars[best] { best = i }
        return best
    }

    /// Index of the largest element along the last axis of a rank-2 tensor (one per row).
    public func argmaxRows() -> [Int] {
        precondition(rank == 2, "argmaxRows needs rank 2")
        return argmax(axis: 1)
    }
}

/// Value and pullback of the sum of all elements (a scalar).
public func _vjpSum(_ x: Tensor) -> (value: Tensor, pullback: @Sendable (Tensor) -> [Tensor]) {
    let shape = x.shape
    return (Tensor(x.sum()), { g in [Tensor(repeating: g.scalars[0], shape: shape)] })
}

/// Value and pullback of the sum along `axis`.
public func _vjpSum(
    _ x: Tensor, axis: Int, keepDims: Bool = false
) -> (value: Tensor, pullback: @Sendable (Tensor) -> [Tensor]) {
    let ax = normalizedAxis(axis, rank: x.rank)
    let shape = x.shape
    return (x.sum(axis: ax, keepDims: keepDims), { g in [g.expanded(along: ax, to: shape)] })
}

/// Sum of all elements (a scalar).
public func sum(_ x: Variable) -> Variable {
    let (v, pb) = _vjpSum(x.value)
    return Variable.record(v, parents: [x], pullback: pb)
}

/// Mean of all elements (a scalar).
public func mean(_ x: Variable) -> Variable { sum(x) / Double(max(x.value.scalarCount, 1)) }

/// Sum along `axis` (negative counts from the end).
public func sum(_ x: Variable, axis: Int, keepDims: Bool = false) -> Variable {
    let (v, pb) = _vjpSum(x.value, axis: axis, keepDims: keepDims)
    return Variable.record(v, parents: [x], pullback: pb)
}

/// Mean along `axis`.
public func mean(_ x: Variable, axis: Int, keepDims: Bool = false) -> Variable {
    let ax = normalizedAxis(axis, rank: x.value.rank)
    return sum(x, axis: ax, keepDims: keepDims) / Double(Swift.max(x.shape[ax], 1))
}

/// Maximum along `axis`; the gradient goes to the (first) maximizing entry.
public func max(_ x: Variable, axis: Int, keepDims: Bool = false) -> Variable {
    let ax = normalizedAxis(axis, rank: x.value.rank)
    let shape = x.shape
    let geo = AxisGeometry(shape, axis: ax)
    let winners = x.value.argmax(axis: ax)
    return Variable.record(x.value.max(axis: ax, keepDims: keepDims), parents: [x]) { g in
        var out = [Double](repeating: 0, count: shape.reduce(1, *))
        for a in 0..<geo.outer {
            for i in 0..<geo.inner where geo.length > 0 {
                let k = winners[a * geo.inner + i]
                out[(a * geo.length + k) * geo.inner + i] = g.scalars[a * geo.inner + i]
            }
        }
        return [Tensor(shape: shape, scalars: out)]
    }
}

/// Index of the largest element along `axis` (not differentiable; reads the value only).
public func argmax(_ x: Variable, axis: Int) -> [Int] { x.value.argmax(axis: axis) }
