import DFLOptimization
import Foundation
import Testing

/// A plain error for the first-error check (not a ``SolverError``, so it is never relabelled).
private struct Failure: Error, Equatable {
    let index: Int
}

@Suite("The one parallel map: order, first error by index, instance names, threads")
struct ParallelMapTests {
    @Test(arguments: [1, 2, 3, 7, 64, Int.max])
    func resultsKeepTheInputOrderForAnyThreadCount(threads: Int) throws {
        #expect(try parallelMap(0, threads: threads) { $0 }.isEmpty)
        #expect(try parallelMap(1, threads: threads) { $0 * $0 } == [0])
        #expect(try parallelMap(50, threads: threads) { $0 * $0 } == (0..<50).map { $0 * $0 })
        for grain in [0, 1e-9, parallelGrainSeconds] {
            #expect(
                try parallelMap(50, threads: threads, minimumParallelSeconds: grain) { $0 * $0 }
                    == (0..<50).map { $0 * $0 })
        }
    }

    @Test(arguments: [1, 2, 4, Int.max])
    func theLowestFailingIndexWins(threads: Int) throws {
        let evaluated = Counter()
        #expect(throws: Failure(index: 3)) {
            try parallelMap(40, threads: threads, minimumParallelSeconds: 0) { i -> Int in
                evaluated.increment()
                if i == 3 || i == 17 || i == 39 { throw Failure(index: i) }
                return i
            }
        }
        #expect(evaluated.value == (threads == 1 ? 4 : 40), "in order the map stops at the first failure")
    }

    @Test(arguments: [2, Int.max])
    func aBatchTooSmallToShareRunsInOrder(threads: Int) throws {
        // 40 trivial indices predict far less than an hour of work: evaluated in order, stopping at index 3.
        let evaluated = Counter()
        #expect(throws: Failure(index: 3)) {
            try parallelMap(40, threads: threads, minimumParallelSeconds: 3600) { i -> Int in
                evaluated.increment()
                if i == 3 || i == 17 { throw Failure(index: i) }
                return i
            }
        }
        #expect(evaluated.value == 4)
    }

    @Test func solverErrorsNameTheInstanceOnlyWhenANameIsGiven() throws {
        let failing: @Sendable (Int) throws -> Int = { i in
            if i == 5 { throw SolverError(.infeasible, "no point") }
            return i
        }
        do {
            _ = try parallelMap(8, threads: 2, name: "grid 3x3", failing)
            Issue.record("expected an error")
        } catch let e as SolverError {
            #expect(e.reason == .infeasible && e.message == "grid 3x3[5]: no point")
        }
        do {
            _ = try parallelMap(8, threads: 2, failing)
            Issue.record("expected an error")
        } catch let e as SolverError {
            #expect(e.message == "no point")
        }
    }
}

/// A locked counter for closures that run on several workers.
private final class Counter: @unchecked Sendable {
    private var count = 0
    private let lock = NSLock()
    func increment() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}
