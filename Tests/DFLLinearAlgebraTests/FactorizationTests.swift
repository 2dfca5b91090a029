import DFLLinearAlgebra
import DFLRandom
import DFLTestSupport
import Foundation
import Testing

func randomMatrix(_ m: Int, _ n: Int, seed: UInt64) -> Matrix {
    var rng = SeededGenerator(seed: seed)
    return Matrix(rows: m, columns: n, elements: rng.normal(count: m * n))
}

func spd(_ n: Int, seed: UInt64) -> Matrix {
    let a = randomMatrix(n, n, seed: seed)
    return a.matmul(a, transposeOther: true) + Matrix.identity(n)
}

@Suite struct FactorizationTests {
    @Test func productsMatchHandComputation() {
        let a = Matrix([[1, 2, 3], [4, 5, 6]])
        #expect(a.matvec([1, 0, -1]) == [-2, -2])
        #expect(a.matvec([1, 1], transpose: true) == [5, 7, 9])
        #expect(a.matmul(a, transposeOther: true).elements == [14, 32, 32, 77])
        #expect(a.transposed.rowArrays == [[1, 4], [2, 5], [3, 6]])
    }

    @Test func choleskySolvesAndGivesLogDet() throws {
        let a = spd(6, seed: 1)
        let chol = try CholeskyFactorization(a)
        let l = chol.factor
        #expect((l.matmul(l, transposeOther: true) - a).frobeniusNorm < 1e-10)
        let b = [1.0, 2, 3, 4, 5, 6]
        let x = try chol.solve(b)
        #expect(isApproximatelyEqual(a.matvec(x), b, tolerance: 1e-10))
        #expect(abs(chol.logDeterminant - log(abs(try LUFactorization(a).determinant))) < 1e-9)
    }

    @Test func luSolvesBothOrientations() throws {
        let a = randomMatrix(5, 5, seed: 2)
        let lu = try LUFactorization(a)
        let b = [1.0, -1, 2, 0, 3]
        #expect(isApproximatelyEqual(a.matvec(try lu.solve(b)), b, tolerance: 1e-10))
        #expect(isApproximatelyEqual(a.matvec(try lu.solve(b, transpose: true), transpose: true), b, tolerance: 1e-10))
        #expect((a.matmul(try a.inverse()) - Matrix.identity(5)).frobeniusNorm < 1e-10)
        #expect(abs(try LUFactorization(Matrix([[2, 1], [1, 3]])).determinant - 5) < 1e-12)
    }

    @Test func ldltSolvesAnIndefiniteKKTMatrix() throws {
        // [[H, Aᵀ], [A, 0]] with H SPD and A full row rank is symmetric indefinite.
        let h = spd(4, seed: 3)
        let a = randomMatrix(2, 4, seed: 4)
        var k = Matrix(rows: 6, columns: 6)
        for i in 0..<4 { for j in 0..<4 { k[i, j] = h[i, j] } }
        for i in 0..<2 {
            for j in 0..<4 {
                k[4 + i, j] = a[i, j]
                k[j, 4 + i] = a[i, j]
            }
        }
        let b = [1.0, 2, 3, 4, 5, 6]
        let x = try LDLTFactorization(k).solve(b)
        #expect(isApproximatelyEqual(k.matvec(x), b, tolerance: 1e-10))
    }

    @Test func pseudoInverseSatisfiesPenroseIdentitiesOnRankDeficientMatrix() throws {
        // Rank 2: the third row is the sum of the first two (like a redundant flow-conservation row).
        let a = Matrix([[1, 2, 0, -1], [0, 1, 1, 2], [1, 3, 1, 1]])
        #expect(try a.rank() == 2)
        let p = try a.pseudoInverse()
        #expect((a.matmul(p).matmul(a) - a).frobeniusNorm < 1e-10)
        #expect((p.matmul(a).matmul(p) - p).frobeniusNorm < 1e-10)
        let ap = a.matmul(p), pa = p.matmul(a)
        #expect((ap - ap.transposed).frobeniusNorm < 1e-10)
        #expect((pa - pa.transposed).frobeniusNorm < 1e-10)
        // Least squares agrees with the pseudo-inverse (minimum-norm solution).
        let b = Matrix(rows: 3, columns: 1, elements: [1, 2, 4])
        let x = try a.leastSquares(b)
        #expect((x - p.matmul(b)).frobeniusNorm < 1e-9)
    }

    @Test func overdeterminedLeastSquaresMatchesNormalEquations() throws {
        let a = randomMatrix(8, 3, seed: 5)
        let b = randomMatrix(8, 1, seed: 6)
        let x = try a.leastSquares(b)
        let normal = try CholeskyFactorization(a.matmul(a, transposeSelf: true)).solve(a.matmul(b, transposeSelf: true))
        #expect((x - normal).frobeniusNorm < 1e-9)
    }

    @Test func errorsNameTheRoutineAndInfo() {
        #expect(
            throws: LinearAlgebraError.lapack(
                routine: "dpotrf", info: 2, meaning: "matrix not positive definite: leading minor 2 is not positive")
        ) {
            try CholeskyFactorization(Matrix([[1, 2], [2, 1]]))
        }
        #expect { try LUFactorization(Matrix([[1, 2], [2, 4]])) } throws: { e in
            if case .lapack(let r, let info, _) = e as? LinearAlgebraError { return r == "dgetrf" && info == 2 }
            return false
        }
        #expect { try LDLTFactorization(Matrix([[0, 0], [0, 0]])) } throws: { e in
            if case .lapack(let r, _, _) = e as? LinearAlgebraError { return r == "dsytrf" }
            return false
        }
        #expect(throws: LinearAlgebraError.self) { try CholeskyFactorization(Matrix([[1, 2, 3]])) }
        #expect(throws: LinearAlgebraError.self) { try LUFactorization(Matrix.identity(2)).solve([1, 2, 3]) }
    }
}
