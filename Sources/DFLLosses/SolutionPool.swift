import DFLOptimization
import DFLRandom
import Foundation

/// A growing set of distinct feasible decisions, for the contrastive (NCE, CMAP) and
/// learning-to-rank losses and for solution caching (PyEPO `solve_ratio`).
///
/// Seeded from the training labels; a decision is new when its L1 distance to every member exceeds
/// `min(1e-4·d, 0.1)`. `@unchecked Sendable`: all state is behind a lock.
public final class SolutionPool: @unchecked Sendable {
    private var members: [[Double]] = []
    fileprivate let lock = NSLock()
    fileprivate var coin: SeededGenerator
    /// Probability that a loss calls the solver (and grows the pool) on a batch.
    public let solveRatio: Double

    /// Creates a pool from initial decisions.
    public init(initial: [[Double]], solveRatio: Double = 1, seed: UInt64 = 135) {
        self.solveRatio = solveRatio
        self.coin = SeededGenerator(seed: seed)
        for w in initial { _ = insert(w) }
    }

    /// The members, in insertion order.
    public var decisions: [[Double]] {
        lock.lock()
        defer { lock.unlock() }
        return members
    }

    /// Number of members.
    public var count: Int { decisions.count }

    /// Adds `w` unless a member is within the duplicate tolerance; returns whether it was added.
    @discardableResult
    public func insert(_ w: [Double]) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        let tol = min(1e-4 * Double(w.count), 0.1)
        for p in members {
            var d = 0.0
            for j in 0..<w.count { d += abs(p[j] - w[j]) }
            if d <= tol { return false }
        }
        members.append(w)
        return true
    }

    /// One coin flip: whether this batch should call the solver.
    public func shouldSolve() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return solveRatio >= 1 || coin.uniform() < solveRatio
    }
}

extension SolutionPool {
    /// Restarts the coin from `seed` (the trainer reseeds per epoch so a resumed run flips the same coins).
    public func reseed(_ seed: UInt64) {
        lock.lock()
        defer { lock.unlock() }
        coin = SeededGenerator(seed: seed)
    }

    /// The member with the best objective under `costs` (argmin for `sign` = +1, argmax for −1).
    public func best(for costs: [Double], sign: Double) -> [Double]? {
        let members = decisions
        return members.min { sign * dot(costs, $0) < sign * dot(costs, $1) }
    }
}

extension DecisionOracle {
    /// Solution caching (Mulamba et al. 2021; PyEPO's `solve_ratio`): each call flips the pool's
    /// coin; on "solve" it calls this oracle and adds the decision to `pool`, otherwise it returns
    /// the best pooled decision. Training only: evaluation always uses the exact oracle.
    public func cached(by pool: SolutionPool) -> DecisionOracle {
        let exact = self
        let sign = sense.sign
        return DecisionOracle(costDimension: costDimension, sense: sense, name: name + " (cached)", threads: threads) { c in
            if pool.count == 0 || pool.shouldSolve() {
                let s = try exact.solve(c)
                pool.insert(s.decision)
                return s
            }
            let w = pool.best(for: c, sign: sign)!
            return Solution(decision: w, objective: dot(c, w))
        }
    }
}
