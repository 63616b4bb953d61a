/// A hyperlink.
public struct Link: Sendable, Equatable {
    /// The destination after the resolver rewrote it (`lasso.md#x` → `lasso.html#x`); a broken
    /// link keeps its destination as written.
    public var destination: String
    /// The link title (`[a](url "title")`), "" when none.
    public var title: String
    public var content: [Inline]

    public init(destination: String, title: String = "", content: [Inline]) {
        self.destination = destination
        self.title = title
        self.content = content
    }
}
