import Dispatch

/// Runs `solveOne(i)` for `i` in `0..<count` on `threads` workers (interleaved indices) and returns
/// the results in input order. Errors are reported for the lowest failing index; a ``SolverError``'s
/// message is prefixed with `name[i]`.
public func parallelSolve(
    count: Int, threads: Int, name: String, _ solveOne: @escaping @Sendable (Int) throws -> Solution
) throws -> [Solution] {
    if count == 0 { return [] }
    @Sendable func labelled(_ i: Int) throws -> Solution {
        do { return try solveOne(i) } catch let e as SolverError {
            throw SolverError(e.reason, "\(name)[\(i)]: \(e.message)")
        }
    }
    let workers = max(1, min(threads, count))
    if workers == 1 { return try (0..<count).map(labelled) }
    let slots = SolutionSlots(count: count)
    DispatchQueue.concurrentPerform(iterations: workers) { w in
        var i = w
        while i < count {
            slots.set(i, Result { try labelled(i) })
            i += workers
        }
    }
    return try (0..<count).map { try slots.get($0).get() }
}

/// Solves `count` instances whose cost vectors are the rows of the flat row-major `costs`, in
/// parallel on `threads` workers, keeping the input order.
/// - Throws: the first ``SolverError`` by instance index, its message prefixed with `problem.name[i]`.
public func solveRows<S: Solver>(
    solver: S, problem: S.Problem, costs: [Double], dimension: Int, count: Int, threads: Int
) throws -> [Solution] {
    try parallelSolve(count: count, threads: threads, name: problem.name) { i in
        try solver.solve(problem, costs: Array(costs[(i * dimension)..<((i + 1) * dimension)]))
    }
}

extension Solver {
    /// Solves a batch of cost vectors in parallel on `threads` workers, keeping the input order.
    /// - Throws: the first ``SolverError`` by instance index, naming `problem.name[i]`.
    public func solveBatch(_ problem: Problem, costs: [[Double]], threads: Int = 1) throws -> [Solution] {
        try parallelSolve(count: costs.count, threads: threads, name: problem.name) { i in
            try self.solve(problem, costs: costs[i])
        }
    }
}

/// Per-index result slots written by disjoint workers.
///
/// `@unchecked Sendable`: each index is written by exactly one worker and read only after
/// `concurrentPerform` returns, so no two threads touch the same slot concurrently.
private final class SolutionSlots: @unchecked Sendable {
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
