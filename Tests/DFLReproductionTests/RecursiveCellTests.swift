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
            markdown.split(separator: "\n").filter { $0.hasPrefix("| 4x4 |") }.map {
                $0.split(separator: "|")[3].trimmingCharacters(in: .whitespaces)
            }
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
            let metrics = try ReproductionCell.recursiveMetrics(result)
            #expect(metrics.values.allSatisfy(\.isFinite))
            let back = try ReproductionCell.recursiveResult(
                .init(problem: cell.description, method: "all", metrics: metrics, timings: [:]))
            #expect(back.rejected == result.rejected)
            #expect(try encoded(back.runs) == encoded(result.runs), "\(cell)")
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
}
