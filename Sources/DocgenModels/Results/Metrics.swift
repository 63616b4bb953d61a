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

/// Fraction of 0/1 labels equal to 1[probability > 0.5]: a tie (η = 0, e.g. every coefficient 0 without an
/// intercept) predicts 0, as scikit-learn's `predict` does (class 1 only for a decision value above 0).
public func accuracy(_ y: [Double], probabilities: [Double]) -> Double {
    var hits = 0
    for i in y.indices where (probabilities[i] > 0.5 ? 1.0 : 0.0) == y[i] { hits += 1 }
    return Double(hits) / Double(y.count)
}

/// Mean log-loss −(1/n)Σ[y log p + (1 − y) log(1 − p)] (natural log), p clipped to [ε, 1 − ε] with ε the machine
/// epsilon 2⁻⁵², as scikit-learn's `log_loss` clips.
public func logLoss(_ y: [Double], probabilities: [Double]) -> Double {
    var s = 0.0
    let eps = Double.ulpOfOne
    for i in y.indices {
        let p = min(max(probabilities[i], eps), 1 - eps)
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

/// The metrics docgen reports, one vocabulary for result columns, `{value}` fields, tables and figures.
///
/// A metric column is named `<part>_<metric>`: `train_r2`, `test_log_loss`. Cross-validation reports the task's
/// `validationError` per fold, averaged in `cv_mean` with its standard error `cv_se`.
public enum Metric: String, Sendable, Codable, Hashable, CaseIterable {
    /// Coefficient of determination (regression); higher is better.
    case r2
    /// Mean squared error (regression); lower is better.
    case mse
    /// Fraction classified right at the 0.5 threshold (classification); higher is better.
    case accuracy
    /// Mean log-loss in nats (classification); lower is better.
    case logLoss = "log_loss"

    /// The name in result columns (`log_loss`).
    public var columnName: String { rawValue }
    /// The name authors write in figure options (`log-loss`).
    public var optionName: String { rawValue.replacingOccurrences(of: "_", with: "-") }
    /// Words for axes, tables and alt texts.
    public var displayName: String {
        switch self {
        case .r2: return "R²"
        case .mse: return "mean squared error"
        case .accuracy: return "accuracy"
        case .logLoss: return "log-loss"
        }
    }
    public var higherIsBetter: Bool { self == .r2 || self == .accuracy }
    /// The task whose predictions this metric scores.
    public var task: PredictionTask { self == .r2 || self == .mse ? .regression : .binaryClassification }

    /// The metric of targets `y` and predictions (ŷ, or P(y = 1) for classification).
    public func evaluate(_ y: [Double], _ prediction: [Double]) -> Double {
        switch self {
        case .r2: return rSquared(y, prediction)
        case .mse: return meanSquaredError(y, prediction)
        case .accuracy: return DocgenModels.accuracy(y, probabilities: prediction)
        case .logLoss: return DocgenModels.logLoss(y, probabilities: prediction)
        }
    }

    /// The metric named in a result column or an option (`test_r2` → .r2 is not this: see `ResultColumn`).
    public init?(name: String) {
        if let m = Metric(rawValue: name) { self = m; return }
        if let m = Metric.allCases.first(where: { $0.optionName == name }) { self = m; return }
        return nil
    }
}

/// What a model predicts, which decides its metrics and its cross-validation error.
public enum PredictionTask: String, Sendable, Codable, Hashable {
    /// A numeric target; predictions are ŷ.
    case regression
    /// A 0/1 target; predictions are P(y = 1).
    case binaryClassification

    /// The metrics reported for every α, in result-column order.
    public var metrics: [Metric] { self == .regression ? [.r2, .mse] : [.accuracy, .logLoss] }
    /// The score that picks the best α on a holdout split (higher is better).
    public var score: Metric { self == .regression ? .r2 : .accuracy }
    /// The held-out error cross-validation averages (lower is better).
    public var validationError: Metric { self == .regression ? .mse : .logLoss }
    /// Words for messages ("a regression", "a classification").
    public var displayName: String { self == .regression ? "regression" : "classification" }
}
