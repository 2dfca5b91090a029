/// The symmetric `count × count` matrix `M[i][k] = xᵢ · yₖ` (row-major) of two row sets `x` and
/// `y` (`count` rows of `width` entries each, row-major) whose product is known to be symmetric:
/// the lower triangle is computed and mirrored. With `y = x` it is the Gram matrix `XXᵀ`; with
/// `y = X H⁻¹` it is the Schur complement `X H⁻¹ Xᵀ`.
///
/// Each dot product runs over the non-zero entries of `xᵢ` only, in column order, so the sums are
/// the same to the bit as over every column (a zero term leaves a finite sum unchanged) while a
/// sparse `X` — a node–arc incidence matrix has two non-zeros per column — costs
/// `O(count² · nnz(xᵢ))` instead of `O(count² · width)`.
package func symmetricRowProduct(_ x: [Double], _ y: [Double], count: Int, width: Int) -> [Double] {
    var product = [Double](repeating: 0, count: count * count)
    var nonzero: [Int] = []
    nonzero.reserveCapacity(width)
    for i in 0..<count {
        nonzero.removeAll(keepingCapacity: true)
        for a in 0..<width where x[i * width + a] != 0 { nonzero.append(a) }
        for k in 0...i {
            var v = 0.0
            for a in nonzero { v += x[i * width + a] * y[k * width + a] }
            product[i * count + k] = v
            product[k * count + i] = v
        }
    }
    return product
}
