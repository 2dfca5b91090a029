import DFLLayers
import DFLLosses
import DFLOptimization
import DFLRandom
import DFLTensor
import DFLTestSupport
import Testing

/// A 4-item knapsack relaxation (maximize) with one capacity row.
private func smallKnapsackProgram() -> MixedIntegerProgram {
    MixedIntegerProgram(
        objective: [0, 0, 0, 0], sense: .maximize,
        inequalityMatrix: [[3, 4, 2, 5]], inequalityRHS: [7],
        lowerBounds: [0, 0, 0, 0], upperBounds: [1, 1, 1, 1])
}

/// A random batch: true costs, an arbitrary "optimal" decision and its objective (the loss formulas
/// hold for any `v*`, `z*`, so the check does not depend on a solver).
private func randomBatch(count: Int, d: Int, seed: UInt64) -> (LossBatch, [[Double]]) {
    var rng = SeededGenerator(seed: seed)
    var costs: [Double] = [], sols: [Double] = [], objs: [Double] = [], preds: [[Double]] = []
    for _ in 0..<count {
        let c = rng.uniform(0.5, 2, count: d)
        let v = rng.uniform(0, 1, count: d)
        costs += c
        sols += v
        objs.append(zip(c, v).reduce(0) { $0 + $1.0 * $1.1 })
        preds.append(rng.uniform(0.2, 2.5, count: d))
    }
    return (LossBatch(count: count, dimension: d, costs: costs, solutions: sols, objectives: objs), preds)
}

/// The loss value straight from the equations, using only the layer's forward solve.
private func referenceValue(
    _ kind: SmoothedSurrogateLoss.Kind, layer: QPSmoothingLayer, chat: [Double], c: [Double],
    vStar: [Double], zStar: Double
) throws -> Double {
    let s = layer.sense.sign
    switch kind {
    case .regret:
        return s * (dot(c, try layer.solve(chat).decision) - zStar)
    case .squaredDecisionError:
        let v = try layer.solve(chat).decision
        return zip(vStar, v).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / Double(c.count)
    case .selfContrastive:
        let v = try layer.solve(chat).decision
        return s * dot(zip(chat, c).map { $0 - $1 }, zip(vStar, v).map { $0 - $1 })
    case .spoPlus:
        let q = zip(chat, c).map { 2 * $0 - $1 }
        let v = try layer.solve(q).decision
        return s * dot(q, zip(vStar, v).map { $0 - $1 })
    }
}

@Suite("Surrogate losses on smoothed layers")
struct SmoothedLossTests {
    static let programs: [(String, MixedIntegerProgram)] = [
        ("grid", smallGridFlowProgram()), ("knapsack", smallKnapsackProgram()),
    ]

    @Test(
        "values match the equations and gradients match central finite differences (QP layer)",
        arguments: SmoothedSurrogateLoss.Kind.allCases)
    func valueAndGradient(kind: SmoothedSurrogateLoss.Kind) throws {
        for (index, (_, program)) in Self.programs.enumerated() {
            let layer = try QPSmoothingLayer(program: program, configuration: .init(smoothing: 0.7))
            let d = layer.costDimension
            let (batch, preds) = randomBatch(count: 3, d: d, seed: 11 + UInt64(index))
            let loss = SmoothedSurrogateLoss(kind, layer: .qp(layer))
            let (values, grads) = try loss.valuesAndGradients(preds, batch: batch)
            for i in 0..<batch.count {
                let ref = try referenceValue(
                    kind, layer: layer, chat: preds[i], c: batch.cost(i),
                    vStar: batch.solution(i), zStar: batch.objectives[i])
                #expect(abs(values[i] - ref) < 1e-10)
                let h = 1e-5
                for j in 0..<d {
                    var plus = preds[i], minus = preds[i]
                    plus[j] += h
                    minus[j] -= h
                    let fd =
                        (try referenceValue(
                            kind, layer: layer, chat: plus, c: batch.cost(i), vStar: batch.solution(i),
                            zStar: batch.objectives[i])
                            - referenceValue(
                                kind, layer: layer, chat: minus, c: batch.cost(i), vStar: batch.solution(i),
                                zStar: batch.objectives[i])) / (2 * h)
                    #expect(
                        abs(fd - grads[i][j]) < 1e-6,
                        "\(kind) instance \(i) coordinate \(j): fd \(fd) vs \(grads[i][j])")
                }
            }
        }
    }

    @Test("SCE and SPO+ gradients are the own term plus the layer's Jᵀ term (Eq. 11, 12), for both layers")
    func gradientDecomposition() throws {
        let program = smallGridFlowProgram()
        let qp = try QPSmoothingLayer(program: program, configuration: .init(smoothing: 0.5))
        let dys = try DavisYinLayer(
            program: program, configuration: .init(smoothing: 0.5, maxIterations: 20000, tolerance: 1e-10))
        let d = qp.costDimension
        let (batch, preds) = randomBatch(count: 2, d: d, seed: 5)
        for layer in [SmoothedLayer.qp(qp), .dys(dys)] {
            for i in 0..<batch.count {
                let c = batch.cost(i), vStar = batch.solution(i), chat = preds[i]
                // Eq. 12: (v* − v̂) + Jᵀ(c − ĉ).
                let point = try layer.solveBatch([chat])[0]
                let jt = try point.costGradient(zip(c, chat).map { $0 - $1 })
                let expectedSCE = (0..<d).map { vStar[$0] - point.decision[$0] + jt[$0] }
                // Eq. 11: 2(v* − ṽ) + 2J̃ᵀ(c − 2ĉ) at 2ĉ − c.
                let q = zip(chat, c).map { 2 * $0 - $1 }
                let tilde = try layer.solveBatch([q])[0]
                let jq = try tilde.costGradient(q.map { -$0 })
                let expectedSPO = (0..<d).map { 2 * (vStar[$0] - tilde.decision[$0]) + 2 * jq[$0] }
                let single = LossBatch(
                    count: 1, dimension: d, costs: c, solutions: vStar, objectives: [batch.objectives[i]])
                let sce = try SmoothedSurrogateLoss(.selfContrastive, layer: layer).valuesAndGradients(
                    [chat], batch: single)
                let spo = try SmoothedSurrogateLoss(.spoPlus, layer: layer).valuesAndGradients([chat], batch: single)
                #expect(maxAbsDifference(sce.gradients[0], expectedSCE) < 1e-12)
                #expect(maxAbsDifference(spo.gradients[0], expectedSPO) < 1e-12)
            }
        }
    }

    @Test(
        "SCE and SPO+ on the DYS layer (unrolled to convergence) match Eq. 11–12 built from the QP layer's exact Jacobian"
    )
    func davisYinAgainstExactJacobian() throws {
        let program = smallGridFlowProgram()
        let mu = 0.5
        let qp = try QPSmoothingLayer(program: program, configuration: .init(smoothing: mu))
        let dys = try DavisYinLayer(
            program: program,
            configuration: .init(smoothing: mu, maxIterations: 4000, tolerance: nil, backward: .unrolled))
        let d = qp.costDimension
        let (batch, preds) = randomBatch(count: 2, d: d, seed: 5)
        for i in 0..<batch.count {
            let c = batch.cost(i), vStar = batch.solution(i), chat = preds[i]
            // The oracle: the exact KKT Jacobian of the same smoothed problem.
            let point = try qp.solve(chat)
            let jt = try point.costGradient(zip(c, chat).map { $0 - $1 })
            let expectedSCE = (0..<d).map { vStar[$0] - point.decision[$0] + jt[$0] }
            let q = zip(chat, c).map { 2 * $0 - $1 }
            let tilde = try qp.solve(q)
            let jq = try tilde.costGradient(q.map { -$0 })
            let expectedSPO = (0..<d).map { 2 * (vStar[$0] - tilde.decision[$0]) + 2 * jq[$0] }
            let single = LossBatch(
                count: 1, dimension: d, costs: c, solutions: vStar, objectives: [batch.objectives[i]])
            let sce = try SmoothedSurrogateLoss(.selfContrastive, layer: .dys(dys)).valuesAndGradients(
                [chat], batch: single)
            let spo = try SmoothedSurrogateLoss(.spoPlus, layer: .dys(dys)).valuesAndGradients([chat], batch: single)
            // 4000 unrolled steps converge the forward and the reverse sweep to rounding (seen: 1e-14); the
            // QP side is polished to its active set, so both are exact to rounding.
            #expect(
                maxAbsDifference(sce.gradients[0], expectedSCE) < 1e-11, "SCE: \(sce.gradients[0]) vs \(expectedSCE)")
            #expect(
                maxAbsDifference(spo.gradients[0], expectedSPO) < 1e-11, "SPO+: \(spo.gradients[0]) vs \(expectedSPO)")
        }
    }

    @Test("the differentiable op returns the batch mean and its gradient reaches the predictions")
    func differentiableOp() throws {
        let program = smallKnapsackProgram()
        let loss = try LossRegistry.makeSmoothed("sce-qp", hyperparameters: .init(), problem: MILPProblem(program))
        let (batch, preds) = randomBatch(count: 4, d: 4, seed: 9)
        let parameter = Parameter(name: "predictions", value: Tensor(shape: [4, 4], scalars: preds.flatMap { $0 }))
        let x = Variable(parameter: parameter)
        let oracle = DecisionOracle(costDimension: 4, sense: .maximize, name: "unused") { _ in
            throw SolverError(.invalidModel, "the smoothed losses must not call the exact solver")
        }
        let l = try loss(x, batch: batch, context: LossContext(oracle: oracle))
        l.backward()
        let (values, grads) = try loss.valuesAndGradients(preds, batch: batch)
        #expect(abs(l.value.scalar - values.reduce(0, +) / 4) < 1e-12)
        let g = try #require(parameter.gradient)
        #expect(maxAbsDifference(g.scalars, grads.flatMap { $0 }.map { $0 / 4 }) < 1e-12)
    }

    @Test("registry names, unknown names and bad predictions are typed errors")
    func registryAndErrors() throws {
        #expect(LossRegistry.smoothedNames.contains("sce-dys"))
        #expect(LossRegistry.smoothedNames.contains("spo+-qp"))
        #expect(LossRegistry.smoothedNames.contains("sqde-dys"))
        let problem = MILPProblem(smallKnapsackProgram())
        #expect(try LossRegistry.makeSmoothed("Regret-QP", problem: problem).name == "regret-qp")
        #expect(try LossRegistry.makeSmoothed("sqde-dys", problem: problem).name == "sqde-dys")
        #expect(throws: LossError.self) { try LossRegistry.makeSmoothed("sce-cvx", problem: problem) }
        var h = LossHyperparameters()
        h.smoothing = 0
        #expect(throws: LossError.self) {
            try LossRegistry.makeSmoothed("sce-qp", hyperparameters: h, problem: problem)
        }
        let loss = try LossRegistry.makeSmoothed("sce-qp", problem: problem)
        let (batch, _) = randomBatch(count: 1, d: 4, seed: 1)
        let oracle = DecisionOracle(costDimension: 4, sense: .maximize, name: "unused") { _ in
            throw SolverError(.invalidModel, "unused")
        }
        let bad = Variable(Tensor(shape: [1, 4], scalars: [1, .nan, 0, 0]))
        #expect(throws: LossError.nonFinitePrediction(instance: 0, coordinate: 1)) {
            try loss(bad, batch: batch, context: LossContext(oracle: oracle))
        }
        let wrong = Variable(Tensor(shape: [1, 3], scalars: [1, 2, 3]))
        #expect(throws: LossError.self) { try loss(wrong, batch: batch, context: LossContext(oracle: oracle)) }
    }
}
