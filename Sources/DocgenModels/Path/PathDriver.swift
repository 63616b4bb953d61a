import Foundation

/// A family's solutions along a grid, in the caller's α order, on the model's feature scale.
struct FittedPath: Sendable {
    var solutions: [PathSolution]
    var warnings: [ModelWarning]
    /// Objective at weights zero with the best intercept; the stopping rule is certificate ≤ tolerance × this.
    var nullObjective: Double

    var coefficients: [[Double]] { solutions.map(\.coefficients) }
    var intercepts: [Double] { solutions.map(\.intercept) }
    var gaps: [Double] { solutions.map(\.certificate) }
}

/// The one path driver every family runs through: α in decreasing order (ties in the order given), each α
/// warm-started from the previous solution by the family's solver, the results put back in the caller's order,
/// and every warning collected.
///
/// Screening: every α ≥ α_max gets the family's `nullSolution` without asking the solver, so the top of an automatic
/// grid (α_max itself) has weights exactly zero. The solver cannot promise that: it sees the gradient Xᵀ(y − ȳ)/n
/// computed its own way (centred columns, BLAS), which can exceed ρ·α_max by a rounding error and leave a weight of
/// 1e-15 where the exact solution is zero. Comparing α with the very α_max the grid was built from has no such error.
enum PathDriver {
    /// `validation`: held-out model-scale rows a family may measure its loss on as it trains (a split's test rows).
    static func fit(_ family: any ModelFamily, _ z: Dataset, alphas: [Double], settings: SolverSettings,
                    validation: Dataset? = nil) throws -> FittedPath {
        let order = decreasingOrder(alphas)
        var solver = try family.pathSolver(for: z, alphas: order.map { alphas[$0] }, settings: settings,
                                           validation: validation)
        var solutions = [PathSolution?](repeating: nil, count: alphas.count)
        var warnings: [ModelWarning] = []
        let null = family.nullSolution(z), alphaMax = family.alphaMax(z)
        for k in order {
            if let null, alphas[k] >= alphaMax {
                solutions[k] = null
                continue
            }
            let solution = solver.solve(alpha: alphas[k])
            if let warning = solution.warning { warnings.append(warning) }
            solutions[k] = solution
        }
        return FittedPath(solutions: solutions.map { $0! }, warnings: solver.pathWarnings + warnings,
                          nullObjective: family.nullObjective(z))
    }
}

/// Permutation putting α in decreasing order (stable), the order in which paths are solved.
func decreasingOrder(_ alphas: [Double]) -> [Int] {
    alphas.indices.sorted { alphas[$0] > alphas[$1] || (alphas[$0] == alphas[$1] && $0 < $1) }
}

/// A path fitted on one set of rows: the feature transform fitted on those rows and the solutions.
struct TrainedPath: Sendable {
    var transform: FeatureTransform
    var path: FittedPath
    var family: any ModelFamily

    /// Predictions (regression: ŷ; classification: P(y = 1)) for expanded rows, one array per α.
    func predictions(expanded data: Dataset) -> [[Double]] {
        let z = transform.apply(toExpanded: data)
        return path.solutions.map { family.predict($0, z) }
    }
}

/// Resolves the α grid for data already transformed (α_max depends on the data). An unpenalized family is fitted
/// once, at α = 0.
func resolveAlphas(_ grid: AlphaGrid, family: any ModelFamily, alphaMax: Double) -> [Double] {
    if family.l1Ratio == nil { return [0] }
    switch grid {
    case .explicit(let values): return values
    case .logspace(let a, let b, let count): return logspace(a, b, count)
    case .automatic(let count, let ratio):
        guard alphaMax > 0 else { return [Double](repeating: 0, count: count) }
        if count == 1 { return [alphaMax] }
        return (0..<count).map { k in alphaMax * pow(ratio, Double(k) / Double(count - 1)) }
    }
}

/// α_max = max_j |x_jᵀ(y − c)| / (n ρ) on model-scale data (ρ = 0 uses ρ = 0.001, as glmnet): for least squares and
/// logistic regression alike the smallest α whose solution has β = 0. c is the null model's prediction, the
/// gradient's zero point at β = 0: ȳ with an intercept (`nullPrediction` nil), else 0 for least squares and ½ (η = 0)
/// for logistic regression. With `nonNegative` only positive correlations count, max_j (x_jᵀ(y − c))₊/(n ρ), falling
/// back to the two-sided value when none is positive (no α then gives a nonzero coefficient).
func alphaMaxOfLinearModel(_ z: Dataset, l1Ratio rho: Double, nullPrediction: Double? = nil,
                           nonNegative: Bool = false) -> Double {
    let n = z.rowCount
    let ym = nullPrediction ?? z.y.reduce(0, +) / Double(n)
    var best = 0.0, bestPositive = 0.0
    for j in 0..<z.featureCount {
        var s = 0.0
        for i in 0..<n { s += z.x[j * n + i] * (z.y[i] - ym) }
        best = max(best, abs(s) / Double(n))
        bestPositive = max(bestPositive, s / Double(n))
    }
    if nonNegative && bestPositive > 0 { best = bestPositive }
    return best / max(rho, 1e-3)
}

/// η = β₀ + Zβ for model-scale rows `z`.
func linearPredictor(_ solution: PathSolution, _ z: Dataset) -> [Double] {
    let n = z.rowCount, p = z.featureCount
    let beta = solution.coefficients
    var eta = [Double](repeating: solution.intercept, count: n)
    for j in 0..<p where beta[j] != 0 {
        let b = beta[j], base = j * n
        for i in 0..<n { eta[i] += b * z.x[base + i] }
    }
    return eta
}

/// Fits the transform on `expanded` and the whole path at `alphas`; `validation` (expanded held-out rows, put through
/// the same transform) is handed to the family's solver.
func trainPath(expanded: Dataset, spec: ExperimentSpec, alphas: [Double], validation: Dataset? = nil) throws -> TrainedPath {
    let transform = FeatureTransform.fit(expanded, degree: spec.polynomialDegree, standardize: spec.standardize,
                                         keepConstantColumns: spec.keepsConstantColumns)
    let z = transform.apply(toExpanded: expanded)
    let path = try PathDriver.fit(spec.family, z, alphas: alphas, settings: spec.settings,
                                  validation: validation.map { transform.apply(toExpanded: $0) })
    return TrainedPath(transform: transform, path: path, family: spec.family)
}
