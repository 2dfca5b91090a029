import Dispatch

/// Evaluates `body(i)` for every `i` in `0..<count` and returns the results in input order — the one
/// parallel map of DFLKit (batch solves, layer forward and backward passes, benchmark sweeps).
///
/// At most `threads` indices run at once, on workers that take interleaved indices
/// (`w, w + workers, …`); `threads ≤ 1` (or `count ≤ 1`) runs in order on the calling thread. The
/// default leaves the width to Dispatch (one worker per core). On several workers every index is
/// evaluated even when one fails; in order, the map stops at the first failure. The results never
/// depend on the number of workers when `body(i)` depends only on `i`.
///
/// - Parameters:
///   - count: Number of indices.
///   - threads: Largest number of indices evaluated at the same time.
///   - name: When given, a ``SolverError`` thrown for index `i` has its message prefixed with
///     `name[i]: ` (the instance named in the error).
///   - body: The work for one index.
/// - Returns: `body(0), body(1), …` in input order.
/// - Throws: the error of the lowest failing index.
public func parallelMap<T: Sendable>(
    _ count: Int, threads: Int = .max, name: String? = nil, _ body: @Sendable (Int) throws -> T
) throws -> [T] {
    if count <= 0 { return [] }
    @Sendable func labelled(_ i: Int) throws -> T {
        guard let name else { return try body(i) }
        do { return try body(i) } catch let e as SolverError {
            throw SolverError(e.reason, "\(name)[\(i)]: \(e.message)")
        }
    }
    let workers = max(1, min(threads, count))
    if workers == 1 { return try (0..<count).map(labelled) }
    let slots = ResultSlots<T>(count: count)
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
    try parallelMap(count, threads: threads, name: problem.name) { i in
        try solver.solve(problem, costs: Array(costs[(i * dimension)..<((i + 1) * dimension)]))
    }
}

extension Solver {
    /// Solves a batch of cost vectors in parallel on `threads` workers, keeping the input order.
    /// - Throws: the first ``SolverError`` by instance index, naming `problem.name[i]`.
    public func solveBatch(_ problem: Problem, costs: [[Double]], threads: Int = 1) throws -> [Solution] {
        try parallelMap(costs.count, threads: threads, name: problem.name) { i in
            try self.solve(problem, costs: costs[i])
        }
    }
}

/// Per-index result slots written by disjoint workers.
///
/// `@unchecked Sendable`: each index is written by exactly one worker and read only after
/// `concurrentPerform` returns, so no two threads touch the same slot concurrently.
private final class ResultSlots<T>: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<Result<T, any Error>?>
    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }
    deinit {
        slots.deinitialize()
        slots.deallocate()
    }
    func set(_ i: Int, _ r: Result<T, any Error>) { slots[i] = r }
    func get(_ i: Int) -> Result<T, any Error> { slots[i]! }
}
