import Foundation

/// Everything one experiment produced. Per-α arrays are in the order the α grid was given (the directive's
/// order), even though paths are solved in decreasing α internally.
///
/// Coefficients are on the model-feature scale: standardized (mean 0, sd 1 with 1/n) when `standardized`,
/// raw otherwise; the intercept is on the same scale, so the prediction for a raw input u at α index k is
/// `intercepts[k] + Σ_j coefficients[k][j] · transform.transform(raw: u)[j]` (through the logistic function
/// for classification). When a holdout split is given, the fit (and CV) use the training rows only.
public struct ExperimentResult: Sendable {
    public var model: ModelKind
    /// Model feature names (data header names, or x, x^2, … with polynomial features).
    public var featureNames: [String]
    public var targetName: String
    public var standardized: Bool
    /// The α values, in the given order.
    public var alphas: [Double]
    /// `coefficients[k][j]`: feature j at α index k (both 0-based).
    public var coefficients: [[Double]]
    public var intercepts: [Double]
    /// Certified duality gap (absolute, objective units) per α.
    public var dualityGaps: [Double]
    /// Objective at β = 0 with the best intercept; the default stop is gap ≤ 1e-7 × this.
    public var nullObjective: Double
    /// Smallest α with all coefficients zero for this model's l1 ratio, from the fitting rows
    /// (for ρ = 0 the glmnet convention ρ = 0.001 is used).
    public var alphaMax: Double
    /// Metric columns by name, each one value per α: train_r2, test_r2, train_mse, test_mse (regression) or
    /// train_accuracy, test_accuracy, train_log_loss, test_log_loss (classification); cv_mean, cv_se with CV.
    public var metrics: [String: [Double]]
    /// Metric column names in CSV order.
    public var metricNames: [String]
    /// Cross-validation choice (nil without CV): α index with the smallest mean held-out error, and the
    /// largest α whose mean error ≤ min mean + SE at the minimum (the one-standard-error rule).
    public var alphaMinIndex: Int?
    public var alpha1SEIndex: Int?
    /// Number of folds and the held-out error used by CV: "mse" or "log_loss" (mean log-loss per row).
    public var cvError: String?
    public var warnings: [ModelWarning]
    /// Feature names in the order they first become nonzero as α decreases (ties: larger |β| first).
    public var entryOrder: [String]
    /// The raw-input → model-feature map fitted on the training rows.
    public var transform: FeatureTransform
    /// Rows in the data set, in the training part and in the test part (0 without split).
    public var rowCount: Int
    public var trainCount: Int
    public var testCount: Int

    public var alphaMin: Double? { alphaMinIndex.map { alphas[$0] } }
    public var alpha1SE: Double? { alpha1SEIndex.map { alphas[$0] } }
    /// Number of model features p.
    public var featureCount: Int { featureNames.count }
    /// Nonzero coefficients per α.
    public var nonzeroCounts: [Int] { coefficients.map { $0.filter { $0 != 0 }.count } }
    /// ‖β‖₁ per α (model-feature scale).
    public var l1Norms: [Double] { coefficients.map { $0.reduce(0) { $0 + abs($1) } } }

    /// The "best" α index: CV's alpha_min when CV ran; else the best test score with a split (lowest test MSE,
    /// or lowest test log-loss for classification); else nil.
    public var bestAlphaIndex: Int? {
        if let k = alphaMinIndex { return k }
        let key = model.isClassification ? "test_log_loss" : "test_mse"
        guard let values = metrics[key], !values.isEmpty else { return nil }
        return values.indices.min { values[$0] < values[$1] || (values[$0] == values[$1] && alphas[$0] > alphas[$1]) }
    }

    /// The metric column `name`, or nil.
    public func metric(_ name: String) -> [Double]? { metrics[name] }

    /// Index of the grid α nearest to `alpha` (in log scale when both are positive).
    public func nearestAlphaIndex(to alpha: Double) -> Int {
        func distance(_ a: Double) -> Double { (a > 0 && alpha > 0) ? abs(log(a) - log(alpha)) : abs(a - alpha) }
        return alphas.indices.min { distance(alphas[$0]) < distance(alphas[$1]) } ?? 0
    }

    /// Coefficient of feature `name` at α index `k`, or nil for an unknown name.
    public func coefficient(_ name: String, at k: Int) -> Double? {
        featureNames.firstIndex(of: name).map { coefficients[k][$0] }
    }

    /// Prediction for one raw input row (the data set's feature columns in order; for polynomial experiments the
    /// single input x) at α index `k`: ŷ for regression, P(y = 1) for logistic.
    public func predict(raw: [Double], alphaIndex k: Int) -> Double {
        let z = transform.transform(raw: raw)
        var eta = intercepts[k]
        for j in 0..<min(z.count, coefficients[k].count) { eta += coefficients[k][j] * z[j] }
        return model.isClassification ? sigmoid(eta) : eta
    }

    /// The CSV contract: one row per α in the given order with columns `alpha`, one per feature, `intercept`,
    /// the metric columns (`metricNames`), then `nonzero` and `duality_gap`. Numbers use %.17g (exact round trip).
    public func csvText() -> String {
        var lines: [String] = []
        lines.append((["alpha"] + featureNames + ["intercept"] + metricNames + ["nonzero", "duality_gap"])
            .map(csvField).joined(separator: ","))
        let counts = nonzeroCounts
        for k in alphas.indices {
            var cells = [formatNumber(alphas[k])]
            cells += coefficients[k].map(formatNumber)
            cells.append(formatNumber(intercepts[k]))
            for name in metricNames { cells.append(formatNumber(metrics[name]?[k] ?? .nan)) }
            cells.append(String(counts[k]))
            cells.append(formatNumber(dualityGaps[k]))
            lines.append(cells.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// %.17g, with −0 written as 0 and non-finite values as nan, inf, -inf.
public func formatNumber(_ v: Double) -> String {
    if v.isNaN { return "nan" }
    if v.isInfinite { return v > 0 ? "inf" : "-inf" }
    if v == 0 { return "0" }
    // C's formatter on a stack buffer: Foundation's String(format:) costs ~10× more, and result CSVs hold
    // thousands of numbers. Should anything have set a locale with a decimal comma, it is put back to ".".
    return withUnsafeTemporaryAllocation(of: CChar.self, capacity: 32) { buffer in
        guard let base = buffer.baseAddress else { return String(format: "%.17g", v) }
        let written = withVaList([v]) { vsnprintf(base, 32, "%.17g", $0) }
        guard written > 0, written < 32 else { return String(format: "%.17g", v) }
        for k in 0..<Int(written) where base[k] == CChar(UInt8(ascii: ",")) { base[k] = CChar(UInt8(ascii: ".")) }
        return String(cString: base)
    }
}

private func csvField(_ s: String) -> String {
    if s.contains(",") || s.contains("\"") || s.contains("\n") {
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
    return s
}
