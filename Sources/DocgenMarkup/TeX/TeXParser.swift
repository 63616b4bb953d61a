/// Recursive-descent parser from TeX math tokens to `MathNode`s.
///
/// Grammar (informally): formula := rows; rows := row (`\\` row)*; row := list (`&` list)*;
/// list := (atom-with-scripts | switch | infix)*; atom := character | command [arguments]
/// | `{` list `}` | `\left` d list (`\middle` d list)* `\right` d | `\begin{env}` rows `\end{env}`;
/// scripts := (`^` arg | `_` arg | `'`)*; arg := `{` list `}` | one token (with its own arguments).
/// A switch (`\displaystyle`, `\rm`, `\color{…}`) applies to the rest of its list; an infix
/// (`\over`, `\choose`, `\atop`) splits its list in two.
///
/// Budget: every recursive path goes through `parseAtom` or `parseList` (or, in text,
/// `parseTextContent`), each of which counts one nesting level, so nesting deeper than
/// `maximumDepth` is an error before the stack is at risk. A formula longer than
/// `maximumLength` scalars is refused, and every step (an atom, a list, a node restyled, a
/// text token) is counted against `workLimit`, so conversion time is linear in the input.
struct TeXParser {
    let tokens: [TeXToken]
    let source: [Unicode.Scalar]
    let display: Bool
    var position = 0
    var depth = 0
    /// Steps taken so far (see `spend`).
    private(set) var work = 0
    /// The `\tag{…}` of the current row, once seen.
    var pendingTag: MathNode?
    /// How many `$…$` inside `\text{…}` are open: while positive, `$` ends a list.
    var textMathDepth = 0

    /// Nesting levels: every atom (a group, a command with its arguments, a script) and every
    /// list (inside braces, an environment's cell, `\left…\right`, text) takes one, so
    /// `{{x}}` takes four and each `\frac{…}` three. The deepest of the 6,580 corpus formulas
    /// takes 17. At 64 levels a debug build uses at most about 400 KB of stack (measured:
    /// 4–6.5 KB a level), under the 512 KB of the smallest secondary thread.
    static let maximumDepth = 64
    /// Unicode scalars in one formula; the longest display formulas in real courses are a few
    /// thousand.
    static let maximumLength = 50_000
    /// Steps allowed per token (plus a constant): generous for any real formula, and a hard
    /// bound on work for any input.
    static let workPerToken = 24
    let workLimit: Int
    static let thinSpace = "\u{2009}"

    init(_ tex: String, display: Bool) {
        source = Array(tex.unicodeScalars)
        tokens = source.count > Self.maximumLength ? [] : TeXLexer.tokens(source)
        self.display = display
        workLimit = Self.workPerToken * tokens.count + 1000
    }

    /// Parses the whole formula: one list, or rows separated by `\\` (a table of centred lines).
    mutating func parse() throws(TeXError) -> [MathNode] {
        if source.count > Self.maximumLength {
            throw TeXError(offset: Self.maximumLength,
                           message: "formula too long: \(source.count) characters (at most \(Self.maximumLength))")
        }
        let body = try parseTableBody(.formula)
        if body.rows.count == 1, body.rows[0].count == 1, body.tags.allSatisfy({ $0 == nil }) {
            return body.rows[0][0]
        }
        return [.table(body.table(columnAlign: nil, displayStyle: display))]
    }

    // MARK: Budget

    /// Enters one nesting level; the caller leaves it with `depth -= 1` (in a `defer`).
    mutating func descend(at offset: Int) throws(TeXError) {
        depth += 1
        if depth > Self.maximumDepth { throw TeXError(offset: offset, message: "math nested too deeply") }
        try spend(at: offset)
    }

    /// Counts one step of work against `workLimit`.
    mutating func spend(at offset: Int) throws(TeXError) {
        work += 1
        if work > workLimit { throw TeXError(offset: offset, message: "formula too complex to convert") }
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
    var currentOffset: Int { peek()?.offset ?? endOffset }

    func unexpected(_ token: TeXToken) -> TeXError {
        switch token.kind {
        case .closeBrace: return TeXError(offset: token.offset, message: "unbalanced braces: '}' without a matching '{'")
        case .alignment: return TeXError(offset: token.offset, message: "'&' outside an environment such as aligned or matrix")
        case .command("\\"): return TeXError(offset: token.offset, message: "line break '\\\\' inside a group: use an environment such as aligned")
        case .command("end"): return TeXError(offset: token.offset, message: "'\\end' without a matching '\\begin'")
        case .character("$"): return TeXError(offset: token.offset, message: "unexpected '$'")
        case .command(let name): return TeXError(offset: token.offset, message: "'\\\(name)' without a matching '\\left'")
        default: return TeXError(offset: token.offset, message: "unexpected token")
        }
    }

    // MARK: Lists

    /// Whether a token ends the current list (the caller decides whether it is welcome).
    func isTerminator(_ token: TeXToken) -> Bool {
        switch token.kind {
        case .closeBrace, .alignment: return true
        case .command(let name):
            return name == "\\" || name == "cr" || name == "end" || name == "right" || name == "middle"
                || (name == ")" && textMathDepth > 0)
        case .character("$"): return textMathDepth > 0
        default: return false
        }
    }

    /// A declaration that applies to the rest of its list.
    enum Switch {
        case style(displayStyle: Bool)
        case alphabet(MathAlphabet)
        case upright
        case color(String)
    }

    static let styleSwitches: [String: Bool] = [
        "displaystyle": true, "textstyle": false, "scriptstyle": false, "scriptscriptstyle": false,
    ]
    static let fontSwitches: [String: Switch] = [
        "rm": .upright, "bf": .alphabet(.bold), "it": .alphabet(.italic),
        "cal": .alphabet(.script), "sf": .alphabet(.sansSerif), "tt": .alphabet(.monospace),
        "boldmath": .alphabet(.boldItalic),
    ]
    /// Size changes, which math on a page does not follow; accepted and ignored.
    static let ignoredSwitches: Set<String> = [
        "tiny", "scriptsize", "footnotesize", "small", "normalsize", "large", "Large", "LARGE", "huge", "Huge",
        "nonumber", "notag", "allowbreak", "nobreak", "displaybreak", "relax", "protect",
        "hfill", "hfil", "centering", "normalfont", "unboldmath",
    ]

    mutating func parseList() throws(TeXError) -> [MathNode] {
        try descend(at: currentOffset)
        defer { depth -= 1 }
        var nodes: [MathNode] = []
        var switches: [(start: Int, kind: Switch)] = []
        var infix: (numerator: [MathNode], command: String)?
        var spaceAfterFunction = false
        while let token = peek(), !isTerminator(token) {
            if skipBookdownLabel() { continue }
            if case .command(let name) = token.kind {
                if let displayStyle = Self.styleSwitches[name] {
                    position += 1
                    switches.append((nodes.count, .style(displayStyle: displayStyle)))
                    continue
                }
                if let kind = Self.fontSwitches[name] {
                    position += 1
                    switches.append((nodes.count, kind))
                    continue
                }
                if name == "color" {
                    position += 1
                    switches.append((nodes.count, .color(try parseColor(after: token))))
                    continue
                }
                if Self.ignoredSwitches.contains(name) {
                    position += 1
                    continue
                }
                if ["over", "choose", "atop", "brack", "brace"].contains(name) {
                    position += 1
                    guard infix == nil else {
                        throw TeXError(offset: token.offset, message: "ambiguous '\\\(name)': put each fraction in braces")
                    }
                    infix = (try applying(switches, to: nodes), name)
                    nodes = []
                    switches = []
                    spaceAfterFunction = false
                    continue
                }
            }
            // A function name (`\log`, `\min`, `\operatorname{…}`) gets a thin space after an
            // ordinary atom before it (`s\log p`) and before an ordinary atom after it, as in TeX.
            let isFunction = Self.isFunctionName(token)
            let spaceBefore = isFunction && (nodes.last?.isOrdinaryForSpacing ?? false)
            if var node = try parseAtomWithScripts() {
                if spaceAfterFunction, !node.isOperator {
                    nodes.append(.space(em: "0.1667"))
                } else if spaceBefore {
                    nodes.append(.space(em: "0.1667"))
                }
                if case .op(let sign, nil) = node, MathSymbols.signs.contains(sign),
                   nodes.last(where: { if case .space = $0 { return false } else { return true } })?.makesNextSignUnary ?? true {
                    node = .prefixOp(sign)
                }
                nodes.append(node)
                spaceAfterFunction = isFunction
            }
        }
        nodes = try applying(switches, to: nodes)
        guard let (numerator, command) = infix else { return nodes }
        let top = Self.wrap(numerator), bottom = Self.wrap(nodes)
        switch command {
        case "over": return [.fraction(top, bottom, displayStyle: nil)]
        case "atop": return [.stack(top, bottom, displayStyle: nil)]
        default:
            let (open, close) = command == "choose" ? ("(", ")") : command == "brack" ? ("[", "]") : ("{", "}")
            return [.row([.op(open, stretchy: true), .stack(top, bottom, displayStyle: nil), .op(close, stretchy: true)])]
        }
    }

    /// R Markdown's equation label `(\#eq:name)`, which like `\label` leaves no mark: skipped
    /// when it is the current token, with the answer whether it was.
    private mutating func skipBookdownLabel() -> Bool {
        guard position + 2 < tokens.count, tokens[position].kind == .character("("),
              tokens[position + 1].kind == .command("#") else { return false }
        var j = position + 2
        while j < tokens.count, case .character(let c) = tokens[j].kind {
            if c == ")" {
                guard j > position + 2 else { return false }
                position = j + 1
                return true
            }
            guard TeXLexer.isLetter(c) || ("0"..."9").contains(c) || ":-_.".unicodeScalars.contains(c) else { return false }
            j += 1
        }
        return false
    }

    /// Applies switches: each starts a run of nodes that lasts to the end of the list, and a
    /// later switch of the same kind (style, font or colour) replaces it from its own start.
    /// Each run is wrapped once per kind in effect, so however many switches a list holds the
    /// result is at most three levels deep (nesting one wrapper per switch let
    /// `\displaystyle x \displaystyle x …` build a tree deeper than any stack).
    private mutating func applying(_ switches: [(start: Int, kind: Switch)], to nodes: [MathNode]) throws(TeXError) -> [MathNode] {
        guard let first = switches.first else { return nodes }
        var result = Array(nodes[..<first.start])
        var style: Bool?, font: Switch?, color: String?
        for (k, (start, kind)) in switches.enumerated() {
            switch kind {
            case .style(let displayStyle): style = displayStyle
            case .alphabet, .upright: font = kind
            case .color(let c): color = c
            }
            let end = k + 1 < switches.count ? switches[k + 1].start : nodes.count
            guard start < end else { continue }
            var run = Self.wrap(Array(nodes[start..<end]))
            switch font {
            case .alphabet(let alphabet)?: run = try restyle(run, alphabet)
            case .upright?: run = try upright(run)
            default: break
            }
            if let style { run = .style(displayStyle: style, run) }
            if let color { run = .decorated(run, .color(color)) }
            result.append(run)
        }
        return result
    }

    static func isFunctionName(_ token: TeXToken) -> Bool {
        guard case .command(let name) = token.kind else { return false }
        return MathSymbols.functionNames[name] != nil || name == "operatorname" || name == "arg" || name == "mathop"
    }

    static func wrap(_ nodes: [MathNode]) -> MathNode {
        nodes.count == 1 ? nodes[0] : .row(nodes)
    }
}
