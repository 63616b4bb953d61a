/// A bulleted or numbered list.
public struct ListBlock: Sendable, Equatable {
    /// True for a numbered list.
    public var isOrdered: Bool
    /// The number of the first item (1 unless written otherwise; 1 for bulleted lists).
    public var start: Int
    /// A tight list has no blank lines between its items: their paragraphs show without spacing.
    public var isTight: Bool
    public var items: [ListItem]

    public init(isOrdered: Bool, start: Int = 1, isTight: Bool, items: [ListItem]) {
        self.isOrdered = isOrdered
        self.start = start
        self.isTight = isTight
        self.items = items
    }
}
