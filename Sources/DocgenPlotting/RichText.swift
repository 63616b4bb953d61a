/// Label markup: plain Unicode text with `_` for subscripts and `^` for superscripts, each applying to the
/// next character or to a `{…}` group: `‖β‖_1`, `10^{−3}`, `α_{1se}`, `θ_1`. A backslash escapes the next
/// character (`\_`). Sub/superscripts do not nest. A character followed by U+0302 COMBINING CIRCUMFLEX
/// ACCENT (`β\u{0302}`, written β̂) gets a hat drawn over it — the estimate β̂ — since Cairo's text API places
/// each glyph on its own and cannot stack a combining mark on a tall letter.
public struct RichText: Sendable, Hashable {
    public enum Shift: Sendable, Hashable { case none, sub, sup }
    public struct Run: Sendable, Hashable {
        public var text: String
        public var shift: Shift
        /// Draw a hat (circumflex) over the run; such runs hold one character.
        public var hat: Bool
        public init(text: String, shift: Shift, hat: Bool = false) { self.text = text; self.shift = shift; self.hat = hat }
    }

    static let combiningCircumflex: Unicode.Scalar = "\u{0302}"
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
        self.runs = runs.flatMap(RichText.separatingHats)
    }

    /// A run split so that every character carrying a combining circumflex becomes its own hatted run.
    private static func separatingHats(_ run: Run) -> [Run] {
        guard run.text.unicodeScalars.contains(combiningCircumflex) else { return [run] }
        var pieces: [Run] = []
        var plain = ""
        for character in run.text {
            let scalars = character.unicodeScalars
            if scalars.count >= 2, scalars.last == combiningCircumflex {
                if !plain.isEmpty { pieces.append(Run(text: plain, shift: run.shift)); plain = "" }
                var base = String.UnicodeScalarView()
                base.append(contentsOf: scalars.dropLast())
                pieces.append(Run(text: String(base), shift: run.shift, hat: true))
            } else {
                plain.append(character)
            }
        }
        if !plain.isEmpty { pieces.append(Run(text: plain, shift: run.shift)) }
        return pieces
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
    public var plainText: String {
        runs.map { $0.hat ? $0.text + String(Character(RichText.combiningCircumflex)) : $0.text }.joined()
    }

    /// Font size factor and baseline offset (in em of the base size, positive = up) of a shifted run.
    static func metrics(_ shift: Shift) -> (scale: Double, rise: Double) {
        switch shift {
        case .none: return (1, 0)
        case .sup: return (0.72, 0.42)
        case .sub: return (0.72, -0.2)
        }
    }
}
