import Foundation
import Synchronization

/// Everything one experiment produced, as plain numbers (what the build caches, and what prose, tables and figures
/// read). Per-α arrays are in the order the α grid was given (the directive's order), even though paths are solved
/// in decreasing α.
///
/// Coefficients are on the model-feature scale: standardized (mean 0, sd 1 with 1/n) when `standardized`, raw
/// otherwise; the intercept is on the same scale, so the prediction for a raw input u at α index k is
/// `intercepts[k] + Σ_j coefficients[k][j] · transform.transform(raw: u)[j]` (through the logistic function for
/// classification). With a holdout split the fit (and CV) use the training rows only.
public struct ExperimentResult: Sendable, Equatable {
    /// The `model:` name (`lasso`).
    public var modelName: String
    /// Words for captions and alt texts ("lasso").
    public var modelDisplayName: String
    public var task: PredictionTask
    /// The coefficients' names, one per entry of `coefficients[k]`: the model feature names (data header names,
    /// or x, x^2, … with polynomial features) for a linear model; a network's weights otherwise (see the family's
    /// `coefficientNames`).
    public var featureNames: [String]
    public var targetName: String
    public var standardized: Bool
    /// The α values, in the given order.
    public var alphas: [Double]
    /// `coefficients[k][j]`: feature j at α index k (both 0-based).
    public var coefficients: [[Double]]
    public var intercepts: [Double]
    /// The family's certificate per α (the duality gap for linear models), absolute, in objective units.
    public var dualityGaps: [Double]
    /// Objective at weights zero with the best intercept; the default stop is gap ≤ 1e-7 × this.
    public var nullObjective: Double
    /// Smallest α with all coefficients zero for this model's l1 ratio, from the fitting rows
    /// (for ρ = 0 the glmnet convention ρ = 0.001 is used).
    public var alphaMax: Double
    /// Metric columns by `ResultColumn` name (`train_r2`, `test_log_loss`, `cv_mean`, `cv_se`), one value per α,
    /// and the family's own per-α numbers (its `solutionColumnNames`, such as a network's `epochs`).
    public var metrics: [String: [Double]]
    /// Metric column names in CSV order.
    public var metricNames: [String]
    /// Cross-validation choice (nil without CV): α index with the smallest mean held-out error, and the
    /// largest α whose mean error ≤ min mean + SE at the minimum (the one-standard-error rule).
    public var alphaMinIndex: Int?
    public var alpha1SEIndex: Int?
    /// Feature names in the order they first become nonzero as α decreases (ties: larger |β| first).
    public var entryOrder: [String]
    /// The raw-input → model-feature map fitted on the training rows.
    public var transform: FeatureTransform
    /// Rows in the data set, in the training part and in the test part (0 without split).
    public var rowCount: Int
    public var trainCount: Int
    public var testCount: Int
    /// The penalty parameter the author wrote (`PenaltyParameter.alpha` for docgen's own α).
    public var penaltyParameter: PenaltyParameter
    /// The author's value of that parameter per α, in the given order (equal to `alphas` for docgen's α). For
    /// scikit-learn's `Ridge` alpha and C these are the values a student passes to the estimator; `alphas` are the α
    /// they mean on the fitting rows.
    public var penaltyValues: [Double]
    /// Problems the fit met (non-convergence, constant features); not part of equality's meaning but compared too.
    public var warnings: [ModelWarning]
    /// The CSV name of the certificate in `dualityGaps` (`duality_gap`, or a network's `optimality`).
    public var certificateName: String
    /// Names of the unpenalized parameters besides the intercept (a network's hidden biases); empty for linear models.
    public var parameterNames: [String]
    /// `parameters[k]`: those parameters at α index k (empty when `parameterNames` is).
    public var parameters: [[Double]]
    /// One training history per α, for families that report them (empty otherwise).
    public var histories: [TrainingHistory]

    public init(modelName: String, modelDisplayName: String, task: PredictionTask, featureNames: [String],
                targetName: String, standardized: Bool, alphas: [Double], coefficients: [[Double]], intercepts: [Double],
                dualityGaps: [Double], nullObjective: Double, alphaMax: Double, metrics: [String: [Double]],
                metricNames: [String], alphaMinIndex: Int?, alpha1SEIndex: Int?, entryOrder: [String],
                transform: FeatureTransform, rowCount: Int, trainCount: Int, testCount: Int,
                penaltyParameter: PenaltyParameter = .alpha, penaltyValues: [Double]? = nil,
                warnings: [ModelWarning] = [], certificateName: String = "duality_gap", parameterNames: [String] = [],
                parameters: [[Double]] = [], histories: [TrainingHistory] = []) {
        self.modelName = modelName; self.modelDisplayName = modelDisplayName; self.task = task
        self.featureNames = featureNames; self.targetName = targetName; self.standardized = standardized
        self.alphas = alphas; self.coefficients = coefficients; self.intercepts = intercepts
        self.dualityGaps = dualityGaps; self.nullObjective = nullObjective; self.alphaMax = alphaMax
        self.metrics = metrics; self.metricNames = metricNames; self.alphaMinIndex = alphaMinIndex
        self.alpha1SEIndex = alpha1SEIndex; self.entryOrder = entryOrder; self.transform = transform
        self.rowCount = rowCount; self.trainCount = trainCount; self.testCount = testCount; self.warnings = warnings
        self.penaltyParameter = penaltyParameter; self.penaltyValues = penaltyValues ?? alphas
        self.certificateName = certificateName; self.parameterNames = parameterNames
        self.parameters = parameterNames.isEmpty ? [] : parameters
        self.histories = histories
    }

    public var alphaMin: Double? { alphaMinIndex.map { alphas[$0] } }
    public var alpha1SE: Double? { alpha1SEIndex.map { alphas[$0] } }
    /// Number of model features p.
    public var featureCount: Int { featureNames.count }
    public var isClassification: Bool { task == .binaryClassification }
    /// Rows of the training part, nil without a split.
    public var trainRows: Int? { testCount > 0 ? trainCount : nil }
    /// Rows of the test part, nil without a split.
    public var testRows: Int? { testCount > 0 ? testCount : nil }

    /// Nonzero coefficients per α. A scan of the whole path: read it once, outside any loop over α
    /// (`PathScans` counts the scans in debug builds, for the tests that guard this).
    public var nonzeroCounts: [Int] {
        PathScans.record()
        return coefficients.map { $0.filter { $0 != 0 }.count }
    }
    /// Nonzero coefficients at α index k.
    public func nonzeroCount(at k: Int) -> Int { coefficients[k].filter { $0 != 0 }.count }
    /// ‖β‖₁ per α (model-feature scale). A scan of the whole path, like `nonzeroCounts`.
    public var l1Norms: [Double] {
        PathScans.record()
        return coefficients.map { $0.reduce(0) { $0 + abs($1) } }
    }

    /// The metric column `name` (`test_r2`), or nil.
    public func metric(_ name: String) -> [Double]? { metrics[name] }
    /// The column of `metric` on `part` of the data, or nil.
    public func metric(_ metric: Metric, on part: DataPart) -> [Double]? { metrics[part.columnName(metric)] }

    /// The test score that is better when larger (R² or accuracy), when there is a test part.
    public var testScores: [Double]? { metric(task.score, on: .test) }

    /// Index of the best test score (ties: the larger α, the simpler model), nil without a split.
    public var bestIndex: Int? {
        guard let scores = testScores, !scores.isEmpty else { return nil }
        return bestScoreIndex(scores, alphas: alphas)
    }

    /// Index of the grid α nearest to `alpha` on a log scale (exact matches first); nil for an empty grid.
    public func index(nearest alpha: Double) -> Int? {
        guard !alphas.isEmpty else { return nil }
        if let exact = alphas.firstIndex(of: alpha) { return exact }
        func distance(_ a: Double) -> Double {
            if a <= 0 || alpha <= 0 { return abs(a - alpha) * 1e6 }
            return abs(log(a) - log(alpha))
        }
        return alphas.indices.min { distance(alphas[$0]) < distance(alphas[$1]) }
    }

    /// The grid α used for a requested one: the nearest (see `index(nearest:)`), and a warning naming it when the
    /// two differ by more than `GridChoice.tolerance` relative — a figure, table or number that asked for α = 1 and
    /// shows α = 1.0105 must say so. `key` is the option that asked. Nil for an empty grid.
    public func gridChoice(for alpha: Double, key: String) -> GridChoice? {
        guard let k = index(nearest: alpha) else { return nil }
        let used = alphas[k]
        let onGrid = abs(used - alpha) <= GridChoice.tolerance * max(abs(used), abs(alpha))
        let warning = onGrid ? nil : ModelWarning(kind: .alphaNotOnGrid,
            message: "α = \(formatShort(alpha)) is not on the grid; the nearest grid value, α = \(formatShort(used)), is used "
                + "(add \(formatShort(alpha)) to the experiment's 'alphas' to fit it exactly)",
            alpha: used, key: key)
        return GridChoice(index: k, requested: alpha, used: used, warning: warning)
    }

    /// Coefficient of feature `name` at α index `k`, or nil for an unknown name.
    public func coefficient(_ name: String, at k: Int) -> Double? {
        featureNames.firstIndex(of: name).map { coefficients[k][$0] }
    }

    /// The solution at α index k as the family's solver reported it (for the family's `predict`).
    public func solution(at k: Int) -> PathSolution {
        PathSolution(coefficients: coefficients[k], intercept: intercepts[k], certificate: dualityGaps[k], converged: true,
                     parameters: parameters.isEmpty ? [] : parameters[k])
    }

    /// Prediction for one raw input row (the data set's feature columns in order; for polynomial experiments the
    /// single input x) at α index `k`: ŷ for regression, P(y = 1) for classification. Linear models only (one
    /// coefficient per model feature); `computeOutput` predicts through the experiment's family for any model.
    public func predict(raw: [Double], alphaIndex k: Int) -> Double {
        let z = transform.transform(raw: raw)
        var eta = intercepts[k]
        for j in 0..<min(z.count, coefficients[k].count) { eta += coefficients[k][j] * z[j] }
        return isClassification ? sigmoid(eta) : eta
    }

    /// The CSV contract: one row per α in the given order with columns `alpha`, the author's penalty parameter when
    /// it is not docgen's α (`sklearn_alpha`, `C`), one per coefficient (`featureNames`), the other parameters
    /// (`parameterNames`, none for linear models), `intercept`, the metric columns (`metricNames`), then `nonzero`
    /// and the certificate (`certificateName`: `duality_gap` for linear models). Numbers use %.17g (exact round trip).
    public func csvText() -> String {
        var lines: [String] = []
        let parameter = penaltyParameter.isAlpha ? [] : [penaltyParameter.column]
        lines.append((["alpha"] + parameter + featureNames + parameterNames + ["intercept"] + metricNames
                      + ["nonzero", certificateName]).map(csvField).joined(separator: ","))
        let counts = nonzeroCounts
        for k in alphas.indices {
            var cells = [formatNumber(alphas[k])]
            if !penaltyParameter.isAlpha { cells.append(formatNumber(penaltyValues[k])) }
            cells += coefficients[k].map(formatNumber)
            if !parameterNames.isEmpty { cells += parameters[k].map(formatNumber) }
            cells.append(formatNumber(intercepts[k]))
            for name in metricNames { cells.append(formatNumber(metrics[name]?[k] ?? .nan)) }
            cells.append(String(counts[k]))
            cells.append(formatNumber(dualityGaps[k]))
            lines.append(cells.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Where a requested α landed on an experiment's grid.
public struct GridChoice: Sendable, Equatable {
    /// Relative difference up to which a requested α counts as the grid's own (rounding in logspace and YAML).
    public static let tolerance = 1e-9
    /// Index into the result's per-α arrays.
    public var index: Int
    public var requested: Double
    /// The grid α at `index`, the one shown.
    public var used: Double
    /// Set when `used` is not `requested` (kind `alphaNotOnGrid`, at the option that asked).
    public var warning: ModelWarning?
}

/// A number for a message: up to six significant digits, enough to tell 1 from 1.0105 and to find it in the CSV.
func formatShort(_ x: Double) -> String { String(format: "%.6g", x) }

/// Index of the largest score (ties: the larger α, the simpler model).
func bestScoreIndex(_ scores: [Double], alphas: [Double]) -> Int {
    var best = 0
    for k in scores.indices where scores[k] > scores[best] || (scores[k] == scores[best] && alphas[k] > alphas[best]) {
        best = k
    }
    return best
}

extension ExperimentResult {
    /// The per-epoch CSV of a family that reports training histories (nil otherwise): one row per α (in the given
    /// order) and epoch (0 is the starting point), columns `alpha`, `epoch`, `train_loss`, `objective` and, with
    /// a split, `validation_loss`. Numbers use %.17g.
    public func historyCSVText() -> String? {
        guard !histories.isEmpty, histories.count == alphas.count else { return nil }
        let validated = histories.contains { $0.validationLoss != nil }
        var lines = [(["alpha", "epoch", "train_loss", "objective"] + (validated ? ["validation_loss"] : []))
            .joined(separator: ",")]
        for (k, h) in histories.enumerated() {
            for e in h.trainingLoss.indices {
                var cells = [formatNumber(alphas[k]), String(e), formatNumber(h.trainingLoss[e]), formatNumber(h.objective[e])]
                if validated { cells.append(formatNumber(h.validationLoss?[e] ?? .nan)) }
                lines.append(cells.joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Which rows a metric column scores.
public enum DataPart: String, Sendable, CaseIterable {
    case train, test
    /// `train_r2`, `test_log_loss`.
    public func columnName(_ metric: Metric) -> String { rawValue + "_" + metric.columnName }
}

/// The cross-validation columns of a result.
public enum CrossValidationColumn {
    /// Mean held-out error over the folds, per α.
    public static let mean = "cv_mean"
    /// Its standard error, per α.
    public static let standardError = "cv_se"
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

/// The longest text `writeRoundTripText` writes (`-2.2250738585072014e-308` is 24 bytes).
let maximumRoundTripTextLength = 26

/// Writes the shortest decimal text that reads back as exactly `v` (Swift's `description`, which Python's `float` and
/// every correctly rounded parser read back to the same double), with −0 written as 0 and non-finite values as nan,
/// inf, -inf, and a whole number without its `.0`, into `out` at `offset`; returns the number of bytes written (at most `maximumRoundTripTextLength`).
func writeRoundTripText(_ v: Double, to out: UnsafeMutableBufferPointer<UInt8>, at offset: Int) -> Int {
    var text = v == 0 ? "0" : v.isNaN ? "nan" : v.isInfinite ? (v > 0 ? "inf" : "-inf") : v.description
    return text.withUTF8 { bytes in
        // Whole numbers as integers: `151`, not `151.0`.
        var count = min(bytes.count, maximumRoundTripTextLength)
        if count > 2, bytes[count - 2] == UInt8(ascii: "."), bytes[count - 1] == UInt8(ascii: "0") { count -= 2 }
        for k in 0..<count { out[offset + k] = bytes[k] }
        return count
    }
}

/// A CSV field, quoted when it holds a comma, a quote or a line feed (a CRLF too), its quotes doubled. Checked byte
/// by byte: figure data files pass 100,000 cells through here.
public func csvField(_ s: String) -> String {
    if s.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") }) {
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
    return s
}

/// How many times the whole coefficient path has been scanned (`nonzeroCounts`, `l1Norms`), counted in debug builds
/// only. A figure or table that reads such a property inside a loop over α costs α² work; tests draw every kind at two
/// grid sizes and require the same count at both.
public enum PathScans {
    #if DEBUG
    private static let counter = Mutex(0)
    #endif

    static func record() {
        #if DEBUG
        counter.withLock { $0 += 1 }
        #endif
    }

    /// Scans so far (always 0 in a release build).
    public static var count: Int {
        #if DEBUG
        return counter.withLock { $0 }
        #else
        return 0
        #endif
    }
}
