import Foundation

/// Coefficient of determination 1 − Σ(y − ŷ)² / Σ(y − ȳ)², with ȳ the mean of `y` itself (as scikit-learn's
/// r2_score). NaN when `y` is constant.
public func rSquared(_ y: [Double], _ prediction: [Double]) -> Double {
    let mean = y.reduce(0, +) / Double(y.count)
    var sse = 0.0, sst = 0.0
    for i in y.indices { sse += (y[i] - prediction[i]) * (y[i] - prediction[i]); sst += (y[i] - mean) * (y[i] - mean) }
    return sst > 0 ? 1 - sse / sst : .nan
}

/// Mean squared error (1/n)Σ(y − ŷ)².
public func meanSquaredError(_ y: [Double], _ prediction: [Double]) -> Double {
    var s = 0.0
    for i in y.indices { s += (y[i] - prediction[i]) * (y[i] - prediction[i]) }
    return s / Double(y.count)
}

/// Fraction of 0/1 labels equal to 1[probability ≥ 0.5].
public func accuracy(_ y: [Double], probabilities: [Double]) -> Double {
    var hits = 0
    for i in y.indices where (probabilities[i] >= 0.5 ? 1.0 : 0.0) == y[i] { hits += 1 }
    return Double(hits) / Double(y.count)
}

/// Mean log-loss −(1/n)Σ[y log p + (1 − y) log(1 − p)] (natural log), p clipped to [1e-15, 1 − 1e-15].
public func logLoss(_ y: [Double], probabilities: [Double]) -> Double {
    var s = 0.0
    for i in y.indices {
        let p = min(max(probabilities[i], 1e-15), 1 - 1e-15)
        s -= y[i] * log(p) + (1 - y[i]) * log(1 - p)
    }
    return s / Double(y.count)
}

/// Logistic function 1/(1 + e^{−t}), computed without overflow.
@inlinable
public func sigmoid(_ t: Double) -> Double {
    if t >= 0 { return 1 / (1 + exp(-t)) }
    let e = exp(t)
    return e / (1 + e)
}
