/// Trains a network at one penalty α on full batches: minimizes
///
///     F(θ) = mean loss(θ) + α · (ρ‖W‖₁ + (1 − ρ)/2 · ‖W‖²)
///
/// over θ = (weights W, biases), biases unpenalized (see `NetworkLayout` for θ's order).
///
/// - ρα = 0 (`penalty: l2`, or α = 0): F is smooth and L-BFGS minimizes it. The optimality measure is the
///   gradient's largest entry, ‖∇F(θ)‖∞.
/// - ρα > 0 (`l1`, `elasticnet`): proximal quasi-Newton (`ProximalQuasiNewtonMinimizer`) on
///   S = mean loss + α(1 − ρ)/2‖W‖² plus αρ‖W‖₁: each step minimizes an L-BFGS model of S plus the L1 term by
///   coordinate descent, whose soft-thresholding puts weights exactly at zero. The optimality measure is the
///   largest entry of the minimum-norm subgradient of F: for a bias ∂S/∂b; for a weight w ≠ 0,
///   ∂S/∂w + αρ·sign(w); for w = 0, the amount by which |∂S/∂w| exceeds αρ (zero exactly when the subgradient
///   condition |∂S/∂w| ≤ αρ holds).
///
/// Training stops when the measure is at most `settings.optimalityTarget` (converged), after `maxEpochs` epochs,
/// or when no step lowers F any more (rounding; not converged unless the measure is met). With ReLU units F has
/// kinks and the measure need not vanish at a minimum; there `decreaseWindow` adds a decrease test (see
/// `Settings`). An epoch is one
/// iteration of the method: one step, after one or more full passes over the training rows.
struct NetworkTrainer {
    struct Settings {
        /// Stop when the optimality measure is at most this (absolute, in objective units per parameter unit).
        var optimalityTarget: Double
        var maxEpochs: Int
        /// Also stop as soon as F ≤ this (benchmarks: time to a given objective).
        var objectiveTarget: Double?
        /// For objectives with kinks (ReLU), where the gradient need not vanish at a minimum: also converged when F
        /// fell by at most `optimalityTarget` (in objective units) over the last this many epochs, or when no step
        /// lowers F any more.
        var decreaseWindow: Int?
    }

    struct Outcome {
        var theta: [Double]
        var epochs: Int
        /// The optimality measure at `theta`.
        var optimality: Double
        var objective: Double
        var converged: Bool
        /// The method stopped because no step lowered F (rather than at the limit or the target).
        var stalled: Bool
        var history: TrainingHistory
    }

    let training: NetworkEvaluator
    /// Held-out rows whose loss is recorded after every epoch.
    let validation: NetworkEvaluator?

    var layout: NetworkLayout { training.layout }

    /// The optimality measure at θ from the gradient g of the smooth part (loss plus the L2 term): the largest
    /// |g_k| when there is no L1 term (`l1` = ρα = 0), else the largest entry of the pseudo-gradient, the smallest
    /// subgradient of F, over the first `weightCount` parameters (the weights; biases are never penalized).
    static func optimality(_ theta: [Double], gradient g: [Double], weightCount: Int, l1: Double) -> Double {
        guard l1 > 0 else { return ProgressWatch.largestEntry(g) }
        return ProgressWatch.largestEntry(ProximalQuasiNewtonMinimizer.pseudoGradient(theta, g, weightCount: weightCount,
                                                                                     lambda: l1))
    }

    func train(from start: [Double], alpha: Double, l1Ratio rho: Double, settings: Settings) -> Outcome {
        let weights = layout.weightCount
        let l1 = alpha * rho, l2 = alpha * (1 - rho)
        var lastLoss = 0.0
        // S(θ) = mean loss + l2/2 ‖W‖², with its gradient.
        let smooth = { (theta: UnsafePointer<Double>, gradient: UnsafeMutablePointer<Double>) -> Double in
            let loss = training.evaluate(theta, gradient: gradient)
            lastLoss = loss
            guard l2 > 0 else { return loss }
            var squares = 0.0
            for k in 0..<weights {
                squares += theta[k] * theta[k]
                gradient[k] += l2 * theta[k]
            }
            return loss + 0.5 * l2 * squares
        }
        func absoluteSum(_ theta: [Double]) -> Double {
            var s = 0.0
            for k in 0..<weights { s += abs(theta[k]) }
            return s
        }
        func optimality(_ theta: [Double], _ g: [Double]) -> Double {
            Self.optimality(theta, gradient: g, weightCount: weights, l1: l1)
        }

        var theta = start
        var gradient = [Double](repeating: 0, count: theta.count)
        var value = theta.withUnsafeBufferPointer { t in
            gradient.withUnsafeMutableBufferPointer { g in smooth(t.baseAddress!, g.baseAddress!) }
        }
        var trainingLoss: [Double] = [], objectives: [Double] = [], validationLoss: [Double]? = validation == nil ? nil : []
        var measure = Double.infinity, objective = Double.infinity
        var reachedObjective = false, flattened = false
        let check = { (iteration: Int, x: [Double], s: Double, g: [Double]) -> Bool in
            objective = s + l1 * absoluteSum(x)
            measure = optimality(x, g)
            trainingLoss.append(lastLoss)
            objectives.append(objective)
            if let validation { validationLoss?.append(validation.loss(x)) }
            if let target = settings.objectiveTarget, objective <= target { reachedObjective = true }
            if let window = settings.decreaseWindow, objectives.count > window,
               objectives[objectives.count - 1 - window] - objective <= settings.optimalityTarget {
                flattened = true
            }
            return measure <= settings.optimalityTarget || reachedObjective || flattened
        }
        // A mean over n rows may be off by about n ulps of the total in the worst case.
        let rounding = Double(max(16, 4 * training.rows)) * Double.ulpOfOne
        let stop: Bool, epochs: Int
        if l1 > 0 {
            var method = ProximalQuasiNewtonMinimizer()
            method.relativeRounding = rounding
            let run = method.minimize(&theta, smoothValue: &value, gradient: &gradient,
                                                              weightCount: weights, lambda: l1,
                                                              maxIterations: settings.maxEpochs, smooth: smooth,
                                                              shouldStop: check)
            (stop, epochs) = (run.stop == .stalled, run.iterations)
        } else {
            var method = LBFGSMinimizer()
            method.relativeRounding = rounding
            let run = method.minimize(&theta, value: &value, gradient: &gradient, maxIterations: settings.maxEpochs,
                                      f: smooth, shouldStop: check)
            (stop, epochs) = (run.stop == .stalled, run.iterations)
        }
        let history = TrainingHistory(trainingLoss: trainingLoss, objective: objectives, validationLoss: validationLoss)
        let converged = measure <= settings.optimalityTarget || flattened || (stop && settings.decreaseWindow != nil)
        return Outcome(theta: theta, epochs: epochs, optimality: measure, objective: objective,
                       converged: converged, stalled: stop, history: history)
    }
}
