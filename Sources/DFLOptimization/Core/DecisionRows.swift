/// The decisions of `solutions` concatenated row-major (`n × dimension`), as a labelled dataset and
/// an evaluation store them.
/// - Returns: the flat decisions, and the first instance whose decision does not have `dimension`
///   entries (its index and length), if any — the caller reports it with its own error type.
package func concatenatedDecisions(_ solutions: [Solution], dimension: Int)
    -> (decisions: [Double], mismatch: (instance: Int, count: Int)?)
{
    var flat: [Double] = []
    flat.reserveCapacity(solutions.count * dimension)
    for (i, s) in solutions.enumerated() {
        guard s.decision.count == dimension else { return (flat, (i, s.decision.count)) }
        flat.append(contentsOf: s.decision)
    }
    return (flat, nil)
}
