import DFLNN
import DFLRandom
import DFLTensor
import Foundation
import Testing

@Suite("Checkpoint errors")
struct CheckpointErrorTests {
    private func temporaryPath() -> String {
        NSTemporaryDirectory() + "dflkit-nn-\(UUID().uuidString).json"
    }

    @Test func batchNormStatisticsTravelWithTheParameters() throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        var rng = SeededGenerator(seed: 1)
        let mode = ModeSwitch()
        let norm = BatchNorm(features: 2, mode: mode)
        _ = norm(Variable(seededTensor([6, 2], seed: 2, scale: 3)))
        mode.isTraining = false
        let head = Linear(inputSize: 2, outputSize: 1, name: "head", rng: &rng)
        try ParameterStore.save(norm.parameters + norm.state + head.parameters, to: path)

        let otherMode = ModeSwitch(isTraining: false)
        let restoredNorm = BatchNorm(features: 2, mode: otherMode)
        let restoredHead = Linear(inputSize: 2, outputSize: 1, name: "head", rng: &rng)
        try ParameterStore.load(restoredNorm.parameters + restoredNorm.state + restoredHead.parameters, from: path)
        let x = Variable(seededTensor([3, 2], seed: 3))
        #expect(restoredHead(restoredNorm(x)).value == head(norm(x)).value)
    }

    @Test func missingNameAndWrongShapeAreReportedByName() throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        var rng = SeededGenerator(seed: 4)
        let small = MLP(inputSize: 3, hiddenSizes: [4], outputSize: 1, rng: &rng)
        try ParameterStore.save(small.parameters, to: path)

        let deeper = MLP(inputSize: 3, hiddenSizes: [4, 4], outputSize: 1, rng: &rng)
        do {
            try ParameterStore.load(deeper.parameters, from: path)
            Issue.record("loading into a deeper model must fail")
        } catch let error as CheckpointError {
            #expect(error.message.contains("mlp.layers.1.weight") && error.message.contains(path))
        }
        let wider = MLP(inputSize: 3, hiddenSizes: [5], outputSize: 1, rng: &rng)
        do {
            try ParameterStore.load(wider.parameters, from: path)
            Issue.record("loading into a wider model must fail")
        } catch let error as CheckpointError {
            #expect(error.message.contains("mlp.layers.0.weight") && error.message.contains("[3, 4]"))
        }
    }

    @Test func aFailedLoadChangesNothing() throws {
        var rng = SeededGenerator(seed: 5)
        let model = MLP(inputSize: 2, hiddenSizes: [3], outputSize: 1, rng: &rng)
        let before = model.parameters.map(\.value)
        var values = ParameterStore.snapshot(model.parameters)
        for key in values.keys { values[key] = values[key]!.map { $0 + 1 } }
        values["mlp.layers.1.bias"] = Tensor([1, 2])  // the last parameter does not fit
        #expect(throws: CheckpointError.self) { try ParameterStore.restore(model.parameters, from: values) }
        #expect(model.parameters.map(\.value) == before)
    }

    @Test func unreadableFilesAreTypedErrors() throws {
        var rng = SeededGenerator(seed: 6)
        let model = Linear(inputSize: 2, outputSize: 1, rng: &rng)
        #expect(throws: CheckpointError.self) {
            try ParameterStore.load(model.parameters, from: "/nonexistent/dfl/model.json")
        }
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data("{\"linear.weight\": 3}".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: CheckpointError.self) { try ParameterStore.load(model.parameters, from: path) }
        #expect(throws: CheckpointError.self) {
            try ParameterStore.save(model.parameters, to: "/nonexistent/dfl/model.json")
        }
        let twin = [model.weight, Parameter(name: "linear.weight", value: Tensor([1]))]
        #expect(throws: CheckpointError.self) { try ParameterStore.save(twin, to: path) }
    }
}
