import DFLOptimization
import DFLRandom
import DFLTestSupport
import Testing

@Suite("Column-compressed equality rows shared by the QP and DYS layers and the COIN-OR backends")
struct SparseColumnsTests {
    @Test func productsMatchTheDenseMatrixAndTheBandwidthIsTheLargestColumnSpread() {
        var rng = SeededGenerator(seed: 3)
        let rows = 5, columns = 7
        // Sparse random entries, with column 2 spanning rows 0…4 (spread 4) and column 6 empty.
        var a = (0..<(rows * columns)).map { _ in rng.uniform(0, 1) < 0.3 ? rng.uniform(-2, 2) : 0 }
        for i in 0..<rows { a[i * columns + 6] = 0 }
        a[0 * columns + 2] = 1.5
        a[4 * columns + 2] = -0.5
        let s = SparseColumns(dense: a, rows: rows, columns: columns)
        #expect(s.nonzeroCount == a.filter { $0 != 0 }.count)
        #expect(s.bandwidth == 4)
        #expect(s.start[6] == s.start[7], "an empty column stores nothing")

        let x = rng.uniform(-1, 1, count: columns)
        var ax = [Double](repeating: 0.25, count: rows)
        s.addProduct(x, into: &ax)
        for i in 0..<rows {
            let dense = 0.25 + (0..<columns).reduce(0.0) { $0 + a[i * columns + $1] * x[$1] }
            #expect(abs(ax[i] - dense) < 1e-14)
        }
        let v = rng.uniform(-1, 1, count: rows)
        for j in 0..<columns {
            let dense = (0..<rows).reduce(0.0) { $0 + a[$1 * columns + j] * v[$1] }
            #expect(abs(s.columnDot(j, v) - dense) < 1e-14)
        }
    }

    @Test func aDiagonalMatrixHasBandwidthZero() {
        let s = SparseColumns(dense: [2, 0, 0, 0, 3, 0], rows: 2, columns: 3)
        #expect(s.bandwidth == 0 && s.nonzeroCount == 2 && s.start == [0, 1, 2, 2])
    }

    @Test func rowFormMatchesTheFlatRowMajorForm() {
        let rows: [[Double]] = [[0, 1, 0, 2], [3, 0, 0, 4], [0, 0, 0, 5]]
        let s = SparseColumns(rows: rows, columns: 4)
        #expect(s == SparseColumns(dense: rows.flatMap { $0 }, rows: 3, columns: 4))
        #expect(s.start == [0, 1, 2, 2, 5] && s.row == [1, 0, 0, 1, 2] && s.value == [3, 1, 2, 4, 5])
    }
}
