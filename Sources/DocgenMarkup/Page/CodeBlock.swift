/// A code block, with its syntax highlighting as tokens.
public struct CodeBlock: Sendable, Equatable {
    /// The code exactly as written (ends with a newline, as Markdown gives it).
    public var code: String
    /// The first word of the fence's info string, lower-cased; "" for none or an indented block.
    public var language: String
    /// The code split into highlighted tokens; concatenated they give `code` back.
    public var tokens: [CodeToken]

    /// Highlights `code` with `Highlighter` for `language`.
    public init(code: String, language: String) {
        self.code = code
        self.language = language
        self.tokens = Highlighter.tokens(code, language: language)
    }
}
