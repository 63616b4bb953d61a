import DocgenConcurrency
import DocgenOptions
import Foundation

/// A fully connected network with weight decay: `model: mlp`.
///
/// Inputs z (the model features, standardized unless `standardize: false`) pass through hidden layers
/// a_l = act(a_{l−1} W_l + b_l) (`hidden` widths, `activation` tanh or relu) to one output η = a_L W_{L+1} + b_{L+1}.
/// With `task: regression` the prediction is η and the loss (1/(2n))‖y − η‖²; with `task: classification` (a 0/1
/// target) the prediction is P(y = 1) = σ(η) and the loss the mean log-loss. The objective is docgen's one penalty
/// on the weights W (every W_l entry, never a bias):
///
///     mean loss + α · (ρ‖W‖₁ + (1 − ρ)/2 · ‖W‖²)
///
/// with `penalty: l2` ρ = 0 (weight decay), `l1` ρ = 1, `elasticnet` ρ = `l1_ratio`. With `hidden: []` this is
/// exactly docgen's ridge, lasso or elastic net (regression) or penalized logistic regression (classification).
///
/// Training (`NetworkTrainer`), by default (`optimizer: lbfgs`): full batch, L-BFGS when ρα = 0, proximal
/// quasi-Newton otherwise (exact zeros); the
/// certificate is the optimality measure (largest gradient entry, or of the minimum-norm subgradient), reported as
/// the CSV's `optimality` column; the stop is measure ≤ `tolerance` × the null objective, or `max_epochs` epochs.
/// ReLU units make the objective kinked, and there the measure need not vanish at a minimum: a ReLU network also
/// stops (converged) when the objective fell by at most `tolerance` × the null objective over ten epochs, or when
/// no step lowers it any more.
/// Along the path, α runs from the largest down, each α warm-started from the previous solution. Without hidden
/// layers the problem is convex and the path starts from the null model, as the linear families' do. With hidden
/// layers the first α starts from Glorot-uniform weights drawn from `seed` (see `NetworkLayout.glorotUniform`),
/// and every later α trains twice, from the previous solution and from that seeded start, keeping the solution
/// with the lower objective (the warm start on a tie): a network's objective has many local minima, and the
/// branch followed down from a large α can stay on a poor one (on two moons, the near-linear fit of strong
/// decay), or on a constant network whose weights all have zero gradient at every α. When the fit may use two
/// threads (`SolverSettings.threads`: a build gives them to an experiment fitted alone), the two trainings of an α run
/// side by side; the path is the same to the last bit.
///
/// With `optimizer: sgd`, `proximal-sgd`, `adam` or `adamw` (and `learning_rate`, `batch_size`) the network is instead
/// trained on minibatches for exactly `max_epochs` epochs (default 200) by that method (`StochasticOptimizer`), each α
/// from the same seeded start: the methods treat the penalty differently, which is what they are there to show. No
/// certificate is reached or required; the `optimality` column reports the measure where training stopped.
///
/// A solution's `coefficients` are the weights in `NetworkLayout` order (named `w<l>_<from>_<to>`; with no hidden
/// layer, one per feature), its `parameters` the hidden biases (`b<l>_<unit>`), its intercept the output bias, its
/// `columns` `weight_l1` (‖W‖₁), `weight_l2` (‖W‖₂) and `epochs`, and its `history` the per-epoch losses.
public struct NeuralNetwork: ModelFamily, Equatable {
    public enum Penalty: Sendable, Equatable {
        case l1, l2
        /// Mixing ρ in [0, 1].
        case elasticNet(l1Ratio: Double)
    }

    /// Hidden layer widths, input side first; empty for no hidden layer.
    public var hidden: [Int]
    public var activation: NetworkActivation
    public var penalty: Penalty
    /// The seed of the initial weights.
    public var seed: UInt64
    /// Epochs allowed per α.
    public var maxEpochs: Int
    /// The task as written (`task:`), nil when the directive leaves it to the default (regression).
    public var declaredTask: PredictionTask?
    /// A minibatch optimizer run for a fixed budget of epochs; nil for the exact minimizer (`optimizer: lbfgs`).
    public var optimizer: StochasticOptimizer?

    public init(hidden: [Int], activation: NetworkActivation = .tanh, penalty: Penalty = .l2, seed: UInt64 = 0,
                maxEpochs: Int = NeuralNetwork.defaultMaxEpochs, task: PredictionTask? = nil,
                optimizer: StochasticOptimizer? = nil) {
        self.hidden = hidden; self.activation = activation; self.penalty = penalty; self.seed = seed
        self.maxEpochs = maxEpochs; declaredTask = task; self.optimizer = optimizer
    }

    public static let defaultHidden = [16, 16]
    public static let defaultMaxEpochs = 10_000
    public static let modelNames = ["mlp"]
    public static func optionKeys(model name: String) -> [String] {
        ["hidden", "activation", "penalty", "l1_ratio", "seed", "max_epochs", "task", "optimizer", "learning_rate",
         "batch_size"]
    }

    public static func read(model name: String, _ r: inout OptionReader) -> NeuralNetwork? {
        let errorsBefore = r.diagnostics.errors.count
        var hidden = defaultHidden
        if r.has("hidden") {
            if let widths = r.numberList("hidden") {
                if widths.count > 8 || widths.contains(where: { $0 != $0.rounded() || $0 < 1 || $0 > 1024 }) {
                    r.error("'hidden' must list at most 8 layer widths, each a whole number from 1 to 1024 ([] for no hidden layer)",
                            at: r.location(of: "hidden"))
                } else {
                    hidden = widths.map { Int($0) }
                }
            }
        }
        let activation = r.choice("activation", among: NetworkActivation.allCases.map(\.rawValue))
            .flatMap(NetworkActivation.init(rawValue:)) ?? .tanh
        let penaltyName = r.choice("penalty", among: ["l2", "l1", "elasticnet"]) ?? "l2"
        let given = r.has("l1_ratio")
        let rho = r.l1Ratio()
        var penalty = Penalty.l2
        switch penaltyName {
        case "elasticnet":
            if let rho { penalty = .elasticNet(l1Ratio: rho) } else if !given {
                r.error("penalty elasticnet needs 'l1_ratio'", at: r.location(of: "penalty"))
            }
        default:
            if given { r.error("'l1_ratio' applies to penalty: elasticnet only", at: r.location(of: "l1_ratio")) }
            penalty = penaltyName == "l1" ? .l1 : .l2
        }
        let seed = r.integer("seed") ?? 0
        if seed < 0 { r.error("'seed' must not be negative", at: r.location(of: "seed")) }
        let optimizerName = r.choice("optimizer", among: ["lbfgs"] + StochasticOptimizer.Method.allCases.map(\.rawValue))
        let method = optimizerName.flatMap(StochasticOptimizer.Method.init(rawValue:))
        var optimizer = method.map { StochasticOptimizer(method: $0) }
        for key in ["learning_rate", "batch_size"] where r.has(key) && method == nil {
            r.error("'\(key)' applies to the minibatch optimizers only (optimizer: sgd, proximal-sgd, adam or adamw); "
                    + "the default optimizer, lbfgs, trains full batch to a certificate", at: r.location(of: key))
        }
        let rate = r.number("learning_rate"), size = r.integer("batch_size")
        if method != nil, let rate {
            if rate > 0, rate <= 10 { optimizer?.learningRate = rate } else {
                r.error("'learning_rate' must be greater than 0 and at most 10", at: r.location(of: "learning_rate"))
            }
        }
        if method != nil, let size {
            if size >= 1, size <= 1_000_000 { optimizer?.batchSize = size } else {
                r.error("'batch_size' must be a whole number from 1 to 1000000", at: r.location(of: "batch_size"))
            }
        }
        if let method, r.has("tolerance") {
            r.error("'tolerance' does not apply to optimizer: \(method.rawValue), which trains exactly 'max_epochs' epochs "
                    + "and reports the optimality it reached", at: r.location(of: "tolerance"))
        }
        if method == .adamw, penaltyName != "l2" {
            r.error("optimizer: adamw decouples an L2 weight decay from the adaptive step; it needs penalty: l2",
                    at: r.location(of: "optimizer"))
        }
        let maxEpochs = r.integer("max_epochs") ?? (method == nil ? defaultMaxEpochs : StochasticOptimizer.defaultEpochs)
        if maxEpochs < 1 || maxEpochs > 1_000_000 {
            r.error("'max_epochs' must be between 1 and 1000000", at: r.location(of: "max_epochs"))
        }
        var task: PredictionTask?
        if let written = r.choice("task", among: ["regression", "classification"]) {
            task = written == "regression" ? .regression : .binaryClassification
        }
        if r.has("max_iterations") {
            r.error("'max_iterations' does not apply to model: mlp; its limit is 'max_epochs'",
                    at: r.location(of: "max_iterations"))
        }
        if r.diagnostics.errors.count > errorsBefore { return nil }
        return NeuralNetwork(hidden: hidden, activation: activation, penalty: penalty, seed: UInt64(seed),
                             maxEpochs: maxEpochs, task: task, optimizer: optimizer)
    }

    public var name: String { "mlp" }

    public var displayName: String {
        let shape = hidden.isEmpty ? "network without hidden layers"
            : "\(hidden.map(String.init).joined(separator: "×")) \(activation.rawValue) network"
        let trained = optimizer.map { " trained by \($0.method.rawValue)" } ?? ""
        switch penalty {
        case .l2: return "L2-penalized \(shape)\(trained)"
        case .l1: return "L1-penalized \(shape)\(trained)"
        case .elasticNet: return "elastic-net-penalized \(shape)\(trained)"
        }
    }

    public var task: PredictionTask { declaredTask ?? .regression }

    public var l1Ratio: Double? {
        switch penalty {
        case .l1: return 1
        case .l2: return 0
        case let .elasticNet(rho): return rho
        }
    }

    public var relativeCost: Double {
        optimizer == nil ? 20 * Double(1 + hidden.reduce(0, +)) : Double(maxEpochs) / 50 * Double(1 + hidden.reduce(0, +))
    }

    /// Each epoch passes over every row with every parameter, up to `maxEpochs` epochs, from two starts with hidden
    /// layers and the full-batch trainer.
    public func workPerAlpha(rows: Int, features: Int) -> (values: Double, counted: String) {
        let parameters = Double(layout(inputs: features).parameterCount)
        let starts = hidden.isEmpty || optimizer != nil ? 1.0 : 2.0
        return (Double(rows) * parameters * Double(maxEpochs) * starts,
                "rows × \(Int(parameters)) parameters × \(maxEpochs) max_epochs" + (starts > 1 ? " × 2 starts" : ""))
    }

    var layoutLoss: NetworkLoss { task == .regression ? .squaredError : .logLoss }

    public func checkTarget(_ y: [Double], name: String) throws {
        switch declaredTask {
        case .binaryClassification?:
            if let bad = y.firstIndex(where: { $0 != 0 && $0 != 1 }) {
                throw ModelError(key: "task", message: "a network with task: classification needs a 0/1 target; "
                    + "'\(name)' has \(y[bad]) in data row \(bad + 1)")
            }
            if Set(y).count < 2 {
                throw ModelError(key: "task", message: "a network with task: classification needs both classes; "
                    + "'\(name)' has only \(y[0])")
            }
        case .regression?: return
        case nil:
            if y.allSatisfy({ $0 == 0 || $0 == 1 }) {
                throw ModelError(key: "model", message: "the target '\(name)' holds only 0 and 1: say which task the network has, "
                    + "'task: classification' (sigmoid output, log-loss) or 'task: regression' (identity output, squared error)")
            }
        }
    }

    /// The linear model's α_max (every weight zero without hidden layers). With hidden layers no finite α
    /// guarantees zero weights (the zero network is a stationary point at every α); the same number serves as the
    /// scale of `{count, ratio}` grids.
    public func alphaMax(_ z: Dataset) -> Double { alphaMaxOfLinearModel(z, l1Ratio: l1Ratio ?? 1) }

    public func nullObjective(_ z: Dataset) -> Double {
        let n = Double(z.rowCount), mean = z.y.reduce(0, +) / n
        switch task {
        case .regression: return z.y.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (2 * n)
        case .binaryClassification: return binaryEntropy(mean)
        }
    }

    /// The output bias of the null model: ȳ, or log(ȳ/(1 − ȳ)).
    func nullIntercept(_ y: [Double]) -> Double {
        let mean = y.reduce(0, +) / Double(max(y.count, 1))
        guard task == .binaryClassification else { return mean }
        let p = min(max(mean, 1e-12), 1 - 1e-12)
        return log(p / (1 - p))
    }

    func layout(inputs: Int) -> NetworkLayout { NetworkLayout(inputs: inputs, hidden: hidden) }

    public func pathSolver(for z: consuming Dataset, alphas: [Double], settings: SolverSettings) throws -> any PathSolver {
        try pathSolver(for: z, alphas: alphas, settings: settings, validation: nil)
    }

    public func pathSolver(for z: consuming Dataset, alphas: [Double], settings: SolverSettings, validation: Dataset?) throws
        -> any PathSolver
    {
        NeuralNetworkPathSolver(self, z, settings: settings, validation: validation)
    }

    public func predict(_ solution: PathSolution, _ z: Dataset) -> [Double] {
        let layout = layout(inputs: z.featureCount)
        let theta = solution.coefficients + solution.parameters + [solution.intercept]
        guard theta.count == layout.parameterCount else { return [Double](repeating: .nan, count: z.rowCount) }
        let eta = NetworkEvaluator(layout: layout, activation: activation, loss: layoutLoss, data: z).outputs(theta)
        return task == .regression ? eta : eta.map(FixedOrderMath.sigmoid)
    }

    public func coefficientNames(features: [String]) -> [String] {
        layout(inputs: features.count).weightNames(inputs: features)
    }

    public func parameterNames(features: [String]) -> [String] { layout(inputs: features.count).hiddenBiasNames }

    public static let solutionColumnNames = ["weight_l1", "weight_l2", "epochs"]

    public var certificateName: String { "optimality" }

    /// A network's optimality measure falls slowly on the flat stretches of its objective, so unless set the stop
    /// is at 1e-5 × the null objective (for a balanced 0/1 target 6.9e-6, fifteen times tighter than
    /// scikit-learn's MLP default `tol` of 1e-4 on the same gradient measure).
    public var defaultTolerance: Double { 1e-5 }

    public var trainsByEpoch: Bool { true }

    /// scikit-learn's `MLPRegressor` / `MLPClassifier` with the same layers and activation, into which the reproduce
    /// script loads docgen's weights (`ScikitLearnEstimator.loadedLayers`). Its objective is docgen's with
    /// `alpha` = n·α for an L2 penalty: (1/(2n))‖y − f‖² (or the mean log-loss) + alpha/(2n)·‖W‖²; it has no L1 penalty.
    public var scikitLearnEstimator: ScikitLearnEstimator? {
        let estimator = task == .binaryClassification ? "MLPClassifier" : "MLPRegressor"
        let sizes = hidden.isEmpty ? "()" : "(" + hidden.map(String.init).joined(separator: ", ") + (hidden.count == 1 ? ",)" : ")")
        var notes = [
            "no network is trained here: the objective is not convex, and another optimizer (or the same one from "
                + "another start) reaches another local minimum;",
            "docgen's trained weights go into scikit-learn's \(estimator) with the same layers and activation, and "
                + "what scikit-learn computes from them is checked: every train and test score, the weights' L1 and L2 "
                + "norms, the count of nonzero weights;",
            "cross-validation scores (a network per fold) are not checked;",
        ]
        if let optimizer {
            notes.append("docgen trained these weights by \(optimizer.method.rawValue) (learning rate \(optimizer.learningRate), "
                + "\(maxEpochs) epochs, minibatches shuffled by docgen's own generator), so another library's run of the same "
                + "method draws other batches and ends elsewhere;")
        }
        if penalty == .l2 {
            notes.append("scikit-learn's alpha for the same L2 penalty is n·α (its loss adds alpha/(2n)·‖W‖²);")
        } else {
            notes.append("scikit-learn's MLP has no L1 penalty; the weights it is given are docgen's, exact zeros included;")
        }
        return ScikitLearnEstimator(
            imports: ["from sklearn.neural_network import \(estimator)"],
            constructor: "\(estimator)(hidden_layer_sizes=\(sizes), activation=\"\(activation.rawValue)\", solver=\"lbfgs\", max_iter=1)",
            unpenalized: nil, parameter: .alpha, notes: notes, loadedLayers: hidden + [1])
    }
}

extension ModelFamily where Self == NeuralNetwork {
    /// A network with the given hidden widths ([] for none) and penalty.
    public static func mlp(hidden: [Int], activation: NetworkActivation = .tanh, penalty: NeuralNetwork.Penalty = .l2,
                           seed: UInt64 = 0, maxEpochs: Int = NeuralNetwork.defaultMaxEpochs,
                           task: PredictionTask = .regression, optimizer: StochasticOptimizer? = nil) -> NeuralNetwork {
        NeuralNetwork(hidden: hidden, activation: activation, penalty: penalty, seed: seed, maxEpochs: maxEpochs, task: task,
                      optimizer: optimizer)
    }
}

/// The network's path: α from the largest down, each warm-started from the previous solution (see `NeuralNetwork`
/// for when the seeded initialization is used instead).
struct NeuralNetworkPathSolver: PathSolver {
    let family: NeuralNetwork
    let trainer: NetworkTrainer
    let settings: NetworkTrainer.Settings
    let rho: Double
    /// Where a network with hidden layers starts (Glorot uniform), or the null model without hidden layers.
    let initial: [Double]
    private var previous: [Double]?

    /// The minibatch trainer when the family names an optimizer.
    let stochastic: StochasticTrainer?
    /// A second full-batch trainer, with buffers of its own, that trains from the seeded start while `trainer` trains
    /// from the previous solution (`train`). Nil when the settings allow one thread only, without hidden layers (one
    /// start), with a minibatch optimizer (no seeded second start), or when the buffers would be large
    /// (`concurrentStartCells`).
    private let seededTrainer: NetworkTrainer?

    /// Whether the two starts of each α after the first train at once (see `seededTrainer`).
    var trainsStartsConcurrently: Bool { seededTrainer != nil }

    /// A network trains its two starts at once when rows × (inputs + 3 × Σ hidden widths + 1), a bound on one
    /// trainer's buffers in doubles, is at most this (32 MB); above it, one after the other in the same buffers.
    static let concurrentStartCells = 4_000_000

    init(_ family: NeuralNetwork, _ z: Dataset, settings: SolverSettings, validation: Dataset?) {
        self.family = family
        let layout = family.layout(inputs: z.featureCount)
        func trainerOfItsOwn() -> NetworkTrainer {
            let training = NetworkEvaluator(layout: layout, activation: family.activation, loss: family.layoutLoss, data: z)
            let held = validation.map {
                NetworkEvaluator(layout: layout, activation: family.activation, loss: family.layoutLoss, data: $0)
            }
            return NetworkTrainer(training: training, validation: held)
        }
        let first = trainerOfItsOwn()
        trainer = first
        let width = layout.inputCount + 3 * layout.hiddenWidths.reduce(0, +) + 1
        let cells = SizeLimits.product(z.rowCount + (validation?.rowCount ?? 0), width)
        seededTrainer = settings.threads >= 2 && !family.hidden.isEmpty && family.optimizer == nil
            && cells.map { $0 <= Self.concurrentStartCells } == true ? trainerOfItsOwn() : nil
        stochastic = family.optimizer.map {
            StochasticTrainer(training: first.training, validation: first.validation, optimizer: $0, seed: family.seed)
        }
        self.settings = NetworkTrainer.Settings(optimalityTarget: settings.tolerance * family.nullObjective(z),
                                                maxEpochs: family.maxEpochs, objectiveTarget: nil,
                                                decreaseWindow: family.activation == .relu ? 10 : nil)
        rho = family.l1Ratio ?? 0
        let intercept = family.nullIntercept(z.y)
        if family.hidden.isEmpty {
            var start = [Double](repeating: 0, count: layout.parameterCount)
            start[layout.outputBiasOffset] = intercept
            initial = start
        } else {
            initial = layout.glorotUniform(seed: family.seed, outputBias: intercept)
        }
    }

    mutating func solve(alpha: Double) -> PathSolution {
        guard let stochastic else { return train(alpha: alpha).solution }
        // A fixed budget of epochs from the same seeded start at every α: no warm start, no certificate to reach.
        let outcome = stochastic.train(from: initial, alpha: alpha, l1Ratio: rho, epochs: family.maxEpochs)
        let warning = outcome.finite ? nil : ModelWarning(kind: .notConverged,
            message: "the network at alpha = \(alpha): training by \(stochastic.optimizer.method.rawValue) diverged after "
                + "\(outcome.epochs) epochs (the loss is no longer finite); lower 'learning_rate'",
            alpha: alpha, gap: outcome.optimality, key: "learning_rate")
        return solution(outcome.theta, certificate: outcome.optimality, converged: outcome.finite, warning: warning,
                        epochs: outcome.epochs, history: outcome.history)
    }

    /// The path's solution for trained parameters θ: the weights (and their L1 and L2 norms and the epochs, the
    /// family's per-α columns), the output bias as the intercept, the hidden biases as parameters.
    private func solution(_ theta: [Double], certificate: Double, converged: Bool, warning: ModelWarning?, epochs: Int,
                          history: TrainingHistory?) -> PathSolution {
        let layout = trainer.layout
        let weights = Array(theta[0..<layout.weightCount])
        var l1 = 0.0, squares = 0.0
        for w in weights { l1 += abs(w); squares += w * w }
        return PathSolution(coefficients: weights, intercept: theta[layout.outputBiasOffset], certificate: certificate,
                            converged: converged, warning: warning,
                            parameters: Array(theta[layout.weightCount..<layout.outputBiasOffset]),
                            columns: [l1, squares.squareRoot(), Double(epochs)], history: history)
    }

    /// `solve`, also stopping once the objective is at most `objectiveTarget`; with the trainer's outcome.
    mutating func train(alpha: Double, objectiveTarget: Double? = nil) -> (solution: PathSolution,
                                                                          outcome: NetworkTrainer.Outcome) {
        var settings = self.settings
        settings.objectiveTarget = objectiveTarget
        // With hidden layers, every α after the first also trains from the seeded start, unless the warm start
        // already reached `objectiveTarget`; the lower objective wins (ties: the warm start).
        let alsoSeeded = !family.hidden.isEmpty && previous != nil
        // Without a target both always train, so with a second trainer the seeded start trains meanwhile, on a
        // thread of its own. The two are independent (each trainer has buffers of its own and is used by one thread
        // only), so the outcome is the one the two trainings in turn give.
        let seededMeanwhile = alsoSeeded && objectiveTarget == nil ? seededTrainer.map { other in
            nonisolated(unsafe) let other = other
            let (settings, rho, initial) = (settings, rho, initial)
            return Background { other.train(from: initial, alpha: alpha, l1Ratio: rho, settings: settings) }
        } : nil
        var outcome = trainer.train(from: previous ?? initial, alpha: alpha, l1Ratio: rho, settings: settings)
        if alsoSeeded, !(objectiveTarget.map { outcome.objective <= $0 } ?? false) {
            let seeded = seededMeanwhile?.value
                ?? trainer.train(from: initial, alpha: alpha, l1Ratio: rho, settings: settings)
            if seeded.objective < outcome.objective { outcome = seeded }
        }
        previous = outcome.theta
        var warning: ModelWarning?
        if !outcome.converged {
            let target = settings.optimalityTarget
            let why = outcome.stalled
                ? "no step lowers the objective any more after \(outcome.epochs) epochs (rounding)"
                : "it did not converge within \(outcome.epochs) epochs"
            warning = ModelWarning(kind: .notConverged,
                message: "the network at alpha = \(alpha): \(why); optimality \(outcome.optimality) > \(target) "
                    + "(tolerance × null objective)",
                alpha: alpha, gap: outcome.optimality, key: outcome.stalled ? "tolerance" : "max_epochs")
        }
        return (solution(outcome.theta, certificate: outcome.optimality, converged: outcome.converged, warning: warning,
                         epochs: outcome.epochs, history: outcome.history), outcome)
    }
}
