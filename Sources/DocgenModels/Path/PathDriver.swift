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
    /// `z` is handed on to the family's solver, which may take its storage over (a least-squares design centres the
    /// columns in place when nothing else holds them), so a fold's rows exist once, not twice.
    static func fit(_ family: any ModelFamily, _ z: consuming Dataset, alphas: [Double], settings: SolverSettings,
                    validation: Dataset? = nil) throws -> FittedPath {
        let order = decreasingOrder(alphas)
        let null = family.nullSolution(z), alphaMax = family.alphaMax(z), nullObjective = family.nullObjective(z)
        var solver = try family.pathSolver(for: consume z, alphas: order.map { alphas[$0] }, settings: settings,
                                           validation: validation)
        return run(&solver, alphas: alphas, null: null, alphaMax: alphaMax, nullObjective: nullObjective)
    }

    /// The path from a solver made for `alphas` in decreasing order: every α ≥ `alphaMax` gets `null` when there is
    /// one, the others the solver's warm-started solutions.
    static func run(_ solver: inout some PathSolver, alphas: [Double], null: PathSolution?, alphaMax: Double,
                    nullObjective: Double) -> FittedPath {
        let order = decreasingOrder(alphas)
        var solutions = [PathSolution?](repeating: nil, count: alphas.count)
        var warnings: [ModelWarning] = []
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
                          nullObjective: nullObjective)
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

    /// Calls `body` with each α's index and predictions (regression: ŷ; classification: P(y = 1)) for expanded
    /// rows, one α at a time: memory is one prediction vector, never rows × α.
    ///
    /// A linear family's predictions are computed `linearPredictionGroup` α at a time, a block of rows at a time, so
    /// each block of the features is read from memory once per group rather than once per α; `linearPredictor` (what
    /// `predict` uses) is the same computation for one α, so the numbers are the same.
    func forEachPrediction(expanded data: Dataset, _ body: (Int, [Double]) -> Void) {
        let z = transform.apply(toExpanded: data)
        guard let link = family.linearPredictionLink else {
            for (k, solution) in path.solutions.enumerated() { body(k, family.predict(solution, z)) }
            return
        }
        let solutions = path.solutions
        var start = 0
        while start < solutions.count {
            let group = Array(solutions[start..<min(start + linearPredictionGroup, solutions.count)])
            let etas = linearPredictors(group, z)
            for (g, eta) in etas.enumerated() { body(start + g, eta.map(link)) }
            start += group.count
        }
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

/// How many α `TrainedPath.forEachPrediction` predicts together (memory: this many prediction vectors).
let linearPredictionGroup = 8

/// η = β₀ + Zβ of each solution for model-scale rows `z`, each η_i summed from the intercept over the nonzero
/// coefficients in feature order, computed a block of 256 rows at a time for all the solutions, so the block's
/// features stay in the cache.
func linearPredictors(_ solutions: [PathSolution], _ z: Dataset) -> [[Double]] {
    let n = z.rowCount, p = z.featureCount, block = 256
    var etas = solutions.map { [Double](repeating: $0.intercept, count: n) }
    let active = solutions.map { s in (0..<p).filter { s.coefficients[$0] != 0 } }
    z.x.withUnsafeBufferPointer { x in
        var lo = 0
        while lo < n {
            let hi = min(lo + block, n)
            for g in solutions.indices {
                let beta = solutions[g].coefficients
                etas[g].withUnsafeMutableBufferPointer { eta in
                    let e = eta.baseAddress! + lo, count = hi - lo
                    for j in active[g] {
                        let b = beta[j], column = x.baseAddress! + j * n + lo
                        for i in 0..<count { e[i] += b * column[i] }
                    }
                }
            }
            lo = hi
        }
    }
    return etas
}

/// η = β₀ + Zβ for model-scale rows `z`.
func linearPredictor(_ solution: PathSolution, _ z: Dataset) -> [Double] { linearPredictors([solution], z)[0] }

/// Fits the transform on `expanded` and the whole path at `alphas`; `validation` (expanded held-out rows, put through
/// the same transform) is handed to the family's solver.
func trainPath(expanded: Dataset, spec: ExperimentSpec, alphas: [Double], validation: Dataset? = nil) throws -> TrainedPath {
    let transform = FeatureTransform.fit(expanded, degree: spec.polynomialDegree, standardize: spec.standardize,
                                         keepConstantColumns: spec.keepsConstantColumns)
    return try trainPath(transformed: transform.apply(toExpanded: expanded), transform: transform, spec: spec,
                         alphas: alphas, validation: validation)
}

/// `trainPath` on rows `rows` of `expanded` (in that order), without copying them first: the transform is fitted on
/// those rows and applied while gathering them, so one copy of the rows exists instead of two.
func trainPath(expanded: Dataset, rows: [Int], spec: ExperimentSpec, alphas: [Double]) throws -> TrainedPath {
    let transform = FeatureTransform.fit(expanded, rows: rows, degree: spec.polynomialDegree,
                                         standardize: spec.standardize, keepConstantColumns: spec.keepsConstantColumns)
    return try trainPath(transformed: transform.apply(toExpanded: expanded, rows: rows), transform: transform,
                         spec: spec, alphas: alphas)
}

/// The path on rows already put through `transform` (`z`, on the model's scale).
func trainPath(transformed z: consuming Dataset, transform: FeatureTransform, spec: ExperimentSpec, alphas: [Double],
               validation: Dataset? = nil) throws -> TrainedPath {
    let path = try PathDriver.fit(spec.family, consume z, alphas: alphas, settings: spec.settings,
                                  validation: validation.map { transform.apply(toExpanded: $0) })
    return TrainedPath(transform: transform, path: path, family: spec.family)
}
