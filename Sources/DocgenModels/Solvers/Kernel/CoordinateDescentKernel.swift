/// The smooth part of a coordinate-descent problem, seen only through what one coordinate step needs.
///
/// Every solver in docgen minimizes, over some coefficients b, a quadratic model plus the elastic-net penalty:
///
///     ½ bᵀHb − cᵀb + λ1‖b‖₁ + (λ2/2)‖b‖²
///
/// (for least squares H = XᵀX/n and c = Xᵀy/n exactly; for logistic regression H and c come from the IRLS model
/// of the log-loss at the current point). Solvers differ only in how they keep the gradient c − Hb at hand:
/// a Gram matrix whose column is subtracted when a coefficient moves (covariance updates), or a residual from
/// which one inner product gives the gradient of one coordinate (residual updates). A `CoordinateModel` is one
/// such representation; `CoordinateDescent.sweep` is the one kernel that runs over all of them.
protocol CoordinateModel {
    /// H_kk, the curvature along coordinate k (≥ 0).
    func curvature(_ k: Int) -> Double
    /// (c − Hb)_k at the current b: minus the partial derivative of the smooth part.
    mutating func gradient(_ k: Int) -> Double
    /// Records that b_k has moved by `delta` (the new b_k is already stored), so later `gradient` calls see it.
    mutating func moved(_ k: Int, by delta: Double)
}

/// The coordinate-descent kernel: exact minimization along one coordinate at a time.
enum CoordinateDescent {
    /// One pass over `coordinates` (in that order), each set to its exact minimizer with the others fixed:
    ///
    ///     b_k ← S(g_k + H_kk b_k, λ1) / (H_kk + λ2),   S(z, t) = sign(z)·max(|z| − t, 0),
    ///
    /// where g_k = (c − Hb)_k. A coordinate with H_kk + λ2 = 0 (a zero column without ridge term) is left alone.
    /// With `nonNegative` (the constraint b ≥ 0, scikit-learn's `positive=True`) the exact minimizer over b_k ≥ 0 is
    /// the projection max(0, ·) of the unconstrained one: b_k ← max(g_k + H_kk b_k − λ1, 0) / (H_kk + λ2).
    ///
    /// - Returns: the decrease of the objective, Σ ½(H_kk + λ2)Δ_k² (exact for a quadratic model).
    @inline(__always)
    static func sweep<Model: CoordinateModel, Coordinates: Sequence<Int>>(
        _ model: inout Model, _ b: UnsafeMutablePointer<Double>, over coordinates: Coordinates,
        lambda1 l1: Double, lambda2 l2: Double, nonNegative: Bool = false) -> Double {
        var decrease = 0.0
        for k in coordinates {
            let hkk = model.curvature(k), a = hkk + l2
            if a <= 0 { continue }
            let old = b[k]
            let z = model.gradient(k) + hkk * old
            let new = (nonNegative ? max(z - l1, 0) : softThreshold(z, l1)) / a
            if new != old {
                let delta = new - old
                b[k] = new
                model.moved(k, by: delta)
                decrease += 0.5 * a * delta * delta
            }
        }
        return decrease
    }
}
