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
///
/// Without an intercept (`intercept` false, η = Xβ) the dual has no constraint Σθ = 0, so θ = s·u without shrinking
/// either side; the Fenchel–Young split below still adds up to P − D, since then (1/n)Σθ_iη_i = Σ_j β_j x_jᵀθ/n
/// holds for every θ.
func logisticGap(x: UnsafePointer<Double>, n: Int, y: [Double], eta: [Double], beta: [Double], features: [Int],
                 lambda1: Double, lambda2: Double, intercept: Bool = true) -> (primal: Double, gap: Double) {
    // The core wants the rows sorted by class (y = 1 first) and the features as columns 0..<m.
    let order = (0..<n).filter { y[$0] == 1 } + (0..<n).filter { y[$0] != 1 }
    let m = features.count
    var columns = [Double](repeating: 0, count: n * m)
    for (k, j) in features.enumerated() { for (r, i) in order.enumerated() { columns[k * n + r] = x[j * n + i] } }
    let margins = LogisticMargins(eta: order.map { eta[$0] }, y: order.map { y[$0] })
    let positives = order.prefix { y[$0] == 1 }.count
    return columns.withUnsafeBufferPointer { xb in
        logisticCertificate(x: xb.baseAddress!, positiveCount: positives, margins: margins,
                            beta: features.map { beta[$0] }, lambda1: lambda1, lambda2: lambda2, gradient: nil,
                            intercept: intercept)
    }
}

/// `logisticGap` from precomputed margins, for rows sorted by class: rows 0..<positiveCount have y = 1, the rest
/// y = 0. `x` holds the p = beta.count feature columns (n rows each, column-major). If `gradient` is given
/// (length ≥ p) it also receives x_jᵀ(y − σ(η))/n for every feature (the KKT check), from the same products.
/// `intercept` false: the model has no intercept (see `logisticGap`).
func logisticCertificate(x: UnsafePointer<Double>, positiveCount: Int, margins: LogisticMargins, beta: [Double],
                         lambda1: Double, lambda2: Double, gradient: UnsafeMutablePointer<Double>?,
                         intercept: Bool = true) -> (primal: Double, gap: Double) {
    let n = margins.eta.count, p = beta.count, split = positiveCount
    let invN = 1 / Double(n)
    // u = y − σ(η) is +wrong on the positive rows and −wrong on the negative ones. Sides: Σ u over y = 1 (≥ 0) and
    // Σ |u| over y = 0; per feature the two partial products of x_jᵀu.
    var positive = 0.0, negative = 0.0
    var onPositives = [Double](repeating: 0, count: p), onNegatives = [Double](repeating: 0, count: p)
    margins.wrong.withUnsafeBufferPointer { w in
        for i in 0..<split { positive += w[i] }
        for i in split..<n { negative += w[i] }
        for j in 0..<p {
            let col = x + j * n
            onPositives[j] = dot(col, w.baseAddress!, count: split)
            onNegatives[j] = -dot(col + split, w.baseAddress! + split, count: n - split)
        }
    }
    // Make Σθ = 0 by shrinking the larger side: every θ_i keeps its sign and |θ_i| ≤ |u_i|, so y_i − θ_i stays in
    // [0, 1] (the entropy's domain). At the optimum the sides balance and θ = u.
    // Without an intercept there is no such constraint and θ = s·u as it is.
    let shrinkPositive = intercept && positive > negative && positive > 0 ? negative / positive : 1
    let shrinkNegative = intercept && negative > positive && negative > 0 ? positive / negative : 1
    var l1 = 0.0, l2sq = 0.0, maxG = 0.0
    var g = [Double](repeating: 0, count: p)       // x_jᵀθ/n at scale 1
    for j in 0..<p {
        let b = beta[j]
        l1 += abs(b); l2sq += b * b
        g[j] = (shrinkPositive * onPositives[j] + shrinkNegative * onNegatives[j]) * invN
        maxG = max(maxG, abs(g[j]))
        gradient?[j] = (onPositives[j] + onNegatives[j]) * invN
    }
    let primal = margins.meanLoss + lambda1 * l1 + 0.5 * lambda2 * l2sq

    /// The gap P − D(s) and (when `derivatives`) the first two derivatives of D at scale s. The gap is summed from
    /// non-negative Fenchel–Young terms (no cancellation between the primal and the dual): per sample, with
    /// t = k·σ(m) and k = s × side shrink, ℓ(η_i) + ℓ*(−θ_i) + θ_iη_i = t log k + (1 − t)(softplus(m) + log(1 − t)),
    /// which is exactly 0 for k = 1 (that side is skipped); per feature, h(β_j) + h*(v_j) − β_j v_j with
    /// v_j = s·x_jᵀv/n. The two parts add up to P − D because Σθ = 0 makes (1/n)Σθ_iη_i = Σ_j β_j v_j.
    func evaluate(_ s: Double, derivatives: Bool) -> (gap: Double, slope: Double, curvature: Double) {
        var sampleGap = 0.0, slope = 0.0, curvature = 0.0
        margins.eta.withUnsafeBufferPointer { e in margins.wrong.withUnsafeBufferPointer { w in
            margins.logTerm.withUnsafeBufferPointer { lt in margins.small.withUnsafeBufferPointer { sm in
                // Positive rows have m = −η, negative rows m = η.
                for (range, k, sign) in [(0..<split, s * shrinkPositive, -1.0), (split..<n, s * shrinkNegative, 1.0)] {
                    if k == 1 {
                        guard derivatives else { continue }
                        for i in range {
                            let t = w[i]
                            curvature -= t / max(1 - t, 1e-300)
                            slope -= t * sign * e[i]
                        }
                        continue
                    }
                    guard k > 0 else { continue }
                    let logK = log(k)
                    for i in range {
                        let t = k * w[i]
                        if !(t > 0) { continue }
                        let m = sign * e[i]
                        let loss = max(m, 0) + lt[i]
                        // softplus(m) + log(1 − t) = log1p(z), z = (1 − k)·e^m: a short series for small z (the
                        // usual case near the optimum, where k ≈ 1), log1p otherwise.
                        let z = (1 - k) * (m >= 0 ? 1 / sm[i] : sm[i])
                        let excessLog = z < 1e-3 ? z * (1 - z * (0.5 - z * (1.0 / 3 - z * (0.25 - z * (0.2 - z / 6)))))
                                                 : loss + log1p(-t)
                        sampleGap += t * logK + (1 - t) * excessLog
                        if derivatives {
                            let logT = logK - (max(-m, 0) + lt[i])       // log k + log σ(m)
                            slope += t * (excessLog - loss - logT)
                            curvature -= t / max(1 - t, 1e-300)
                        }
                    }
                }
            } }
        } }
        sampleGap *= invN; slope *= invN / s; curvature *= invN / (s * s)
        var featureGap = 0.0
        for j in 0..<p {
            let gj = g[j], b = beta[j], v = s * gj, a = abs(b), excess = abs(v) - lambda1
            if lambda2 > 0 {
                let conjugate = excess > 0 ? excess * excess / (2 * lambda2) : 0
                if b == 0 { featureGap += conjugate }
                else if b * v > 0 {
                    featureGap += excess > 0 ? (lambda2 * a - excess) * (lambda2 * a - excess) / (2 * lambda2)
                                             : a * (0.5 * lambda2 * a - excess)
                } else { featureGap += lambda1 * a + 0.5 * lambda2 * a * a + conjugate + a * abs(v) }
                if excess > 0 { slope -= abs(gj) * excess / lambda2; curvature -= gj * gj / lambda2 }
            } else if b != 0 {
                featureGap += b * v > 0 ? -a * excess : a * (lambda1 + abs(v))
            }
        }
        return (max(sampleGap + featureGap, 0), slope, curvature)
    }

    var upper = 1.0
    if lambda2 == 0 && maxG > 0 { upper = min(1, lambda1 / maxG) }
    guard upper > 0 else { return (primal, max(primal, 0)) }   // D = 0 at θ = 0
    var current = evaluate(upper, derivatives: lambda2 > 0)
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
            current = evaluate(s, derivatives: true)
            best = min(best, current.gap)
            // Stop once the best possible further decrease (a Newton step's prediction) is below rounding.
            if current.curvature < 0, 0.5 * current.slope * current.slope / -current.curvature <= 1e-17 * max(1, primal) {
                break
            }
        }
    }
    return (primal, best)
}
