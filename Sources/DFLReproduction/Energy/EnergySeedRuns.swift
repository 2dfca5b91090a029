import DFLReport

/// The per-seed runs of the So-EBM reproduction's parts and their summaries: every part trains its
/// methods together on one seed (a plan cell), and the report summarises each method over the seeds
/// beside the paper's claim.
enum EnergySeedRuns {
    /// One method's outcome on one seed: name, metric, training seconds per epoch.
    typealias Run = (method: String, value: Double, secondsPerEpoch: Double)

    /// Each method of `methods` summarised over `runs` (one list per seed, in seed order).
    static func summaries(methods: [String], runs: [[Run]], paper: [String: String]) -> [EnergyMethodSummary] {
        methods.map { m in
            let mine = runs.flatMap { $0.filter { $0.method == m } }
            return EnergyMethodSummary(
                method: m, values: mine.map(\.value),
                secondsPerEpoch: SampleStatistics.mean(mine.map(\.secondsPerEpoch)),
                paper: paper[m])
        }
    }
}
