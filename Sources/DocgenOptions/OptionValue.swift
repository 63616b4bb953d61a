import DocgenDiagnostics

/// An option value that remembers where it was written.
///
/// Directive bodies and `docgen.yml` are YAML; the build parses them into this tree, in which
/// every node carries the `SourceLocation` of its first character in the *original* file, so a
/// bad key is reported at `Content/lasso.md:14:1`, not at a line of the directive body.
/// Libraries that declare options (model families, figure kinds) read it through `OptionReader`
/// without knowing about YAML.
public indirect enum OptionValue: Sendable {
    /// A scalar: its text, and whether it was written plain (unquoted), so `"1"` stays a string.
    case scalar(String, plain: Bool, at: SourceLocation)
    case sequence([OptionValue], at: SourceLocation)
    /// Keys in the order written.
    case mapping([(key: String, keyLocation: SourceLocation, value: OptionValue)], at: SourceLocation)
    case null(at: SourceLocation)

    public var location: SourceLocation {
        switch self {
        case let .scalar(_, _, at), let .sequence(_, at), let .mapping(_, at), let .null(at): return at
        }
    }

    /// A short noun for error messages: "a number", "a list", …
    public var kindDescription: String {
        switch self {
        case .scalar: return "a scalar"
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        case .null: return "nothing"
        }
    }
}
