import DFLData
import DFLOptimization
import Foundation

/// Where the shared PyEPO exports live: `$DFLKIT_SHARED_DATA`, else `../../../shared/data`
/// relative to this file (the repository sits next to `shared/`).
enum SharedData {
    static var directory: String {
        if let env = ProcessInfo.processInfo.environment["DFLKIT_SHARED_DATA"], !env.isEmpty {
            return env
        }
        return URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/data").path
    }

    static func pyepo(_ name: String) -> String { directory + "/pyepo/" + name }

    static var pyepoAvailable: Bool {
        FileManager.default.fileExists(atPath: pyepo("sp5_deg6_e05_seed42_train.csv"))
    }
}

/// A toy problem whose feasible set is an explicit list of decisions (brute-force oracle).
struct CandidateProblem: OptimizationProblem {
    var candidates: [[Double]]
    var sense: ObjectiveSense
    var name: String { "candidates" }
    var costDimension: Int { candidates[0].count }
}

/// Solves a ``CandidateProblem`` by enumeration (first best candidate wins ties).
struct CandidateSolver: Solver {
    func solve(_ problem: CandidateProblem, costs: [Double]) throws -> Solution {
        try SolverError.validate(
            costs: costs, expected: problem.costDimension, problem: problem.name)
        var best: [Double] = problem.candidates[0]
        var bestValue = Double.nan
        for w in problem.candidates {
            var v = 0.0
            for j in 0..<costs.count { v += costs[j] * w[j] }
            if bestValue.isNaN || problem.sense.sign * v < problem.sense.sign * bestValue {
                best = w
                bestValue = v
            }
        }
        return Solution(decision: best, objective: bestValue)
    }
}

/// A temporary directory removed when the value is deinitialized.
final class TemporaryDirectory {
    let path: String
    init() throws {
        path = NSTemporaryDirectory() + "dfldata-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    func file(_ name: String, _ contents: String? = nil) throws -> String {
        let p = path + "/" + name
        if let contents { try contents.write(toFile: p, atomically: true, encoding: .utf8) }
        return p
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }
}
