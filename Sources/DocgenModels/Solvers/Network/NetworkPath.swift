/// One α of a network path fitted by `fitNetworkPath`.
public struct NetworkPathPoint: Sendable {
    public var alpha: Double
    /// θ in `NeuralNetwork`'s order: the weights W_1, …, W_{L+1} (each row-major, d_{l−1} × d_l), the hidden
    /// biases b_1, …, b_L, and the output bias last.
    public var parameters: [Double]
    /// mean loss + α(ρ‖W‖₁ + (1 − ρ)/2‖W‖²) at `parameters`.
    public var objective: Double
    /// The optimality measure at `parameters` (see `NeuralNetwork`).
    public var optimality: Double
    public var epochs: Int
    /// Whether the optimality measure met tolerance × null objective.
    public var converged: Bool
}

/// Fits `network` at each of `alphas` in the order given (pass them decreasing for docgen's warm-started path) on
/// model-scale rows `z` used as they are (no standardization), exactly as an experiment's path does. When
/// `objectiveTargets` is given, training at `alphas[k]` also stops as soon as the objective is at most
/// `objectiveTargets[k]` (benchmarks: the time to reach another solver's objective).
public func fitNetworkPath(_ z: Dataset, network: NeuralNetwork, alphas: [Double], tolerance: Double,
                           objectiveTargets: [Double]? = nil) -> [NetworkPathPoint] {
    var solver = NeuralNetworkPathSolver(network, z, settings: SolverSettings(tolerance: tolerance), validation: nil)
    return alphas.enumerated().map { k, alpha in
        let outcome = solver.train(alpha: alpha, objectiveTarget: objectiveTargets?[k]).outcome
        return NetworkPathPoint(alpha: alpha, parameters: outcome.theta, objective: outcome.objective,
                                optimality: outcome.optimality, epochs: outcome.epochs, converged: outcome.converged)
    }
}

/// Where `fitNetworkPath` starts on `z`, in `NetworkPathPoint.parameters`' order: Glorot-uniform weights from the
/// network's seed (the null model without hidden layers), hidden biases 0, the output bias of the null model.
public func networkInitialParameters(_ network: NeuralNetwork, _ z: Dataset) -> [Double] {
    NeuralNetworkPathSolver(network, z, settings: SolverSettings(), validation: nil).initial
}
