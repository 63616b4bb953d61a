/// A block of a chapter's body.
public enum Block: Sendable, Equatable {
    /// A paragraph. In a tight list the renderer shows its content without paragraph spacing.
    case paragraph([Inline])
    /// A heading after the chapter title.
    case heading(PageHeading)
    /// A bulleted or numbered list.
    case list(ListBlock)
    /// A block quote that is not an alert.
    case blockQuote([Block])
    /// A GitHub alert (`> [!NOTE]` …).
    case callout(Callout)
    /// A code block that is not a directive.
    case code(CodeBlock)
    /// A display formula standing as a paragraph of its own.
    case math(DisplayMath)
    /// A thematic break (`---`).
    case thematicBreak
    /// A GitHub-flavoured Markdown table.
    case table(TextTable)
    /// Raw HTML written in the chapter, passed through verbatim (math in it restored as written).
    case html(String)
    /// A numbered figure from a `{figure}` directive.
    case figure(Figure)
    /// A numbered table of computed results from a `{table}` directive.
    case numberedTable(NumberedTable)
}
