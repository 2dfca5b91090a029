import DFLRandom
import DFLTensor
import DFLTestSupport
import Foundation
import Testing

@testable import DFLBenchmarks

@Suite("COVID-19: RK4, SEIR+HD, bed-allocation energy")
struct CovidTests {
    @Test("RK4 on x' = A x matches the closed form (plain and differentiable)")
    func linearODE() {
        // A = [[0, 1], [−1, 0]]: rotation, x(t) = (cos t·x0 + sin t·y0, −sin t·x0 + cos t·y0).
        let x0 = [1.0, 0.5], t = 2.0
        let exact = [cos(t) * x0[0] + sin(t) * x0[1], -sin(t) * x0[0] + cos(t) * x0[1]]
        let plain = rungeKutta4(from: x0, stepSize: 0.01, steps: 200) { _, x in [x[1], -x[0]] }
        #expect(abs(plain[0] - exact[0]) < 1e-9 && abs(plain[1] - exact[1]) < 1e-9)
        // Fourth order: halving the step divides the error by ≈ 16.
        let coarse = rungeKutta4(from: x0, stepSize: 0.2, steps: 10) { _, x in [x[1], -x[0]] }
        let fine = rungeKutta4(from: x0, stepSize: 0.1, steps: 20) { _, x in [x[1], -x[0]] }
        let ratio = abs(coarse[0] - exact[0]) / abs(fine[0] - exact[0])
        #expect(ratio > 12 && ratio < 20, "error ratio \(ratio)")
        let v = rungeKutta4(from: [Variable(Tensor([x0[0]])), Variable(Tensor([x0[1]]))], stepSize: 0.01, steps: 200) {
            _, x in [x[1], -x[0]]
        }
        #expect(abs(v[0].value.scalar - plain[0]) < 1e-12)
        // d x(t)/d x0 = [cos t, sin t] for the first component.
        let r = valueWithGradient(at: [Tensor([x0[0]]), Tensor([x0[1]])]) { s in
            rungeKutta4(from: s, stepSize: 0.01, steps: 200) { _, x in [x[1], -x[0]] }[0]
        }
        #expect(abs(r.gradients[0].scalar - cos(t)) < 1e-8 && abs(r.gradients[1].scalar - sin(t)) < 1e-8)
    }

    @Test("SEIR+HD conserves the population and the variable field equals the plain field")
    func seirhd() {
        let model = SEIRHDModel()
        let series = EpidemicSeries.synthetic(days: 200, seed: 1)
        for s in series.states { #expect(abs(s.reduce(0, +) - 1) < 1e-9) }
        #expect(series.hospitalized.max()! > 100)
        let x = series.states[100]
        let plain = model.derivative(x, beta: 0.25)
        let vars = model.derivative(x.map { Variable(Tensor([$0])) }, beta: Variable(Tensor([0.25])))
        for i in 0..<9 { #expect(abs(vars[i].value.scalar - plain[i]) < 1e-15) }
        // Differentiable simulation matches the plain one.
        let beta = [0.2, 0.25, 0.3]
        let path = model.simulate(from: x, dailyBeta: beta)
        let h = model.simulateHospitalized(
            from: x.map { Variable(Tensor([$0])) }, dailyBeta: Variable(Tensor(shape: [1, 3], scalars: beta)))
        for d in 0..<3 { #expect(abs(h.value.scalars[d] - path[d][6]) < 1e-15) }
        // Gradient of the hospital path in β vs finite differences.
        let check = checkGradients(
            of: { v in sum(model.simulateHospitalized(from: x.map { Variable(Tensor([$0])) }, dailyBeta: v[0]) * 1e4) },
            at: [Tensor(shape: [1, 3], scalars: beta)], epsilon: 1e-5)
        #expect(check.passes(tolerance: 1e-5), "\(check)")
    }

    @Test("Bed-allocation energy and sample-average layer: gradients vs finite differences")
    func bedAllocationGradients() {
        let task = BedAllocation()
        var rng = SeededGenerator(seed: 5)
        let B = 2, S = 5, D = 3, M = 4
        let y = Tensor(shape: [B, S, D], scalars: rng.uniform(1, 3, count: B * S * D))
        let a = Tensor(shape: [B, M, D], scalars: rng.uniform(1, 3, count: B * M * D))
        let w = Tensor(shape: [B, M], scalars: rng.normal(count: B * M))
        let r1 = checkGradients(of: { sum(task.energy(samples: $0[0], decisions: a) * w) }, at: [y])
        #expect(r1.passes(tolerance: 1e-6), "\(r1)")
        let w2 = Tensor(shape: [B, D], scalars: rng.normal(count: B * D))
        let r2 = checkGradients(of: { sum(task.sampleAverageLayer(samples: $0[0]) * w2) }, at: [y], epsilon: 1e-7)
        #expect(r2.passes(tolerance: 1e-4), "\(r2)")
        // The sample-average decision is optimal: nearby decisions cost more.
        let samples = [1.0, 2.0, 2.5, 4.0]
        let best = task.sampleAverageDecision(samples: samples)
        func cost(_ a: Double) -> Double { samples.map { task.daily(demand: $0, decision: a).value }.reduce(0, +) }
        #expect(cost(best) <= cost(best + 1e-3) && cost(best) <= cost(best - 1e-3))
    }

    @Test("Hospitalization CSV loader: fits compartments; bad files give typed errors")
    func csvLoader() throws {
        let dir = URL(fileURLWithPath: NSTemporaryDirectory())
        let good = dir.appendingPathComponent("energy-covid-\(getpid()).csv")
        let truth = EpidemicSeries.synthetic(days: 70, seed: 3)
        var text = "date,hospitalized\n"
        for (d, h) in truth.hospitalized.enumerated() { text += "day\(d),\(h)\n" }
        try text.write(to: good, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: good) }
        let fitted = try EpidemicSeries.loadHospitalizationCSV(path: good.path)
        #expect(fitted.dayCount == 70)
        #expect(fitted.beta.allSatisfy { $0 >= 0 && $0 <= 1.5 })
        #expect(throws: BenchmarkError.missingData(path: "/nonexistent/covid.csv")) {
            try EpidemicSeries.loadHospitalizationCSV(path: "/nonexistent/covid.csv")
        }
        let bad = dir.appendingPathComponent("energy-covid-bad-\(getpid()).csv")
        try "date,beds\n1,2\n".write(to: bad, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: bad) }
        #expect(throws: BenchmarkError.self) { try EpidemicSeries.loadHospitalizationCSV(path: bad.path) }
    }
}
