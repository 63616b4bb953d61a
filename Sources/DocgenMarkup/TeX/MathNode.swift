/// The parsed form of TeX math, close to MathML's element structure.
indirect enum MathNode: Equatable {
    /// `<mi>`: a variable or function name; `normal` forces upright type for single letters.
    case identifier(String, normal: Bool = false)
    /// `<mn>`
    case number(String)
    /// `<mo>`; `stretchy` nil leaves the operator dictionary's default.
    case op(String, stretchy: Bool? = nil)
    /// `<mo form="prefix">`: a sign used as unary (`-x`, `a = -b`), set without binary spacing.
    case prefixOp(String)
    /// `<mtext>`
    case text(String)
    /// `<mspace width="…em"/>`
    case space(em: String)
    /// `<mrow>`
    case row([MathNode])
    case fraction(MathNode, MathNode, displayStyle: Bool?)
    /// `<mfrac linethickness="0">`: one thing over another without a bar, as in `\binom` (whose
    /// parentheses are separate `.op`s around it) and `\atop`.
    case stack(MathNode, MathNode, displayStyle: Bool?)
    case squareRoot(MathNode)
    case root(MathNode, index: MathNode)
    case scripts(base: MathNode, sub: MathNode?, sup: MathNode?, limitsUnderOver: Bool)
    /// `<mover accent="true">` (`over`) or `<munder accentunder="true">` (`!over`)
    case accent(MathNode, mark: String, over: Bool, stretchy: Bool)
    /// `<mtable>`, with its delimiters, rules and equation tags.
    case table(MathTable)
    /// `<mstyle displaystyle="…">`
    case style(displayStyle: Bool, MathNode)
    /// The body drawn with a decoration that MathML Core has no element for (a frame, a
    /// strike-through: CSS on an `<mrow>`), a colour, a font for text, or hidden
    /// (`<mphantom>`, `<mpadded>`). Text extraction keeps the body except for phantoms.
    case decorated(MathNode, MathDecoration)

    /// Whether this is an operator (possibly with scripts) or a space: no thin space is
    /// added between a function name and it.
    var isOperator: Bool {
        switch self {
        case .op, .prefixOp, .space: return true
        case .scripts(let base, _, _, _): return base.isOperator
        default: return false
        }
    }

    /// Whether a `+`/`−` right after this node is unary, as TeX decides: after nothing, an
    /// operator, relation, punctuation or opening delimiter — not after a closing one.
    var makesNextSignUnary: Bool {
        switch self {
        case .op(let s, _): return !MathSymbols.closingDelimiters.contains(s)
        case .prefixOp: return true
        default: return false
        }
    }

    /// Whether this ends in an ordinary atom (a letter, number, closing delimiter, fraction,
    /// group …), after which TeX puts a thin space before an operator name such as `\log`.
    var isOrdinaryForSpacing: Bool {
        switch self {
        case .identifier, .number, .text, .fraction, .stack, .squareRoot, .root, .accent, .table, .row:
            return true
        case .op(let s, _): return MathSymbols.closingDelimiters.contains(s)
        case .scripts(let base, _, _, _): return base.isOrdinaryForSpacing
        case .style(_, let body), .decorated(let body, _): return body.isOrdinaryForSpacing
        case .prefixOp, .space: return false
        }
    }
}

/// A table: an environment (`aligned`, `cases`, `array`, `pmatrix`, …) or a display formula
/// with `\\` line breaks.
struct MathTable: Equatable {
    /// A rule between columns (`|` or `:` in an array's column spec) or rows (`\hline`).
    enum Rule: Equatable { case solid, double, dashed }

    /// The cells, row by row; rows may have fewer cells than the widest.
    var rows: [[MathNode]]
    /// Column alignments, `left`/`center`/`right`, cycling when a row has more cells; nil
    /// centres every column.
    var columnAlign: [String]?
    /// `columnRules[j]` is the rule at the left of column `j`; the last entry (index = the
    /// number of columns) is the rule at the right of the last column. Empty means none.
    var columnRules: [Rule?] = []
    /// `rowRules[i]` is the rule above row `i`; index `rows.count` is the rule below the last.
    /// Empty means none.
    var rowRules: [Rule?] = []
    /// The equation tag shown at the right of each row (`\tag{2}` gives "(2)"), if any.
    var tags: [MathNode?] = []
    /// Delimiters around the whole table ("" for none), stretched to its height.
    var open = ""
    var close = ""
    /// `<mtable displaystyle="true">`, as for `aligned` and `gather`.
    var displayStyle = false
    /// `aligned`-style pairs of columns (right, left) set without padding between the two
    /// halves of a pair, so `a &= b` reads as one line, with a gap between pairs.
    var alignedPairs = false

    var columnCount: Int { rows.map(\.count).max() ?? 0 }
}

/// How `.decorated` draws its body.
enum MathDecoration: Equatable {
    /// How a strike-through runs, as in the `cancel` package.
    enum Strike: Equatable {
        /// `\cancel`: from bottom left to top right.
        case up
        /// `\bcancel`: from top left to bottom right.
        case down
        /// `\xcancel`: both.
        case cross
    }
    /// A font for the text pieces of `\textbf`, `\textit`, … (math inside keeps its own).
    enum TextFont: String, Equatable {
        case bold, italic, boldItalic, sansSerif, monospace, smallCaps, upright
    }

    /// `\boxed`, `\fbox`: a thin frame around the body.
    case box
    /// `\cancel` and friends: a line through the body.
    case strike(Strike)
    /// `\color`, `\textcolor`: a CSS colour (a name, `#rrggbb` or `rgb(…)`), already checked.
    case color(String)
    /// `\phantom` (`width` and `height`), `\hphantom` (width only), `\vphantom` (height only):
    /// takes the body's room without showing it.
    case phantom(width: Bool, height: Bool)
    /// `\smash`: shows the body but takes no height above (`top`) and/or depth below (`bottom`)
    /// the baseline.
    case smash(top: Bool, bottom: Bool)
    /// A font for `.text` (`<mtext style="font-weight: bold">`).
    case textFont(TextFont)
    /// `\overline` (`over`) and `\underline`: a rule as wide as the body, a little above or
    /// below it, drawn as a CSS border because no character stretches reliably (see
    /// `MathSymbols.accents`).
    case line(over: Bool)
}
