/// Inline content: the text of paragraphs, headings, cells and captions.
public enum Inline: Sendable, Equatable {
    /// Literal text (never escaped; renderers escape it for their format).
    case text(String)
    case emphasis([Inline])
    case strong([Inline])
    /// `~~text~~`
    case strikethrough([Inline])
    /// A code span, exactly as written (math delimiters in it are not math).
    case code(String)
    case link(Link)
    case image(Image)
    /// Inline math, or display math inside a paragraph with other content.
    case math(Formula)
    /// A resolved `@fig-…`, `@tbl-…`, `@eq-…` or `@sec-…`. Inside a link or an image's alt text a
    /// reference is `.text` of its link text instead, since links do not nest.
    case crossReference(CrossReference)
    /// Raw inline HTML written in the chapter, passed through verbatim.
    case html(String)
    /// A line break in the source that is not a hard break; renderers treat it as a space.
    case softBreak
    /// A hard line break (two trailing spaces or a backslash).
    case lineBreak
    /// What a role such as {value}`cv.alpha_min` resolved to.
    case role(RoleResult)
    /// `[^label]` pointing at a footnote of `ChapterPage.footnotes`.
    case footnoteReference(FootnoteReference)
}
