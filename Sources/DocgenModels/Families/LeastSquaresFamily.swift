import DocgenOptions

/// Least squares with docgen's penalty: `ols`, `ridge`, `lasso` and `elasticnet` (glmnet's "gaussian" family).
///
/// Minimizes (1/(2n))‖y − β₀ − Xβ‖² + α(ρ‖β‖₁ + (1 − ρ)/2‖β‖²) over the unpenalized intercept β₀ and β:
/// lasso ρ = 1, ridge ρ = 0, elastic net ρ = `l1_ratio`, ols a single fit at α = 0 (minimum-norm least squares
/// when the features are rank deficient). This is scikit-learn's `Lasso`/`ElasticNet` scaling and glmnet's.
///
/// Solvers: α = 0 by SVD (LAPACK dgelsd); ridge by one eigendecomposition for the whole path; otherwise warm-started
/// coordinate descent (`ElasticNetPathState`). The certificate is the duality gap; the stop is gap ≤ tolerance ×
/// the null objective (1/(2n))‖y − ȳ‖².
public struct LeastSquares: ModelFamily {
    /// The penalty, which fixes ρ.
    public enum Penalty: Sendable, Equatable {
        /// No penalty: ordinary least squares at α = 0.
        case none
        case ridge
        case lasso
        /// Mixing ρ in [0, 1].
        case elasticNet(l1Ratio: Double)
    }

    public var penalty: Penalty
    public init(penalty: Penalty) { self.penalty = penalty }

    public static let modelNames = ["ols", "ridge", "lasso", "elasticnet"]

    public static func optionKeys(model name: String) -> [String] { name == "elasticnet" ? ["l1_ratio"] : [] }

    public static func read(model name: String, _ r: inout OptionReader) -> LeastSquares? {
        switch name {
        case "ols": return LeastSquares(penalty: .none)
        case "ridge": return LeastSquares(penalty: .ridge)
        case "lasso": return LeastSquares(penalty: .lasso)
        default:
            let given = r.has("l1_ratio")
            guard let rho = r.l1Ratio() else {
                if !given {
                    r.error("model elasticnet needs 'l1_ratio' (the L1 share ρ, between 0 and 1)", at: r.location(of: "model"))
                }
                return nil
            }
            return LeastSquares(penalty: .elasticNet(l1Ratio: rho))
        }
    }

    public var name: String {
        switch penalty {
        case .none: return "ols"
        case .ridge: return "ridge"
        case .lasso: return "lasso"
        case .elasticNet: return "elasticnet"
        }
    }

    public var displayName: String {
        switch penalty {
        case .none: return "least squares"
        case .ridge: return "ridge"
        case .lasso: return "lasso"
        case .elasticNet: return "elastic net"
        }
    }

    public var task: PredictionTask { .regression }

    public var l1Ratio: Double? {
        switch penalty {
        case .none: return nil
        case .ridge: return 0
        case .lasso: return 1
        case let .elasticNet(rho): return rho
        }
    }

    public var relativeCost: Double {
        switch penalty {
        case .none: return 0.2
        case .ridge: return 1
        case .lasso, .elasticNet: return 3
        }
    }

    /// ρ used where a formula needs one: least squares at α = 0 is certified and given α_max as the lasso would be.
    var mix: Double { l1Ratio ?? 1 }

    public func checkTarget(_ y: [Double], name: String) throws {}

    public func alphaMax(_ z: Dataset) -> Double { alphaMaxOfLinearModel(z, l1Ratio: mix) }

    public func nullObjective(_ z: Dataset) -> Double { GaussianDesign(z).nullObjective }

    /// β = 0 and β₀ = ȳ: for α ≥ α_max every |x_jᵀ(y − ȳ)|/n ≤ ρα, so zero weights meet the KKT conditions and the
    /// duality gap is 0. (Least squares at α = 0 reaches here only when α_max = 0: a constant target or no varying
    /// feature, where β = 0 is the minimum-norm solution.)
    public func nullSolution(_ z: Dataset) -> PathSolution? {
        guard mix >= smallestExactL1Ratio, z.rowCount > 0 else { return nil }
        let mean = z.y.reduce(0, +) * (1 / Double(z.rowCount))
        return PathSolution(coefficients: [Double](repeating: 0, count: z.featureCount), intercept: mean,
                            certificate: 0, converged: true)
    }

    public func pathSolver(for z: Dataset, alphas: [Double], settings: SolverSettings) throws -> any PathSolver {
        try LeastSquaresPathSolver(GaussianDesign(z), alphas: alphas, l1Ratio: mix, settings: settings)
    }

    public func predict(_ solution: PathSolution, _ z: Dataset) -> [Double] { linearPredictor(solution, z) }
}

extension ModelFamily where Self == LeastSquares {
    /// Ordinary least squares (one fit at α = 0).
    public static var ols: LeastSquares { LeastSquares(penalty: .none) }
    public static var ridge: LeastSquares { LeastSquares(penalty: .ridge) }
    public static var lasso: LeastSquares { LeastSquares(penalty: .lasso) }
    /// Elastic net with mixing ρ = `l1Ratio` in [0, 1].
    public static func elasticNet(l1Ratio: Double) -> LeastSquares { LeastSquares(penalty: .elasticNet(l1Ratio: l1Ratio)) }
}

/// The least-squares path: α = 0 by minimum-norm least squares, ρ = 0 by one eigendecomposition, otherwise
/// warm-started coordinate descent.
///
/// Far below α_max the plain dual point is useless numerically and the least-squares floor ‖r_OLS‖²/n makes the gap
/// meaningful: it is computed up front when the grid goes below 10⁻⁴·α_max, and otherwise only to re-certify an α
/// that fails without it.
struct LeastSquaresPathSolver: PathSolver {
    let design: GaussianDesign
    let rho: Double
    let settings: SolverSettings
    let gapTolerance: Double
    private var leastSquares: (beta: [Double], gap: Double)?
    private var ridge: RidgeDecomposition?
    private var elasticNet: ElasticNetPathState?
    /// The floor used to re-certify an α the solver could not certify; `.some(nil)` when LAPACK could not give it.
    private var recertificationFloor: Double??
    /// The solver already used the floor, so there is nothing to re-certify with.
    private var solverHasFloor = false
    private(set) var pathWarnings: [ModelWarning] = []

    init(_ d: GaussianDesign, alphas: [Double], l1Ratio rho: Double, settings: SolverSettings) throws {
        design = d
        self.rho = rho
        self.settings = settings
        gapTolerance = settings.tolerance * d.nullObjective
        if alphas.contains(0) {
            guard let (beta, rank) = minimumNormLeastSquares(d) else {
                throw ModelError(key: "alphas", message: "least squares at alpha = 0 failed in LAPACK (dgelsd)")
            }
            let effectiveColumns = d.diag.filter { $0 > 0 }.count
            if rank < effectiveColumns {
                pathWarnings.append(ModelWarning(kind: .rankDeficient,
                    message: "at alpha = 0 (ordinary least squares) the features have rank \(rank) < \(effectiveColumns) "
                        + "non-constant columns; the minimum-norm solution is reported", alpha: 0, key: "alphas"))
            }
            leastSquares = (beta, gaussianGap(d, beta, alpha: 0, l1Ratio: rho))
        }
        let positive = alphas.filter { $0 > 0 }
        guard let smallest = positive.min() else { return }
        if rho == 0 {
            guard let decomposition = RidgeDecomposition(d) else {
                throw ModelError(key: "alphas", message: "ridge eigendecomposition failed in LAPACK (dsyevd)")
            }
            ridge = decomposition
        } else {
            let floor = smallest < 1e-4 * d.alphaMax(l1Ratio: rho) ? leastSquaresFloor(d) : nil
            solverHasFloor = floor != nil
            elasticNet = ElasticNetPathState(d, l1Ratio: rho, gapTolerance: gapTolerance, maxSweeps: settings.maxIterations,
                                             leastSquaresFloor: floor)
        }
    }

    mutating func solve(alpha: Double) -> PathSolution {
        let d = design
        if alpha == 0, let (beta, gap) = leastSquares {
            return PathSolution(coefficients: beta, intercept: d.intercept(beta), certificate: gap, converged: true)
        }
        if let ridge {
            let beta = ridge.solve(alpha: alpha)
            return PathSolution(coefficients: beta, intercept: d.intercept(beta),
                                certificate: gaussianGap(d, beta, alpha: alpha, l1Ratio: 0), converged: true)
        }
        var point = elasticNet!.solve(alpha: alpha)
        if !point.converged && !solverHasFloor {
            // Re-certify with the least-squares floor (computed once, the first time it is needed).
            if recertificationFloor == nil { recertificationFloor = .some(leastSquaresFloor(d)) }
            if case let .some(.some(q0)) = recertificationFloor {
                point.gap = gaussianGap(d, point.beta, alpha: alpha, l1Ratio: rho, leastSquaresFloor: q0)
                point.converged = point.gap <= gapTolerance
            }
        }
        var warning: ModelWarning?
        if !point.converged {
            let farBelow = alpha < 1e-4 * d.alphaMax(l1Ratio: rho)
            warning = ModelWarning(kind: .notConverged,
                message: "coordinate descent did not converge at alpha = \(alpha) within \(settings.maxIterations) "
                    + "sweeps: duality gap \(point.gap) > \(gapTolerance) (tolerance × null objective)"
                    + (farBelow ? "; far below alpha_max on nearly collinear features the gap is limited by rounding" : ""),
                alpha: alpha, gap: point.gap, key: "max_iterations")
        }
        return PathSolution(coefficients: point.beta, intercept: d.intercept(point.beta), certificate: point.gap,
                            converged: point.converged, warning: warning)
    }
}
