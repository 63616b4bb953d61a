import DocgenDiagnostics
import DocgenFigures

/// A parsed, validated `{figure}` directive: its kind (with the kind's own options) and the common keys.
public struct FigureDeclaration: Sendable {
    public var kind: any FigureKind
    /// The kind's name as written after `{figure}`.
    public var kindName: String
    public var location: SourceLocation
    /// The experiments it draws from, in order, with where each id was written.
    public var experiments: [(id: String, at: SourceLocation)]
    /// `fig-…`, for cross-references; nil when the figure is never referenced.
    public var label: String?
    public var caption: String
    public var alt: String?
    public var title: String?
    /// The directive's own text, part of the figure's cache key.
    public var sourceText: String
    public var keyLocations: [String: SourceLocation]
}

/// A parsed, validated `{table}` directive.
public struct TableDeclaration: Sendable {
    public var kind: any TableKind
    public var kindName: String
    public var location: SourceLocation
    public var experiments: [(id: String, at: SourceLocation)]
    public var label: String?
    public var caption: String
    public var sourceText: String
    /// Where each key was written, to show a problem found after fitting at the option that caused it.
    public var keyLocations: [String: SourceLocation] = [:]
}
