/// A footnote definition (`[^label]: text`) that the chapter references.
public struct Footnote: Sendable, Equatable {
    /// The label as written in the definition (the anchor is derived from it).
    public var label: String
    /// 1-based, in order of first reference.
    public var number: Int
    /// How many references point here (each gets a link back).
    public var referenceCount: Int
    public var blocks: [Block]

    public init(label: String, number: Int, referenceCount: Int, blocks: [Block]) {
        self.label = label
        self.number = number
        self.referenceCount = referenceCount
        self.blocks = blocks
    }
}
