import Foundation

/// Penalized logistic regression along a path of α (see `ModelKind` for the objective), on transformed features
/// (not centered: the intercept is fitted explicitly and never penalized).
///
/// Method: proximal Newton. Each outer step builds the weighted least-squares model of the log-loss at the
/// current point (IRLS weights p(1 − p)), minimizes it plus the penalty by coordinate descent (intercept included;
/// once the support settles, an exact solve on it), then backtracks along the step until the objective decreases
/// sufficiently. A working set (sequential strong rule plus active features) is enlarged by a KKT check on all
/// features. Each α starts from a linear prediction through the previous two solutions when that lowers the
/// objective, else from the previous solution. Stop: certified duality gap over all features (see `logisticGap`),
/// checked before every Newton step, ≤ tolerance × null objective (the log-loss of the intercept-only model); the
/// intercept is then polished (1-D Newton) and the point certified again. At α = 0 no bounded dual
/// exists, so the reported gap is the Newton-decrement estimate ½ gᵀH⁻¹g (not certified); separable classes then
/// have no solution and produce a warning.
func fitLogisticPath(_ z: Dataset, alphas: [Double], l1Ratio rho: Double, tolerance: Double,
                     maxIterations: Int) throws -> FittedPath {
    let n = z.rowCount
    let ybar = z.y.reduce(0, +) / Double(n)
    let nullObjective = binaryEntropy(ybar)
    let gapTolerance = tolerance * nullObjective
    var solver = LogisticSolver(z: z, initialIntercept: log(ybar / (1 - ybar)))
    var previousL1 = rho * alphaMax(transformed: z, l1Ratio: rho)
    let m = alphas.count
    var coefficients = [[Double]](repeating: [], count: m)
    var intercepts = [Double](repeating: 0, count: m), gaps = [Double](repeating: 0, count: m)
    var warnings: [ModelWarning] = []
    var older: (alpha: Double, beta: [Double], intercept: Double)? = nil
    var last: (alpha: Double, beta: [Double], intercept: Double)? = nil
    for k in decreasingOrder(alphas) {
        let alpha = alphas[k]
        let l1 = rho * alpha, l2 = (1 - rho) * alpha
        // Warm start from a linear prediction along log α through the last two solutions.
        if let older, let last, alpha > 0, alpha < last.alpha, last.alpha < older.alpha {
            let ratio = log(last.alpha / alpha) / log(older.alpha / last.alpha)
            solver.extrapolate(previousBeta: older.beta, previousIntercept: older.intercept, ratio: min(ratio, 1),
                               lambda1: l1, lambda2: l2)
        }
        let outcome = solver.solve(lambda1: l1, lambda2: l2, previousLambda1: previousL1, gapTolerance: gapTolerance,
                                   maxIterations: maxIterations)
        previousL1 = l1
        older = last
        last = (alpha, solver.beta, solver.intercept)
        coefficients[k] = solver.beta
        intercepts[k] = solver.intercept
        gaps[k] = outcome.gap
        if !outcome.converged {
            let separable = solver.trainingLossBelow(1e-6)
            warnings.append(ModelWarning(kind: separable ? .separableClasses : .notConverged,
                message: "logistic regression did not converge at alpha = \(alpha) within \(maxIterations) iterations: "
                    + "duality gap \(outcome.gap) > \(gapTolerance)"
                    + (separable ? " (the classes look separable; increase alpha)" : ""),
                alpha: alpha, gap: outcome.gap, key: separable ? "alphas" : "max_iterations"))
        } else if alpha == 0 && solver.trainingLossBelow(1e-6) {
            warnings.append(ModelWarning(kind: .separableClasses,
                message: "at alpha = 0 the classes are (nearly) separable: the unpenalized fit has no finite optimum",
                alpha: 0, gap: outcome.gap, key: "alphas"))
        }
    }
    return FittedPath(coefficients: coefficients, intercepts: intercepts, gaps: gaps, warnings: warnings,
                      nullObjective: nullObjective)
}
