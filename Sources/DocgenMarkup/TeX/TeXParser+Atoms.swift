/// Atoms (a character, a group, a command with its arguments) and their scripts.
extension TeXParser {
    /// Where a base's scripts go: as scripts, under and over in display style (`\sum`, `\min`),
    /// or always under and over (`\overbrace`, `\xrightarrow`, `\limits`).
    enum Limits { case none, display, always }

    mutating func parseAtomWithScripts() throws(TeXError) -> MathNode? {
        guard let token = peek() else { return nil }
        var base: MathNode
        var limits = Limits.none
        switch token.kind {
        case .space:
            position += 1
            return nil
        case .superscriptMark, .subscriptMark:
            base = .row([])
        default:
            guard let atom = try parseAtom(single: false) else { return nil }
            base = atom.node
            limits = atom.limits
        }
        var sub: MathNode?
        var sup: MathNode?
        var primes = ""
        scripts: while true {
            skipSpaces()
            guard let t = peek() else { break }
            switch t.kind {
            case .prime:
                position += 1
                primes += "′"
            case .superscriptMark:
                position += 1
                if sup != nil { throw TeXError(offset: t.offset, message: "double superscript: use braces, as in x^{ab}") }
                sup = try parseArgument(after: t)
            case .subscriptMark:
                position += 1
                if sub != nil { throw TeXError(offset: t.offset, message: "double subscript: use braces, as in x_{ab}") }
                sub = try parseArgument(after: t)
            case .command("limits"):
                position += 1
                limits = .always
            case .command("nolimits"):
                position += 1
                limits = .none
            case .command("displaylimits"):
                position += 1
                limits = .display
            default:
                break scripts
            }
        }
        if !primes.isEmpty {
            let prime = MathNode.op(primes)
            sup = sup.map { .row([prime, $0]) } ?? prime
        }
        guard sub != nil || sup != nil else { return base }
        return .scripts(base: base, sub: sub, sup: sup, limitsUnderOver: limits == .always || (limits == .display && display))
    }

    /// A script or command argument: a braced group, or a single token.
    mutating func parseArgument(after token: TeXToken) throws(TeXError) -> MathNode {
        skipSpaces()
        guard let t = peek(), !isTerminator(t) else {
            throw TeXError(offset: token.offset, message: "missing argument after '\(Self.spelling(token))'")
        }
        switch t.kind {
        case .superscriptMark, .subscriptMark, .prime:
            throw TeXError(offset: t.offset, message: "missing argument after '\(Self.spelling(token))'")
        default:
            guard let atom = try parseAtom(single: true) else {
                throw TeXError(offset: t.offset, message: "missing argument after '\(Self.spelling(token))'")
            }
            return atom.node
        }
    }

    static func spelling(_ token: TeXToken) -> String {
        switch token.kind {
        case .command(let n): return "\\" + n
        case .superscriptMark: return "^"
        case .subscriptMark: return "_"
        case .character(let c): return String(c)
        default: return "?"
        }
    }

    /// A braced group `{…}`; the opening brace is the current token.
    mutating func parseGroup() throws(TeXError) -> MathNode {
        guard let open = next() else { return .row([]) }
        let nodes = try parseList()
        guard let close = next() else {
            throw TeXError(offset: open.offset, message: "unbalanced braces: '{' is never closed")
        }
        guard close.kind == .closeBrace else { throw unexpected(close) }
        return Self.wrap(nodes)
    }

    /// One atom, or nil for something that leaves no mark (a space, `\label{…}`). `single`
    /// limits a run of digits to one digit (TeX's `x^23` is x² then 3).
    mutating func parseAtom(single: Bool) throws(TeXError) -> (node: MathNode, limits: Limits)? {
        guard let token = peek() else { return nil }
        try descend(at: token.offset)
        defer { depth -= 1 }
        switch token.kind {
        case .openBrace:
            return (try parseGroup(), .none)
        case .character(let c):
            position += 1
            return (character(c, single: single), .none)
        case .prime:
            position += 1
            return (.op("′"), .none)
        case .command(let name):
            position += 1
            return try command(name, token: token)
        case .space:
            position += 1
            return nil
        default:
            throw unexpected(token)
        }
    }

    private mutating func character(_ c: Unicode.Scalar, single: Bool) -> MathNode {
        if ("0"..."9").contains(c) || (c == "." && peekDigit()) {
            var number = String(c)
            if !single {
                while let t = peek(), case .character(let d) = t.kind,
                      ("0"..."9").contains(d) || (d == "." && digit(at: position + 1)) {
                    number.unicodeScalars.append(d)
                    position += 1
                }
            }
            return .number(number)
        }
        if TeXLexer.isLetter(c) { return .identifier(String(c)) }
        switch c {
        case "-": return .op("−")
        case "*": return .op("∗")
        case "~": return .space(em: "0.3333")
        case "(", ")", "[", "]", "|": return .op(String(c), stretchy: false)
        default:
            if c.properties.isAlphabetic { return .identifier(String(c)) }
            return .op(String(c))
        }
    }

    func peekDigit() -> Bool { digit(at: position) }

    private func digit(at index: Int) -> Bool {
        guard index < tokens.count, case .character(let d) = tokens[index].kind else { return false }
        return ("0"..."9").contains(d)
    }
}
