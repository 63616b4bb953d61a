/// A TeX formula, parsed once when the page is built.
public struct Formula: Sendable, Equatable {
    /// The TeX between the delimiters, as written (block-quote markers of continuation lines removed).
    public var tex: String
    /// Display math (`$$…$$`, `\[…\]`) rather than inline math.
    public var isDisplay: Bool
    /// The `eq-…` label written after display math (`$$…$$ {#eq-x}`); also its anchor.
    public var label: String?
    /// The parsed formula; nil when the TeX has an error, which the page's diagnostics report.
    var nodes: [MathNode]? { parsed?.nodes }
    private let parsed: ParsedTeX?

    /// Parses `tex` (display style when `isDisplay`).
    public init(tex: String, isDisplay: Bool, label: String? = nil) {
        self.init(tex: tex, isDisplay: isDisplay, label: label,
                  nodes: try? TeX.parse(tex, display: isDisplay).get())
    }

    init(tex: String, isDisplay: Bool, label: String?, nodes: [MathNode]?) {
        self.tex = tex
        self.isDisplay = isDisplay
        self.label = label
        self.parsed = nodes.map(ParsedTeX.init)
    }

    /// False when the TeX could not be parsed; renderers then show the source.
    public var isValid: Bool { nodes != nil }

    /// The formula as a MathML `<math>` element (see `TeX.mathML`), nil when it is not valid.
    public var mathML: String? {
        nodes.map { TeX.mathML(nodes: $0, tex: tex, display: isDisplay) }
    }

    /// The formula read as plain Unicode text (`\|\beta\|_1` → ‖β‖₁; see `MathPlainText`); the TeX
    /// source when it is not valid.
    public var plainText: String {
        nodes.map(MathPlainText.text) ?? tex
    }
}

/// The node tree of a formula. `MathNode` is an immutable value (an indirect enum of strings,
/// numbers and flags), so sharing it between threads is safe; the compiler does not infer
/// `Sendable` for indirect enums, hence the unchecked conformance.
private struct ParsedTeX: @unchecked Sendable, Equatable {
    let nodes: [MathNode]
}
