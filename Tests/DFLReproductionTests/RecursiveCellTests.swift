import DFLTraining
import Foundation
import Testing

@testable import DFLReproduction

@Suite struct RecursiveCellTests {
    private func tinySettings() -> RecursiveExperiment.Settings {
        var s = RecursiveExperiment.Settings()
        s.parts = [.newsvendor, .matching]
        s.sizes = [3]
        s.seeds = [1, 2]
        s.trainCount = 16
        s.testCount = 8
        s.training.epochs = 1
        s.matching = [(4, RecursiveExperiment.Budget(train: 8, test: 4, epochs: 1, seeds: [1]))]
        s.threads = 1
        return s
    }

    /// The JSON of every run, to compare results field by field.
    private func encoded(_ runs: [RecursiveRunResult]) throws -> [String] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return try runs.map { String(decoding: try encoder.encode($0), as: UTF8.self) }
    }

    @Test func theCellsAreTheTablesRunsAndRoundTripThroughMetrics() throws {
        let s = tinySettings()
        let cells = RecursiveExperiment.cells(s)
        #expect(
            cells == [
                RecursiveCell(part: .newsvendor, size: 3, seed: 1), RecursiveCell(part: .newsvendor, size: 3, seed: 2),
                RecursiveCell(part: .matching, size: 4, seed: 1),
            ])
        var results: [RecursiveCell: RecursiveCellResult] = [:]
        for cell in cells { results[cell] = try RecursiveExperiment.runCell(cell, s) }
        // The report from the cells equals the in-process run, table for table.
        let fromCells = try RecursiveExperiment.report(s) { try #require(results[$0]) }
        let inProcess = try RecursiveExperiment.run(s)
        // Matching RMSE column (mean ± sd over the seeds), row for row.
        func matchingRMSE(_ markdown: String) -> [String] {
            markdown.split(separator: "\n").map {
                $0.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            }
            .filter { $0.first == "4x4" }.map { $0[3] }
        }
        #expect(matchingRMSE(fromCells.markdown).count == RecursiveMethod.allCases.count)
        #expect(matchingRMSE(fromCells.markdown) == matchingRMSE(inProcess.markdown))
        for n in s.sizes {
            for method in RecursiveMethod.allCases {
                let a = fromCells.results[n]?[method]?.map(\.decisionRMSE)
                let b = inProcess.results[n]?[method]?.map(\.decisionRMSE)
                #expect(a != nil && a == b, "\(method)")
            }
        }
        // Through the store's metrics and back, every field survives.
        for (cell, result) in results {
            let metrics = ReproductionCell.recursiveMetrics(result)
            #expect(metrics.values.allSatisfy { $0.isFinite })
            let back = try ReproductionCell.recursiveResult(
                .init(problem: cell.description, method: "all", metrics: metrics, timings: [:]))
            #expect(back.rejected == result.rejected)
            var kept = result.runs
            for i in kept.indices { kept[i].lastFallbackReason = nil }  // a message, not a number: not kept
            #expect(try encoded(back.runs) == encoded(kept), "\(cell)")
        }
    }

    @Test func aCellsSettingsAreReadBackOrNamedInTheError() throws {
        let cell = try ReproductionCell.recursiveCell([
            "budget": "quick", "part": "sequence", "size": "20", "predictor": "LSTM", "seed": "3",
        ])
        #expect(cell == RecursiveCell(part: .sequence, size: 20, predictor: .lstm, seed: 3))
        for (key, value) in [("part", "depth"), ("size", "x"), ("predictor", "GRU"), ("seed", "-1")] {
            var settings = ["budget": "quick", "part": "newsvendor", "size": "10", "seed": "1"]
            settings[key] = value
            #expect(throws: (any Error).self, "\(key)") { try ReproductionCell.recursiveCell(settings) }
        }
        #expect(throws: (any Error).self) { try ReproductionCell.recursiveSettings(["budget": "huge"]) }
    }

    /// A cell's result goes from the worker to the store through a JSON file: every number must
    /// come back bit for bit (seeded doubles over 40 orders of magnitude).
    @Test func aCellResultSurvivesItsJSONFileExactly() throws {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var metrics: [String: Double] = [:]
        for i in 0..<2000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let mantissa = Double(state >> 11) / Double(1 << 53)
            metrics["m\(i)"] = (mantissa - 0.5) * pow(10, Double(i % 40) - 20)
        }
        let result = ReproductionCell.Result(problem: "p", method: "all", metrics: metrics, timings: ["epoch": 0.1])
        let back = try JSONDecoder().decode(ReproductionCell.Result.self, from: try JSONEncoder().encode(result))
        #expect(back == result)
        #expect(back.metrics.allSatisfy { $0.value.bitPattern == metrics[$0.key]?.bitPattern })
    }
}
