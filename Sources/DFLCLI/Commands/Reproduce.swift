import ArgumentParser
import DFLRecursive
import DFLReport
import DFLTraining
import Foundation

/// `dfl reproduce <paper>`: runs one paper's experiments and prints DFLKit's numbers beside the paper's.
public struct Reproduce: ParsableCommand {
    /// Command configuration.
    public static let configuration = CommandConfiguration(
        abstract: "Reproduce a paper's experiments (recursive: the R-DFL newsvendor table and depth sweep).")

    @Argument(help: "Which paper: recursive, smoothing.") var paper: String
    @Flag(help: "A reduced version that finishes in a few minutes.") var quick = false
    @Option(help: "Directory for the markdown report and SVG charts.") var output: String = "reproduce-output"
    @OptionGroup var global: GlobalOptions

    /// Creates the command.
    public init() {}

    /// Runs the reproduction.
    public func run() throws {
        switch paper.lowercased() {
        case "recursive", "r-dfl", "rdfl":
            do {
                let settings = quick ? RecursiveExperiment.Settings.quick : RecursiveExperiment.Settings()
                let report = try RecursiveExperiment.run(settings) { line in
                    if !global.quiet { writeStderr(line + "\n") }
                }
                try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
                try report.markdown.write(toFile: output + "/recursive.md", atomically: true, encoding: .utf8)
                try report.chart.svg().write(toFile: output + "/recursive-depth.svg", atomically: true, encoding: .utf8)
                print(report.markdown)
                print("report: \(output)/recursive.md, chart: \(output)/recursive-depth.svg")
            } catch {
                throw CLIError(error)
            }
        case "smoothing", "sce", "mandi":
            do {
                let settings = quick ? SmoothingReproduction.Settings.quick : SmoothingReproduction.Settings()
                let report = try SmoothingReproduction.run(settings) { line in
                    if !global.quiet { writeStderr(line + "\n") }
                }
                try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
                try report.write(toFile: output + "/smoothing.md", atomically: true, encoding: .utf8)
                print(report)
                print("report: \(output)/smoothing.md")
            } catch {
                throw CLIError(error)
            }
        default:
            throw ValidationError("unknown paper '\(paper)'; available: recursive, smoothing")
        }
    }
}
