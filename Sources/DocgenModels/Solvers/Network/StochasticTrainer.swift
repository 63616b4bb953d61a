/// A first-order optimizer that trains a network on minibatches for a fixed number of epochs (`optimizer:`), as
/// practitioners train networks, instead of minimizing the objective to a certificate (`NetworkTrainer`).
///
/// The objective is the same, F(θ) = mean loss(θ) + α · (ρ‖W‖₁ + (1 − ρ)/2 · ‖W‖²) with biases unpenalized; the
/// methods differ in how the penalty enters a step, which is the point of offering them:
/// - `sgd`: θ ← θ − η·g with g the batch's loss gradient plus the penalty's (sub)gradient α(1 − ρ)W + αρ·sign(W)
///   (sign(0) = 0). An L1 weight overshoots zero and is pushed back, so it almost never lands exactly on 0.
/// - `proximal-sgd`: the same step on the loss and the L2 part, then soft-thresholding of every weight by ηαρ, the
///   proximal map of the L1 term: a weight whose step ends within ηαρ of zero becomes exactly 0.
/// - `adam`: Adam (β₁ = 0.9, β₂ = 0.999, ε = 1e-8, bias-corrected) on g including the penalty's (sub)gradient:
///   an L2 term in the loss, divided like the loss gradient by each weight's √v̂.
/// - `adamw`: Adam on the loss gradient alone, with the decay decoupled (Loshchilov and Hutter):
///   W ← W − η(m̂/(√v̂ + ε) + α·W), every weight shrinking by the same factor 1 − ηα per step. Only with
///   `penalty: l2`, whose α is then that decay rate.
///
/// An epoch is one pass over the training rows in minibatches of `batchSize` rows (the last one smaller), in an order
/// shuffled every epoch by a generator seeded from the network's `seed`, so training is reproducible. The recorded
/// history is the full training loss, objective and validation loss after each epoch.
public struct StochasticOptimizer: Sendable, Equatable {
    public enum Method: String, Sendable, CaseIterable {
        case sgd
        case proximalSGD = "proximal-sgd"
        case adam
        case adamw
    }

    public var method: Method
    /// η, the step size (scikit-learn's `learning_rate_init`).
    public var learningRate: Double
    /// Rows per minibatch; nil for min(200, n), scikit-learn's `batch_size="auto"`.
    public var batchSize: Int?

    public init(method: Method, learningRate: Double = StochasticOptimizer.defaultLearningRate, batchSize: Int? = nil) {
        self.method = method; self.learningRate = learningRate; self.batchSize = batchSize
    }

    /// scikit-learn's default `learning_rate_init`.
    public static let defaultLearningRate = 0.001
    /// Epochs when `max_epochs` is not given (scikit-learn's `max_iter` default for its stochastic solvers).
    public static let defaultEpochs = 200
    static let beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8
}

struct StochasticTrainer {
    let training: NetworkEvaluator
    let validation: NetworkEvaluator?
    let optimizer: StochasticOptimizer
    /// Seeds the per-epoch shuffles.
    let seed: UInt64

    struct Outcome {
        var theta: [Double]
        var epochs: Int
        /// The optimality measure of `NetworkTrainer` at the final θ (full batch): how far from a stationary point of F
        /// the fixed budget of epochs stopped.
        var optimality: Double
        var objective: Double
        /// False when θ or the loss stopped being finite (the learning rate is too large); training then stops, and
        /// `theta` is the last epoch's that was finite.
        var finite: Bool
        var history: TrainingHistory
    }

    func train(from start: [Double], alpha: Double, l1Ratio rho: Double, epochs maxEpochs: Int) -> Outcome {
        let layout = training.layout
        let weights = layout.weightCount, count = start.count, n = training.rows
        let l1 = alpha * rho, l2 = alpha * (1 - rho), eta = optimizer.learningRate
        let batchSize = min(n, max(1, optimizer.batchSize ?? min(200, n)))
        let full = NetworkEvaluator(batchOf: batchSize, like: training)
        let last = n % batchSize == 0 ? nil : NetworkEvaluator(batchOf: n % batchSize, like: training)
        var rng = SeededGenerator(seed: seed)
        var theta = start, lastFinite = start
        var gradient = [Double](repeating: 0, count: count)
        var m = [Double](repeating: 0, count: count), v = [Double](repeating: 0, count: count)
        // β₁ᵗ and β₂ᵗ as running products (no libm pow: the same bytes on every machine).
        var beta1Power = 1.0, beta2Power = 1.0
        var trainingLoss: [Double] = [], objectives: [Double] = [], validationLoss: [Double]? = validation == nil ? nil : []
        var finite = true, epochs = 0

        func penalty(_ theta: [Double]) -> Double {
            var absolute = 0.0, squares = 0.0
            for k in 0..<weights { absolute += abs(theta[k]); squares += theta[k] * theta[k] }
            return l1 * absolute + 0.5 * l2 * squares
        }

        epochLoop: for _ in 0..<maxEpochs {
            let order = rng.permutation(n)
            var begin = 0
            while begin < n {
                let end = min(n, begin + batchSize)
                let batch = end - begin == batchSize ? full : last!
                batch.load(rows: order[begin..<end], of: training)
                _ = batch.evaluate(theta, gradient: &gradient)
                begin = end
                switch optimizer.method {
                case .sgd:
                    for k in 0..<weights { gradient[k] += l2 * theta[k] + l1 * sign(theta[k]) }
                    for k in 0..<count { theta[k] -= eta * gradient[k] }
                case .proximalSGD:
                    for k in 0..<weights { gradient[k] += l2 * theta[k] }
                    for k in 0..<count { theta[k] -= eta * gradient[k] }
                    if l1 > 0 { for k in 0..<weights { theta[k] = softThreshold(theta[k], eta * l1) } }
                case .adam, .adamw:
                    let decoupled = optimizer.method == .adamw
                    if !decoupled { for k in 0..<weights { gradient[k] += l2 * theta[k] + l1 * sign(theta[k]) } }
                    let b1 = StochasticOptimizer.beta1, b2 = StochasticOptimizer.beta2
                    beta1Power *= b1
                    beta2Power *= b2
                    let c1 = 1 - beta1Power, c2 = 1 - beta2Power
                    for k in 0..<count {
                        let g = gradient[k]
                        m[k] = b1 * m[k] + (1 - b1) * g
                        v[k] = b2 * v[k] + (1 - b2) * g * g
                        let adaptive = (m[k] / c1) / ((v[k] / c2).squareRoot() + StochasticOptimizer.epsilon)
                        let decay = decoupled && k < weights ? alpha * theta[k] : 0
                        theta[k] -= eta * (adaptive + decay)
                    }
                }
            }
            epochs += 1
            let loss = training.loss(theta)
            let objective = loss + penalty(theta)
            guard loss.isFinite, objective.isFinite else {
                finite = false
                theta = lastFinite
                break epochLoop
            }
            lastFinite = theta
            trainingLoss.append(loss)
            objectives.append(objective)
            if let validation { validationLoss?.append(validation.loss(theta)) }
        }
        // The certificate at the end, on the full training rows, as `NetworkTrainer` measures it.
        let loss = training.evaluate(theta, gradient: &gradient)
        for k in 0..<weights { gradient[k] += l2 * theta[k] }
        let measure = NetworkTrainer.optimality(theta, gradient: gradient, weightCount: weights, l1: l1)
        let history = TrainingHistory(trainingLoss: trainingLoss, objective: objectives, validationLoss: validationLoss)
        return Outcome(theta: theta, epochs: epochs, optimality: measure, objective: loss + penalty(theta),
                       finite: finite && measure.isFinite, history: history)
    }

    /// The minimum-norm subgradient's sign: 0 at 0.
    private func sign(_ w: Double) -> Double { w > 0 ? 1 : (w < 0 ? -1 : 0) }
}
