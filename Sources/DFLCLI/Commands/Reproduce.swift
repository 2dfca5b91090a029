import ArgumentParser
import DFLBenchmarks
import DFLReproduction

import DFLReport
import DFLTraining
import Foundation

/// `dfl reproduce <paper>`: runs one paper's experiments and prints DFLKit's numbers beside the paper's.
public struct Reproduce: ParsableCommand {
    /// Command configuration.
    public static let configuration = CommandConfiguration(
        abstract: "Reproduce a paper's experiments: smoothing (surrogates on smoothed layers), recursive (R-DFL), energy (So-EBM).")

    @Argument(help: "Which paper: smoothing, recursive, energy.") var paper: String
    @Flag(help: "A reduced version that finishes in a few minutes.") var quick = false
    @Option(name: .customLong("budget"), help: "energy only: quick, standard (3 seeds, about 2 h in release) or full (5 seeds, many hours); finished runs are journaled in --output and an interrupted run resumes.") var energyBudget: String?
    @Option(help: "Directory for the markdown report and SVG charts.") var output: String = "reproduce-output"
    @Option(help: "smoothing: table1, table2, scaling or all (Table 1 resumes from its CSV in --output); recursive: comma-separated newsvendor, depth, matching, matching30, sequence, speed, or all; energy: comma-separated power, sweep, covid, security, or all.") var part: String = "all"
    @Option(help: "energy only: seeds to run instead of the budget's, comma-separated (also the sweep's).") var seeds: String?
    @Option(help: "energy only: So-EBM fine-tuning epochs on the power task (all So-EBM variants) instead of the budget's.") var soEBMEpochs: Int?
    @Option(help: "energy only: So-EBM fine-tuning learning rate on the power task instead of the budget's.") var soEBMLearningRate: Double?
    @OptionGroup var global: GlobalOptions

    /// Creates the command.
    public init() {}

    /// The `--part` list for energy.
    func energyParts() throws -> Set<EnergyPart> {
        if part.lowercased() == "all" { return Set(EnergyPart.allCases) }
        return Set(try part.lowercased().split(separator: ",").map { name in
            guard let p = EnergyPart(rawValue: String(name).trimmingCharacters(in: .whitespaces)) else {
                throw ValidationError("unknown --part '\(name)' for energy (choose power, sweep, covid, security or all)")
            }
            return p
        })
    }

    /// The budget with `--seeds`, `--so-ebm-epochs` and `--so-ebm-learning-rate` applied, and a journal
    /// name that records them (so a run with other settings never resumes from this one's results).
    func energyOverrides(_ preset: EnergyReproductionBudget) throws -> (EnergyReproductionBudget, String) {
        var b = preset, name = preset.presetName
        if let seeds {
            let list = try seeds.split(separator: ",").map { text -> UInt64 in
                guard let v = UInt64(text.trimmingCharacters(in: .whitespaces)) else {
                    throw ValidationError("--seeds: '\(text)' is not a non-negative integer")
                }
                return v
            }
            guard !list.isEmpty else { throw ValidationError("--seeds: give at least one seed") }
            b.seeds = list
            b.sweepSeeds = list
            name += "-seeds" + list.map(String.init).joined(separator: "_")
        }
        if let soEBMEpochs {
            guard soEBMEpochs >= 1 else { throw ValidationError("--so-ebm-epochs must be ≥ 1, got \(soEBMEpochs)") }
            b.power.soEBMEpochs = soEBMEpochs
            name += "-soebm\(soEBMEpochs)ep"
        }
        if let soEBMLearningRate {
            guard soEBMLearningRate > 0, soEBMLearningRate.isFinite else {
                throw ValidationError("--so-ebm-learning-rate must be positive, got \(soEBMLearningRate)")
            }
            b.power.soEBMLearningRate = soEBMLearningRate
            name += "-soebmlr\(soEBMLearningRate)"
        }
        return (b, name)
    }

    /// Runs the reproduction.
    public func run() throws {
        switch paper.lowercased() {
        case "energy", "so-ebm", "soebm":
            do {
                let budget: EnergyReproductionBudget
                switch (energyBudget?.lowercased(), quick) {
                case (nil, true), ("quick", _): budget = .quick
                case ("standard", _): budget = .standard
                case (nil, false), ("full", _): budget = .full
                default: throw ValidationError("unknown --budget '\(energyBudget ?? "")' (choose quick, standard or full)")
                }
                let (custom, runName) = try energyOverrides(budget)
                let result = try reproduceEnergy(
                    quick: budget == .quick, budget: custom, parts: try energyParts(), runName: runName, outputDirectory: output
                ) { line in
                    if !global.quiet { writeStderr(line + "\n") }
                }
                print(result.markdown)
                print("report: \(output)/energy-report.md" + (result.sweep.isEmpty ? "" : ", chart: \(output)/energy-sweep.svg"))
            } catch {
                throw CLIError(error)
            }
        case "recursive", "r-dfl", "rdfl":
            do {
                var settings = quick ? RecursiveExperiment.Settings.quick : RecursiveExperiment.Settings()
                if part.lowercased() != "all" {
                    settings.parts = Set(try part.lowercased().split(separator: ",").map { name in
                        guard let p = RecursiveExperiment.Part(rawValue: String(name)) else {
                            throw ValidationError("unknown --part '\(name)' for recursive (choose newsvendor, depth, matching, matching30, sequence, speed or all)")
                        }
                        return p
                    })
                }
                let report = try RecursiveExperiment.run(settings) { line in
                    if !global.quiet { writeStderr(line + "\n") }
                }
                let suffix = part.lowercased() == "all" ? "" : "-" + part.lowercased().replacingOccurrences(of: ",", with: "-")
                try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
                try report.markdown.write(toFile: output + "/recursive\(suffix).md", atomically: true, encoding: .utf8)
                try report.chart?.svg().write(toFile: output + "/recursive-depth.svg", atomically: true, encoding: .utf8)
                print(report.markdown)
                print("report: \(output)/recursive\(suffix).md" + (report.chart == nil ? "" : ", chart: \(output)/recursive-depth.svg"))
            } catch {
                throw CLIError(error)
            }
        case "smoothing", "sce", "mandi":
            do {
                let parts: Set<SmoothingReproduction.Part>
                if part.lowercased() == "all" {
                    parts = Set(SmoothingReproduction.Part.allCases)
                } else {
                    guard let p = SmoothingReproduction.Part(rawValue: part.lowercased()) else {
                        throw ValidationError("unknown --part '\(part)' for smoothing (choose table1, table2, scaling or all)")
                    }
                    parts = [p]
                }
                try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
                let report = try SmoothingReproduction.run(
                    parts: parts, quick: quick, outputDirectory: output, threads: global.threads
                ) { line in
                    if !global.quiet { writeStderr(line + "\n") }
                }
                let name = "smoothing" + (part.lowercased() == "all" ? "" : "-" + part.lowercased()) + (quick ? "-quick" : "")
                try report.markdown.write(toFile: output + "/\(name).md", atomically: true, encoding: .utf8)
                for (file, content) in report.files {
                    try content.write(toFile: output + "/" + file, atomically: true, encoding: .utf8)
                }
                print(report.markdown)
                print("report: \(output)/\(name).md" + (report.files.isEmpty ? "" : ", files: " + report.files.keys.sorted().joined(separator: ", ")))
            } catch let e as ValidationError {
                throw e
            } catch {
                throw CLIError(error)
            }
        default:
            throw ValidationError("unknown paper '\(paper)'; available: smoothing, recursive, energy")
        }
    }
}
