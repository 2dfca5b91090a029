import Dispatch

/// Evaluates `body(i)` for every `i` in `0..<count` and returns the results in input order — the one
/// parallel map of DFLKit (batch solves, layer forward and backward passes, benchmark sweeps).
///
/// The grain follows measured work: the calling thread evaluates indices in order, timing them, until
/// the mean time per index predicts at least `minimumParallelSeconds` of work left; only then does the
/// rest go to at most `threads` workers, which take interleaved indices (`w, w + workers, …`). So a
/// batch too small to repay waking a second thread (a 5×5 shortest-path batch of 32 solves: 40 µs)
/// never runs slower on several threads than on one, and a heavy batch loses at most its first index's
/// worth of parallelism. `threads ≤ 1` (or `count ≤ 1`) runs everything in order; the default leaves
/// the width to Dispatch (one worker per core). Evaluated in order, the map stops at the first failure;
/// once on several workers every remaining index is evaluated even when one fails. The results never
/// depend on the number of workers when `body(i)` depends only on `i`.
///
/// - Parameters:
///   - count: Number of indices.
///   - threads: Largest number of indices evaluated at the same time.
///   - name: When given, a ``SolverError`` thrown for index `i` has its message prefixed with
///     `name[i]: ` (the instance named in the error).
///   - minimumParallelSeconds: Least predicted remaining work that is shared among workers (default
///     ``parallelGrainSeconds``; 0 shares everything from the start).
///   - body: The work for one index.
/// - Returns: `body(0), body(1), …` in input order.
/// - Throws: the error of the lowest failing index.
public func parallelMap<T: Sendable>(
    _ count: Int, threads: Int = .max, name: String? = nil, minimumParallelSeconds: Double = parallelGrainSeconds,
    _ body: @Sendable (Int) throws -> T
) throws -> [T] {
    if count <= 0 { return [] }
    @Sendable func labelled(_ i: Int) throws -> T {
        guard let name else { return try body(i) }
        do { return try body(i) } catch let e as SolverError {
            throw SolverError(e.reason, "\(name)[\(i)]: \(e.message)")
        }
    }
    if max(1, min(threads, count)) == 1 { return try (0..<count).map(labelled) }
    var results: [T] = []
    results.reserveCapacity(count)
    if minimumParallelSeconds > 0 {
        let start = DispatchTime.now().uptimeNanoseconds
        while results.count < count {
            let done = results.count
            if done > 0 {
                let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9
                if elapsed / Double(done) * Double(count - done) >= minimumParallelSeconds { break }
            }
            results.append(try labelled(done))
        }
    }
    let first = results.count, rest = count - first
    if rest == 0 { return results }
    let workers = max(1, min(threads, rest))
    let slots = ResultSlots<T>(count: rest)
    DispatchQueue.concurrentPerform(iterations: workers) { w in
        var k = w
        while k < rest {
            slots.set(k, Result { try labelled(first + k) })
            k += workers
        }
    }
    for k in 0..<rest { results.append(try slots.get(k).get()) }
    return results
}

/// Default least predicted work, in seconds, that ``parallelMap(_:threads:name:minimumParallelSeconds:_:)``
/// shares among workers: waking a second worker and merging its results costs tens of microseconds on
/// an idle machine and more on a loaded one, so work below a fifth of a millisecond runs in order.
public let parallelGrainSeconds = 2e-4

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
