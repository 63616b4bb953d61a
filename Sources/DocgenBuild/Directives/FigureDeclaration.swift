import DocgenDiagnostics

/// The kinds of `{figure}` a chapter can ask for.
public enum FigureKind: String, Sendable, CaseIterable, Hashable {
    case regularizationPath = "regularization-path"
    case scores
    case cvCurve = "cv-curve"
    case constraintGeometry = "constraint-geometry"
    case penaltyShapes = "penalty-shapes"
    case polynomialFit = "polynomial-fit"
    case complexityCurve = "complexity-curve"
    case coefficients

    /// How many experiments the kind draws from: none, exactly one, or one or more.
    enum Arity { case none, one, many }

    var arity: Arity {
        switch self {
        case .penaltyShapes: return .none
        case .coefficients: return .many
        default: return .one
        }
    }

    /// Keys this kind accepts beyond the common ones.
    var optionKeys: [String] {
        switch self {
        case .regularizationPath: return ["x", "cv_lines"]
        case .scores: return ["metric"]
        case .cvCurve: return []
        case .constraintGeometry: return ["budget", "alpha", "l1_ratio"]
        case .penaltyShapes: return ["panels", "threshold"]
        case .polynomialFit: return ["alphas", "layout"]
        case .complexityCurve: return ["x", "degrees"]
        case .coefficients: return ["alpha"]
        }
    }
}

/// Options of a figure, typed per kind. Absent options take the kind's defaults.
public struct FigureOptions: Sendable, Hashable {
    /// regularization-path: plot against ‖β‖₁ instead of log α.
    public var xIsL1Norm = false
    /// regularization-path: draw α_min and α_1se (needs `cv`).
    public var cvLines = false
    /// scores: r2, mse, accuracy or log-loss (default: r2 for regression, accuracy for logistic).
    public var metric: String?
    /// constraint-geometry: the budget t of the constraint ‖β‖ ≤ t, or the α whose solution sets it.
    public var budget: Double?
    public var alpha: Double?
    /// constraint-geometry: mixing ρ of the elastic-net panel (default 0.5).
    public var l1Ratio: Double?
    /// penalty-shapes: which panels (penalties, gradients, thresholding).
    public var panels: [String]?
    /// penalty-shapes: the threshold λ of the shrinkage maps (default 1).
    public var threshold: Double?
    /// polynomial-fit: the α of each curve; complexity-curve: unused.
    public var alphas: [Double]?
    /// polynomial-fit: one panel per α, or all curves overlaid.
    public var overlaid = false
    /// complexity-curve: against polynomial degree (true) or log α (false).
    public var xIsDegree = false
    public var degrees: [Int]?
}

/// A parsed, validated `{figure}` directive.
public struct FigureDeclaration: Sendable {
    public var kind: FigureKind
    public var location: SourceLocation
    /// The experiments it draws from, in order, with where each id was written.
    public var experiments: [(id: String, at: SourceLocation)]
    /// `fig-…`, for cross-references; nil when the figure is never referenced.
    public var label: String?
    public var caption: String
    public var alt: String?
    public var title: String?
    public var options: FigureOptions
    /// The directive's own text, part of the figure's cache key.
    public var sourceText: String
    public var keyLocations: [String: SourceLocation]
}

/// Kinds of `{table}`.
public enum TableKind: String, Sendable, CaseIterable, Hashable {
    case coefficients, scores, cv
}

/// A parsed, validated `{table}` directive.
public struct TableDeclaration: Sendable {
    public var kind: TableKind
    public var location: SourceLocation
    public var experiments: [(id: String, at: SourceLocation)]
    public var label: String?
    public var caption: String
    /// coefficients: the α of each column (nearest grid value).
    public var alphas: [Double]?
    /// scores: best | min | 1se | a number.
    public var at: String?
    public var sourceText: String
}
