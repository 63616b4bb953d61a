/// Commands: symbols, and a registry of handlers for commands with arguments (fractions,
/// roots, fonts, accents, delimiters here; text in `TeXParser+Text`; boxes, colours, spaces,
/// tags and arrows in `TeXParser+Decorations`; environments in `TeXParser+Environments`).
///
/// Each handler is a small function of its own: a debug build gives a function one stack slot
/// per local of every branch, so one big `switch` over all commands cost about 10 KB of stack
/// per nesting level of `\frac\frac…`; small handlers keep the recursive path lean.
extension TeXParser {
    typealias Atom = (node: MathNode, limits: Limits)
    /// A command with arguments: the parser after the command's token, its name and token;
    /// nil for a command that leaves no mark (`\label{…}`).
    typealias Handler = @Sendable (inout TeXParser, String, TeXToken) throws(TeXError) -> Atom?

    mutating func command(_ name: String, token: TeXToken) throws(TeXError) -> Atom? {
        if let atom = Self.symbol(name) { return atom }
        if name == "arg" { return argMinMax() }
        if let handler = Self.handlers[name] { return try handler(&self, name, token) }
        if name.isEmpty { throw TeXError(offset: token.offset, message: "a lone '\\' ends the formula") }
        throw TeXError(offset: token.offset, message: "unknown TeX command '\\\(name)'")
    }

    /// A command that stands for one symbol, or nil.
    static func symbol(_ name: String) -> Atom? {
        if let s = MathSymbols.greekLower[name] { return (.identifier(s), .none) }
        if let s = MathSymbols.greekUpper[name] { return (.identifier(s, normal: true), .none) }
        if let s = MathSymbols.identifiers[name] { return (.identifier(s), .none) }
        if let s = MathSymbols.operators[name] { return (.op(s), MathSymbols.limitOperators.contains(s) ? .display : .none) }
        if let width = MathSymbols.spaces[name] { return (.space(em: width), .none) }
        if let s = MathSymbols.functionNames[name] {
            return (.identifier(s), MathSymbols.limitFunctionNames.contains(s) ? .display : .none)
        }
        if let delimiter = MathSymbols.delimiters["\\" + name] { return (.op(delimiter, stretchy: false), .none) }
        if name == "{" || name == "}" || name == "|" {
            return (.op(MathSymbols.delimiters["\\" + name] ?? name, stretchy: false), .none)
        }
        return nil
    }

    /// `\arg`, and `\arg\min`/`\arg\max` as one operator with limits, like `\argmin`.
    private mutating func argMinMax() -> Atom {
        let save = position
        skipSpaces()
        if let t = peek(), case .command(let m) = t.kind, m == "min" || m == "max" {
            position += 1
            return (.identifier("arg" + Self.thinSpace + m), .display)
        }
        position = save
        return (.identifier("arg"), .none)
    }

    /// Every command with arguments, by name.
    static let handlers: [String: Handler] = {
        var table: [String: Handler] = [:]
        func add(_ names: [String], _ handler: @escaping Handler) { for name in names { table[name] = handler } }
        add(Array(MathAlphabet.commands.keys)) { p, name, token throws(TeXError) in try p.alphabet(name, token) }
        add(Array(MathSymbols.accents.keys)) { p, name, token throws(TeXError) in try p.accent(name, token) }
        add(Array(TeXParser.textFonts.keys)) { p, name, token throws(TeXError) in
            (try p.parseTextArgument(after: token, font: TeXParser.textFonts[name] ?? nil), .none)
        }
        add(["frac", "dfrac", "tfrac", "cfrac"]) { p, name, token throws(TeXError) in try p.fraction(name, token) }
        add(["binom", "dbinom", "tbinom"]) { p, name, token throws(TeXError) in try p.binomial(name, token) }
        add(["sqrt"]) { p, _, token throws(TeXError) in try p.squareRoot(token) }
        add(["mathrm", "mathup", "mathnormal"]) { p, name, token throws(TeXError) in try p.uprightArgument(name, token) }
        add(["operatorname"]) { p, _, token throws(TeXError) in try p.operatorName(token) }
        add(["mathop", "mathbin", "mathrel", "mathpunct", "mathopen", "mathclose", "mathord", "mathinner",
             "mathrlap", "mathllap", "mathclap", "rlap", "llap", "clap"]) { p, name, token throws(TeXError) in
            try p.mathClass(name, token)
        }
        add(["left"]) { p, _, token throws(TeXError) in (try p.parseLeftRight(token), .none) }
        add(["big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr", "biggl", "biggr", "Biggl", "Biggr",
             "bigm", "Bigm", "biggm", "Biggm"]) { p, _, token throws(TeXError) in
            (.op(try p.parseDelimiter(after: token), stretchy: false), .none)
        }
        add(["begin"]) { p, _, token throws(TeXError) in (try p.parseEnvironment(token), .none) }
        add(["overset", "underset", "stackrel"]) { p, name, token throws(TeXError) in try p.overset(name, token) }
        add(["not"]) { p, _, token throws(TeXError) in try p.negation(token) }
        // A rule outside the start of a table row has no place to go.
        add(["hline", "hdashline"]) { _, _, _ throws(TeXError) in nil }
        // Labels are dropped: the page layer numbers and links equations (`{#eq-…}`).
        add(["label"]) { p, _, token throws(TeXError) in _ = try p.bracedSource(after: token); return nil }
        add(["tag"]) { p, _, token throws(TeXError) in try p.tag(token); return nil }
        add(["vspace"]) { p, _, token throws(TeXError) in
            p.skipStar()
            _ = try p.bracedSource(after: token)
            return nil
        }
        addDecorations(add)
        return table
    }()

    mutating func skipStar() {
        skipSpaces()
        if let t = peek(), t.kind == .character("*") { position += 1 }
    }

    private mutating func alphabet(_ name: String, _ token: TeXToken) throws(TeXError) -> Atom {
        guard let alphabet = MathAlphabet.commands[name] else { return (.row([]), .none) }
        return (try restyle(try parseArgument(after: token), alphabet), .none)
    }

    private mutating func accent(_ name: String, _ token: TeXToken) throws(TeXError) -> Atom {
        guard let accent = MathSymbols.accents[name] else { return (.row([]), .none) }
        let base = try parseArgument(after: token)
        // Braces take labels under and over them even inline, like `\sum\limits`.
        let limits: Limits = name.hasSuffix("brace") ? .always : .none
        return (.accent(base, mark: accent.mark, over: accent.over, stretchy: accent.stretchy), limits)
    }

    private mutating func fraction(_ name: String, _ token: TeXToken) throws(TeXError) -> Atom {
        if name == "cfrac" { _ = try parseOptionalArgument() }
        let numerator = try parseArgument(after: token)
        let denominator = try parseArgument(after: token)
        let style: Bool? = name == "dfrac" || name == "cfrac" ? true : name == "tfrac" ? false : nil
        return (.fraction(numerator, denominator, displayStyle: style), .none)
    }

    private mutating func binomial(_ name: String, _ token: TeXToken) throws(TeXError) -> Atom {
        let top = try parseArgument(after: token)
        let bottom = try parseArgument(after: token)
        let style: Bool? = name == "dbinom" ? true : name == "tbinom" ? false : nil
        return (.row([.op("(", stretchy: true), .stack(top, bottom, displayStyle: style), .op(")", stretchy: true)]), .none)
    }

    private mutating func squareRoot(_ token: TeXToken) throws(TeXError) -> Atom {
        let index = try parseOptionalArgument()
        let body = try parseArgument(after: token)
        return (index.map { .root(body, index: $0) } ?? .squareRoot(body), .none)
    }

    private mutating func uprightArgument(_ name: String, _ token: TeXToken) throws(TeXError) -> Atom {
        let body = try parseArgument(after: token)
        return (name == "mathnormal" ? body : try upright(body), .none)
    }

    private mutating func operatorName(_ token: TeXToken) throws(TeXError) -> Atom {
        skipSpaces()
        var starred = false
        if let t = peek(), t.kind == .character("*") { position += 1; starred = true }
        let text = try rawGroup(after: token, textMode: false)
        let limits: Limits = starred || MathSymbols.limitFunctionNames.contains(text) ? .display : .none
        return (.identifier(text, normal: true), limits)
    }

    /// `\mathop{…}`: an operator made of anything; a name such as `\mathop{\mathrm{argmin}}`
    /// takes limits in display style like `\min`. `\mathbin` and friends make a one-symbol
    /// argument an operator; `\mathord`, `\mathinner` and the overlaps give the argument.
    private mutating func mathClass(_ name: String, _ token: TeXToken) throws(TeXError) -> Atom {
        var body = try parseArgument(after: token)
        switch name {
        case "mathop":
            if case .identifier(let s, _) = body { body = .identifier(s, normal: true) }
            return (body, .display)
        case "mathbin", "mathrel", "mathpunct", "mathopen", "mathclose":
            switch body {
            case .identifier(let s, _), .number(let s), .op(let s, _): return (.op(s, stretchy: false), .none)
            default: return (body, .none)
            }
        default:
            return (body, .none)
        }
    }

    private mutating func overset(_ name: String, _ token: TeXToken) throws(TeXError) -> Atom {
        let mark = try parseArgument(after: token)
        let base = try parseArgument(after: token)
        let over = name != "underset"
        return (.scripts(base: base, sub: over ? nil : mark, sup: over ? mark : nil, limitsUnderOver: true), .none)
    }

    private mutating func negation(_ token: TeXToken) throws(TeXError) -> Atom {
        skipSpaces()
        guard let atom = try parseAtom(single: true), case .op(let s, _) = atom.node else {
            throw TeXError(offset: token.offset, message: "'\\not' must be followed by a relation such as '=' or '\\in'")
        }
        return (.op(s + "\u{0338}"), .none)
    }

    /// `\tag{…}` sets the row's tag, shown as "(…)"; `\tag*{…}` without parentheses.
    private mutating func tag(_ token: TeXToken) throws(TeXError) {
        skipSpaces()
        var starred = false
        if let t = peek(), t.kind == .character("*") { position += 1; starred = true }
        let tag = try parseTextArgument(after: token, font: nil)
        if starred {
            pendingTag = tag
        } else if case .text(let s) = tag {
            pendingTag = .text("(" + s + ")")
        } else {
            pendingTag = .row([.text("("), tag, .text(")")])
        }
    }

    /// An optional `[…]` argument (the index of `\sqrt[n]{x}`, the label under `\xrightarrow`).
    mutating func parseOptionalArgument() throws(TeXError) -> MathNode? {
        let save = position
        skipSpaces()
        guard let open = peek(), open.kind == .character("[") else { position = save; return nil }
        position += 1
        var nodes: [MathNode] = []
        while let t = peek(), t.kind != .character("]") {
            if isTerminator(t) { break }
            if let node = try parseAtomWithScripts() { nodes.append(node) }
        }
        guard let close = next(), close.kind == .character("]") else {
            throw TeXError(offset: open.offset, message: "'[' is missing its closing ']'")
        }
        return Self.wrap(nodes)
    }

    /// The delimiter after `\left`, `\right`, `\middle` or `\big`.
    mutating func parseDelimiter(after token: TeXToken) throws(TeXError) -> String {
        skipSpaces()
        guard let t = next() else {
            throw TeXError(offset: token.offset, message: "missing delimiter after '\(Self.spelling(token))'")
        }
        let key: String
        switch t.kind {
        case .character(let c): key = String(c)
        case .command(let n): key = "\\" + n
        default: key = ""
        }
        guard let delimiter = MathSymbols.delimiters[key] else {
            throw TeXError(offset: t.offset, message: "'\(key)' is not a delimiter for '\(Self.spelling(token))'")
        }
        return delimiter
    }

    /// `\left d … (\middle d …)* \right d`; `\left` has been consumed.
    mutating func parseLeftRight(_ left: TeXToken) throws(TeXError) -> MathNode {
        var nodes: [MathNode] = [.op(try parseDelimiter(after: left), stretchy: true)]
        while true {
            nodes += try parseList()
            guard let t = next() else {
                throw TeXError(offset: left.offset, message: "'\\left' without a matching '\\right'")
            }
            switch t.kind {
            case .command("middle"):
                nodes.append(.op(try parseDelimiter(after: t), stretchy: true))
            case .command("right"):
                nodes.append(.op(try parseDelimiter(after: t), stretchy: true))
                return .row(nodes)
            default:
                throw unexpected(t)
            }
        }
    }

    /// The source between the braces of the group after `token`, verbatim (for an array's
    /// column spec and dimensions); the group is consumed.
    mutating func bracedSource(after token: TeXToken) throws(TeXError) -> [Unicode.Scalar] {
        skipSpaces()
        guard let open = next(), open.kind == .openBrace else {
            throw TeXError(offset: token.offset, message: "'\(Self.spelling(token))' needs a braced argument")
        }
        var level = 1
        while let t = next() {
            if t.kind == .openBrace { level += 1 }
            if t.kind == .closeBrace {
                level -= 1
                if level == 0 { return Array(source[(open.offset + 1)..<t.offset]) }
            }
        }
        throw TeXError(offset: open.offset, message: "unbalanced braces: '{' is never closed")
    }

    /// The literal text of the braced group after `token` (for `\operatorname`, environment
    /// names, labels): escapes like `\$` become the character, `\,` `\;` `\:` `\ ` become
    /// spaces, braces are dropped; in text mode spaces are kept.
    mutating func rawGroup(after token: TeXToken, textMode: Bool) throws(TeXError) -> String {
        let scalars = try bracedSource(after: token)
        var text = ""
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            if c == "\\", i + 1 < scalars.count {
                let n = scalars[i + 1]
                switch n {
                case ",": text += Self.thinSpace
                case ";": text += "\u{2005}"
                case ":", ">": text += "\u{205F}"
                case " ": text += " "
                case "!": break
                case "$", "%", "&", "#", "_", "{", "}": text.unicodeScalars.append(n)
                default:
                    text.unicodeScalars.append(c)
                    text.unicodeScalars.append(n)
                }
                i += 2
                continue
            }
            if c == "{" || c == "}" { i += 1; continue }
            if !textMode && (c == " " || c == "\n" || c == "\t") { i += 1; continue }
            if c == "~" { text += "\u{A0}" } else if c == "\n" { text += " " } else { text.unicodeScalars.append(c) }
            i += 1
        }
        return text
    }

    /// Applies a math alphabet to letters and digits inside `node`.
    mutating func restyle(_ node: MathNode, _ alphabet: MathAlphabet) throws(TeXError) -> MathNode {
        try spend(at: currentOffset)
        switch node {
        case .identifier(let s, let normal):
            let mapped = s.unicodeScalars.map { alphabet.map($0).map { String($0) } ?? String($0) }.joined()
            return .identifier(mapped, normal: normal && mapped == s)
        case .number(let s):
            let mapped = s.unicodeScalars.map { alphabet.map($0).map { String($0) } ?? String($0) }.joined()
            return mapped == s ? .number(s) : .identifier(mapped)
        case .row(let children):
            var styled: [MathNode] = []
            for child in children { styled.append(try restyle(child, alphabet)) }
            return .row(styled)
        case .scripts(let base, let sub, let sup, let limits):
            return .scripts(base: try restyle(base, alphabet), sub: sub, sup: sup, limitsUnderOver: limits)
        case .accent(let base, let mark, let over, let stretchy):
            return .accent(try restyle(base, alphabet), mark: mark, over: over, stretchy: stretchy)
        default:
            return node
        }
    }

    /// `\mathrm`: letters upright, runs of letters joined into one name (`\mathrm{d}x`, `\mathrm{KL}`).
    mutating func upright(_ node: MathNode) throws(TeXError) -> MathNode {
        try spend(at: currentOffset)
        switch node {
        case .identifier(let s, _):
            return .identifier(s, normal: true)
        case .row(let children):
            var merged: [MathNode] = []
            for child in children {
                if case .identifier(let s, _) = child, case .identifier(let previous, _)? = merged.last {
                    merged[merged.count - 1] = .identifier(previous + s, normal: true)
                } else {
                    merged.append(try upright(child))
                }
            }
            return Self.wrap(merged)
        case .scripts(let base, let sub, let sup, let limits):
            return .scripts(base: try upright(base), sub: sub, sup: sup, limitsUnderOver: limits)
        case .accent(let base, let mark, let over, let stretchy):
            return .accent(try upright(base), mark: mark, over: over, stretchy: stretchy)
        default:
            return node
        }
    }
}
