/// What an iterative solver did at one α, epoch by epoch: entry 0 is the starting point (the previous α's
/// solution along a warm-started path), entry e the point after epoch e.
public struct TrainingHistory: Sendable, Equatable, Codable {
    /// The mean loss on the training rows, without the penalty ((1/(2n))‖y − f(X)‖² or the mean log-loss).
    public var trainingLoss: [Double]
    /// The objective the solver minimizes: the training loss plus the penalty.
    public var objective: [Double]
    /// The same mean loss on the held-out rows, when the experiment has a split.
    public var validationLoss: [Double]?

    public init(trainingLoss: [Double], objective: [Double], validationLoss: [Double]? = nil) {
        self.trainingLoss = trainingLoss; self.objective = objective; self.validationLoss = validationLoss
    }

    /// The number of epochs run (entries after the starting point).
    public var epochs: Int { max(trainingLoss.count - 1, 0) }
}
