/// The symmetric `count × count` matrix `M[i][k] = xᵢ · yₖ` (row-major) of two row sets `x` and
/// `y` (`count` rows of `width` entries each, row-major) whose product is known to be symmetric:
/// the lower triangle is computed and mirrored. With `y = x` it is the Gram matrix `XXᵀ`; with
/// `y = X H⁻¹` it is the Schur complement `X H⁻¹ Xᵀ`.
package func symmetricRowProduct(_ x: [Double], _ y: [Double], count: Int, width: Int) -> [Double] {
    var product = [Double](repeating: 0, count: count * count)
    for i in 0..<count {
        for k in 0...i {
            var v = 0.0
            for a in 0..<width { v += x[i * width + a] * y[k * width + a] }
            product[i * count + k] = v
            product[k * count + i] = v
        }
    }
    return product
}
