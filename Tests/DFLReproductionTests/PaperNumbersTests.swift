import DFLBenchmarks
import DFLTraining
import Foundation
import Testing

@testable import DFLReproduction

@Suite("Paper numbers (Resources/*.json)")
struct PaperNumbersTests {
    @Test("every resource file loads and every table names its source")
    func filesLoad() throws {
        #expect(PaperNumbers.files.count == 4)
        let smoothing = try PaperNumbers.smoothing, recursive = try PaperNumbers.recursive
        let energy = try PaperNumbers.energy, peers = try PaperNumbers.peers
        let sources = [
            smoothing.table1.source, smoothing.table2.source, recursive.newsvendor.source, recursive.matching.source,
            recursive.sequence.source, energy.power.source, energy.powerSeconds.source, energy.covid.source,
            energy.security.source,
            peers.pyepo.source, peers.pyepo.normalizedRegret.source, peers.pyepo.epochSeconds.source,
            peers.pyepo.solveSeconds.source,
            peers.layers.source,
        ]
        #expect(sources.allSatisfy { !$0.isEmpty })
        #expect([smoothing.paper, recursive.paper, energy.paper].allSatisfy { !$0.isEmpty })
    }

    @Test(
        "every key the smoothing runners use exists: Table 1's twelve rows × seven columns, Table 2's seven rows × six item counts"
    )
    func smoothingKeys() throws {
        for b in SmoothingTableOne.benchmarks {
            #expect(try SmoothingTableOne.paper(for: b).count == SmoothingTableOne.headers.count)
        }
        #expect(try SmoothingTableOne.paper(for: SmoothingTableOne.benchmarks[3])[2] == .init(mean: 0.302, sd: 0.042))
        let table2 = try PaperNumbers.smoothing.table2
        #expect(table2.items == [5, 10, 20, 40, 80, 100])
        #expect(table2.rows.map(\.tau) == [0.1, 0.5, 0.99, 1.05, 1.5, 2.0, 5.0])
        #expect(table2.rows.allSatisfy { $0.values.count == table2.items.count })
    }

    @Test("every key the recursive runner uses exists: the paper's sizes and predictors, each with all four methods")
    func recursiveKeys() throws {
        let methods = RecursiveMethod.allCases.map(\.rawValue)
        for size in ["10", "50", "100"] {
            let row = try RecursiveExperiment.paperNewsvendor.sizes.value(size)
            #expect(try methods.allSatisfy { try row.value($0).rmse > 0 })
        }
        for size in ["4", "15", "30"] {
            let row = try RecursiveExperiment.paperMatching.sizes.value(size)
            #expect(try methods.allSatisfy { try row.value($0).rmse > 0 })
        }
        for kind in ["LSTM", "RNN", "Transformer"] {
            let row = try RecursiveExperiment.paperSequence.predictors.value(kind)
            #expect(try methods.allSatisfy { try row.value($0).rmse > 0 })
        }
        let implicit = try RecursiveExperiment.paperMatching.sizes.value("30").value("R-DFL-I")
        #expect(implicit == .init(rmse: 0.171, seconds: 1867))
        #expect(try RecursiveExperiment.paperNewsvendor.sizes.value("10").value("PTO").seconds == nil)
    }

    @Test("every key the energy runners use exists, and the cells print as the report printed them before the move")
    func energyKeys() throws {
        let printed = try PowerReproduction.paperNumbers
        #expect(
            printed == [
                .twoStage: "4.52 ± 0.33", .soEBM: "3.83 ± 0.15", .soEBMWithoutMLE: "4.31 ± 0.17",
                .soEBMWithoutKL: "3.89 ± 0.18",
                .soEBMLangevin: "3.85 ± 0.13", .dflQP: "≈ 4.13 (derived)", .policyNet: "2–3× two-stage",
            ])
        #expect(try PowerReproduction.paperSeconds == [.soEBM: "0.68", .dflQP: "93.12", .soEBMLangevin: "1.47"])
        let covid = try PaperNumbers.energy.covid.printed()
        #expect(covidMethods.allSatisfy { covid[$0] != nil })
        #expect(covid["So-EBM"] == "≥ 10.9 % below two-stage")
        let security = try PaperNumbers.energy.security.printed()
        #expect(securityMethods.allSatisfy { security[$0] != nil })
    }

    @Test("every key of the peers the CLI and the layer benchmark use exists, with the values quoted before the move")
    func peerKeys() throws {
        let pyepo = try PaperNumbers.pyepoAnchors
        #expect(
            try ["two-stage", "spo+", "pfyl"].map { try pyepo.normalizedRegret.methods.value($0) } == [
                0.1135, 0.0718, 0.0764,
            ])
        #expect(
            try ["two-stage", "spo+", "pfyl", "dbb"].map { try pyepo.epochSeconds.methods.value($0) } == [
                0.037, 0.275, 1.865, 0.450,
            ])
        #expect(
            try ["shortest path 5x5", "knapsack 32x3", "tsp 10"].map { try pyepo.solveSeconds.problems.value($0) } == [
                0.18e-3, 2.0e-3, 1.45e-3,
            ])
        let layers = try PaperNumbers.peers.layers.forwardBackwardMilliseconds
        for problem in ["sp", "knap"] {
            for mu in ["0.1", "1.0"] {
                for batch in [32, 256] { #expect(layers["\(problem)-\(mu)-\(batch)"] != nil) }
            }
        }
        #expect(layers["knap-0.1-256"] == .init(qpth: 1950, cvxpy: 981))
    }

    @Test("a missing entry is a typed error naming the file and the dotted key")
    func missingKey() throws {
        #expect(throws: PaperNumbersError.missingKey(file: "smoothing-paper.json", key: "table1.rows.SP (99×99)")) {
            try PaperNumbers.smoothing.table1.rows.value("SP (99×99)")
        }
        #expect(throws: PaperNumbersError.missingKey(file: "smoothing-paper.json", key: "table1.rows.SP (5×5).Oracle"))
        {
            try PaperNumbers.smoothing.table1.rows.value("SP (5×5)").value("Oracle")
        }
        #expect(throws: PaperNumbersError.missingKey(file: "peers.json", key: "pyepo.epochSeconds.methods.nce")) {
            try PaperNumbers.pyepoAnchors.epochSeconds.methods.value("nce")
        }
        // A file without a table the type needs.
        let withoutTable2 = Data(#"{"paper": "p", "table1": {"source": "s", "rows": {}}}"#.utf8)
        #expect(throws: PaperNumbersError.missingKey(file: "cut.json", key: "table2")) {
            try PaperNumbers.decode(SmoothingPaperNumbers.self, from: withoutTable2, file: "cut.json")
        }
        let withoutSD = Data(
            #"{"paper": "p", "table2": {"source": "s", "items": [], "rows": []}, "table1": {"source": "s", "rows": {"A": {"MSE": {"mean": 1}}}}}"#
                .utf8)
        #expect(throws: PaperNumbersError.missingKey(file: "cut.json", key: "table1.rows.A.MSE.sd")) {
            try PaperNumbers.decode(SmoothingPaperNumbers.self, from: withoutSD, file: "cut.json")
        }
        #expect(throws: PaperNumbersError.missingFile(file: "no-such-paper.json")) {
            try PaperNumbers.load(SmoothingPaperNumbers.self, file: "no-such-paper.json")
        }
        let error = PaperNumbersError.missingKey(file: "peers.json", key: "layers.x")
        #expect(error.description.contains("peers.json") && error.description.contains("layers.x"))
    }

    @Test("an entry of the wrong type is a malformed-entry error naming the key")
    func malformed() throws {
        do {
            _ = try PaperNumbers.decode(
                PeerMeasurements.self, from: Data(#"{"pyepo": 3, "layers": {}}"#.utf8), file: "bad.json")
            Issue.record("expected an error")
        } catch let PaperNumbersError.malformed(file, key, _) {
            #expect(file == "bad.json" && key == "pyepo")
        }
        let empty = EnergyPaperNumbers.Cell(mean: nil, sd: nil, derived: nil, note: nil, text: nil)
        #expect(throws: PaperNumbersError.self) { try empty.printed(decimals: 2, key: "power.methods.x") }
    }

    @Test(
        "Table 2: every Manhattan distance matches the paper within its solver noise (0.0015; the paper's own rows vary by 0.002 across M)"
    )
    func tableTwo() throws {
        let paper = try PaperNumbers.smoothing.table2
        for row in paper.rows {
            var ours: [Double] = []
            for (column, m) in paper.items.enumerated() {
                let value = try TopOneSimulation.manhattanDistance(items: m, tau: row.tau, runs: 20, seed: 1)
                ours.append(value)
                #expect(
                    abs(value - row.values[column]) <= 0.0015,
                    "τ = \(row.tau), M = \(m): \(value) vs \(row.values[column])")
            }
            // Exactly independent of M (the text's observation), since ŷ is a permutation of 1…M.
            #expect(ours.allSatisfy { abs($0 - ours[0]) < 1e-12 })
        }
    }

}
