/// Commands: symbols, fractions, roots, fonts, text, accents, delimiters.
extension TeXParser {
    mutating func command(_ name: String, token: TeXToken) throws(TeXError) -> (node: MathNode, limits: Bool)? {
        if let s = MathSymbols.greekLower[name] { return (.identifier(s), false) }
        if let s = MathSymbols.greekUpper[name] { return (.identifier(s, normal: true), false) }
        if let s = MathSymbols.identifiers[name] { return (.identifier(s), false) }
        if let s = MathSymbols.operators[name] {
            return (.op(s), MathSymbols.limitOperators.contains(s))
        }
        if let width = MathSymbols.spaces[name] { return (.space(em: width), false) }
        if name == "arg" {
            // `\arg\min` and `\arg\max` are one operator with limits, like `\argmin`.
            let save = position
            skipSpaces()
            if let t = peek(), case .command(let m) = t.kind, m == "min" || m == "max" {
                position += 1
                return (.identifier("arg" + Self.thinSpace + m), true)
            }
            position = save
            return (.identifier("arg"), false)
        }
        if let s = MathSymbols.functionNames[name] {
            return (.identifier(s), MathSymbols.limitFunctionNames.contains(s))
        }
        if let delimiter = MathSymbols.delimiters["\\" + name] {
            return (.op(delimiter, stretchy: false), false)
        }
        if let alphabet = MathAlphabet.commands[name] {
            return (Self.restyle(try parseArgument(after: token), alphabet), false)
        }
        if let accent = MathSymbols.accents[name] {
            let base = try parseArgument(after: token)
            return (.accent(base, mark: accent.mark, over: accent.over, stretchy: accent.stretchy), false)
        }
        switch name {
        case "frac", "dfrac", "tfrac", "cfrac":
            let numerator = try parseArgument(after: token)
            let denominator = try parseArgument(after: token)
            let style: Bool? = name == "dfrac" || name == "cfrac" ? true : name == "tfrac" ? false : nil
            return (.fraction(numerator, denominator, displayStyle: style), false)
        case "sqrt":
            skipSpaces()
            var index: MathNode?
            if let t = peek(), t.kind == .character("[") {
                position += 1
                index = try parseBracketedIndex(openedAt: t)
            }
            let body = try parseArgument(after: token)
            return (index.map { .root(body, index: $0) } ?? .squareRoot(body), false)
        case "mathrm", "mathup", "rm":
            return (Self.upright(try parseArgument(after: token)), false)
        case "text", "textrm", "textup", "textnormal", "mbox", "textit", "textbf", "textsf", "texttt":
            return (.text(try rawGroup(after: token, textMode: true)), false)
        case "operatorname":
            skipSpaces()
            var starred = false
            if let t = peek(), t.kind == .character("*") { position += 1; starred = true }
            let text = try rawGroup(after: token, textMode: false)
            return (.identifier(text, normal: true), starred || MathSymbols.limitFunctionNames.contains(text))
        case "left":
            return (try parseLeftRight(token), false)
        case "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr", "biggl", "biggr", "Biggl", "Biggr",
             "bigm", "Bigm":
            let delimiter = try parseDelimiter(after: token)
            return (.op(delimiter, stretchy: false), false)
        case "begin":
            return (try parseEnvironment(token), false)
        case "overset", "underset", "stackrel":
            let mark = try parseArgument(after: token)
            let base = try parseArgument(after: token)
            let over = name != "underset"
            return (.scripts(base: base, sub: over ? nil : mark, sup: over ? mark : nil, limitsUnderOver: true), false)
        case "not":
            skipSpaces()
            guard let atom = try parseAtom(single: true), case .op(let s, _) = atom.node else {
                throw TeXError(offset: token.offset, message: "'\\not' must be followed by a relation such as '=' or '\\in'")
            }
            return (.op(s + "\u{0338}"), false)
        case "{", "}", "|":
            return (.op(MathSymbols.delimiters["\\" + name] ?? name, stretchy: false), false)
        case "":
            throw TeXError(offset: token.offset, message: "a lone '\\' ends the formula")
        default:
            throw TeXError(offset: token.offset, message: "unknown TeX command '\\\(name)'")
        }
    }

    /// `[index]` of `\sqrt[n]{x}`; the `[` has been consumed.
    private mutating func parseBracketedIndex(openedAt open: TeXToken) throws(TeXError) -> MathNode {
        var nodes: [MathNode] = []
        while let t = peek(), t.kind != .character("]") {
            if isTerminator(t) { break }
            if let node = try parseAtomWithScripts() { nodes.append(node) }
        }
        guard let close = next(), close.kind == .character("]") else {
            throw TeXError(offset: open.offset, message: "'\\sqrt[' is missing its closing ']'")
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

    /// The literal text of the braced group after `token` (for `\text`, `\operatorname`,
    /// environment names). In text mode spaces are kept; escapes like `\$` become the character,
    /// and `\,` `\;` `\:` `\ ` become spaces in either mode.
    mutating func rawGroup(after token: TeXToken, textMode: Bool) throws(TeXError) -> String {
        skipSpaces()
        guard let open = next(), open.kind == .openBrace else {
            throw TeXError(offset: token.offset, message: "'\(Self.spelling(token))' needs a braced argument")
        }
        var level = 1
        var closeOffset = -1
        while let t = next() {
            if t.kind == .openBrace { level += 1 }
            if t.kind == .closeBrace {
                level -= 1
                if level == 0 { closeOffset = t.offset; break }
            }
        }
        guard closeOffset >= 0 else {
            throw TeXError(offset: open.offset, message: "unbalanced braces: '{' is never closed")
        }
        var text = ""
        var i = open.offset + 1
        while i < closeOffset {
            let c = source[i]
            if c == "\\", i + 1 < closeOffset {
                let n = source[i + 1]
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
    static func restyle(_ node: MathNode, _ alphabet: MathAlphabet) -> MathNode {
        switch node {
        case .identifier(let s, let normal):
            let mapped = s.unicodeScalars.map { alphabet.map($0).map { String($0) } ?? String($0) }.joined()
            return .identifier(mapped, normal: normal && mapped == s)
        case .number(let s):
            let mapped = s.unicodeScalars.map { alphabet.map($0).map { String($0) } ?? String($0) }.joined()
            return mapped == s ? .number(s) : .identifier(mapped)
        case .row(let children):
            return .row(children.map { restyle($0, alphabet) })
        case .scripts(let base, let sub, let sup, let limits):
            return .scripts(base: restyle(base, alphabet), sub: sub, sup: sup, limitsUnderOver: limits)
        default:
            return node
        }
    }

    /// `\mathrm`: letters upright, runs of letters joined into one name (`\mathrm{d}x`, `\mathrm{KL}`).
    static func upright(_ node: MathNode) -> MathNode {
        switch node {
        case .identifier(let s, _):
            return .identifier(s, normal: true)
        case .row(let children):
            var merged: [MathNode] = []
            for child in children {
                if case .identifier(let s, _) = child, case .identifier(let previous, _)? = merged.last {
                    merged[merged.count - 1] = .identifier(previous + s, normal: true)
                } else {
                    merged.append(upright(child))
                }
            }
            return wrap(merged)
        case .scripts(let base, let sub, let sup, let limits):
            return .scripts(base: upright(base), sub: sub, sup: sup, limitsUnderOver: limits)
        default:
            return node
        }
    }
}
