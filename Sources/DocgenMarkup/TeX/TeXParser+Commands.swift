/// Commands: symbols, fractions, roots, fonts, accents, delimiters; the rest are dispatched to
/// `TeXParser+Text` (text), `TeXParser+Decorations` (boxes, colours, spaces, tags, arrows) and
/// `TeXParser+Environments`.
extension TeXParser {
    mutating func command(_ name: String, token: TeXToken) throws(TeXError) -> (node: MathNode, limits: Limits)? {
        if let s = MathSymbols.greekLower[name] { return (.identifier(s), .none) }
        if let s = MathSymbols.greekUpper[name] { return (.identifier(s, normal: true), .none) }
        if let s = MathSymbols.identifiers[name] { return (.identifier(s), .none) }
        if let s = MathSymbols.operators[name] {
            return (.op(s), MathSymbols.limitOperators.contains(s) ? .display : .none)
        }
        if let width = MathSymbols.spaces[name] { return (.space(em: width), .none) }
        if name == "arg" {
            // `\arg\min` and `\arg\max` are one operator with limits, like `\argmin`.
            let save = position
            skipSpaces()
            if let t = peek(), case .command(let m) = t.kind, m == "min" || m == "max" {
                position += 1
                return (.identifier("arg" + Self.thinSpace + m), .display)
            }
            position = save
            return (.identifier("arg"), .none)
        }
        if let s = MathSymbols.functionNames[name] {
            return (.identifier(s), MathSymbols.limitFunctionNames.contains(s) ? .display : .none)
        }
        if let delimiter = MathSymbols.delimiters["\\" + name] {
            return (.op(delimiter, stretchy: false), .none)
        }
        if let alphabet = MathAlphabet.commands[name] {
            return (try restyle(try parseArgument(after: token), alphabet), .none)
        }
        if let accent = MathSymbols.accents[name] {
            let base = try parseArgument(after: token)
            // Braces take labels under and over them even inline, like `\sum\limits`.
            let limits: Limits = name.hasSuffix("brace") ? .always : .none
            return (.accent(base, mark: accent.mark, over: accent.over, stretchy: accent.stretchy), limits)
        }
        if let font = Self.textFonts[name] {
            return (try parseTextArgument(after: token, font: font), .none)
        }
        if let result = try decoration(name, token: token) { return result }
        switch name {
        case "frac", "dfrac", "tfrac", "cfrac":
            if name == "cfrac" { _ = try parseOptionalArgument() }
            let numerator = try parseArgument(after: token)
            let denominator = try parseArgument(after: token)
            let style: Bool? = name == "dfrac" || name == "cfrac" ? true : name == "tfrac" ? false : nil
            return (.fraction(numerator, denominator, displayStyle: style), .none)
        case "binom", "dbinom", "tbinom":
            let top = try parseArgument(after: token)
            let bottom = try parseArgument(after: token)
            let style: Bool? = name == "dbinom" ? true : name == "tbinom" ? false : nil
            return (.row([.op("(", stretchy: true), .stack(top, bottom, displayStyle: style), .op(")", stretchy: true)]), .none)
        case "sqrt":
            let index = try parseOptionalArgument()
            let body = try parseArgument(after: token)
            return (index.map { .root(body, index: $0) } ?? .squareRoot(body), .none)
        case "mathrm", "mathup", "mathnormal":
            let body = try parseArgument(after: token)
            return (name == "mathnormal" ? body : try upright(body), .none)
        case "operatorname":
            skipSpaces()
            var starred = false
            if let t = peek(), t.kind == .character("*") { position += 1; starred = true }
            let text = try rawGroup(after: token, textMode: false)
            let limits: Limits = starred || MathSymbols.limitFunctionNames.contains(text) ? .display : .none
            return (.identifier(text, normal: true), limits)
        case "mathop":
            // An operator made of anything: a name such as `\mathop{\mathrm{argmin}}` takes
            // limits in display style like `\min`.
            var body = try parseArgument(after: token)
            if case .identifier(let s, _) = body { body = .identifier(s, normal: true) }
            return (body, .display)
        case "mathbin", "mathrel", "mathpunct", "mathopen", "mathclose":
            let body = try parseArgument(after: token)
            switch body {
            case .identifier(let s, _), .number(let s), .op(let s, _): return (.op(s, stretchy: false), .none)
            default: return (body, .none)
            }
        case "mathord", "mathinner", "mathrlap", "mathllap", "mathclap", "rlap", "llap", "clap":
            return (try parseArgument(after: token), .none)
        case "left":
            return (try parseLeftRight(token), .none)
        case "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr", "biggl", "biggr", "Biggl", "Biggr",
             "bigm", "Bigm", "biggm", "Biggm":
            let delimiter = try parseDelimiter(after: token)
            return (.op(delimiter, stretchy: false), .none)
        case "begin":
            return (try parseEnvironment(token), .none)
        case "overset", "underset", "stackrel":
            let mark = try parseArgument(after: token)
            let base = try parseArgument(after: token)
            let over = name != "underset"
            return (.scripts(base: base, sub: over ? nil : mark, sup: over ? mark : nil, limitsUnderOver: true), .none)
        case "not":
            skipSpaces()
            guard let atom = try parseAtom(single: true), case .op(let s, _) = atom.node else {
                throw TeXError(offset: token.offset, message: "'\\not' must be followed by a relation such as '=' or '\\in'")
            }
            return (.op(s + "\u{0338}"), .none)
        case "{", "}", "|":
            return (.op(MathSymbols.delimiters["\\" + name] ?? name, stretchy: false), .none)
        case "hline", "hdashline":
            // A rule outside the start of a table row has no place to go.
            return nil
        case "label":
            // Labels are dropped: the page layer numbers and links equations (`{#eq-…}`).
            _ = try bracedSource(after: token)
            return nil
        case "tag":
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
            return nil
        case "vspace":
            skipSpaces()
            if let t = peek(), t.kind == .character("*") { position += 1 }
            _ = try bracedSource(after: token)
            return nil
        case "":
            throw TeXError(offset: token.offset, message: "a lone '\\' ends the formula")
        default:
            throw TeXError(offset: token.offset, message: "unknown TeX command '\\\(name)'")
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
    private mutating func parseLeftRight(_ left: TeXToken) throws(TeXError) -> MathNode {
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
