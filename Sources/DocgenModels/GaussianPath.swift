/// Coefficients along a path, in the caller's α order, on the design's feature scale.
struct FittedPath: Sendable {
    var coefficients: [[Double]]
    var intercepts: [Double]
    var gaps: [Double]
    var warnings: [ModelWarning]
    /// Objective at β = 0 with the best intercept; the stopping rule is gap ≤ tolerance × this.
    var nullObjective: Double
}

/// Permutation putting α in decreasing order (stable), the order in which paths are solved.
func decreasingOrder(_ alphas: [Double]) -> [Int] {
    alphas.indices.sorted { alphas[$0] > alphas[$1] || (alphas[$0] == alphas[$1] && $0 < $1) }
}

/// Fits (1/(2n))‖y − β₀ − Xβ‖² + α(ρ‖β‖₁ + (1−ρ)/2‖β‖²) for every α:
/// α = 0 by minimum-norm least squares (SVD), ρ = 0 by one eigendecomposition, otherwise warm-started
/// coordinate descent in decreasing α with a duality-gap stop (gap ≤ tolerance × null objective).
func fitGaussianPath(_ d: GaussianDesign, alphas: [Double], l1Ratio rho: Double, tolerance: Double,
                     maxIterations: Int) throws -> FittedPath {
    let m = alphas.count
    var coefficients = [[Double]](repeating: [], count: m)
    var gaps = [Double](repeating: 0, count: m)
    var warnings: [ModelWarning] = []
    let gapTolerance = tolerance * d.nullObjective
    let order = decreasingOrder(alphas)
    let zeroIndices = order.filter { alphas[$0] == 0 }
    let positive = order.filter { alphas[$0] > 0 }
    if !zeroIndices.isEmpty {
        guard let (beta, rank) = minimumNormLeastSquares(d) else {
            throw ModelError(key: "alphas", message: "least squares at alpha = 0 failed in LAPACK (dgelsd)")
        }
        let effectiveColumns = d.diag.filter { $0 > 0 }.count
        if rank < effectiveColumns {
            warnings.append(ModelWarning(kind: .rankDeficient,
                message: "at alpha = 0 (ordinary least squares) the features have rank \(rank) < \(effectiveColumns) "
                    + "non-constant columns; the minimum-norm solution is reported", alpha: 0, key: "alphas"))
        }
        let gap = gaussianGap(d, beta, alpha: 0, l1Ratio: rho)
        for i in zeroIndices { coefficients[i] = beta; gaps[i] = gap }
    }
    if !positive.isEmpty {
        if rho == 0 {
            guard let ridge = RidgeDecomposition(d) else {
                throw ModelError(key: "alphas", message: "ridge eigendecomposition failed in LAPACK (dsyevd)")
            }
            for i in positive {
                let beta = ridge.solve(alpha: alphas[i])
                coefficients[i] = beta
                gaps[i] = gaussianGap(d, beta, alpha: alphas[i], l1Ratio: 0)
            }
        } else {
            // Far below α_max the plain dual point is useless numerically; the least-squares floor fixes that.
            // Compute it up front when such α are requested, otherwise only if some α fails to certify.
            var floor: Double? = nil
            let smallest = positive.map { alphas[$0] }.min() ?? 0
            if smallest < 1e-4 * d.alphaMax(l1Ratio: rho) { floor = leastSquaresFloor(d) }
            var points = elasticNetPath(d, alphasDescending: positive.map { alphas[$0] }, l1Ratio: rho,
                                        gapTolerance: gapTolerance, maxSweeps: maxIterations, leastSquaresFloor: floor)
            if floor == nil, points.contains(where: { !$0.converged }), let q0 = leastSquaresFloor(d) {
                for k in points.indices where !points[k].converged {
                    points[k].gap = gaussianGap(d, points[k].beta, alpha: alphas[positive[k]], l1Ratio: rho,
                                                leastSquaresFloor: q0)
                    points[k].converged = points[k].gap <= gapTolerance
                }
            }
            for (k, i) in positive.enumerated() {
                coefficients[i] = points[k].beta
                gaps[i] = points[k].gap
                if !points[k].converged {
                    warnings.append(ModelWarning(kind: .notConverged,
                        message: "coordinate descent did not converge at alpha = \(alphas[i]) within \(maxIterations) "
                            + "sweeps: duality gap \(points[k].gap) > \(gapTolerance) (tolerance × null objective)"
                            + (alphas[i] < 1e-4 * d.alphaMax(l1Ratio: rho)
                               ? "; far below alpha_max on nearly collinear features the gap is limited by rounding" : ""),
                        alpha: alphas[i], gap: points[k].gap, key: "max_iterations"))
                }
            }
        }
    }
    return FittedPath(coefficients: coefficients, intercepts: coefficients.map { d.intercept($0) }, gaps: gaps,
                      warnings: warnings, nullObjective: d.nullObjective)
}

/// ‖r_OLS‖²/n, the smallest possible value of ‖y − Xβ‖²/n (minimum-norm least squares through LAPACK), or nil.
func leastSquaresFloor(_ d: GaussianDesign) -> Double? {
    guard let (beta, _) = minimumNormLeastSquares(d) else { return nil }
    return residualSummary(d, beta).rr
}
