import DocgenOptions

/// A model family: a loss on the training rows plus docgen's one penalty,
///
///     mean loss(y, f(X)) + α · (ρ‖w‖₁ + (1 − ρ)/2 · ‖w‖²)
///
/// over the model's weights w (never the intercept or other biases), fitted along a grid of α by
/// `PathDriver`. A family supplies what differs between models: which targets it accepts, what it predicts
/// (`task`), the loss's α_max and null objective, and a warm-started solver that certifies each solution
/// (a duality gap, or an equivalent optimality measure, in the objective's own units). Everything else —
/// grids, decreasing-α order, warm starts between α, holdout, cross-validation, metrics, outputs for
/// figures — is the same for every family.
///
/// A family is one type, registered in `ModelFamilies.all`; its static side declares the `model:` names it
/// answers to and reads its own options from the directive.
public protocol ModelFamily: Sendable {
    /// The `model:` names this type answers to (`["ols", "ridge", "lasso", "elasticnet"]`).
    static var modelNames: [String] { get }
    /// The option keys `model: name` reads beyond the keys every experiment has (`l1_ratio`, `penalty`, …).
    static func optionKeys(model name: String) -> [String]
    /// Reads the family's options for `model: name`, reporting located errors to `options`; nil when they are
    /// invalid.
    static func read(model name: String, _ options: inout OptionReader) -> Self?

    /// The `model:` name this value was declared with.
    var name: String { get }
    /// Words for captions and alt texts ("lasso", "L1-penalized logistic").
    var displayName: String { get }
    /// What the model predicts, which decides its metrics.
    var task: PredictionTask { get }
    /// ρ of the penalty, or nil for an unpenalized model (fitted once, at α = 0, whatever the grid says).
    var l1Ratio: Double? { get }
    /// A rough cost per (row × feature × α) relative to ridge's 1, only to start slow fits first.
    var relativeCost: Double { get }
    /// An upper estimate of the values one α's fit visits on `rows` × `features` (model features), checked against
    /// `SizeLimits.maximumWork` (`maximumEpochWork` for a family that trains by epoch), and how it is counted, for
    /// the message. Default: rows × features, for solvers that pass over the data a bounded number of times per α.
    func workPerAlpha(rows: Int, features: Int) -> (values: Double, counted: String)
    /// Whether a fit that puts every training row strictly on its side proves that the weights grow without bound
    /// as α falls (a linear classifier's log-loss on separable classes); the experiment then warns. Default false.
    var separatedClassesDiverge: Bool { get }

    /// Checks the target before anything is fitted (a classifier needs both classes of a 0/1 target).
    /// Throws `ModelError` with key `"target"`.
    func checkTarget(_ y: [Double], name: String) throws
    /// α_max on model-scale features `z`: the smallest α whose solution has every weight zero. For ρ = 0,
    /// where no finite α zeroes the weights, the value for ρ = 0.001 (glmnet's convention).
    func alphaMax(_ z: Dataset) -> Double
    /// The objective at weights zero with the best intercept (the stopping tolerance is relative to it).
    func nullObjective(_ z: Dataset) -> Double
    /// The solution at every α ≥ `alphaMax(z)`, when α_max is where the KKT conditions make every weight zero: the
    /// weights exactly zero, the intercept of the null model, certificate 0. Nil (the default) when `alphaMax` is not
    /// such a bound (ρ = 0 or below 0.001, where α_max is glmnet's convention); the driver then solves every α.
    func nullSolution(_ z: Dataset) -> PathSolution?
    /// A solver for a path on `z` that will be asked for `alphas`, in decreasing order, warm-starting each α
    /// from the previous solution.
    func pathSolver(for z: consuming Dataset, alphas: [Double], settings: SolverSettings) throws -> any PathSolver
    /// Predictions for model-scale rows `z` from one solution: ŷ for regression, P(y = 1) for classification.
    func predict(_ solution: PathSolution, _ z: Dataset) -> [Double]
    /// For a linear model, the function of the linear predictor η = β₀ + zᵀβ that `predict` returns (identity, or
    /// the sigmoid), so the predictions of many α can be computed together; nil (the default) otherwise.
    var linearPredictionLink: ((Double) -> Double)? { get }

    /// The penalty parameter authors write for this value of the family and its map to α (`PenaltyParameter.alpha`
    /// unless the family's `convention: sklearn` says otherwise).
    var penaltyParameter: PenaltyParameter { get }
    /// Whether the model has an unpenalized intercept. Without one, a feature constant in the fitting rows is kept
    /// as it is (unless standardized away), since it then acts as a bias column.
    var fitsIntercept: Bool { get }
    /// The scikit-learn estimator that fits the same model, for the reproduce script; nil when there is none.
    var scikitLearnEstimator: ScikitLearnEstimator? { get }
    /// The names of the weights a solution reports in `coefficients`, for model features `features` (default: the
    /// feature names themselves, one coefficient per feature). They head the result's CSV columns.
    func coefficientNames(features: [String]) -> [String]
    /// The names of the unpenalized parameters besides the intercept a solution reports in `parameters`
    /// (default: none).
    func parameterNames(features: [String]) -> [String]
    /// The names of the per-α numbers a solution reports in `columns` (default: none); they join the result's
    /// metric columns and are fields of `{value}`.
    static var solutionColumnNames: [String] { get }
    /// The CSV name of the certificate (default `duality_gap`).
    var certificateName: String { get }
    /// `tolerance` when the directive does not set it (default 1e-7).
    var defaultTolerance: Double { get }
    /// Whether every solution carries a per-epoch `history` (default false).
    var trainsByEpoch: Bool { get }
    /// A path solver that may also measure the loss on held-out model-scale rows `validation` as it goes (into
    /// each solution's `history`). The default ignores them.
    func pathSolver(for z: consuming Dataset, alphas: [Double], settings: SolverSettings, validation: Dataset?) throws
        -> any PathSolver
}

extension ModelFamily {
    public var linearPredictionLink: ((Double) -> Double)? { nil }
}

extension ModelFamily {
    public var penaltyParameter: PenaltyParameter { .alpha }
    public var fitsIntercept: Bool { true }
    public var scikitLearnEstimator: ScikitLearnEstimator? { nil }
    public func coefficientNames(features: [String]) -> [String] { features }
    public func parameterNames(features: [String]) -> [String] { [] }
    public static var solutionColumnNames: [String] { [] }
    public var certificateName: String { "duality_gap" }
    public var defaultTolerance: Double { 1e-7 }
    public var trainsByEpoch: Bool { false }
    public func workPerAlpha(rows: Int, features: Int) -> (values: Double, counted: String) {
        (Double(rows) * Double(features), "rows × features")
    }
    public func pathSolver(for z: consuming Dataset, alphas: [Double], settings: SolverSettings, validation: Dataset?) throws
        -> any PathSolver
    {
        try pathSolver(for: consume z, alphas: alphas, settings: settings)
    }
}

/// Stopping settings shared by every family.
public struct SolverSettings: Sendable, Equatable {
    /// Stop when the certificate (duality gap or equivalent) is at most `tolerance` × the null objective.
    public var tolerance: Double
    /// Limit on the solver's iterations per α (coordinate-descent sweeps, Newton steps or epochs).
    public var maxIterations: Int
    /// Threads one fit may use. The result is the same for any count: only independent work runs side by side.
    public var threads: Int
    public init(tolerance: Double = 1e-7, maxIterations: Int = 100_000, threads: Int = 1) {
        self.tolerance = tolerance; self.maxIterations = maxIterations; self.threads = threads
    }
}

/// One α's solution as a family's solver reports it.
public struct PathSolution: Sendable, Equatable {
    /// One weight per model feature (model scale); for models whose weights are not one per feature, the
    /// family documents what this holds.
    public var coefficients: [Double]
    public var intercept: Double
    /// The family's certificate of optimality in objective units (a duality gap for the linear families).
    public var certificate: Double
    /// Whether the certificate met the tolerance.
    public var converged: Bool
    /// What to tell the author about this α (non-convergence, separable classes), if anything.
    public var warning: ModelWarning?
    /// The unpenalized parameters besides the intercept, named by the family's `parameterNames` (empty for linear
    /// models).
    public var parameters: [Double]
    /// The per-α numbers named by the family's `solutionColumnNames`.
    public var columns: [Double]
    /// The solver's epochs at this α, for families that report them.
    public var history: TrainingHistory?
    public init(coefficients: [Double], intercept: Double, certificate: Double, converged: Bool,
                warning: ModelWarning? = nil, parameters: [Double] = [], columns: [Double] = [],
                history: TrainingHistory? = nil) {
        self.coefficients = coefficients; self.intercept = intercept; self.certificate = certificate
        self.converged = converged; self.warning = warning
        self.parameters = parameters; self.columns = columns; self.history = history
    }
}

/// A warm-started solver along one path. α values arrive in decreasing order.
public protocol PathSolver {
    /// Solves at α, starting from the previous solution (or the null model for the first α).
    mutating func solve(alpha: Double) -> PathSolution
    /// Warnings about the whole path (rank deficiency, constant columns), read once the path is done.
    var pathWarnings: [ModelWarning] { get }
}

extension PathSolver {
    public var pathWarnings: [ModelWarning] { [] }
}

extension ModelFamily {
    public func nullSolution(_ z: Dataset) -> PathSolution? { nil }
    public var separatedClassesDiverge: Bool { false }
}

/// The smallest ρ for which `alphaMaxOfLinearModel` is the exact KKT bound rather than glmnet's ρ = 0.001 convention.
let smallestExactL1Ratio = 1e-3

/// The registered model families, and reading `model:` with the family's options.
public enum ModelFamilies {
    /// Every family docgen knows, in the order the reference lists them.
    public static let all: [any ModelFamily.Type] = [LeastSquares.self, LogisticRegression.self, NeuralNetwork.self]

    /// Every `model:` name.
    public static var modelNames: [String] {
        var names: [String] = []
        for type in all { names += type.modelNames }
        return names
    }

    /// Every option key some family reads.
    public static var optionKeys: [String] {
        var keys: [String] = []
        for type in all { for name in type.modelNames { for key in type.optionKeys(model: name) where !keys.contains(key) {
            keys.append(key)
        } } }
        return keys
    }

    /// Every family's per-α solution columns (`epochs`, …), in registry order.
    public static var solutionColumnNames: [String] {
        var names: [String] = []
        for type in all { for name in type.solutionColumnNames where !names.contains(name) { names.append(name) } }
        return names
    }

    /// The family type answering to `model: name`.
    public static func type(named name: String) -> (any ModelFamily.Type)? {
        all.first { $0.modelNames.contains(name) }
    }

    /// Reads `model` and the chosen family's options. A key another family reads but this one does not is an
    /// error at that key ("'penalty' applies to model: logistic only"); an unknown model name is an error with
    /// a did-you-mean. Nil when anything was wrong.
    public static func read(_ r: inout OptionReader) -> (any ModelFamily)? {
        guard let name = r.string("model", required: true) else { return nil }
        guard let type = type(named: name) else {
            let names = modelNames
            var message = "unknown model '\(name)' (expected \(names.joined(separator: ", ")))"
            if let s = Suggestion.closest(to: name, in: names) { message = "unknown model '\(name)'; did you mean '\(s)'?" }
            r.error(message, at: r.location(of: "model"))
            for key in optionKeys { _ = r.value(key) }   // their meaning depends on the model: no follow-on errors
            return nil
        }
        let own = type.optionKeys(model: name)
        var failed = false
        for key in optionKeys where !own.contains(key) && r.has(key) {
            _ = r.value(key)
            let owners = modelNames.filter { model in Self.type(named: model)?.optionKeys(model: model).contains(key) ?? false }
            r.error("'\(key)' applies to model: \(Suggestion.list(owners)) only", at: r.location(of: key))
            failed = true
        }
        let family = open(type, name, &r)
        return failed ? nil : family
    }

    private static func open<F: ModelFamily>(_ type: F.Type, _ name: String, _ r: inout OptionReader) -> (any ModelFamily)? {
        F.read(model: name, &r)
    }
}

/// Reading the mixing ρ shared by the families whose penalty can be an elastic net.
extension OptionReader {
    /// `l1_ratio` in [0, 1], or a located error.
    public mutating func l1Ratio() -> Double? {
        guard let rho = number("l1_ratio") else { return nil }
        guard (0...1).contains(rho) else {
            error("'l1_ratio' must be between 0 and 1, found \(rho)", at: location(of: "l1_ratio"))
            return nil
        }
        return rho
    }
}
