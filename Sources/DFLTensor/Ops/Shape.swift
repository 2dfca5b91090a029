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

    /// Stacks equally shaped tensors along a new `axis`.
    public static func stack(_ parts: [Tensor], axis: Int = 0) -> Tensor {
        precondition(!parts.isEmpty, "stack needs at least one tensor")
        let shape = parts[0].shape
        precondition(parts.allSatisfy { $0.shape == shape }, "stack needs equal shapes, got \(parts.map(\.shape))")
        let ax = axis < 0 ? axis + shape.count + 1 : axis
        precondition(ax >= 0 && ax <= shape.count, "stack: axis \(axis) out of range for rank \(shape.count)")
        var expanded = shape
        expanded.insert(1, at: ax)
        return concat(parts.map { $0.reshaped(expanded) }, axis: ax)
    }

    /// Concatenation along `axis`.
    public static func concat(_ parts: [Tensor], axis: Int) -> Tensor {
        precondition(!parts.isEmpty, "concat needs at least one tensor")
        let ax = normalizedAxis(axis, rank: parts[0].rank)
        var shape = parts[0].shape
        for (n, p) in parts.enumerated() {
            precondition(
                p.rank == shape.count && (0..<p.rank).allSatisfy { $0 == ax || p.shape[$0] == shape[$0] },
                "concat along axis \(ax): part \(n) has shape \(p.shape), part 0 has \(shape)")
        }
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
}

/// Concatenation along `axis`.
public func concat(_ parts: [Variable], axis: Int) -> Variable {
    precondition(!parts.isEmpty, "concat needs at least one variable")
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
    precondition(!parts.isEmpty, "stack needs at least one variable")
    let shape = parts[0].shape
    precondition(parts.allSatisfy { $0.shape == shape }, "stack needs equal shapes, got \(parts.map(\.shape))")
    let ax = axis < 0 ? axis + shape.count + 1 : axis
    var expanded = shape
    expanded.insert(1, at: ax)
    return concat(parts.map { reshape($0, expanded) }, axis: ax)
}
