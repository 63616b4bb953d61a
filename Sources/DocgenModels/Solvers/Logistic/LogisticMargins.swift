import Foundation

/// Per-sample quantities of the logistic log-loss at one linear predictor η = β₀ + Xβ, from one `exp` and one
/// `log1p` per sample. Everything the solver and the duality gap need (probabilities, IRLS weights, the loss, the
/// entropy terms of the dual at the natural dual point) is derived from these without further transcendentals.
///
/// Conventions: y_i ∈ {0, 1}; the signed margin is m_i = −η_i for y_i = 1 and m_i = η_i for y_i = 0, so the
/// per-sample loss is softplus(m_i) = log(1 + e^{m_i}) and σ(m_i) is the predicted probability of the wrong class.
struct LogisticMargins {
    /// η_i.
    var eta: [Double]
    /// σ(m_i) = |y_i − σ(η_i)|, computed without cancellation.
    var wrong: [Double]
    /// exp(−|η_i|).
    var small: [Double]
    /// log1p(exp(−|η_i|)); softplus(m_i) = max(m_i, 0) + logTerm_i.
    var logTerm: [Double]
    /// (1/n) Σ softplus(m_i), the mean log-loss.
    var meanLoss: Double

    init(eta: [Double], y: [Double]) {
        self.eta = eta
        wrong = [Double](repeating: 0, count: eta.count)
        small = [Double](repeating: 0, count: eta.count)
        logTerm = [Double](repeating: 0, count: eta.count)
        meanLoss = 0
        refresh(y: y)
    }

    /// Recomputes `wrong`, `small`, `logTerm` and `meanLoss` from `eta`.
    mutating func refresh(y: [Double]) {
        let n = eta.count
        var loss = 0.0
        eta.withUnsafeBufferPointer { e in y.withUnsafeBufferPointer { yb in
            wrong.withUnsafeMutableBufferPointer { w in logTerm.withUnsafeMutableBufferPointer { l in
                small.withUnsafeMutableBufferPointer { sb in
                    for i in 0..<n {
                        let m = yb[i] == 1 ? -e[i] : e[i]
                        let small = exp(-abs(m))            // e^{−|m|} ∈ (0, 1]
                        let lt = log1p(small)
                        sb[i] = small
                        l[i] = lt
                        w[i] = m >= 0 ? 1 / (1 + small) : small / (1 + small)
                        loss += max(m, 0) + lt
                    }
                }
            } }
        } }
        meanLoss = n > 0 ? loss / Double(n) : 0
    }

    /// Sets η = base + t·direction and refreshes (no allocation when sizes match).
    mutating func set(base: [Double], step t: Double, direction: [Double], y: [Double]) {
        let n = base.count
        base.withUnsafeBufferPointer { b in direction.withUnsafeBufferPointer { d in
            eta.withUnsafeMutableBufferPointer { e in for i in 0..<n { e[i] = b[i] + t * d[i] } }
        } }
        refresh(y: y)
    }
}

/// (Σ aᵢbᵢ, Σ aᵢcᵢ) over n entries, each with four interleaved partial sums: the fixed order keeps results
/// deterministic while the independent sums let the loop run without waiting on one accumulator.
@inline(__always)
func dotPair(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ c: UnsafePointer<Double>, count n: Int)
    -> (Double, Double) {
    var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
    var r0 = 0.0, r1 = 0.0, r2 = 0.0, r3 = 0.0
    var i = 0
    while i + 4 <= n {
        let a0 = a[i], a1 = a[i + 1], a2 = a[i + 2], a3 = a[i + 3]
        s0 += a0 * b[i]; s1 += a1 * b[i + 1]; s2 += a2 * b[i + 2]; s3 += a3 * b[i + 3]
        r0 += a0 * c[i]; r1 += a1 * c[i + 1]; r2 += a2 * c[i + 2]; r3 += a3 * c[i + 3]
        i += 4
    }
    while i < n { s0 += a[i] * b[i]; r0 += a[i] * c[i]; i += 1 }
    return ((s0 + s1) + (s2 + s3), (r0 + r1) + (r2 + r3))
}

/// Σ aᵢbᵢ over n entries with four interleaved partial sums (fixed order: deterministic).
@inline(__always)
func dot(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, count n: Int) -> Double {
    var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
    var i = 0
    while i + 4 <= n {
        s0 += a[i] * b[i]; s1 += a[i + 1] * b[i + 1]; s2 += a[i + 2] * b[i + 2]; s3 += a[i + 3] * b[i + 3]
        i += 4
    }
    while i < n { s0 += a[i] * b[i]; i += 1 }
    return (s0 + s1) + (s2 + s3)
}
