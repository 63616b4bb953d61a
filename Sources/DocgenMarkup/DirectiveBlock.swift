import DocgenDiagnostics

/// A MyST-style directive: a fenced code block whose info string is `{name} argument`,
/// for example ```` ```{experiment} diabetes-lasso ````.
public struct DirectiveBlock: Sendable, Hashable {
    /// The name between the braces (`experiment`, `figure`, `table`, …), as written.
    public var name: String
    /// Everything after the closing brace, trimmed (may be empty).
    public var argument: String
    /// The raw body (YAML for docgen's directives), with cmark's fence indentation removed
    /// and a trailing newline after each line. Empty for an empty block.
    public var body: String
    /// Where the opening fence starts (its first backtick or tilde).
    public var location: SourceLocation
    /// Where the first body line starts: the line after the fence, same column as the fence.
    /// A YAML key on body line `k` (0-based) is on line `bodyLocation.line + k`.
    public var bodyLocation: SourceLocation
    /// Position among the chapter's directives, 0-based, in source order.
    public var index: Int

    public init(name: String, argument: String, body: String, location: SourceLocation,
                bodyLocation: SourceLocation, index: Int) {
        self.name = name
        self.argument = argument
        self.body = body
        self.location = location
        self.bodyLocation = bodyLocation
        self.index = index
    }

    /// Splits an info string `{name} argument` into its parts; nil when it is not a directive.
    /// Names are letters, digits, `-`, `_` and `.`.
    static func parseInfo(_ info: String) -> (name: String, argument: String)? {
        let trimmed = info.trimmingCharacters(in: " \t")
        guard trimmed.first == "{", let close = trimmed.firstIndex(of: "}") else { return nil }
        let name = String(trimmed[trimmed.index(after: trimmed.startIndex)..<close])
        guard !name.isEmpty, name.unicodeScalars.allSatisfy({
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
                || $0 == "-" || $0 == "_" || $0 == "."
        }) else { return nil }
        let argument = String(trimmed[trimmed.index(after: close)...]).trimmingCharacters(in: " \t")
        return (name, argument)
    }
}

/// A heading of a chapter, for tables of contents and anchors.
public struct Heading: Sendable, Hashable {
    /// 1…6, as in `<h1>`…`<h6>`.
    public var level: Int
    /// Plain text (markup removed; math shown as its TeX source).
    public var text: String
    /// The `id` of the rendered heading: the explicit label when there is one, else a
    /// GitHub-style slug of `text`, made unique within the chapter.
    public var slug: String
    /// An explicit label written at the end of the heading, `## Setup {#sec-setup}` → "sec-setup"
    /// (the target of `@sec-setup`); it is removed from `text`.
    public var label: String?
    public var location: SourceLocation

    public init(level: Int, text: String, slug: String, label: String? = nil, location: SourceLocation) {
        self.level = level
        self.text = text
        self.slug = slug
        self.label = label
        self.location = location
    }

    /// Splits a trailing `{#label}` off heading text.
    static func splitLabel(_ text: String) -> (text: String, label: String?) {
        let scalars = Array(text.unicodeScalars)
        guard scalars.last == "}",
              let open = scalars.indices.dropLast().last(where: { scalars[$0] == "{" && scalars[$0 + 1] == "#" })
        else { return (text, nil) }
        let label = String(String.UnicodeScalarView(scalars[(open + 2)..<(scalars.count - 1)]))
        guard !label.isEmpty, label.unicodeScalars.allSatisfy({
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
                || $0 == "-" || $0 == "_" || $0 == ":" || $0 == "."
        }) else { return (text, nil) }
        return (String(String.UnicodeScalarView(scalars[..<open])).trimmingCharacters(in: " \t"), label)
    }
}

/// A labelled display equation, `$$ … $$ {#eq-label}`, the target of `@eq-label`.
public struct EquationLabel: Sendable, Hashable {
    /// The label without `#`, e.g. "eq-lasso"; also the `id` of the rendered equation.
    public var label: String
    /// Where the opening `$$` (or `\[`) is.
    public var location: SourceLocation
    /// Position among the chapter's labelled equations, 0-based, in source order.
    public var index: Int

    public init(label: String, location: SourceLocation, index: Int) {
        self.label = label
        self.location = location
        self.index = index
    }
}

extension String {
    /// Trims the given ASCII characters from both ends (no Foundation needed).
    func trimmingCharacters(in set: String) -> String {
        let chars = Set(set.unicodeScalars)
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !chars.contains($0) }),
              let last = scalars.lastIndex(where: { !chars.contains($0) }) else { return "" }
        return String(scalars[first...last])
    }
}
