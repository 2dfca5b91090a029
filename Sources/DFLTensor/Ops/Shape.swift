/// The same elements under a new shape.
public func reshape(_ x: Variable, _ shape: [Int]) -> Variable {
    let old = x.shape
    return Variable.record(x.value.reshaped(shape), parents: [x]) { g in [g.reshaped(old)] }
}

/// Transpose of a rank-2 variable; for rank 3, swaps the last two axes of each batch element.
public func transpose(_ x: Variable) -> Variable {
    if x.value.rank == 2 {
        return Variable.record(x.value.transposed(), parents: [x]) { g in [g.transposed()] }
    }
    precondition(x.value.rank == 3, "transpose needs rank 2 or 3")
    return Variable.record(x.value.batchTransposed(), parents: [x]) { g in [g.batchTransposed()] }
}

extension Tensor {
    /// Swaps the last two axes of a rank-3 tensor.
    public func batchTransposed() -> Tensor {
        let (b, m, n) = (shape[0], shape[1], shape[2])
        var out = [Double](repeating: 0, count: scalars.count)
        for k in 0..<b {
            for i in 0..<m { for j in 0..<n { out[k * m * n + j * m + i] = scalars[k * m * n + i * n + j] } }
        }
        return Tensor(shape: [b, n, m], scalars: out)
    }

    /// Concatenation along `axis`.
    public static func concat(_ parts: [Tensor], axis: Int) -> Tensor {
        precondition(!parts.isEmpty, "concat needs at least one tensor")
        let ax = normalizedAxis(axis, rank: parts[0].rank)
        var shape = parts[0].shape
        shape[ax] = parts.map { $0.shape[ax] }.reduce(0, +)
        let outer = shape[..<ax].reduce(1, *)
        var out: [Double] = []
        out.reserveCapacity(shape.reduce(1, *))
        for o in 0..<outer {
            for p in parts {
                let chunk = p.shape[ax...].reduce(1, *)
                out.append(contentsOf: p.scalars[(o * chunk)..<((o + 1) * chunk)])
            }
        }
        return Tensor(shape: shape, scalars: out)
    }

    /// The sub-tensor with indices `range` along `axis`.
    public func slice(axis: Int, _ range: Range<Int>) -> Tensor {
        let ax = normalizedAxis(axis, rank: rank)
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

    /// Selects entries `indices` along axis 0 (rows), repeating allowed.
    public func gather(rows indices: [Int]) -> Tensor {
        let inner = shape.dropFirst().reduce(1, *)
        var out: [Double] = []
        out.reserveCapacity(indices.count * inner)
        for i in indices { out.append(contentsOf: scalars[(i * inner)..<((i + 1) * inner)]) }
        return Tensor(shape: [indices.count] + shape.dropFirst(), scalars: out)
    }
}

/// Concatenation along `axis`.
public func concat(_ parts: [Variable], axis: Int) -> Variable {
    let ax = normalizedAxis(axis, rank: parts[0].value.rank)
    let sizes = parts.map { $0.shape[ax] }
    return Variable.record(Tensor.concat(parts.map(\.value), axis: ax), parents: parts) { g in
        var start = 0
        return sizes.map { n in
            defer { start += n }
            return g.slice(axis: ax, start..<(start + n))
        }
    }
}

/// Stacks equally shaped variables along a new `axis`.
public func stack(_ parts: [Variable], axis: Int = 0) -> Variable {
    let shape = parts[0].shape
    let ax = axis < 0 ? axis + shape.count + 1 : axis
    var expanded = shape
    expanded.insert(1, at: ax)
    return concat(parts.map { reshape($0, expanded) }, axis: ax)
}

/// The sub-tensor with indices `range` along `axis`.
public func slice(_ x: Variable, axis: Int, _ range: Range<Int>) -> Variable {
    let ax = normalizedAxis(axis, rank: x.value.rank)
    let shape = x.shape
    return Variable.record(x.value.slice(axis: ax, range), parents: [x]) { g in
        let geo = AxisGeometry(shape, axis: ax)
        var out = [Double](repeating: 0, count: shape.reduce(1, *))
        for o in 0..<geo.outer {
            for k in 0..<range.count {
                let src = (o * range.count + k) * geo.inner
                let dst = (o * geo.length + range.lowerBound + k) * geo.inner
                for i in 0..<geo.inner { out[dst + i] = g.scalars[src + i] }
            }
        }
        return [Tensor(shape: shape, scalars: out)]
    }
}

/// Rows `indices` of `x` (axis 0); gradients of repeated rows add up.
public func gather(_ x: Variable, rows indices: [Int]) -> Variable {
    let shape = x.shape
    return Variable.record(x.value.gather(rows: indices), parents: [x]) { g in
        let inner = shape.dropFirst().reduce(1, *)
        var out = [Double](repeating: 0, count: shape.reduce(1, *))
        for (r, i) in indices.enumerated() {
            for j in 0..<inner { out[i * inner + j] += g.scalars[r * inner + j] }
        }
        return [Tensor(shape: shape, scalars: out)]
    }
}

/// The names of every differentiable op in this module, for the gradient-check registry test.
public enum DifferentiableOps {
    /// All op names; `DFLTensorTests` asserts each has a finite-difference check.
    public static let allNames: [String] = [
        "add", "subtract", "multiply", "divide", "negate", "addScalar", "scale", "matmul",
        "batchedMatmul", "rowDot", "exp", "log", "sqrt", "square", "pow", "abs", "softplus",
        "sigmoid", "tanh", "relu", "leakyRelu", "elu", "clamp", "normalPDF", "normalCDF",
        "maximum", "minimum", "sum", "mean", "sumAxis", "meanAxis", "maxAxis", "logSumExp",
        "logSoftmax", "softmax", "reshape", "transpose", "batchTranspose", "concat", "stack",
        "slice", "gather", "broadcastAdd",
    ]
}
