import DocgenOptions

/// Which meaning an experiment's penalty values have: docgen's own α, or the parameter of the scikit-learn
/// estimator that fits the same model (`convention: sklearn`).
public enum PenaltyConvention: String, Sendable, Equatable, CaseIterable {
    /// α of docgen's objective, mean loss + α·(ρ‖w‖₁ + (1 − ρ)/2·‖w‖²).
    case docgen
    /// What the scikit-learn estimator of the model means by its penalty parameter (`Ridge(alpha)`,
    /// `LogisticRegression(C)`, …); each family says what that is in its `penaltyParameter`.
    case sklearn
}

/// The penalty parameter an author writes for one model, and how it maps to docgen's α.
///
/// docgen fits every model at α of its own objective. Some scikit-learn estimators scale the same objective
/// differently, so their penalty depends on n, the number of rows a fit uses (the training part of a split, or the
/// training folds in cross-validation):
/// - `Lasso(alpha)` and `ElasticNet(alpha, l1_ratio)` minimize (1/(2n))‖y − Xw‖² + alpha·(…): alpha = α.
/// - `Ridge(alpha)` minimizes ‖y − Xw‖² + alpha‖w‖². Multiplying docgen's (1/(2n))‖y − Xw‖² + (α/2)‖w‖² by 2n gives
///   ‖y − Xw‖² + nα‖w‖², the same minimizer: alpha = n·α. (The intercept is unpenalized in both, and
///   standardization happens before either, so neither changes the relation.)
/// - `LogisticRegression(C)` minimizes C·Σ log-loss + penalty; dividing by C·n gives docgen's mean log-loss +
///   (1/(C·n))·penalty: C = 1/(n·α).
/// A value of the author's parameter therefore means a different α on folds of different sizes, exactly as the same
/// scikit-learn estimator does inside `cross_val_score`.
public struct PenaltyParameter: Sendable, Equatable, Hashable {
    /// How the author's value v relates to α for a fit on n rows.
    public enum Scale: String, Sendable, Equatable, Hashable {
        /// v = α.
        case alpha
        /// v = n·α (scikit-learn's `Ridge` alpha).
        case rowsTimesAlpha
        /// v = 1/(n·α) (scikit-learn's `LogisticRegression` C).
        case inverseOfRowsTimesAlpha
    }

    /// The directive key holding the values (`alphas`, `C`).
    public var key: String
    /// The result column holding them (`alpha`, `sklearn_alpha`, `C`).
    public var column: String
    /// Words for axes and alt texts ("penalty α", "scikit-learn Ridge α", "scikit-learn C").
    public var axisName: String
    /// The symbol in short labels ("α", "C").
    public var symbol: String
    public var scale: Scale

    public init(key: String, column: String, axisName: String, symbol: String, scale: Scale) {
        self.key = key; self.column = column; self.axisName = axisName; self.symbol = symbol; self.scale = scale
    }

    /// docgen's own α, written under `alphas`.
    public static let alpha = PenaltyParameter(key: "alphas", column: "alpha", axisName: "penalty α", symbol: "α",
                                               scale: .alpha)

    /// The same scale written as a scikit-learn estimator's own alpha (column `sklearn_alpha`, axis `axisName`).
    public func sklearnColumn(_ axisName: String) -> PenaltyParameter {
        PenaltyParameter(key: key, column: "sklearn_alpha", axisName: axisName, symbol: symbol, scale: scale)
    }

    /// Whether this is docgen's α itself (no column of its own in results).
    public var isAlpha: Bool { self == .alpha }

    /// Whether a larger value penalizes more (false for C).
    public var penalizesMoreWhenLarger: Bool { scale != .inverseOfRowsTimesAlpha }

    /// docgen's α for the author's value `v` on a fit of `n` rows.
    public func alpha(_ v: Double, rows n: Int) -> Double {
        switch scale {
        case .alpha: return v
        case .rowsTimesAlpha: return v / Double(n)
        case .inverseOfRowsTimesAlpha: return 1 / (Double(n) * v)
        }
    }

    /// The author's value for docgen's α on a fit of `n` rows (the inverse of `alpha(_:rows:)`).
    public func value(alpha: Double, rows n: Int) -> Double {
        switch scale {
        case .alpha: return alpha
        case .rowsTimesAlpha: return alpha * Double(n)
        case .inverseOfRowsTimesAlpha: return 1 / (Double(n) * alpha)
        }
    }

    /// A Python expression for the value of this parameter from docgen's α (`alpha`) on `rows` rows.
    public func python(fromAlpha alpha: String, rows: String) -> String {
        switch scale {
        case .alpha: return alpha
        case .rowsTimesAlpha: return "\(alpha) * \(rows)"
        case .inverseOfRowsTimesAlpha: return "1 / (\(rows) * \(alpha))"
        }
    }

    /// A Python expression for docgen's α from this parameter's value (`value`) on `rows` rows.
    public func pythonAlpha(fromValue value: String, rows: String) -> String {
        switch scale {
        case .alpha: return value
        case .rowsTimesAlpha: return "\(value) / \(rows)"
        case .inverseOfRowsTimesAlpha: return "1 / (\(rows) * \(value))"
        }
    }
}

/// The scikit-learn estimator that solves the same problem as a model, as Python source for reproduce scripts.
///
/// `constructor` is a Python expression with two placeholders: `{penalty}` stands for the estimator's own penalty
/// value (in the scale of `parameter`), `{rows}` for the number of rows of the fit. The script's writer supplies
/// everything else (data, standardization, split, folds, metrics, the comparison).
public struct ScikitLearnEstimator: Sendable, Equatable {
    /// Python import lines.
    public var imports: [String]
    /// Python definitions the expressions use (helpers), one line each; may be empty.
    public var helpers: [String]
    /// The estimator at a penalty > 0.
    public var constructor: String
    /// The estimator at α = 0 (no penalty); nil when no such fit is possible.
    public var unpenalized: String?
    /// The estimator's penalty parameter (`Ridge` alpha, `LogisticRegression` C) and its map to α.
    public var parameter: PenaltyParameter
    /// Why this solver and tolerance, for the script's header comment.
    public var notes: [String]
    /// A helper (defined in `helpers`) called as `finish(estimator, y)` after each fit, to complete what the solver
    /// leaves undone; nil for none.
    public var finish: String?
    /// For a network: the widths of its layers after the inputs, the one output last. scikit-learn's `coefs_[l]` has
    /// shape (width of layer l, width of layer l + 1), layer 0 being the inputs, and is filled row by row from docgen's
    /// weight columns in their order; `intercepts_` from the hidden biases and the output bias. A network's objective is not convex, so the script does not train
    /// one (another optimizer reaches another local minimum): it loads docgen's weights into the estimator and checks
    /// what scikit-learn computes from them. nil for models the script refits.
    public var loadedLayers: [Int]?

    public init(imports: [String], helpers: [String] = [], constructor: String, unpenalized: String?,
                parameter: PenaltyParameter, notes: [String], finish: String? = nil, loadedLayers: [Int]? = nil) {
        self.imports = imports; self.helpers = helpers; self.constructor = constructor
        self.unpenalized = unpenalized; self.parameter = parameter; self.notes = notes; self.finish = finish
        self.loadedLayers = loadedLayers
    }
}

extension OptionReader {
    /// `convention: docgen | sklearn` (default docgen), or nil after a located error.
    public mutating func penaltyConvention() -> PenaltyConvention? {
        guard has("convention") else { return .docgen }
        return choice("convention", among: PenaltyConvention.allCases.map(\.rawValue)).flatMap(PenaltyConvention.init)
    }

    /// `fit_intercept: true | false` (default true).
    public mutating func fitsIntercept() -> Bool { bool("fit_intercept") ?? true }
}
