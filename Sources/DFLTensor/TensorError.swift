/// A problem with user-supplied tensor data (shapes or elements read from files, CLI flags or
/// configuration). Kernels treat shape mismatches between tensors as programmer errors
/// (`precondition`); code that builds tensors from outside data uses the throwing initializers
/// below so that bad input becomes one of these errors instead of a crash.
public enum TensorError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `shape` has a negative extent at `axis`.
    case negativeExtent(shape: [Int], axis: Int, context: String)
    /// The number of scalars does not match the product of the shape.
    case scalarCountMismatch(shape: [Int], expected: Int, actual: Int, context: String)
    /// Row `row` of a nested array has `actual` entries where `expected` were needed.
    case raggedRows(row: Int, expected: Int, actual: Int, context: String)
    /// An element is NaN or infinite.
    case nonFinite(index: Int, value: Double, context: String)

    /// A sentence saying what is wrong and where.
    public var description: String {
        switch self {
        case .negativeExtent(let shape, let axis, let context):
            return "\(context): shape \(shape) has a negative extent on axis \(axis)"
        case .scalarCountMismatch(let shape, let expected, let actual, let context):
            return "\(context): shape \(shape) needs \(expected) scalars, got \(actual)"
        case .raggedRows(let row, let expected, let actual, let context):
            return "\(context): row \(row) has \(actual) entries, expected \(expected) like row 0"
        case .nonFinite(let index, let value, let context):
            return "\(context): element \(index) is \(value), expected a finite number"
        }
    }
}

extension Tensor {
    /// Creates a tensor from outside data, throwing instead of trapping when the data is malformed.
    /// - Parameters:
    ///   - shape: Extent of each axis.
    ///   - scalars: Row-major elements.
    ///   - requireFinite: Also reject NaN and ±∞ elements.
    ///   - context: Where the data came from (a file name, a field), quoted in the error.
    /// - Throws: ``TensorError``.
    public init(
        validatingShape shape: [Int], scalars: [Double], requireFinite: Bool = false,
        context: String = "tensor"
    ) throws {
        if let axis = shape.firstIndex(where: { $0 < 0 }) {
            throw TensorError.negativeExtent(shape: shape, axis: axis, context: context)
        }
        // An extent product beyond Int (a corrupted file) cannot match any scalar count: no overflow trap.
        var expected = 1
        for extent in shape {
            let (product, overflow) = expected.multipliedReportingOverflow(by: extent)
            expected = overflow ? -1 : product
            if overflow { break }
        }
        guard expected == scalars.count else {
            throw TensorError.scalarCountMismatch(
                shape: shape, expected: expected, actual: scalars.count, context: context)
        }
        if requireFinite, let i = scalars.firstIndex(where: { !$0.isFinite }) {
            throw TensorError.nonFinite(index: i, value: scalars[i], context: context)
        }
        self.init(shape: shape, scalars: scalars)
    }

    /// Creates a rank-2 tensor from nested rows read from outside data.
    /// - Throws: ``TensorError/raggedRows(row:expected:actual:context:)`` when rows differ in length,
    ///   ``TensorError/nonFinite(index:value:context:)`` when `requireFinite` and an element is not finite.
    public init(validatingRows rows: [[Double]], requireFinite: Bool = false, context: String = "tensor") throws {
        let width = rows.first?.count ?? 0
        if let bad = rows.firstIndex(where: { $0.count != width }) {
            throw TensorError.raggedRows(row: bad, expected: width, actual: rows[bad].count, context: context)
        }
        try self.init(
            validatingShape: [rows.count, width], scalars: rows.flatMap { $0 },
            requireFinite: requireFinite, context: context)
    }
}
