import DFLBenchmarks
import Foundation

/// The reproductions' sweep plans, YAML resources in `Resources/plans/` (for example
/// `smoothing-table1-quick.yaml`): what `dfl reproduce` runs, and what `dfl sweep` runs on a cluster.
public enum ReproductionPlans {
    /// The names of the plans (without `.yaml`), sorted.
    public static let names = [
        "energy-full", "energy-quick", "energy-standard", "recursive", "recursive-quick", "smoothing-scaling",
        "smoothing-scaling-quick",
        "smoothing-table1", "smoothing-table1-quick",
    ]

    /// The YAML text of the plan `name`.
    /// - Throws: ``BenchmarkError`` `.invalidArgument` when no such plan is bundled.
    public static func yaml(named name: String) throws -> String {
        guard
            let url = Bundle.module.url(forResource: name, withExtension: "yaml", subdirectory: "plans")
                ?? Bundle.module.url(forResource: name, withExtension: "yaml"),
            let data = FileManager.default.contents(atPath: url.path)
        else {
            throw BenchmarkError.invalidArgument(
                name: "plan", reason: "no bundled plan '\(name)' (one of \(names.joined(separator: ", ")))")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
