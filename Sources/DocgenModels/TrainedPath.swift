import Foundation

/// A path fitted on one set of rows: the feature transform fitted on those rows and the coefficients.
struct TrainedPath: Sendable {
    var transform: FeatureTransform
    var path: FittedPath
    var classification: Bool

    /// Predictions (regression: ŷ; classification: P(y = 1)) for expanded rows, one array per α.
    func predictions(expanded data: Dataset) -> [[Double]] {
        let z = transform.apply(toExpanded: data)
        let n = z.rowCount, p = z.featureCount
        return path.coefficients.indices.map { k in
            let beta = path.coefficients[k]
            var eta = [Double](repeating: path.intercepts[k], count: n)
            for j in 0..<p where beta[j] != 0 {
                let b = beta[j], base = j * n
                for i in 0..<n { eta[i] += b * z.x[base + i] }
            }
            return classification ? eta.map(sigmoid) : eta
        }
    }
}

/// Resolves the α grid for data already transformed (α_max depends on the data).
func resolveAlphas(_ grid: AlphaGrid, model: ModelKind, alphaMax: Double) -> [Double] {
    if model == .ols { return [0] }
    switch grid {
    case .explicit(let values): return values
    case .logspace(let a, let b, let count): return logspace(a, b, count)
    case .automatic(let count, let ratio):
        guard alphaMax > 0 else { return [Double](repeating: 0, count: count) }
        if count == 1 { return [alphaMax] }
        return (0..<count).map { k in alphaMax * pow(ratio, Double(k) / Double(count - 1)) }
    }
}

/// α_max = max_j |x_jᵀ(y − ȳ)| / (n ρ) on transformed data (ρ = 0 uses ρ = 0.001, as glmnet).
/// For both least squares and logistic this is the smallest α whose solution has β = 0.
func alphaMax(transformed z: Dataset, l1Ratio rho: Double) -> Double {
    let n = z.rowCount
    let ym = z.y.reduce(0, +) / Double(n)
    var best = 0.0
    for j in 0..<z.featureCount {
        var s = 0.0
        for i in 0..<n { s += z.x[j * n + i] * (z.y[i] - ym) }
        best = max(best, abs(s) / Double(n))
    }
    return best / max(rho, 1e-3)
}

/// Fits the transform on `expanded` and the whole path at `alphas`.
func trainPath(expanded: Dataset, spec: ExperimentSpec, alphas: [Double]) throws -> TrainedPath {
    let transform = FeatureTransform.fit(expanded, degree: spec.polynomialDegree, standardize: spec.standardize)
    let z = transform.apply(toExpanded: expanded)
    let rho = spec.model == .ols ? 1 : spec.model.l1Ratio
    let path: FittedPath
    if spec.model.isClassification {
        path = try fitLogisticPath(z, alphas: alphas, l1Ratio: rho, tolerance: spec.tolerance,
                                   maxIterations: spec.maxIterations)
    } else {
        let design = GaussianDesign(n: z.rowCount, p: z.featureCount, x: z.x, y: z.y)
        path = try fitGaussianPath(design, alphas: alphas, l1Ratio: rho, tolerance: spec.tolerance,
                                   maxIterations: spec.maxIterations)
    }
    return TrainedPath(transform: transform, path: path, classification: spec.model.isClassification)
}
