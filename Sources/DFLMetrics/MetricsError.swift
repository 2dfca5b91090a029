import DFLErrors

/// The kinds of ``MetricsError``: `"metrics error (dimensionMismatch): predictedCosts: ..."`.
public enum MetricsFailure: String, Sendable, Codable, ErrorDomain {
    /// Array lengths disagree with the instance count or cost dimension.
    case dimensionMismatch
    /// An input holds NaN or infinity.
    case nonFiniteValue
    /// There are no instances to evaluate.
    case empty

    /// `"metrics"`.
    public static let name = "metrics"
}

/// The one error type of `DFLMetrics`: inputs whose sizes or values cannot be evaluated.
public typealias MetricsError = DomainError<MetricsFailure>
