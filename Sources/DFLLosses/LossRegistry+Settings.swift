extension LossRegistry {
    /// One hyper-parameter a method reads: its `dfl train` flag name and its default value.
    public struct Setting: Sendable, Equatable {
        /// The flag and config-file key, without dashes (`samples`, `imle-kappa`).
        public var flag: String
        /// The default, as ``LossHyperparameters`` holds it.
        public var defaultValue: String
    }

    /// The hyper-parameters the method called `name` reads, in flag order (empty: none; nil: not
    /// a registry name).
    public static func settings(of name: String) -> [Setting]? {
        let h = LossHyperparameters()
        let samples = Setting(flag: "samples", defaultValue: "\(h.samples)")
        let sigma = Setting(flag: "sigma", defaultValue: "\(h.sigma)")
        let lambda = Setting(flag: "lambda", defaultValue: "\(h.lambda)")
        let lower = name.lowercased()
        if isSmoothed(lower) {
            let smoothing = Setting(flag: "smoothing", defaultValue: "\(h.smoothing)")
            guard lower.hasSuffix("-dys") else { return [smoothing] }
            return [
                smoothing, Setting(flag: "dys-step-size", defaultValue: "\(h.dysStepSize)"),
                Setting(flag: "dys-iterations", defaultValue: "\(h.dysIterations)"),
            ]
        }
        switch lower {
        case "pfyl", "pfymul", "dpo", "dpomul": return [samples, sigma]
        case "dbb": return [lambda]
        case "imle": return [samples, sigma, lambda, Setting(flag: "imle-kappa", defaultValue: "\(h.imleKappa)")]
        case "aimle": return [samples, sigma, Setting(flag: "imle-kappa", defaultValue: "\(h.imleKappa)")]
        case "pgb", "pgf", "pgc": return [Setting(flag: "pg-width", defaultValue: "\(h.pgWidth)")]
        case "rfwo", "rfy": return [Setting(flag: "fw-lambda", defaultValue: "\(h.fwLambda)")]
        case "ltr-pointwise", "ltr-pairwise", "ltr-listwise":
            return [Setting(flag: "temperature", defaultValue: "\(h.temperature)")]
        case _ where exactSolverNames.contains(lower): return []
        default: return nil
        }
    }
}
