import DocgenOptions

/// Least squares with docgen's penalty: `ols`, `ridge`, `lasso` and `elasticnet` (glmnet's "gaussian" family).
///
/// Minimizes (1/(2n))‖y − β₀ − Xβ‖² + α(ρ‖β‖₁ + (1 − ρ)/2‖β‖²) over the unpenalized intercept β₀ and β:
/// lasso ρ = 1, ridge ρ = 0, elastic net ρ = `l1_ratio`, ols a single fit at α = 0 (minimum-norm least squares
/// when the features are rank deficient). This is scikit-learn's `Lasso`/`ElasticNet` scaling and glmnet's.
///
/// Solvers: α = 0 by SVD (LAPACK dgelsd); ridge by one SVD of the design for the whole path; otherwise warm-started
/// coordinate descent (`ElasticNetPathState`). The certificate is the duality gap; the stop is gap ≤ tolerance ×
/// the null objective (1/(2n))‖y − ȳ‖².
///
/// Options (keys of this family): `fit_intercept: false` drops β₀ (no centering: the objective is
/// (1/(2n))‖y − Xβ‖² + penalty, its null objective (1/(2n))‖y‖², α_max = max_j |x_jᵀy|/(nρ), and the duality gap the
/// same formulas on the uncentered design); `positive: true` (lasso and elastic net) constrains β ≥ 0 as
/// scikit-learn's `positive=True` (projected coordinate descent, one-sided dual feasibility); `convention: sklearn`
/// makes `alphas` mean the scikit-learn estimator's alpha, which for ridge is `Ridge(alpha)` = n·α.
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
    /// Fit an unpenalized intercept (default); false is scikit-learn's `fit_intercept=False`.
    public var fitIntercept: Bool
    /// Constrain every coefficient to be ≥ 0 (lasso and elastic net only), as scikit-learn's `positive=True`.
    public var positive: Bool
    /// What `alphas` means: docgen's α, or the scikit-learn estimator's alpha.
    public var convention: PenaltyConvention

    public init(penalty: Penalty, fitIntercept: Bool = true, positive: Bool = false,
                convention: PenaltyConvention = .docgen) {
        self.penalty = penalty; self.fitIntercept = fitIntercept; self.positive = positive
        self.convention = convention
    }

    public static let modelNames = ["ols", "ridge", "lasso", "elasticnet"]

    public static func optionKeys(model name: String) -> [String] {
        switch name {
        case "elasticnet": return ["l1_ratio", "fit_intercept", "positive", "convention"]
        case "lasso": return ["fit_intercept", "positive", "convention"]
        default: return ["fit_intercept", "convention"]
        }
    }

    public static func read(model name: String, _ r: inout OptionReader) -> LeastSquares? {
        let fitIntercept = r.fitsIntercept()
        let positive = r.has("positive") ? r.bool("positive") : false
        let convention = r.penaltyConvention()
        let penalty: Penalty
        switch name {
        case "ols": penalty = .none
        case "ridge": penalty = .ridge
        case "lasso": penalty = .lasso
        default:
            let given = r.has("l1_ratio")
            guard let rho = r.l1Ratio() else {
                if !given {
                    r.error("model elasticnet needs 'l1_ratio' (the L1 share ρ, between 0 and 1)", at: r.location(of: "model"))
                }
                return nil
            }
            penalty = .elasticNet(l1Ratio: rho)
        }
        guard let positive, let convention else { return nil }
        return LeastSquares(penalty: penalty, fitIntercept: fitIntercept, positive: positive, convention: convention)
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

    public var fitsIntercept: Bool { fitIntercept }

    /// Under `convention: sklearn`, the alpha of the scikit-learn estimator of the same name (`Ridge`, `Lasso`,
    /// `ElasticNet`; an `elasticnet` with ρ = 0 still means `ElasticNet`'s alpha), in the result column
    /// `sklearn_alpha`.
    public var penaltyParameter: PenaltyParameter {
        guard convention == .sklearn else { return .alpha }
        switch penalty {
        case .none: return .alpha
        case .ridge:
            return PenaltyParameter(key: "alphas", column: "sklearn_alpha", axisName: "scikit-learn Ridge α", symbol: "α",
                                    scale: .rowsTimesAlpha)
        case .lasso: return PenaltyParameter.alpha.sklearnColumn("scikit-learn Lasso α")
        case .elasticNet: return PenaltyParameter.alpha.sklearnColumn("scikit-learn ElasticNet α")
        }
    }

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

    /// At α = 0, singular values below this fraction of the largest count as zero: 1e-12, or under
    /// `convention: sklearn` 1e-6, `LinearRegression`'s default `tol` (which it uses exactly so). The two differ only
    /// for nearly collinear features (a high-degree polynomial), where the cut decides the minimum-norm solution.
    var rankCutoff: Double { convention == .sklearn ? 1e-6 : 1e-12 }

    /// ρ used where a formula needs one: least squares at α = 0 is certified and given α_max as the lasso would be.
    var mix: Double { l1Ratio ?? 1 }

    /// Whether α_max is the exact bound from which the weights are zero (ρ ≥ 0.001), so the path gives every α at or
    /// above it the null solution; below 0.001, α_max is only glmnet's convention for placing the grid.
    var zeroWeightsFromAlphaMax: Bool { mix >= smallestExactL1Ratio }

    public func checkTarget(_ y: [Double], name: String) throws {}

    public func alphaMax(_ z: Dataset) -> Double {
        alphaMaxOfLinearModel(z, l1Ratio: mix, nullPrediction: fitIntercept ? nil : 0, nonNegative: positive)
    }

    /// (1/(2n))‖y − ȳ‖² (without an intercept ‖y‖²/(2n)), the same doubles as `GaussianDesign.nullObjective` without
    /// building the design (a copy of every column).
    public func nullObjective(_ z: Dataset) -> Double { GaussianDesign.nullObjective(y: z.y, centered: fitIntercept) }

    /// β = 0 and β₀ = ȳ (without an intercept, β₀ = 0): for α ≥ α_max every |x_jᵀ(y − ȳ)|/n (|x_jᵀy|/n) ≤ ρα, so
    /// zero weights meet the KKT conditions and the duality gap is 0. (Least squares at α = 0 reaches here only when
    /// α_max = 0: a constant target or no varying feature, where β = 0 is the minimum-norm solution.)
    public func nullSolution(_ z: Dataset) -> PathSolution? {
        guard zeroWeightsFromAlphaMax, z.rowCount > 0 else { return nil }
        let mean = fitIntercept ? z.y.reduce(0, +) * (1 / Double(z.rowCount)) : 0
        return PathSolution(coefficients: [Double](repeating: 0, count: z.featureCount), intercept: mean,
                            certificate: 0, converged: true)
    }

    public func pathSolver(for z: consuming Dataset, alphas: [Double], settings: SolverSettings) throws -> any PathSolver {
        if positive, alphas.contains(0) {
            throw ModelError(key: "positive", message: "positive: true needs every penalty to be above 0 "
                + "(non-negative least squares at alpha = 0 is not offered; use a small alpha)")
        }
        let zeroAbove = l1Ratio.map { $0 > 0 } == true ? alphaMax(z) : nil
        return try LeastSquaresPathSolver(GaussianDesign(taking: consume z, centered: fitIntercept), alphas: alphas,
                                          l1Ratio: mix, settings: settings, nonNegative: positive,
                                          rankCutoff: rankCutoff, zeroAbove: zeroAbove)
    }

    public func predict(_ solution: PathSolution, _ z: Dataset) -> [Double] { linearPredictor(solution, z) }
    public var linearPredictionLink: ((Double) -> Double)? { { $0 } }
}

extension LeastSquares {
    /// scikit-learn's estimator of the same model: `LinearRegression` at α = 0, `Ridge` for ρ = 0 (solved by SVD,
    /// exact), `Lasso` and `ElasticNet` by coordinate descent run to a duality gap of 1e-13 of ‖y‖² (100,000 sweeps
    /// allowed): measured 1e-11 and below, where scikit-learn's default tol=1e-4 leaves errors near 1e-4, and 1e-15 no
    /// longer stops on some fits, the gap being at rounding level.
    public var scikitLearnEstimator: ScikitLearnEstimator? {
        let intercept = fitIntercept ? "True" : "False"
        let linear = "least_squares(fit_intercept=\(intercept), cutoff=\(rankCutoff))"
        let leastSquares = [
            "def least_squares(fit_intercept, cutoff):",
            "    \"\"\"LinearRegression cutting singular values below cutoff × the largest, as docgen's α = 0 does",
            "    (scikit-learn 1.7 and later call the cutoff tol; earlier releases cut near 1e-15).\"\"\"",
            "    try:",
            "        return LinearRegression(fit_intercept=fit_intercept, tol=cutoff)",
            "    except TypeError:",
            "        return LinearRegression(fit_intercept=fit_intercept)",
        ]
        let sweeps = "tol=1e-13, max_iter=100_000"
        let rows = PenaltyParameter(key: "alphas", column: "sklearn_alpha", axisName: "scikit-learn Ridge α",
                                    symbol: "α", scale: .rowsTimesAlpha)
        let ridge = ScikitLearnEstimator(
            imports: ["from sklearn.linear_model import LinearRegression, Ridge"], helpers: leastSquares,
            constructor: "Ridge(alpha={penalty}, fit_intercept=\(intercept), solver=\"svd\")", unpenalized: linear,
            parameter: rows,
            notes: ["Ridge minimizes ‖y − Xw‖² + alpha‖w‖², docgen (1/(2n))‖y − Xw‖² + (α/2)‖w‖²: alpha = n·α.",
                    "solver=\"svd\" solves it exactly (no iteration, no tolerance)."])
        switch penalty {
        case .none:
            return ScikitLearnEstimator(imports: ["from sklearn.linear_model import LinearRegression"],
                                        helpers: leastSquares, constructor: linear, unpenalized: linear,
                                        parameter: .alpha,
                                        notes: ["LinearRegression: minimum-norm least squares (LAPACK gelsd), as docgen's α = 0."])
        case .ridge:
            return ridge
        case .elasticNet(l1Ratio: 0) where !positive:  // with `positive`, ElasticNet below (Ridge's SVD has no bound)
            return ridge
        case .lasso:
            return ScikitLearnEstimator(
                imports: ["from sklearn.linear_model import Lasso, LinearRegression"],
                helpers: positive ? [] : leastSquares,
                constructor: "Lasso(alpha={penalty}, fit_intercept=\(intercept), positive=\(positive ? "True" : "False"), "
                    + "\(sweeps))",
                unpenalized: positive ? nil : linear, parameter: .alpha.sklearnColumn("scikit-learn Lasso α"),
                notes: ["Lasso minimizes (1/(2n))‖y − Xw‖² + alpha‖w‖₁, the same objective: alpha = α.",
                        "Coordinate descent to a duality gap of 1e-13 × ‖y‖² (scikit-learn's default tol=1e-4 "
                            + "stops far from 1e-6 agreement)."])
        case let .elasticNet(rho):
            return ScikitLearnEstimator(
                imports: ["from sklearn.linear_model import ElasticNet, LinearRegression"],
                helpers: positive ? [] : leastSquares,
                constructor: "ElasticNet(alpha={penalty}, l1_ratio=\(formatNumber(rho)), fit_intercept=\(intercept), "
                    + "positive=\(positive ? "True" : "False"), \(sweeps))",
                unpenalized: positive ? nil : linear, parameter: .alpha.sklearnColumn("scikit-learn ElasticNet α"),
                notes: ["ElasticNet minimizes (1/(2n))‖y − Xw‖² + alpha·(l1_ratio‖w‖₁ + (1 − l1_ratio)/2‖w‖²), the "
                            + "same objective: alpha = α.",
                        "Coordinate descent to a duality gap of 1e-13 × ‖y‖² (scikit-learn's default tol=1e-4 "
                            + "stops far from 1e-6 agreement)."])
        }
    }
}

extension LeastSquares: MomentFittable {
    func mayFitFromMoments(_ grid: AlphaGrid) -> Bool {
        guard let rho = l1Ratio, rho > 0 else { return false }
        if case let .explicit(values) = grid { return !values.contains { $0 <= 0 } }
        return true
    }

    func alphaMax(_ design: GaussianDesign) -> Double { design.alphaMax(l1Ratio: mix, nonNegative: positive) }

    /// Lasso and elastic net (ρ > 0) on α > 0 down to 10⁻⁴·α_max, every α certified by covariance updates on the
    /// design's Gram matrix; nil otherwise (least squares at α = 0 and ridge solve by SVD of the rows, a grid further
    /// down needs the least-squares floor from the rows).
    func momentPath(_ design: GaussianDesign, alphas: [Double], settings: SolverSettings) throws -> FittedPath? {
        let amax = alphaMax(design)
        guard let rho = l1Ratio, rho > 0, let smallest = alphas.min(), smallest > 0, smallest >= 1e-4 * amax else {
            return nil
        }
        var solver = try LeastSquaresPathSolver(design, alphas: alphas, l1Ratio: rho, settings: settings,
                                                nonNegative: positive, rankCutoff: rankCutoff, zeroAbove: amax)
        let zero = [Double](repeating: 0, count: design.p)
        let null = zeroWeightsFromAlphaMax
            ? PathSolution(coefficients: zero, intercept: design.intercept(zero), certificate: 0, converged: true) : nil
        let path = PathDriver.run(&solver, alphas: alphas, null: null, alphaMax: amax,
                                  nullObjective: design.nullObjective)
        return path.solutions.allSatisfy(\.converged) && path.warnings.isEmpty ? path : nil
    }
}

extension ModelFamily where Self == LeastSquares {
    /// Ordinary least squares (one fit at α = 0).
    public static var ols: LeastSquares { LeastSquares(penalty: .none) }
    public static var ridge: LeastSquares { LeastSquares(penalty: .ridge) }
    public static var lasso: LeastSquares { LeastSquares(penalty: .lasso) }
    /// Elastic net with mixing ρ = `l1Ratio` in [0, 1].
    public static func elasticNet(l1Ratio: Double) -> LeastSquares { LeastSquares(penalty: .elasticNet(l1Ratio: l1Ratio)) }
}

/// The least-squares path: α = 0 by minimum-norm least squares, ρ = 0 by one SVD of the design, otherwise
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
    /// Coefficients constrained to β ≥ 0 (then every α is > 0 and coordinate descent solves every α, ridge too).
    let nonNegative: Bool
    private var leastSquares: (beta: [Double], gap: Double)?
    private var ridge: RidgeDecomposition?
    private var elasticNet: ElasticNetPathState?
    /// The floor used to re-certify an α the solver could not certify; `.some(nil)` when LAPACK could not give it.
    private var recertificationFloor: Double??
    /// The solver already used the floor, so there is nothing to re-certify with.
    private var solverHasFloor = false
    private(set) var pathWarnings: [ModelWarning] = []

    /// α_max as the family reports it (ρ > 0 only): at and above it (to rounding) the solution is β = 0 exactly.
    let zeroAbove: Double?

    init(_ d: GaussianDesign, alphas: [Double], l1Ratio rho: Double, settings: SolverSettings,
         nonNegative: Bool = false, rankCutoff: Double = 1e-12, zeroAbove: Double? = nil) throws {
        design = d
        self.rho = rho
        self.nonNegative = nonNegative
        self.zeroAbove = zeroAbove
        self.settings = settings
        gapTolerance = settings.tolerance * d.nullObjective
        if alphas.contains(0) {
            guard let (beta, rank) = minimumNormLeastSquares(d, cutoff: rankCutoff) else {
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
        if rho == 0 && !nonNegative {
            guard let decomposition = RidgeDecomposition(d) else {
                throw ModelError(key: "alphas", message: "ridge singular value decomposition failed in LAPACK (dgesdd)")
            }
            ridge = decomposition
        } else {
            let floor = smallest < 1e-4 * d.alphaMax(l1Ratio: rho) ? leastSquaresFloor(d) : nil
            solverHasFloor = floor != nil
            elasticNet = ElasticNetPathState(d, l1Ratio: rho, gapTolerance: gapTolerance, maxSweeps: settings.maxIterations,
                                             leastSquaresFloor: floor, nonNegative: nonNegative)
        }
    }

    mutating func solve(alpha: Double) -> PathSolution {
        let d = design
        if alpha == 0, let (beta, gap) = leastSquares {
            return PathSolution(coefficients: beta, intercept: d.intercept(beta), certificate: gap, converged: true)
        }
        if let zeroAbove, alpha >= zeroAbove * (1 - 4 * Double.ulpOfOne) {
            // At α_max the largest correlation sits exactly on the threshold; computed another way it can exceed it
            // by an ulp and leave a coefficient of 1e-16, which flips a classifier's ties and is no solution of
            // anything. β = 0 is the solution there (the path state stays at its start, β = 0, for the next α).
            let zero = [Double](repeating: 0, count: d.p)
            return PathSolution(coefficients: zero, intercept: d.intercept(zero),
                                certificate: gaussianGap(d, zero, alpha: alpha, l1Ratio: rho, nonNegative: nonNegative),
                                converged: true)
        }
        if let ridge {
            let beta = ridge.solve(alpha: alpha)
            return PathSolution(coefficients: beta, intercept: d.intercept(beta),
                                certificate: gaussianGap(d, beta, alpha: alpha, l1Ratio: 0), converged: true)
        }
        var point = elasticNet!.solve(alpha: alpha)
        if !point.converged && !solverHasFloor && d.hasRows {
            // Re-certify with the least-squares floor (computed once, the first time it is needed).
            if recertificationFloor == nil { recertificationFloor = .some(leastSquaresFloor(d)) }
            if case let .some(.some(q0)) = recertificationFloor {
                point.gap = gaussianGap(d, point.beta, alpha: alpha, l1Ratio: rho, leastSquaresFloor: q0,
                                        nonNegative: nonNegative)
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
