/// A dense, row-major, `Double`-valued tensor (a plain value; no gradient bookkeeping).
///
/// `shape` lists the extent of each axis (`[]` for a scalar); `scalars` holds the elements in
/// row-major order. Arithmetic broadcasts NumPy-style. Differentiable computation wraps tensors in
/// ``Variable``.
public struct Tensor: Sendable, Codable, Equatable, CustomStringConvertible {
    /// Extent of each axis; `[]` for a scalar.
    public var shape: [Int]
    /// Row-major elements; `shape.reduce(1, *)` of them.
    public var scalars: [Double]

    /// Creates a tensor from a shape and row-major scalars.
    /// - Precondition: `scalars.count` equals the product of `shape`.
    public init(shape: [Int], scalars: [Double]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "Tensor: negative extent in shape \(shape)")
        precondition(
            shape.reduce(1, *) == scalars.count,
            "Tensor: shape \(shape) needs \(shape.reduce(1, *)) scalars, got \(scalars.count)")
        self.shape = shape
        self.scalars = scalars
    }

    /// A rank-0 tensor.
    public init(_ scalar: Double) { self.init(shape: [], scalars: [scalar]) }

    /// A rank-1 tensor.
    public init(_ vector: [Double]) { self.init(shape: [vector.count], scalars: vector) }

    /// A rank-2 tensor from equally long rows.
    public init(_ matrix: [[Double]]) {
        let c = matrix.first?.count ?? 0
        precondition(matrix.allSatisfy { $0.count == c }, "Tensor: rows of unequal length")
        self.init(shape: [matrix.count, c], scalars: matrix.flatMap { $0 })
    }

    /// A tensor filled with `value`.
    public init(repeating value: Double, shape: [Int]) {
        self.init(shape: shape, scalars: [Double](repeating: value, count: shape.reduce(1, *)))
    }

    /// All zeros.
    public static func zeros(_ shape: [Int]) -> Tensor { Tensor(repeating: 0, shape: shape) }
    /// All ones.
    public static func ones(_ shape: [Int]) -> Tensor { Tensor(repeating: 1, shape: shape) }

    /// Number of axes.
    public var rank: Int { shape.count }
    /// Number of elements.
    public var scalarCount: Int { scalars.count }
    /// The single element of a one-element tensor.
    public var scalar: Double {
        precondition(scalars.count == 1, "Tensor.scalar needs one element, shape is \(shape)")
        return scalars[0]
    }

    /// The same elements under another shape (same element count).
    public func reshaped(_ newShape: [Int]) -> Tensor { Tensor(shape: newShape, scalars: scalars) }

    /// The transpose of a rank-2 tensor.
    public func transposed() -> Tensor {
        precondition(rank == 2, "transposed() needs a rank-2 tensor, shape is \(shape)")
        let (m, n) = (shape[0], shape[1])
        var out = [Double](repeating: 0, count: m * n)
        scalars.withUnsafeBufferPointer { a in
            out.withUnsafeMutableBufferPointer { o in
                for i in 0..<m { for j in 0..<n { o[j * m + i] = a[i * n + j] } }
            }
        }
        return Tensor(shape: [n, m], scalars: out)
    }

    /// Row `i` of a rank-2 tensor as a vector.
    public func row(_ i: Int) -> [Double] {
        precondition(rank == 2, "row(_:) needs a rank-2 tensor")
        let n = shape[1]
        return Array(scalars[(i * n)..<((i + 1) * n)])
    }

    /// The rows of a rank-2 tensor.
    public var rows: [[Double]] { (0..<(shape.first ?? 0)).map { row($0) } }

    /// Applies `f` to every element.
    public func map(_ f: (Double) -> Double) -> Tensor { Tensor(shape: shape, scalars: scalars.map(f)) }

    /// Whether every element is finite.
    public var isFinite: Bool { scalars.allSatisfy { $0.isFinite } }

    /// A short description with shape and (for small tensors) elements.
    public var description: String {
        scalars.count <= 16 ? "Tensor(\(shape): \(scalars))" : "Tensor(\(shape), \(scalars.count) scalars)"
    }
}
