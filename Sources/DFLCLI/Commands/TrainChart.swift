import DFLReport
import DFLTraining

extension Train {
    /// The `--plot` chart of a run: training loss per epoch in the upper panel, normalized regret
    /// (validation and test, from the untrained model at epoch 0) in the lower, on one epoch axis.
    public static func chart(_ r: TrainingResult) -> SVGStackedCharts {
        var loss = SVGLineChart(title: "training loss", xLabel: "epoch", yLabel: "mean loss")
        loss.height = 300
        loss.add(series: "train loss", x: r.history.map { Double($0.epoch) }, y: r.history.map(\.trainLoss))
        var regret = SVGLineChart(title: "normalized regret", xLabel: "epoch", yLabel: "normalized regret")
        regret.height = 320
        let validated = r.history.filter { $0.validationNormalizedRegret != nil }
        if !validated.isEmpty {
            // From the untrained model at epoch 0 when the run scored it (not on a resumed run).
            let start = r.initialValidationNormalizedRegret.map { ([0.0], [$0]) } ?? ([], [])
            regret.add(
                series: "validation", x: start.0 + validated.map { Double($0.epoch) },
                y: start.1 + validated.map { $0.validationNormalizedRegret ?? .nan })
        }
        let tested = r.history.filter { $0.testNormalizedRegret != nil }
        regret.add(
            series: "test", x: [0] + tested.map { Double($0.epoch) },
            y: [r.initialNormalizedRegret] + tested.map { $0.testNormalizedRegret ?? .nan })
        return SVGStackedCharts(title: "\(r.method) on \(r.problem)", panels: [loss, regret])
    }
}
