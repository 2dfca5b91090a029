import DFLData
import DFLOptimization
import Foundation
import Testing

/// PyEPO's grid shortest path, rebuilt for the test: arcs in `_get_grid_arcs` order (per row:
/// east arcs, then south arcs unless last row), solved by dynamic programming over the DAG.
struct ReferenceGridProblem: OptimizationProblem {
    let rows: Int, columns: Int
    let arcs: [(from: Int, to: Int)]
    var costDimension: Int { arcs.count }
    var sense: ObjectiveSense { .minimize }
    var name: String { "reference-grid \(rows)x\(columns)" }

    init(rows: Int, columns: Int) {
        self.rows = rows
        self.columns = columns
        var list: [(from: Int, to: Int)] = []
        for i in 0..<rows {
            for j in 0..<(columns - 1) { list.append((i * columns + j, i * columns + j + 1)) }
            if i < rows - 1 {
                for j in 0..<columns { list.append((i * columns + j, (i + 1) * columns + j)) }
            }
        }
        arcs = list
    }
}

/// Shortest source→sink path by DP in node order (every arc goes to a larger node index).
struct ReferenceGridSolver: Solver {
    func solve(_ problem: ReferenceGridProblem, costs: [Double]) throws -> Solution {
        try SolverError.validate(
            costs: costs, expected: problem.costDimension, problem: problem.name)
        let nodes = problem.rows * problem.columns
        var best = [Double](repeating: .infinity, count: nodes)
        var via = [Int](repeating: -1, count: nodes)
        best[0] = 0
        let incoming = Dictionary(grouping: problem.arcs.indices, by: { problem.arcs[$0].to })
        for v in 1..<nodes {
            for k in incoming[v] ?? [] where best[problem.arcs[k].from] + costs[k] < best[v] {
                best[v] = best[problem.arcs[k].from] + costs[k]
                via[v] = k
            }
        }
        var w = [Double](repeating: 0, count: problem.costDimension)
        var v = nodes - 1
        while v != 0 {
            w[via[v]] = 1
            v = problem.arcs[via[v]].from
        }
        return Solution(decision: w, objective: best[nodes - 1])
    }
}

@Suite("PyEPO labels")
struct PyEPOLabelTests {
    @Test("the arc order matches shared/data/pyepo/sp5_grid_arcs.csv")
    func arcOrder() throws {
        try #require(SharedData.pyepoAvailable)
        let text = try String(
            contentsOfFile: SharedData.pyepo("sp5_grid_arcs.csv"), encoding: .utf8)
        let rows = text.split(separator: "\n").dropFirst().map { $0.split(separator: ",") }
        let grid = ReferenceGridProblem(rows: 5, columns: 5)
        #expect(rows.count == 40 && grid.arcs.count == 40)
        for (k, row) in rows.enumerated() {
            #expect(Int(row[0]) == k)
            #expect(Int(row[1]) == grid.arcs[k].from && Int(row[2]) == grid.arcs[k].to)
        }
    }

    @Test("solving every stored instance reproduces PyEPO's optimal objectives to 1e-6")
    func labelsMatch() throws {
        try #require(SharedData.pyepoAvailable)
        for part in ["train", "test"] {
            let stored = try DatasetCSV.read(
                path: SharedData.pyepo("sp5_deg6_e05_seed42_\(part).csv"),
                solutionsPath: SharedData.pyepo("sp5_deg6_e05_seed42_\(part)_opt.csv"),
                expectedCostDimension: 40, roundCostsToFloat32: true)
            let solved = try stored.withoutSolutions.withSolutions(
                solver: ReferenceGridSolver(), problem: ReferenceGridProblem(rows: 5, columns: 5),
                threads: 2)
            var worst = 0.0
            var samePaths = 0
            for i in 0..<stored.count {
                worst = max(worst, abs(solved.objectives![i] - stored.objectives![i]))
                if solved.solution(at: i)! == stored.solution(at: i)! { samePaths += 1 }
            }
            #expect(worst <= 1e-6, "\(part): worst |z − z*_PyEPO| = \(worst)")
            // Ties are possible in principle; with continuous costs every path should agree.
            #expect(
                samePaths == stored.count,
                "\(part): \(samePaths) of \(stored.count) identical paths")
        }
    }
}
