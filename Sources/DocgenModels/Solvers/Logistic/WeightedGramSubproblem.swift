import CLapack

/// The curvature of the logistic IRLS model on a set of features, with the intercept profiled out by weighted
/// centering: H = X̃ᵀWX̃/n for X̃ = X_S − 1·meansᵀ (means weighted by w over all rows), built with BLAS dsyrk
/// from the rows with w_i ≥ 1e-6·max w. It depends only on the weights. Without an intercept (`centered` false) the
/// columns are not centered (means 0): H = XᵀWX/n. (Reusing an earlier point's metric for later steps was measured: on the course's data the extra
/// steps it costs outweigh the saved dsyrk calls.)
struct GramMetric {
    let features: [Int]
    /// Σ w_i.
    let sumW: Double
    /// Weighted means Σ w_i x_ij / Σ w_i, per feature in `features`.
    let means: [Double]
    /// H, m×m column-major (m = features.count).
    let h: [Double]

    /// `rowThreshold`: rows with w_i below this fraction of the largest weight are left out of H (0 keeps all).
    init(x: [Double], n: Int, features: [Int], w: [Double], centered: Bool = true, rowThreshold: Double = 1e-6) {
        let m = features.count
        self.features = features
        var sumW = 0.0
        for i in 0..<n { sumW += w[i] }
        var means = [Double](repeating: 0, count: m)
        let maxW = w.max() ?? 0
        // Rows weighing less than 1e-6 of the heaviest (confidently classified points) change H by a relative
        // amount of that order, far below what matters for a Newton model; leaving them out of dsyrk (the bulk of
        // a Newton step's cost) leaves the convergence unchanged, and the certificate decides convergence anyway.
        let kept = (0..<n).filter { w[$0] >= rowThreshold * maxW }
        let rows = kept.count
        let sqrtW = kept.map { w[$0].squareRoot() }
        var scaled = [Double](repeating: 0, count: rows * m)
        x.withUnsafeBufferPointer { xb in w.withUnsafeBufferPointer { wb in
            sqrtW.withUnsafeBufferPointer { sw in scaled.withUnsafeMutableBufferPointer { sc in
                for (k, j) in features.enumerated() {
                    let col = xb.baseAddress! + j * n
                    let mean = centered ? dot(col, wb.baseAddress!, count: n) / sumW : 0
                    means[k] = mean
                    let out = sc.baseAddress! + k * rows
                    for (r, i) in kept.enumerated() { out[r] = sw[r] * (col[i] - mean) }
                }
            } }
        } }
        var h = [Double](repeating: 0, count: m * m)
        if m > 0 && rows > 0 {
            scaled.withUnsafeBufferPointer { sb in h.withUnsafeMutableBufferPointer { hb in
                docgen_cblas_dsyrk(CblasColMajor, CblasUpper, CblasTrans, Int32(m), Int32(rows), 1 / Double(n), sb.baseAddress,
                            Int32(rows), 0, hb.baseAddress, Int32(m))
                for c in 0..<m { for r in (c + 1)..<m { hb[c * m + r] = hb[r * m + c] } }
            } }
        }
        self.sumW = sumW; self.means = means; self.h = h
    }
}

/// Solves the proximal-Newton subproblem of logistic regression with covariance (Gram) updates:
///
///     min over (d₀, d)  −(1/n) uᵀ(d₀ + X_S d) + (1/(2n)) Σ_i w_i (d₀ + x_iᵀd)² + λ1‖β + d‖₁ + (λ2/2)‖β + d‖²
///
/// (the log-loss's gradient at the current point with curvature weights w from `metric`), where only the features
/// of the metric may change. The intercept step is profiled out, d₀ = (Σu − Σ w_i x_iᵀd)/Σw, so coordinate descent
/// runs on H with the gradient kept up to date: O(|S|) per coordinate.
///
/// - Parameters:
///   - lossGradient: x_jᵀu/n for every feature j (u = y − σ(η) at the current point), indexed by feature.
///   - residualSum: Σ u_i.
/// - Returns: new coefficients (entries outside the metric's features unchanged), new intercept, sweeps used.
func gramSubproblem(metric: GramMetric, n: Int, lossGradient: [Double], residualSum: Double, beta: [Double],
                    intercept: Double, l1: Double, l2: Double, relativeAccuracy: Double, floor: Double,
                    sweepBudget: Int) -> (b: [Double], b0: Double, sweeps: Int) {
    let features = metric.features
    let shift = residualSum / metric.sumW
    let scale = shift * metric.sumW / Double(n)
    // Gradient of the reduced quadratic at d = 0: x̃_kᵀ(u − w·shift)/n = x_kᵀu/n − shift·mean_k·Σw/n.
    let grad = features.enumerated().map { k, j in lossGradient[j] - scale * metric.means[k] }
    let start = features.map { beta[$0] }
    var solver = GramCoordinateDescent(h: metric.h, m: features.count, gradient: grad, start: start, l1: l1, l2: l2)
    let sweeps = solver.run(relativeAccuracy: relativeAccuracy, floor: floor, sweepBudget: sweepBudget)
    var b = beta
    var b0 = intercept + shift
    for (k, j) in features.enumerated() { b[j] = solver.b[k]; b0 -= metric.means[k] * (solver.b[k] - start[k]) }
    return (b, b0, sweeps)
}

/// Elastic-net coordinate descent on a small quadratic: minimizes
///     ½ (b − b⁰)ᵀH(b − b⁰) − cᵀ(b − b⁰) + λ1‖b‖₁ + (λ2/2)‖b‖²
/// (H symmetric positive semidefinite, m×m column-major) keeping `gradient` = c − H(b − b⁰) up to date.
struct GramCoordinateDescent {
    let h: [Double]
    let m: Int
    let l1: Double, l2: Double
    var gradient: [Double]
    var b: [Double]

    init(h: [Double], m: Int, gradient: [Double], start: [Double], l1: Double, l2: Double) {
        self.h = h; self.m = m; self.gradient = gradient; b = start; self.l1 = l1; self.l2 = l2
    }

    /// Sign pattern of b (−1, 0, 1 per coordinate).
    private var pattern: [Int8] { b.map { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) } }

    /// One pass of exact coordinate minimizations over `set` (all coordinates when nil); returns the decrease of the
    /// objective.
    mutating func sweep(_ set: [Int]?) -> Double {
        let m = self.m, l1 = self.l1, l2 = self.l2
        return h.withUnsafeBufferPointer { H in gradient.withUnsafeMutableBufferPointer { G in
            b.withUnsafeMutableBufferPointer { B in
                var model = DenseGram(gram: H.baseAddress!, count: m, gradientStore: G.baseAddress!)
                if let set { return CoordinateDescent.sweep(&model, B.baseAddress!, over: set, lambda1: l1, lambda2: l2) }
                return CoordinateDescent.sweep(&model, B.baseAddress!, over: 0..<m, lambda1: l1, lambda2: l2)
            }
        } }
    }

    /// Runs until a full sweep gains at most max(floor, relativeAccuracy × first sweep's gain), an exact face solve
    /// certifies optimality, or the budget is spent. Returns the sweeps used.
    mutating func run(relativeAccuracy: Double, floor: Double, sweepBudget: Int) -> Int {
        var sweeps = 0
        var first = -1.0
        var lastTried: [Int8]? = nil
        while sweeps < sweepBudget {
            let before = pattern
            let dec = sweep(nil); sweeps += 1
            if first < 0 { first = dec }
            let bound = max(floor, relativeAccuracy * first)
            if dec <= bound { break }
            let after = pattern
            if after == before && after != lastTried {
                lastTried = after
                if solveOnSupport() { break }
                continue
            }
            // The support changed: a few sweeps over it to settle the values before the next full sweep (and face
            // solve); each full sweep costs only O(m²), so there is no point in converging these.
            let active = (0..<m).filter { b[$0] != 0 }
            for _ in 0..<3 where sweeps < sweepBudget {
                let inner = sweep(active); sweeps += 1
                if inner <= bound { break }
            }
        }
        return sweeps
    }

    /// Moves to the minimizer over the current support with its signs fixed, (H_AA + λ2 I) δ = G_A − λ1 s − λ2 b_A,
    /// cut at the first sign change (that coefficient becomes exactly 0; the objective decreases along the whole
    /// segment). Returns true when the full step was taken and every coordinate outside the support satisfies
    /// |G_k| ≤ λ1 afterwards: then b is the exact minimizer.
    mutating func solveOnSupport() -> Bool {
        let support = (0..<m).filter { b[$0] != 0 }
        let a = support.count
        guard a > 0, a <= 500 else { return false }
        var system = [Double](repeating: 0, count: a * a)
        var rhs = [Double](repeating: 0, count: a)
        for (c, kc) in support.enumerated() {
            for (r, kr) in support.enumerated() { system[c * a + r] = h[kc * m + kr] }
            system[c * a + c] += l2
            rhs[c] = gradient[kc] - l1 * (b[kc] > 0 ? 1 : -1) - l2 * b[kc]
        }
        let info = docgen_LAPACKE_dposv(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "U")), Int32(a), 1, &system, Int32(a), &rhs, Int32(a))
        guard info == 0, rhs.allSatisfy({ $0.isFinite }) else { return false }
        // Largest step t ≤ 1 keeping every sign (without an L1 term the signs do not matter).
        var t = 1.0, blocking = -1
        for (r, k) in support.enumerated() where l1 > 0 && (b[k] + rhs[r]) * b[k] <= 0 {
            let crossing = -b[k] / rhs[r]
            if crossing < t { t = crossing; blocking = k }
        }
        for (r, k) in support.enumerated() {
            let delta = t * rhs[r]
            b[k] += delta
            for row in 0..<m { gradient[row] -= delta * h[k * m + row] }
        }
        if blocking >= 0 { b[blocking] = 0; return false }
        for k in 0..<m where b[k] == 0 && abs(gradient[k]) > l1 { return false }
        return true
    }
}
