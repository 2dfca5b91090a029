import DFLLinearAlgebra

/// A square linear map `v ↦ A v` given by its action, the left-hand side of an adjoint system
/// `A u = b`.
///
/// When the map has the form `A = I − K` (the adjoint of a fixed point, `K = Jᵀ`), ``contraction``
/// holds `K`, so the Neumann series `u ← b + K u` runs on `K` itself. For a general `A` the
/// series runs on `K = I − A` (Richardson iteration).
public struct LinearOperator {
    /// The dimension `n` of the square map.
    public let size: Int
    /// `v ↦ A v`.
    public let apply: ([Double]) throws -> [Double]
    /// `K` when `A = I − K`; `nil` for a general map.
    public let contraction: (([Double]) throws -> [Double])?

    /// A general map `v ↦ A v` on vectors of length `size`.
    public init(size: Int, apply: @escaping ([Double]) throws -> [Double]) {
        self.size = size
        self.apply = apply
        contraction = nil
    }

    /// The map `A = I − K` for `K` given by its action.
    public static func identityMinus(size: Int, _ k: @escaping ([Double]) throws -> [Double]) -> LinearOperator {
        LinearOperator(size: size, contraction: k)
    }

    private init(size: Int, contraction k: @escaping ([Double]) throws -> [Double]) {
        self.size = size
        contraction = k
        apply = { v in
            let kv = try k(v)
            return (0..<v.count).map { v[$0] - kv[$0] }
        }
    }

    /// The map of an explicit square matrix.
    public init(matrix: Matrix) {
        precondition(
            matrix.rows == matrix.columns, "LinearOperator needs a square matrix, got \(matrix.rows)×\(matrix.columns)")
        self.init(size: matrix.rows, apply: { matrix.matvec($0) })
    }

    /// `K v` for the Neumann series: ``contraction`` when given, else `v − A v`.
    func contractionApply(_ v: [Double]) throws -> [Double] {
        if let contraction { return try contraction(v) }
        let av = try apply(v)
        return (0..<v.count).map { v[$0] - av[$0] }
    }

    /// The explicit matrix, built column by column from `size` applications to unit vectors.
    /// For `A = I − K` the entries are `δᵢⱼ − (K eⱼ)ᵢ`.
    /// - Throws: what the map throws, or ``ImplicitDifferentiationError/dimensionMismatch(what:expected:got:)``.
    public func materialize() throws -> Matrix {
        let n = size
        var m = contraction == nil ? Matrix(rows: n, columns: n) : Matrix.identity(n)
        for j in 0..<n {
            var e = [Double](repeating: 0, count: n)
            e[j] = 1
            if let contraction {
                let col = try contraction(e)
                try Self.check(col, n)
                for i in 0..<n { m[i, j] -= col[i] }
            } else {
                let col = try apply(e)
                try Self.check(col, n)
                for i in 0..<n { m[i, j] = col[i] }
            }
        }
        return m
    }

    static func check(_ v: [Double], _ n: Int) throws {
        guard v.count == n else {
            throw ImplicitDifferentiationError.dimensionMismatch(
                what: "linear operator output", expected: n, got: v.count)
        }
    }
}
