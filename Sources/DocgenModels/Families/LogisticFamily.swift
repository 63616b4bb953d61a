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
public struct LogisticRegression: ModelFamily {
    public enum Penalty: Sendable, Equatable {
        case l1, l2
        /// Mixing ρ in [0, 1].
        case elasticNet(l1Ratio: Double)
    }

    public var penalty: Penalty
    public init(penalty: Penalty) { self.penalty = penalty }

    public static let modelNames = ["logistic"]
    public static func optionKeys(model name: String) -> [String] { ["penalty", "l1_ratio"] }

    public static func read(model name: String, _ r: inout OptionReader) -> LogisticRegression? {
        let penaltyName = r.string("penalty") ?? "l2"
        let given = r.has("l1_ratio")
        let rho = r.l1Ratio()
        switch penaltyName {
        case "l1", "l2":
            if given {
                r.error("'l1_ratio' applies to penalty: elasticnet only", at: r.location(of: "l1_ratio"))
                return nil
            }
            return LogisticRegression(penalty: penaltyName == "l1" ? .l1 : .l2)
        case "elasticnet":
            guard let rho else {
                if !given { r.error("penalty elasticnet needs 'l1_ratio'", at: r.location(of: "penalty")) }
                return nil
            }
            return LogisticRegression(penalty: .elasticNet(l1Ratio: rho))
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

    public func alphaMax(_ z: Dataset) -> Double { alphaMaxOfLinearModel(z, l1Ratio: l1Ratio ?? 1) }

    public func nullObjective(_ z: Dataset) -> Double {
        binaryEntropy(z.y.reduce(0, +) / Double(z.rowCount))
    }

    /// β = 0 and β₀ = log(ȳ/(1 − ȳ)): for α ≥ α_max (ρ ≥ 0.001) every |x_jᵀ(y − ȳ)|/n ≤ ρα, which are the KKT
    /// conditions of zero weights with the best intercept; the duality gap is 0.
    public func nullSolution(_ z: Dataset) -> PathSolution? {
        guard let rho = l1Ratio, rho >= smallestExactL1Ratio, z.rowCount > 0 else { return nil }
        let ybar = z.y.reduce(0, +) / Double(z.rowCount)
        return PathSolution(coefficients: [Double](repeating: 0, count: z.featureCount), intercept: log(ybar / (1 - ybar)),
                            certificate: 0, converged: true)
    }

    public func pathSolver(for z: Dataset, alphas: [Double], settings: SolverSettings) throws -> any PathSolver {
        LogisticPathSolver(z, l1Ratio: l1Ratio ?? 1, settings: settings, nullObjective: nullObjective(z))
    }

    public func predict(_ solution: PathSolution, _ z: Dataset) -> [Double] {
        linearPredictor(solution, z).map(sigmoid)
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
    private var older: (alpha: Double, beta: [Double], intercept: Double)?
    private var last: (alpha: Double, beta: [Double], intercept: Double)?

    init(_ z: Dataset, l1Ratio rho: Double, settings: SolverSettings, nullObjective: Double) {
        let ybar = z.y.reduce(0, +) / Double(z.rowCount)
        solver = LogisticSolver(z: z, initialIntercept: log(ybar / (1 - ybar)))
        self.rho = rho
        self.settings = settings
        gapTolerance = settings.tolerance * nullObjective
        previousL1 = rho * alphaMaxOfLinearModel(z, l1Ratio: rho)
    }

    mutating func solve(alpha: Double) -> PathSolution {
        let l1 = rho * alpha, l2 = (1 - rho) * alpha
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
