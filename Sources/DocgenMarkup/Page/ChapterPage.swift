/// A chapter as a format-neutral document, built once from its Markdown by
/// `MarkdownDocument.page(resolver:)`; the HTML site (and later a printable edition) render it.
///
/// Conventions:
/// - `title` is the level-1 heading that opens the chapter (nothing but blank lines before it); it
///   is not repeated in `blocks`. A level-1 heading anywhere else stays in `blocks`.
/// - Every heading's `id` is unique in the chapter and equals `MarkdownDocument.headings[i].slug`:
///   its `{#label}` when it has one, else a slug of its text.
/// - Directive fences are replaced by what the resolver gave (a figure, a numbered table, nothing).
/// - `footnotes` are the definitions that are referenced, numbered from 1 in order of first
///   reference; definitions never referenced are dropped, as GitHub does.
/// - Containers nested more than 64 deep (quotes, lists; emphasis, links) are flattened into their
///   parent, so pathological input cannot exhaust the stack of the code that walks the page.
public struct ChapterPage: Sendable, Equatable {
    /// The opening level-1 heading, or nil when the chapter does not open with one.
    public var title: PageHeading?
    /// The body in reading order (without `title` and without the footnote definitions).
    public var blocks: [Block]
    /// Referenced footnotes in number order.
    public var footnotes: [Footnote]

    public init(title: PageHeading? = nil, blocks: [Block], footnotes: [Footnote] = []) {
        self.title = title
        self.blocks = blocks
        self.footnotes = footnotes
    }

    /// The body cut at every heading, for search: the text before the first heading (with an empty
    /// heading list), then one section per heading in reading order, nested headings included.
    /// The footnotes' text belongs to the last section. Computed on each access.
    public var sections: [PageSection] {
        var cutter = SectionCutter()
        for block in blocks { cutter.add(block) }
        for footnote in footnotes { cutter.add(footnote) }
        return cutter.finish()
    }
}
