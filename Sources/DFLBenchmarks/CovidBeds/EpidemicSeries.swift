import DFLRandom
import Foundation

/// A daily epidemic trajectory: compartment fractions, the transmission rate, and observed
/// hospitalization counts.
public struct EpidemicSeries: Sendable, Codable {
    /// `states[d]`: the 9 SEIR+HD fractions at the end of day `d`.
    public var states: [[Double]]
    /// `beta[d]`: the transmission rate in force during day `d` (true for synthetic data,
    /// estimated for real data).
    public var beta: [Double]
    /// Observed hospitalized patients at the end of day `d` (counts).
    public var hospitalized: [Double]

    /// Number of days.
    public var dayCount: Int { states.count }

    /// A synthetic trajectory: weekly transmission rates following a mean-reverting log random
    /// walk around `meanBeta`, integrated with RK4, and hospital counts observed with
    /// multiplicative noise of standard deviation `observationNoise`.
    public static func synthetic(
        days: Int = 420, model: SEIRHDModel = SEIRHDModel(), meanBeta: Double = 0.2, volatility: Double = 0.15,
        observationNoise: Double = 0.03, initialInfected: Double = 2e-5, seed: UInt64
    ) -> EpidemicSeries {
        var rng = SeededGenerator(seed: seed)
        var logBeta = log(meanBeta) + rng.normal(mean: 0, standardDeviation: volatility)
        var daily: [Double] = []
        for d in 0..<days {
            if d % 7 == 0 && d > 0 {
                logBeta =
                    log(meanBeta) + 0.75 * (logBeta - log(meanBeta))
                    + rng.normal(mean: 0, standardDeviation: volatility)
            }
            daily.append(exp(logBeta))
        }
        var x0 = [Double](repeating: 0, count: SEIRHDModel.compartmentCount)
        x0[1] = initialInfected
        x0[3] = initialInfected / 2
        x0[0] = 1 - x0[1] - x0[3]
        let states = model.simulate(from: x0, dailyBeta: daily)
        let observed = states.map { s in
            max(0, s[SEIRHDModel.hospitalizedIndex] * model.population * (1 + observationNoise * rng.normal()))
        }
        return EpidemicSeries(states: states, beta: daily, hospitalized: observed)
    }

    /// Loads real daily hospitalization counts from a CSV file with a header and a column named
    /// `hospitalized` (other columns, e.g. `date`, are ignored), and reconstructs compartments by
    /// fitting a weekly transmission rate (golden-section search on the squared error of the
    /// simulated H over each week, sequentially; the initial state puts the first count in H and
    /// matching amounts in the infectious compartments).
    /// - Throws: ``BenchmarkError`` for a missing file, a missing column, or a non-numeric value.
    public static func loadHospitalizationCSV(path: String, model: SEIRHDModel = SEIRHDModel()) throws -> EpidemicSeries
    {
        guard FileManager.default.fileExists(atPath: path) else { throw BenchmarkError.missingData(path: path) }
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var lines = text.split(whereSeparator: \.isNewline).map(String.init)
        guard !lines.isEmpty else { throw BenchmarkError.malformedData(path: path, line: 1, reason: "empty file") }
        let header = lines.removeFirst().split(separator: ",").map {
            $0.trimmingCharacters(in: .whitespaces).lowercased()
        }
        guard let column = header.firstIndex(of: "hospitalized") else {
            throw BenchmarkError.malformedData(
                path: path, line: 1, reason: "no 'hospitalized' column in header \(header)")
        }
        var counts: [Double] = []
        for (i, line) in lines.enumerated() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard column < fields.count, let v = Double(fields[column].trimmingCharacters(in: .whitespaces)),
                v.isFinite, v >= 0
            else {
                throw BenchmarkError.malformedData(
                    path: path, line: i + 2, reason: "expected a non-negative number in column 'hospitalized'")
            }
            counts.append(v)
        }
        guard counts.count >= 35 else {
            throw BenchmarkError.malformedData(
                path: path, line: counts.count + 1, reason: "need at least 35 days, got \(counts.count)")
        }
        return fit(hospitalized: counts, model: model)
    }

    /// Reconstructs compartments for observed hospital counts (see ``loadHospitalizationCSV(path:model:)``).
    public static func fit(hospitalized counts: [Double], model: SEIRHDModel) -> EpidemicSeries {
        let n = model.population
        let h0 = max(counts[0], 1) / n
        var x = [Double](repeating: 0, count: SEIRHDModel.compartmentCount)
        x[6] = h0
        x[5] = h0 * model.lambdaS.reciprocal * model.rhoR
        x[1] = 20 * h0
        x[3] = 10 * h0
        x[2] = 10 * h0
        x[4] = 10 * h0
        x[0] = 1 - x[1...6].reduce(0, +)
        var states: [[Double]] = [], betas: [Double] = []
        var start = 0
        while start < counts.count {
            let end = min(start + 7, counts.count)
            let target = Array(counts[start..<end])
            let current = x
            func error(_ beta: Double) -> Double {
                let path = model.simulate(from: current, dailyBeta: [Double](repeating: beta, count: end - start))
                return zip(path, target).map {
                    let r = $0[6] * n - $1
                    return r * r
                }.reduce(0, +)
            }
            var lo = 0.0, hi = 1.5
            let phi = (5.0.squareRoot() - 1) / 2
            for _ in 0..<60 {
                let a = hi - phi * (hi - lo), b = lo + phi * (hi - lo)
                if error(a) < error(b) { hi = b } else { lo = a }
            }
            let beta = (lo + hi) / 2
            let path = model.simulate(from: current, dailyBeta: [Double](repeating: beta, count: end - start))
            states += path
            betas += [Double](repeating: beta, count: end - start)
            x = path[path.count - 1]
            start = end
        }
        return EpidemicSeries(states: states, beta: betas, hospitalized: counts)
    }
}

extension Double {
    fileprivate var reciprocal: Double { 1 / self }
}
