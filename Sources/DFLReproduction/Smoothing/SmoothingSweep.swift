import DFLBenchmarks
import DFLReport
import DFLTraining

/// The resumable training loop behind ``SmoothingTableOne`` and ``SmoothingScaling``: every
/// (row, seed, column) that the results CSV does not hold yet is trained and appended at once.
enum SmoothingSweep {
    /// Runs the missing (row, seed, column) triples and returns all results (old and new).
    ///
    /// `configure` sets a column's method and layer settings on a configuration that already holds
    /// the shared ones (epochs, batch, step size, seed, threads, the row's smoothing).
    static func run(
        rows: [SmoothingBenchmark], columns: [String], settings s: SmoothingTableOne.Settings, signature: String,
        csvPath: String, threads: Int, log: (String) -> Void,
        configure: (inout TrainingConfiguration, SmoothingBenchmark, _ column: Int) -> Void
    ) throws -> [SmoothingTableOne.Result] {
        var results = try ResultsCSV.open(csvPath, signature: signature)
        let total = rows.count * columns.count * s.seeds.count
        var done = 0
        for b in rows {
            for seed in s.seeds {
                let missing = columns.indices.filter { k in
                    !results.contains { $0.benchmark == b.label && $0.method == columns[k] && $0.seed == seed }
                }
                done += columns.count - missing.count
                if missing.isEmpty { continue }
                let (oracle, train, test) = try b.problem.makeData(
                    train: s.train, test: s.test, features: s.features, degree: 6, noise: 0.5, seed: seed,
                    threads: threads)
                let relaxed = try b.problem.relaxation(
                    train: s.train, test: s.test, features: s.features, degree: 6, noise: 0.5, seed: seed)
                for k in missing {
                    var c = TrainingConfiguration()
                    c.epochs = s.epochs
                    c.batchSize = s.batchSize
                    c.learningRate = s.learningRate
                    c.seed = seed
                    c.threads = threads
                    c.evaluateEvery = s.epochs
                    c.hyperparameters.smoothing = b.smoothing
                    configure(&c, b, k)
                    let trainer = try Trainer(
                        configuration: c, featureCount: train.featureCount, oracle: oracle, relaxation: relaxed)
                    let r = try trainer.fit(train: train, test: test)
                    let result = SmoothingTableOne.Result(
                        benchmark: b.label, method: columns[k], seed: seed, meanRelativeRegret: r.meanRelativeRegret,
                        normalizedRegret: r.normalizedRegret, secondsPerEpoch: r.secondsPerEpoch)
                    try ResultsCSV.append(result, to: csvPath)
                    results.append(result)
                    done += 1
                    log(
                        "[\(done)/\(total)] \(b.label) \(columns[k]) seed \(seed): \(formatFixed(r.meanRelativeRegret, digits: 4)) (\(formatFixed(r.secondsPerEpoch, digits: 3)) s/epoch)"
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
