import DFLRandom
import Foundation

/// Solution caching (Mulamba et al. 2021; PyEPO's `solve_ratio`): with probability `solveRatio`
/// call the base solver and add a new solution to the pool; otherwise return the best pooled
/// solution under the given costs.
///
/// Pool rows count as duplicates when their L1 distance is within `min(1e-4·d, 0.1)`, as in PyEPO.
/// The pool only grows. `@unchecked Sendable`: the pool and the coin's generator are guarded by a
/// lock, so one cached solver may be shared by the worker threads of a batch.
public final class CachedSolver<Base: Solver>: Solver, @unchecked Sendable {
    /// The exact solver called on a "solve" coin.
    public let base: Base
    /// Probability of calling the base solver, in [0, 1].
    public let solveRatio: Double
    private var pool: [[Double]]
    private var rng: SeededGenerator
    private let lock = NSLock()
    private var calls = 0
    private var hits = 0
    /// Number of base-solver calls made so far.
    public var solverCalls: Int {
        lock.lock()
        defer { lock.unlock() }
        return calls
    }
    /// Number of answers served from the pool so far.
    public var cacheHits: Int {
        lock.lock()
        defer { lock.unlock() }
        return hits
    }

    /// Creates a caching solver whose pool starts with `initialPool` (e.g. the training labels).
    /// - Precondition: `0 ≤ solveRatio ≤ 1`.
    public init(base: Base, solveRatio: Double, initialPool: [[Double]] = [], seed: UInt64 = 135) {
        precondition((0...1).contains(solveRatio), "solveRatio must be in [0, 1]")
        self.base = base
        self.solveRatio = solveRatio
        self.pool = []
        self.rng = SeededGenerator(seed: seed)
        for w in initialPool { insertLocked(w) }
    }

    /// The pooled solutions.
    public var poolSolutions: [[Double]] {
        lock.lock()
        defer { lock.unlock() }
        return pool
    }

    private func insertLocked(_ w: [Double]) {
        let tol = min(1e-4 * Double(w.count), 0.1)
        for p in pool where p.count == w.count {
            var d = 0.0
            for j in 0..<w.count { d += abs(p[j] - w[j]) }
            if d <= tol { return }
        }
        pool.append(w)
    }

    /// Solves or answers from the pool (always solves while the pool is empty).
    /// - Throws: the base solver's errors, malformed costs, or `.invalidModel` when a pooled
    ///   solution's length differs from the problem's `costDimension`.
    public func solve(_ problem: Base.Problem, costs: [Double]) throws -> Solution {
        try SolverError.validate(costs: costs, expected: problem.costDimension, problem: problem.name)
        lock.lock()
        if let bad = pool.firstIndex(where: { $0.count != costs.count }) {
            let count = pool[bad].count
            lock.unlock()
            throw SolverError(
                .invalidModel,
                "\(problem.name): pooled solution \(bad) has \(count) entries, expected \(costs.count)")
        }
        let useSolver = pool.isEmpty || rng.uniform() < solveRatio
        lock.unlock()
        if useSolver {
            let s = try base.solve(problem, costs: costs)
            lock.lock()
            insertLocked(s.decision)
            calls += 1
            lock.unlock()
            return s
        }
        lock.lock()
        defer { lock.unlock() }
        hits += 1
        let sign = problem.sense.sign
        var best = 0, bestValue = Double.infinity
        for (k, w) in pool.enumerated() {
            var v = 0.0
            for j in 0..<w.count { v += costs[j] * w[j] }
            if sign * v < bestValue { bestValue = sign * v; best = k }
        }
        return Solution(decision: pool[best], objective: sign * bestValue)
    }
}
