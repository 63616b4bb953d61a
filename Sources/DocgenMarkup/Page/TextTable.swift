/// A GitHub-flavoured Markdown table.
public struct TextTable: Sendable, Equatable {
    public enum Alignment: Sendable, Equatable {
        case left, center, right
    }

    /// One inline run per cell.
    public typealias Cell = [Inline]

    /// Per column, from the delimiter row (`:--`, `:-:`, `--:`); nil when not given.
    public var alignments: [Alignment?]
    /// The header row, one cell per column.
    public var header: [Cell]
    /// The body rows, each with one cell per column (missing cells are empty).
    public var rows: [[Cell]]

    public init(alignments: [Alignment?], header: [Cell], rows: [[Cell]]) {
        self.alignments = alignments
        self.header = header
        self.rows = rows
    }
}
