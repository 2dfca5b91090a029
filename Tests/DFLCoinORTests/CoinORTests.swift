import DFLCoinOR
import DFLModelFormats
import DFLOptimization
import DFLRandom
import DFLTestSupport
import Dispatch
import Foundation
import Testing

@Suite struct CoinORTests {
    @Test func smallLPAndMILPHaveKnownOptima() throws {
        // max 3x + 2y s.t. x + y ≤ 4, x + 3y ≤ 6, 0 ≤ x ≤ 3: LP optimum (3, 1) → 11.
        let lp = MixedIntegerProgram(
            objective: [3, 2], sense: .maximize, inequalityMatrix: [[1, 1], [1, 3]], inequalityRHS: [4, 6],
            upperBounds: [3, .infinity])
        let clp = try CLPSolver().solve(lp)
        #expect(abs(clp.solution.objective - 11) < 1e-9)
        #expect(isApproximatelyEqual(clp.solution.decision, [3, 1], tolerance: 1e-9))
        // Integer version of a problem with a fractional LP optimum: max x + y, 2x + 2y ≤ 3 → 1.
        let milp = MixedIntegerProgram(
            objective: [1, 1], sense: .maximize, inequalityMatrix: [[2, 2]], inequalityRHS: [3],
            integrality: [true, true])
        #expect(abs(try CBCSolver().solve(milp).objective - 1) < 1e-9)
        #expect(abs(try CLPSolver().solve(milp).solution.objective - 1.5) < 1e-9)
    }

    @Test func infeasibleAndUnboundedAreTypedErrors() {
        let infeasible = MixedIntegerProgram(
            objective: [1], sense: .minimize, equalityMatrix: [[1]], equalityRHS: [5], upperBounds: [1])
        #expect { try CBCSolver().solve(infeasible, name: "toy[3]") } throws: { e in
            (e as? SolverError)?.reason == .infeasible && "\(e)".contains("toy[3]")
        }
        #expect { try CLPSolver().solve(infeasible) } throws: { ($0 as? SolverError)?.reason == .infeasible }
        let unbounded = MixedIntegerProgram(objective: [1], sense: .maximize)
        #expect { try CLPSolver().solve(unbounded) } throws: { ($0 as? SolverError)?.reason == .unbounded }
        // CBC reports "infeasible or unbounded"; the solver tells them apart.
        #expect { try CBCSolver().solve(unbounded) } throws: { ($0 as? SolverError)?.reason == .unbounded }
        let integerUnbounded = MixedIntegerProgram(
            objective: [1, 1], sense: .maximize, inequalityMatrix: [[1, -1]], inequalityRHS: [2],
            integrality: [true, true])
        #expect { try CBCSolver().solve(integerUnbounded, name: "toy[4]") } throws: { e in
            (e as? SolverError)?.reason == .unbounded && "\(e)".contains("toy[4]")
        }
        // Infeasible only for integers: 2x = 1.
        let integerInfeasible = MixedIntegerProgram(
            objective: [1], sense: .minimize, equalityMatrix: [[2]], equalityRHS: [1], integrality: [true])
        #expect { try CBCSolver().solve(integerInfeasible) } throws: { ($0 as? SolverError)?.reason == .infeasible }
        // Primal and dual infeasible LP: x ≥ 1 and x ≤ −1 with an objective that would be unbounded.
        let both = MixedIntegerProgram(
            objective: [-1, 0], sense: .minimize, inequalityMatrix: [[-1, 0], [1, 0]], inequalityRHS: [-1, -1],
            lowerBounds: [-.infinity, -.infinity])
        #expect { try CLPSolver().solve(both) } throws: { ($0 as? SolverError)?.reason == .infeasible }
        let bad = MixedIntegerProgram(objective: [1, 2], sense: .minimize, equalityMatrix: [[1]], equalityRHS: [1])
        #expect { try CBCSolver().solve(bad) } throws: { ($0 as? SolverError)?.reason == .invalidModel }
    }

    @Test func cbcAgreesWithExactSolvers() throws {
        var rng = SeededGenerator(seed: 11)
        let grid = ShortestPathGrid(rows: 4, columns: 4)
        let kp = try Knapsack(
            weights: (0..<2).map { _ in (0..<12).map { _ in rng.uniform(3, 8) } }, capacities: [20, 20])
        let match = try BipartiteMatching(size: 4)
        for _ in 0..<5 {
            let c1 = rng.uniform(0, 2, count: grid.costDimension)
            #expect(
                abs(
                    try MILPSolver<ShortestPathGrid>().solve(grid, costs: c1).objective
                        - ShortestPathGridSolver().solve(grid, costs: c1).objective) < 1e-7)
            let c2 = rng.uniform(0, 5, count: 12)
            #expect(
                abs(
                    try MILPSolver<Knapsack>().solve(kp, costs: c2).objective
                        - KnapsackSolver().solve(kp, costs: c2).objective) < 1e-7)
            let topk = try TopK(items: 9, k: 3)
            let c4 = rng.normal(count: 9)
            #expect(
                abs(
                    try MILPSolver<TopK>().solve(topk, costs: c4).objective
                        - TopKSolver().solve(topk, costs: c4).objective) < 1e-7)
            let tsp = try TravelingSalesman(nodes: 6)
            let c5 = rng.uniform(1, 9, count: tsp.costDimension)
            #expect(
                abs(
                    try MILPSolver<TravelingSalesman>().solve(tsp, costs: c5).objective
                        - HeldKarpSolver().solve(tsp, costs: c5).objective) < 1e-7)
            let c3 = rng.uniform(0, 5, count: 16)
            #expect(
                abs(
                    try MILPSolver<BipartiteMatching>().solve(match, costs: c3).objective
                        - HungarianSolver().solve(match, costs: c3).objective) < 1e-7)
        }
    }

    @Test func concurrentSolvesGiveTheSameAnswers() throws {
        var rng = SeededGenerator(seed: 12)
        let grid = ShortestPathGrid(rows: 3, columns: 4)
        let costs = (0..<24).map { _ in rng.uniform(0, 1, count: grid.costDimension) }
        let sequential = try costs.map { try MILPSolver<ShortestPathGrid>().solve(grid, costs: $0).objective }
        final class Slots: @unchecked Sendable {  // disjoint indices per worker
            var values: UnsafeMutableBufferPointer<Double>
            init(_ n: Int) { values = .allocate(capacity: n) }
            deinit { values.deallocate() }
        }
        let box = Slots(costs.count)
        DispatchQueue.concurrentPerform(iterations: costs.count) { i in
            box.values[i] = (try? MILPSolver<ShortestPathGrid>().solve(grid, costs: costs[i]).objective) ?? .nan
            _ = try? CLPSolver().solve(grid.asMILP(costs: costs[i]))
        }
        #expect(isApproximatelyEqual(Array(box.values), sequential, tolerance: 1e-9))
    }

    @Test func mpsFileRoundTrip() throws {
        let path = NSTemporaryDirectory() + "dflkit-\(UUID().uuidString).mps"
        defer { try? FileManager.default.removeItem(atPath: path) }
        // max 5a + 4b + 3c, 2a + 3b + c ≤ 5, 4a + b + 2c ≤ 11, 3a + 4b + 2c ≤ 8, a + b ≥ 1, binaries.
        let mps = """
            NAME          TOY
            OBJSENSE
                MAX
            ROWS
             N  COST
             L  R1
             L  R2
             L  R3
             G  R4
            COLUMNS
                MARKER                 'MARKER'                 'INTORG'
                A         COST         5.0   R1           2.0
                A         R2           4.0   R3           3.0
                A         R4           1.0
                B         COST         4.0   R1           3.0
                B         R2           1.0   R3           4.0
                B         R4           1.0
                C         COST         3.0   R1           1.0
                C         R2           2.0   R3           2.0
                MARKER                 'MARKER'                 'INTEND'
            RHS
                RHS       R1           5.0   R2          11.0
                RHS       R3           8.0   R4           1.0
            BOUNDS
             UP BND       A            1.0
             UP BND       B            1.0
             UP BND       C            1.0
            ENDATA

            """
        try mps.write(toFile: path, atomically: true, encoding: .utf8)
        let model = try UserModel(path: path)
        #expect(model.costDimension == 3)
        #expect(model.program.integrality == [true, true, true])
        #expect(model.sense == .maximize)
        #expect(model.program.inequalityMatrix.count == 4)  // three ≤ rows and the ≥ row negated
        #expect(model.program.variableNames == ["A", "B", "C"])
        let s = try MILPSolver<UserModel>().solve(model, costs: model.program.objective)
        let b = try #require(bruteForceBinary(model.program))
        #expect(abs(s.objective - b.objective) < 1e-9)
        // By hand: {A, B} (value 9) is feasible (R1: 5 ≤ 5, R3: 7 ≤ 8) and {A, B, C} is not (R1: 6 > 5).
        #expect(abs(s.objective - 9) < 1e-9)
        #expect { try ModelFile.read("/nonexistent/model.mps") } throws: {
            ($0 as? ModelFileError)?.reason == .noSuchFile
        }
    }

    @Test func lpFormatFileIsRead() throws {
        let path = NSTemporaryDirectory() + "dflkit-\(UUID().uuidString).lp"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let lp = """
            Maximize
             obj: 3 x + 2 y
            Subject To
             c1: x + y <= 4
             c2: x + 3 y <= 6
            Bounds
             0 <= x <= 3
             y >= 0
            End

            """
        try lp.write(toFile: path, atomically: true, encoding: .utf8)
        let model = try UserModel(path: path)
        #expect(model.costDimension == 2 && model.sense == .maximize, "\(model.program)")
        #expect(model.program.objective == [3, 2], "\(model.program)")
        #expect(abs(try CLPSolver().solve(model.program).solution.objective - 11) < 1e-9)
    }

    /// CLP asserts |c| < 1e25 on its scaled objective and aborts the process; costs are refused
    /// before any C call, naming the instance and the entry.
    @Test func costsBeyondTheSolversRangeAreRefusedBeforeTheCall() throws {
        let program = MixedIntegerProgram(
            objective: [1, 1], sense: .maximize, inequalityMatrix: [[1, 1]], inequalityRHS: [1],
            integrality: [true, true])
        for value in [1e20, -1e25, 1e300, .nan, .infinity] {
            let reason: SolverError.Reason = value.isFinite ? .costOutOfRange : .nonFiniteCosts
            #expect { try CBCSolver().solve(program, costs: [1, value]) } throws: { e in
                (e as? SolverError)?.reason == reason && "\(e)".contains("c[1]")
            }
            #expect { try CLPSolver().solve(program, costs: [value, 1]) } throws: { e in
                (e as? SolverError)?.reason == reason && "\(e)".contains("c[0]")
            }
            var own = program
            own.objective = [value, 1]
            #expect { try CBCSolver().solve(own) } throws: { ($0 as? SolverError)?.reason == reason }
        }
        // Just inside the range is solved.
        #expect(try CBCSolver().solve(program, costs: [1, 9.9e19]).decision == [0, 1])
        // Through a batch, the error names the instance.
        let model = UserModel(program: program, name: "m.mps")
        var batch = [[Double]](repeating: [1, 2], count: 6)
        batch[4] = [1, 3e25]
        #expect { try MILPSolver<UserModel>().solveBatch(model, costs: batch, threads: 2) } throws: { e in
            (e as? SolverError)?.reason == .costOutOfRange
                && (e as? SolverError)?.message.hasPrefix("m.mps[4]: ") == true
        }
    }

    @Test func aGzippedMaximizationModelTrainsAsAMaximization() throws {
        let dir = NSTemporaryDirectory() + "dflkit-gz-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Examples/mps-model/projects.mps")
        let plain = try UserModel(path: source.path)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sh", "-c", "gzip -c -n '\(source.path)' > '\(dir)/p.mps.gz'"]
        try process.run()
        process.waitUntilExit()
        let zipped = try UserModel(path: dir + "/p.mps.gz")
        #expect(zipped.sense == .maximize && zipped.program == plain.program)
    }

    @Test func tspCuttingPlanesMatchHeldKarp() throws {
        var rng = SeededGenerator(seed: 13)
        for n in [8, 10, 12] {
            let p = try TravelingSalesman(nodes: n)
            let c = rng.uniform(1, 10, count: p.costDimension)
            let cuts = try TSPSolver(heldKarpLimit: 3).solve(p, costs: c)
            let hk = try HeldKarpSolver().solve(p, costs: c)
            #expect(abs(cuts.objective - hk.objective) < 1e-7)
        }
        let big = try TravelingSalesman(nodes: 20)
        let coords = (0..<20).map { _ in (rng.uniform(-2, 2), rng.uniform(-2, 2)) }
        let c = big.edges.map { e in
            ((coords[e.0].0 - coords[e.1].0) * (coords[e.0].0 - coords[e.1].0) + (coords[e.0].1 - coords[e.1].1)
                * (coords[e.0].1 - coords[e.1].1))
                .squareRoot()
        }
        let tour = try TSPSolver().solve(big, costs: c)
        #expect(tour.decision.reduce(0, +) == 20)
        #expect(tour.decision.enumerated().filter { $0.element > 0.5 }.count == 20)
    }
}
