/// Label markup: plain Unicode text with `_` for subscripts and `^` for superscripts, each applying to the
/// next character or to a `{…}` group: `‖β‖_1`, `10^{−3}`, `α_{1se}`, `θ_1`. A backslash escapes the next
/// character (`\_`). Sub/superscripts do not nest.
public struct RichText: Sendable, Hashable {
    public enum Shift: Sendable, Hashable { case none, sub, sup }
    public struct Run: Sendable, Hashable {
        public var text: String
        public var shift: Shift
        public init(text: String, shift: Shift) { self.text = text; self.shift = shift }
    }
    public var runs: [Run]

    public init(runs: [Run]) { self.runs = runs }

    /// Parses the markup described on the type.
    public init(markup: String) {
        var runs: [Run] = []
        var current = ""
        func flush(_ shift: Shift) {
            if !current.isEmpty { runs.append(Run(text: current, shift: shift)); current = "" }
        }
        var chars = Array(markup)[...]
        while let c = chars.popFirst() {
            if c == "\\", let next = chars.popFirst() {
                current.append(next)
            } else if c == "_" || c == "^", let next = chars.first {
                flush(.none)
                let shift: Shift = c == "_" ? .sub : .sup
                chars.removeFirst()
                if next == "{" {
                    var group = ""
                    while let g = chars.popFirst(), g != "}" { group.append(g) }
                    current = group
                } else {
                    current = String(next)
                }
                flush(shift)
            } else {
                current.append(c)
            }
        }
        flush(.none)
        self.runs = runs
    }

    /// `text` with the markup characters `_`, `^` and `\` escaped, so that it displays literally
    /// (use for data-provided names such as feature and model names).
    public static func escape(_ text: String) -> String {
        var out = ""
        for c in text {
            if c == "_" || c == "^" || c == "\\" { out.append("\\") }
            out.append(c)
        }
        return out
    }

    /// The text without markup (for alt text and CSV headers).
    public var plainText: String { runs.map(\.text).joined() }

    /// Font size factor and baseline offset (in em of the base size, positive = up) of a shifted run.
    static func metrics(_ shift: Shift) -> (scale: Double, rise: Double) {
        switch shift {
        case .none: return (1, 0)
        case .sup: return (0.72, 0.42)
        case .sub: return (0.72, -0.2)
        }
    }
}
