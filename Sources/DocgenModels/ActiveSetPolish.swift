import CLapack

/// Active-set Newton step for the elastic net.
///
/// With the support A and the signs s of the current β fixed, the objective restricted to that orthant face is the
/// quadratic ½βᵀ(G_AA + λ2 I)β − (c_A − λ1 s)ᵀβ, minimized by b = (G_AA + λ2 I)⁻¹(c_A − λ1 s) (Cholesky, LAPACK
/// dposv). Moving from β_A toward b decreases the objective as long as no sign flips, so the step is cut at the first
/// zero crossing (that coefficient becomes exactly 0). When the support and signs are right (the usual case once
/// coordinate descent has found them) this lands on the exact solution, which is what makes the duality gap reach
/// 1e-7 quickly even on strongly correlated designs where plain coordinate descent converges slowly.
///
/// - Parameters:
///   - gramAA: G restricted to A (m×m column-major, G = XᵀX/n); overwritten.
///   - rhsBase: c_A = X_Aᵀy/n.
///   - current: β_A (all nonzero).
/// - Returns: the new β_A (some entries may be exactly 0), or nil when the system is not positive definite.
func activeSetNewtonStep(gramAA: inout [Double], m: Int, rhsBase: [Double], current: [Double],
                         lambda1: Double, lambda2: Double) -> [Double]? {
    guard m > 0 else { return nil }
    var rhs = [Double](repeating: 0, count: m)
    for k in 0..<m {
        rhs[k] = rhsBase[k] - lambda1 * (current[k] > 0 ? 1 : -1)
        gramAA[k * m + k] += lambda2
    }
    let info = LAPACKE_dposv(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "U")), Int32(m), 1, &gramAA, Int32(m), &rhs, Int32(m))
    guard info == 0, rhs.allSatisfy({ $0.isFinite }) else { return nil }
    var t = 1.0, blocking = -1
    for k in 0..<m where (rhs[k] > 0) != (current[k] > 0) || rhs[k] == 0 {
        let crossing = current[k] / (current[k] - rhs[k])
        if crossing < t { t = crossing; blocking = k }
    }
    var next = [Double](repeating: 0, count: m)
    for k in 0..<m { next[k] = current[k] + t * (rhs[k] - current[k]) }
    if blocking >= 0 { next[blocking] = 0 }
    for k in 0..<m where next[k] != 0 && (next[k] > 0) != (current[k] > 0) { next[k] = 0 }
    return next
}
