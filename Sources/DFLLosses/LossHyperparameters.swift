/// Hyper-parameters of the surrogate losses; each has PyEPO's (or the paper's) default.
public struct LossHyperparameters: Codable, Sendable, Equatable {
    /// Noise scale σ of the perturbed methods (PFYL, DPO, I-MLE). PyEPO default 1.0.
    public var sigma: Double = 1
    /// Monte-Carlo samples of the perturbed methods. PyEPO default 10.
    public var samples: Int = 10
    /// Interpolation strength λ of DBB and I-MLE. PyEPO default 10.
    public var lambda: Double = 10
    /// Smoothing strength μ of the QP / Davis–Yin layers.
    public var smoothing: Double = 1
    /// Davis–Yin step size α (docs/papers/smoothing.md, "DYS-Net").
    public var dysStepSize: Double = 0.05
    /// Davis–Yin iteration limit.
    public var dysIterations: Int = 300
    /// I-MLE sum-of-gamma shape κ. PyEPO default 5.
    public var imleKappa: Double = 5
    /// Learning-to-rank listwise temperature. PyEPO fixes 1.
    public var temperature: Double = 1
    /// Finite-difference width σ of the perturbation-gradient losses (PGB, PGF, PGC). PyEPO default 0.1.
    public var pgWidth: Double = 0.1
    /// Regularization strength λ of the Frank–Wolfe losses (RFWO, RFY). PyEPO default 1.
    public var fwLambda: Double = 1

    /// The defaults.
    public init() {}

    /// Checks ranges.
    /// - Throws: ``LossError`` `.invalidHyperparameter`.
    public func validate() throws {
        func fail(_ s: String) throws { throw LossError.invalidHyperparameter(s) }
        func positive(_ v: Double, _ name: String) throws {
            if !(v > 0) || !v.isFinite { try fail("\(name) must be > 0 and finite (got \(v))") }
        }
        try positive(sigma, "sigma")
        if samples < 1 { try fail("samples must be ≥ 1 (got \(samples))") }
        try positive(lambda, "lambda")
        try positive(smoothing, "smoothing μ")
        try positive(dysStepSize, "DYS step size")
        if dysIterations < 1 { try fail("DYS iterations must be ≥ 1 (got \(dysIterations))") }
        try positive(imleKappa, "I-MLE kappa")
        try positive(temperature, "temperature")
        try positive(pgWidth, "PG width")
        try positive(fwLambda, "Frank-Wolfe lambda")
    }
}

extension LossHyperparameters {
    enum CodingKeys: String, CodingKey {
        case sigma, samples, lambda, smoothing, dysStepSize, dysIterations, imleKappa, temperature, pgWidth
        case fwLambda
    }

    /// Decodes with every key optional (missing keys keep their defaults).
    public init(from decoder: any Decoder) throws {
        self.init()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        sigma = try c.decodeIfPresent(Double.self, forKey: .sigma) ?? sigma
        samples = try c.decodeIfPresent(Int.self, forKey: .samples) ?? samples
        lambda = try c.decodeIfPresent(Double.self, forKey: .lambda) ?? lambda
        smoothing = try c.decodeIfPresent(Double.self, forKey: .smoothing) ?? smoothing
        dysStepSize = try c.decodeIfPresent(Double.self, forKey: .dysStepSize) ?? dysStepSize
        dysIterations = try c.decodeIfPresent(Int.self, forKey: .dysIterations) ?? dysIterations
        imleKappa = try c.decodeIfPresent(Double.self, forKey: .imleKappa) ?? imleKappa
        temperature = try c.decodeIfPresent(Double.self, forKey: .temperature) ?? temperature
        pgWidth = try c.decodeIfPresent(Double.self, forKey: .pgWidth) ?? pgWidth
        fwLambda = try c.decodeIfPresent(Double.self, forKey: .fwLambda) ?? fwLambda
    }
}
