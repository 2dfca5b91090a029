import DFLBenchmarks
import DFLLosses
import DFLNN
import DFLReport
import Foundation

/// Budgets of `dfl reproduce energy` (quick: a few minutes in a release build; full: the paper's scale).
public struct EnergyReproductionBudget: Sendable, Codable, Equatable {
    /// Seeds of the power table and ablation.
    public var seeds: [UInt64]
    /// Power-scheduling settings.
    public var power: PowerTrainingSettings
    /// Training-data ratios of the Fig. 8 sweep and the seeds used there.
    public var sweepRatios: [Double], sweepSeeds: [UInt64]
    /// COVID: days of synthetic data, epochs (two-stage / fine-tuning), Monte-Carlo samples in training.
    public var covidDays: Int, covidTwoStageEpochs: Int, covidEpochs: Int, covidSamples: Int, covidProposals: Int
    /// COVID fine-tuning learning rate (DFL and So-EBM).
    public var covidLearningRate: Double
    /// Security game: epochs (two-stage / So-EBM), proposals, instance counts.
    public var securityTwoStageEpochs: Int, securityEpochs: Int, securityProposals: Int
    /// Train / validation / test instances of the security game.
    public var securityCounts: [Int]

    /// The quick preset (one seed; about 3–4 minutes in release on 2 cores).
    public static var quick: EnergyReproductionBudget {
        var p = PowerTrainingSettings()
        p.twoStageIterations = 200
        p.dflIterations = 5
        p.dflLearningRate = 1e-4
        p.soEBMEpochs = 10
        p.soEBMLearningRate = 1e-4
        p.soEBM.sampleCount = 64
        p.policyIterations = 100
        return EnergyReproductionBudget(
            seeds: [0], power: p, sweepRatios: [0.25, 1], sweepSeeds: [0], covidDays: 300, covidTwoStageEpochs: 40,
            covidEpochs: 6, covidSamples: 16, covidProposals: 64, covidLearningRate: 1e-2, securityTwoStageEpochs: 15,
            securityEpochs: 3,
            securityProposals: 32, securityCounts: [12, 4, 6])
    }

    /// The standard preset: three seeds at the reference budgets for two-stage, So-EBM and
    /// Policy-Net, DFL-QP cut to 100 iterations (at a 10× larger step), a four-point data-ratio sweep on
    /// the same three seeds, and reduced COVID / security-game budgets — about two hours in release on 2 cores.
    public static var standard: EnergyReproductionBudget {
        var p = PowerTrainingSettings()
        p.dflIterations = 100
        p.dflLearningRate = 1e-4
        return EnergyReproductionBudget(
            seeds: [0, 1, 2], power: p, sweepRatios: [0.1, 0.25, 0.5, 1], sweepSeeds: [0, 1, 2], covidDays: 630,
            covidTwoStageEpochs: 100, covidEpochs: 20, covidSamples: 50, covidProposals: 256, covidLearningRate: 1e-3,
            securityTwoStageEpochs: 50, securityEpochs: 10, securityProposals: 256, securityCounts: [35, 5, 10])
    }

    /// The preset called `name` (`quick`, `standard` or `full`).
    /// - Throws: ``BenchmarkError`` `.invalidArgument` for another name.
    public static func preset(named name: String) throws -> EnergyReproductionBudget {
        switch name {
        case "quick": return .quick
        case "standard": return .standard
        case "full": return .full
        default:
            throw BenchmarkError.invalidArgument(name: "budget", reason: "'\(name)' is not quick, standard or full")
        }
    }

    /// A short name: `quick`, `standard`, `full` or `custom`.
    public var presetName: String {
        self == .quick ? "quick" : self == .standard ? "standard" : self == .full ? "full" : "custom"
    }

    /// The full preset (reference-code budgets; hours on a laptop CPU).
    public static var full: EnergyReproductionBudget {
        EnergyReproductionBudget(
            seeds: Array(0..<5), power: PowerTrainingSettings(), sweepRatios: [0.05, 0.1, 0.25, 0.5, 1],
            sweepSeeds: [0, 1, 2],
            covidDays: 630, covidTwoStageEpochs: 200, covidEpochs: 50, covidSamples: 100, covidProposals: 512,
            covidLearningRate: 1e-3,
            securityTwoStageEpochs: 100, securityEpochs: 20, securityProposals: 512, securityCounts: [35, 5, 10])
    }
}

extension EnergyReproductionBudget {
    /// A plan cell's budget: the preset named by `budget`, with `so-ebm-epochs` and
    /// `so-ebm-learning-rate` applied when present (the seeds are the cell's own).
    /// - Throws: ``BenchmarkError`` `.invalidArgument` for an unknown preset or a malformed override.
    public init(planSettings p: [String: String]) throws {
        self = try Self.preset(named: try PlanSettings.string(p, "budget"))
        if let epochs = try PlanSettings.int(p, "so-ebm-epochs") { power.soEBMEpochs = epochs }
        if let rate = try PlanSettings.double(p, "so-ebm-learning-rate") { power.soEBMLearningRate = rate }
    }
}

/// One point of the training-data-ratio sweep.
public struct SweepPoint: Sendable, Codable, Equatable {
    /// Fraction of the training days used.
    public var ratio: Double
    /// Method name.
    public var method: String
    /// Mean and standard deviation of the test task loss over seeds.
    public var mean: Double, standardDeviation: Double
}

/// Everything `dfl reproduce energy` reports.
public struct EnergyReproductionResult: Sendable, Codable {
    /// Whether the quick preset was used.
    public var quick: Bool
    /// Power scheduling: two-stage, DFL-QP, Policy-Net, So-EBM.
    public var power: [EnergyMethodSummary]
    /// Ablation: So-EBM w/o MLE, w/o KL, CD-LD (plus So-EBM for reference).
    public var ablation: [EnergyMethodSummary]
    /// COVID-19 bed allocation: mean 7-day cost per method.
    public var covid: [EnergyMethodSummary]
    /// Network security game: mean defender utility per method.
    public var security: [EnergyMethodSummary]
    /// Fig. 8 sweep.
    public var sweep: [SweepPoint]
    /// The sweep as an SVG line chart.
    public var sweepSVG: String
    /// A markdown report with every table beside the paper's numbers.
    public var markdown: String
    /// Wall-clock seconds of the whole run.
    public var seconds: Double
}

/// The sections of the So-EBM reproduction (`dfl reproduce energy --part ...`).
public enum EnergyPart: String, CaseIterable, Sendable {
    /// Power-scheduling table and ablation.
    case power
    /// Training-data-ratio sweep (Fig. 8).
    case sweep
    /// COVID-19 bed allocation.
    case covid
    /// Network security game.
    case security
}

/// One cell of the So-EBM reproduction's plan: a part trained on one seed (all its methods
/// together, as they share the two-stage model), and for the data-ratio sweep the ratio.
public struct EnergyCell: Sendable, Hashable {
    /// The part: `power` (table and ablation), `sweep` (one training-data ratio), `covid`, `security`.
    public var part: String
    /// The training-data ratio of a `sweep` cell (`nil` otherwise).
    public var ratio: Double?
    /// The seed.
    public var seed: UInt64

    /// Creates a cell.
    public init(part: String, ratio: Double? = nil, seed: UInt64) {
        self.part = part
        self.ratio = ratio
        self.seed = seed
    }

    /// The cells `budget` needs for `parts`, in the order the reproduction runs them (the sweep's
    /// full-data point reuses the power cells when its seeds are among the table's).
    public static func cells(of b: EnergyReproductionBudget, parts: Set<EnergyPart>) -> [EnergyCell] {
        var out: [EnergyCell] = []
        if parts.contains(.power) { out += b.seeds.map { EnergyCell(part: "power", seed: $0) } }
        if parts.contains(.sweep) {
            for ratio in b.sweepRatios where !(ratio >= 1 && reusesPower(b, parts: parts)) {
                out += b.sweepSeeds.map { EnergyCell(part: "sweep", ratio: ratio, seed: $0) }
            }
        }
        for (part, name) in [(EnergyPart.covid, "covid"), (.security, "security")] where parts.contains(part) {
            out += b.seeds.map { EnergyCell(part: name, seed: $0) }
        }
        return out
    }

    /// Whether the sweep's full-data point is read from the power table's runs.
    static func reusesPower(_ b: EnergyReproductionBudget, parts: Set<EnergyPart>) -> Bool {
        parts.contains(.power) && !b.seeds.isEmpty && Set(b.sweepSeeds).isSubset(of: Set(b.seeds))
    }

    /// The power table's methods (table and ablation), in the report's order.
    static let powerMethods: [PowerMethod] = [
        .twoStage, .dflQP, .policyNet, .soEBM, .soEBMWithoutMLE, .soEBMWithoutKL, .soEBMLangevin,
    ]

    /// Trains the cell: every method of its part on its seed, as (method, metric, seconds per epoch).
    /// - Throws: ``BenchmarkError`` for an unknown part or a `sweep` cell without a ratio; training errors.
    public func run(
        budget b: EnergyReproductionBudget, dataset: () throws -> PowerDataset, log: (String) -> Void = { _ in }
    ) throws -> [(method: String, value: Double, secondsPerEpoch: Double)] {
        switch part {
        case "power":
            return try PowerReproduction.seedRuns(
                dataset: try dataset(), settings: b.power, seed: seed, methods: Self.powerMethods, trainingFraction: 1,
                log: log)
        case "sweep":
            guard let ratio else {
                throw BenchmarkError.invalidArgument(name: "ratio", reason: "a sweep cell needs a ratio")
            }
            return try PowerReproduction.seedRuns(
                dataset: try dataset(), settings: b.power, seed: seed, methods: [.twoStage, .soEBM],
                trainingFraction: ratio, log: log)
        case "covid": return try covidSeed(b, seed: seed)
        case "security": return try securitySeed(b, seed: seed)
        default:
            throw BenchmarkError.invalidArgument(
                name: "part", reason: "'\(part)' is not a part (power, sweep, covid, security)")
        }
    }
}

/// Runs the So-EBM experiments (power table and ablation, COVID, security game, data-ratio sweep)
/// in this process, cell after cell (`dfl reproduce energy` runs the same cells as a plan through
/// the sweep engine and builds the report with ``energyReport(quick:budget:parts:cell:)``).
///
/// - Parameters:
///   - quick: Use ``EnergyReproductionBudget/quick`` (minutes) instead of ``EnergyReproductionBudget/full``.
///   - budget: Override the preset.
///   - parts: The sections to run (default all); the report leaves out the others.
///   - log: Progress lines (e.g. to stderr).
/// - Returns: The report's sections, the sweep chart and the run's wall time.
/// - Throws: ``BenchmarkError`` (missing PJM data names the path) or a numerical failure.
public func reproduceEnergy(
    quick: Bool, budget: EnergyReproductionBudget? = nil, parts: Set<EnergyPart> = Set(EnergyPart.allCases),
    log: (String) -> Void = { _ in }
) throws -> EnergyReproductionResult {
    let b = budget ?? (quick ? .quick : .full)
    log("So-EBM reproduction (\(b.presetName)): loading PJM data")
    let data = try PowerDataset.loadDefault()
    return try energyReport(quick: quick, budget: b, parts: parts) { cell in
        log("\(cell.part)\(cell.ratio.map { " ratio \($0)" } ?? "") seed \(cell.seed)")
        return try cell.run(budget: b, dataset: { data }, log: log)
    }
}

/// The So-EBM report from its cells' runs: `cell` returns the runs of each cell of
/// ``EnergyCell/cells(of:parts:)`` (trained now, or read from the run store).
/// - Throws: what `cell` throws; ``PaperNumbersError``.
public func energyReport(
    quick: Bool, budget b: EnergyReproductionBudget, parts: Set<EnergyPart>,
    cell: (EnergyCell) throws -> [(method: String, value: Double, secondsPerEpoch: Double)]
) throws -> EnergyReproductionResult {
    let started = Date()
    var rows: [EnergyMethodSummary] = []
    if parts.contains(.power) {
        let runs = try b.seeds.map { try cell(EnergyCell(part: "power", seed: $0)) }
        rows = try PowerReproduction.summaries(methods: EnergyCell.powerMethods, runs: runs)
    }
    let power = rows.filter { [PowerMethod.twoStage, .dflQP, .policyNet, .soEBM].map(\.rawValue).contains($0.method) }
    let ablation = rows.filter {
        [PowerMethod.soEBM, .soEBMWithoutMLE, .soEBMWithoutKL, .soEBMLangevin].map(\.rawValue).contains($0.method)
    }

    var sweep: [SweepPoint] = []
    for ratio in parts.contains(.sweep) ? b.sweepRatios : [] {
        if ratio >= 1 && EnergyCell.reusesPower(b, parts: parts) {
            // Full data: reuse the main table's runs (same seeds, same budgets).
            for s in rows where s.method == PowerMethod.twoStage.rawValue || s.method == PowerMethod.soEBM.rawValue {
                let picked = zip(b.seeds, s.values).filter { b.sweepSeeds.contains($0.0) }.map(\.1)
                let m = EnergyMethodSummary(method: s.method, values: picked, secondsPerEpoch: s.secondsPerEpoch)
                sweep.append(
                    SweepPoint(ratio: ratio, method: s.method, mean: m.mean, standardDeviation: m.standardDeviation))
            }
            continue
        }
        let runs = try b.sweepSeeds.map { try cell(EnergyCell(part: "sweep", ratio: ratio, seed: $0)) }
        for s in try PowerReproduction.summaries(methods: [.twoStage, .soEBM], runs: runs) {
            sweep.append(
                SweepPoint(ratio: ratio, method: s.method, mean: s.mean, standardDeviation: s.standardDeviation))
        }
    }
    var chart = SVGLineChart(
        title: "Power scheduling: task loss vs training-data ratio (Fig. 8)", xLabel: "training-data ratio",
        yLabel: "test task loss")
    for m in [PowerMethod.twoStage.rawValue, PowerMethod.soEBM.rawValue] {
        let pts = sweep.filter { $0.method == m }
        chart.add(series: m, x: pts.map(\.ratio), y: pts.map(\.mean), errors: pts.map(\.standardDeviation))
    }
    let svg = chart.svg()

    var covid: [EnergyMethodSummary] = [], security: [EnergyMethodSummary] = []
    if parts.contains(.covid) {
        covid = EnergySeedRuns.summaries(
            methods: covidMethods, runs: try b.seeds.map { try cell(EnergyCell(part: "covid", seed: $0)) },
            paper: try PaperNumbers.energy.covid.printed())
    }
    if parts.contains(.security) {
        security = EnergySeedRuns.summaries(
            methods: securityMethods, runs: try b.seeds.map { try cell(EnergyCell(part: "security", seed: $0)) },
            paper: try PaperNumbers.energy.security.printed())
    }
    let markdown = try energyMarkdown(
        quick: quick, budget: b, power: power, ablation: ablation, covid: covid, security: security, sweep: sweep)
    return EnergyReproductionResult(
        quick: quick, power: power, ablation: ablation, covid: covid, security: security, sweep: sweep, sweepSVG: svg,
        markdown: markdown, seconds: Date().timeIntervalSince(started))
}

/// The COVID-19 comparison's methods, in the report's order (the keys of `energy-paper.json`'s `covid`).
let covidMethods = ["two-stage", "DFL-SAA (implicit)", "So-EBM"]
/// The security game's methods, in the report's order (the keys of `energy-paper.json`'s `security`).
let securityMethods = ["two-stage", "DFL-Block", "Surrogate", "So-EBM", "oracle (true φ)"]

/// Runs the COVID-19 comparison (two-stage, DFL-SAA, So-EBM) over the budget's seeds.
public func reproduceCovid(
    _ b: EnergyReproductionBudget, log: (String) -> Void = { _ in }
) throws -> [EnergyMethodSummary] {
    let runs = try b.seeds.map { seed in
        let r = try covidSeed(b, seed: seed)
        for x in r { log("  seed \(seed) \(x.method): test cost \(formatFixed(x.value, digits: 3))") }
        return r
    }
    return EnergySeedRuns.summaries(methods: covidMethods, runs: runs, paper: try PaperNumbers.energy.covid.printed())
}

/// The COVID-19 comparison on one seed: every method's mean 7-day test cost and seconds per epoch.
func covidSeed(_ b: EnergyReproductionBudget, seed: UInt64) throws -> [EnergySeedRuns.Run] {
    let series = EpidemicSeries.synthetic(days: b.covidDays, seed: 100 + seed)
    var bench = try CovidBenchmark(series: series, seed: seed)
    bench.monteCarloSamples = 100
    let scale = bench.train.demand.reduce(0, +) / Double(max(bench.train.demand.count, 1))
    var config = SoEBMConfiguration(
        sampleCount: b.covidProposals, proposalStandardDeviations: [0.1, 0.05, 0.02].map { $0 * scale },
        klWeight: 0.1)
    config.oracleWeighting = .posterior
    let (twoStage, s0) = try bench.trainTwoStage(seed: seed, epochs: b.covidTwoStageEpochs)
    let (dfl, s1) = try bench.trainDFL(
        from: twoStage, seed: seed, epochs: b.covidEpochs, samples: b.covidSamples,
        learningRate: b.covidLearningRate)
    let (ebm, s2) = try bench.trainSoEBM(
        from: twoStage, seed: seed, epochs: b.covidEpochs, samples: b.covidSamples, configuration: config,
        learningRate: b.covidLearningRate)
    return [("two-stage", twoStage, s0), ("DFL-SAA (implicit)", dfl, s1), ("So-EBM", ebm, s2)].map {
        name, model, s in
        (name, bench.evaluate(model, on: bench.test, seed: 999), s)
    }
}

/// Runs the network-security-game comparison (two-stage, DFL-Block, Surrogate, So-EBM, true-φ oracle)
/// over the budget's seeds; the decision-focused methods all fine-tune the two-stage predictor for `securityEpochs`.
public func reproduceSecurityGame(
    _ b: EnergyReproductionBudget, log: (String) -> Void = { _ in }
) throws -> [EnergyMethodSummary] {
    let runs = try b.seeds.map { seed in
        let r = try securitySeed(b, seed: seed)
        for x in r { log("  seed \(seed) \(x.method): defender utility \(formatFixed(x.value, digits: 4))") }
        return r
    }
    return EnergySeedRuns.summaries(
        methods: securityMethods, runs: runs, paper: try PaperNumbers.energy.security.printed())
}

/// The security game on one seed: every method's mean defender utility and seconds per epoch.
func securitySeed(_ b: EnergyReproductionBudget, seed: UInt64) throws -> [EnergySeedRuns.Run] {
    let c = b.securityCounts
    let bench = try SecurityGameBenchmark(counts: (c[0], c[1], c[2]), seed: 200 + seed)
    let (twoStage, s0) = try bench.train(seed: seed, twoStageEpochs: b.securityTwoStageEpochs)
    let config = SoEBMConfiguration(
        sampleCount: b.securityProposals, proposalStandardDeviations: [0.05, 0.02, 0.01], klWeight: 0.1)
    let (ebm, s1) = try bench.train(
        seed: seed, twoStageEpochs: 0, soEBMEpochs: b.securityEpochs, configuration: config, from: twoStage)
    let (block, s2) = try bench.trainDFLBlock(seed: seed, epochs: b.securityEpochs, from: twoStage)
    let (surrogatePredictor, surrogate, s3) = try bench.trainSurrogate(
        seed: seed, epochs: b.securityEpochs, from: twoStage)
    let offset = c[0] + c[1]
    return [
        ("two-stage", try bench.evaluate(twoStage, on: bench.test, offset: offset), s0),
        ("DFL-Block", try bench.evaluate(block, on: bench.test, offset: offset), s2),
        (
            "Surrogate",
            try bench.evaluate(surrogatePredictor, surrogate: surrogate, on: bench.test, offset: offset), s3
        ),
        ("So-EBM", try bench.evaluate(ebm, on: bench.test, offset: offset), s1),
        ("oracle (true φ)", try bench.oracleUtility(on: bench.test), 0),
    ]
}

func energyMarkdown(
    quick: Bool, budget b: EnergyReproductionBudget, power: [EnergyMethodSummary], ablation: [EnergyMethodSummary],
    covid: [EnergyMethodSummary],
    security: [EnergyMethodSummary], sweep: [SweepPoint]
) throws -> String {
    let paperTimes = try PowerReproduction.paperSeconds
    func table(_ rows: [EnergyMethodSummary], metric: String, digits: Int = 3, paperSeconds: Bool = false) -> String {
        var t = TextTable(
            header: ["method", metric + " (ours, mean ± sd)", "paper", "s/epoch (ours)"]
                + (paperSeconds ? ["s/epoch (paper)"] : []))
        for r in rows {
            var row = [
                r.method, formatMeanSD(r.mean, r.standardDeviation, digits: digits), r.paper ?? "—",
                formatFixed(r.secondsPerEpoch, digits: 3),
            ]
            if paperSeconds {
                let m = PowerMethod(rawValue: r.method)
                row.append(m.flatMap { paperTimes[$0] } ?? "—")
            }
            t.add(row: row)
        }
        return t.markdown()
    }
    var s = "# So-EBM reproduction (\(b.presetName))\n\n"
    s +=
        "Seeds: \(b.seeds.map(String.init).joined(separator: ", ")). Power: two-stage \(b.power.twoStageIterations) it, DFL-QP \(b.power.dflIterations) it, So-EBM \(b.power.soEBMEpochs) epochs at lr \(b.power.soEBMLearningRate).\n\n"
    if !power.isEmpty {
        s +=
            "## Power scheduling (PJM), mean daily task loss on the test days\n\n"
            + table(power, metric: "task loss", paperSeconds: true) + "\n\n"
    }
    if !ablation.isEmpty { s += "## Ablation\n\n" + table(ablation, metric: "task loss", paperSeconds: true) + "\n\n" }
    if !sweep.isEmpty { s += sweepSection(budget: b, sweep: sweep) }
    if !covid.isEmpty {
        s +=
            "## COVID-19 bed allocation (synthetic SEIR+HD epidemics), mean 7-day cost on the test windows\n\n"
            + table(covid, metric: "cost") + "\n\n"
    }
    if !security.isEmpty {
        s +=
            "## Network security game, mean defender utility on the test instances (higher is better)\n\n"
            + table(security, metric: "utility", digits: 4) + "\n"
    }
    return s
}

/// The Fig. 8 section of the report.
private func sweepSection(budget b: EnergyReproductionBudget, sweep: [SweepPoint]) -> String {
    var s = "## Training-data ratio (Fig. 8)\n\n"
    let oneSeed = b.sweepSeeds.count == 1
    s +=
        "Seeds: \(b.sweepSeeds.map(String.init).joined(separator: ", "))" + (oneSeed ? " (one seed: no spread)" : "")
        + ".\n\n"
    var t = TextTable(header: ["ratio", "method", oneSeed ? "task loss" : "task loss (mean ± sd)"])
    for p in sweep {
        let loss = oneSeed ? formatFixed(p.mean, digits: 3) : formatMeanSD(p.mean, p.standardDeviation, digits: 3)
        t.add(row: [formatFixed(p.ratio, digits: 2), p.method, loss])
    }
    s += t.markdown() + "\n\n(chart: energy-sweep.svg)\n\n"
    return s
}
