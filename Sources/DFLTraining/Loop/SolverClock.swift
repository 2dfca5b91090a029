import DFLOptimization
import Dispatch
import Foundation

/// Measures the wall-clock time during which at least one solver call is running: parallel calls
/// count once, so the total never exceeds the time of the epochs that made them.
final class SolverClock: @unchecked Sendable {
    private let lock = NSLock()
    private var running = 0
    private var since: UInt64 = 0
    private var total: UInt64 = 0

    /// Seconds with at least one call running, so far.
    var seconds: Double {
        lock.lock()
        defer { lock.unlock() }
        return Double(total) / 1e9
    }

    /// Runs `body`, counting its time.
    func time<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        if running == 0 { since = DispatchTime.now().uptimeNanoseconds }
        running += 1
        lock.unlock()
        defer {
            lock.lock()
            running -= 1
            if running == 0 { total += DispatchTime.now().uptimeNanoseconds - since }
            lock.unlock()
        }
        return try body()
    }

    /// `oracle` with every solve timed by this clock.
    func timing(_ oracle: DecisionOracle) -> DecisionOracle {
        DecisionOracle(
            costDimension: oracle.costDimension, sense: oracle.sense, name: oracle.name, threads: oracle.threads
        ) { [self] costs in try time { try oracle.solve(costs) } }
    }
}

/// Seconds since `start` (a `DispatchTime` in nanoseconds).
package func secondsSince(_ start: UInt64) -> Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
