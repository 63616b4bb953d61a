import DocgenDiagnostics

/// A resolved cross-reference: where it links and what the link says ("Figure 3.2").
public struct CrossReference: Sendable, Hashable {
    /// Used verbatim as the `href` (attribute-escaped by the renderer).
    public var href: String
    /// Link text, plain (HTML-escaped by the renderer).
    public var text: String
    public init(href: String, text: String) {
        self.href = href
        self.text = text
    }
}

/// What the pipeline supplies so the markup layer can render a chapter without knowing
/// about experiments, figures or other chapters. Every `at:` location points at the
/// offending text in the original chapter (1-based line, column in Unicode scalars).
public protocol MarkdownResolver {
    /// HTML placed where the directive's fence was, as a block. Return "" for directives
    /// that show nothing (experiments).
    func html(for directive: DirectiveBlock) -> String

    /// A role: an inline code span right after `{name}`, e.g. {value}`diabetes-cv.alpha_min`
    /// gives `name` "value" and `content` "diabetes-cv.alpha_min". Return inline HTML
    /// (inserted verbatim), or a diagnostic; on failure the span is left as written.
    /// `at` is the position of the `{`.
    func role(_ name: String, _ content: String, at location: SourceLocation) -> Result<String, Diagnostic>

    /// A cross-reference `@fig-x`, `@tbl-x`, `@eq-x` or `@sec-x`; `label` is without the `@`
    /// (e.g. "fig-path"). On failure the text is left as written. `at` is the position of the `@`.
    func reference(_ label: String, at location: SourceLocation) -> Result<CrossReference, Diagnostic>

    /// Every link destination (not images), as cmark decoded it, including absolute URLs and
    /// autolinks: return it unchanged to keep it, rewritten (`lasso.md#x` → `lasso.html#x`),
    /// or a diagnostic for a broken link (the link is then kept as written).
    /// `at` is the position of the destination text when it can be found, else of its paragraph.
    func link(_ destination: String, at location: SourceLocation) -> Result<String, Diagnostic>

    /// The number printed beside a labelled display equation (`$$ … $$ {#eq-x}`), e.g. "2.1",
    /// shown as "(2.1)" in `<span class="equation-number">`. Optional: the default returns nil
    /// and no number is shown.
    func equationNumber(for label: String) -> String?
}

extension MarkdownResolver {
    public func equationNumber(for label: String) -> String? { nil }
}
