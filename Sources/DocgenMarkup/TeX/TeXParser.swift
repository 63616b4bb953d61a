/// Recursive-descent parser from TeX math tokens to `MathNode`s.
///
/// Grammar (informally): list := atom-with-scripts*; atom := character | command [arguments]
/// | `{` list `}` | `\left` d list (`\middle` d list)* `\right` d | `\begin{env}` rows `\end{env}`;
/// scripts := (`^` arg | `_` arg | `'`)*; arg := `{` list `}` | one token (with its own arguments).
struct TeXParser {
    let tokens: [TeXToken]
    let source: [Unicode.Scalar]
    let display: Bool
    var position = 0
    private var depth = 0
    static let maximumDepth = 64
    static let thinSpace = "\u{2009}"

    init(_ tex: String, display: Bool) {
        source = Array(tex.unicodeScalars)
        tokens = TeXLexer.tokens(source)
        self.display = display
    }

    /// Parses the whole formula.
    mutating func parse() throws(TeXError) -> [MathNode] {
        let nodes = try parseList()
        if let token = peek() { throw unexpected(token) }
        return nodes
    }

    // MARK: Token access

    func peek() -> TeXToken? { position < tokens.count ? tokens[position] : nil }

    mutating func skipSpaces() {
        while let t = peek(), t.kind == .space { position += 1 }
    }

    mutating func next() -> TeXToken? {
        guard position < tokens.count else { return nil }
        position += 1
        return tokens[position - 1]
    }

    var endOffset: Int { source.count }

    func unexpected(_ token: TeXToken) -> TeXError {
        switch token.kind {
        case .closeBrace: return TeXError(offset: token.offset, message: "unbalanced braces: '}' without a matching '{'")
        case .alignment: return TeXError(offset: token.offset, message: "'&' outside an environment such as aligned or matrix")
        case .command("\\"): return TeXError(offset: token.offset, message: "line break '\\\\' outside an environment such as aligned or cases")
        case .command("end"): return TeXError(offset: token.offset, message: "'\\end' without a matching '\\begin'")
        case .command(let name): return TeXError(offset: token.offset, message: "'\\\(name)' without a matching '\\left'")
        default: return TeXError(offset: token.offset, message: "unexpected token")
        }
    }

    // MARK: Lists

    /// Whether a token ends the current list (the caller decides whether it is welcome).
    func isTerminator(_ token: TeXToken) -> Bool {
        switch token.kind {
        case .closeBrace, .alignment: return true
        case .command(let name): return name == "\\" || name == "end" || name == "right" || name == "middle"
        default: return false
        }
    }

    mutating func parseList() throws(TeXError) -> [MathNode] {
        depth += 1
        defer { depth -= 1 }
        if depth > Self.maximumDepth {
            throw TeXError(offset: peek()?.offset ?? endOffset, message: "math nested too deeply")
        }
        var nodes: [MathNode] = []
        var spaceAfterFunction = false
        while let token = peek(), !isTerminator(token) {
            if case .command(let style) = token.kind, style == "displaystyle" || style == "textstyle" {
                position += 1
                let rest = try parseList()
                nodes.append(.style(displayStyle: style == "displaystyle", Self.wrap(rest)))
                break
            }
            // A function name (`\log`, `\min`, `\operatorname{…}`) is followed by a thin space
            // before an ordinary atom, as in TeX.
            let isFunction = Self.isFunctionName(token)
            if var node = try parseAtomWithScripts() {
                if spaceAfterFunction, !node.isOperator { nodes.append(.space(em: "0.1667")) }
                if case .op(let sign, nil) = node, MathSymbols.signs.contains(sign),
                   nodes.last(where: { if case .space = $0 { return false } else { return true } })?.makesNextSignUnary ?? true {
                    node = .prefixOp(sign)
                }
                nodes.append(node)
                spaceAfterFunction = isFunction
            }
        }
        return nodes
    }

    static func isFunctionName(_ token: TeXToken) -> Bool {
        guard case .command(let name) = token.kind else { return false }
        return MathSymbols.functionNames[name] != nil || name == "operatorname" || name == "arg"
    }

    static func wrap(_ nodes: [MathNode]) -> MathNode {
        nodes.count == 1 ? nodes[0] : .row(nodes)
    }

    // MARK: Atoms and scripts

    mutating func parseAtomWithScripts() throws(TeXError) -> MathNode? {
        guard let token = peek() else { return nil }
        var base: MathNode
        var limits = false
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
                limits = true
            case .command("nolimits"):
                position += 1
                limits = false
            default:
                break scripts
            }
        }
        if !primes.isEmpty {
            let prime = MathNode.op(primes)
            sup = sup.map { .row([prime, $0]) } ?? prime
        }
        guard sub != nil || sup != nil else { return base }
        return .scripts(base: base, sub: sub, sup: sup, limitsUnderOver: limits && display)
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

    /// One atom. `single` limits a run of digits to one digit (TeX's `x^23` is x² then 3).
    mutating func parseAtom(single: Bool) throws(TeXError) -> (node: MathNode, limits: Bool)? {
        guard let token = peek() else { return nil }
        switch token.kind {
        case .openBrace:
            return (try parseGroup(), false)
        case .character(let c):
            position += 1
            return (character(c, single: single), false)
        case .prime:
            position += 1
            return (.op("′"), false)
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
