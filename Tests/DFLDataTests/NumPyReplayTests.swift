import DFLData
import Foundation
import Testing

@Suite("NumPy RandomState replay")
struct NumPyReplayTests {
    @Test("MT19937 reference outputs")
    func mersenneTwisterReference() {
        // The reference implementation's default seed 5489 starts with 3499211612, 581869302.
        var rng = NumPyRandomState(seed: 5489)
        #expect(rng.nextUInt32() == 3_499_211_612)
        #expect(rng.nextUInt32() == 581_869_302)
    }

    @Test("random_sample and randn match NumPy's documented first values")
    func numpyFirstValues() {
        var a = NumPyRandomState(seed: 42)
        #expect(a.randomSample() == 0.3745401188473625)
        var b = NumPyRandomState(seed: 0)
        #expect(b.randomSample() == 0.5488135039273248)
        var c = NumPyRandomState(seed: 42)
        #expect(c.gauss() == 0.4967141530112327)
        #expect(c.gauss() == -0.13826430117118466)
    }

    @Test("binomial(1, p) and integers stay in range; permutation is a permutation")
    func samplerRanges() {
        var rng = NumPyRandomState(seed: 7)
        var ones = 0
        for _ in 0..<4000 { ones += rng.binomial(trials: 1, probability: 0.5) }
        #expect(abs(Double(ones) / 4000 - 0.5) < 0.04)
        for _ in 0..<1000 {
            let k = rng.integer(in: 300..<800)
            #expect(k >= 300 && k < 800)
        }
        let p = rng.permutation(100)
        #expect(p.sorted() == Array(0..<100))
        #expect(p != Array(0..<100))
    }

    @Test("PyEPO shortest-path export is reproduced bit for bit (genData + train_test_split)")
    func reproducesPyEPOExport() throws {
        try #require(SharedData.pyepoAvailable)
        var rng = NumPyRandomState(seed: 42)
        let generated = try ShortestPathGenerator(
            rows: 5, columns: 5, sampleCount: 2000, featureCount: 5, degree: 6, noiseWidth: 0.5
        ).generate(using: &rng).dataset
        // sklearn train_test_split(test_size=1000, random_state=42): test = perm[:1000], train = perm[1000:].
        var splitter = NumPyRandomState(seed: 42)
        let permutation = splitter.permutation(2000)
        let test = try generated.subset(Array(permutation[0..<1000]))
        let train = try generated.subset(Array(permutation[1000..<2000]))
        let storedTrain = try DatasetCSV.read(
            path: SharedData.pyepo("sp5_deg6_e05_seed42_train.csv"))
        let storedTest = try DatasetCSV.read(path: SharedData.pyepo("sp5_deg6_e05_seed42_test.csv"))
        #expect(train.features == storedTrain.features)
        #expect(test.features == storedTest.features)
        // Costs are float32 written with 9 significant digits: equal after rounding to Float.
        var mismatches = 0
        for (a, b) in zip(train.costs + test.costs, storedTrain.costs + storedTest.costs)
        where Float(a) != Float(b) {
            mismatches += 1
        }
        #expect(mismatches == 0)
    }
}
