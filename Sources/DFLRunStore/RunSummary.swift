import DFLReport

/// One cell of the comparison table: a metric's mean ± sd over the seeds of a (problem, method).
public struct RunSummary: Sendable, Equatable {
    /// The problem.
    public var problem: String
    /// The method.
    public var method: String
    /// The metric summarized.
    public var metric: String
    /// Count, mean and sample standard deviation over the runs.
    public var statistics: SampleStatistics

    /// The summaries of `metric` over the finished runs of `runs` that hold it, one per (problem,
    /// method) in that order, the values taken in seed order: what ``RunStore/summary(metric:)``
    /// computes from a store, here from records in memory (`dfl compare` on result files).
    public static func summaries(of runs: [RunRecord], metric: String) -> [RunSummary] {
        let ordered = runs.filter { $0.status == .finished }.sorted {
            ($0.problem, $0.method, $0.seed) < ($1.problem, $1.method, $1.seed)
        }
        return group(ordered.compactMap { r in r.metrics[metric].map { (r.problem, r.method, $0) } }, metric: metric)
    }

    /// One summary per run of equal (problem, method) in `values` (sorted by problem, then method).
    static func group(_ values: [(problem: String, method: String, value: Double)], metric: String) -> [RunSummary] {
        var groups: [(problem: String, method: String, values: [Double])] = []
        for (problem, method, value) in values {
            if let last = groups.indices.last, groups[last].problem == problem, groups[last].method == method {
                groups[last].values.append(value)
            } else {
                groups.append((problem, method, [value]))
            }
        }
        return groups.map {
            RunSummary(problem: $0.problem, method: $0.method, metric: metric, statistics: SampleStatistics($0.values))
        }
    }
}
