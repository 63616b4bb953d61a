import DocgenDiagnostics
import DocgenOptions
import Yams

/// Parses YAML text embedded in a chapter into located values.
public enum LocatedYAML {
    /// Parses `text`, whose first line is line `firstLine` of `file` and starts at column 1.
    ///
    /// Returns the root (an empty mapping for an empty body) or a located syntax error.
    /// Duplicate keys, anchors and aliases are errors: a directive body is plain data.
    public static func parse(_ text: String, file: String, firstLine: Int) -> Result<OptionValue, Diagnostic> {
        let base = SourceLocation(file: file, line: firstLine, column: 1)
        func locate(_ mark: Mark?) -> SourceLocation {
            guard let mark else { return base }
            return SourceLocation(file: file, line: firstLine + mark.line - 1, column: mark.column)
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            return .failure(syntaxDiagnostic(error, locate: locate, base: base))
        } catch {
            return .failure(.error("invalid YAML: \(error)", at: base))
        }
        guard let root else { return .success(.mapping([], at: base)) }
        return convert(root, locate: locate)
    }

    private static func convert(_ node: Node, locate: (Mark?) -> SourceLocation) -> Result<OptionValue, Diagnostic> {
        let at = locate(node.mark)
        switch node {
        case let .scalar(s):
            let plain = s.style == .plain || s.style == .any
            if plain && ["", "~", "null", "Null", "NULL"].contains(s.string) { return .success(.null(at: at)) }
            return .success(.scalar(s.string, plain: plain, at: at))
        case let .sequence(seq):
            var items: [OptionValue] = []
            for child in seq {
                switch convert(child, locate: locate) {
                case let .success(v): items.append(v)
                case let .failure(d): return .failure(d)
                }
            }
            return .success(.sequence(items, at: at))
        case let .mapping(map):
            var pairs: [(key: String, keyLocation: SourceLocation, value: OptionValue)] = []
            var seen = Set<String>()
            for (keyNode, valueNode) in map {
                let keyAt = locate(keyNode.mark)
                guard case let .scalar(k) = keyNode else {
                    return .failure(.error("keys must be plain names, not \(keyNode)", at: keyAt))
                }
                guard seen.insert(k.string).inserted else {
                    return .failure(.error("duplicate key '\(k.string)'", at: keyAt))
                }
                switch convert(valueNode, locate: locate) {
                case let .success(v): pairs.append((k.string, keyAt, v))
                case let .failure(d): return .failure(d)
                }
            }
            return .success(.mapping(pairs, at: at))
        }
    }

    private static func syntaxDiagnostic(_ error: YamlError, locate: (Mark?) -> SourceLocation,
                                         base: SourceLocation) -> Diagnostic {
        switch error {
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
            var message = "invalid YAML: \(problem)"
            if problem.contains("mapping values are not allowed") {
                message += " (a value containing ': ' must be quoted, for example caption: \"A: B\")"
            }
            return .error(message, at: locate(mark))
        case let .reader(problem, _, _, _):
            return .error("invalid YAML: \(problem)", at: base)
        default:
            return .error("invalid YAML: \(error)", at: base)
        }
    }
}
