import DFLOptimization

/// A dense primal–dual interior-point solver (Mehrotra predictor–corrector) for
/// ``DenseQuadraticProgram``s that share their constraints and differ in the linear term `q`,
/// with an active-set polishing step and a reusable KKT factorization for the backward pass.
///
/// Each iteration factors `H = Q + Cᵀ diag(λ/s) C` and the Schur complement `A H⁻¹ Aᵀ` once and
/// uses them for the predictor and corrector (the OptNet/CVXGEN scheme). When the duality measure
/// falls below ``Configuration/polishThreshold`` the constraints with `λᵢ > sᵢ` are taken as active
/// and the equality-constrained QP on that active set is solved exactly; if that point is feasible
/// with non-negative multipliers it is returned (accurate to rounding), else the iteration goes on.
///
/// References: S. Mehrotra (1992), doi:10.1137/0802028; B. Amos and J. Z. Kolter, "OptNet" (2017),
/// arXiv:1703.00443; J. Mattingley and S. Boyd, "CVXGEN" (2012), doi:10.1007/s11081-011-9176-9.
public struct InteriorPointQPSolver: Sendable {
    /// How each iteration solves its Newton system when `Q` is diagonal and there are general
    /// inequality rows `G` (with no general rows and a diagonal `Q` the system is always diagonal).
    public enum NewtonStrategy: String, Sendable, Codable, Equatable, CaseIterable {
        /// Low rank when `n ≥ 100` and `p_G ≤ n/4`, else dense (the default); an instance that
        /// fails on the low-rank path is solved again on the dense path.
        case automatic
        /// Dense `n × n` Cholesky of `H = Q + Cᵀ D C`: `O(n³)` per iteration.
        case dense
        /// Woodbury form with a `p_G × p_G` factorization: `O(p_G² n)` per iteration. Needs every
        /// variable to have positive curvature or a finite bound (otherwise dense is used).
        case lowRank
    }

    /// Solver settings; every field has a documented default.
    public struct Configuration: Sendable, Codable, Equatable {
        /// Relative tolerance on primal residual, stationarity and mean complementarity at which the
        /// interior-point iteration stops (default `1e-10`).
        public var tolerance: Double
        /// Iteration limit; reaching it above tolerance throws `.notConverged` (default `60`).
        public var maxIterations: Int
        /// Whether to polish on the identified active set (default `true`).
        public var polish: Bool
        /// Residual level below which polishing is attempted (default `1e-6`).
        public var polishThreshold: Double
        /// Whether the constructor proves the feasible set non-empty with an elastic program, so an
        /// infeasible relaxation is reported as `.infeasible` up front (default `true`).
        public var checkFeasibility: Bool
        /// At the iteration limit, return the last iterate instead of throwing when its largest
        /// scaled residual is at most this (default `0`: always throw). The returned solution's
        /// `optimalityError` carries the residual — the documented-warning mode a training loop
        /// uses so that one stalled degenerate instance does not end a run.
        public var acceptableResidual: Double = 0
        /// How the Newton system is solved for diagonal `Q` with general rows (default `.automatic`).
        public var newtonStrategy: NewtonStrategy = .automatic

        /// Creates a configuration; see each property for its default.
        public init(
            tolerance: Double = 1e-10, maxIterations: Int = 60, polish: Bool = true,
            polishThreshold: Double = 1e-6, checkFeasibility: Bool = true
        ) {
            self.tolerance = tolerance
            self.maxIterations = maxIterations
            self.polish = polish
            self.polishThreshold = polishThreshold
            self.checkFeasibility = checkFeasibility
        }
    }

    /// The program (its `linear` term is the default for ``solve(linear:)``).
    public let program: DenseQuadraticProgram
    /// The settings.
    public let configuration: Configuration
    /// Preprocessed structure shared by all solves.
    let structure: QPStructure

    /// Validates and preprocesses `program` and, when configured, checks that it is feasible.
    /// - Throws: ``QuadraticProgramError``: `.invalidConfiguration`, `.invalidModel`, `.nonFiniteInput`, or
    ///   `.infeasible` (inconsistent equalities, crossed bounds, or an empty feasible set, with the
    ///   minimal total constraint violation in the message).
    public init(program: DenseQuadraticProgram, configuration: Configuration = Configuration()) throws {
        guard configuration.tolerance > 0, configuration.maxIterations > 0, configuration.polishThreshold > 0 else {
            throw QuadraticProgramError(
                .invalidConfiguration,
                "QP solver: tolerance (\(configuration.tolerance)), maxIterations (\(configuration.maxIterations)) and polishThreshold must be positive"
            )
        }
        self.program = program
        self.configuration = configuration
        structure = try QPStructure(program)
        if configuration.checkFeasibility {
            try FeasibilityCheck.verify(program)
        }
    }

    /// Rows of the original equality matrix removed as linearly dependent (consistent) rows.
    public var droppedEqualityRows: [Int] { structure.droppedEqualityRows }

    /// Solves the program with linear term `q` (default: the program's own).
    /// - Throws: ``QuadraticProgramError`` `.dimensionMismatch`/`.nonFiniteInput` for a bad `q`,
    ///   `.notConverged` (with the residuals) at the iteration limit, `.numericalFailure` when a
    ///   factorization breaks down.
    public func solve(linear q: [Double]? = nil) throws -> QPSolution {
        let q = q ?? program.linear
        try QuadraticProgramError.validate(q, expected: structure.n, what: "QP linear term q")
        var run = InteriorPointRun(structure: structure, configuration: configuration, q: q)
        do {
            return try run.solve()
        } catch let error as QuadraticProgramError
            where configuration.newtonStrategy == .automatic && run.newton.path == .lowRank
            && (error.reason == .notConverged || error.reason == .numericalFailure)
        {
            // The low-rank solve is less robust than a dense Cholesky far into a degenerate run;
            // the automatic strategy then solves the instance again on the dense path.
            var dense = configuration
            dense.newtonStrategy = .dense
            var retry = InteriorPointRun(structure: structure, configuration: dense, q: q)
            return try retry.solve()
        }
    }

    /// Solves one program per linear term, in parallel on up to `threads` workers (default: all cores).
    /// - Throws: the first failing instance's ``QuadraticProgramError``, its message prefixed by `[index]`.
    public func solveBatch(_ linearTerms: [[Double]], threads: Int = .max) throws -> [QPSolution] {
        try parallelMap(linearTerms.count, threads: threads) { i in
            do { return try solve(linear: linearTerms[i]) } catch let e as QuadraticProgramError {
                throw QuadraticProgramError(e.reason, "[\(i)] \(e.message)")
            }
        }
    }

    /// The largest scaled KKT residual of `solution` for linear term `q` (see
    /// ``QPSolution/optimalityError``): `≈ 0` (about `1e-12`) at an optimum.
    public func optimalityError(of solution: QPSolution, linear q: [Double]) -> Double {
        KKTResidual.evaluate(
            structure: structure, q: q, x: solution.primal, nu: solution.reducedEqualityDuals,
            lambda: solution.allInequalityDuals)
    }
}
