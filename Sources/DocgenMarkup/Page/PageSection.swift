/// A stretch of a chapter for search: the text from one heading to the next.
public struct PageSection: Sendable, Equatable {
    /// The heading that opens the section; nil for the text before the first heading.
    public var heading: PageHeading?
    /// The section's text without its heading (see `Block.plainText`), whitespace collapsed to
    /// single spaces; "" when the heading is followed directly by another.
    public var text: String

    public init(heading: PageHeading?, text: String) {
        self.heading = heading
        self.text = text
    }
}
