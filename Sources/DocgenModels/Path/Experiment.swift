import Foundation

/// Runs one experiment: optional polynomial expansion, standardization, the family's fit along the α grid, holdout
/// metrics and cross-validation. Pure and deterministic (all randomness from the seeds in `spec`); safe to call
/// concurrently. See the spec's `family` for the objective.
///
/// From a million values (rows × features) up, a family that fits from moments (least squares) is fitted from one
/// pass of per-fold sums instead of copies of the rows (`fitFromMoments`); the numbers agree with the row route to
/// rounding.
///
/// - Throws: `ModelError` (with the option `key` at fault) for invalid options, a target the family cannot fit
///   (`"target"`), fewer rows than folds (`"cv"`); `DataError` for too few rows.
public func runExperiment(_ data: Dataset, _ spec: ExperimentSpec) throws -> ExperimentResult {
    try runExperiment(data, spec, momentsAbove: momentFitCells)
}

/// `runExperiment`, fitting from moments (`fitFromMoments`) from `momentsAbove` values (rows × features) up.
func runExperiment(_ data: Dataset, _ spec: ExperimentSpec, momentsAbove: Int) throws -> ExperimentResult {
    try spec.validate()
    guard data.rowCount >= 2 else {
        throw DataError(kind: .tooFewRows, message: "the data has \(data.rowCount) rows; at least 2 are needed", key: "data")
    }
    try checkHasFeatures(data)
    let family = spec.family
    try family.checkTarget(data.y, name: data.targetName)
    let expanded = try FeatureTransform.expand(data, degree: spec.polynomialDegree)

    let (trainRows, testRows) = try holdoutRows(rowCount: data.rowCount, split: spec.split)
    try FitChecks.checkTargets(data, train: trainRows, test: testRows, task: family.task,
                               fitsIntercept: family.fitsIntercept)
    // R² is left out where it is undefined: a constant target, which only a model without an intercept may fit.
    let scoredMetrics = family.task.metrics.filter {
        $0 != .r2 || FitChecks.rSquaredIsDefined(data, train: trainRows, test: testRows)
    }
    if family.task == .binaryClassification, Set(trainRows.lazy.map { data.y[$0] }).count < 2 {
        throw ModelError(key: "split", message: "the training rows contain only one class of '\(data.targetName)'")
    }
    let fitted = try fitFromMoments(expanded, spec: spec, trainRows: trainRows, testRows: testRows,
                                    metrics: scoredMetrics, cellsAbove: momentsAbove)
        ?? fitByRows(expanded, spec: spec, trainRows: trainRows, testRows: testRows, metrics: scoredMetrics)
    let alphas = fitted.grid.alphas, amax = fitted.alphaMax
    var warnings: [ModelWarning] = []
    for (j, constant) in fitted.transform.isConstant.enumerated() where constant {
        let name = fitted.transform.featureNames[j]
        warnings.append(ModelWarning(kind: .constantFeature,
                                     message: "feature '\(name)' is constant in the fitting rows; its coefficient is 0",
                                     feature: name, key: "features"))
    }
    warnings += fitted.path.warnings
    var metrics = fitted.metrics
    var names: [String] = []
    for metric in scoredMetrics {
        names.append(DataPart.train.columnName(metric))
        if !testRows.isEmpty { names.append(DataPart.test.columnName(metric)) }
    }
    var alphaMinIndex: Int?, alpha1SEIndex: Int?
    if let summary = fitted.crossValidation {
        metrics[CrossValidationColumn.mean] = summary.mean
        metrics[CrossValidationColumn.standardError] = summary.standardError
        names += [CrossValidationColumn.mean, CrossValidationColumn.standardError]
        alphaMinIndex = summary.minIndex
        alpha1SEIndex = summary.oneSEIndex
        warnings += summary.warnings
    }
    let checksSeparation = family.separatedClassesDiverge
    let separatesTraining = fitted.separatesTraining
    try FitChecks.checkFinite(alphas: alphas, coefficients: fitted.path.coefficients, intercepts: fitted.path.intercepts,
                              metrics: metrics, names: names)

    // Degenerate but publishable: say so.
    let separableAlready = warnings.contains { $0.kind == .separableClasses }
    var bestIndex: Int?
    if !testRows.isEmpty, let scores = metrics[DataPart.test.columnName(family.task.score)] {
        bestIndex = bestScoreIndex(scores, alphas: alphas)
    }
    // The α an experiment chooses: cross-validation's α_min when it has cv (the test part is then only a check),
    // else the best test score. Unpenalized models choose nothing.
    let penalized = family.l1Ratio != nil
    warnings += FitChecks.warnings(alphas: alphas, coefficients: fitted.path.coefficients,
                                   separatesTraining: separableAlready || !checksSeparation ? nil : separatesTraining,
                                   testCount: testRows.count,
                                   bestIndex: penalized && spec.cv == nil ? bestIndex : nil,
                                   scoreName: family.task.score.displayName,
                                   alphaMinIndex: penalized ? alphaMinIndex : nil, alphaMax: amax,
                                   exactAlphaMax: fitted.exactAlphaMax, targetName: data.targetName)
    // The family's own per-α numbers (a network's weight norms and epochs) join the metric columns.
    for (c, name) in type(of: family).solutionColumnNames.enumerated() {
        metrics[name] = fitted.path.solutions.map { c < $0.columns.count ? $0.columns[c] : .nan }
        names.append(name)
    }
    let coefficientNames = family.coefficientNames(features: fitted.transform.featureNames)

    return ExperimentResult(
        modelName: family.name, modelDisplayName: family.displayName, task: family.task,
        featureNames: coefficientNames, targetName: data.targetName, standardized: spec.standardize,
        alphas: alphas, coefficients: fitted.path.coefficients, intercepts: fitted.path.intercepts,
        dualityGaps: fitted.path.gaps, nullObjective: fitted.path.nullObjective, alphaMax: amax, metrics: metrics,
        metricNames: names, alphaMinIndex: alphaMinIndex, alpha1SEIndex: alpha1SEIndex,
        entryOrder: entryOrder(alphas: alphas, coefficients: fitted.path.coefficients, names: coefficientNames),
        transform: fitted.transform, rowCount: data.rowCount, trainCount: trainRows.count, testCount: testRows.count,
        penaltyParameter: family.penaltyParameter, penaltyValues: fitted.grid.values,
        warnings: warnings, certificateName: family.certificateName,
        parameterNames: family.parameterNames(features: fitted.transform.featureNames),
        parameters: fitted.path.solutions.map(\.parameters),
        histories: fitted.path.solutions.compactMap(\.history))
}

/// The fitted part of an experiment on its rows: the transform fitted on the training rows and applied to a copy of
/// them, the path, then the scores one α at a time (memory: one prediction vector, not rows × α), and the folds.
func fitByRows(_ expanded: Dataset, spec: ExperimentSpec, trainRows: [Int], testRows: [Int],
               metrics scoredMetrics: [Metric]) throws -> FittedExperiment {
    let family = spec.family
    let train = expanded.selectingRows(trainRows)
    // α grid (α_max from the fitting rows), and the author's values of the family's penalty parameter.
    let fitTransform = FeatureTransform.fit(train, degree: spec.polynomialDegree, standardize: spec.standardize,
                                            keepConstantColumns: spec.keepsConstantColumns)
    let fitRows = fitTransform.apply(toExpanded: train)
    let amax = family.alphaMax(fitRows)
    let grid = resolvePenalties(spec.alphas, family: family, alphaMax: amax, rows: train.rowCount)
    let alphas = grid.alphas
    let exactAlphaMax = family.nullSolution(fitRows) != nil

    let test = testRows.isEmpty ? nil : expanded.selectingRows(testRows)
    let trained = try trainPath(transformed: fitRows, transform: fitTransform, spec: spec, alphas: alphas,
                                validation: test)
    // Training margins (2y − 1)(P(y = 1) − ½) > 0 for every row put each training row on its side.
    var metrics: [String: [Double]] = [:]
    var separatesTraining = [Bool](repeating: false, count: alphas.count)
    func addScores(_ part: DataPart, _ rows: Dataset, separation: Bool) {
        for metric in scoredMetrics { metrics[part.columnName(metric)] = [Double](repeating: 0, count: alphas.count) }
        trained.forEachPrediction(expanded: rows) { k, prediction in
            for metric in scoredMetrics { metrics[part.columnName(metric)]![k] = metric.evaluate(rows.y, prediction) }
            if separation { separatesTraining[k] = FitChecks.separatesRows(rows.y, prediction) }
        }
    }
    addScores(.train, train, separation: family.separatedClassesDiverge)
    if let test { addScores(.test, test, separation: false) }
    let summary = try spec.cv.map { try crossValidate(train, spec: spec, folds: $0, penalties: grid.values) }
    return FittedExperiment(transform: trained.transform, alphaMax: amax, grid: grid, path: trained.path,
                            metrics: metrics, separatesTraining: separatesTraining, crossValidation: summary,
                            exactAlphaMax: exactAlphaMax)
}

/// The training and test rows of a holdout split. Without a split every row trains.
///
/// `method: docgen`: docgen's seeded shuffle (`SeededGenerator(seed).permutation(n)`), whose first
/// n_test = round(test · n) rows (rounded half away from zero, then kept between 1 and n − 2 so that at least 2 rows
/// train) are the test rows; both parts ascending.
///
/// `method: sklearn`: `train_test_split(X, y, test_size=test, random_state=seed)` exactly (`ScikitLearn.trainTestSplit`:
/// numpy's `RandomState(seed).permutation(n)`, the first ⌈test · n⌉ rows test), both parts in scikit-learn's
/// order: row k of a student's `X_train` is row `train[k]` of the data. The order does not change the fit, but
/// `KFold` on the training part cuts its contiguous folds in this order, as it does in scikit-learn.
func holdoutRows(rowCount n: Int, split: HoldoutSplit?) throws -> (train: [Int], test: [Int]) {
    guard let split else { return (Array(0..<n), []) }
    guard n >= 3 else {
        throw ModelError(key: "split", message: "a holdout split needs at least 3 rows, the data has \(n)")
    }
    switch split.method {
    case .docgen:
        var rng = SeededGenerator(seed: split.seed)
        let perm = rng.permutation(n)
        let nTest = min(max(Int((split.testFraction * Double(n)).rounded()), 1), n - 2)
        return (Array(perm[nTest...]).sorted(), Array(perm[0..<nTest]).sorted())
    case .sklearn:
        let rows = try ScikitLearn.trainTestSplit(rowCount: n, testFraction: split.testFraction, seed: split.seed)
        guard rows.train.count >= 2 else {
            throw ModelError(key: "split", message: "split test \(split.testFraction) of \(n) rows leaves "
                + "\(rows.train.count) training row (scikit-learn holds out ⌈test × n⌉ rows); at least 2 must train")
        }
        return (rows.train, rows.test)
    }
}

/// The author's penalty values for a fit on `rows` rows, and docgen's α for each (see `PenaltyParameter`).
/// Listed values and `logspace` are the author's values as written; the automatic grid is made in α (from
/// α_max of these rows) and converted to the author's parameter. An unpenalized family is fitted once, at α = 0.
func resolvePenalties(_ grid: AlphaGrid, family: any ModelFamily, alphaMax: Double,
                      rows: Int) -> (values: [Double], alphas: [Double]) {
    let parameter = family.penaltyParameter
    if family.l1Ratio == nil { return ([0], [0]) }
    if case .automatic = grid {
        let alphas = resolveAlphas(grid, family: family, alphaMax: alphaMax)
        return (alphas.map { parameter.value(alpha: $0, rows: rows) }, alphas)
    }
    let values = resolveAlphas(grid, family: family, alphaMax: alphaMax)
    return (values, values.map { parameter.alpha($0, rows: rows) })
}

extension ExperimentSpec {
    /// Whether features constant in the fitting rows keep their values: only without an intercept and without
    /// standardization, where such a column acts as a bias (with an intercept it is centered to 0, standardized it is
    /// 0 by scikit-learn's convention as by docgen's).
    var keepsConstantColumns: Bool { !family.fitsIntercept && !standardize }
}

func checkHasFeatures(_ data: Dataset) throws {
    guard data.featureCount >= 1 else {
        throw DataError(kind: .unknownColumn, message: "no feature columns to fit (only the target '\(data.targetName)')",
                        key: "features")
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
