/// The one error type of `DFLMetrics`: inputs whose sizes or values cannot be evaluated.
public struct MetricsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of failure.
    public enum Reason: String, Sendable, Codable {
        /// Array lengths disagree with the instance count or cost dimension.
        case dimensionMismatch
        /// An input holds NaN or infinity.
        case nonFiniteValue
        /// There are no instances to evaluate.
        case empty
    }

    /// The kind of failure.
    public var reason: Reason
    /// What is wrong and where (argument name, instance index).
    public var message: String

    /// Creates an error with a reason and a message.
    public init(_ reason: Reason, _ message: String) {
        self.reason = reason
        self.message = message
    }

    /// A one-line description: `"metrics error (dimensionMismatch): predictedCosts: ..."`.
    public var description: String { "metrics error (\(reason.rawValue)): \(message)" }
}
