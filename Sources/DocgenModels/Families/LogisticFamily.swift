import DocgenOptions
import Foundation

/// Penalized logistic regression on a 0/1 target (glmnet's "binomial" family): `model: logistic`.
///
/// Minimizes the mean log-loss (1/n) Σ [log(1 + e^{η_i}) − y_i η_i], η = β₀ + Xβ, plus α(ρ‖β‖₁ + (1 − ρ)/2‖β‖²)
/// with the intercept unpenalized; `penalty: l1` is ρ = 1, `l2` (the default) ρ = 0, `elasticnet` ρ = `l1_ratio`.
/// scikit-learn's `LogisticRegression(C=…)` is the same problem with C = 1/(n·α).
///
/// Solver: proximal Newton on a working set (see `LogisticSolver`); the certificate is the duality gap over all
/// features (`logisticCertificate`), the stop gap ≤ tolerance × the null objective (the log-loss of the
/// intercept-only model). At α = 0 no bounded dual exists: the reported certificate is the Newton-decrement
/// estimate ½ gᵀH⁻¹g (not certified), and separable classes have no finite solution (a warning says so).
///
/// Options (keys of this family): `fit_intercept: false` drops β₀ (η = Xβ; the null model is η = 0 with objective
/// log 2, α_max = max_j |x_jᵀ(y − ½)|/(nρ), and the dual loses its constraint Σθ = 0); `convention: sklearn` takes
/// `C: [...]`, scikit-learn's `LogisticRegression(C)`, in place of `alphas`: α = 1/(n·C) on a fit of n rows.
public struct LogisticRegression: ModelFamily {
    public enum Penalty: Sendable, Equatable {
        case l1, l2
        /// Mixing ρ in [0, 1].
        case elasticNet(l1Ratio: Double)
    }

    public var penalty: Penalty
    /// Fit an unpenalized intercept (default); false is scikit-learn's `fit_intercept=False`.
    public var fitIntercept: Bool
    /// What the penalty values mean: docgen's α under `alphas`, or scikit-learn's C under `C`.
    public var convention: PenaltyConvention

    public init(penalty: Penalty, fitIntercept: Bool = true, convention: PenaltyConvention = .docgen) {
        self.penalty = penalty; self.fitIntercept = fitIntercept; self.convention = convention
    }

    public static let modelNames = ["logistic"]
    public static func optionKeys(model name: String) -> [String] {
        ["penalty", "l1_ratio", "fit_intercept", "convention", "C"]
    }

    public static func read(model name: String, _ r: inout OptionReader) -> LogisticRegression? {
        let fitIntercept = r.fitsIntercept()
        guard let convention = r.penaltyConvention() else { return nil }
        if convention == .docgen, r.has("C") {
            _ = r.value("C")
            r.error("'C' is scikit-learn's LogisticRegression parameter: write 'convention: sklearn' to give C, "
                    + "or give docgen's 'alphas' (α = 1/(n·C))", at: r.location(of: "C"))
            return nil
        }
        guard let penalty = readPenalty(&r) else { return nil }
        return LogisticRegression(penalty: penalty, fitIntercept: fitIntercept, convention: convention)
    }

    private static func readPenalty(_ r: inout OptionReader) -> Penalty? {
        let penaltyName = r.string("penalty") ?? "l2"
        let given = r.has("l1_ratio")
        let rho = r.l1Ratio()
        switch penaltyName {
        case "l1", "l2":
            if given {
                r.error("'l1_ratio' applies to penalty: elasticnet only", at: r.location(of: "l1_ratio"))
                return nil
            }
            return penaltyName == "l1" ? .l1 : .l2
        case "elasticnet":
            guard let rho else {
                if !given { r.error("penalty elasticnet needs 'l1_ratio'", at: r.location(of: "penalty")) }
                return nil
            }
            return .elasticNet(l1Ratio: rho)
        default:
            var message = "unknown penalty '\(penaltyName)' (expected l1, l2 or elasticnet)"
            if let s = Suggestion.closest(to: penaltyName, in: ["l1", "l2", "elasticnet"]), s != penaltyName {
                message += "; did you mean '\(s)'?"
            }
            r.error(message, at: r.location(of: "penalty"))
            return nil
        }
    }

    public var name: String { "logistic" }

    public var displayName: String {
        switch penalty {
        case .l1: return "L1-penalized logistic"
        case .l2: return "L2-penalized logistic"
        case .elasticNet: return "elastic-net-penalized logistic"
        }
    }

    public var task: PredictionTask { .binaryClassification }

    public var fitsIntercept: Bool { fitIntercept }

    /// Under `convention: sklearn`, `LogisticRegression`'s C (key and result column `C`): α = 1/(n·C).
    public var penaltyParameter: PenaltyParameter {
        convention == .sklearn ? Self.inverseRegularization : .alpha
    }

    /// scikit-learn's C = 1/(n·α).
    static let inverseRegularization = PenaltyParameter(key: "C", column: "C", axisName: "scikit-learn C", symbol: "C",
                                                        scale: .inverseOfRowsTimesAlpha)

    public var l1Ratio: Double? {
        switch penalty {
        case .l1: return 1
        case .l2: return 0
        case let .elasticNet(rho): return rho
        }
    }

    public var relativeCost: Double { penalty == .l2 ? 10 : 20 }

    /// Linear in the features: a fit that separates the training rows proves the classes linearly separable, where
    /// the log-loss keeps falling as the weights grow.
    public var separatedClassesDiverge: Bool { true }

    public func checkTarget(_ y: [Double], name: String) throws { try checkBinaryTarget(y, name: name) }

    public func alphaMax(_ z: Dataset) -> Double {
        alphaMaxOfLinearModel(z, l1Ratio: l1Ratio ?? 1, nullPrediction: fitIntercept ? nil : 0.5)
    }

    /// The mean log-loss of the null model: the entropy of ȳ with an intercept, log 2 (η = 0) without.
    public func nullObjective(_ z: Dataset) -> Double {
        fitIntercept ? binaryEntropy(z.y.reduce(0, +) / Double(z.rowCount)) : log(2)
    }

    /// β = 0 and β₀ = log(ȳ/(1 − ȳ)) (without an intercept, β₀ = 0: η = 0, P = ½): for α ≥ α_max (ρ ≥ 0.001) every
    /// |x_jᵀ(y − ȳ)|/n (|x_jᵀ(y − ½)|/n) ≤ ρα, which are the KKT conditions of zero weights; the duality gap is 0.
    public func nullSolution(_ z: Dataset) -> PathSolution? {
        guard let rho = l1Ratio, rho >= smallestExactL1Ratio, z.rowCount > 0 else { return nil }
        let ybar = z.y.reduce(0, +) / Double(z.rowCount)
        return PathSolution(coefficients: [Double](repeating: 0, count: z.featureCount),
                            intercept: fitIntercept ? log(ybar / (1 - ybar)) : 0,
                            certificate: 0, converged: true)
    }

    public func pathSolver(for z: consuming Dataset, alphas: [Double], settings: SolverSettings) throws -> any PathSolver {
        LogisticPathSolver(z, l1Ratio: l1Ratio ?? 1, settings: settings, nullObjective: nullObjective(z),
                           fitIntercept: fitIntercept)
    }

    public var linearPredictionLink: ((Double) -> Double)? { sigmoid }

    public func predict(_ solution: PathSolution, _ z: Dataset) -> [Double] {
        linearPredictor(solution, z).map(sigmoid)
    }
}

extension LogisticRegression {
    /// scikit-learn's `LogisticRegression(C=1/(n·α))`. For an L2 penalty (and α = 0, C = ∞) the Newton solver
    /// `newton-cholesky` to tol=1e-14, which reaches the optimum to rounding (measured: 1e-13 and below). For L1 and
    /// elastic net `saga`, the one scikit-learn solver that fits those penalties with an unpenalized intercept
    /// (liblinear penalizes it, which measured 1e-5 to 1e-3 away), to tol=1e-12 within 1,000 epochs: where it
    /// converges it agrees to 1e-8 or better, but on nearly separable, correlated data at weak penalties it needs
    /// hundreds of thousands of epochs (minutes per fit), so the script stops there and reports those fits as not
    /// compared. saga also stops as soon as an epoch leaves every coefficient unchanged, before its intercept has
    /// converged; when all coefficients are 0 the script fits the intercept alone with Newton's method.
    public var scikitLearnEstimator: ScikitLearnEstimator? {
        let intercept = fitIntercept ? "True" : "False"
        let rho = l1Ratio ?? 0
        let newton = "solver=\"newton-cholesky\", tol=1e-14, max_iter=10_000"
        let saga = "solver=\"saga\", tol=1e-12, max_iter=1_000"
        var helpers = [
            "def logistic_penalty(l1_ratio):",
            "    \"\"\"scikit-learn 1.8 reads the penalty from l1_ratio; earlier releases need penalty= as well.\"\"\"",
            "    if sklearn_version() >= (1, 8):",
            "        return {\"l1_ratio\": l1_ratio}",
            "    if l1_ratio == 0:",
            "        return {\"penalty\": \"l2\"}",
            "    if l1_ratio == 1:",
            "        return {\"penalty\": \"l1\"}",
            "    return {\"penalty\": \"elasticnet\", \"l1_ratio\": l1_ratio}",
        ]
        if rho > 0 {
            helpers += [
                "",
                "",
                "def complete_intercept(estimator, y):",
                "    \"\"\"saga stops as soon as an epoch leaves every coefficient unchanged, before its intercept has converged:",
                "    with all coefficients 0, fit the intercept alone (Newton's method on a column of zeros).\"\"\"",
                "    if estimator.fit_intercept and not np.any(estimator.coef_):",
                "        alone = LogisticRegression(C=1.0, \(newton)).fit(np.zeros((len(y), 1)), y)  # the zero column stays 0",
                "        estimator.intercept_ = alone.intercept_",
            ]
        }
        return ScikitLearnEstimator(
            imports: ["from sklearn.linear_model import LogisticRegression"],
            helpers: helpers,
            constructor: "LogisticRegression(C={penalty}, **logistic_penalty(\(formatNumber(rho))), "
                + "fit_intercept=\(intercept), \(rho == 0 ? newton : saga))",
            unpenalized: "LogisticRegression(C=np.inf, fit_intercept=\(intercept), \(newton))",
            parameter: Self.inverseRegularization,
            notes: ["LogisticRegression minimizes C·Σ log-loss + penalty; divided by C·n that is docgen's mean "
                        + "log-loss + α·penalty: C = 1/(n·α).",
                    rho == 0 ? "solver=\"newton-cholesky\" (Newton's method) reaches the optimum to rounding."
                        : "solver=\"saga\" is scikit-learn's solver for L1 and elastic-net penalties with an unpenalized "
                        + "intercept. It converges slowly at weak penalties on correlated features: fits that reach its "
                        + "1,000-epoch limit are reported and not compared."],
            finish: rho > 0 ? "complete_intercept" : nil)
    }
}

extension ModelFamily where Self == LogisticRegression {
    /// Logistic regression with the given penalty.
    public static func logistic(penalty: LogisticRegression.Penalty) -> LogisticRegression {
        LogisticRegression(penalty: penalty)
    }
}

/// Checks a classifier's target: only 0 and 1, and both present.
func checkBinaryTarget(_ y: [Double], name: String) throws {
    if let bad = y.firstIndex(where: { $0 != 0 && $0 != 1 }) {
        throw ModelError(key: "target",
                         message: "logistic regression needs a 0/1 target; '\(name)' has \(y[bad]) in data row \(bad + 1)")
    }
    if Set(y).count < 2 {
        throw ModelError(key: "target", message: "logistic regression needs both classes; '\(name)' has only \(y[0])")
    }
}

/// The logistic path: each α starts from a linear prediction along log α through the last two solutions when
/// that lowers the objective, else from the previous solution (see `LogisticSolver.extrapolate`).
struct LogisticPathSolver: PathSolver {
    private var solver: LogisticSolver
    let rho: Double
    let settings: SolverSettings
    let gapTolerance: Double
    private var previousL1: Double
    /// α_max of the path (as the family computes it): the null model solves every α at or above it.
    private let nullAlpha: Double
    private var older: (alpha: Double, beta: [Double], intercept: Double)?
    private var last: (alpha: Double, beta: [Double], intercept: Double)?

    init(_ z: Dataset, l1Ratio rho: Double, settings: SolverSettings, nullObjective: Double, fitIntercept: Bool = true) {
        let ybar = z.y.reduce(0, +) / Double(z.rowCount)
        solver = LogisticSolver(z: z, initialIntercept: fitIntercept ? log(ybar / (1 - ybar)) : 0,
                                fitIntercept: fitIntercept)
        self.rho = rho
        self.settings = settings
        gapTolerance = settings.tolerance * nullObjective
        nullAlpha = alphaMaxOfLinearModel(z, l1Ratio: rho, nullPrediction: fitIntercept ? nil : 0.5)
        previousL1 = rho * nullAlpha
    }

    mutating func solve(alpha: Double) -> PathSolution {
        let l1 = rho * alpha, l2 = (1 - rho) * alpha
        if rho > 0, last == nil || last!.beta.allSatisfy({ $0 == 0 }), alpha >= nullAlpha * (1 - 4 * Double.ulpOfOne) {
            // At or above α_max the null model is the solution (β = 0, the intercept of the class balance); solving
            // there can leave rounding-level coefficients that flip ties at η = 0. The solver stays at its start.
            let gap = solver.certifiedGap(lambda1: l1, lambda2: l2)
            older = last
            last = (alpha, solver.beta, solver.intercept)
            return PathSolution(coefficients: solver.beta, intercept: solver.intercept, certificate: gap,
                                converged: gap <= gapTolerance)
        }
        if let older, let last, alpha > 0, alpha < last.alpha, last.alpha < older.alpha {
            let ratio = log(last.alpha / alpha) / log(older.alpha / last.alpha)
            solver.extrapolate(previousBeta: older.beta, previousIntercept: older.intercept, ratio: min(ratio, 1),
                               lambda1: l1, lambda2: l2)
        }
        let outcome = solver.solve(lambda1: l1, lambda2: l2, previousLambda1: previousL1, gapTolerance: gapTolerance,
                                   maxIterations: settings.maxIterations)
        previousL1 = l1
        older = last
        last = (alpha, solver.beta, solver.intercept)
        var warning: ModelWarning?
        if !outcome.converged {
            let separable = solver.trainingLossBelow(1e-6)
            warning = ModelWarning(kind: separable ? .separableClasses : .notConverged,
                message: "logistic regression did not converge at alpha = \(alpha) within \(settings.maxIterations) iterations: "
                    + "duality gap \(outcome.gap) > \(gapTolerance)"
                    + (separable ? " (the classes look separable; increase alpha)" : ""),
                alpha: alpha, gap: outcome.gap, key: separable ? "alphas" : "max_iterations")
        } else if alpha == 0 && solver.trainingLossBelow(1e-6) {
            warning = ModelWarning(kind: .separableClasses,
                message: "at alpha = 0 the classes are (nearly) separable: the unpenalized fit has no finite optimum",
                alpha: 0, gap: outcome.gap, key: "alphas")
        }
        return PathSolution(coefficients: solver.beta, intercept: solver.intercept, certificate: outcome.gap,
                            converged: outcome.converged, warning: warning)
    }
}
