import Foundation

/// Result slots written by `concurrentMap`'s workers.
///
/// `@unchecked Sendable`: each index is written by exactly one worker and read only after
/// `concurrentPerform` has returned.
final class ConcurrentResults<T>: @unchecked Sendable {
    var results: [Result<T, any Error>?]
    init(_ n: Int) { results = Array(repeating: nil, count: n) }
    func set(_ i: Int, _ r: Result<T, any Error>) { results[i] = r }
}

/// Applies `body` to `0..<count` on all cores and returns the results in order; rethrows the
/// first error (by index).
func concurrentMap<T: Sendable>(_ count: Int, _ body: @Sendable (Int) throws -> T) throws -> [T] {
    guard count > 0 else { return [] }
    let box = ConcurrentResults<T>(count)
    let chunks = min(count, max(ProcessInfo.processInfo.activeProcessorCount, 1) * 4)
    // Pre-size so workers only replace elements (no reallocation while writing).
    box.results.withUnsafeMutableBufferPointer { buffer in
        nonisolated(unsafe) let base = buffer
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            var i = c
            while i < count {
                base[i] = Result { try body(i) }
                i += chunks
            }
        }
    }
    return try box.results.map { try $0!.get() }
}
