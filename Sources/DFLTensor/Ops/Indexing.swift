extension Tensor {
    /// The sub-tensor with indices `range` along `axis`.
    public func slice(axis: Int, _ range: Range<Int>) -> Tensor {
        let ax = normalizedAxis(axis, rank: rank)
        precondition(
            range.lowerBound >= 0 && range.upperBound <= shape[ax],
            "slice: range \(range) out of bounds for axis \(ax) of shape \(shape)")
        let geo = AxisGeometry(shape, axis: ax)
        var out: [Double] = []
        out.reserveCapacity(geo.outer * range.count * geo.inner)
        for o in 0..<geo.outer {
            let start = (o * geo.length + range.lowerBound) * geo.inner
            out.append(contentsOf: scalars[start..<(start + range.count * geo.inner)])
        }
        var s = shape
        s[ax] = range.count
        return Tensor(shape: s, scalars: out)
    }

    /// Rows `rows` (a range along axis 0).
    public subscript(_ rows: Range<Int>) -> Tensor { slice(axis: 0, rows) }

    /// Selects entries `indices` along axis 0 (rows), repeating allowed.
    public func gather(rows indices: [Int]) -> Tensor { select(indices: indices, axis: 0) }

    /// Entries `indices` along `axis`, in that order (repeats allowed): the result has
    /// `indices.count` entries on `axis`.
    public func select(indices: [Int], axis: Int) -> Tensor {
        let ax = normalizedAxis(axis, rank: rank)
        let geo = AxisGeometry(shape, axis: ax)
        for i in indices {
            precondition(i >= 0 && i < geo.length, "select: index \(i) out of range 0..<\(geo.length) on axis \(ax)")
        }
        var out = [Double](repeating: 0, count: geo.outer * indices.count * geo.inner)
        scalars.withUnsafeBufferPointer { x in
            out.withUnsafeMutableBufferPointer { o in
                geo.forEachSelectedRow(indices) { src, dst in
                    for i in 0..<geo.inner { o[dst + i] = x[src + i] }
                }
            }
        }
        var s = shape
        s[ax] = indices.count
        return Tensor(shape: s, scalars: out)
    }

    /// The adjoint of ``select(indices:axis:)``: scatters-adds `self` (shaped like the selection)
    /// back into a zero tensor of `shape`.
    func scatterAdd(indices: [Int], axis ax: Int, into shape: [Int]) -> Tensor {
        let geo = AxisGeometry(shape, axis: ax)
        var out = [Double](repeating: 0, count: shape.reduce(1, *))
        scalars.withUnsafeBufferPointer { g in
            out.withUnsafeMutableBufferPointer { o in
                geo.forEachSelectedRow(indices) { dst, src in
                    for i in 0..<geo.inner { o[dst + i] += g[src + i] }
                }
            }
        }
        return Tensor(shape: shape, scalars: out)
    }
}

/// The sub-tensor with indices `range` along `axis`.
public func slice(_ x: Variable, axis: Int, _ range: Range<Int>) -> Variable {
    let ax = normalizedAxis(axis, rank: x.value.rank)
    let indices = Array(range)
    let shape = x.shape
    return Variable.record(x.value.slice(axis: ax, range), parents: [x]) { g in
        [g.scatterAdd(indices: indices, axis: ax, into: shape)]
    }
}

/// Entries `indices` along `axis` (repeats allowed; their gradients add up).
public func select(_ x: Variable, indices: [Int], axis: Int) -> Variable {
    let ax = normalizedAxis(axis, rank: x.value.rank)
    let shape = x.shape
    return Variable.record(x.value.select(indices: indices, axis: ax), parents: [x]) { g in
        [g.scatterAdd(indices: indices, axis: ax, into: shape)]
    }
}

/// Rows `indices` of `x` (axis 0); gradients of repeated rows add up.
public func gather(_ x: Variable, rows indices: [Int]) -> Variable { select(x, indices: indices, axis: 0) }

extension Variable {
    /// Rows `rows` (a range along axis 0), differentiably.
    public subscript(_ rows: Range<Int>) -> Variable { slice(self, axis: 0, rows) }

    /// Entries `indices` along `axis`, differentiably (see ``select(_:indices:axis:)``).
    public func select(indices: [Int], axis: Int) -> Variable { DFLTensor.select(self, indices: indices, axis: axis) }
}
