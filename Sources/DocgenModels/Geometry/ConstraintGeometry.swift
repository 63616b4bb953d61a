import Foundation

/// The shape of the coefficient budget in a constrained fit.
public enum ConstraintBall: Sendable, Equatable {
    /// ‖β‖₁ ≤ t (lasso).
    case l1
    /// ‖β‖₂ ≤ t (ridge).
    case l2
    /// ρ‖β‖₁ + (1 − ρ)/2 ‖β‖₂² ≤ t (the elastic-net penalty as a budget).
    case elasticNet(l1Ratio: Double)

    var l1Ratio: Double {
        switch self { case .l1: return 1; case .l2: return 0; case .elasticNet(let r): return r }
    }

    /// The size of β measured by this ball.
    public func size(_ beta: [Double]) -> Double {
        let l1 = beta.reduce(0) { $0 + abs($1) }, sq = beta.reduce(0) { $0 + $1 * $1 }
        switch self {
        case .l1: return l1
        case .l2: return sq.squareRoot()
        case .elasticNet(let r): return r * l1 + (1 - r) / 2 * sq
        }
    }
}

/// A constrained solution: β on the standardized scale, the penalty α whose penalized solution it is
/// (0 when the budget does not bind), and its size in the ball's measure.
public struct ConstrainedSolution: Sendable, Equatable {
    public var beta: [Double]
    public var alpha: Double
    public var size: Double
}

/// Quantities of a least-squares problem that a constraint-geometry figure needs, on the standardized (mean 0,
/// sd 1 with 1/n) and centered scale: loss(β) = (1/(2n))‖y − ȳ − Xβ‖² = ½βᵀGβ − cᵀβ + yy/2 with G = XᵀX/n,
/// c = Xᵀ(y − ȳ)/n, yy = ‖y − ȳ‖²/n.
public struct LeastSquaresGeometry: Sendable {
    public let featureNames: [String]
    /// G = XᵀX/n as rows (`gram[j][k]`).
    public let gram: [[Double]]
    /// c = Xᵀ(y − ȳ)/n.
    public let xty: [Double]
    /// ‖y − ȳ‖²/n.
    public let yy: Double
    /// Unconstrained least-squares solution (minimum norm when G is singular).
    public let olsCoefficients: [Double]
    private let design: GaussianDesign

    /// Builds the geometry from raw data (standardized here when `standardize`; always centered).
    public init(data: Dataset, standardize: Bool = true) throws {
        try checkHasFeatures(data)
        guard data.rowCount >= 2 else {
            throw DataError(kind: .tooFewRows, message: "the data has \(data.rowCount) rows; at least 2 are needed", key: "data")
        }
        let transform = FeatureTransform.fit(data, degree: nil, standardize: standardize)
        let z = transform.apply(toExpanded: data)
        design = GaussianDesign(n: z.rowCount, p: z.featureCount, x: z.x, y: z.y)
        featureNames = data.featureNames
        let g = design.gram(), p = design.p
        gram = (0..<p).map { j in (0..<p).map { k in g[k * p + j] } }
        xty = design.xty
        yy = design.yy
        guard let ols = minimumNormLeastSquares(design) else {
            throw ModelError(key: "experiment", message: "least squares failed in LAPACK")
        }
        olsCoefficients = ols.beta
    }

    /// loss(β) = (1/(2n))‖y − ȳ − Xβ‖².
    public func loss(_ beta: [Double]) -> Double {
        var quad = 0.0, lin = 0.0
        for j in beta.indices {
            lin += xty[j] * beta[j]
            for k in beta.indices { quad += beta[j] * gram[j][k] * beta[k] }
        }
        return 0.5 * quad - lin + 0.5 * yy
    }

    /// Penalized solution at α ≥ 0 with l1 ratio ρ (duality gap ≤ 1e-12 × null objective).
    public func penalizedSolution(alpha: Double, l1Ratio rho: Double) throws -> [Double] {
        guard alpha >= 0, alpha.isFinite else { throw ModelError(key: "alpha", message: "alpha must be ≥ 0, got \(alpha)") }
        guard rho >= 0, rho <= 1 else { throw ModelError(key: "l1_ratio", message: "l1_ratio must be in [0, 1], got \(rho)") }
        var solver = try LeastSquaresPathSolver(design, alphas: [alpha], l1Ratio: rho,
                                                settings: SolverSettings(tolerance: 1e-12, maxIterations: 100_000))
        return solver.solve(alpha: alpha).coefficients
    }

    /// Solves min loss(β) subject to size(β) ≤ `budget` by bisection (in log α) on the penalized path, whose size
    /// decreases monotonically in α. When the budget exceeds the size of the least-squares solution the constraint
    /// does not bind and α = 0 is returned. Relative accuracy of the size: 1e-10.
    public func constrainedSolution(budget: Double, ball: ConstraintBall) throws -> ConstrainedSolution {
        guard budget >= 0, budget.isFinite else {
            throw ModelError(key: "budget", message: "budget must be a finite number ≥ 0, got \(budget)")
        }
        let rho = ball.l1Ratio
        guard rho >= 0, rho <= 1 else { throw ModelError(key: "l1_ratio", message: "l1_ratio must be in [0, 1], got \(rho)") }
        let olsSize = ball.size(olsCoefficients)
        if budget >= olsSize { return ConstrainedSolution(beta: olsCoefficients, alpha: 0, size: olsSize) }
        if budget == 0 { return ConstrainedSolution(beta: [Double](repeating: 0, count: design.p), alpha: .infinity, size: 0) }
        // Bracket: size(hi) ≤ budget < size(lo).
        var hi = max(design.alphaMax(l1Ratio: max(rho, 1e-3)), 1e-12)
        while ball.size(try penalizedSolution(alpha: hi, l1Ratio: rho)) > budget { hi *= 10 }
        var lo = hi
        var loBeta = try penalizedSolution(alpha: lo, l1Ratio: rho)
        while ball.size(loBeta) <= budget && lo > 1e-300 { lo /= 10; loBeta = try penalizedSolution(alpha: lo, l1Ratio: rho) }
        var best = try penalizedSolution(alpha: hi, l1Ratio: rho)
        var bestAlpha = hi
        for _ in 0..<200 {
            let mid = (lo * hi).squareRoot()
            let beta = try penalizedSolution(alpha: mid, l1Ratio: rho)
            let s = ball.size(beta)
            if s > budget { lo = mid } else { hi = mid; best = beta; bestAlpha = mid }
            if abs(s - budget) <= 1e-10 * budget || hi / lo - 1 < 1e-14 { break }
        }
        return ConstrainedSolution(beta: best, alpha: bestAlpha, size: ball.size(best))
    }
}
