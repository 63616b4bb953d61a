import Foundation

/// Runs one experiment: optional polynomial expansion, standardization, the fit along the α grid, holdout
/// metrics and cross-validation. Pure and deterministic (all randomness from the seeds in `spec`); safe to call
/// concurrently. See `ModelKind` for the objective.
///
/// - Throws: `ModelError` (with the option `key` at fault) for invalid options, a non-0/1 logistic target
///   (`"target"`), fewer rows than folds (`"cv"`); `DataError` for too few rows.
public func runExperiment(_ data: Dataset, _ spec: ExperimentSpec) throws -> ExperimentResult {
    try spec.validate()
    guard data.rowCount >= 2 else {
        throw DataError(kind: .tooFewRows, message: "the data has \(data.rowCount) rows; at least 2 are needed", key: "data")
    }
    try checkHasFeatures(data)
    if spec.model.isClassification { try checkBinaryTarget(data.y, name: data.targetName) }
    let expanded = try FeatureTransform.expand(data, degree: spec.polynomialDegree)

    // Holdout split.
    var trainRows = Array(0..<data.rowCount), testRows: [Int] = []
    if let split = spec.split {
        guard data.rowCount >= 3 else {
            throw ModelError(key: "split", message: "a holdout split needs at least 3 rows, the data has \(data.rowCount)")
        }
        var rng = SeededGenerator(seed: split.seed)
        let perm = rng.permutation(data.rowCount)
        let nTest = min(max(Int((split.testFraction * Double(data.rowCount)).rounded()), 1), data.rowCount - 2)
        testRows = Array(perm[0..<nTest]).sorted()
        trainRows = Array(perm[nTest...]).sorted()
    }
    let train = expanded.selectingRows(trainRows)
    if spec.model.isClassification, Set(train.y).count < 2 {
        throw ModelError(key: "split", message: "the training rows contain only one class of '\(data.targetName)'")
    }

    // α grid (α_max from the fitting rows).
    let rho = spec.model.l1Ratio
    let fitTransform = FeatureTransform.fit(train, degree: spec.polynomialDegree, standardize: spec.standardize)
    let amax = alphaMax(transformed: fitTransform.apply(toExpanded: train), l1Ratio: rho)
    let alphas = resolveAlphas(spec.alphas, model: spec.model, alphaMax: amax)

    let trained = try trainPath(expanded: train, spec: spec, alphas: alphas)
    var warnings: [ModelWarning] = []
    for (j, constant) in trained.transform.isConstant.enumerated() where constant {
        let name = trained.transform.featureNames[j]
        warnings.append(ModelWarning(kind: .constantFeature,
                                     message: "feature '\(name)' is constant in the fitting rows; its coefficient is 0",
                                     feature: name, key: "features"))
    }
    warnings += trained.path.warnings

    // Metrics.
    var metrics: [String: [Double]] = [:]
    var names: [String] = []
    func addScores(_ prefix: String, _ rows: Dataset) {
        let predictions = trained.predictions(expanded: rows)
        if spec.model.isClassification {
            metrics[prefix + "_accuracy"] = predictions.map { accuracy(rows.y, probabilities: $0) }
            metrics[prefix + "_log_loss"] = predictions.map { logLoss(rows.y, probabilities: $0) }
        } else {
            metrics[prefix + "_r2"] = predictions.map { rSquared(rows.y, $0) }
            metrics[prefix + "_mse"] = predictions.map { meanSquaredError(rows.y, $0) }
        }
    }
    addScores("train", train)
    if !testRows.isEmpty { addScores("test", expanded.selectingRows(testRows)) }
    let scoreNames = spec.model.isClassification ? ["accuracy", "log_loss"] : ["r2", "mse"]
    for s in scoreNames { names.append("train_" + s); if !testRows.isEmpty { names.append("test_" + s) } }

    var alphaMinIndex: Int?, alpha1SEIndex: Int?
    if let cv = spec.cv {
        let summary = try crossValidate(train, spec: spec, folds: cv, alphas: alphas)
        metrics["cv_mean"] = summary.mean
        metrics["cv_se"] = summary.standardError
        names += ["cv_mean", "cv_se"]
        alphaMinIndex = summary.minIndex
        alpha1SEIndex = summary.oneSEIndex
        warnings += summary.warnings
    }

    return ExperimentResult(
        model: spec.model, featureNames: trained.transform.featureNames, targetName: data.targetName,
        standardized: spec.standardize, alphas: alphas, coefficients: trained.path.coefficients,
        intercepts: trained.path.intercepts, dualityGaps: trained.path.gaps, nullObjective: trained.path.nullObjective,
        alphaMax: amax, metrics: metrics, metricNames: names, alphaMinIndex: alphaMinIndex,
        alpha1SEIndex: alpha1SEIndex, cvError: spec.cv == nil ? nil : (spec.model.isClassification ? "log_loss" : "mse"),
        warnings: warnings, entryOrder: entryOrder(alphas: alphas, coefficients: trained.path.coefficients,
                                                   names: trained.transform.featureNames),
        transform: trained.transform, rowCount: data.rowCount, trainCount: trainRows.count, testCount: testRows.count)
}

func checkHasFeatures(_ data: Dataset) throws {
    guard data.featureCount >= 1 else {
        throw DataError(kind: .unknownColumn, message: "no feature columns to fit (only the target '\(data.targetName)')",
                        key: "features")
    }
}

func checkBinaryTarget(_ y: [Double], name: String) throws {
    if let bad = y.firstIndex(where: { $0 != 0 && $0 != 1 }) {
        throw ModelError(key: "target",
                         message: "logistic regression needs a 0/1 target; '\(name)' has \(y[bad]) in data row \(bad + 1)")
    }
    if Set(y).count < 2 {
        throw ModelError(key: "target", message: "logistic regression needs both classes; '\(name)' has only \(y[0])")
    }
}

/// Feature names in order of first nonzero coefficient as α decreases; ties at one α by larger |β| first.
func entryOrder(alphas: [Double], coefficients: [[Double]], names: [String]) -> [String] {
    var entered = Set<Int>()
    var order: [String] = []
    for k in decreasingOrder(alphas) {
        let newcomers = coefficients[k].indices.filter { coefficients[k][$0] != 0 && !entered.contains($0) }
            .sorted { abs(coefficients[k][$0]) > abs(coefficients[k][$1]) }
        for j in newcomers { entered.insert(j); order.append(names[j]) }
    }
    return order
}
