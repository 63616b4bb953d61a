/// Duality gap of the elastic-net problem
///     P(β) = ‖r‖²/(2n) + λ1‖β‖₁ + (λ2/2)‖β‖²,  r = y − Xβ (X, y centered),
/// from quantities already divided by n: `rr` = ‖r‖²/n, `yr` = yᵀr/n, `g` = Xᵀr/n.
///
/// Two dual points are tried and the better (larger) dual value is used, so the gap is a certified bound
/// on P(β) − P(β*):
/// - the residual scaled into the dual-feasible set of the lasso augmented with √(nλ2)·I rows
///   (s = min(1, λ1 / max_j |g_j − λ2 β_j|));
/// - for λ2 > 0, the residual itself with the conjugate of the penalty, Σ_j (|g_j| − λ1)₊² / (2λ2).
struct GapTerms {
    var primal: Double
    var gap: Double
}

func elasticNetGap(rr: Double, yr: Double, g: UnsafePointer<Double>, beta: UnsafePointer<Double>, indices: [Int]?,
                   count p: Int, lambda1: Double, lambda2: Double) -> GapTerms {
    var l1 = 0.0, l2sq = 0.0, maxU = 0.0, conj = 0.0
    func visit(_ j: Int) {
        let b = beta[j]
        l1 += abs(b); l2sq += b * b
        let u = abs(g[j] - lambda2 * b)
        if u > maxU { maxU = u }
        let excess = abs(g[j]) - lambda1
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
    return GapTerms(primal: primal, gap: max(primal - dual, 0))
}
