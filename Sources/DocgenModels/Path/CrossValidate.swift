import Foundation
import Synchronization

/// Data sets of at least this many values (rows × features) cross-validate two folds at a time.
let parallelFoldCells = 2_000_000

/// Per-α cross-validation summary.
struct CrossValidationSummary {
    var mean: [Double]
    var standardError: [Double]
    var minIndex: Int
    var oneSEIndex: Int
    var warnings: [ModelWarning]
}

/// K-fold CV on the fitting rows `data` (the training part of a split, in its order), with the same penalty values
/// in every fold: the author's values of the family's penalty parameter, each turned into α for the fold's own
/// number of training rows (for docgen's α that is the same α in every fold; for scikit-learn's `Ridge` alpha or C it
/// is the α the same scikit-learn estimator fits inside `cross_val_score`). Each fold refits the transform
/// (standardization) on its own training rows. Folds come from `crossValidationFolds`. Held-out error: the task's
/// validation error (MSE for regression, mean log-loss for classification). SE = sd over folds (K − 1) / √K.
///
/// `parallelAbove`: the data size (rows × features) from which two folds run at once.
func crossValidate(_ data: Dataset, spec: ExperimentSpec, folds cv: CrossValidation, penalties: [Double],
                   parallelAbove: Int = parallelFoldCells) throws -> CrossValidationSummary {
    let k = cv.folds
    let (splits, foldWarning) = try crossValidationFolds(data.y, task: spec.family.task, cv: cv)
    let parameter = spec.family.penaltyParameter
    var warnings: [ModelWarning] = []
    if let foldWarning {
        warnings.append(ModelWarning(kind: .smallClass, message: "cross-validation: " + foldWarning, key: "cv"))
    }
    for (f, split) in splits.enumerated()
    where spec.family.task == .binaryClassification && Set(split.train.lazy.map { data.y[$0] }).count < 2 {
        throw ModelError(key: "cv", message: "fold \(f + 1) of \(k) has training rows of only one class")
    }
    // Each fold: its training rows standardized while they are gathered (one copy of them, not two), its path, and
    // its held-out error one α at a time. Folds are independent; on large data two run at once. Every fold's numbers
    // are its own, and they are combined in fold order, so the result does not depend on the schedule.
    let folds = Mutex([Result<(errors: [Double], warnings: [ModelWarning]), Error>?](repeating: nil, count: k))
    let next = Mutex(0)
    let workers = SizeLimits.product(data.rowCount, data.featureCount).map { $0 >= parallelAbove } == true
        ? min(2, k) : 1
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
        while true {
            let f = next.withLock { value -> Int in defer { value += 1 }; return value }
            guard f < k else { return }
            let split = splits[f]
            let outcome = Result { () throws -> (errors: [Double], warnings: [ModelWarning]) in
                let alphas = penalties.map { parameter.alpha($0, rows: split.train.count) }
                let trained = try trainPath(expanded: data, rows: split.train, spec: spec, alphas: alphas)
                var warnings: [ModelWarning] = []
                for w in trained.path.warnings where w.kind == .notConverged {
                    var fw = w
                    fw.message = "cross-validation fold \(f + 1): " + w.message
                    warnings.append(fw)
                }
                let error = spec.family.task.validationError
                let held = data.selectingRows(split.test)
                var errors = [Double](repeating: 0, count: alphas.count)
                trained.forEachPrediction(expanded: held) { a, prediction in errors[a] = error.evaluate(held.y, prediction) }
                return (errors, warnings)
            }
            folds.withLock { $0[f] = outcome }
        }
    }
    var errors = [[Double]](repeating: [], count: k)
    for (f, outcome) in folds.withLock({ $0 }).enumerated() {
        let (foldErrors, foldWarnings) = try outcome!.get()
        errors[f] = foldErrors
        warnings += foldWarnings
    }
    return summarizeCrossValidation(errors: errors, penalties: penalties, parameter: parameter, rows: data.rowCount,
                                    warnings: warnings)
}

/// The summary of per-fold held-out errors (`errors[fold][a]`, one per penalty value): mean, SE, the smallest mean
/// (ties to the larger α on `rows` fitting rows) and the largest α within one SE of it.
func summarizeCrossValidation(errors: [[Double]], penalties: [Double], parameter: PenaltyParameter, rows: Int,
                              warnings: [ModelWarning]) -> CrossValidationSummary {
    let k = errors.count, m = penalties.count
    var mean = [Double](repeating: 0, count: m), se = [Double](repeating: 0, count: m)
    for a in 0..<m {
        let values = errors.map { $0[a] }
        let mu = values.reduce(0, +) / Double(k)
        let variance = values.reduce(0) { $0 + ($1 - mu) * ($1 - mu) } / Double(k - 1)
        mean[a] = mu
        se[a] = (variance / Double(k)).squareRoot()
    }
    // Smallest mean; ties go to the more penalized value (the larger α, measured on the fitting rows).
    let alphas = penalties.map { parameter.alpha($0, rows: rows) }
    var minIndex = 0
    for a in 1..<max(m, 1) where mean[a] < mean[minIndex] || (mean[a] == mean[minIndex] && alphas[a] > alphas[minIndex]) {
        minIndex = a
    }
    let bound = mean[minIndex] + se[minIndex]
    var oneSE = minIndex
    for a in 0..<m where mean[a] <= bound && alphas[a] > alphas[oneSE] { oneSE = a }
    return CrossValidationSummary(mean: mean, standardError: se, minIndex: minIndex, oneSEIndex: oneSE, warnings: warnings)
}

/// The folds of `cv` over rows with target `y` (positions 0..<y.count of the fitting rows, in their order), each
/// split's `train` and `test` ascending, and a warning when scikit-learn would give one.
///
/// `method: docgen`: rows shuffled by `SeededGenerator(seed ?? 0).permutation(n)`, the row at position p of the
/// shuffle held out by fold p mod k (so fold sizes differ by at most one).
///
/// `method: sklearn`: what `cross_val_score(estimator, X, y, cv=…)` uses — `KFold(k)` for a regression (contiguous
/// blocks, the first n mod k of them one row larger), `StratifiedKFold(k)` for a classification; with a `seed` the
/// same splitter with `shuffle=True, random_state=seed` (`ScikitLearn.crossValidationFolds`).
func crossValidationFolds(_ y: [Double], task: PredictionTask,
                          cv: CrossValidation) throws -> (splits: [ScikitLearn.RowSplit], warning: String?) {
    let n = y.count, k = cv.folds
    guard n >= k else {
        throw ModelError(key: "cv", message: "cv asks for \(k) folds but only \(n) rows are available")
    }
    switch cv.method {
    case .docgen:
        let foldOf = try crossValidationFoldOf(y, task: task, cv: cv).foldOf.map { Int($0) }
        return (ScikitLearn.splits(testFold: foldOf, folds: k), nil)
    case .sklearn:
        let folds = try ScikitLearn.crossValidationFolds(target: y, isClassification: task == .binaryClassification,
                                                         folds: k, shuffleSeed: cv.seed)
        return (folds.splits, folds.warning)
    }
}

/// The fold that holds out each of the fitting rows (`foldOf[position]`, 0-based): the folds of
/// `crossValidationFolds`, without a list of every fold's training rows (k lists of about n rows each, which on a
/// million rows are 80 MB).
func crossValidationFoldOf(_ y: [Double], task: PredictionTask,
                           cv: CrossValidation) throws -> (foldOf: [Int32], warning: String?) {
    let n = y.count, k = cv.folds
    switch cv.method {
    case .docgen:
        guard n >= k else {
            throw ModelError(key: "cv", message: "cv asks for \(k) folds but only \(n) rows are available")
        }
        var rng = SeededGenerator(seed: cv.seed ?? 0)
        let perm = rng.permutation(n)
        var foldOf = [Int32](repeating: 0, count: n)
        for (position, row) in perm.enumerated() { foldOf[row] = Int32(position % k) }
        return (foldOf, nil)
    case .sklearn:
        let (splits, warning) = try crossValidationFolds(y, task: task, cv: cv)
        var foldOf = [Int32](repeating: 0, count: n)
        for (f, split) in splits.enumerated() { for position in split.test { foldOf[position] = Int32(f) } }
        return (foldOf, warning)
    }
}
