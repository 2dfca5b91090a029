/// A row-major dense matrix's nonzeros stored column by column (compressed sparse columns), with the
/// largest row spread inside one column — the one sparse-matrix type of DFLKit.
///
/// The QP's Schur complement and DYS's Gram factor use its ``bandwidth`` (that of `A D Aᵀ` for any
/// diagonal `D`) to pick a banded Cholesky; the COIN-OR backends hand its arrays to CLP and CBC.
package struct SparseColumns: Sendable, Equatable {
    /// Rows and columns of the matrix.
    package let rows: Int, columns: Int
    /// Column `j`'s nonzeros are at positions `start[j]..<start[j + 1]`.
    package let start: [Int]
    /// Row index of each stored nonzero.
    package let row: [Int]
    /// Value of each stored nonzero.
    package let value: [Double]
    /// Largest `max row − min row` over the columns (0 when every column has at most one nonzero).
    package let bandwidth: Int

    /// Compresses a row-major `rows × columns` matrix.
    package init(dense a: [Double], rows: Int, columns: Int) {
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

    /// Compresses a matrix given as `rows.count` rows of `columns` entries each.
    package init(rows: [[Double]], columns: Int) {
        precondition(rows.allSatisfy { $0.count == columns }, "SparseColumns: a row does not have \(columns) entries")
        self.init(dense: rows.flatMap { $0 }, rows: rows.count, columns: columns)
    }

    /// Number of stored nonzeros.
    package var nonzeroCount: Int { row.count }

    /// `out += A x` (`out` has `rows` entries).
    package func addProduct(_ x: [Double], into out: inout [Double]) {
        for j in 0..<columns where x[j] != 0 {
            let xj = x[j]
            for p in start[j]..<start[j + 1] { out[row[p]] += value[p] * xj }
        }
    }

    /// `(Aᵀ v)_j`, column `j`'s dot product with `v` (`rows` entries).
    package func columnDot(_ j: Int, _ v: [Double]) -> Double {
        var s = 0.0
        for p in start[j]..<start[j + 1] { s += value[p] * v[row[p]] }
        return s
    }
}
