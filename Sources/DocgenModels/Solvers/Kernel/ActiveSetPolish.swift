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
    activeSetNewtonTarget(gramAA: &gramAA, m: m, rhsBase: rhsBase, current: current, lambda1: lambda1,
                          lambda2: lambda2)?.clipped
}

/// Like `activeSetNewtonStep` but also returns the unclipped orthant minimizer `target` (whose signs may differ).
func activeSetNewtonTarget(gramAA: inout [Double], m: Int, rhsBase: [Double], current: [Double],
                           lambda1: Double, lambda2: Double) -> (target: [Double], clipped: [Double])? {
    guard m > 0 else { return nil }
    var rhs = [Double](repeating: 0, count: m)
    for k in 0..<m {
        rhs[k] = rhsBase[k] - lambda1 * (current[k] > 0 ? 1 : -1)
        gramAA[k * m + k] += lambda2
    }
    let saved = gramAA
    let info = docgen_LAPACKE_dposv(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "U")), Int32(m), 1, &gramAA, Int32(m), &rhs, Int32(m))
    if info != 0 || !rhs.allSatisfy({ $0.isFinite }) {
        // Numerically singular (collinear support): minimum-norm solve through the eigendecomposition, dropping
        // directions with eigenvalues below 1e-13 of the largest.
        guard let solved = pseudoInverseSolve(saved, m: m, rhs: (0..<m).map { rhsBase[$0] - lambda1 * (current[$0] > 0 ? 1 : -1) })
        else { return nil }
        rhs = solved
    }
    var t = 1.0, blocking = -1
    for k in 0..<m where (rhs[k] > 0) != (current[k] > 0) || rhs[k] == 0 {
        let crossing = current[k] / (current[k] - rhs[k])
        if crossing < t { t = crossing; blocking = k }
    }
    var next = [Double](repeating: 0, count: m)
    for k in 0..<m { next[k] = current[k] + t * (rhs[k] - current[k]) }
    if blocking >= 0 { next[blocking] = 0 }
    for k in 0..<m where next[k] != 0 && (next[k] > 0) != (current[k] > 0) { next[k] = 0 }
    return (rhs, next)
}

/// Solves A x = b for symmetric positive semi-definite A (m×m, column-major) by eigendecomposition, ignoring
/// eigenvalues ≤ 1e-13 · λ_max (minimum-norm solution on the well-determined subspace).
func pseudoInverseSolve(_ a: [Double], m: Int, rhs: [Double]) -> [Double]? {
    var v = a
    var w = [Double](repeating: 0, count: m)
    guard docgen_LAPACKE_dsyevd(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "V")), CChar(UInt8(ascii: "U")), Int32(m), &v, Int32(m), &w) == 0
    else { return nil }
    let cutoff = 1e-13 * (w.max() ?? 0)
    var x = [Double](repeating: 0, count: m)
    for k in 0..<m where w[k] > cutoff {
        var proj = 0.0
        for i in 0..<m { proj += v[k * m + i] * rhs[i] }
        proj /= w[k]
        for i in 0..<m { x[i] += proj * v[k * m + i] }
    }
    return x.allSatisfy { $0.isFinite } ? x : nil
}
