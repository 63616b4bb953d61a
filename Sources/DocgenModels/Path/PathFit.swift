/// A bare regularization path (no split, CV or metrics), for callers that only need coefficients (benchmarks,
/// solver comparisons).
public struct PathFit: Sendable {
    /// α values in the order given.
    public var alphas: [Double]
    /// `coefficients[k][j]` on the model-feature scale (standardized when requested).
    public var coefficients: [[Double]]
    public var intercepts: [Double]
    /// Certified duality gaps (absolute objective units).
    public var dualityGaps: [Double]
    /// Objective at β = 0 with the best intercept.
    public var nullObjective: Double
    public var alphaMax: Double
    public var warnings: [ModelWarning]
    /// The raw-input → model-feature map (identity when not standardizing).
    public var transform: FeatureTransform
}

/// Fits `model` along `alphas` on all rows of `data` (same objective and conventions as `runExperiment`).
public func fitPath(_ data: Dataset, model: some ModelFamily, alphas grid: AlphaGrid, standardize: Bool = true,
                    polynomialDegree: Int? = nil, tolerance: Double = 1e-7,
                    maxIterations: Int = 100_000) throws -> PathFit {
    let spec = ExperimentSpec(model: model, alphas: grid, standardize: standardize, polynomialDegree: polynomialDegree,
                              tolerance: tolerance, maxIterations: maxIterations)
    try spec.validate()
    try checkHasFeatures(data)
    guard data.rowCount >= 2 else {
        throw DataError(kind: .tooFewRows, message: "the data has \(data.rowCount) rows; at least 2 are needed", key: "data")
    }
    try model.checkTarget(data.y, name: data.targetName)
    let expanded = try FeatureTransform.expand(data, degree: polynomialDegree)
    let transform = FeatureTransform.fit(expanded, degree: polynomialDegree, standardize: standardize,
                                         keepConstantColumns: spec.keepsConstantColumns)
    let z = transform.apply(toExpanded: expanded)
    let amax = model.alphaMax(z)
    let alphas = resolvePenalties(grid, family: model, alphaMax: amax, rows: data.rowCount).alphas
    let path = try PathDriver.fit(model, z, alphas: alphas, settings: spec.settings)
    return PathFit(alphas: alphas, coefficients: path.coefficients, intercepts: path.intercepts,
                   dualityGaps: path.gaps, nullObjective: path.nullObjective, alphaMax: amax,
                   warnings: path.warnings, transform: transform)
}

/// Certified duality gap of `coefficients` for the least-squares elastic-net objective
/// (1/(2n))‖y − β₀ − Xβ‖² + α(ρ‖β‖₁ + (1 − ρ)/2‖β‖²) on `data` used as is (no standardization; the intercept is
/// taken optimal for β). Use it to compare other solvers' answers on the same objective.
public func elasticNetDualityGap(data: Dataset, alpha: Double, l1Ratio: Double, coefficients: [Double]) -> Double {
    gaussianGap(GaussianDesign(data), coefficients, alpha: alpha, l1Ratio: l1Ratio)
}

/// The null objective (1/(2n))‖y − ȳ‖² of a least-squares problem.
public func leastSquaresNullObjective(_ data: Dataset) -> Double {
    let n = Double(data.rowCount)
    let mean = data.y.reduce(0, +) / n
    return data.y.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (2 * n)
}
