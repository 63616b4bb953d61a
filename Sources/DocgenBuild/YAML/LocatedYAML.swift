import DocgenDiagnostics
import DocgenOptions
import Yams

/// Parses YAML text embedded in a chapter into located values.
public enum LocatedYAML {
    /// Parses `text`, whose first line is line `firstLine` of `file` and starts at column 1.
    ///
    /// Returns the root (an empty mapping for an empty body) or a located syntax error.
    /// Duplicate keys, anchors and aliases are errors: a directive body is plain data. Text
    /// that is too large or nested too deeply is refused before the parser sees it (`YAMLBudget`).
    public static func parse(_ text: String, file: String, firstLine: Int) -> Result<OptionValue, Diagnostic> {
        let base = SourceLocation(file: file, line: firstLine, column: 1)
        func locate(_ mark: Mark?) -> SourceLocation {
            guard let mark else { return base }
            return SourceLocation(file: file, line: firstLine + mark.line - 1, column: mark.column)
        }
        if let refusal = YAMLBudget.check(text) {
            let at = SourceLocation(file: file, line: firstLine + refusal.line - 1, column: refusal.column)
            return .failure(.error("invalid YAML: \(refusal.message)", at: at))
        }
        let root: Node?
        do {
            // The basic resolver: scalars stay strings (their tags, and the regular expressions that find them, go unused).
            root = try Yams.compose(yaml: text, .basic)
        } catch let error as YamlError {
            return .failure(syntaxDiagnostic(error, locate: locate, base: base))
        } catch {
            return .failure(.error("invalid YAML: \(error)", at: base))
        }
        guard let root else { return .success(.mapping([], at: base)) }
        var budget = YAMLBudget.maximumNodes
        return convert(root, locate: locate, depth: 0, budget: &budget)
    }

    /// The located tree of `node`. `depth` and `budget` (nodes left) bound the work whatever the
    /// tree holds; `YAMLBudget.check` has already kept both far below these bounds.
    private static func convert(_ node: Node, locate: (Mark?) -> SourceLocation, depth: Int,
                                budget: inout Int) -> Result<OptionValue, Diagnostic> {
        let at = locate(node.mark)
        budget -= 1
        if budget < 0 {
            return .failure(.error("invalid YAML: more than \(YAMLBudget.maximumNodes) values", at: at))
        }
        if depth > 2 * YAMLBudget.maximumDepth {
            return .failure(.error("invalid YAML: nested more than \(YAMLBudget.maximumDepth) levels deep", at: at))
        }
        switch node {
        case let .scalar(s):
            let plain = s.style == .plain || s.style == .any
            if plain && ["", "~", "null", "Null", "NULL"].contains(s.string) { return .success(.null(at: at)) }
            return .success(.scalar(s.string, plain: plain, at: at))
        case let .sequence(seq):
            var items: [OptionValue] = []
            for child in seq {
                switch convert(child, locate: locate, depth: depth + 1, budget: &budget) {
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
                switch convert(valueNode, locate: locate, depth: depth + 1, budget: &budget) {
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
        case let .reader(problem, offset, _, yaml):
            // libyaml names the byte offset of an unreadable character (a control character, a NUL).
            let prefix = yaml.utf8.prefix(max(0, offset ?? 0))
            let line = prefix.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
            let lineStart = prefix.lastIndex(of: 0x0A).map { prefix.index(after: $0) } ?? prefix.startIndex
            let column = prefix[lineStart...].reduce(1) { $0 + ($1 & 0xC0 != 0x80 ? 1 : 0) }
            return .error("invalid YAML: \(problem)",
                          at: SourceLocation(file: base.file, line: base.line + line - 1, column: column))
        default:
            return .error("invalid YAML: \(error)", at: base)
        }
    }
}
