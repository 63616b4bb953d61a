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
    case squareRoot(MathNode)
    case root(MathNode, index: MathNode)
    case scripts(base: MathNode, sub: MathNode?, sup: MathNode?, limitsUnderOver: Bool)
    /// `<mover accent="true">` (`over`) or `<munder accentunder="true">` (`!over`)
    case accent(MathNode, mark: String, over: Bool, stretchy: Bool)
    /// `<mtable>` with optional surrounding delimiters ("" for none).
    case table(rows: [[MathNode]], columnAlign: String?, open: String, close: String, displayStyle: Bool)
    /// `<mstyle displaystyle="…">`
    case style(displayStyle: Bool, MathNode)

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

    /// Whether this is a large operator or a name like `min` that takes limits under and
    /// over itself in display style.
    var takesLimits: Bool {
        switch self {
        case .op(let s, _): return MathSymbols.limitOperators.contains(s)
        case .identifier(let s, _): return MathSymbols.limitFunctionNames.contains(s)
        default: return false
        }
    }
}
