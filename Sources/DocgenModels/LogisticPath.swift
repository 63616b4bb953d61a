/// Logistic path (filled in by the logistic solver).
func fitLogisticPath(_ z: Dataset, alphas: [Double], l1Ratio rho: Double, tolerance: Double,
                     maxIterations: Int) throws -> FittedPath {
    throw ModelError(key: "model", message: "logistic regression is not available yet")
}
