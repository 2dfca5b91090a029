/// The linear objective `cᵀw` of a decision (no offset).
/// - Precondition: `decision` and `costs` have the same length (a programmer error otherwise).
public func objective(of decision: [Double], costs: [Double]) -> Double {
    precondition(
        decision.count == costs.count, "objective(of:costs:): \(decision.count) decision entries, \(costs.count) costs")
    var total = 0.0
    decision.withUnsafeBufferPointer { w in
        costs.withUnsafeBufferPointer { c in
            for j in 0..<c.count { total += c[j] * w[j] }
        }
    }
    return total
}

extension Solution {
    /// A solution whose objective is `cᵀw` of `decision` under `costs`.
    /// - Precondition: equal lengths.
    public init(decision: [Double], costs: [Double]) {
        self.init(decision: decision, objective: DFLOptimization.objective(of: decision, costs: costs))
    }
}

extension ObjectiveSense {
    /// Whether objective value `a` is strictly better than `b` by more than `tolerance`.
    public func isBetter(_ a: Double, than b: Double, tolerance: Double = 0) -> Bool {
        self == .minimize ? a < b - tolerance : a > b + tolerance
    }
}
