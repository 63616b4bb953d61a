import Foundation

/// A number an experiment offers by name to prose (`{value}` `id.FIELD`), and what the experiment must be for the
/// number to mean something. The list is the vocabulary of `{value}`; the reference documents it from here.
public struct ValueField: Sendable, Equatable {
    /// One number per experiment, or one per α of its grid (then read at `@AT`).
    public enum Shape: Sendable, Equatable { case perExperiment, perAlpha }

    /// What an experiment must have for a field to mean something, decided from the family's properties.
    public enum Need: Sendable, Equatable {
        /// `cv: {folds, seed}`.
        case crossValidation
        /// `split: {test, seed}`.
        case split
        /// A grid of penalties to choose from (not an unpenalized model such as `ols`).
        case penalty
        /// A penalty with an L1 part (ρ ≥ 0.001), so that coefficients become exactly zero at a finite α.
        case exactZeros
        /// Predictions of this task (a metric of regression or of classification).
        case task(PredictionTask)
    }

    /// The name after the dot (`alpha_max`); `coef.NAME` and `entry.K` stand for families of names.
    public var name: String
    public var shape: Shape
    public var needs: [Need]
    /// What the number is, in a few words, for the reference.
    public var meaning: String

    public init(_ name: String, _ shape: Shape, needs: [Need] = [], _ meaning: String) {
        self.name = name; self.shape = shape; self.needs = needs; self.meaning = meaning
    }

    /// Every field, in the order the reference lists them.
    public static let all: [ValueField] = [
        ValueField("alpha_min", .perExperiment, needs: [.penalty, .crossValidation], "α with the smallest mean CV error"),
        ValueField("alpha_1se", .perExperiment, needs: [.penalty, .crossValidation],
                   "largest α whose CV error is within one standard error of the smallest"),
        ValueField("best_alpha", .perExperiment, needs: [.penalty, .split], "α with the best test score (R² or accuracy)"),
        ValueField("alpha_max", .perExperiment, needs: [.exactZeros],
                   "smallest α at which every coefficient is exactly zero (from the training rows)"),
        ValueField("n", .perExperiment, "rows in the data"),
        ValueField("n_train", .perExperiment, needs: [.split], "rows in the training part"),
        ValueField("n_test", .perExperiment, needs: [.split], "rows in the test part"),
        ValueField("p", .perExperiment, "model features (after polynomial expansion)"),
        ValueField("entry.K", .perExperiment, needs: [.exactZeros],
                   "the K-th feature to become nonzero as α falls (K from 1)"),
        ValueField("alpha", .perAlpha, "the grid α used"),
        ValueField("sklearn_alpha", .perAlpha,
                   "the penalty as the scikit-learn estimator's alpha (`Ridge(alpha)`: n·α), with `convention: sklearn`"),
        ValueField("C", .perAlpha, "the penalty as `LogisticRegression`'s C = 1/(n·α), with `convention: sklearn`"),
        ValueField("nonzero", .perAlpha, "number of nonzero coefficients"),
        ValueField("coef.NAME", .perAlpha, "coefficient of feature NAME (standardized scale with `standardize: true`)"),
        ValueField("intercept", .perAlpha, "intercept β₀"),
        ValueField("l1_norm", .perAlpha, "‖β‖₁"),
        ValueField("l2_norm", .perAlpha, "‖β‖₂"),
    ] + Metric.allCases.flatMap { metric in
        DataPart.allCases.map { part in
            ValueField(part.columnName(metric), .perAlpha, needs: (part == .test ? [.split] : []) + [.task(metric.task)],
                       "\(metric.displayName) on the \(part == .train ? "training" : "test") rows")
        }
    } + [
        ValueField(CrossValidationColumn.mean, .perAlpha, needs: [.crossValidation],
                   "mean held-out error over the folds (MSE or log-loss)"),
        ValueField(CrossValidationColumn.standardError, .perAlpha, needs: [.crossValidation], "standard error of cv_mean"),
    ] + ModelFamilies.solutionColumnNames.map { name in
        // Numbers only some families report per α (a network's weight norms and epochs); an experiment of another
        // family says it has no such column when asked.
        ValueField(name, .perAlpha, "reported by the model families that compute it (`mlp`: \(name.replacingOccurrences(of: "_", with: " ")))")
    }

    /// The field `name` stands for (`coef.bmi` is `coef.NAME`), or nil for an unknown name.
    public static func named(_ name: String) -> ValueField? {
        if name.hasPrefix("coef.") { return all.first { $0.name == "coef.NAME" } }
        if name.hasPrefix("entry.") { return all.first { $0.name == "entry.K" } }
        return all.first { $0.name == name }
    }
}

extension ExperimentSpec {
    /// Why `what` (a field, or `@min`) means nothing for experiment `id`, or nil when the experiment meets `need`.
    /// Decided from the family's properties (its ρ, its task) and the experiment's split and folds, never by name.
    public func problem(with need: ValueField.Need, _ what: String, experiment id: String) -> String? {
        switch need {
        case .crossValidation:
            return cv == nil ? "\(what) needs experiment '\(id)' to have 'cv'" : nil
        case .split:
            return split == nil ? "\(what) needs experiment '\(id)' to have a 'split'" : nil
        case .penalty:
            return family.l1Ratio == nil
                ? "\(what) chooses among penalties, but experiment '\(id)' is unpenalized (\(family.name): one fit at α = 0)"
                : nil
        case .exactZeros:
            guard let rho = family.l1Ratio else {
                return "\(what) needs coefficients that reach zero as α grows, but experiment '\(id)' is unpenalized "
                    + "(\(family.name): one fit at α = 0)"
            }
            guard rho < smallestExactL1Ratio else { return nil }
            return "\(what) needs coefficients that reach exactly zero, which a penalty without an L1 part never does; "
                + "experiment '\(id)' is \(family.displayName) (l1_ratio \(rho == 0 ? "0" : "\(rho)"))"
        case let .task(task):
            guard family.task != task else { return nil }
            return "\(what) is a \(task.displayName) metric; experiment '\(id)' is a \(family.task.displayName)"
        }
    }
}
