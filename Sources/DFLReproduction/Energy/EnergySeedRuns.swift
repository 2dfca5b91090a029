import DFLReport

/// The seed loop shared by the COVID-19 and security-game comparisons: each seed is taken from the
/// journal when all its methods finished there, or trained, recorded and logged; then every method is
/// summarised over the seeds beside the paper's claim.
enum EnergySeedRuns {
    /// One method's outcome on one seed: name, metric, training seconds per epoch.
    typealias Run = (method: String, value: Double, secondsPerEpoch: Double)

    /// Runs `body` for every seed of `seeds` not complete in `journal` under `part`.
    ///
    /// `describe(value, secondsPerEpoch)` words a run for the log (`secondsPerEpoch` is nil for a run
    /// taken from the journal).
    static func run(
        part: String, methods: [String], seeds: [UInt64], journal: EnergyRunJournal?, paper: [String: String],
        log: (String) -> Void, describe: (Double, Double?) -> String, body: (UInt64) throws -> [Run]
    ) throws -> [EnergyMethodSummary] {
        var values: [String: [Double]] = [:], seconds: [String: [Double]] = [:]
        for seed in seeds {
            if let done = journal?.entries(part: part, seed: seed, methods: methods) {
                for e in done {
                    values[e.method, default: []].append(e.value)
                    seconds[e.method, default: []].append(e.secondsPerEpoch)
                    log("  seed \(seed) \(e.method): \(describe(e.value, nil)) (from journal)")
                }
                continue
            }
            for r in try body(seed) {
                values[r.method, default: []].append(r.value)
                seconds[r.method, default: []].append(r.secondsPerEpoch)
                try journal?.record(
                    part: part, seed: seed, method: r.method, value: r.value, secondsPerEpoch: r.secondsPerEpoch)
                log("  seed \(seed) \(r.method): \(describe(r.value, r.secondsPerEpoch))")
            }
        }
        return methods.map { m in
            EnergyMethodSummary(
                method: m, values: values[m] ?? [], secondsPerEpoch: SampleStatistics.mean(seconds[m] ?? []),
                paper: paper[m])
        }
    }
}
