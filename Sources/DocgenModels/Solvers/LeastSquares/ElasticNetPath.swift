/// One solution along a least-squares path: coefficients on the design's scale, certified duality gap, sweeps used.
struct PathPoint: Sendable {
    var beta: [Double]
    var gap: Double
    var sweeps: Int
    var converged: Bool
}

/// Warm-started elastic-net coordinate descent along a path of decreasing α (> 0, l1 ratio ρ > 0).
///
/// Minimizes (1/(2n))‖y − Xβ‖² + λ1‖β‖₁ + (λ2/2)‖β‖² with λ1 = ρα, λ2 = (1 − ρ)α on a centered design, stopping
/// when the duality gap (see `elasticNetGap`) is ≤ `gapTolerance` (absolute). Three ways to keep the gradient,
/// chosen by the shape of the design, all running the one kernel `CoordinateDescent.sweep`:
/// - covariance updates (n > p and p ≤ 4000, or a design made from moments): the Gram matrix via BLAS once, the
///   gradient kept up to date with daxpy (`CovariancePathState`);
/// - otherwise a working set (sequential strong rule + KKT check on all features) with a lazily built Gram
///   (`WorkingSetPathState`), which hands over to residual updates (`ResidualPathState`) if the working set
///   would grow past 3000 features.
/// Each adds an active-set Newton step once the signs settle (`activeSetNewtonStep`). With `nonNegative` the
/// coefficients are constrained to β ≥ 0 (scikit-learn's `positive=True`) in all three.
struct ElasticNetPathState {
    private enum Strategy {
        case covariance(CovariancePathState)
        case workingSet(WorkingSetPathState)
        case residual(ResidualPathState)
    }
    private var strategy: Strategy

    /// - Parameter leastSquaresFloor: ‖r_OLS‖²/n when known, which keeps the gap meaningful far below α_max.
    init(_ d: GaussianDesign, l1Ratio rho: Double, gapTolerance tol: Double, maxSweeps: Int,
         forceResidualUpdates: Bool = false, leastSquaresFloor q0: Double? = nil, nonNegative: Bool = false) {
        if forceResidualUpdates {
            strategy = .residual(ResidualPathState(d, rho: rho, tol: tol, maxSweeps: maxSweeps, leastSquaresFloor: q0,
                                                   nonNegative: nonNegative))
        } else if !d.hasRows || (d.n > d.p && d.p <= 4000) {
            strategy = .covariance(CovariancePathState(d, rho: rho, tol: tol, maxSweeps: maxSweeps, leastSquaresFloor: q0,
                                                       nonNegative: nonNegative))
        } else {
            strategy = .workingSet(WorkingSetPathState(d, rho: rho, tol: tol, maxSweeps: maxSweeps, leastSquaresFloor: q0,
                                                       nonNegative: nonNegative))
        }
    }

    /// Solves at α (smaller than every α solved before), warm-started from the last solution.
    mutating func solve(alpha: Double) -> PathPoint {
        switch strategy {
        case var .covariance(state):
            let point = state.solve(alpha: alpha)
            strategy = .covariance(state)
            return point
        case var .workingSet(state):
            let point = state.solve(alpha: alpha)
            strategy = .workingSet(state)
            return point
        case var .residual(state):
            let point = state.solve(alpha: alpha)
            strategy = .residual(state)
            return point
        }
    }
}

/// The whole path at once, in the order given (which must be decreasing).
func elasticNetPath(_ d: GaussianDesign, alphasDescending alphas: [Double], l1Ratio rho: Double,
                    gapTolerance tol: Double, maxSweeps: Int, forceNaive: Bool = false,
                    leastSquaresFloor q0: Double? = nil, nonNegative: Bool = false) -> [PathPoint] {
    var state = ElasticNetPathState(d, l1Ratio: rho, gapTolerance: tol, maxSweeps: maxSweeps,
                                    forceResidualUpdates: forceNaive, leastSquaresFloor: q0, nonNegative: nonNegative)
    return alphas.map { state.solve(alpha: $0) }
}

/// Covariance updates on the full Gram matrix, for n > p: G = XᵀX/n once (dsyrk), then `covarianceSolve` per α
/// from the previous β and its gradient c − Gβ.
struct CovariancePathState {
    let design: GaussianDesign
    let rho: Double, tol: Double, maxSweeps: Int
    let leastSquaresFloor: Double?
    let nonNegative: Bool
    private let gram: [Double]
    private var beta: [Double]
    private var gradient: [Double]

    init(_ d: GaussianDesign, rho: Double, tol: Double, maxSweeps: Int, leastSquaresFloor: Double?,
         nonNegative: Bool = false) {
        design = d; self.rho = rho; self.tol = tol; self.maxSweeps = maxSweeps
        self.leastSquaresFloor = leastSquaresFloor; self.nonNegative = nonNegative
        gram = d.gram()
        beta = [Double](repeating: 0, count: d.p)
        gradient = d.xty                       // c − Gβ at β = 0
    }

    mutating func solve(alpha: Double) -> PathPoint {
        let p = design.p, yy = design.yy, floor = leastSquaresFloor, nonNegative = self.nonNegative
        let (l1, l2) = (rho * alpha, (1 - rho) * alpha)
        let (tol, budget) = (self.tol, maxSweeps)
        let (sweeps, gap) = gram.withUnsafeBufferPointer { G in design.xty.withUnsafeBufferPointer { C in
            gradient.withUnsafeMutableBufferPointer { Gr in beta.withUnsafeMutableBufferPointer { B in
                covarianceSolve(m: p, ld: p, gram: G.baseAddress!, c: C.baseAddress!, grad: Gr.baseAddress!,
                                beta: B.baseAddress!, yy: yy, lambda1: l1, lambda2: l2, tol: tol,
                                sweepBudget: budget, leastSquaresFloor: floor, nonNegative: nonNegative)
            } }
        } }
        return PathPoint(beta: beta, gap: gap, sweeps: sweeps, converged: gap <= tol)
    }
}
