import Foundation

/// Per-α cross-validation summary.
struct CrossValidationSummary {
    var mean: [Double]
    var standardError: [Double]
    var minIndex: Int
    var oneSEIndex: Int
    var warnings: [ModelWarning]
}

/// K-fold CV with the same α grid in every fold (the grid of the full fitting rows). Rows are shuffled with the
/// seed and dealt round-robin into folds; each fold refits the transform (standardization) on its own training
/// rows. Held-out error: the task's validation error (MSE for regression, mean log-loss for classification). SE = sd over folds (K − 1) / √K.
func crossValidate(_ data: Dataset, spec: ExperimentSpec, folds cv: CrossValidation,
                   alphas: [Double]) throws -> CrossValidationSummary {
    let n = data.rowCount, k = cv.folds
    guard n >= k else {
        throw ModelError(key: "cv", message: "cv asks for \(k) folds but only \(n) rows are available")
    }
    var rng = SeededGenerator(seed: cv.seed)
    let perm = rng.permutation(n)
    var foldOf = [Int](repeating: 0, count: n)
    for (position, row) in perm.enumerated() { foldOf[row] = position % k }
    var errors = [[Double]](repeating: [], count: k)
    var warnings: [ModelWarning] = []
    for f in 0..<k {
        let trainRows = (0..<n).filter { foldOf[$0] != f }, heldRows = (0..<n).filter { foldOf[$0] == f }
        let foldTrain = data.selectingRows(trainRows), held = data.selectingRows(heldRows)
        if spec.family.task == .binaryClassification, Set(foldTrain.y).count < 2 {
            throw ModelError(key: "cv", message: "fold \(f + 1) of \(k) has training rows of only one class")
        }
        let trained = try trainPath(expanded: foldTrain, spec: spec, alphas: alphas)
        for w in trained.path.warnings where w.kind == .notConverged {
            var fw = w
            fw.message = "cross-validation fold \(f + 1): " + w.message
            warnings.append(fw)
        }
        let error = spec.family.task.validationError
        errors[f] = trained.predictions(expanded: held).map { prediction in
            error.evaluate(held.y, prediction)
        }
    }
    let m = alphas.count
    var mean = [Double](repeating: 0, count: m), se = [Double](repeating: 0, count: m)
    for a in 0..<m {
        let values = errors.map { $0[a] }
        let mu = values.reduce(0, +) / Double(k)
        let variance = values.reduce(0) { $0 + ($1 - mu) * ($1 - mu) } / Double(k - 1)
        mean[a] = mu
        se[a] = (variance / Double(k)).squareRoot()
    }
    // Smallest mean; ties go to the larger α.
    var minIndex = 0
    for a in 1..<max(m, 1) where mean[a] < mean[minIndex] || (mean[a] == mean[minIndex] && alphas[a] > alphas[minIndex]) {
        minIndex = a
    }
    let bound = mean[minIndex] + se[minIndex]
    var oneSE = minIndex
    for a in 0..<m where mean[a] <= bound && alphas[a] > alphas[oneSE] { oneSE = a }
    return CrossValidationSummary(mean: mean, standardError: se, minIndex: minIndex, oneSEIndex: oneSE, warnings: warnings)
}
