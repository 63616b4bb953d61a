/// An item of a list.
public struct ListItem: Sendable, Equatable {
    public var blocks: [Block]
    /// For a task-list item (`- [x] done`, `- [ ] todo`): whether it is checked; nil otherwise.
    public var isChecked: Bool?

    public init(blocks: [Block], isChecked: Bool? = nil) {
        self.blocks = blocks
        self.isChecked = isChecked
    }
}
