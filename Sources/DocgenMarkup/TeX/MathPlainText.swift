/// Reads a parsed formula as plain Unicode text, for search and wherever markup cannot go
/// (alt text): `\alpha` → α, `\|\beta\|_1` → ‖β‖₁, `\mathbf{X}` → X, `\frac{1}{2n}` → 1/(2n).
///
/// Conventions:
/// - Letters a font command styled (Unicode's Mathematical Alphanumeric Symbols, which `\mathbf`,
///   `\mathit`, `\mathcal`, `\mathsf`, `\mathtt`, `\boldsymbol` … produce) read as the plain letter.
///   Double-struck letters keep their form (`\mathbb{R}` → ℝ): they name sets.
/// - Relations and binary operators stand between single spaces (`y = Xβ + ε`); a comma or a
///   semicolon is followed by one; a unary sign is not (`−x`); a thin or wider space is one space,
///   a negative space none. Pieces that would run into their neighbours are set off by a space
///   (unless a bracket or punctuation is next to them): fractions, large operators with their
///   limits, roots, function names and anything with a `_`/`^` script: `1/n Xᵀ`, `α sign(β)`,
///   `β_k x^k`, `1/K ∑_(k=1)^K E_k(α)`.
/// - A sub- or superscript made only of digits, `+ − = ( )` uses Unicode's sub- and superscript
///   characters (x₁, 10⁻², ‖β‖₂²). Any other script follows `_` or `^`, in parentheses when it is
///   more than one atom: α_min, x^(2k), ∑_(k=1)^d. Primes are appended as they are (β′).
/// - A fraction reads a/b, with parentheses around a numerator or denominator of several atoms:
///   1/(2n). A root reads √x or √(x + y), with its index before it (∛x, ⁵√x).
/// - An accent over one character becomes the combining mark (β̂, x̄, ṽ); over more it is dropped.
/// - Matrices, cases and aligned rows read row by row: cells apart by a space, rows by "; " (a
///   comma or semicolon ending a row is dropped); the delimiters of a matrix are kept, the lone
///   brace of cases is not.
/// - Runs of spaces collapse to one and the ends are trimmed.
enum MathPlainText {
    static func text(_ nodes: [MathNode]) -> String {
        tidy(nodes.map { text($0, inScript: false) }.joined())
    }

    /// Stand where a space goes if the characters on both sides would otherwise run together
    /// (see `tidy`); private-use characters, so they never clash with formula text. A `weak` one
    /// also gives way to an opening bracket, so a function name or a scripted symbol stays next
    /// to its argument: `sign(z)`, `L_data(θ)`.
    private static let separator: Unicode.Scalar = "\u{E002}"
    private static let weakSeparator: Unicode.Scalar = "\u{E003}"
    private static let sep = String(separator)
    private static let weak = String(weakSeparator)

    private static func text(_ node: MathNode, inScript: Bool) -> String {
        switch node {
        case .identifier(let s, _):
            let name = plainLetters(s).replacingThinSpaces()
            return name.unicodeScalars.count > 1 ? sep + name + weak : name
        case .number(let s):
            return s
        case .op(let s, _):
            if s.isEmpty { return "" }
            if largeOperators.contains(s) { return sep + s + sep }
            if inScript { return s }
            if spacedOperators.contains(s) || s.unicodeScalars.last == "\u{0338}" { return " \(s) " }
            if s == "," || s == ";" { return s + " " }
            return s
        case .prefixOp(let s):
            return s
        case .text(let s):
            return String(String.UnicodeScalarView(s.unicodeScalars.map { $0 == "\u{A0}" ? " " : $0 }))
        case .space(let em):
            return (Double(em) ?? 0) > 0 ? " " : ""
        case .row(let children):
            return children.map { text($0, inScript: inScript) }.joined()
        case .fraction(let numerator, let denominator, _):
            return sep + operand(numerator, inScript: inScript) + "/" + operand(denominator, inScript: inScript) + sep
        case .squareRoot(let body):
            return sep + "√" + operand(body, inScript: inScript) + sep
        case .root(let body, let index):
            let n = tidy(text(index, inScript: true))
            let sign = n == "3" ? "∛" : n == "4" ? "∜" : (superscript(n) ?? "^(\(n))") + "√"
            return sep + sign + operand(body, inScript: inScript) + sep
        case .scripts(let base, let sub, let sup, _):
            var out = tidy(operand(base, inScript: inScript))
            if let sub { out += script(sub, marker: "_", table: subscripts) }
            if let sup { out += script(sup, marker: "^", table: superscripts) }
            if isLargeOperator(base) { return sep + out + sep }
            return (isName(base) ? sep : "") + out + weak
        case .accent(let base, let mark, _, _):
            return accented(tidy(text(base, inScript: inScript)), mark: mark)
        case .table(let table):
            let body = table.rows.map { row -> String in
                var line = row.map { tidy(text($0, inScript: inScript)) }.filter { !$0.isEmpty }.joined(separator: " ")
                while line.hasSuffix(",") || line.hasSuffix(";") { line.removeLast() }
                return line
            }.joined(separator: "; ")
            return table.open.isEmpty || table.close.isEmpty ? body : table.open + body + table.close
        case .style(_, let body):
            return text(body, inScript: inScript)
        case .stack(let upper, let lower, _):
            // `\binom{n}{k}` (its parentheses are separate operators) and `\atop`: one over the other.
            return sep + operand(upper, inScript: inScript) + " over " + operand(lower, inScript: inScript) + sep
        case .decorated(let body, let decoration):
            // A phantom takes room but shows nothing; every other decoration keeps its body's words.
            if case .phantom = decoration { return "" }
            if case let .line(over) = decoration { return accented(tidy(text(body, inScript: inScript)), mark: over ? "‾" : "_") }
            return text(body, inScript: inScript)
        }
    }

    // MARK: Pieces

    /// A numerator, denominator, root body or script base: in parentheses when it is several atoms.
    private static func operand(_ node: MathNode, inScript: Bool) -> String {
        let body = tidy(text(node, inScript: inScript))
        return isCompound(node) && !(body.hasPrefix("(") && body.hasSuffix(")")) ? "(\(body))" : body
    }

    private static func isCompound(_ node: MathNode) -> Bool {
        switch node {
        case .row(let children):
            return children.filter { if case .space = $0 { return false } else { return true } }.count > 1
        case .fraction: return true
        case .style(_, let body): return isCompound(body)
        default: return false
        }
    }

    private static func isLargeOperator(_ node: MathNode) -> Bool {
        if case .op(let s, _) = node { return largeOperators.contains(s) }
        return false
    }

    /// A function name such as `log` or `arg min` (several letters in one identifier).
    private static func isName(_ node: MathNode) -> Bool {
        if case .identifier(let s, _) = node { return s.unicodeScalars.count > 1 }
        return false
    }

    /// A script after its base: Unicode sub/superscript characters when every character has one,
    /// primes as they are, else `marker` and the text (parenthesized when compound).
    private static func script(_ node: MathNode, marker: String, table: [Unicode.Scalar: Unicode.Scalar]) -> String {
        let body = tidy(text(node, inScript: true))
        if body.isEmpty { return "" }
        if body.unicodeScalars.allSatisfy({ primes.contains($0) }) { return body }
        let scalars = body.unicodeScalars.filter { $0 != " " }
        if scalars.allSatisfy({ table[$0] != nil }) {
            return String(String.UnicodeScalarView(scalars.compactMap { table[$0] }))
        }
        let wrapped = isCompound(node) && !(body.hasPrefix("(") && body.hasSuffix(")"))
        return marker + (wrapped ? "(\(body))" : body)
    }

    private static func superscript(_ text: String) -> String? {
        let mapped = text.unicodeScalars.compactMap { superscripts[$0] }
        return mapped.count == text.unicodeScalars.count && !mapped.isEmpty
            ? String(String.UnicodeScalarView(mapped)) : nil
    }

    private static func accented(_ base: String, mark: String) -> String {
        let scalars = Array(base.unicodeScalars)
        if let combining = spreadingMarks[mark] {
            return String(String.UnicodeScalarView(scalars.flatMap { [$0, combining] }))
        }
        guard scalars.count == 1, let combining = combiningMarks[mark] else { return base }
        return String(String.UnicodeScalarView([scalars[0], combining]))
    }

    /// Collapses runs of spaces, trims them at both ends, and turns each separator into a space
    /// where the characters around it would otherwise run together: not at either end, not after
    /// an opening bracket, bar or sign, not before a closing bracket, bar or punctuation (and for a
    /// weak separator not before an opening bracket). A bar `|` or `‖` opens when an even number
    /// of the same bar precede it, else it closes.
    private static func tidy(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        var pending: Unicode.Scalar?
        var openBars: Set<Unicode.Scalar> = []
        var afterOpening = true
        for scalar in text.unicodeScalars {
            if scalar == " " {
                pendingSpace = true
                continue
            }
            if scalar == separator || scalar == weakSeparator {
                if pending != separator { pending = scalar }
                continue
            }
            let isBar = scalar == "|" || scalar == "‖"
            let closing = isBar ? openBars.contains(scalar) : closers.contains(scalar)
            let opening = isBar ? !closing : openers.contains(scalar)
            if !out.isEmpty {
                if pendingSpace {
                    out.append(" ")
                } else if let separator = pending, !afterOpening, !closing, !punctuation.contains(scalar),
                          !(separator == weakSeparator && opening && !isBar) {
                    out.append(" ")
                }
            }
            if isBar { if closing { openBars.remove(scalar) } else { openBars.insert(scalar) } }
            pendingSpace = false
            pending = nil
            afterOpening = opening || signs.contains(scalar) || scalar == "/"
            out.append(scalar)
        }
        return String(out)
    }

    private static let openers: Set<Unicode.Scalar> = ["(", "[", "{", "⟨", "⌊", "⌈"]
    private static let closers: Set<Unicode.Scalar> = [")", "]", "}", "⟩", "⌋", "⌉"]
    private static let punctuation: Set<Unicode.Scalar> = [",", ".", ";", ":", "!", "/", "′", "″", "‴"]
    private static let signs: Set<Unicode.Scalar> = ["−", "+", "±", "∓"]

    // MARK: Letters

    /// `s` with letters and digits of the Mathematical Alphanumeric Symbols block (U+1D400–U+1D7FF)
    /// replaced by the plain letter or digit, except the double-struck ones.
    static func plainLetters(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { $0.value >= 0x1D400 }) else { return s }
        return String(String.UnicodeScalarView(s.unicodeScalars.map { plainLetter($0) ?? $0 }))
    }

    /// Unicode lays the block out as 13 Latin alphabets of 52 letters (the 7th double-struck),
    /// dotless ı and ȷ, 5 Greek alphabets of 58 symbols, Ϝ ϝ, then 5 sets of 10 digits (the 2nd
    /// double-struck).
    private static func plainLetter(_ c: Unicode.Scalar) -> Unicode.Scalar? {
        let v = c.value
        switch v {
        case 0x1D400..<0x1D6A4:
            let index = v - 0x1D400
            guard index / 52 != 6 else { return nil }
            let k = index % 52
            return Unicode.Scalar(k < 26 ? 0x41 + k : 0x61 + k - 26)
        case 0x1D6A4: return "ı"
        case 0x1D6A5: return "ȷ"
        case 0x1D6A8..<0x1D7CA:
            let k = (v - 0x1D6A8) % 58
            switch k {
            case 17: return "ϴ"
            case 0..<25: return Unicode.Scalar(0x391 + k)
            case 25: return "∇"
            case 26..<51: return Unicode.Scalar(0x3B1 + k - 26)
            default: return greekTail[Int(k) - 51]
            }
        case 0x1D7CA: return "Ϝ"
        case 0x1D7CB: return "ϝ"
        case 0x1D7CE..<0x1D800:
            let index = v - 0x1D7CE
            guard index / 10 != 1 else { return nil }
            return Unicode.Scalar(0x30 + index % 10)
        default:
            return nil
        }
    }

    private static let greekTail: [Unicode.Scalar] = ["∂", "ϵ", "ϑ", "ϰ", "ϕ", "ϱ", "ϖ"]

    // MARK: Tables

    private static let spacedOperators: Set<String> = [
        // relations
        "=", "<", ">", ":", "≤", "≥", "≠", "≈", "∼", "≃", "≅", "≡", "∝", "≪", "≫", "≺", "≻", "⪯", "⪰", "≐",
        "⩽", "⩾", "∈", "∉", "∋", "⊂", "⊃", "⊆", "⊇", "∣", "∥", "→", "←", "↔", "⇒", "⇐", "⇔", "⟹", "⟸",
        "⟺", "↦", "⟶", "⟵", "⟼", "↑", "↓", "↗", "↘",
        // binary operators
        "+", "−", "±", "∓", "×", "÷", "⋅", "∗", "⋆", "∘", "∙", "⊕", "⊖", "⊗", "⊙", "∪", "∩", "∖", "∧", "∨",
    ]

    private static let largeOperators: Set<String> = [
        "∑", "∏", "∐", "∫", "∬", "∭", "∮", "⋃", "⋂", "⨁", "⨂", "⋁", "⋀",
    ]

    private static let primes: Set<Unicode.Scalar> = ["′", "″", "‴"]

    private static let superscripts: [Unicode.Scalar: Unicode.Scalar] = [
        "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹",
        "+": "⁺", "−": "⁻", "-": "⁻", "=": "⁼", "(": "⁽", ")": "⁾",
    ]

    private static let subscripts: [Unicode.Scalar: Unicode.Scalar] = [
        "0": "₀", "1": "₁", "2": "₂", "3": "₃", "4": "₄", "5": "₅", "6": "₆", "7": "₇", "8": "₈", "9": "₉",
        "+": "₊", "−": "₋", "-": "₋", "=": "₌", "(": "₍", ")": "₎",
    ]

    /// Accent marks (as the parser stores them) over one character, as combining characters.
    private static let combiningMarks: [String: Unicode.Scalar] = [
        "^": "\u{0302}", "¯": "\u{0304}", "~": "\u{0303}", "→": "\u{20D7}", "˙": "\u{0307}", "¨": "\u{0308}",
        "ˇ": "\u{030C}", "˘": "\u{0306}", "´": "\u{0301}", "`": "\u{0300}",
    ]

    /// Lines over or under a whole base: the combining line after every character.
    private static let spreadingMarks: [String: Unicode.Scalar] = ["‾": "\u{0305}", "_": "\u{0332}"]
}

private extension String {
    /// Two-word function names (`arg min`) are joined by a thin space in the node tree.
    func replacingThinSpaces() -> String {
        guard unicodeScalars.contains("\u{2009}") else { return self }
        return String(String.UnicodeScalarView(unicodeScalars.map { $0 == "\u{2009}" ? " " : $0 }))
    }
}
