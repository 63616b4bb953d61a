/// Rows and cells: `\begin{name} … \end{name}` with `&` between cells and `\\` between rows,
/// a display formula broken with `\\`, and `\substack{…}`.
extension TeXParser {
    private struct EnvironmentStyle {
        var columnAlign: [String]? = nil
        var open = ""
        var close = ""
        var displayStyle = false
        var alignedPairs = false
        /// An `equation`-like environment: a single line is the formula itself, not a table.
        var single = false
    }

    private static let aligned = EnvironmentStyle(columnAlign: ["right", "left"], displayStyle: true, alignedPairs: true)
    private static let gathered = EnvironmentStyle(columnAlign: nil, displayStyle: true)

    private static let environments: [String: EnvironmentStyle] = [
        "matrix": .init(), "smallmatrix": .init(), "matrix*": .init(),
        "pmatrix": .init(open: "(", close: ")"), "pmatrix*": .init(open: "(", close: ")"),
        "bmatrix": .init(open: "[", close: "]"), "bmatrix*": .init(open: "[", close: "]"),
        "Bmatrix": .init(open: "{", close: "}"), "Bmatrix*": .init(open: "{", close: "}"),
        "vmatrix": .init(open: "|", close: "|"), "vmatrix*": .init(open: "|", close: "|"),
        "Vmatrix": .init(open: "‖", close: "‖"), "Vmatrix*": .init(open: "‖", close: "‖"),
        "cases": .init(columnAlign: ["left", "left"], open: "{"),
        "dcases": .init(columnAlign: ["left", "left"], open: "{", displayStyle: true),
        "rcases": .init(columnAlign: ["left", "left"], close: "}"),
        "aligned": aligned, "align": aligned, "align*": aligned, "split": aligned, "flalign": aligned,
        "flalign*": aligned, "alignat": aligned, "alignat*": aligned, "alignedat": aligned,
        "eqnarray": .init(columnAlign: ["right", "center", "left"], displayStyle: true),
        "eqnarray*": .init(columnAlign: ["right", "center", "left"], displayStyle: true),
        "gathered": gathered, "gather": gathered, "gather*": gathered,
        "multline": gathered, "multline*": gathered,
        "equation": .init(displayStyle: true, single: true), "equation*": .init(displayStyle: true, single: true),
        "displaymath": .init(displayStyle: true, single: true), "math": .init(single: true),
        "array": .init(), "darray": .init(displayStyle: true), "subarray": .init(),
    ]

    /// Parses an environment; `\begin` has been consumed.
    mutating func parseEnvironment(_ begin: TeXToken) throws(TeXError) -> MathNode {
        let name = try rawGroup(after: begin, textMode: false)
        guard let style = Self.environments[name] else {
            throw TeXError(offset: begin.offset, message: "unknown TeX environment '\(name)'")
        }
        var columnAlign = style.columnAlign
        var columnRules: [MathTable.Rule?] = []
        switch name {
        case "array", "darray", "subarray":
            let spec = Self.columnSpec(try bracedSource(after: begin))
            columnAlign = spec.aligns.isEmpty ? nil : spec.aligns
            if spec.rules.contains(where: { $0 != nil }) { columnRules = spec.rules }
        case "alignat", "alignat*", "alignedat":
            _ = try bracedSource(after: begin)
        case _ where name.hasSuffix("matrix*"):
            if case .identifier(let a, _)? = try parseOptionalArgument() {
                columnAlign = [a == "l" ? "left" : a == "r" ? "right" : "center"]
            }
        default:
            break
        }
        let body = try parseTableBody(.environment(name, begin: begin))
        if style.single, body.rows.count == 1, body.rows[0].count == 1, body.tags.allSatisfy({ $0 == nil }) {
            return Self.wrap(body.rows[0][0])
        }
        var table = body.table(columnAlign: columnAlign, displayStyle: style.displayStyle)
        table.columnRules = columnRules
        table.open = style.open
        table.close = style.close
        table.alignedPairs = style.alignedPairs
        return .table(table)
    }

    /// Where a table body ends.
    enum TableEnd {
        /// At the end of the formula (a display formula broken with `\\`).
        case formula
        /// At `\end{name}`.
        case environment(String, begin: TeXToken)
        /// At the `}` matching `open` (`\substack`).
        case brace(open: TeXToken)
    }

    /// Rows of cells, each cell a list of nodes, with the rules above rows and the tags.
    struct TableBody {
        var rows: [[[MathNode]]] = []
        /// `rowRules[i]`: the rule above row `i`; one more entry than rows.
        var rowRules: [MathTable.Rule?] = []
        var tags: [MathNode?] = []

        func table(columnAlign: [String]?, displayStyle: Bool) -> MathTable {
            var table = MathTable(rows: rows.map { $0.map(TeXParser.wrap) }, columnAlign: columnAlign)
            table.displayStyle = displayStyle
            if rowRules.contains(where: { $0 != nil }) { table.rowRules = rowRules }
            if tags.contains(where: { $0 != nil }) { table.tags = tags }
            return table
        }
    }

    /// Cells separated by `&` (not at the formula level), rows by `\\` (or `\cr`), `\hline`
    /// and friends at the start of a row, up to `end`.
    mutating func parseTableBody(_ end: TableEnd) throws(TeXError) -> TableBody {
        var body = TableBody()
        let outerTag = pendingTag
        pendingTag = nil
        defer { if case .formula = end {} else { pendingTag = outerTag } }
        var cells: [[MathNode]] = []
        body.rowRules.append(try parseRowRules())
        while true {
            cells.append(try parseList())
            let t = next()
            switch t?.kind {
            case .alignment?:
                if case .formula = end, let t { throw unexpected(t) }
            case .command("\\")?, .command("cr")?:
                skipOptionalRowSpacing()
                body.rows.append(cells)
                body.tags.append(pendingTag)
                pendingTag = nil
                cells = []
                body.rowRules.append(try parseRowRules())
            case nil:
                switch end {
                case .formula:
                    finish(&body, cells)
                    return body
                case .environment(let name, let begin):
                    throw TeXError(offset: begin.offset, message: "'\\begin{\(name)}' without a matching '\\end{\(name)}'")
                case .brace(let open):
                    throw TeXError(offset: open.offset, message: "unbalanced braces: '{' is never closed")
                }
            case .command("end")?:
                guard let t, case .environment(let name, _) = end else { throw unexpected(t!) }
                let endName = try rawGroup(after: t, textMode: false)
                guard endName == name else {
                    throw TeXError(offset: t.offset, message: "'\\end{\(endName)}' does not match '\\begin{\(name)}'")
                }
                finish(&body, cells)
                return body
            case .closeBrace?:
                guard case .brace = end else { throw unexpected(t!) }
                finish(&body, cells)
                return body
            default:
                throw unexpected(t!)
            }
        }
    }

    /// Adds the last row, unless a final `\\` left only one empty cell behind.
    private mutating func finish(_ body: inout TableBody, _ cells: [[MathNode]]) {
        let emptyTrailingRow = cells.count == 1 && cells[0].isEmpty && pendingTag == nil && !body.rows.isEmpty
        if !emptyTrailingRow {
            body.rows.append(cells)
            body.tags.append(pendingTag)
            body.rowRules.append(nil)
        }
        pendingTag = nil
    }

    /// `\hline` (twice: a double rule), `\hdashline`, `\cline{…}` and booktabs rules at the
    /// start of a row. A partial `\cline` is drawn across the whole row.
    private mutating func parseRowRules() throws(TeXError) -> MathTable.Rule? {
        var rule: MathTable.Rule?
        while true {
            skipSpaces()
            guard let t = peek(), case .command(let name) = t.kind else { return rule }
            switch name {
            case "hline", "toprule", "midrule", "bottomrule":
                position += 1
                rule = rule == nil ? .solid : .double
            case "hdashline":
                position += 1
                rule = rule ?? .dashed
            case "cline", "cmidrule":
                position += 1
                _ = try bracedSource(after: t)
                rule = rule ?? .solid
            default:
                return rule
            }
        }
    }

    /// `\\[4pt]` or `\\*`: the spacing and the star are accepted and ignored. Only a bracket holding a TeX length
    /// (`[4pt]`, `[-1.5ex]`, `[0.5em]`) is spacing; any other bracket starts the next row's content, so a row
    /// such as `[-1, 1] & \text{if } θ = 0` (an interval) is kept as written rather than swallowed.
    private mutating func skipOptionalRowSpacing() {
        if let t = peek(), t.kind == .character("*") { position += 1 }
        let save = position
        skipSpaces()
        guard let t = peek(), t.kind == .character("[") else { position = save; return }
        var j = position + 1
        var inside = ""
        while j < tokens.count {
            if tokens[j].kind == .character("]") {
                if Self.isLength(inside) { position = j + 1 } else { position = save }
                return
            }
            if case let .character(c) = tokens[j].kind { inside.unicodeScalars.append(c); j += 1; continue }
            if tokens[j].kind == .space { j += 1; continue }
            break
        }
        position = save
    }

    /// A TeX length: an optional sign, a decimal number and a unit (`-4pt`, `.5em`, `1.2ex`).
    static func isLength(_ text: String) -> Bool {
        var rest = Substring(text)
        if rest.first == "-" || rest.first == "+" { rest = rest.dropFirst() }
        let number = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
        guard number.contains(where: \.isNumber) else { return false }
        let unit = rest.dropFirst(number.count)
        return ["pt", "em", "ex", "mm", "cm", "in", "bp", "pc", "mu", "dd", "cc", "sp", "px"].contains(String(unit))
    }

    /// An array's column spec: `l c r`, `p{…}`/`m{…}`/`b{…}` (set left), `|` and `||` rules,
    /// `:` dashed rules, `@{…}` `!{…}` `>{…}` `<{…}` (ignored), `*{n}{…}` repeats.
    static func columnSpec(_ spec: [Unicode.Scalar]) -> (aligns: [String], rules: [MathTable.Rule?]) {
        var aligns: [String] = []
        var rules: [MathTable.Rule?] = [nil]
        var i = 0
        /// The group `{…}` at `i` (after spaces), advancing `i` past it.
        func group(_ i: inout Int) -> [Unicode.Scalar] {
            let start = i
            guard skipGroup(spec, &i) else { return [] }
            let inside = spec[start..<i].drop { $0 == " " }
            return Array(inside.dropFirst().dropLast())
        }
        var expanded: [Unicode.Scalar] = []
        while i < spec.count {
            let c = spec[i]
            i += 1
            if c == "*" {
                let count = Int(String(String.UnicodeScalarView(group(&i)))) ?? 1
                let body = group(&i)
                // Bounded so that a spec cannot blow up: at most 256 columns in all.
                for _ in 0..<max(0, min(count, 256 / max(body.count, 1))) { expanded += body }
            } else {
                expanded.append(c)
            }
        }
        i = 0
        while i < expanded.count, aligns.count < 256 {
            let c = expanded[i]
            i += 1
            switch c {
            case "l", "c", "r":
                aligns.append(c == "l" ? "left" : c == "c" ? "center" : "right")
                rules.append(nil)
            case "p", "m", "b", "X":
                var j = i
                _ = Self.skipGroup(expanded, &j)
                i = j
                aligns.append("left")
                rules.append(nil)
            case "|":
                rules[rules.count - 1] = rules[rules.count - 1] == nil ? .solid : .double
            case ":":
                rules[rules.count - 1] = rules[rules.count - 1] ?? .dashed
            case "@", "!", ">", "<":
                var j = i
                _ = Self.skipGroup(expanded, &j)
                i = j
            default:
                break
            }
        }
        return (aligns, rules)
    }

    /// Advances `i` past a `{…}` group (after spaces), if there is one.
    private static func skipGroup(_ s: [Unicode.Scalar], _ i: inout Int) -> Bool {
        while i < s.count, s[i] == " " { i += 1 }
        guard i < s.count, s[i] == "{" else { return false }
        var level = 0
        while i < s.count {
            if s[i] == "{" { level += 1 }
            if s[i] == "}" { level -= 1; if level == 0 { i += 1; return true } }
            i += 1
        }
        return true
    }
}
