/// Shortest path on a `rows × columns` grid with PyEPO's node and arc order (docs/pyepo.md, "Grid arc order").
///
/// Nodes are `v = row·columns + col` (row-major); the source is node 0 (top-left), the sink the last
/// node (bottom-right). Arcs go east `(v, v+1)` and south `(v, v+columns)`; row by row, the east
/// arcs of a row come first, then (except on the last row) its south arcs. The decision is the 0/1
/// arc-indicator vector of a source–sink path; minimize `cᵀw`.
public struct ShortestPathGrid: LinearProgramRepresentable, Codable, Equatable {
    /// Number of node rows.
    public let rows: Int
    /// Number of node columns.
    public let columns: Int
    /// Arcs `(from, to)` in PyEPO order.
    public let arcs: [(from: Int, to: Int)]

    /// Creates a grid problem whose size comes from user input (a command line, a file).
    /// - Throws: ``SolverError`` `.invalidModel` unless `rows ≥ 1`, `columns ≥ 1` and there are at
    ///   least two nodes.
    public static func checked(rows: Int, columns: Int) throws -> ShortestPathGrid {
        guard rows >= 1, columns >= 1, rows * columns >= 2 else {
            throw SolverError(
                .invalidModel, "shortest-path: a \(rows)x\(columns) grid needs rows, columns ≥ 1 and at least two nodes"
            )
        }
        return ShortestPathGrid(rows: rows, columns: columns)
    }

    /// Creates a grid problem of a size fixed in code (see ``checked(rows:columns:)`` for user input).
    /// - Precondition: `rows ≥ 1`, `columns ≥ 1`, at least two nodes.
    public init(rows: Int, columns: Int) {
        precondition(rows >= 1 && columns >= 1 && rows * columns >= 2, "grid must have at least two nodes")
        self.rows = rows
        self.columns = columns
        var list: [(from: Int, to: Int)] = []
        for i in 0..<rows {
            for j in 0..<(columns - 1) {
                let v = i * columns + j
                list.append((v, v + 1))
            }
            if i < rows - 1 {
                for j in 0..<columns {
                    let v = i * columns + j
                    list.append((v, v + columns))
                }
            }
        }
        arcs = list
    }

    enum CodingKeys: String, CodingKey { case rows, columns }

    /// Decodes and validates `rows` and `columns` (a malformed file throws, it does not trap).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self = try .checked(
            rows: try c.decode(Int.self, forKey: .rows), columns: try c.decode(Int.self, forKey: .columns))
    }

    /// Encodes `rows` and `columns`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(rows, forKey: .rows)
        try c.encode(columns, forKey: .columns)
    }

    /// Grids are equal when their sizes are.
    public static func == (a: ShortestPathGrid, b: ShortestPathGrid) -> Bool {
        a.rows == b.rows && a.columns == b.columns
    }

    /// Number of nodes.
    public var nodeCount: Int { rows * columns }
    /// Number of arcs, `(rows−1)·columns + (columns−1)·rows`.
    public var costDimension: Int { arcs.count }
    /// Minimization.
    public var sense: ObjectiveSense { .minimize }
    /// `"shortest-path RxC"`.
    public var name: String { "shortest-path \(rows)x\(columns)" }

    /// Flow conservation `A w = b` (node–arc incidence: −1 at the tail, +1 at the head; `b` = −1 at
    /// the source and +1 at the sink, PyEPO's convention), `0 ≤ w ≤ 1`. The rows sum to zero, so one
    /// is redundant; all are kept, as in PyEPO, and consumers that need full row rank remove it.
    public func asMILP(costs: [Double]?) -> MixedIntegerProgram {
        let n = costDimension
        var A = [[Double]](repeating: [Double](repeating: 0, count: n), count: nodeCount)
        for (k, arc) in arcs.enumerated() {
            A[arc.from][k] = -1
            A[arc.to][k] = 1
        }
        var b = [Double](repeating: 0, count: nodeCount)
        b[0] = -1
        b[nodeCount - 1] = 1
        return MixedIntegerProgram(
            objective: costs ?? [Double](repeating: 0, count: n), sense: .minimize,
            equalityMatrix: A, equalityRHS: b,
            lowerBounds: [Double](repeating: 0, count: n), upperBounds: [Double](repeating: 1, count: n),
            integrality: [Bool](repeating: true, count: n))
    }
}
