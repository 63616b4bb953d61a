import CLapack

private func lapackChar(_ c: Unicode.Scalar) -> CChar { CChar(UInt8(ascii: c)) }

/// The ridge path from one singular value decomposition of the design, valid for every α > 0:
/// β(α) = argmin (1/(2n))‖y − Xβ‖² + (α/2)‖β‖² = (XᵀX + nαI)⁻¹Xᵀy. With the thin SVD X = U S Vᵀ (LAPACK dgesdd,
/// k = min(n, p) singular values) this is β = V diag(s_i / (s_i² + nα)) Uᵀy, the way scikit-learn's
/// `Ridge(solver="svd")` computes it. Working on X rather than on XᵀX keeps the condition number from being squared:
/// on a Hilbert matrix (condition 10¹³) the Gram matrix's small eigenvalues are lost in rounding, the SVD's are not.
struct RidgeDecomposition {
    private let n: Int, p: Int, k: Int
    /// Vᵀ, k×p column-major.
    private let vt: [Double]
    private let values: [Double]
    /// Uᵀy.
    private let projected: [Double]

    /// Returns nil when LAPACK fails (should not happen for finite input).
    init?(_ d: GaussianDesign) {
        let n = d.n, p = d.p, k = min(d.n, d.p)
        self.n = n; self.p = p; self.k = k
        var a = d.x
        var s = [Double](repeating: 0, count: k)
        var u = [Double](repeating: 0, count: n * k)
        var vt = [Double](repeating: 0, count: k * p)
        if k > 0 {
            let info = docgen_LAPACKE_dgesdd(LAPACK_COL_MAJOR, lapackChar("S"), Int32(n), Int32(p), &a, Int32(n), &s, &u, Int32(n),
                                      &vt, Int32(k))
            if info != 0 { return nil }
        }
        var proj = [Double](repeating: 0, count: k)
        if k > 0 {
            u.withUnsafeBufferPointer { ub in d.y.withUnsafeBufferPointer { yb in proj.withUnsafeMutableBufferPointer { pb in
                docgen_cblas_dgemv(CblasColMajor, CblasTrans, Int32(n), Int32(k), 1, ub.baseAddress, Int32(n),
                            yb.baseAddress, 1, 0, pb.baseAddress, 1)
            } } }
        }
        self.vt = vt
        values = s
        projected = proj
    }

    /// Ridge coefficients at α > 0.
    func solve(alpha: Double) -> [Double] {
        var beta = [Double](repeating: 0, count: p)
        guard k > 0 else { return beta }
        let shift = Double(n) * alpha
        var scaled = [Double](repeating: 0, count: k)
        for i in 0..<k where values[i] > 0 { scaled[i] = values[i] * projected[i] / (values[i] * values[i] + shift) }
        vt.withUnsafeBufferPointer { vb in
            docgen_cblas_dgemv(CblasColMajor, CblasTrans, Int32(k), Int32(p), 1, vb.baseAddress, Int32(k), scaled, 1, 0, &beta, 1)
        }
        return beta
    }
}

/// Minimum-norm least-squares solution of min ‖y − Xβ‖² on the design (centered when it fits an intercept; the
/// α → 0 limit of ridge), through LAPACK dgelsd (SVD). Singular values below `cutoff`·σ_max count as zero (scikit-learn's
/// `LinearRegression` uses its `tol`, 1e-6 by default, the same way through scipy's gelsd). Returns nil if LAPACK fails.
func minimumNormLeastSquares(_ d: GaussianDesign, cutoff: Double = 1e-12) -> (beta: [Double], rank: Int)? {
    let n = d.n, p = d.p
    guard p > 0 else { return ([], 0) }
    var a = d.x
    let ldb = max(n, p)
    var b = [Double](repeating: 0, count: ldb)
    for i in 0..<n { b[i] = d.y[i] }
    var s = [Double](repeating: 0, count: min(n, p))
    var rank: Int32 = 0
    let info = docgen_LAPACKE_dgelsd(LAPACK_COL_MAJOR, Int32(n), Int32(p), 1, &a, Int32(n), &b, Int32(ldb), &s, cutoff, &rank)
    guard info == 0 else { return nil }
    return (Array(b[0..<p]), Int(rank))
}

/// Residual quantities of β on a centered design, in 1/n units: (‖r‖²/n, yᵀr/n, Xᵀr/n).
///
/// For a design made from moments the same quantities come from the Gram matrix: g = Xᵀy/n − Gβ, yᵀr/n = yy − βᵀXᵀy/n
/// and ‖r‖²/n = yᵀr/n − βᵀg.
func residualSummary(_ d: GaussianDesign, _ beta: [Double]) -> (rr: Double, yr: Double, g: [Double]) {
    let n = d.n, p = d.p
    guard d.hasRows else {
        let gram = d.gram()
        var g = d.xty, bc = 0.0, bg = 0.0
        for k in 0..<p where beta[k] != 0 {
            for j in 0..<p { g[j] -= gram[k * p + j] * beta[k] }
        }
        for j in 0..<p { bc += beta[j] * d.xty[j] }
        for j in 0..<p { bg += beta[j] * g[j] }
        return (d.yy - bc - bg, d.yy - bc, g)
    }
    var r = d.y
    var g = [Double](repeating: 0, count: p)
    guard n > 0 else { return (0, 0, g) }
    d.x.withUnsafeBufferPointer { xb in
        if p > 0 {
            docgen_cblas_dgemv(CblasColMajor, CblasNoTrans, Int32(n), Int32(p), -1, xb.baseAddress, Int32(n), beta, 1, 1, &r, 1)
            docgen_cblas_dgemv(CblasColMajor, CblasTrans, Int32(n), Int32(p), 1 / Double(n), xb.baseAddress, Int32(n), r, 1, 0, &g, 1)
        }
    }
    let rr = docgen_cblas_ddot(Int32(n), r, 1, r, 1) / Double(n)
    let yr = docgen_cblas_ddot(Int32(n), d.y, 1, r, 1) / Double(n)
    return (rr, yr, g)
}

/// Certified duality gap of β for the elastic-net objective at (α, ρ) on the design (centered when it fits an
/// intercept), with β ≥ 0 when `nonNegative`.
/// At α = 0 (least squares) it is |βᵀXᵀr|/n, which vanishes exactly at any least-squares solution.
func gaussianGap(_ d: GaussianDesign, _ beta: [Double], alpha: Double, l1Ratio rho: Double,
                 leastSquaresFloor q0: Double? = nil, nonNegative: Bool = false) -> Double {
    let (rr, yr, g) = residualSummary(d, beta)
    if alpha == 0 {
        var bg = 0.0
        for j in 0..<d.p { bg += beta[j] * g[j] }
        return abs(bg)
    }
    return g.withUnsafeBufferPointer { gb in beta.withUnsafeBufferPointer { bb in
        elasticNetGap(rr: rr, yr: yr, g: gb.baseAddress!, beta: bb.baseAddress!, indices: nil, count: d.p,
                      lambda1: rho * alpha, lambda2: (1 - rho) * alpha, leastSquaresFloor: q0,
                      nonNegative: nonNegative).gap
    } }
}

/// ‖r_OLS‖²/n, the smallest possible value of ‖y − Xβ‖²/n (minimum-norm least squares through LAPACK), or nil.
func leastSquaresFloor(_ d: GaussianDesign) -> Double? {
    guard let (beta, _) = minimumNormLeastSquares(d) else { return nil }
    return residualSummary(d, beta).rr
}
