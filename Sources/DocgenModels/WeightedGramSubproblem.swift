import CLapack

/// Solves the proximal-Newton subproblem of logistic regression with covariance (Gram) updates:
///
///     min over (b₀, b_S)  (1/(2n)) Σ_i w_i (ζ_i − b₀ − x_iᵀb)² + λ1‖b‖₁ + (λ2/2)‖b‖²
///
/// where only the features in `features` may change and ζ is the IRLS working response. The intercept is profiled
/// out by weighted centering, so coordinate descent runs on H = X̃ᵀWX̃/n (built once with BLAS dsyrk) and keeps the
/// gradient up to date with daxpy: O(|S|) per coordinate instead of O(n).
///
/// - Parameters:
///   - q: weighted residual w ∘ (ζ − β₀ − Xβ) at the start point (for IRLS this is y − p).
/// - Returns: new coefficients (entries outside `features` unchanged), new intercept, sweeps used.
func weightedGramSubproblem(x: [Double], n: Int, features: [Int], w: [Double], q: [Double], beta: [Double],
                            intercept: Double, l1: Double, l2: Double, relativeAccuracy: Double, floor: Double,
                            sweepBudget: Int) -> (b: [Double], b0: Double, sweeps: Int) {
    let m = features.count
    let invN = 1 / Double(n)
    var sumW = 0.0, sumQ = 0.0
    for i in 0..<n { sumW += w[i]; sumQ += q[i] }
    let shift = sumQ / sumW
    var qc = [Double](repeating: 0, count: n)
    for i in 0..<n { qc[i] = q[i] - w[i] * shift }
    var means = [Double](repeating: 0, count: m)
    var scaled = [Double](repeating: 0, count: n * m)
    var grad = [Double](repeating: 0, count: m)
    var sqrtW = [Double](repeating: 0, count: n)
    for i in 0..<n { sqrtW[i] = w[i].squareRoot() }
    for (k, j) in features.enumerated() {
        let base = j * n
        var s = 0.0, g = 0.0
        for i in 0..<n { s += w[i] * x[base + i]; g += x[base + i] * qc[i] }
        let mean = s / sumW
        means[k] = mean
        grad[k] = g * invN
        for i in 0..<n { scaled[k * n + i] = sqrtW[i] * (x[base + i] - mean) }
    }
    var h = [Double](repeating: 0, count: m * m)
    if m > 0 {
        scaled.withUnsafeBufferPointer { sb in h.withUnsafeMutableBufferPointer { hb in
            cblas_dsyrk(CblasColMajor, CblasUpper, CblasTrans, Int32(m), Int32(n), invN, sb.baseAddress, Int32(n), 0,
                        hb.baseAddress, Int32(m))
            for c in 0..<m { for r in (c + 1)..<m { hb[c * m + r] = hb[r * m + c] } }
        } }
    }
    var local = features.map { beta[$0] }
    let start = local
    var sweeps = 0
    h.withUnsafeBufferPointer { H in
        grad.withUnsafeMutableBufferPointer { G in
            func sweep(_ set: [Int]?) -> Double {
                var decrease = 0.0
                func update(_ k: Int) {
                    let hkk = H[k * m + k], a = hkk + l2
                    if a <= 0 { return }
                    let old = local[k]
                    let new = softThreshold(G[k] + hkk * old, l1) / a
                    if new != old {
                        let delta = new - old
                        local[k] = new
                        cblas_daxpy(Int32(m), -delta, H.baseAddress! + k * m, 1, G.baseAddress, 1)
                        decrease += 0.5 * a * delta * delta
                    }
                }
                if let set { for k in set { update(k) } } else { for k in 0..<m { update(k) } }
                return decrease
            }
            var first = -1.0
            while sweeps < sweepBudget {
                let dec = sweep(nil); sweeps += 1
                if first < 0 { first = dec }
                let bound = max(floor, relativeAccuracy * first)
                if dec <= bound { break }
                let active = (0..<m).filter { local[$0] != 0 }
                while sweeps < sweepBudget {
                    let inner = sweep(active); sweeps += 1
                    if inner <= bound { break }
                }
            }
        }
    }
    var b = beta
    var b0 = intercept + shift
    for (k, j) in features.enumerated() { b[j] = local[k]; b0 -= means[k] * (local[k] - start[k]) }
    return (b, b0, sweeps)
}
