import COpenBLAS
import Foundation

/// OpenBLAS runs single-threaded unless `OPENBLAS_NUM_THREADS` is set: DFLKit parallelizes over
/// instances (solver batches, layers), and OpenBLAS's own threads inside those workers only spin
/// and yield (seen: 40 % of a matching run in the scheduler). Evaluated once, on first BLAS use.
let blasThreadingConfigured: Void = {
    if ProcessInfo.processInfo.environment["OPENBLAS_NUM_THREADS"] == nil {
        openblas_set_num_threads(1)
    }
}()

/// General matrix–matrix product on raw row-major buffers:
/// `C ← alpha · op(A) · op(B) + beta · C`, with `op(X) = X` or `Xᵀ`.
///
/// - Parameters:
///   - transposeA: Use `Aᵀ` for `op(A)`.
///   - transposeB: Use `Bᵀ` for `op(B)`.
///   - m: Rows of `op(A)` and `C`.
///   - n: Columns of `op(B)` and `C`.
///   - k: Columns of `op(A)`, rows of `op(B)`.
///   - alpha: Scale of the product.
///   - a: row-major storage of `A`; `op(A)` is `m × k`.
///   - b: row-major storage of `B`; `op(B)` is `k × n`.
///   - beta: Scale of the old `C`.
///   - c: row-major `m × n` output, read when `beta ≠ 0`.
/// - Complexity: O(mnk), one `cblas_dgemm` call.
public func gemm(
    transposeA: Bool = false, transposeB: Bool = false,
    m: Int, n: Int, k: Int,
    alpha: Double = 1, a: UnsafePointer<Double>, b: UnsafePointer<Double>,
    beta: Double = 0, c: UnsafeMutablePointer<Double>
) {
    guard m > 0, n > 0 else { return }
    _ = blasThreadingConfigured
    if k == 0 {
        for i in 0..<(m * n) { c[i] = beta == 0 ? 0 : beta * c[i] }
        return
    }
    let lda = transposeA ? m : k
    let ldb = transposeB ? k : n
    cblas_dgemm(
        CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
        Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(n))
}

/// General matrix–vector product on raw buffers: `y ← alpha · op(A) x + beta · y`,
/// where `A` is row-major `rows × columns`.
/// - Complexity: O(rows · columns), one `cblas_dgemv` call.
public func gemv(
    transpose: Bool = false, rows: Int, columns: Int,
    alpha: Double = 1, a: UnsafePointer<Double>, x: UnsafePointer<Double>,
    beta: Double = 0, y: UnsafeMutablePointer<Double>
) {
    guard rows > 0, columns > 0 else {
        let len = transpose ? columns : rows
        for i in 0..<len { y[i] = beta == 0 ? 0 : beta * y[i] }
        return
    }
    _ = blasThreadingConfigured
    cblas_dgemv(
        CblasRowMajor, transpose ? CblasTrans : CblasNoTrans, Int32(rows), Int32(columns), alpha, a,
        Int32(columns), x, 1, beta, y, 1)
}

extension Matrix {
    /// The product `op(self) · op(other)`.
    /// - Precondition: the inner dimensions agree.
    public func matmul(_ other: Matrix, transposeSelf: Bool = false, transposeOther: Bool = false) -> Matrix {
        let m = transposeSelf ? columns : rows
        let k = transposeSelf ? rows : columns
        let k2 = transposeOther ? other.columns : other.rows
        let n = transposeOther ? other.rows : other.columns
        precondition(k == k2, "matmul: inner dimensions \(k) and \(k2) differ")
        var out = Matrix(rows: m, columns: n)
        elements.withUnsafeBufferPointer { a in
            other.elements.withUnsafeBufferPointer { b in
                out.elements.withUnsafeMutableBufferPointer { c in
                    gemm(
                        transposeA: transposeSelf, transposeB: transposeOther, m: m, n: n, k: k,
                        a: a.baseAddress!, b: b.baseAddress!, c: c.baseAddress!)
                }
            }
        }
        return out
    }

    /// The matrix–vector product `op(self) · x`.
    /// - Precondition: `x.count` equals the number of columns of `op(self)`.
    public func matvec(_ x: [Double], transpose: Bool = false) -> [Double] {
        let outLen = transpose ? columns : rows
        precondition(x.count == (transpose ? rows : columns), "matvec: vector length mismatch")
        var y = [Double](repeating: 0, count: outLen)
        if elements.isEmpty { return y }
        elements.withUnsafeBufferPointer { a in
            x.withUnsafeBufferPointer { xp in
                y.withUnsafeMutableBufferPointer { yp in
                    gemv(
                        transpose: transpose, rows: rows, columns: columns, a: a.baseAddress!,
                        x: xp.baseAddress!, y: yp.baseAddress!)
                }
            }
        }
        return y
    }
}

#if canImport(Glibc)
import Glibc
#endif

@inline(__always) func _log(_ x: Double) -> Double { log(x) }
