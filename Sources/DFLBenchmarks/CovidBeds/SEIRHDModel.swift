import DFLTensor

/// The SEIR+HD compartment model of Kain et al. (2021) used by So-EBM §4.2
/// (docs/papers/energy.md, "COVID-19 hospital beds"),
/// on population fractions. Compartments, in order: S, E, Ia, Ip, Im, Is, H, R, D.
/// ```
/// force  = β (Ca·Ia + Cp·Ip + Cm·Im + Cs·Is)
/// dS = −force·S                       dE = force·S − γE
/// dIa = αγE − λa·Ia                   dIp = (1−α)γE − λp·Ip
/// dIm = μλp·Ip − λm·Im                dIs = (1−μ)λp·Ip − λs·Is
/// dH = λs·Is − δρd·H − (1−δ)ρr·H      dR = λa·Ia + λm·Im + (1−δ)ρr·H      dD = δρd·H
/// ```
/// Defaults are the published point estimates (per day); `β` is the (time-varying) transmission rate.
public struct SEIRHDModel: Sendable, Codable, Equatable {
    /// Number of compartments (9).
    public static let compartmentCount = 9
    /// Index of the hospitalized compartment H.
    public static let hospitalizedIndex = 6
    /// Compartment names in storage order.
    public static let compartmentNames = ["S", "E", "Ia", "Ip", "Im", "Is", "H", "R", "D"]

    /// Relative infectiousness of asymptomatic (0.6), pre-symptomatic, mild and severe (1) cases.
    public var ca = 0.6, cp = 1.0, cm = 1.0, cs = 1.0
    /// Asymptomatic fraction α (0.43).
    public var alpha = 0.43
    /// Rate E → I, γ = 1/3.5.
    public var gamma = 1 / 3.5
    /// Recovery/progression rates λa = 1/7, λp = 1/1.5, λm = 1/5.5, λs = 1/5.5.
    public var lambdaA = 1 / 7.0, lambdaP = 1 / 1.5, lambdaM = 1 / 5.5, lambdaS = 1 / 5.5
    /// Fraction of hospital exits that are deaths δ (0.2).
    public var delta = 0.2
    /// Mild fraction of symptomatic cases μ (0.95).
    public var mu = 0.95
    /// Hospital exit rates to death ρd = 1/13.3 and recovery ρr = 1/15.
    public var rhoD = 1 / 13.3, rhoR = 1 / 15.0
    /// Population N (California, 39.5 M; used to convert fractions to counts).
    public var population = 39.5e6

    /// Creates the model with the published defaults.
    public init() {}

    /// The vector field on plain fractions.
    public func derivative(_ x: [Double], beta: Double) -> [Double] {
        let (s, e, ia, ip, im, isv, h) = (x[0], x[1], x[2], x[3], x[4], x[5], x[6])
        let force = beta * (ca * ia + cp * ip + cm * im + cs * isv)
        return [
            -force * s, force * s - gamma * e, alpha * gamma * e - lambdaA * ia, (1 - alpha) * gamma * e - lambdaP * ip,
            mu * lambdaP * ip - lambdaM * im, (1 - mu) * lambdaP * ip - lambdaS * isv,
            lambdaS * isv - delta * rhoD * h - (1 - delta) * rhoR * h,
            lambdaA * ia + lambdaM * im + (1 - delta) * rhoR * h,
            delta * rhoD * h,
        ]
    }

    /// The vector field on variables (each compartment a variable of common shape).
    public func derivative(_ x: [Variable], beta: Variable) -> [Variable] {
        let s: Variable = x[0], e: Variable = x[1], ia: Variable = x[2], ip: Variable = x[3]
        let im: Variable = x[4], isv: Variable = x[5], h: Variable = x[6]
        var pressure: Variable = ca * ia
        pressure = pressure + cp * ip
        pressure = pressure + cm * im
        pressure = pressure + cs * isv
        let infection: Variable = (beta * pressure) * s
        let incubation: Variable = gamma * e
        let progression: Variable = lambdaP * ip
        let hospitalExitRate: Double = delta * rhoD + (1 - delta) * rhoR
        let dS: Variable = -infection
        let dE: Variable = infection - incubation
        let dIa: Variable = alpha * incubation - lambdaA * ia
        let dIp: Variable = (1 - alpha) * incubation - progression
        let dIm: Variable = mu * progression - lambdaM * im
        let dIs: Variable = (1 - mu) * progression - lambdaS * isv
        let dH: Variable = lambdaS * isv - hospitalExitRate * h
        let recoveredFromCommunity: Variable = lambdaA * ia + lambdaM * im
        let dR: Variable = recoveredFromCommunity + ((1 - delta) * rhoR) * h
        let dD: Variable = (delta * rhoD) * h
        return [dS, dE, dIa, dIp, dIm, dIs, dH, dR, dD]
    }

    /// Integrates one day per entry of `dailyBeta` with RK4 (`substeps` steps per day) and returns
    /// the state at the end of every day.
    public func simulate(from state: [Double], dailyBeta: [Double], substeps: Int = 4) -> [[Double]] {
        var x = state
        var out: [[Double]] = []
        out.reserveCapacity(dailyBeta.count)
        for beta in dailyBeta {
            x = rungeKutta4(from: x, stepSize: 1 / Double(substeps), steps: substeps) { _, y in
                derivative(y, beta: beta)
            }
            out.append(x)
        }
        return out
    }

    /// Differentiable simulation: from `state` (9 variables, each `[batch]`) with `dailyBeta`
    /// `[batch, days]`, returns the hospitalized fraction at the end of each day, `[batch, days]`.
    public func simulateHospitalized(from state: [Variable], dailyBeta: Variable, substeps: Int = 4) -> Variable {
        let days = dailyBeta.shape[1], batch = dailyBeta.shape[0]
        var x = state
        var hospital: [Variable] = []
        for d in 0..<days {
            let beta = reshape(slice(dailyBeta, axis: 1, d..<(d + 1)), [batch])
            x = rungeKutta4(from: x, stepSize: 1 / Double(substeps), steps: substeps) { _, y in
                derivative(y, beta: beta)
            }
            hospital.append(x[SEIRHDModel.hospitalizedIndex])
        }
        return stack(hospital, axis: 1)
    }
}
