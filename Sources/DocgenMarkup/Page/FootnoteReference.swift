/// A reference `[^label]` to a footnote.
public struct FootnoteReference: Sendable, Equatable {
    /// The label of the footnote's definition (`Footnote.label`).
    public var label: String
    /// The footnote's number (`Footnote.number`), shown as the reference.
    public var number: Int
    /// 1 for the first reference to this footnote, 2 for the second, …
    public var occurrence: Int

    public init(label: String, number: Int, occurrence: Int = 1) {
        self.label = label
        self.number = number
        self.occurrence = occurrence
    }
}
