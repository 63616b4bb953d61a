/// A position in a source file, as a compiler reports it.
///
/// `line` and `column` are 1-based; `column` counts Unicode scalars (characters as the
/// author typed them), not bytes. `file` is the path as it should be shown to the user,
/// usually relative to the working directory (for example `Content/lasso.md`).
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Path shown to the user.
    public var file: String
    /// 1-based line number.
    public var line: Int
    /// 1-based column number, in Unicode scalars.
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = max(1, line)
        self.column = max(1, column)
    }

    /// `file:line:col`, the prefix every diagnostic starts with.
    public var description: String { "\(file):\(line):\(column)" }

    /// The same file, shifted by a number of lines and columns (for positions inside an
    /// embedded block such as a directive's YAML body).
    public func offset(lines: Int, column newColumn: Int? = nil) -> SourceLocation {
        SourceLocation(file: file, line: line + lines, column: newColumn ?? column)
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }
}
