import DFLLinearAlgebra

extension Tensor {
    /// Matrix product `op(self) · op(other)` of rank-2 tensors, or a batched product of rank-3
    /// tensors `[b, m, k] · [b, k, n]` (a rank-2 operand is shared across the batch).
    /// - Complexity: one `cblas_dgemm` per batch element.
    public func matmul(_ other: Tensor, transposeA: Bool = false, transposeB: Bool = false) -> Tensor {
        if rank == 2 && other.rank == 2 {
            let m = transposeA ? shape[1] : shape[0]
            let k = transposeA ? shape[0] : shape[1]
            let k2 = transposeB ? other.shape[1] : other.shape[0]
            let n = transposeB ? other.shape[0] : other.shape[1]
            precondition(k == k2, "matmul: inner dimensions differ (\(shape) · \(other.shape))")
            var out = [Double](repeating: 0, count: m * n)
            if m * n > 0 && k > 0 {
                scalars.withUnsafeBufferPointer { a in
                    other.scalars.withUnsafeBufferPointer { b in
                        out.withUnsafeMutableBufferPointer { c in
                            gemm(
                                transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
                                a: a.baseAddress!, b: b.baseAddress!, c: c.baseAddress!)
                        }
                    }
                }
            }
            return Tensor(shape: [m, n], scalars: out)
        }
        precondition(
            (rank == 3 || rank == 2) && (other.rank == 3 || other.rank == 2),
            "matmul needs rank-2 or rank-3 operands, got \(shape) and \(other.shape)")
        let batch = rank == 3 ? shape[0] : other.shape[0]
        if rank == 3 && other.rank == 3 {
            precondition(shape[0] == other.shape[0], "batched matmul: batch sizes differ")
        }
        let a2 = rank == 3 ? Array(shape[1...]) : shape
        let b2 = other.rank == 3 ? Array(other.shape[1...]) : other.shape
        let m = transposeA ? a2[1] : a2[0]
        let k = transposeA ? a2[0] : a2[1]
        let k2 = transposeB ? b2[1] : b2[0]
        let n = transposeB ? b2[0] : b2[1]
        precondition(k == k2, "batched matmul: inner dimensions differ (\(shape) · \(other.shape))")
        let strideA = rank == 3 ? a2[0] * a2[1] : 0
        let strideB = other.rank == 3 ? b2[0] * b2[1] : 0
        var out = [Double](repeating: 0, count: batch * m * n)
        if m * n > 0 && k > 0 {
            scalars.withUnsafeBufferPointer { a in
                other.scalars.withUnsafeBufferPointer { b in
                    out.withUnsafeMutableBufferPointer { c in
                        for i in 0..<batch {
                            gemm(
                                transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
                                a: a.baseAddress! + i * strideA, b: b.baseAddress! + i * strideB,
                                c: c.baseAddress! + i * m * n)
                        }
                    }
                }
            }
        }
        return Tensor(shape: [batch, m, n], scalars: out)
    }
}
