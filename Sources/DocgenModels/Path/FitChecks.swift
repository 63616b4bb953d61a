import Foundation

/// What makes a fit degenerate, decided where the numbers are: before fitting, targets and parts of the split that
/// leave nothing to fit or an undefined score are errors (`ModelError`, nothing meaningful could be published);
/// after fitting, results that are numbers but mislead are warnings (`ModelWarning`) with the option to blame.
enum FitChecks {
    /// Fewer test rows than this give test scores too coarse to compare α by: a warning.
    static let smallestUsefulTestPart = 10

    /// A regression's target must vary in the data, in the training part, and in a test part of at least two rows
    /// (R² is undefined otherwise). Without an intercept (`fit_intercept: false`) a constant target is still something
    /// to fit (y = 1 on the Hilbert matrix, say): only the one-row test part is refused, and R² is left out of the
    /// scores where it is undefined (`rSquaredIsDefined`). Classification targets are checked by the family
    /// (`checkTarget`).
    static func checkTargets(_ data: Dataset, train: [Int], test: [Int], task: PredictionTask,
                             fitsIntercept: Bool = true) throws {
        guard task == .regression else { return }
        let name = data.targetName
        if !fitsIntercept {
            if test.count == 1 {
                throw ModelError(key: "split", message: "the split leaves 1 test row: test scores need at least 2 "
                    + "rows; use a larger 'test' fraction or more data")
            }
            return
        }
        if let value = constantValue(data.y) {
            throw ModelError(key: "target", message: "target '\(name)' is constant (every row is \(format(value))): "
                + "there is nothing to predict, and R² is undefined")
        }
        if let value = constantValue(train.map { data.y[$0] }) {
            throw ModelError(key: "split", message: "the \(train.count) training rows all have \(name) = \(format(value)): "
                + "there is nothing to fit; change the split's 'seed' or 'test' fraction")
        }
        guard !test.isEmpty else { return }
        if test.count < 2 {
            throw ModelError(key: "split", message: "the split leaves 1 test row: test R² needs at least 2 rows whose "
                + "target varies; use a larger 'test' fraction or more data")
        }
        if let value = constantValue(test.map { data.y[$0] }) {
            throw ModelError(key: "split", message: "the \(test.count) test rows all have \(name) = \(format(value)), "
                + "so test R² is undefined; change the split's 'seed' or 'test' fraction")
        }
    }

    /// Warnings about a finished fit: a test part too small to score, separable classes, the chosen α at the edge of
    /// the grid. `alphaMax` is the fitting rows' α_max; `exactAlphaMax` says whether weights are exactly zero above it.
    static func warnings(alphas: [Double], coefficients: [[Double]], separatesTraining: [Bool]?, testCount: Int,
                         bestIndex: Int?, scoreName: String, alphaMinIndex: Int?, alphaMax: Double,
                         exactAlphaMax: Bool, targetName: String) -> [ModelWarning] {
        var out: [ModelWarning] = []
        if testCount > 0 && testCount < smallestUsefulTestPart {
            out.append(ModelWarning(kind: .smallTestSet,
                message: "the split leaves only \(testCount) test rows, too few for test scores to tell α apart "
                    + "(docgen asks for at least \(smallestUsefulTestPart)); use a larger 'test' fraction or more data",
                key: "split"))
        }
        if let separates = separatesTraining, let k = largestSeparatingAlpha(alphas: alphas, separates: separates) {
            out.append(ModelWarning(kind: .separableClasses,
                message: "the classes of '\(targetName)' are linearly separable: from α = \(format(alphas[k])) down, the fit "
                    + "puts every training row on its side, and as α falls toward 0 the coefficients grow without bound "
                    + "(the unpenalized fit has no finite optimum), so the smallest α's coefficients are set by the penalty",
                alpha: alphas[k], key: "alphas"))
        }
        let choices = [(bestIndex, "the best test \(scoreName)"), (alphaMinIndex, "cross-validation's α_min")]
        for case let (index?, what) in choices {
            if let warning = edgeWarning(index, what, alphas: alphas, coefficients: coefficients, alphaMax: alphaMax,
                                         exactAlphaMax: exactAlphaMax) {
                out.append(warning)
            }
        }
        return out
    }

    /// The chosen α at an end of the grid, when the optimum may lie beyond it. Nothing lies below α = 0, nor above
    /// an α where the weights are exactly zero (there the model is the empty one, said instead); a grid of fewer than
    /// three distinct α has nothing between its ends.
    static func edgeWarning(_ index: Int, _ what: String, alphas: [Double], coefficients: [[Double]],
                            alphaMax: Double, exactAlphaMax: Bool) -> ModelWarning? {
        guard Set(alphas).count >= 3, let lo = alphas.min(), let hi = alphas.max() else { return nil }
        let alpha = alphas[index]
        if alpha == lo && lo > 0 {
            return ModelWarning(kind: .bestAtGridEdge,
                message: "\(what) is at the smallest α of the grid (\(format(lo))): the best penalty may lie below it; "
                    + "extend 'alphas' downward (or include 0)", alpha: alpha, key: "alphas")
        }
        guard alpha == hi else { return nil }
        if exactAlphaMax && alpha >= alphaMax || coefficients[index].allSatisfy({ $0 == 0 }) {
            return ModelWarning(kind: .bestAtGridEdge,
                message: "\(what) is the empty model (α = \(format(alpha)), every coefficient zero): no feature improves "
                    + "the held-out score", alpha: alpha, key: "alphas")
        }
        return ModelWarning(kind: .bestAtGridEdge,
            message: "\(what) is at the largest α of the grid (\(format(hi))): the best penalty may lie above it; "
                + "extend 'alphas' upward", alpha: alpha, key: "alphas")
    }

    /// The largest α whose fit puts every training row strictly on its side, if any (`separates[k]`, from
    /// `separatesRows`): proof that the classes are linearly separable.
    static func largestSeparatingAlpha(alphas: [Double], separates: [Bool]) -> Int? {
        decreasingOrder(alphas).first { separates[$0] }
    }

    /// Whether predictions P(y = 1) put every row on its side: margins (2y − 1)(P − ½) > 0 for all rows (and there
    /// are rows).
    static func separatesRows(_ y: [Double], _ predictions: [Double]) -> Bool {
        !y.isEmpty && zip(y, predictions).allSatisfy { (2 * $0 - 1) * ($1 - 0.5) > 0 }
    }

    /// Throws when a fit produced a non-finite coefficient, intercept or score: nothing of it could be published.
    static func checkFinite(alphas: [Double], coefficients: [[Double]], intercepts: [Double],
                            metrics: [String: [Double]], names: [String]) throws {
        for k in alphas.indices where !(coefficients[k].allSatisfy(\.isFinite) && intercepts[k].isFinite) {
            throw ModelError(key: "model", message: "the fit at α = \(format(alphas[k])) has non-finite coefficients; "
                + "rescale the data (or set 'standardize: true')")
        }
        for name in names {
            if let values = metrics[name], let k = values.firstIndex(where: { !$0.isFinite }) {
                throw ModelError(key: name.hasPrefix("cv_") ? "cv" : "split",
                                 message: "\(name) is \(formatNumber(values[k])) at α = \(format(alphas[k]))")
            }
        }
    }

    /// Whether R² is defined on the training rows and on the test rows (if any): both targets vary. Always true when
    /// `checkTargets` passed for a model with an intercept.
    static func rSquaredIsDefined(_ data: Dataset, train: [Int], test: [Int]) -> Bool {
        constantValue(train.map { data.y[$0] }) == nil && (test.isEmpty || constantValue(test.map { data.y[$0] }) == nil)
    }

    static func constantValue(_ values: [Double]) -> Double? {
        guard let first = values.first, values.allSatisfy({ $0 == first }) else { return nil }
        return first
    }

    static func format(_ x: Double) -> String { formatShort(x) }
}
