import DFLLayers
import DFLOptimization
import DFLRandom
import DFLTensor
import DFLTestSupport
import Testing

@Suite("QP smoothing layer")
struct QPSmoothingLayerTests {
    @Test("5×5 shortest path: redundant flow row removed, exact KKT point, flow conserved")
    func shortestPath() throws {
        let grid = ShortestPathGrid(rows: 5, columns: 5)
        let layer = try QPSmoothingLayer(problem: grid, configuration: .init(smoothing: 0.1))
        #expect(layer.solver.droppedEqualityRows.count == 1)
        var rng = SeededGenerator(seed: 123)
        let costs = (0..<8).map { _ in rng.uniform(0, 1, count: grid.costDimension) }
        let results = try layer.solveBatch(costs)
        let milp = grid.asMILP(costs: nil)
        for (c, r) in zip(costs, results) {
            #expect(r.solution.isPolished)
            #expect(layer.optimalityError(of: r, costs: c) < 1e-11)
            for (row, rhs) in zip(milp.equalityMatrix, milp.equalityRHS) {
                #expect(abs(dot(row, r.decision) - rhs) < 1e-12)
            }
            #expect(r.decision.allSatisfy { $0 >= -1e-15 && $0 <= 1 + 1e-15 })
        }
    }

    @Test("Top-1 layer equals the simplex projection, and the half-norm convention halves μ")
    func conventions() throws {
        let n = 7
        var rng = SeededGenerator(seed: 2)
        let y = rng.uniform(-1, 1, count: n)
        let squared = try QPSmoothingLayer(program: simplexProgram(n), configuration: .init(smoothing: 0.4))
        let half = try QPSmoothingLayer(
            program: simplexProgram(n), configuration: .init(smoothing: 0.8, convention: .halfSquaredNorm))
        let expected = projectOntoSimplex(y.map { -$0 / 0.8 })
        #expect(maxAbsDifference(try squared.solve(y).decision, expected) < 1e-12)
        #expect(maxAbsDifference(try half.solve(y).decision, expected) < 1e-12)
    }

    @Test("Maximization solves argmax ŷᵀv − μ‖v‖² and flips the gradient sign")
    func maximization() throws {
        let knapsack = try Knapsack(weights: [[3, 4, 5, 6, 2], [2, 5, 3, 4, 6]], capacities: [8, 9])
        let layer = try QPSmoothingLayer(problem: knapsack, configuration: .init(smoothing: 0.5))
        var program = knapsack.asMILP(costs: nil)
        program.sense = .minimize
        let mirrored = try QPSmoothingLayer(program: program, configuration: .init(smoothing: 0.5))
        let y = [5.0, 3, 4, 6, 2]
        let r = try layer.solve(y)
        let m = try mirrored.solve(y.map { -$0 })
        #expect(maxAbsDifference(r.decision, m.decision) < 1e-12)
        let g = [1.0, -2, 0.5, 0, 3]
        let gr = try r.costGradient(g), gm = try m.costGradient(g)
        #expect(maxAbsDifference(gr, gm.map { -$0 }) < 1e-12)
        // Finite differences on the maximization layer itself.
        var rng = SeededGenerator(seed: 8)
        let direction = rng.normal(count: 5)
        let fd = try directionalDerivative({ c in dot(g, try layer.solve(c).decision) }, at: y, along: direction)
        #expect(abs(fd - dot(gr, direction)) < 1e-7)
    }

    @Test("Gradients through the tensor op match finite differences (3×3 flow, rank-deficient A)")
    func tensorGradients() throws {
        let program = smallGridFlowProgram()
        let layer = try QPSmoothingLayer(program: program, configuration: .init(smoothing: 0.3))
        var rng = SeededGenerator(seed: 31)
        let costs = Tensor(shape: [3, 12], scalars: rng.uniform(0, 1, count: 36))
        let weights = Tensor(shape: [3, 12], scalars: rng.normal(count: 36))
        let result = checkGradients(
            of: { vars in
                do { return sum(try layer(vars[0]) * weights) } catch {
                    Issue.record(error)
                    return sum(vars[0])
                }
            }, at: [costs], epsilon: 1e-6, directions: 6)
        #expect(result.passes(tolerance: 1e-6), "\(result)")
    }

    @Test("Finite differences on 5×5 shortest path instances at two smoothing levels", arguments: [0.1, 1.0])
    func shortestPathGradients(mu: Double) throws {
        let grid = ShortestPathGrid(rows: 5, columns: 5)
        let layer = try QPSmoothingLayer(problem: grid, configuration: .init(smoothing: mu))
        var rng = SeededGenerator(seed: 7)
        for _ in 0..<4 {
            let y = rng.uniform(0, 1, count: 40)
            let g = rng.uniform(-0.5, 0.5, count: 40)
            let gradient = try layer.solve(y).costGradient(g)
            let direction = rng.normal(count: 40)
            let fd = try directionalDerivative({ c in dot(g, try layer.solve(c).decision) }, at: y, along: direction)
            #expect(abs(fd - dot(gradient, direction)) < 1e-7 * max(1, abs(fd)), "\(fd) vs \(dot(gradient, direction))")
        }
    }

    @Test("Bad input: μ ≤ 0, infeasible relaxation, wrong shapes")
    func badInput() throws {
        for mu in [0.0, -1, .nan] {
            #expect {
                _ = try QPSmoothingLayer(program: simplexProgram(3), configuration: .init(smoothing: mu))
            } throws: { ($0 as? LayerError)?.reason == .invalidConfiguration }
        }
        var infeasible = simplexProgram(3)
        infeasible.equalityRHS = [5]
        #expect {
            _ = try QPSmoothingLayer(program: infeasible)
        } throws: { ($0 as? LayerError)?.reason == .infeasible }
        let layer = try QPSmoothingLayer(program: simplexProgram(3))
        #expect(throws: LayerError.self) {
            _ = try layer(Variable(Tensor(shape: [2, 4], scalars: [Double](repeating: 0, count: 8))))
        }
        #expect(throws: LayerError.self) { _ = try layer.solve([1, .infinity, 0]) }
        #expect(throws: LayerError.self) { _ = try layer.solve([0, 0, 0]).costGradient([1]) }
    }

    @Test("Batches are solved in parallel with the same results as one by one, reproducibly")
    func batchMatchesSequential() throws {
        let layer = try QPSmoothingLayer(
            problem: ShortestPathGrid(rows: 4, columns: 4), configuration: .init(smoothing: 0.5))
        var rng = SeededGenerator(seed: 55)
        let costs = (0..<16).map { _ in rng.uniform(0, 1, count: layer.costDimension) }
        let batch = try layer.solveBatch(costs).map(\.decision)
        let single = try costs.map { try layer.solve($0).decision }
        #expect(batch == single)
        #expect(try layer.solveBatch(costs).map(\.decision) == batch)
    }
}

@Suite("QP smoothing layer on larger grids (banded Schur, pinned multipliers)")
struct LargerGridTests {
    @Test(
        "12×12 shortest path at μ = 0.01 and 1: polished exact KKT points, gradients match finite differences",
        arguments: [0.01, 1.0])
    func largerGrid(mu: Double) throws {
        let grid = ShortestPathGrid(rows: 12, columns: 12)
        let layer = try QPSmoothingLayer(problem: grid, configuration: .init(smoothing: mu))
        var rng = SeededGenerator(seed: 5)
        let costs = (0..<4).map { _ in rng.uniform(0, 2, count: grid.costDimension) }
        for c in costs {
            let r = try layer.solveBatch([c])[0]
            #expect(r.solution.isPolished)
            #expect(layer.optimalityError(of: r, costs: c) < 1e-10)
        }
        let w = rng.normal(count: grid.costDimension)
        let direction = rng.normal(count: grid.costDimension)
        let x = Variable(differentiable: Tensor(shape: [1, grid.costDimension], scalars: costs[0]))
        let g = vectorJacobianProduct(
            of: try layer(x), withRespectTo: [x], seed: Tensor(shape: [1, grid.costDimension], scalars: w))[0]
        let analytic = zip(g.scalars, direction).reduce(0) { $0 + $1.0 * $1.1 }
        let fd = try directionalDerivative(
            { c in
                zip(w, try layer.solveBatch([c])[0].decision).reduce(0) { $0 + $1.0 * $1.1 }
            }, at: costs[0], along: direction, step: 1e-6)
        #expect(abs(fd - analytic) <= 1e-5 * (1 + abs(fd)))
    }
}
