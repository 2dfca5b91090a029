/// NumPy broadcasting of two shapes.
/// - Precondition: the shapes are compatible (each trailing axis equal or 1).
public func broadcastShape(_ a: [Int], _ b: [Int]) -> [Int] {
    let r = max(a.count, b.count)
    var out = [Int](repeating: 1, count: r)
    for k in 0..<r {
        let da = k < r - a.count ? 1 : a[k - (r - a.count)]
        let db = k < r - b.count ? 1 : b[k - (r - b.count)]
        precondition(da == db || da == 1 || db == 1, "shapes \(a) and \(b) do not broadcast")
        out[k] = max(da, db)
    }
    return out
}

/// Row-major strides of `shape` aligned to `rank` axes, with 0 on broadcast axes.
func broadcastStrides(_ shape: [Int], to target: [Int]) -> [Int] {
    let r = target.count
    var strides = [Int](repeating: 0, count: r)
    var s = 1
    for k in stride(from: shape.count - 1, through: 0, by: -1) {
        let axis = k + (r - shape.count)
        strides[axis] = shape[k] == 1 && target[axis] != 1 ? 0 : s
        s *= shape[k]
    }
    return strides
}

extension Tensor {
    /// Combines two tensors elementwise with broadcasting.
    public static func zipWith(
        _ a: Tensor, _ b: Tensor, _ f: (Double, Double) -> Double
    ) -> Tensor {
        if a.shape == b.shape {
            var out = [Double](repeating: 0, count: a.scalars.count)
            a.scalars.withUnsafeBufferPointer { pa in
                b.scalars.withUnsafeBufferPointer { pb in
                    out.withUnsafeMutableBufferPointer { o in
                        for i in 0..<o.count { o[i] = f(pa[i], pb[i]) }
                    }
                }
            }
            return Tensor(shape: a.shape, scalars: out)
        }
        if b.scalars.count == 1 && b.rank <= a.rank {
            let s = b.scalars[0]
            return Tensor(shape: broadcastShape(a.shape, b.shape), scalars: a.scalars.map { f($0, s) })
        }
        if a.scalars.count == 1 && a.rank <= b.rank {
            let s = a.scalars[0]
            return Tensor(shape: broadcastShape(a.shape, b.shape), scalars: b.scalars.map { f(s, $0) })
        }
        let shape = broadcastShape(a.shape, b.shape)
        let count = shape.reduce(1, *)
        var out = [Double](repeating: 0, count: count)
        // Fast path: trailing-vector broadcast [.., n] op [n].
        if let last = shape.last, b.shape == [last], a.shape == shape {
            a.scalars.withUnsafeBufferPointer { pa in
                b.scalars.withUnsafeBufferPointer { pb in
                    out.withUnsafeMutableBufferPointer { o in
                        for i in 0..<count { o[i] = f(pa[i], pb[i % last]) }
                    }
                }
            }
            return Tensor(shape: shape, scalars: out)
        }
        let sa = broadcastStrides(a.shape, to: shape)
        let sb = broadcastStrides(b.shape, to: shape)
        let r = shape.count
        var index = [Int](repeating: 0, count: r)
        var ia = 0, ib = 0
        a.scalars.withUnsafeBufferPointer { pa in
            b.scalars.withUnsafeBufferPointer { pb in
                out.withUnsafeMutableBufferPointer { o in
                    for i in 0..<count {
                        o[i] = f(pa[ia], pb[ib])
                        var k = r - 1
                        while k >= 0 {
                            index[k] += 1
                            ia += sa[k]
                            ib += sb[k]
                            if index[k] < shape[k] { break }
                            ia -= sa[k] * shape[k]
                            ib -= sb[k] * shape[k]
                            index[k] = 0
                            k -= 1
                        }
                    }
                }
            }
        }
        return Tensor(shape: shape, scalars: out)
    }

    /// Sums `self` down to `target` shape: the adjoint of broadcasting `target` up to `self.shape`.
    public func unbroadcast(to target: [Int]) -> Tensor {
        if shape == target { return self }
        let count = target.reduce(1, *)
        if count == 1 { return Tensor(shape: target, scalars: [scalars.reduce(0, +)]) }
        var out = [Double](repeating: 0, count: count)
        if let last = shape.last, target == [last] {
            for i in 0..<scalars.count { out[i % last] += scalars[i] }
            return Tensor(shape: target, scalars: out)
        }
        let st = broadcastStrides(target, to: shape)
        let r = shape.count
        var index = [Int](repeating: 0, count: r)
        var it = 0
        for i in 0..<scalars.count {
            out[it] += scalars[i]
            var k = r - 1
            while k >= 0 {
                index[k] += 1
                it += st[k]
                if index[k] < shape[k] { break }
                it -= st[k] * shape[k]
                index[k] = 0
                k -= 1
            }
        }
        return Tensor(shape: target, scalars: out)
    }

    /// Elementwise sum with broadcasting.
    public static func + (a: Tensor, b: Tensor) -> Tensor { zipWith(a, b, +) }
    /// Elementwise difference with broadcasting.
    public static func - (a: Tensor, b: Tensor) -> Tensor { zipWith(a, b, -) }
    /// Elementwise product with broadcasting.
    public static func * (a: Tensor, b: Tensor) -> Tensor { zipWith(a, b, *) }
    /// Elementwise quotient with broadcasting.
    public static func / (a: Tensor, b: Tensor) -> Tensor { zipWith(a, b, /) }
    /// Negation.
    public static prefix func - (a: Tensor) -> Tensor { a.map { -$0 } }
    /// Scalar multiple.
    public static func * (a: Tensor, s: Double) -> Tensor { a.map { $0 * s } }
    /// Scalar multiple.
    public static func * (s: Double, a: Tensor) -> Tensor { a.map { $0 * s } }
    /// Adds a scalar.
    public static func + (a: Tensor, s: Double) -> Tensor { a.map { $0 + s } }
    /// Subtracts a scalar.
    public static func - (a: Tensor, s: Double) -> Tensor { a.map { $0 - s } }
    /// Adds to a scalar.
    public static func + (s: Double, a: Tensor) -> Tensor { a.map { s + $0 } }
    /// Subtracts from a scalar.
    public static func - (s: Double, a: Tensor) -> Tensor { a.map { s - $0 } }
    /// Divides by a scalar.
    public static func / (a: Tensor, s: Double) -> Tensor { a.map { $0 / s } }
    /// Divides a scalar elementwise.
    public static func / (s: Double, a: Tensor) -> Tensor { a.map { s / $0 } }
    /// In-place broadcasting sum (`self` keeps its shape; `b` must broadcast to it).
    public static func += (a: inout Tensor, b: Tensor) {
        precondition(broadcastShape(a.shape, b.shape) == a.shape, "+=: \(b.shape) does not broadcast to \(a.shape)")
        a = zipWith(a, b, +)
    }
    /// In-place broadcasting difference (`self` keeps its shape; `b` must broadcast to it).
    public static func -= (a: inout Tensor, b: Tensor) {
        precondition(broadcastShape(a.shape, b.shape) == a.shape, "-=: \(b.shape) does not broadcast to \(a.shape)")
        a = zipWith(a, b, -)
    }
    /// In-place scaling.
    public static func *= (a: inout Tensor, s: Double) { a = a * s }

    /// Sum of all elements.
    public func sum() -> Double { scalars.reduce(0, +) }
    /// Dot product of the flattened elements.
    public func dot(_ other: Tensor) -> Double {
        precondition(scalars.count == other.scalars.count, "dot: element counts differ")
        var s = 0.0
        for i in 0..<scalars.count { s += scalars[i] * other.scalars[i] }
        return s
    }
    /// Euclidean norm of the flattened elements.
    public func norm() -> Double { dot(self).squareRoot() }
}
