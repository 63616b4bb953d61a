import Foundation

/// log(1 + e^x) without overflow.
@inlinable
func softplus(_ x: Double) -> Double { max(x, 0) + log1p(exp(-abs(x))) }

/// Binary entropy −t log t − (1 − t) log(1 − t) in nats, 0 at t ∈ {0, 1}.
@inlinable
func binaryEntropy(_ t: Double) -> Double {
    if t <= 0 || t >= 1 { return 0 }
    return -t * log(t) - (1 - t) * log1p(-t)
}

/// Primal value and certified duality gap of penalized logistic regression
///     P(β₀, β) = (1/n) Σ [log(1 + e^{η_i}) − y_i η_i] + λ1‖β‖₁ + (λ2/2)‖β‖²,  η = β₀ + Xβ.
///
/// Dual points are θ = s·v where v is u = y − σ(η) with its larger-sign side shrunk so that Σv = 0 (the free
/// intercept requires Σθ = 0),
/// D(θ) = (1/n) Σ H(y_i − θ_i) − Σ_j h*(x_jᵀθ/n), H the binary entropy and h* the conjugate of the per-coefficient
/// penalty ((|v| − λ1)₊²/(2λ2), or the indicator of |v| ≤ λ1 when λ2 = 0). For λ2 = 0 the scale is the largest
/// feasible one, s = min(1, λ1 / maxⱼ|x_jᵀv/n|); for λ2 > 0 it maximizes D over s ∈ (0, 1] (safeguarded Newton; D
/// is concave in s). Any s gives a valid bound, so the gap is certified however the search ends.
func logisticGap(x: UnsafePointer<Double>, n: Int, y: [Double], eta: [Double], beta: [Double], features: [Int],
                 lambda1: Double, lambda2: Double) -> (primal: Double, gap: Double) {
    let margins = LogisticMargins(eta: eta, y: y)
    var scratch = LogisticGapScratch(n: n)
    return logisticCertificate(x: x, y: y, margins: margins, beta: beta, features: features, lambda1: lambda1,
                               lambda2: lambda2, gradient: nil, scratch: &scratch)
}

/// Reusable buffers of `logisticCertificate` (avoids allocating per evaluation).
struct LogisticGapScratch {
    var theta: [Double]
    var u: [Double]
    var correlations: [Double]
    init(n: Int) {
        theta = [Double](repeating: 0, count: n)
        u = [Double](repeating: 0, count: n)
        correlations = []
    }
}

/// `logisticGap` from precomputed margins. If `gradient` is given (length ≥ p), it also stores the gradient
/// correlations x_jᵀ(y − σ(η))/n of every feature j in `features` (the KKT check), computed in the same pass.
func logisticCertificate(x: UnsafePointer<Double>, y: [Double], margins: LogisticMargins, beta: [Double],
                         features: [Int], lambda1: Double, lambda2: Double,
                         gradient: UnsafeMutablePointer<Double>?, scratch: inout LogisticGapScratch)
    -> (primal: Double, gap: Double) {
    let n = margins.eta.count
    let invN = 1 / Double(n)
    // Sides of u = y − σ(η): Σ u over y = 1 (≥ 0) and Σ |u| over y = 0.
    var positive = 0.0, negative = 0.0
    margins.wrong.withUnsafeBufferPointer { w in y.withUnsafeBufferPointer { yb in
        for i in 0..<n { if yb[i] == 1 { positive += w[i] } else { negative += w[i] } }
    } }
    // Make Σθ = 0 by shrinking the larger side: every θ_i keeps its sign and |θ_i| ≤ |u_i|, so y_i − θ_i stays in
    // [0, 1] (the entropy's domain). At the optimum the sides balance and θ = u.
    let shrinkPositive = positive > negative && positive > 0 ? negative / positive : 1
    let shrinkNegative = negative > positive && negative > 0 ? positive / negative : 1
    scratch.theta.withUnsafeMutableBufferPointer { th in scratch.u.withUnsafeMutableBufferPointer { ub in
        margins.wrong.withUnsafeBufferPointer { w in y.withUnsafeBufferPointer { yb in
            for i in 0..<n {
                if yb[i] == 1 { ub[i] = w[i]; th[i] = shrinkPositive * w[i] }
                else { ub[i] = -w[i]; th[i] = -shrinkNegative * w[i] }
            }
        } }
    } }
    var l1 = 0.0, l2sq = 0.0, maxG = 0.0
    scratch.correlations.removeAll(keepingCapacity: true)
    scratch.theta.withUnsafeBufferPointer { th in scratch.u.withUnsafeBufferPointer { ub in
        for j in features {
            let b = beta[j]
            l1 += abs(b); l2sq += b * b
            let (s, r) = dotPair(x + j * n, th.baseAddress!, ub.baseAddress!, count: n)
            let g = s * invN
            scratch.correlations.append(g)
            maxG = max(maxG, abs(g))
            gradient?[j] = r * invN
        }
    } }
    let primal = margins.meanLoss + lambda1 * l1 + 0.5 * lambda2 * l2sq
    let g = scratch.correlations
    let coefficients = features.map { beta[$0] }

    /// The gap P − D(s) and the first two derivatives of D at scale s. The gap is summed from non-negative
    /// Fenchel–Young terms (no cancellation between the primal and the dual): per sample, with t = k·σ(m) and
    /// k = s × side shrink, ℓ(η_i) + ℓ*(−θ_i) + θ_iη_i = t log k + (1 − t)(softplus(m) + log(1 − t)), which is exactly
    /// 0 for k = 1 (no log needed); per feature, h(β_j) + h*(v_j) − β_j v_j with v_j = s·x_jᵀv/n. The two parts add
    /// up to P − D because Σθ = 0 makes (1/n)Σθ_iη_i = Σ_j β_j v_j.
    func evaluate(_ s: Double) -> (gap: Double, slope: Double, curvature: Double) {
        let kPositive = s * shrinkPositive, kNegative = s * shrinkNegative
        let logKPositive = log(kPositive), logKNegative = log(kNegative)
        var sampleGap = 0.0, slope = 0.0, curvature = 0.0
        margins.eta.withUnsafeBufferPointer { e in margins.wrong.withUnsafeBufferPointer { w in
            margins.logTerm.withUnsafeBufferPointer { lt in margins.small.withUnsafeBufferPointer { sm in
                y.withUnsafeBufferPointer { yb in
                    for i in 0..<n {
                        let isPositive = yb[i] == 1
                        let k = isPositive ? kPositive : kNegative
                        let t = k * w[i]
                        if !(t > 0) { continue }
                        let m = isPositive ? -e[i] : e[i]
                        curvature -= t / max(1 - t, 1e-300)
                        if k == 1 { slope -= t * m; continue }
                        let logK = isPositive ? logKPositive : logKNegative
                        let loss = max(m, 0) + lt[i]
                        let logT = logK - (max(-m, 0) + lt[i])       // log k + log σ(m)
                        // softplus(m) + log(1 − t) = log1p(z), z = (1 − k)·e^m: a short series for small z (the
                        // usual case near the optimum, where k ≈ 1), log1p otherwise.
                        let z = (1 - k) * (m >= 0 ? 1 / sm[i] : sm[i])
                        let excessLog = z < 1e-3 ? z * (1 - z * (0.5 - z * (1.0 / 3 - z * (0.25 - z * (0.2 - z / 6)))))
                                                 : loss + log1p(-t)
                        sampleGap += t * logK + (1 - t) * excessLog
                        slope += t * (excessLog - loss - logT)
                    }
                }
            } }
        } }
        sampleGap *= invN; slope *= invN / s; curvature *= invN / (s * s)
        var featureGap = 0.0
        for (k, gk) in g.enumerated() {
            let b = coefficients[k], v = s * gk, a = abs(b), excess = abs(v) - lambda1
            if lambda2 > 0 {
                let conjugate = excess > 0 ? excess * excess / (2 * lambda2) : 0
                if b == 0 { featureGap += conjugate }
                else if b * v > 0 {
                    featureGap += excess > 0 ? (lambda2 * a - excess) * (lambda2 * a - excess) / (2 * lambda2)
                                             : a * (0.5 * lambda2 * a - excess)
                } else { featureGap += lambda1 * a + 0.5 * lambda2 * a * a + conjugate + a * abs(v) }
                if excess > 0 { slope -= abs(gk) * excess / lambda2; curvature -= gk * gk / lambda2 }
            } else if b != 0 {
                featureGap += b * v > 0 ? -a * excess : a * (lambda1 + abs(v))
            }
        }
        return (max(sampleGap + featureGap, 0), slope, curvature)
    }

    var upper = 1.0
    if lambda2 == 0 && maxG > 0 { upper = min(1, lambda1 / maxG) }
    guard upper > 0 else { return (primal, max(primal, 0)) }   // D = 0 at θ = 0
    var current = evaluate(upper)
    var best = current.gap
    if lambda2 > 0 && current.slope < 0 {
        // Maximize the concave D on (0, upper]: Newton steps kept inside a shrinking bracket (bisection otherwise).
        var low = 0.0, high = upper, s = upper
        for _ in 0..<30 {
            if current.slope < 0 { high = s } else { low = s }
            var next = current.curvature < 0 ? s - current.slope / current.curvature : .nan
            if !(next > low && next < high) { next = 0.5 * (low + high) }
            if abs(next - s) <= 1e-13 * s { break }
            s = next
            current = evaluate(s)
            best = min(best, current.gap)
            // Stop once the best possible further decrease (a Newton step's prediction) is below rounding.
            if current.curvature < 0, 0.5 * current.slope * current.slope / -current.curvature <= 1e-17 * max(1, primal) {
                break
            }
        }
    }
    return (primal, best)
}
