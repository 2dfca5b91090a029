/// Perfect bipartite matching (the assignment problem) on an `n × n` complete bipartite graph.
///
/// Costs and decisions are row-major `n²` vectors: entry `i·n + j` is the edge from left node `i`
/// to right node `j`. Each left and each right node is matched exactly once.
public struct BipartiteMatching: LinearProgramRepresentable, Codable, Equatable {
    /// Nodes per side.
    public let size: Int
    /// Minimize (cost) or maximize (weight).
    public let sense: ObjectiveSense

    /// Creates an `n × n` assignment problem.
    /// - Throws: ``SolverError`` `.invalidModel` when `size < 1`.
    public init(size: Int, sense: ObjectiveSense = .maximize) throws {
        guard size >= 1 else { throw SolverError(.invalidModel, "matching: size must be ≥ 1") }
        self.size = size
        self.sense = sense
    }

    enum CodingKeys: String, CodingKey { case size, sense }

    /// Decodes and validates (a malformed file throws, it does not trap).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            size: try c.decode(Int.self, forKey: .size), sense: try c.decode(ObjectiveSense.self, forKey: .sense))
    }

    /// `n²`.
    public var costDimension: Int { size * size }
    /// `"matching NxN"`.
    public var name: String { "matching \(size)x\(size)" }

    /// Row and column sums equal one; `0 ≤ w ≤ 1` (the LP relaxation is integral).
    public func asMILP(costs: [Double]?) -> MixedIntegerProgram {
        let n = size, d = n * n
        var A: [[Double]] = []
        for i in 0..<n {
            var row = [Double](repeating: 0, count: d)
            for j in 0..<n { row[i * n + j] = 1 }
            A.append(row)
        }
        for j in 0..<n {
            var row = [Double](repeating: 0, count: d)
            for i in 0..<n { row[i * n + j] = 1 }
            A.append(row)
        }
        return MixedIntegerProgram(
            objective: costs ?? [Double](repeating: 0, count: d), sense: sense,
            equalityMatrix: A, equalityRHS: [Double](repeating: 1, count: 2 * n),
            lowerBounds: [Double](repeating: 0, count: d), upperBounds: [Double](repeating: 1, count: d),
            integrality: [Bool](repeating: true, count: d))
    }
}
