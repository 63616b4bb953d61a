/// A GitHub alert: a block quote opening with `[!NOTE]`, `[!TIP]`, `[!IMPORTANT]`, `[!WARNING]`
/// or `[!CAUTION]` (any letter case) alone on its line, optionally followed by a title.
public struct Callout: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        case note, tip, important, warning, caution

        /// The title shown when the author gave none: "Note", "Tip", …
        public var defaultTitle: String {
            switch self {
            case .note: "Note"
            case .tip: "Tip"
            case .important: "Important"
            case .warning: "Warning"
            case .caution: "Caution"
            }
        }
    }

    public var kind: Kind
    /// The title written after the marker (`> [!TIP] Choosing α`), nil for the default title.
    public var title: [Inline]?
    /// The quote's content after the marker line.
    public var blocks: [Block]

    public init(kind: Kind, title: [Inline]? = nil, blocks: [Block]) {
        self.kind = kind
        self.title = title
        self.blocks = blocks
    }
}
