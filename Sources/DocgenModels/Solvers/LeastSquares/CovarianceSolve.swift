import CLapack
import Foundation

/// Coordinate descent with covariance updates on m coordinates, the core shared by the full-Gram path (n > p)
/// and the working-set path (p ≥ n).
///
/// Problem: minimize ½βᵀGβ − cᵀβ + yy/2 + λ1‖β‖₁ + (λ2/2)‖β‖², i.e. (1/(2n))‖y − X_Wβ‖² + penalty with
/// G = X_WᵀX_W/n, c = X_Wᵀy/n, yy = ‖y‖²/n. `grad` must hold c − Gβ on entry and is kept up to date (daxpy on one
/// Gram column per changed coefficient). Each round: one full sweep; if the signs did not change since the
/// previous round, an active-set Newton step (`activeSetNewtonStep`); then sweeps over the nonzero coefficients.
/// Stops when the duality gap over these coordinates is ≤ `tol` or after `sweepBudget` sweeps. With `nonNegative`
/// every coefficient stays ≥ 0 (projected coordinate steps, the one-sided gap; the Newton step is only ever cut at
/// zero, never carried across it).
///
/// - Returns: sweeps used and the last gap computed (restricted to the m coordinates).
func covarianceSolve(m: Int, ld: Int, gram G: UnsafePointer<Double>, c: UnsafePointer<Double>,
                     grad: UnsafeMutablePointer<Double>, beta: UnsafeMutablePointer<Double>, yy: Double,
                     lambda1 l1: Double, lambda2 l2: Double, tol: Double, sweepBudget: Int,
                     leastSquaresFloor: Double? = nil, nonNegative: Bool = false) -> (sweeps: Int, gap: Double) {
    var model = GramColumns(gram: G, ld: ld, count: m, gradientStore: grad)
    func sweep(_ set: [Int]?) -> Double {
        if let set {
            return CoordinateDescent.sweep(&model, beta, over: set, lambda1: l1, lambda2: l2, nonNegative: nonNegative)
        }
        return CoordinateDescent.sweep(&model, beta, over: 0..<m, lambda1: l1, lambda2: l2, nonNegative: nonNegative)
    }
    func gap() -> Double {
        var bc = 0.0, bg = 0.0
        for k in 0..<m { bc += beta[k] * c[k]; bg += beta[k] * grad[k] }
        return elasticNetGap(rr: yy - bc - bg, yr: yy - bc, g: UnsafePointer(grad), beta: UnsafePointer(beta),
                             indices: nil, count: m, lambda1: l1, lambda2: l2, leastSquaresFloor: leastSquaresFloor,
                             nonNegative: nonNegative).gap
    }
    /// Active-set steps: each either reaches the orthant minimum or zeroes one coefficient (then repeats on the
    /// smaller support), so at most `support` + 1 Cholesky solves.
    func polish() {
        var rounds = 0
        while rounds <= m {
            rounds += 1
            if !polishStep() { return }
        }
    }
    /// One active-set Newton step; returns true when it was blocked by a sign change (a coefficient became 0).
    func polishStep() -> Bool {
        let support = (0..<m).filter { beta[$0] != 0 }
        let s = support.count
        guard s > 0 else { return false }
        var gAA = [Double](repeating: 0, count: s * s)
        for (a, j) in support.enumerated() { for (b, k) in support.enumerated() { gAA[b * s + a] = G[k * ld + j] } }
        guard let step = activeSetNewtonTarget(gramAA: &gAA, m: s, rhsBase: support.map { c[$0] },
                                               current: support.map { beta[$0] }, lambda1: l1, lambda2: l2)
        else { return false }
        // Objective change of moving the support to `values` (exact for this quadratic-plus-l1 model):
        // Δf = −gᵀΔ + ½ΔᵀG_SSΔ + λ1Δ‖β‖₁ + (λ2/2)Δ‖β‖². Used to accept only true decreases, which also guards
        // against inaccurate solves on ill-conditioned supports.
        func change(_ values: [Double]) -> Double {
            var total = 0.0
            for (a, k) in support.enumerated() {
                let da = values[a] - beta[k]
                var gd = 0.0
                for (b, j) in support.enumerated() { gd += G[j * ld + k] * (values[b] - beta[j]) }
                total += -grad[k] * da + 0.5 * da * gd + l1 * (abs(values[a]) - abs(beta[k]))
                    + 0.5 * l2 * (values[a] * values[a] - beta[k] * beta[k])
            }
            return total
        }
        // Prefer the full step even across sign changes when it lowers the objective (then repeat with the new
        // signs); otherwise the clipped step, which always lowers it in exact arithmetic.
        let fullChange = change(step.target), clippedChange = change(step.clipped)
        let signsChange = zip(step.target, support).contains { t, k in (t > 0) != (beta[k] > 0) || t == 0 }
        let next: [Double]
        if signsChange && !nonNegative && fullChange < clippedChange && fullChange < 0 { next = step.target }
        else if clippedChange < 0 { next = step.clipped }
        else { return false }
        var blocked = signsChange
        for (a, k) in support.enumerated() {
            let delta = next[a] - beta[k]
            if next[a] == 0 { blocked = true }
            if delta != 0 {
                beta[k] = next[a]
                docgen_cblas_daxpy(Int32(m), -delta, G + k * ld, 1, grad, 1)
            }
        }
        return blocked
    }
    // Always sweep once: a gap already below tolerance must not keep an entering feature at 0.
    var sweeps = 0
    var currentGap = Double.infinity
    // Signs of the warm start: if the first sweep keeps them, the Newton step can be taken right away.
    var previousSigns = (0..<m).map { k -> Int8 in beta[k] > 0 ? 1 : (beta[k] < 0 ? -1 : 0) }
    while sweeps < sweepBudget {
        _ = sweep(nil); sweeps += 1
        currentGap = gap()
        if currentGap <= tol { break }
        let signs = (0..<m).map { k -> Int8 in beta[k] > 0 ? 1 : (beta[k] < 0 ? -1 : 0) }
        if signs == previousSigns || m <= 64 {
            polish()
            currentGap = gap()
            if currentGap <= tol { break }
        }
        previousSigns = signs
        let active = (0..<m).filter { beta[$0] != 0 }
        var first = -1.0
        while sweeps < sweepBudget {
            let dec = sweep(active); sweeps += 1
            if first < 0 { first = dec }
            if dec <= max(0.25 * tol, 1e-3 * first) { break }
        }
    }
    if sweeps >= sweepBudget { currentGap = gap() }
    if currentGap <= tol { currentGap = refine(certified: currentGap) }
    return (sweeps, currentGap)

    /// Once certified, an active-set finish: coordinate descent stops as soon as the gap allows, which can leave a
    /// coefficient that belongs in the support at 0 and errors of order √(gap/μ) along directions of small curvature
    /// μ. Alternately let KKT violators enter (one sweep) and move to the exact minimizer on the support with its
    /// signs (one linear solve, taken whole, or cut where a coefficient reaches 0), until a whole step is taken with no
    /// violator left; that is the exact solution up to rounding, which is what lets the coefficients agree with
    /// another exact solver (scikit-learn's, run to a tight tolerance) to many digits. The finished point is kept when
    /// its gap stays within the tolerance.
    func refine(certified: Double) -> Double {
        let savedBeta = (0..<m).map { beta[$0] }, savedGradient = (0..<m).map { grad[$0] }
        let slack = l1 * 1e-12
        func violates(_ k: Int) -> Bool { beta[k] == 0 && (nonNegative ? grad[k] : abs(grad[k])) > l1 + slack }
        for _ in 0..<(m + 8) {
            let entering = (0..<m).contains(where: violates)
            if entering { _ = sweep(nil) }
            let support = (0..<m).filter { beta[$0] != 0 }
            let s = support.count
            guard s > 0 else { break }
            var gAA = [Double](repeating: 0, count: s * s)
            for (a, j) in support.enumerated() { for (b, k) in support.enumerated() { gAA[b * s + a] = G[k * ld + j] } }
            guard let step = activeSetNewtonTarget(gramAA: &gAA, m: s, rhsBase: support.map { c[$0] },
                                                   current: support.map { beta[$0] }, lambda1: l1, lambda2: l2)
            else { break }
            let whole = zip(step.target, support).allSatisfy { t, k in t != 0 && (t > 0) == (beta[k] > 0) }
            let next = whole ? step.target : step.clipped
            for (a, k) in support.enumerated() {
                let delta = next[a] - beta[k]
                if delta != 0 {
                    beta[k] = next[a]
                    docgen_cblas_daxpy(Int32(m), -delta, G + k * ld, 1, grad, 1)
                }
            }
            if whole && !entering && !(0..<m).contains(where: violates) { break }
        }
        let refined = gap()
        if refined <= tol { return refined }
        for k in 0..<m { beta[k] = savedBeta[k]; grad[k] = savedGradient[k] }
        return certified
    }
}
