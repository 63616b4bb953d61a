import DocgenDiagnostics

/// A resolved cross-reference: where it links and what the link says ("Figure 3.2").
public struct CrossReference: Sendable, Hashable {
    /// Where it links: a fragment (`#fig-path`) or a page and fragment (`lasso.html#fig-path`),
    /// used verbatim as the link target.
    public var href: String
    /// Link text, plain.
    public var text: String
    public init(href: String, text: String) {
        self.href = href
        self.text = text
    }
}

/// What the pipeline supplies so the markup layer can build a chapter's page without knowing
/// about experiments, figures or other chapters. Every `at:` location points at the
/// offending text in the original chapter (1-based line, column in Unicode scalars).
public protocol MarkdownResolver {
    /// The block shown where the directive's fence was: a `.figure`, a `.numberedTable`, or nil
    /// for directives that show nothing (experiments, or a figure whose drawing failed).
    func block(for directive: DirectiveBlock) -> Block?

    /// A role: an inline code span right after `{name}`, e.g. {value}`diabetes-cv.alpha_min`
    /// gives `name` "value" and `content` "diabetes-cv.alpha_min". Return what it shows, or a
    /// diagnostic; on failure the span is left as written. `at` is the position of the `{`.
    func role(_ name: String, _ content: String, at location: SourceLocation) -> Result<RoleResult, Diagnostic>

    /// A cross-reference `@fig-x`, `@tbl-x`, `@eq-x` or `@sec-x`; `label` is without the `@`
    /// (e.g. "fig-path"). On failure the text is left as written. `at` is the position of the `@`.
    func reference(_ label: String, at location: SourceLocation) -> Result<CrossReference, Diagnostic>

    /// Every link destination (not images), as cmark decoded it, including absolute URLs and
    /// autolinks: return it unchanged to keep it, rewritten (`lasso.md#x` → `lasso.html#x`),
    /// or a diagnostic for a broken link (the link is then kept as written).
    /// `at` is the position of the destination text when it can be found, else of its paragraph.
    func link(_ destination: String, at location: SourceLocation) -> Result<String, Diagnostic>

    /// The number shown beside a labelled display equation (`$$ … $$ {#eq-x}`), e.g. "2.1"
    /// (`DisplayMath.number`). Optional: the default returns nil and no number is shown.
    func equationNumber(for label: String) -> String?

    /// Every image source (`![alt](source)`), as cmark decoded it: return it unchanged or rewritten, or a
    /// diagnostic for a missing or refused image. Optional: the default keeps every source.
    func image(_ source: String, at location: SourceLocation) -> Result<String, Diagnostic>
}

extension MarkdownResolver {
    public func equationNumber(for label: String) -> String? { nil }

    /// Every image source (`![alt](source)`), as cmark decoded it: return it unchanged or rewritten, or a
    /// diagnostic for a missing or refused image (the image then keeps its source as written). `at` is the
    /// position of the source text when it can be found. Optional: the default keeps every source.
    public func image(_ source: String, at location: SourceLocation) -> Result<String, Diagnostic> { .success(source) }
}
