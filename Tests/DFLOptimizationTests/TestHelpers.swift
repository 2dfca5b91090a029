import DFLOptimization
import Foundation

/// Where `shared/data` lives: `$DFLKIT_SHARED_DATA` or `<repo>/../shared/data`.
func sharedDataDirectory() -> String {
    if let env = ProcessInfo.processInfo.environment["DFLKIT_SHARED_DATA"] { return env }
    let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    return repo.deletingLastPathComponent().appendingPathComponent("shared/data").path
}

/// Whether the 0/1 vector `w` satisfies every constraint and bound of `program` (to `tolerance`).
func satisfies(_ program: MixedIntegerProgram, _ w: [Double], tolerance: Double = 1e-9) -> Bool {
    guard w.count == program.variableCount else { return false }
    for (row, rhs) in zip(program.equalityMatrix, program.equalityRHS)
    where abs(objective(of: w, costs: row) - rhs) > tolerance { return false }
    for (row, rhs) in zip(program.inequalityMatrix, program.inequalityRHS)
    where objective(of: w, costs: row) > rhs + tolerance { return false }
    for j in 0..<w.count where w[j] < program.lowerBounds[j] - tolerance || w[j] > program.upperBounds[j] + tolerance {
        return false
    }
    return true
}

/// The set of vectors as a set of strings, for order-free comparison of small enumerations.
func asSet(_ points: [[Double]]) -> Set<String> {
    Set(points.map { $0.map { $0 == 1 ? "1" : "0" }.joined() })
}

/// Binomial coefficient for small arguments.
func binomial(_ n: Int, _ k: Int) -> Int {
    var r = 1
    for i in 0..<k { r = r * (n - i) / (i + 1) }
    return r
}
