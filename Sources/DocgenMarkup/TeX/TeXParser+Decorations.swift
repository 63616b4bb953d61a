/// Commands that frame, strike, colour, hide or space their argument; extensible arrows;
/// `\binom`-like stacks; equation references.
extension TeXParser {
    /// Arrows that stretch under and over their labels: `\xrightarrow[below]{above}`.
    static let extensibleArrows: [String: String] = [
        "xrightarrow": "→", "xleftarrow": "←", "xleftrightarrow": "↔", "xRightarrow": "⇒", "xLeftarrow": "⇐",
        "xLeftrightarrow": "⇔", "xmapsto": "↦", "xhookrightarrow": "↪", "xhookleftarrow": "↩",
        "xrightharpoonup": "⇀", "xrightharpoondown": "⇁", "xleftharpoonup": "↼", "xleftharpoondown": "↽",
        "xrightleftharpoons": "⇌", "xleftrightharpoons": "⇋", "xlongequal": "=", "xtwoheadrightarrow": "↠",
        "xtwoheadleftarrow": "↞",
    ]

    /// Registers this file's commands.
    static func addDecorations(_ add: ([String], @escaping Handler) -> Void) {
        add(Array(extensibleArrows.keys)) { p, name, token throws(TeXError) in try p.extensibleArrow(name, token) }
        add(["overline", "underline"]) { p, name, token throws(TeXError) in
            (.decorated(try p.parseArgument(after: token), .line(over: name == "overline")), .none)
        }
        add(["boxed"]) { p, _, token throws(TeXError) in (.decorated(try p.parseArgument(after: token), .box), .none) }
        add(["fbox", "framebox"]) { p, _, token throws(TeXError) in
            (.decorated(try p.parseTextArgument(after: token, font: nil), .box), .none)
        }
        add(["cancel", "bcancel", "xcancel"]) { p, name, token throws(TeXError) in
            let strike: MathDecoration.Strike = name == "cancel" ? .up : name == "bcancel" ? .down : .cross
            return (.decorated(try p.parseArgument(after: token), .strike(strike)), .none)
        }
        add(["cancelto"]) { p, _, token throws(TeXError) in try p.cancelTo(token) }
        add(["textcolor"]) { p, _, token throws(TeXError) in
            let color = try p.parseColor(after: token)
            return (.decorated(try p.parseArgument(after: token), .color(color)), .none)
        }
        add(["colorbox"]) { p, _, token throws(TeXError) in
            // Background colours are left out (they fight the page's light and dark themes).
            _ = try p.parseColor(after: token)
            return (try p.parseTextArgument(after: token, font: nil), .none)
        }
        add(["phantom", "hphantom", "vphantom"]) { p, name, token throws(TeXError) in
            let phantom = MathDecoration.phantom(width: name != "vphantom", height: name != "hphantom")
            return (.decorated(try p.parseArgument(after: token), phantom), .none)
        }
        add(["mathstrut", "strut"]) { _, _, _ throws(TeXError) in
            (.decorated(.op("(", stretchy: false), .phantom(width: false, height: true)), .none)
        }
        add(["smash"]) { p, _, token throws(TeXError) in try p.smash(token) }
        add(["hspace", "mspace", "hskip", "mskip", "kern", "mkern"]) { p, _, token throws(TeXError) in
            p.skipStar()
            return (.space(em: try p.parseDimension(after: token)), .none)
        }
        add(["substack"]) { p, _, token throws(TeXError) in try p.substack(token) }
        add(["bmod"]) { _, _, _ throws(TeXError) in (.op("mod"), .none) }
        add(["pmod", "pod", "mod"]) { p, name, token throws(TeXError) in try p.modulo(name, token) }
        add(["eqref", "ref"]) { p, name, token throws(TeXError) in
            // The page layer owns equation numbers; the label itself is shown, in parentheses
            // for `\eqref`, as TeX shows the number.
            let label = try p.rawGroup(after: token, textMode: true)
            return (.text(name == "eqref" ? "(" + label + ")" : label), .none)
        }
    }

    private mutating func extensibleArrow(_ name: String, _ token: TeXToken) throws(TeXError) -> Atom {
        let arrow = Self.extensibleArrows[name] ?? "→"
        // Labels sit a thick space in from the arrow's ends.
        let below = try parseOptionalArgument()
        let above = try parseArgument(after: token)
        func padded(_ label: MathNode) -> MathNode {
            .row([.space(em: "0.2778"), label, .space(em: "0.2778")])
        }
        // An empty space under the arrow keeps it at least as long as `\longrightarrow`.
        let over: MathNode? = above == .row([]) ? nil : padded(above)
        let under: MathNode = below.map(padded) ?? .space(em: "1.5")
        return (.scripts(base: .op(arrow, stretchy: true), sub: under, sup: over, limitsUnderOver: true), .none)
    }

    /// `\cancelto{value}{term}`: the struck-out term with the value it goes to as superscript.
    private mutating func cancelTo(_ token: TeXToken) throws(TeXError) -> Atom {
        let value = try parseArgument(after: token)
        let body = try parseArgument(after: token)
        return (.scripts(base: .decorated(body, .strike(.up)), sub: nil, sup: value, limitsUnderOver: false), .none)
    }

    /// `\smash{…}`, `\smash[t]{…}` (no height), `\smash[b]{…}` (no depth).
    private mutating func smash(_ token: TeXToken) throws(TeXError) -> Atom {
        var top = true, bottom = true
        if let option = try parseOptionalArgument() {
            if option == .identifier("t") { bottom = false } else if option == .identifier("b") { top = false }
        }
        return (.decorated(try parseArgument(after: token), .smash(top: top, bottom: bottom)), .none)
    }

    /// `\substack{a \\ b}`: centred lines, as under a `\sum`.
    private mutating func substack(_ token: TeXToken) throws(TeXError) -> Atom {
        skipSpaces()
        guard let open = next(), open.kind == .openBrace else {
            throw TeXError(offset: token.offset, message: "'\\substack' needs a braced argument")
        }
        let body = try parseTableBody(.brace(open: open))
        return (.table(body.table(columnAlign: nil, displayStyle: false)), .none)
    }

    /// `\pmod{n}` "(mod n)", `\pod{n}` "(n)", `\mod{n}` "mod n", each a quad after what precedes.
    private mutating func modulo(_ name: String, _ token: TeXToken) throws(TeXError) -> Atom {
        let argument = try parseArgument(after: token)
        let mod: [MathNode] = [.identifier("mod", normal: true), .space(em: "0.3333")]
        if name == "mod" { return (.row([.space(em: "1")] + mod + [argument]), .none) }
        let inside = (name == "pmod" ? mod : []) + [argument]
        return (.row([.space(em: "1"), .op("(", stretchy: false)] + inside + [.op(")", stretchy: false)]), .none)
    }

    /// A TeX dimension (`2em`, `-3mu`, `0.5 cm`, braced or not) in em, as `<mspace>` wants it;
    /// `plus`/`minus` stretch is ignored.
    mutating func parseDimension(after token: TeXToken) throws(TeXError) -> String {
        skipSpaces()
        var scalars: [Unicode.Scalar] = []
        if let t = peek(), t.kind == .openBrace {
            scalars = try bracedSource(after: token)
        } else {
            // Unbraced: sign, digits and a two-letter unit, token by token.
            while let t = peek(), case .character(let c) = t.kind, "+-.,0123456789".unicodeScalars.contains(c) {
                scalars.append(c); position += 1
            }
            skipSpaces()
            if let t = peek(), case .character(let a) = t.kind, TeXLexer.isLetter(a),
               position + 1 < tokens.count, case .character(let b) = tokens[position + 1].kind, TeXLexer.isLetter(b) {
                scalars += [a, b]
                position += 2
            }
        }
        var number = "", unit = ""
        for c in scalars where c != " " && c != "\n" {
            let c: Unicode.Scalar = c == "," ? "." : c
            if unit.isEmpty, "+-.0123456789".unicodeScalars.contains(c) { number.unicodeScalars.append(c) } else { unit.unicodeScalars.append(c) }
        }
        // Font-relative units at 10 pt: 1 em = 10 pt = 18 mu; 1 ex ≈ 0.43 em.
        let perUnit: [String: Double] = [
            "em": 1, "ex": 0.431, "mu": 1.0 / 18, "pt": 0.1, "bp": 0.1004, "px": 0.075, "pc": 1.2, "mm": 0.2845,
            "cm": 2.845, "in": 7.227, "dd": 0.107, "cc": 1.284, "sp": 0.1 / 65536,
        ]
        let unitName = String(unit.prefix(2))
        guard let value = Double(number.isEmpty ? "1" : number), let scale = perUnit[unitName] else {
            throw TeXError(offset: token.offset, message: "'\(Self.spelling(token))' needs a dimension such as 1em or 3mu")
        }
        // Four decimals, without trailing zeros.
        let tenThousandths = Int((max(-100, min(100, value * scale)) * 10_000).rounded())
        let magnitude = abs(tenThousandths)
        var fraction = String(magnitude % 10_000)
        fraction = String(repeating: "0", count: 4 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        let sign = tenThousandths < 0 ? "-" : ""
        return sign + String(magnitude / 10_000) + (fraction.isEmpty ? "" : "." + fraction)
    }

    /// The colour argument of `\color`, `\textcolor`: `{red}`, `{#ff8800}`, `[HTML]{FF8800}`,
    /// `[rgb]{1,0.5,0}`, `[RGB]{255,128,0}`, `[gray]{0.5}`, or xcolor's `{red!60!black}`
    /// (shown as its first colour). Anything else is an error, so no stray CSS reaches the page.
    mutating func parseColor(after token: TeXToken) throws(TeXError) -> String {
        let save = position
        skipSpaces()
        var model: String?
        if let t = peek(), t.kind == .character("[") {
            position += 1
            var name = ""
            while let c = next(), c.kind != .character("]") {
                guard case .character(let s) = c.kind, TeXLexer.isLetter(s) else {
                    throw TeXError(offset: c.offset, message: "unknown colour model in '\(Self.spelling(token))'")
                }
                name.unicodeScalars.append(s)
            }
            model = name
        } else {
            position = save
        }
        let value = String(String.UnicodeScalarView(try bracedSource(after: token).filter { $0 != " " }))
        let invalid = TeXError(offset: token.offset, message: "'\(value)' is not a colour for '\(Self.spelling(token))'")
        let hexDigits = "0123456789abcdefABCDEF".unicodeScalars
        switch model {
        case nil:
            let first = value.split(separator: "!").first.map(String.init) ?? ""
            if first.hasPrefix("#"), [4, 7].contains(first.count), first.unicodeScalars.dropFirst().allSatisfy(hexDigits.contains) {
                return first
            }
            guard !first.isEmpty, first.unicodeScalars.allSatisfy(TeXLexer.isLetter) else { throw invalid }
            return first.lowercased()
        case "HTML"?:
            guard value.count == 6, value.unicodeScalars.allSatisfy(hexDigits.contains) else { throw invalid }
            return "#" + value
        case "rgb"?, "RGB"?, "gray"?:
            let parts = value.split(separator: ",").map { Double($0) }
            let scale = model == "RGB" ? 1.0 : 255.0
            guard parts.allSatisfy({ $0 != nil }) else { throw invalid }
            let numbers = parts.compactMap { $0 }.map { Int(max(0, min(255, $0 * scale)).rounded()) }
            if model == "gray", numbers.count == 1 { return "rgb(\(numbers[0]), \(numbers[0]), \(numbers[0]))" }
            guard numbers.count == 3 else { throw invalid }
            return "rgb(\(numbers[0]), \(numbers[1]), \(numbers[2]))"
        default:
            throw TeXError(offset: token.offset, message: "unknown colour model '\(model ?? "")' in '\(Self.spelling(token))'")
        }
    }
}
