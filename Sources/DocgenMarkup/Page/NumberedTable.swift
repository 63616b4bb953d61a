/// A numbered table of computed results, from a `{table}` directive.
public struct NumberedTable: Sendable, Equatable {
    /// The number shown in the caption, "3.1" or "1" in an unnumbered chapter.
    public var number: String
    /// The anchor (the table's label, or a generated one), the target of `@tbl-…`.
    public var id: String
    /// The caption, after the number.
    public var caption: [Inline]
    /// Column headings, one per column.
    public var header: [[Inline]]
    /// Body rows, each with one cell per column.
    public var rows: [[[Inline]]]
    /// Per column: true when its body cells are numbers (set right-aligned); headings are not marked.
    public var numericColumns: [Bool]

    public init(number: String, id: String, caption: [Inline], header: [[Inline]], rows: [[[Inline]]],
                numericColumns: [Bool]) {
        self.number = number
        self.id = id
        self.caption = caption
        self.header = header
        self.rows = rows
        self.numericColumns = numericColumns
    }
}
