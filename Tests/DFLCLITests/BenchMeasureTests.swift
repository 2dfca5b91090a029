import DFLOptimization
import Foundation
import Testing

@testable import DFLCLI

/// `dfl bench measure`: the DFLKit side of Scripts/bench-peers.sh answers with the exact optimum and a
/// layer solution that satisfies the constraints, and a malformed case is a one-line data error.
@Suite struct BenchMeasureTests {
    /// Writes `json` as a case file in a fresh folder and calls `body` with its path and the folder.
    private func withCase<T>(_ json: String, _ body: (String, URL) throws -> T) throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("measure-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("case.json").path
        try json.write(toFile: input, atomically: true, encoding: .utf8)
        return try body(input, folder)
    }

    /// Runs `dfl bench measure` on `json` in process; the decoded answer.
    private func measure(_ json: String) throws -> [String: Any] {
        try withCase(json) { input, folder in
            let output = folder.appendingPathComponent("out.json").path
            let command = try #require(
                try DFLCommand.parseAsRoot(["bench", "measure", input, "--output", output]) as? Bench.Measure)
            try command.validate()
            try command.run()
            let data = try Data(contentsOf: URL(fileURLWithPath: output))
            return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        }
    }

    /// The 2×3 grid's costs: 7 arcs; the best of its 3 monotone paths by enumerating every 0/1 vector
    /// that satisfies flow conservation.
    private func bruteForceShortestPath(_ costs: [Double]) -> Double {
        let program = ShortestPathGrid(rows: 2, columns: 3).asMILP(costs: costs)
        var best = Double.infinity
        for mask in 0..<(1 << costs.count) {
            let v = (0..<costs.count).map { Double((mask >> $0) & 1) }
            let feasible = zip(program.equalityMatrix, program.equalityRHS).allSatisfy { row, rhs in
                abs(zip(row, v).map(*).reduce(0, +) - rhs) < 1e-12
            }
            if feasible { best = min(best, zip(costs, v).map(*).reduce(0, +)) }
        }
        return best
    }

    @Test func solveCaseReturnsTheExactOptimumOfEveryRow() throws {
        let rows: [[Double]] = [[1, 2, 3, 4, 5, 6, 7], [7, 6, 5, 4, 3, 2, 1], [0.5, 9, 0.25, 3, 1, 8, 2]]
        let answer = try measure(
            """
            {"kind": "solve", "problem": {"name": "shortest-path", "rows": 2, "columns": 3},
             "costs": \(rows), "repeats": 2}
            """)
        let objectives = try #require(answer["objectives"] as? [Double])
        let seconds = try #require(answer["seconds"] as? [Double])
        #expect(seconds.count == 2 && seconds.allSatisfy { $0 >= 0 })
        #expect(objectives.count == rows.count)
        for (row, objective) in zip(rows, objectives) {
            #expect(abs(objective - bruteForceShortestPath(row)) < 1e-12)
        }
    }

    @Test func layerCaseReturnsFeasibleSolutionsAndGradientsOfTheBatchShape() throws {
        let costs: [[Double]] = [[1, 2, 3, 4, 5, 6, 7], [0.5, 9, 0.25, 3, 1, 8, 2]]
        let cotangents: [[Double]] = [[1, 0, 0, 0, 0, 0, -1], [0, 1, 0, 0, 0, 0, 0]]
        let answer = try measure(
            """
            {"kind": "layer", "layer": "qp", "smoothing": 0.5, "repeats": 1,
             "problem": {"name": "shortest-path", "rows": 2, "columns": 3},
             "costs": \(costs), "cotangents": \(cotangents)}
            """)
        let solutions = try #require(answer["solutions"] as? [[Double]])
        let gradients = try #require(answer["gradients"] as? [[Double]])
        #expect(solutions.count == 2 && gradients.count == 2 && gradients.allSatisfy { $0.count == 7 })
        let program = ShortestPathGrid(rows: 2, columns: 3).asMILP(costs: nil)
        for v in solutions {
            #expect(v.allSatisfy { $0 >= -1e-9 && $0 <= 1 + 1e-9 })
            for (row, rhs) in zip(program.equalityMatrix, program.equalityRHS) {
                #expect(abs(zip(row, v).map(*).reduce(0, +) - rhs) < 1e-8)
            }
        }
    }

    @Test(arguments: [
        (#"{"kind": "solve"}"#, "missing key problem"),
        (#"{"kind": "walk", "problem": {"name": "tsp", "nodes": 4}, "costs": [[1]], "repeats": 1}"#, "kind"),
        (
            #"{"kind": "solve", "problem": {"name": "tsp", "nodes": 4}, "costs": [[1, 2]], "repeats": 1}"#,
            "every cost row must have 6 entries"
        ),
        (
            #"{"kind": "layer", "problem": {"name": "tsp", "nodes": 4}, "costs": [[1,2,3,4,5,6]], "repeats": 1}"#,
            "a layer case needs layer and smoothing > 0"
        ),
    ])
    func malformedCasesAreOneLineDataErrors(json: String, fragment: String) throws {
        try withCase(json) { input, _ in
            guard case .failed(let failure) = DFLCommand.outcome(of: ["bench", "measure", input]) else {
                Issue.record("\(json) did not fail")
                return
            }
            #expect(failure.status == .dataError)
            #expect(failure.message.contains(fragment), "\(failure.message)")
            #expect(!failure.message.contains("\n"))
        }
    }
}
