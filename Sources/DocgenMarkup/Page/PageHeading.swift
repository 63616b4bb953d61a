/// A heading of a chapter: the chapter title or a section heading.
public struct PageHeading: Sendable, Equatable {
    /// 1…6, as in Markdown's `#`…`######`.
    public var level: Int
    /// The anchor, unique in the chapter: the `{#label}` written after the heading (which is not
    /// part of `content`), else a GitHub-style slug of its text.
    public var id: String
    /// The heading's inline content.
    public var content: [Inline]

    public init(level: Int, id: String, content: [Inline]) {
        self.level = level
        self.id = id
        self.content = content
    }

    /// The heading as plain text, math read as text (see `Inline.plainText`).
    public var plainText: String { content.plainText }
}
