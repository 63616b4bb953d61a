/// Serialises `MathNode`s to MathML Core markup, appending to one string so that the work
/// stays linear in the output's size however deep the formula.
enum MathMLWriter {
    static func write(_ nodes: [MathNode]) -> String {
        var out = ""
        for node in nodes { write(node, into: &out) }
        return out
    }

    static func write(_ node: MathNode) -> String {
        var out = ""
        write(node, into: &out)
        return out
    }

    static func write(_ node: MathNode, into out: inout String) {
        switch node {
        case .identifier(let s, let normal):
            out += normal && s.unicodeScalars.count == 1 ? "<mi mathvariant=\"normal\">" : "<mi>"
            out += HTMLEscape.text(s) + "</mi>"
        case .number(let s):
            out += "<mn>\(HTMLEscape.text(s))</mn>"
        case .op(let s, let stretchy):
            if s.isEmpty { return }
            var attribute = stretchy.map { " stretchy=\"\($0)\"" } ?? ""
            // Bars are ordinary in TeX; MathML's dictionary would space them like a relation.
            if stretchy == false && (s == "|" || s == "‖") { attribute += " lspace=\"0em\" rspace=\"0em\"" }
            out += "<mo\(attribute)>\(HTMLEscape.text(s))</mo>"
        case .prefixOp(let s):
            out += "<mo form=\"prefix\">\(HTMLEscape.text(s))</mo>"
        case .text(let s):
            out += "<mtext>\(textContent(s))</mtext>"
        case .space(let em):
            out += "<mspace width=\"\(em)em\"/>"
        case .row(let children):
            out += "<mrow>"
            for child in children { write(child, into: &out) }
            out += "</mrow>"
        case .fraction(let numerator, let denominator, let displayStyle), .stack(let numerator, let denominator, let displayStyle):
            if let displayStyle { out += "<mstyle displaystyle=\"\(displayStyle)\">" }
            if case .stack = node { out += "<mfrac linethickness=\"0\">" } else { out += "<mfrac>" }
            write(numerator, into: &out)
            write(denominator, into: &out)
            out += "</mfrac>"
            if displayStyle != nil { out += "</mstyle>" }
        case .squareRoot(let body):
            out += "<msqrt>"
            write(body, into: &out)
            out += "</msqrt>"
        case .root(let body, let index):
            out += "<mroot>"
            write(body, into: &out)
            write(index, into: &out)
            out += "</mroot>"
        case .scripts(let base, let sub, let sup, let limits):
            let element: String
            switch (sub != nil, sup != nil, limits) {
            case (true, true, true): element = "munderover"
            case (true, false, true): element = "munder"
            case (false, true, true): element = "mover"
            case (true, true, false): element = "msubsup"
            case (true, false, false): element = "msub"
            case (false, true, false): element = "msup"
            case (false, false, _): return write(base, into: &out)
            }
            out += "<\(element)>"
            write(base, into: &out)
            if let sub { write(sub, into: &out) }
            if let sup { write(sup, into: &out) }
            out += "</\(element)>"
        case .accent(let base, let mark, let over, let stretchy):
            out += over ? "<mover accent=\"true\">" : "<munder accentunder=\"true\">"
            write(base, into: &out)
            out += "<mo stretchy=\"\(stretchy)\">\(HTMLEscape.text(mark))</mo>"
            out += over ? "</mover>" : "</munder>"
        case .table(let table):
            writeTable(table, into: &out)
        case .style(let displayStyle, let body):
            out += "<mstyle displaystyle=\"\(displayStyle)\">"
            write(body, into: &out)
            out += "</mstyle>"
        case .decorated(let body, let decoration):
            writeDecorated(body, decoration, into: &out)
        }
    }

    /// MathML trims and collapses spaces in token elements, so `\text{ subject to }` would
    /// lose the spaces around its words; no-break spaces keep them.
    private static func textContent(_ s: String) -> String {
        HTMLEscape.text(String(s.map { $0 == " " ? "\u{00A0}" : $0 }))
    }

    /// A thin line across the box from corner to corner, drawn as a CSS gradient (MathML Core
    /// has no `menclose`); `direction` is the gradient's, perpendicular to the line.
    private static func strikeGradient(_ direction: String) -> String {
        "linear-gradient(to \(direction), transparent calc(50% - 0.04em), currentColor calc(50% - 0.04em), "
            + "currentColor calc(50% + 0.04em), transparent calc(50% + 0.04em))"
    }

    private static func writeDecorated(_ body: MathNode, _ decoration: MathDecoration, into out: inout String) {
        let open: String, close: String
        switch decoration {
        case .box:
            open = "<mrow style=\"border: 0.06em solid; padding: 0.2em 0.3em\">"
            close = "</mrow>"
        case .strike(let strike):
            let gradients: String
            switch strike {
            case .up: gradients = strikeGradient("bottom right")
            case .down: gradients = strikeGradient("top right")
            case .cross: gradients = strikeGradient("bottom right") + ", " + strikeGradient("top right")
            }
            open = "<mrow style=\"background: \(gradients)\">"
            close = "</mrow>"
        case .line(let over):
            open = over ? "<mrow style=\"border-top: 0.06em solid; padding-top: 0.15em\">"
                : "<mrow style=\"border-bottom: 0.06em solid; padding-bottom: 0.15em\">"
            close = "</mrow>"
        case .color(let color):
            open = "<mrow mathcolor=\"\(HTMLEscape.attribute(color))\">"
            close = "</mrow>"
        case .phantom(let width, let height):
            switch (width, height) {
            case (true, true): open = "<mphantom>"; close = "</mphantom>"
            case (true, false): open = "<mpadded height=\"0\" depth=\"0\"><mphantom>"; close = "</mphantom></mpadded>"
            default: open = "<mpadded width=\"0\"><mphantom>"; close = "</mphantom></mpadded>"
            }
        case .smash(let top, let bottom):
            open = "<mpadded" + (top ? " height=\"0\"" : "") + (bottom ? " depth=\"0\"" : "") + ">"
            close = "</mpadded>"
        case .textFont(let font):
            // Browsers honour `mathvariant` only on `<mi>`; CSS sets the font of `<mtext>`.
            guard case .text(let s) = body else { return write(body, into: &out) }
            out += "<mtext style=\"\(css(font))\">\(textContent(s))</mtext>"
            return
        }
        out += open
        write(body, into: &out)
        out += close
    }

    private static func css(_ font: MathDecoration.TextFont) -> String {
        switch font {
        case .bold: return "font-weight: bold"
        case .italic: return "font-style: italic"
        case .boldItalic: return "font-weight: bold; font-style: italic"
        case .sansSerif: return "font-family: sans-serif"
        case .monospace: return "font-family: monospace"
        case .smallCaps: return "font-variant: small-caps"
        case .upright: return "font-style: normal"
        }
    }

    // MARK: Tables

    private static func writeTable(_ table: MathTable, into out: inout String) {
        let hasDelimiters = !table.open.isEmpty || !table.close.isEmpty
        if hasDelimiters {
            out += "<mrow>"
            write(.op(table.open, stretchy: true), into: &out)
        }
        let tagged = table.tags.contains { $0 != nil }
        let columns = table.columnCount
        var aligns = table.columnAlign
        if tagged {
            // The tag column comes after the formula's columns: spell every alignment out.
            let given = table.columnAlign ?? ["center"]
            aligns = (0..<columns).map { given[$0 % given.count] } + ["right"]
        }
        var attributes = aligns.map { " columnalign=\"\($0.joined(separator: " "))\"" } ?? ""
        if table.displayStyle { attributes += " displaystyle=\"true\"" }
        out += "<mtable\(attributes)>"
        for (r, row) in table.rows.enumerated() {
            out += "<mtr>"
            for (c, cell) in row.enumerated() {
                out += "<mtd\(cellStyle(table, row: r, column: c, columns: columns))>"
                if case .row(let children) = cell {
                    for child in children { write(child, into: &out) }
                } else {
                    write(cell, into: &out)
                }
                out += "</mtd>"
            }
            // Short rows are padded when rules or a tag column need every cell in place.
            if tagged || !table.columnRules.isEmpty || !table.rowRules.isEmpty {
                for c in row.count..<max(row.count, columns) {
                    out += "<mtd\(cellStyle(table, row: r, column: c, columns: columns))></mtd>"
                }
            }
            // Equation tags sit in a last column 2em after the formula: Chromium has no
            // `mlabeledtr`, and an `<mtable>` cannot be made as wide as the line to push the
            // tag to the margin.
            if tagged {
                out += "<mtd style=\"text-align: right; text-align: -webkit-right; padding-left: 2em\">"
                if r < table.tags.count, let tag = table.tags[r] { write(tag, into: &out) }
                out += "</mtd>"
            }
            out += "</mtr>"
        }
        out += "</mtable>"
        if hasDelimiters {
            write(.op(table.close, stretchy: true), into: &out)
            out += "</mrow>"
        }
    }

    private static func border(_ rule: MathTable.Rule) -> String {
        switch rule {
        case .solid: return "0.06em solid"
        case .double: return "0.2em double"
        case .dashed: return "0.06em dashed"
        }
    }

    /// MathML Core browsers ignore `columnalign`, `columnlines` and `rowlines`, so alignment
    /// and rules are given as CSS on each cell (alignments cycle as in MathML); checked in
    /// headless Chromium 156, where only `text-align: -webkit-right` right-aligns a cell. In
    /// `alignedPairs` tables the padding between the right and left halves of a pair is
    /// removed and pairs are set 1em apart, the way TeX sets `align`.
    static func cellStyle(_ table: MathTable, row: Int, column: Int, columns: Int) -> String {
        var style: [String] = []
        if let aligns = table.columnAlign, !aligns.isEmpty {
            let align = aligns[column % aligns.count]
            // Chromium aligns a cell's math only with the `-webkit-` keywords (it sets the
            // content as a block, which plain `right` does not move); others read the first.
            if align != "center" { style.append("text-align: \(align); text-align: -webkit-\(align)") }
        }
        if table.alignedPairs {
            if column % 2 == 0 {
                style.append("padding-right: 0")
                if column > 0 { style.append("padding-left: 1em") }
            } else {
                style.append("padding-left: 0")
            }
        }
        if column < table.columnRules.count, let rule = table.columnRules[column] {
            style.append("border-left: \(border(rule))")
        }
        if column == columns - 1, columns < table.columnRules.count, let rule = table.columnRules[columns] {
            style.append("border-right: \(border(rule))")
        }
        if row < table.rowRules.count, let rule = table.rowRules[row] {
            style.append("border-top: \(border(rule))")
        }
        if row == table.rows.count - 1, table.rows.count < table.rowRules.count, let rule = table.rowRules[table.rows.count] {
            style.append("border-bottom: \(border(rule))")
        }
        return style.isEmpty ? "" : " style=\"\(style.joined(separator: "; "))\""
    }
}
