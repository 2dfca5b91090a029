import DFLOptimization
import Dispatch

/// Solves `count` instances whose cost vectors are the rows of the flat row-major `costs`,
/// on `threads` workers (interleaved indices), keeping the input order.
///
/// - Throws: the first ``SolverError`` by instance index, its message prefixed with `name[i]`.
func solveRows<S: Solver>(
    solver: S, problem: S.Problem, costs: [Double], dimension: Int, count: Int, threads: Int
) throws -> [Solution] {
    if count == 0 { return [] }
    @Sendable func solveOne(_ i: Int) throws -> Solution {
        let row = Array(costs[(i * dimension)..<((i + 1) * dimension)])
        do { return try solver.solve(problem, costs: row) } catch let e as SolverError {
            throw SolverError(e.reason, "\(problem.name)[\(i)]: \(e.message)")
        }
    }
    let workers = max(1, min(threads, count))
    if workers == 1 { return try (0..<count).map(solveOne) }
    let slots = MetricSolutionSlots(count: count)
    DispatchQueue.concurrentPerform(iterations: workers) { w in
        var i = w
        while i < count {
            slots.set(i, Result { try solveOne(i) })
            i += workers
        }
    }
    return try (0..<count).map { try slots.get($0).get() }
}

/// Per-index result slots written by disjoint workers.
///
/// `@unchecked Sendable`: each index is written by exactly one worker and read only after
/// `concurrentPerform` returns, so no two threads touch the same slot concurrently.
private final class MetricSolutionSlots: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<Result<Solution, any Error>?>
    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }
    deinit {
        slots.deinitialize()
        slots.deallocate()
    }
    func set(_ i: Int, _ r: Result<Solution, any Error>) { slots[i] = r }
    func get(_ i: Int) -> Result<Solution, any Error> { slots[i]! }
}
