/// Which way a validation score improves.
public enum ScoreDirection: String, Sendable, Codable {
    /// Lower is better (regret, task loss, NLL).
    case lowerIsBetter
    /// Higher is better (utility).
    case higherIsBetter

    /// Whether `score` beats `best` by more than `margin` (strictly).
    public func improves(_ score: Double, on best: Double, by margin: Double = 0) -> Bool {
        switch self {
        case .lowerIsBetter: return score < best - margin
        case .higherIsBetter: return score > best + margin
        }
    }

    /// The score every real score beats.
    public var worst: Double { self == .lowerIsBetter ? .infinity : -.infinity }
}
