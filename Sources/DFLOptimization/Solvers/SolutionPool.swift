import DFLRandom
import Foundation

/// A growing set of distinct feasible decisions with a seeded coin — the one solution cache of
/// DFLKit: the pool of the contrastive (NCE, CMAP) and learning-to-rank losses, and solution
/// caching (Mulamba et al. 2021; PyEPO's `solve_ratio`) through ``solve(_:sense:name:exact:)``,
/// which ``CachedSolver`` and ``DecisionOracle/cached(by:)`` wrap.
///
/// Seeded from the training labels; a decision is new when its L1 distance to every member of the
/// same length exceeds `min(1e-4·d, 0.1)`, as in PyEPO. The pool only grows. `@unchecked Sendable`:
/// the members, the coin and the counters are behind a lock, so one pool may be shared by the
/// worker threads of a batch.
public final class SolutionPool: @unchecked Sendable {
    private var members: [[Double]] = []
    private let lock = NSLock()
    private var coin: SeededGenerator
    private var calls = 0
    private var hits = 0
    /// Probability that a cached solve (or a loss's batch) calls the exact solver, in [0, 1].
    public let solveRatio: Double

    /// Creates a pool from initial decisions (e.g. the training labels).
    public init(initial: [[Double]], solveRatio: Double = 1, seed: UInt64 = 135) {
        self.solveRatio = solveRatio
        self.coin = SeededGenerator(seed: seed)
        for w in initial { _ = insert(w) }
    }

    /// The members, in insertion order.
    public var decisions: [[Double]] { locked { members } }

    /// Number of members.
    public var count: Int { locked { members.count } }

    /// Number of exact-solver calls made by ``solve(_:sense:name:exact:)`` so far.
    public var solverCalls: Int { locked { calls } }

    /// Number of answers ``solve(_:sense:name:exact:)`` served from the pool so far.
    public var cacheHits: Int { locked { hits } }

    /// Adds `w` unless a member is within the duplicate tolerance; returns whether it was added.
    @discardableResult
    public func insert(_ w: [Double]) -> Bool { locked { insertLocked(w) } }

    /// One coin flip: whether this batch should call the solver (no flip when `solveRatio ≥ 1`).
    public func shouldSolve() -> Bool { locked { flipLocked() } }

    /// Restarts the coin from `seed` (the trainer reseeds per epoch so a resumed run flips the same coins).
    public func reseed(_ seed: UInt64) { locked { coin = SeededGenerator(seed: seed) } }

    /// The member with the best objective under `costs` (argmin for `sign` = +1, argmax for −1;
    /// the first one on ties), or `nil` for an empty pool.
    public func best(for costs: [Double], sign: Double) -> [Double]? {
        let members = decisions
        return members.min {
            sign * DecisionOracle.objective(costs, $0) < sign * DecisionOracle.objective(costs, $1)
        }
    }

    /// One cached solve: while the pool is empty, or when the coin says so, calls `exact` and pools
    /// its decision; otherwise answers with the best member under `costs` and its objective `cᵀw`.
    /// - Throws: `exact`'s errors, or ``SolverError`` `.invalidModel` naming `name` when a member's
    ///   length differs from `costs`'s.
    public func solve(
        _ costs: [Double], sense: ObjectiveSense, name: String, exact: () throws -> Solution
    ) throws -> Solution {
        let useSolver: Bool = try locked {
            if let bad = members.firstIndex(where: { $0.count != costs.count }) {
                throw SolverError(
                    .invalidModel,
                    "\(name): pooled solution \(bad) has \(members[bad].count) entries, expected \(costs.count)")
            }
            return members.isEmpty || flipLocked()
        }
        if useSolver {
            let s = try exact()
            locked {
                _ = insertLocked(s.decision)
                calls += 1
            }
            return s
        }
        locked { hits += 1 }
        let w = best(for: costs, sign: sense.sign)!
        return Solution(decision: w, objective: DecisionOracle.objective(costs, w))
    }

    private func locked<R>(_ body: () throws -> R) rethrows -> R {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    private func flipLocked() -> Bool { solveRatio >= 1 || coin.uniform() < solveRatio }

    private func insertLocked(_ w: [Double]) -> Bool {
        let tol = min(1e-4 * Double(w.count), 0.1)
        for p in members where p.count == w.count {
            var d = 0.0
            for j in 0..<w.count { d += abs(p[j] - w[j]) }
            if d <= tol { return false }
        }
        members.append(w)
        return true
    }
}
