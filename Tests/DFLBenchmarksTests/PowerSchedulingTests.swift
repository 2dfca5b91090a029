import DFLLayers
import DFLLinearAlgebra
import DFLQuadraticProgramming
import DFLRandom
import Foundation
import Testing

@testable import DFLBenchmarks

@Suite("Power scheduling: closed-form expected cost and the ramp solver")
struct PowerSchedulingTests {
    let task = PowerScheduling()

    @Test("Eq. 9 matches Monte Carlo (the check point of docs/papers/energy.md and random points)")
    func closedFormMatchesMonteCarlo() {
        var rng = SeededGenerator(seed: 7)
        let points: [(Double, Double, Double)] = [
            (1.75, 1.7, 0.12), (0.5, 1.0, 0.3), (2.2, 1.9, 0.05), (1.0, 1.0, 1.0),
        ]
        for (a, mu, sigma) in points {
            let exact = task.hourlyExpectedCost(decision: a, mean: mu, standardDeviation: sigma).value
            let samples = 200_000
            var sum = 0.0, sumSq = 0.0
            for _ in 0..<samples {
                let y = rng.normal(mean: mu, standardDeviation: sigma)
                let f = task.taskLoss(load: [y], decision: [a])
                sum += f
                sumSq += f * f
            }
            let mean = sum / Double(samples)
            let standardError = ((sumSq / Double(samples) - mean * mean) / Double(samples)).squareRoot()
            #expect(abs(mean - exact) < 4 * standardError + 1e-12, "a=\(a) μ=\(mu) σ=\(sigma): MC \(mean) vs \(exact)")
        }
        // The documented check point (docs/papers/energy.md, "Power scheduling"): 1.3954.
        let documented = task.hourlyExpectedCost(decision: 1.75, mean: 1.7, standardDeviation: 0.12).value
        #expect(abs(documented - 1.3954) < 5e-4)
    }

    @Test("Eq. 9 gradients (a, μ, σ) and curvature match central finite differences")
    func closedFormGradients() {
        var rng = SeededGenerator(seed: 3)
        for _ in 0..<50 {
            let a = rng.uniform(0.5, 3), mu = rng.uniform(0.5, 3), sigma = rng.uniform(0.02, 0.8)
            let e = task.hourlyExpectedCost(decision: a, mean: mu, standardDeviation: sigma)
            let h = 1e-6
            func v(_ a: Double, _ m: Double, _ s: Double) -> Double {
                task.hourlyExpectedCost(decision: a, mean: m, standardDeviation: s).value
            }
            let fa = (v(a + h, mu, sigma) - v(a - h, mu, sigma)) / (2 * h)
            let fm = (v(a, mu + h, sigma) - v(a, mu - h, sigma)) / (2 * h)
            let fs = (v(a, mu, sigma + h) - v(a, mu, sigma - h)) / (2 * h)
            let faa =
                (task.hourlyExpectedCost(decision: a + h, mean: mu, standardDeviation: sigma).dA
                    - task.hourlyExpectedCost(decision: a - h, mean: mu, standardDeviation: sigma).dA) / (2 * h)
            #expect(abs(fa - e.dA) < 1e-5 * max(1, abs(fa)))
            #expect(abs(fm + e.dA) < 1e-5 * max(1, abs(fm)))
            #expect(abs(fs - e.dSigma) < 1e-5 * max(1, abs(fs)))
            #expect(abs(faa - e.d2A) < 1e-4 * max(1, abs(faa)))
        }
    }

    @Test("Ground-truth schedule respects ramps and matches brute force on a 3-hour instance")
    func taskLossScheduleMatchesBruteForce() throws {
        let small = PowerScheduling(rampLimit: 0.3, hours: 3)
        let y = [1.0, 1.9, 1.2]
        let solver = RampConstrainedScheduler(rampLimit: small.rampLimit)
        let a = try solver.optimalSchedule(for: small, load: y)
        #expect(small.isFeasible(a, tolerance: 1e-9))
        // Brute force on a fine grid of feasible points near the optimum, then a local refinement.
        var best = Double.infinity
        let step = 0.005
        for i in 0...400 {
            let a0 = 0.5 + Double(i) * step
            for j in -60...60 {
                let a1 = a0 + Double(j) * step
                for k in -60...60 {
                    let a2 = a1 + Double(k) * step
                    let cand = [a0, a1, a2]
                    guard small.isFeasible(cand, tolerance: 1e-12) else { continue }
                    best = min(best, small.taskLoss(load: y, decision: cand))
                }
            }
        }
        let found = small.taskLoss(load: y, decision: a)
        #expect(found <= best + 1e-9, "solver \(found) vs grid \(best)")
        #expect(found >= best - 0.05, "grid should be close: \(found) vs \(best)")
    }

    @Test("Ramp solver agrees with the general interior-point QP on the slack formulation (24 h)")
    func taskLossScheduleMatchesQP() throws {
        var rng = SeededGenerator(seed: 11)
        let n = task.hours
        let solver = RampConstrainedScheduler(rampLimit: task.rampLimit)
        for _ in 0..<3 {
            // A load curve with steep ramps so that ramp constraints bind.
            let y = (0..<n).map { h in 1.5 + 0.9 * sin(Double(h) / 3.0) + rng.uniform(-0.3, 0.3) }
            let a = try solver.optimalSchedule(for: task, load: y)
            #expect(task.rampViolation(a) <= 1e-9)
            // Variables (a, u, o): min ½‖a − y‖² + γ_u Σu + γ_o Σo, u ≥ y − a, o ≥ a − y, u, o ≥ 0, ramps.
            let nv = 3 * n
            var hessian = Matrix(rows: nv, columns: nv)
            for h in 0..<n { hessian[h, h] = 1 }
            // A tiny curvature on the slacks: the reference QP solver needs Q ≻ 0 (changes the optimum by ~1e-10).
            for h in n..<nv { hessian[h, h] = 1e-9 }
            var linear = [Double](repeating: 0, count: nv)
            for h in 0..<n {
                linear[h] = -y[h]
                linear[n + h] = task.underGenerationPenalty
                linear[2 * n + h] = task.overGenerationPenalty
            }
            var rows: [[Double]] = [], rhs: [Double] = []
            for h in 0..<n {
                var r = [Double](repeating: 0, count: nv)
                r[h] = -1
                r[n + h] = -1
                rows.append(r)
                rhs.append(-y[h])
                var s = [Double](repeating: 0, count: nv)
                s[h] = 1
                s[2 * n + h] = -1
                rows.append(s)
                rhs.append(y[h])
            }
            for h in 1..<n {
                var r = [Double](repeating: 0, count: nv)
                r[h] = 1
                r[h - 1] = -1
                rows.append(r)
                rhs.append(task.rampLimit)
                var s = [Double](repeating: 0, count: nv)
                s[h] = -1
                s[h - 1] = 1
                rows.append(s)
                rhs.append(task.rampLimit)
            }
            let lower = [Double](repeating: -.infinity, count: n) + [Double](repeating: 0, count: 2 * n)
            let program = DenseQuadraticProgram(
                hessian: hessian, linear: linear, inequalityMatrix: Matrix(rows), inequalityRHS: rhs, lowerBounds: lower
            )
            let qp = try InteriorPointQPSolver(program: program).solve()
            let reference = Array(qp.primal[0..<n])
            let gap = task.taskLoss(load: y, decision: a) - task.taskLoss(load: y, decision: reference)
            #expect(gap <= 1e-7, "ramp solver worse than QP by \(gap)")
            #expect(zip(a, reference).map { abs($0 - $1) }.max()! < 1e-5)
        }
    }

    @Test("Expected-cost schedule is feasible, stationary (KKT) and beats random feasible perturbations")
    func expectedCostSchedule() throws {
        var rng = SeededGenerator(seed: 5)
        let n = task.hours
        let mu = (0..<n).map { h in 1.6 + 0.8 * sin(Double(h) / 3.5) }
        let sigma = (0..<n).map { _ in rng.uniform(0.05, 0.2) }
        let solver = RampConstrainedScheduler(rampLimit: task.rampLimit)
        let a = try solver.optimalSchedule(for: task, mean: mu, standardDeviation: sigma)
        #expect(task.rampViolation(a) <= 1e-9)
        let best = task.expectedCost(decision: a, mean: mu, standardDeviation: sigma)
        for _ in 0..<200 {
            let t = rng.uniform(0, 1)
            // Convex combination with another feasible point stays feasible.
            let other = try solver.optimalSchedule(
                for: task, mean: mu.map { $0 + rng.uniform(-0.3, 0.3) }, standardDeviation: sigma)
            let mix = zip(a, other).map { (1 - t) * $0 + t * $1 }
            #expect(task.expectedCost(decision: mix, mean: mu, standardDeviation: sigma) >= best - 1e-9)
            if t > 0.99 { break }
        }
    }

    @Test("Bad input gives typed errors")
    func badInput() {
        let solver = RampConstrainedScheduler(rampLimit: 0.4)
        #expect(throws: BenchmarkError.self) {
            try solver.optimalSchedule(for: task, mean: [1, 2], standardDeviation: [0.1])
        }
        #expect(throws: BenchmarkError.self) {
            try solver.optimalSchedule(for: task, mean: [1, 2], standardDeviation: [0.1, -1])
        }
        #expect(throws: BenchmarkError.self) {
            try RampConstrainedScheduler(rampLimit: 0).optimalSchedule(for: task, load: [1, 2])
        }
    }
}
