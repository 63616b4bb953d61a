import Synchronization

/// Turns diagnostics into the text a terminal shows: the compiler-style first line,
/// then the offending source line and a caret under the column.
///
///     Content/lasso.md:12:3: error: unknown key 'alpah'
///        12 | alpah: 0.1
///           | ^
public struct DiagnosticRenderer: Sendable {
    /// Use ANSI colours (bold, red for errors, magenta for warnings).
    public var colour: Bool
    /// Reads a file's text so the offending line can be quoted; returns nil when it cannot. Called at
    /// most once per file and renderer: the text and its line index are kept for the next diagnostic.
    public var sourceText: @Sendable (String) -> String?
    private let files = FileCache()

    /// A quoted line longer than this many scalars is shown as a window around the column.
    static let maximumShownScalars = 200

    public init(colour: Bool, sourceText: @escaping @Sendable (String) -> String?) {
        self.colour = colour
        self.sourceText = sourceText
    }

    public func render(_ d: Diagnostic) -> String {
        var first = d.location.map { "\($0): " } ?? "docgen: "
        let label = "\(d.severity.rawValue):"
        if colour {
            let code = d.severity == .error ? "31" : d.severity == .warning ? "35" : "36"
            first = "\u{1B}[1m\(first)\u{1B}[\(code)m\(label)\u{1B}[0m\u{1B}[1m \(d.message)\u{1B}[0m"
        } else {
            first += "\(label) \(d.message)"
        }
        guard let loc = d.location, let index = files.index(loc.file, read: sourceText),
              loc.line <= index.lineCount else { return first }
        let range = index.lineRange(loc.line)
        let caret = index.byteOffset(line: loc.line, column: loc.column)
        // At most `maximumShownScalars` scalars: the whole line when it is short, else a window with the column in it.
        let half = Self.maximumShownScalars / 2
        let lineScalars = index.scalars(before: range.upperBound) - index.scalars(before: range.lowerBound)
        let caretScalar = index.scalars(before: caret) - index.scalars(before: range.lowerBound)
        let firstShown = lineScalars <= Self.maximumShownScalars ? 0 : max(0, min(caretScalar - half, lineScalars - Self.maximumShownScalars))
        let lastShown = min(lineScalars, firstShown + Self.maximumShownScalars)
        let from = index.byteOffset(line: loc.line, column: firstShown + 1)
        let to = index.byteOffset(line: loc.line, column: lastShown + 1)
        let shown = String(decoding: index.bytes[from..<to], as: UTF8.self)
        let lead = firstShown > 0 ? "…" : "", trail = lastShown < lineScalars ? "…" : ""
        let number = String(loc.line)
        let gutter = String(repeating: " ", count: number.count)
        // Keep tabs so the caret lines up under them in the terminal.
        let prefix = String(repeating: " ", count: lead.isEmpty ? 0 : 1)
            + String(decoding: index.bytes[from..<max(from, min(caret, to))].compactMap { b -> UInt8? in
                b & 0xC0 == 0x80 ? nil : (b == 0x09 ? 0x09 : 0x20)
            }, as: UTF8.self)
        return "\(first)\n \(number) | \(lead)\(shown)\(trail)\n \(gutter) | \(prefix)^"
    }

    /// The 1-based `n`th line of `text`, without its line break.
    static func line(_ n: Int, of text: String) -> String? {
        let index = LineIndex(text)
        guard n >= 1, n <= index.lineCount else { return nil }
        return String(decoding: index.bytes[index.lineRange(n)], as: UTF8.self)
    }
}

/// The files a renderer has read, each with its line index, shared by the copies of the renderer.
private final class FileCache: @unchecked Sendable {
    // @unchecked: `indexes` is only read and written while `lock` is held.
    private let lock = Mutex(())
    private var indexes: [String: LineIndex?] = [:]

    func index(_ file: String, read: (String) -> String?) -> LineIndex? {
        lock.withLock { _ in
            if let known = indexes[file] { return known }
            let index = read(file).map(LineIndex.init)
            indexes[file] = index
            return index
        }
    }
}
