import CLapack

private func lapackChar(_ c: Unicode.Scalar) -> CChar { CChar(UInt8(ascii: c)) }

/// The ridge path from one symmetric eigendecomposition, valid for every α > 0:
/// β(α) = argmin (1/(2n))‖y − Xβ‖² + (α/2)‖β‖² = (XᵀX/n + αI)⁻¹ Xᵀy/n.
/// When n ≥ p it decomposes XᵀX/n = V Λ Vᵀ; when p > n it decomposes XXᵀ/n = U Λ Uᵀ and uses
/// β = Xᵀ U (Λ + αI)⁻¹ Uᵀ y / n (same solution, smaller matrix).
struct RidgeDecomposition {
    private let design: GaussianDesign
    private let primal: Bool
    private let vectors: [Double]   // k×k eigenvectors, column-major
    private let values: [Double]
    private let projected: [Double] // Vᵀ(Xᵀy/n) or Uᵀy

    /// Returns nil when LAPACK fails (should not happen for finite input).
    init?(_ d: GaussianDesign) {
        design = d
        primal = d.n >= d.p
        let k = primal ? d.p : d.n
        var a: [Double]
        if primal {
            a = d.gram()
        } else {
            a = [Double](repeating: 0, count: k * k)
            d.x.withUnsafeBufferPointer { xb in a.withUnsafeMutableBufferPointer { ab in
                cblas_dsyrk(CblasColMajor, CblasUpper, CblasNoTrans, Int32(k), Int32(d.p), 1 / Double(d.n),
                            xb.baseAddress, Int32(d.n), 0, ab.baseAddress, Int32(k))
            } }
        }
        var w = [Double](repeating: 0, count: k)
        if k > 0 {
            let info = LAPACKE_dsyevd(LAPACK_COL_MAJOR, lapackChar("V"), lapackChar("U"), Int32(k), &a, Int32(k), &w)
            if info != 0 { return nil }
        }
        vectors = a
        values = w.map { max($0, 0) }
        var proj = [Double](repeating: 0, count: k)
        let rhs = primal ? d.xty : d.y
        if k > 0 {
            a.withUnsafeBufferPointer { ab in rhs.withUnsafeBufferPointer { rb in proj.withUnsafeMutableBufferPointer { pb in
                cblas_dgemv(CblasColMajor, CblasTrans, Int32(k), Int32(k), 1, ab.baseAddress, Int32(k),
                            rb.baseAddress, 1, 0, pb.baseAddress, 1)
            } } }
        }
        projected = proj
    }

    /// Ridge coefficients at α > 0.
    func solve(alpha: Double) -> [Double] {
        let k = values.count, d = design
        var scaled = [Double](repeating: 0, count: k)
        for i in 0..<k { scaled[i] = projected[i] / (values[i] + alpha) }
        if !primal { for i in 0..<k { scaled[i] /= Double(d.n) } }
        var temp = [Double](repeating: 0, count: k)
        var beta = [Double](repeating: 0, count: d.p)
        guard k > 0 else { return beta }
        vectors.withUnsafeBufferPointer { vb in
            cblas_dgemv(CblasColMajor, CblasNoTrans, Int32(k), Int32(k), 1, vb.baseAddress, Int32(k),
                        scaled, 1, 0, &temp, 1)
        }
        if primal {
            beta = temp
        } else {
            d.x.withUnsafeBufferPointer { xb in
                cblas_dgemv(CblasColMajor, CblasTrans, Int32(d.n), Int32(d.p), 1, xb.baseAddress, Int32(d.n),
                            temp, 1, 0, &beta, 1)
            }
        }
        return beta
    }
}

/// Minimum-norm least-squares solution of min ‖y − Xβ‖² on the centered design (the α → 0 limit of ridge),
/// through LAPACK dgelsd (SVD). Singular values below 1e-12·σ_max count as zero. Returns nil if LAPACK fails.
func minimumNormLeastSquares(_ d: GaussianDesign) -> (beta: [Double], rank: Int)? {
    let n = d.n, p = d.p
    guard p > 0 else { return ([], 0) }
    var a = d.x
    let ldb = max(n, p)
    var b = [Double](repeating: 0, count: ldb)
    for i in 0..<n { b[i] = d.y[i] }
    var s = [Double](repeating: 0, count: min(n, p))
    var rank: Int32 = 0
    let info = LAPACKE_dgelsd(LAPACK_COL_MAJOR, Int32(n), Int32(p), 1, &a, Int32(n), &b, Int32(ldb), &s, 1e-12, &rank)
    guard info == 0 else { return nil }
    return (Array(b[0..<p]), Int(rank))
}

/// Residual quantities of β on a centered design, in 1/n units: (‖r‖²/n, yᵀr/n, Xᵀr/n).
func residualSummary(_ d: GaussianDesign, _ beta: [Double]) -> (rr: Double, yr: Double, g: [Double]) {
    let n = d.n, p = d.p
    var r = d.y
    var g = [Double](repeating: 0, count: p)
    guard n > 0 else { return (0, 0, g) }
    d.x.withUnsafeBufferPointer { xb in
        if p > 0 {
            cblas_dgemv(CblasColMajor, CblasNoTrans, Int32(n), Int32(p), -1, xb.baseAddress, Int32(n), beta, 1, 1, &r, 1)
            cblas_dgemv(CblasColMajor, CblasTrans, Int32(n), Int32(p), 1 / Double(n), xb.baseAddress, Int32(n), r, 1, 0, &g, 1)
        }
    }
    let rr = cblas_ddot(Int32(n), r, 1, r, 1) / Double(n)
    let yr = cblas_ddot(Int32(n), d.y, 1, r, 1) / Double(n)
    return (rr, yr, g)
}

/// Certified duality gap of β for the elastic-net objective at (α, ρ) on a centered design.
/// At α = 0 (least squares) it is |βᵀXᵀr|/n, which vanishes exactly at any least-squares solution.
func gaussianGap(_ d: GaussianDesign, _ beta: [Double], alpha: Double, l1Ratio rho: Double,
                 leastSquaresFloor q0: Double? = nil) -> Double {
    let (rr, yr, g) = residualSummary(d, beta)
    if alpha == 0 {
        var bg = 0.0
        for j in 0..<d.p { bg += beta[j] * g[j] }
        return abs(bg)
    }
    return g.withUnsafeBufferPointer { gb in beta.withUnsafeBufferPointer { bb in
        elasticNetGap(rr: rr, yr: yr, g: gb.baseAddress!, beta: bb.baseAddress!, indices: nil, count: d.p,
                      lambda1: rho * alpha, lambda2: (1 - rho) * alpha, leastSquaresFloor: q0).gap
    } }
}

/// ‖r_OLS‖²/n, the smallest possible value of ‖y − Xβ‖²/n (minimum-norm least squares through LAPACK), or nil.
func leastSquaresFloor(_ d: GaussianDesign) -> Double? {
    guard let (beta, _) = minimumNormLeastSquares(d) else { return nil }
    return residualSummary(d, beta).rr
}
