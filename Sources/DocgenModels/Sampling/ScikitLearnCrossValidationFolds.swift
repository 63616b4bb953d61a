extension ScikitLearn {
    /// The folds of `cv: {folds: k, method: sklearn}` (optionally with `seed`), chosen as scikit-learn's
    /// `cross_val_score(estimator, X, y, cv=k)` chooses them.
    public struct CrossValidationFolds: Sendable, Equatable {
        /// The k splits in scikit-learn's order; `train` and `test` ascending in each.
        public var splits: [RowSplit]
        /// True when the folds are `StratifiedKFold`'s (a classification target), false for `KFold`'s.
        public var isStratified: Bool
        /// scikit-learn's warning that the smallest class has fewer rows than folds (stratified folds only), else nil.
        public var warning: String?

        public init(splits: [RowSplit], isStratified: Bool, warning: String?) {
            self.splits = splits; self.isStratified = isStratified; self.warning = warning
        }
    }

    /// The name of the splitter `cross_val_score` uses for an integer `cv` on a model of this task: `StratifiedKFold`
    /// for a classifier, `KFold` otherwise.
    public static func crossValidationSplitter(for task: PredictionTask) -> String {
        task == .binaryClassification ? "StratifiedKFold" : "KFold"
    }

    /// Folds for `target` as scikit-learn's `cross_val_score` makes them for an integer `cv`: `StratifiedKFold(folds)`
    /// for a classifier (`isClassification`, e.g. logistic regression) and `KFold(folds)` for a regressor. With
    /// `shuffleSeed` the same splitter is made with `shuffle=True, random_state=shuffleSeed`, which is what a student
    /// passes as `cv=` to get shuffled folds (`cross_val_score` itself never shuffles when given an integer).
    /// Throws as `kFold` and `stratifiedKFold` do.
    public static func crossValidationFolds(target: [Double], isClassification: Bool, folds: Int,
                                            shuffleSeed: UInt64? = nil) throws -> CrossValidationFolds {
        if isClassification {
            let splits = try stratifiedKFold(labels: target, folds: folds, shuffleSeed: shuffleSeed)
            return CrossValidationFolds(splits: splits, isStratified: true,
                                        warning: stratificationWarning(labels: target, folds: folds))
        }
        return CrossValidationFolds(splits: try kFold(rowCount: target.count, folds: folds, shuffleSeed: shuffleSeed),
                                    isStratified: false, warning: nil)
    }
}
