import ArgumentParser
import Testing

@testable import DFLCLI

/// `dfl bench knapsack`: its lists parse, and out-of-range values fail before any work.
@Suite struct BenchKnapsackTests {
    @Test func listsParse() throws {
        let command = try #require(
            try DFLCommand.parseAsRoot([
                "bench", "knapsack", "--capacities", "0.1, 1", "--items", "10,100", "--dimensions", "3",
            ]) as? Bench.KnapsackSweep)
        let lists = try command.lists()
        #expect(lists.fractions == [0.1, 1] && lists.items == [10, 100] && lists.dimensions == [3])
    }

    @Test(arguments: [
        (["--instances", "0"], "--instances must be ≥ 1"),
        (["--capacities", "0.5,1.5"], "--capacities must be a comma-separated list"),
        (["--items", "10,x"], "--items must be a comma-separated list"),
        (["--dimensions", "0"], "--dimensions must be a comma-separated list"),
    ])
    func outOfRangeValuesFailAtParsing(arguments: [String], message: String) {
        guard case .failed(let failure) = DFLCommand.outcome(of: ["bench", "knapsack"] + arguments) else {
            Issue.record("\(arguments) did not fail")
            return
        }
        #expect(failure.status == .usage)
        #expect(failure.message.hasPrefix(message), "\(failure.message)")
    }
}
