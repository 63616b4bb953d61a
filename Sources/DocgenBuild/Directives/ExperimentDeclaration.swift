import DocgenDiagnostics
import Foundation

/// Where an experiment's rows come from.
public enum DataDeclaration: Sendable, Hashable {
    /// A CSV file inside the content folder: the path as written, and the resolved absolute path.
    case file(written: String, absolutePath: String)
    /// A seeded synthetic data set (`{generate: curve, n: 30, noise: 0.25, seed: 3}`).
    case generated(GeneratorDeclaration)
}

/// The synthetic data sets the course's demos use. All draws are seeded and reproducible.
public struct GeneratorDeclaration: Sendable, Hashable {
    public enum Kind: String, Sendable, CaseIterable { case curve, correlated, sparse }
    public var kind: Kind
    /// Number of samples.
    public var n: Int
    /// Number of features (correlated, sparse); 1 for curve.
    public var p: Int
    /// Pairwise correlation of the features (correlated).
    public var rho: Double
    /// Standard deviation of the Gaussian noise added to the target.
    public var noise: Double
    /// Number of nonzero true coefficients (sparse).
    public var nonzero: Int
    /// True coefficients (correlated), when the author gives them.
    public var coefficients: [Double]?
    public var seed: UInt64
}

/// The model an experiment fits. Every model minimizes
/// (1/(2n))·‖y − β₀ − Xβ‖² + α·(ρ‖β‖₁ + (1−ρ)/2·‖β‖²) (or mean log-loss + the same penalty
/// for `logistic`), intercept unpenalized; the cases fix ρ.
public enum ModelDeclaration: Sendable, Hashable {
    case ols
    case ridge
    case lasso
    /// Elastic net with mixing ρ = `l1Ratio` in [0, 1].
    case elasticNet(l1Ratio: Double)
    /// Penalized logistic regression on a 0/1 target.
    case logistic(penalty: LogisticPenalty, l1Ratio: Double)

    public enum LogisticPenalty: String, Sendable, Hashable, CaseIterable { case l1, l2, elasticnet }

    /// ρ of the objective above (0 for ols, where α is ignored).
    public var l1Ratio: Double {
        switch self {
        case .ols, .ridge: return 0
        case .lasso: return 1
        case let .elasticNet(r): return r
        case let .logistic(_, r): return r
        }
    }

    public var isClassification: Bool {
        if case .logistic = self { return true }
        return false
    }

    /// The name used in alt texts and captions ("lasso", "ridge", …).
    public var displayName: String {
        switch self {
        case .ols: return "least squares"
        case .ridge: return "ridge"
        case .lasso: return "lasso"
        case .elasticNet: return "elastic net"
        case let .logistic(p, _): return "\(p == .l1 ? "L1" : p == .l2 ? "L2" : "elastic-net")-penalized logistic"
        }
    }
}

/// The penalty grid as the author wrote it; resolved to numbers by the solver layer.
public enum AlphaDeclaration: Sendable, Hashable {
    /// Exactly these α, in this order.
    case list([Double])
    /// `logspace(a, b, n)`: n powers of ten from 10^a to 10^b, like numpy.
    case logspace(start: Double, stop: Double, count: Int)
    /// From α_max (the smallest α with every coefficient zero) down to ratio·α_max, `count` values.
    case automatic(count: Int, ratio: Double)
}

/// A parsed, validated `{experiment}` directive.
public struct ExperimentDeclaration: Sendable {
    public var id: String
    /// The opening fence.
    public var location: SourceLocation
    public var data: DataDeclaration
    /// Target column (CSV data); generated data sets name their target `y`.
    public var target: String?
    /// The feature columns to use (nil: every column but the target).
    public var features: [String]?
    /// Features to mean 0, standard deviation 1 (1/n) before fitting; coefficients on that scale.
    public var standardize: Bool
    /// Polynomial features x, x², …, x^degree of the single input column.
    public var polynomialDegree: Int?
    public var model: ModelDeclaration
    public var alphas: AlphaDeclaration
    public var split: (test: Double, seed: UInt64)?
    public var cv: (folds: Int, seed: UInt64)?
    /// Stop when the duality gap is at most `tolerance` × the objective at β = 0.
    public var tolerance: Double
    public var maxIterations: Int
    /// Where each key was written, to locate errors the solver layer finds later.
    public var keyLocations: [String: SourceLocation]
    /// The directive's own text (argument and body).
    public var sourceText: String

    /// The directive's body alone, part of its cache key.
    public var bodyText: String {
        guard let newline = sourceText.firstIndex(of: "\n") else { return sourceText }
        return String(sourceText[sourceText.index(after: newline)...])
    }

    public func location(of key: String) -> SourceLocation { keyLocations[key] ?? location }
}
