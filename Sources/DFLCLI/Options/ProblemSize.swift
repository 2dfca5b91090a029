/// The sizes of an optimization problem that decide how much memory a run needs: its decision
/// variables (the cost dimension `d`) and the constraints of its LP relaxation (`m`). Feeds
/// ``MemoryBudget``, before anything of that size is allocated.
struct ProblemSize {
    /// The problem, as the user named it (`shortest path 1000x1000`).
    var name: String
    /// Decision variables `d` (costs per instance).
    var variables: Int
    /// Constraints `m` of the LP relaxation.
    var constraints: Int

    /// A `rows × columns` grid: `rows·(columns−1) + columns·(rows−1)` arcs, one flow row per node.
    static func shortestPath(rows: Int, columns: Int) -> ProblemSize {
        ProblemSize(
            name: "shortest path \(rows)x\(columns)",
            variables: MemoryBudget.sum(
                MemoryBudget.product(rows, max(columns - 1, 0)), MemoryBudget.product(columns, max(rows - 1, 0))),
            constraints: MemoryBudget.product(rows, columns))
    }

    /// The data of `instances` instances with `features` features each: features, true costs,
    /// optimal decisions and objectives, in doubles.
    func dataDemand(instances: Int, features: Int) -> MemoryDemand {
        MemoryDemand(
            "the data (\(instances) instances × \(features) features and \(variables) costs)",
            doubles: MemoryBudget.product(instances, MemoryBudget.sum(features, variables, variables, 1)))
    }

    /// The predictor `features → hidden… → d` (values, gradients and two optimizer moments) and
    /// one batch's activations and their gradients.
    func modelDemands(features: Int, hidden: [Int], batch: Int) -> [MemoryDemand] {
        let widths = [features] + hidden + [variables]
        let weights = MemoryBudget.sum(
            zip(widths, widths.dropFirst()).map { MemoryBudget.sum(MemoryBudget.product($0, $1), $1) })
        let layout = widths.map(String.init).joined(separator: "→")
        return [
            MemoryDemand("the predictor \(layout)", doubles: MemoryBudget.product(weights, 4)),
            MemoryDemand(
                "a batch of \(batch) through the predictor \(layout)",
                doubles: MemoryBudget.product(batch, MemoryBudget.sum(widths), 4)),
        ]
    }

    /// The smoothed layers on the LP relaxation: the dense constraint matrix and, per worker, a
    /// dense KKT system of `(d + m)²` with its factor, plus the batch's solutions.
    func smoothedLayerDemands(batch: Int, threads: Int) -> [MemoryDemand] {
        let n = MemoryBudget.sum(variables, constraints)
        return [
            MemoryDemand(
                "the LP relaxation of \(name) (\(constraints) × \(variables) matrix)",
                doubles: MemoryBudget.product(constraints, variables, 2)),
            MemoryDemand(
                "the smoothed QP layer on \(name) (\(n) × \(n) KKT system per worker)",
                doubles: MemoryBudget.product(n, n, 2, max(threads, 1))),
            MemoryDemand("a batch of \(batch) layer solutions", doubles: MemoryBudget.product(batch, n, 4)),
        ]
    }

    /// The perturbed methods' `samples` solutions per instance of a batch.
    func perturbationDemand(samples: Int, batch: Int) -> MemoryDemand {
        MemoryDemand(
            "\(samples) perturbation samples × a batch of \(batch) × \(variables) costs",
            doubles: MemoryBudget.product(samples, batch, variables, 3))
    }
}
