import Foundation

/// A fixed-size buffer that concurrent workers fill at distinct indices.
///
/// `@unchecked Sendable`: each index is written by exactly one iteration of
/// `DispatchQueue.concurrentPerform`, and the buffer is read only after all iterations finish,
/// so there is no concurrent access to the same element.
private final class ResultSlots<T>: @unchecked Sendable {
    let count: Int
    let base: UnsafeMutablePointer<T?>
    init(count: Int) {
        self.count = count
        base = UnsafeMutablePointer<T?>.allocate(capacity: count)
        base.initialize(repeating: nil, count: count)
    }
    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }
    func store(_ value: T, at i: Int) { base[i] = value }
    var slots: [T?] { Array(UnsafeBufferPointer(start: base, count: count)) }
}

/// Evaluates `body(i)` for `i` in `0..<count` on all cores and returns the results in order.
/// - Throws: the error of the lowest failing index (every index is still evaluated).
func parallelMap<T: Sendable>(
    _ count: Int, _ body: @Sendable (Int) throws -> T
) throws -> [T] {
    if count <= 1 { return try (0..<count).map(body) }
    let slots = ResultSlots<Result<T, any Error>>(count: count)
    DispatchQueue.concurrentPerform(iterations: count) { i in
        slots.store(Result { try body(i) }, at: i)
    }
    return try slots.slots.map { slot in
        guard let slot else { preconditionFailure("parallelMap: missing result") }
        return try slot.get()
    }
}
