/// A row-major dense matrix's nonzeros stored column by column (compressed sparse columns), with the
/// largest row spread inside one column — the bandwidth of `A D Aᵀ` for any diagonal `D`, which the
/// QP's Schur complement and DYS's Gram factor use to pick a banded Cholesky.
struct SparseColumns: Sendable {
    /// Rows and columns of the matrix.
    let rows: Int, columns: Int
    /// Column `j`'s nonzeros are at positions `start[j]..<start[j + 1]`.
    let start: [Int]
    /// Row index of each stored nonzero.
    let row: [Int]
    /// Value of each stored nonzero.
    let value: [Double]
    /// Largest `max row − min row` over the columns (0 when every column has at most one nonzero).
    let bandwidth: Int

    /// Compresses a row-major `rows × columns` matrix.
    init(dense a: [Double], rows: Int, columns: Int) {
        precondition(a.count == rows * columns, "SparseColumns: \(a.count) elements for \(rows) × \(columns)")
        var start = [0], row: [Int] = [], value: [Double] = []
        var bandwidth = 0
        for j in 0..<columns {
            var lo = Int.max, hi = Int.min
            for i in 0..<rows where a[i * columns + j] != 0 {
                row.append(i)
                value.append(a[i * columns + j])
                lo = min(lo, i)
                hi = max(hi, i)
            }
            if hi >= lo { bandwidth = max(bandwidth, hi - lo) }
            start.append(row.count)
        }
        self.rows = rows
        self.columns = columns
        self.start = start
        self.row = row
        self.value = value
        self.bandwidth = bandwidth
    }

    /// Number of stored nonzeros.
    var nonzeroCount: Int { row.count }

    /// `out += A x` (`out` has `rows` entries).
    func addProduct(_ x: [Double], into out: inout [Double]) {
        for j in 0..<columns where x[j] != 0 {
            let xj = x[j]
            for p in start[j]..<start[j + 1] { out[row[p]] += value[p] * xj }
        }
    }

    /// `(Aᵀ v)_j`, column `j`'s dot product with `v` (`rows` entries).
    func columnDot(_ j: Int, _ v: [Double]) -> Double {
        var s = 0.0
        for p in start[j]..<start[j + 1] { s += value[p] * v[row[p]] }
        return s
    }
}
