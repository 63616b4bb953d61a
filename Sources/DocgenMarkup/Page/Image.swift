/// An image written in Markdown (`![alt](source "title")`); figures from directives are `Figure`.
public struct Image: Sendable, Equatable {
    /// The source as written (not checked or rewritten).
    public var source: String
    /// The image title, "" when none.
    public var title: String
    /// The alt text as inline content; renderers use its plain text.
    public var alt: [Inline]

    public init(source: String, title: String = "", alt: [Inline]) {
        self.source = source
        self.title = title
        self.alt = alt
    }
}
