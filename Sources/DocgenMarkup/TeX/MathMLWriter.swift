/// Serialises `MathNode`s to MathML Core markup.
enum MathMLWriter {
    static func write(_ nodes: [MathNode]) -> String {
        nodes.map(write).joined()
    }

    static func write(_ node: MathNode) -> String {
        switch node {
        case .identifier(let s, let normal):
            let variant = normal && s.unicodeScalars.count == 1 ? " mathvariant=\"normal\"" : ""
            return "<mi\(variant)>\(HTMLEscape.text(s))</mi>"
        case .number(let s):
            return "<mn>\(HTMLEscape.text(s))</mn>"
        case .op(let s, let stretchy):
            if s.isEmpty { return "" }
            var attribute = stretchy.map { " stretchy=\"\($0)\"" } ?? ""
            // Bars are ordinary in TeX; MathML's dictionary would space them like a relation.
            if stretchy == false && (s == "|" || s == "‖") { attribute += " lspace=\"0em\" rspace=\"0em\"" }
            return "<mo\(attribute)>\(HTMLEscape.text(s))</mo>"
        case .prefixOp(let s):
            return "<mo form=\"prefix\">\(HTMLEscape.text(s))</mo>"
        case .text(let s):
            // MathML trims and collapses spaces in token elements, so `\text{ subject to }` would
            // lose the spaces around its words; no-break spaces keep them.
            return "<mtext>\(HTMLEscape.text(String(s.map { $0 == " " ? "\u{00A0}" : $0 })))</mtext>"
        case .space(let em):
            return "<mspace width=\"\(em)em\"/>"
        case .row(let children):
            return "<mrow>\(write(children))</mrow>"
        case .fraction(let numerator, let denominator, let displayStyle):
            let fraction = "<mfrac>\(write(numerator))\(write(denominator))</mfrac>"
            guard let displayStyle else { return fraction }
            return "<mstyle displaystyle=\"\(displayStyle)\">\(fraction)</mstyle>"
        case .squareRoot(let body):
            return "<msqrt>\(write(body))</msqrt>"
        case .root(let body, let index):
            return "<mroot>\(write(body))\(write(index))</mroot>"
        case .scripts(let base, let sub, let sup, let limits):
            let b = write(base)
            switch (sub, sup, limits) {
            case (let s?, let p?, true): return "<munderover>\(b)\(write(s))\(write(p))</munderover>"
            case (let s?, nil, true): return "<munder>\(b)\(write(s))</munder>"
            case (nil, let p?, true): return "<mover>\(b)\(write(p))</mover>"
            case (let s?, let p?, false): return "<msubsup>\(b)\(write(s))\(write(p))</msubsup>"
            case (let s?, nil, false): return "<msub>\(b)\(write(s))</msub>"
            case (nil, let p?, false): return "<msup>\(b)\(write(p))</msup>"
            case (nil, nil, _): return b
            }
        case .accent(let base, let mark, let over, let stretchy):
            let mo = "<mo stretchy=\"\(stretchy)\">\(HTMLEscape.text(mark))</mo>"
            return over ? "<mover accent=\"true\">\(write(base))\(mo)</mover>"
                        : "<munder accentunder=\"true\">\(write(base))\(mo)</munder>"
        case .table(let rows, let columnAlign, let open, let close, let displayStyle):
            var attributes = columnAlign.map { " columnalign=\"\($0)\"" } ?? ""
            if displayStyle { attributes += " displaystyle=\"true\"" }
            let body = rows.map { row in
                "<mtr>" + row.enumerated().map { column, cell -> String in
                    let content: String
                    if case .row(let children) = cell { content = write(children) } else { content = write(cell) }
                    return "<mtd\(cellStyle(column: column, columnAlign: columnAlign))>\(content)</mtd>"
                }.joined() + "</mtr>"
            }.joined()
            let table = "<mtable\(attributes)>\(body)</mtable>"
            if open.isEmpty && close.isEmpty { return table }
            return "<mrow>\(write(.op(open, stretchy: true)))\(table)\(write(.op(close, stretchy: true)))</mrow>"
        case .style(let displayStyle, let body):
            return "<mstyle displaystyle=\"\(displayStyle)\">\(write(body))</mstyle>"
        }
    }

    /// MathML Core browsers ignore `columnalign`, so alignment is also given as CSS on each
    /// cell (values cycle as in MathML). In `aligned`-style tables ("right left") the padding
    /// between a right column and the left column after it is removed, so `a &= b` reads as
    /// one line the way TeX sets it.
    static func cellStyle(column: Int, columnAlign: String?) -> String {
        guard let columnAlign else { return "" }
        let aligns = columnAlign.split(separator: " ").map(String.init)
        guard !aligns.isEmpty else { return "" }
        let align = aligns[column % aligns.count]
        guard align != "center" else { return "" }
        var style = "text-align: \(align)"
        if columnAlign == "right left" { style += align == "right" ? "; padding-right: 0" : "; padding-left: 0" }
        return " style=\"\(style)\""
    }
}
