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
/// penalty ((|v| − λ1)₊²/(2λ2), or the indicator of |v| ≤ λ1 when λ2 = 0). The scale s ∈ [0, 1] is chosen to
/// maximize D (golden-section search; D is concave in s).
func logisticGap(x: UnsafePointer<Double>, n: Int, y: [Double], eta: [Double], beta: [Double], features: [Int],
                 lambda1: Double, lambda2: Double) -> (primal: Double, gap: Double) {
    var loss = 0.0
    var t = [Double](repeating: 0, count: n)     // P(wrong class) = |u_i|, u = y − σ(η)
    var positive = 0.0, negative = 0.0           // Σ u over y = 1 (≥ 0) and Σ |u| over y = 0
    for i in 0..<n {
        let signed = y[i] == 1 ? -eta[i] : eta[i]
        loss += softplus(signed)
        let wrong = sigmoid(signed)
        t[i] = wrong
        if y[i] == 1 { positive += wrong } else { negative += wrong }
    }
    loss /= Double(n)
    // Make Σθ = 0 by shrinking the larger side: every θ_i keeps its sign and |θ_i| ≤ |u_i|, so y_i − θ_i stays in
    // [0, 1] (the entropy's domain). At the optimum the sides balance and θ = u.
    let shrinkPositive = positive > negative && positive > 0 ? negative / positive : 1
    let shrinkNegative = negative > positive && negative > 0 ? positive / negative : 1
    var theta = [Double](repeating: 0, count: n)
    for i in 0..<n {
        if y[i] == 1 { t[i] *= shrinkPositive; theta[i] = t[i] } else { t[i] *= shrinkNegative; theta[i] = -t[i] }
    }
    var l1 = 0.0, l2sq = 0.0, maxG = 0.0
    var g = [Double](repeating: 0, count: features.count)
    for (k, j) in features.enumerated() {
        let b = beta[j]
        l1 += abs(b); l2sq += b * b
        var s = 0.0
        let col = x + j * n
        for i in 0..<n { s += col[i] * theta[i] }
        g[k] = s / Double(n)
        maxG = max(maxG, abs(g[k]))
    }
    let primal = loss + lambda1 * l1 + 0.5 * lambda2 * l2sq
    func dual(_ s: Double) -> Double {
        var ent = 0.0
        for i in 0..<n { ent += binaryEntropy(s * t[i]) }
        ent /= Double(n)
        if lambda2 > 0 {
            var c = 0.0
            for gk in g { let e = s * abs(gk) - lambda1; if e > 0 { c += e * e } }
            ent -= c / (2 * lambda2)
        }
        return ent
    }
    var upper = 1.0
    if lambda2 == 0 && maxG > 0 { upper = min(1, lambda1 / maxG) }
    var best = dual(upper)
    if lambda2 > 0 {
        var a = 0.0, b = upper
        let phi = (5.0.squareRoot() - 1) / 2
        var c = b - phi * (b - a), d = a + phi * (b - a)
        var fc = dual(c), fd = dual(d)
        for _ in 0..<60 {
            if fc > fd { b = d; d = c; fd = fc; c = b - phi * (b - a); fc = dual(c) }
            else { a = c; c = d; fc = fd; d = a + phi * (b - a); fd = dual(d) }
        }
        best = max(best, fc, fd)
    }
    return (primal, max(primal - best, 0))
}
