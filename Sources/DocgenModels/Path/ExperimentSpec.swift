import DocgenOptions
import Foundation

/// The penalty values α to fit.
public enum AlphaGrid: Sendable, Equatable {
    /// These α values, reported in this order (duplicates allowed). Each must be ≥ 0 and finite.
    case explicit([Double])
    /// `count` values 10^start … 10^stop, evenly spaced in log10 (like numpy.logspace), in that order.
    case logspace(start: Double, stop: Double, count: Int)
    /// `count` values from α_max (the smallest α giving all-zero coefficients, computed from the data) down
    /// to `ratio`·α_max, evenly spaced in log scale, decreasing. For ρ = 0 (ridge, logistic l2) α_max is
    /// not finite; we follow glmnet and use the α_max of ρ = 0.001, i.e. max_j |x_jᵀ(y − ȳ)| / (0.001 n).
    case automatic(count: Int, ratio: Double)

    /// The number of α values.
    public var count: Int {
        switch self {
        case let .explicit(values): return values.count
        case let .logspace(_, _, count), let .automatic(count, _): return count
        }
    }
}

/// Whose algorithm draws the rows of a split or the folds of cross-validation (`method:` of `split` and `cv`).
public enum SamplingMethod: String, Sendable, Equatable, CaseIterable {
    /// docgen's own seeded shuffle (`SeededGenerator`), described at `holdoutRows` and `crossValidate`.
    case docgen
    /// scikit-learn's: `train_test_split`, `KFold` and `StratifiedKFold`, reproduced exactly (`ScikitLearn`).
    case sklearn
}

/// Seeded holdout split. `method: docgen`: a fraction `test` of rows (rounded half away from zero, at least 1 and
/// leaving at least 2 for training) goes to the test set after docgen's seeded shuffle. `method: sklearn`: the rows of
/// `train_test_split(X, y, test_size=test, random_state=seed)`, ⌈test·n⌉ test rows.
public struct HoldoutSplit: Sendable, Equatable {
    public var testFraction: Double
    public var seed: UInt64
    public var method: SamplingMethod
    public init(test: Double, seed: UInt64, method: SamplingMethod = .docgen) {
        testFraction = test; self.seed = seed; self.method = method
    }
}

/// k-fold cross-validation on the fitting rows. `method: docgen`: rows shuffled with `seed` (nil means 0) and dealt
/// round robin into `folds` folds. `method: sklearn`: scikit-learn's `KFold(folds)` (contiguous), or
/// `KFold(folds, shuffle=True, random_state=seed)` when a seed is given; `StratifiedKFold` instead for a
/// classification target, as `cross_val_score` chooses.
public struct CrossValidation: Sendable, Equatable {
    public var folds: Int
    public var seed: UInt64?
    public var method: SamplingMethod
    public init(folds: Int, seed: UInt64?, method: SamplingMethod = .docgen) {
        self.folds = folds; self.seed = seed; self.method = method
    }
}

/// Everything `runExperiment` needs besides the data.
public struct ExperimentSpec: Sendable {
    /// The model family and its own options (see `ModelFamily` for the objective).
    public var family: any ModelFamily
    /// Ignored for an unpenalized family (a single fit at α = 0).
    public var alphas: AlphaGrid
    /// Standardize features to mean 0, sd 1 (sd with 1/n) before fitting; coefficients are then on that scale.
    public var standardize: Bool
    /// Replace the single input column x by x, x², …, x^degree (before standardization).
    public var polynomialDegree: Int?
    public var split: HoldoutSplit?
    public var cv: CrossValidation?
    /// Stopping rule: certificate (duality gap) ≤ tolerance × null objective (the objective at weights zero with
    /// the optimal intercept).
    public var tolerance: Double
    /// Limit on the solver's iterations per α (coordinate-descent sweeps, Newton steps).
    public var maxIterations: Int

    public init(model: some ModelFamily, alphas: AlphaGrid = .automatic(count: 100, ratio: 1e-3), standardize: Bool = true,
                polynomialDegree: Int? = nil, split: HoldoutSplit? = nil, cv: CrossValidation? = nil,
                tolerance: Double = 1e-7, maxIterations: Int = 100_000) {
        self.init(family: model, alphas: alphas, standardize: standardize, polynomialDegree: polynomialDegree,
                  split: split, cv: cv, tolerance: tolerance, maxIterations: maxIterations)
    }

    public init(family: any ModelFamily, alphas: AlphaGrid = .automatic(count: 100, ratio: 1e-3), standardize: Bool = true,
                polynomialDegree: Int? = nil, split: HoldoutSplit? = nil, cv: CrossValidation? = nil,
                tolerance: Double = 1e-7, maxIterations: Int = 100_000) {
        self.family = family; self.alphas = alphas; self.standardize = standardize
        self.polynomialDegree = polynomialDegree; self.split = split; self.cv = cv
        self.tolerance = tolerance; self.maxIterations = maxIterations
    }

    /// Threads the fit may use (`SolverSettings.threads`): how the build schedules it, not what it computes, so no
    /// directive sets it and it is no part of a cache key.
    public var threads = 1

    /// The family's stopping settings.
    public var settings: SolverSettings {
        SolverSettings(tolerance: tolerance, maxIterations: maxIterations, threads: threads)
    }

    /// The number of fits along the path (1 for an unpenalized family).
    public var alphaCount: Int { family.l1Ratio == nil ? 1 : alphas.count }

    /// Checks option values that do not depend on the data. Throws `ModelError` naming the option key.
    public func validate() throws {
        if let rho = family.l1Ratio, !(rho.isFinite && rho >= 0 && rho <= 1) {
            throw ModelError(key: "l1_ratio", message: "l1_ratio must be between 0 and 1, got \(rho)")
        }
        switch alphas {
        case .explicit(let values):
            if values.isEmpty, family.l1Ratio != nil { throw ModelError(key: "alphas", message: "alphas is an empty list") }
            for a in values where !(a.isFinite && a >= 0) {
                throw ModelError(key: "alphas", message: "every alpha must be a finite number ≥ 0, got \(a)")
            }
        case .logspace(let a, let b, let count):
            guard a.isFinite, b.isFinite, count >= 1 else {
                throw ModelError(key: "alphas", message: "logspace needs finite bounds and a count ≥ 1")
            }
        case .automatic(let count, let ratio):
            guard count >= 1 else { throw ModelError(key: "alphas", message: "the automatic grid needs count ≥ 1") }
            guard ratio > 0, ratio < 1 else {
                throw ModelError(key: "alphas", message: "the automatic grid ratio must be in (0, 1), got \(ratio)")
            }
        }
        if let d = polynomialDegree, d < 1 {
            throw ModelError(key: "polynomial", message: "polynomial degree must be ≥ 1, got \(d)")
        }
        if let s = split, !(s.testFraction > 0 && s.testFraction < 1) {
            throw ModelError(key: "split", message: "split test fraction must be in (0, 1), got \(s.testFraction)")
        }
        if let c = cv, c.folds < 2 { throw ModelError(key: "cv", message: "cv needs at least 2 folds, got \(c.folds)") }
        guard tolerance > 0, tolerance.isFinite else {
            throw ModelError(key: "tolerance", message: "tolerance must be a positive number, got \(tolerance)")
        }
        guard maxIterations >= 1 else {
            throw ModelError(key: "max_iterations", message: "max_iterations must be ≥ 1, got \(maxIterations)")
        }
    }
}

/// `count` values 10^start … 10^stop evenly spaced in the exponent (count 1 gives 10^start), computed as
/// numpy.logspace computes them, so a reproduce script's `np.logspace` gives the same doubles: exponents
/// k·((stop − start)/(count − 1)) + start, the last one exactly `stop`, then 10 to each.
public func logspace(_ start: Double, _ stop: Double, _ count: Int) -> [Double] {
    guard count > 1 else { return count == 1 ? [pow(10, start)] : [] }
    let step = (stop - start) / Double(count - 1)
    return (0..<count).map { k in pow(10, k == count - 1 ? stop : Double(k) * step + start) }
}
