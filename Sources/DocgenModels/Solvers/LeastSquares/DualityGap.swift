/// Duality gap of the elastic-net problem
///     P(β) = ‖r‖²/(2n) + λ1‖β‖₁ + (λ2/2)‖β‖²,  r = y − Xβ (X, y centered),
/// from quantities already divided by n: `rr` = ‖r‖²/n, `yr` = yᵀr/n, `g` = Xᵀr/n.
///
/// Two dual points are tried and the better (larger) dual value is used, so the gap is a certified bound
/// on P(β) − P(β*):
/// - the residual scaled into the dual-feasible set of the lasso augmented with √(nλ2)·I rows
///   (s = min(1, λ1 / max_j |g_j − λ2 β_j|));
/// - for λ2 > 0, the residual itself with the conjugate of the penalty, Σ_j (|g_j| − λ1)₊² / (2λ2);
/// - when `leastSquaresFloor` q0 = ‖r_OLS‖²/n is known, the best point on the segment from the least-squares
///   residual to the scaled residual (this keeps the gap meaningful at α ≪ α_max, where the scaled residual alone
///   would need the gradient to 16 digits).
///
/// With `nonNegative` (β ≥ 0) the penalty per coefficient is λ1β_j + (λ2/2)β_j² on β_j ≥ 0 (+∞ below), whose
/// conjugate is (v − λ1)₊²/(2λ2): dual feasibility becomes one-sided, x_jᵀθ/n − λ2β_j ≤ λ1, so the scale is
/// s = min(1, λ1 / max_j (g_j − λ2 β_j)₊) and the conjugate term sums (g_j − λ1)₊². The least-squares residual
/// (Xᵀr0 = 0) stays feasible, so the floor's segment is unchanged.
struct GapTerms {
    var primal: Double
    var gap: Double
}

func elasticNetGap(rr: Double, yr: Double, g: UnsafePointer<Double>, beta: UnsafePointer<Double>, indices: [Int]?,
                   count p: Int, lambda1: Double, lambda2: Double, leastSquaresFloor q0: Double? = nil,
                   nonNegative: Bool = false) -> GapTerms {
    var l1 = 0.0, l2sq = 0.0, maxU = 0.0, conj = 0.0
    func visit(_ j: Int) {
        let b = beta[j]
        l1 += abs(b); l2sq += b * b
        let u = nonNegative ? g[j] - lambda2 * b : abs(g[j] - lambda2 * b)
        if u > maxU { maxU = u }
        let excess = (nonNegative ? g[j] : abs(g[j])) - lambda1
        if excess > 0 { conj += excess * excess }
    }
    if let indices { for j in indices { visit(j) } } else { for j in 0..<p { visit(j) } }
    let primal = 0.5 * rr + lambda1 * l1 + 0.5 * lambda2 * l2sq
    let s: Double
    if maxU <= lambda1 { s = 1 } else { s = lambda1 / maxU }
    var dual = s * yr - 0.5 * s * s * (rr + lambda2 * l2sq)
    if lambda2 > 0 {
        let d2 = yr - 0.5 * rr - conj / (2 * lambda2)
        if d2 > dual { dual = d2 }
    }
    if let q0 {
        // Segment from the least-squares residual r0 (Xᵀr0 = 0, so always feasible) to the residual:
        // θ(t) = r0 + t(r − r0), feasible for t ≤ s; D(t) = q0/2 + t(yr − q0) − t²(rr + λ2‖β‖² − q0)/2.
        let curvature = rr + lambda2 * l2sq - q0
        var t = curvature > 0 ? (yr - q0) / curvature : s
        t = min(max(t, 0), s)
        let d3 = 0.5 * q0 + t * (yr - q0) - 0.5 * t * t * curvature
        if d3 > dual { dual = d3 }
    }
    return GapTerms(primal: primal, gap: max(primal - dual, 0))
}
