import DFLTensor
import Foundation

/// The three learning-to-rank losses of Mandi et al. 2022 ("Decision-focused learning: through the
/// lens of learning to rank", ICML), over the solution pool S, as PyEPO implements them.
public struct LearningToRank: DecisionLoss {
    /// Which ranking loss.
    public enum Kind: String, Sendable, CaseIterable {
        /// `mean_{w∈S} ((c − ĉ)ᵀw)²`.
        case pointwise
        /// `Σ_{w∈S} relu(ĉᵀw_best − ĉᵀw) / (|S| − 1)`, `w_best` best in S under the true c (minimization).
        case pairwise
        /// Cross-entropy between `softmax(−Sĉ/τ)` and `softmax(−Sc/τ)` (minimization; τ = 1).
        case listwise
    }

    /// The variant.
    public var kind: Kind
    /// Listwise temperature τ.
    public var temperature: Double
    /// `"ltr-pointwise"`, `"ltr-pairwise"` or `"ltr-listwise"`.
    public var name: String { "ltr-" + kind.rawValue }
    /// Uses the pool.
    public var needsPool: Bool { true }

    /// Creates the loss.
    public init(_ kind: Kind, temperature: Double = 1) {
        self.kind = kind
        self.temperature = temperature
    }

    /// Batch-mean ranking loss (ordinary autodiff through the pool scores).
    public func callAsFunction(_ predicted: Variable, batch: LossBatch, context: LossContext) throws -> Variable {
        let pooled = try PooledPredictions(predicted, batch, context, loss: name)
        let members = pooled.members, s = pooled.sign
        let P = members.count, d = batch.dimension
        let poolT = Tensor(shape: [P, d], scalars: members.flatMap { $0 }).transposed()  // [d, P]
        let trueCosts = Tensor(shape: [batch.count, d], scalars: batch.costs)
        let predScores = matmul(predicted, Variable(poolT))  // [B, P]
        let trueScores = trueCosts.matmul(poolT)  // [B, P]
        switch kind {
        case .pointwise:
            return mean(square(Variable(trueScores) - predScores))
        case .pairwise:
            guard P > 1 else { return sum(predScores) * 0 }
            // Best pool member under the true costs, per instance.
            let best = (0..<batch.count).map { i in
                (0..<P).min { s * trueScores.scalars[i * P + $0] < s * trueScores.scalars[i * P + $1] }!
            }
            var mask = [Double](repeating: 0, count: batch.count * P)
            for i in 0..<batch.count { mask[i * P + best[i]] = 1 }
            let bestScore = sum(predScores * Tensor(shape: [batch.count, P], scalars: mask), axis: 1, keepDims: true)
            let margins = relu((bestScore - predScores) * s)
            return sum(margins) / Double(batch.count * (P - 1))
        case .listwise:
            let logQ = logSoftmax(predScores * (-s / temperature), axis: 1)
            var target = Tensor.zeros([batch.count, P])
            for i in 0..<batch.count {
                let z = (0..<P).map { -s * trueScores.scalars[i * P + $0] / temperature }
                let m = z.max()!
                let e = z.map { Foundation.exp($0 - m) }
                let tot = e.reduce(0, +)
                for k in 0..<P { target.scalars[i * P + k] = max(e[k] / tot, 1e-8) }
            }
            return -sum(logQ * target) / Double(batch.count)
        }
    }
}
