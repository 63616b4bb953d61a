/// Turns diagnostics into the text a terminal shows: the compiler-style first line,
/// then the offending source line and a caret under the column.
///
///     Content/lasso.md:12:3: error: unknown key 'alpah'
///        12 | alpah: 0.1
///           | ^
public struct DiagnosticRenderer: Sendable {
    /// Use ANSI colours (bold, red for errors, magenta for warnings).
    public var colour: Bool
    /// Reads a file's text so the offending line can be quoted; returns nil when it cannot.
    public var sourceText: @Sendable (String) -> String?

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
        guard let loc = d.location, let text = sourceText(loc.file),
              let line = Self.line(loc.line, of: text) else { return first }
        let number = String(loc.line)
        let gutter = String(repeating: " ", count: number.count)
        // Keep tabs so the caret lines up under them in the terminal.
        let prefix = line.unicodeScalars.prefix(max(0, loc.column - 1))
            .map { $0 == "\t" ? "\t" : " " }.joined()
        let printable = line.count > 200 ? String(line.prefix(200)) + "…" : line
        return "\(first)\n \(number) | \(printable)\n \(gutter) | \(prefix)^"
    }

    /// The 1-based `n`th line of `text`, without its line break.
    static func line(_ n: Int, of text: String) -> String? {
        var current = 1
        var start = text.startIndex
        while current < n {
            guard let nl = text[start...].firstIndex(of: "\n") else { return nil }
            start = text.index(after: nl)
            current += 1
        }
        let end = text[start...].firstIndex(of: "\n") ?? text.endIndex
        var line = String(text[start..<end])
        if line.hasSuffix("\r") { line.removeLast() }
        return line
    }
}
