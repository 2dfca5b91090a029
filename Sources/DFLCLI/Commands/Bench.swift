import ArgumentParser
import Foundation

/// `dfl bench`: speed measurements, each a subcommand with its own flags.
public struct Bench: ParsableCommand {
    /// Command configuration: `solvers`, `knapsack`, `train`, `layers`, `recursive`, `measure` and `growth`.
    public static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract:
            "Measure solver calls, the knapsack sweep, training epochs, the smoothed layers and R-DFL's backward.",
        subcommands: [
            Solvers.self, KnapsackSweep.self, Training.self, Layers.self, Recursive.self, Measure.self, Growth.self,
        ])

    /// Creates the command.
    public init() {}

    /// Wall-clock seconds of `body`.
    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let t0 = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
    }
}
