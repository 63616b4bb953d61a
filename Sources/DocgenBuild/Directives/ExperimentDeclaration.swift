import DocgenDiagnostics
import DocgenFigures
import DocgenModels
import Foundation

/// Where an experiment's rows come from.
public enum DataDeclaration: Sendable {
    /// A CSV file inside the content folder: the path as written, and the resolved absolute path.
    case file(written: String, absolutePath: String)
    /// A seeded synthetic data set (`{generate: curve, n: 30, noise: 0.25, seed: 3}`).
    case generated(GeneratorSpec)
}

/// A parsed, validated `{experiment}` directive: where its data come from, and the model library's spec of what
/// to fit (the family and its options, the grid, the split, the folds).
public struct ExperimentDeclaration: Sendable {
    public var id: String
    /// The opening fence.
    public var location: SourceLocation
    public var data: DataDeclaration
    /// Target column (CSV data); generated data sets name their target `y`.
    public var target: String?
    /// The feature columns to use (nil: every column but the target).
    public var features: [String]?
    public var spec: ExperimentSpec
    /// Where each key was written, to locate errors the model library finds later.
    public var keyLocations: [String: SourceLocation]
    /// The directive's own text (argument and body).
    public var sourceText: String

    /// The directive's body alone, part of its cache key.
    public var bodyText: String {
        guard let newline = sourceText.firstIndex(of: "\n") else { return sourceText }
        return String(sourceText[sourceText.index(after: newline)...])
    }

    public func location(of key: String) -> SourceLocation { keyLocations[key] ?? location }

    /// The generator of generated data.
    public var generator: GeneratorSpec? {
        if case let .generated(g) = data { return g }
        return nil
    }

    /// The experiment as figures and tables see it before anything is fitted.
    public var planned: PlannedExperiment {
        PlannedExperiment(id: id, spec: spec, inputCount: features?.count ?? generator?.featureCount,
                          dataName: dataName, generator: generator)
    }

    /// "diabetes" for `data/diabetes.csv`; the generator's words for generated data.
    public var dataName: String {
        switch data {
        case let .file(written, _): return ((written as NSString).lastPathComponent as NSString).deletingPathExtension
        case let .generated(g): return g.displayName
        }
    }
}
