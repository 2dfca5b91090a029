import DFLBenchmarks
import DFLReport
import DFLTraining

/// The training run behind every cell of ``SmoothingTableOne`` and ``SmoothingScaling``: one
/// (row, column, seed) trained on its own data, the unit a reproduction plan runs and the run
/// store keeps.
enum SmoothingSweep {
    /// Trains one column on one row and seed and returns its result.
    ///
    /// `configure` sets the column's method and layer settings on a configuration that already holds
    /// the shared ones (epochs, batch, step size, seed, threads, the row's smoothing).
    static func cell(
        _ b: SmoothingBenchmark, column: String, seed: UInt64, settings s: SmoothingTableOne.Settings, threads: Int,
        configure: (inout TrainingConfiguration) -> Void
    ) throws -> SmoothingTableOne.Result {
        let (oracle, train, test) = try b.problem.makeData(
            train: s.train, test: s.test, features: s.features, degree: 6, noise: 0.5, seed: seed, threads: threads)
        let relaxed = try b.problem.relaxation(
            train: s.train, test: s.test, features: s.features, degree: 6, noise: 0.5, seed: seed)
        var c = TrainingConfiguration()
        c.epochs = s.epochs
        c.batchSize = s.batchSize
        c.learningRate = s.learningRate
        c.seed = seed
        c.threads = threads
        c.evaluateEvery = s.epochs
        c.hyperparameters.smoothing = b.smoothing
        configure(&c)
        let trainer = try Trainer(
            configuration: c, featureCount: train.featureCount, oracle: oracle, relaxation: relaxed)
        let r = try trainer.fit(train: train, test: test)
        return SmoothingTableOne.Result(
            benchmark: b.label, method: column, seed: seed, meanRelativeRegret: r.meanRelativeRegret,
            normalizedRegret: r.normalizedRegret, secondsPerEpoch: r.secondsPerEpoch)
    }

    /// Every (row, seed, column) of `rows` × `settings.seeds` × `columns` in that order, run in
    /// this process (`dfl reproduce smoothing` runs them as a plan instead).
    static func run(
        rows: [SmoothingBenchmark], columns: [String], settings s: SmoothingTableOne.Settings, threads: Int,
        log: (String) -> Void, configure: (inout TrainingConfiguration, SmoothingBenchmark, _ column: Int) -> Void
    ) throws -> [SmoothingTableOne.Result] {
        var results: [SmoothingTableOne.Result] = []
        let total = rows.count * columns.count * s.seeds.count
        for b in rows {
            for seed in s.seeds {
                for k in columns.indices {
                    let r = try cell(b, column: columns[k], seed: seed, settings: s, threads: threads) {
                        configure(&$0, b, k)
                    }
                    results.append(r)
                    log(
                        "[\(results.count)/\(total)] \(b.label) \(columns[k]) seed \(seed): \(formatFixed(r.meanRelativeRegret, digits: 4)) (\(formatFixed(r.secondsPerEpoch, digits: 3)) s/epoch)"
                    )
                }
            }
        }
        return results
    }

    /// Mean ± sd over seeds of `key` for one (row, column), or nil when no run finished.
    static func statistics(
        _ results: [SmoothingTableOne.Result], row: String, column: String,
        _ key: KeyPath<SmoothingTableOne.Result, Double>
    ) -> SampleStatistics? {
        let rs = results.filter { $0.benchmark == row && $0.method == column }
        return rs.isEmpty ? nil : SampleStatistics(rs.map { $0[keyPath: key] })
    }
}
