/// Text inside math: `\text{…}` and its font variants, with `$…$` math inside.
extension TeXParser {
    /// Text commands and the font each sets (nil: the page's text font).
    static let textFonts: [String: MathDecoration.TextFont?] = [
        "text": nil, "textrm": nil, "textnormal": nil, "mbox": nil, "hbox": nil, "textmd": nil,
        "textup": .upright, "textbf": .bold, "textit": .italic, "emph": .italic, "textsl": .italic,
        "textsf": .sansSerif, "texttt": .monospace, "textsc": .smallCaps,
    ]

    /// Combining marks for the text accents `\'e`, `\"o`, …
    private static let textAccents: [String: Unicode.Scalar] = [
        "'": "\u{0301}", "`": "\u{0300}", "^": "\u{0302}", "\"": "\u{0308}", "~": "\u{0303}", "=": "\u{0304}",
        ".": "\u{0307}", "u": "\u{0306}", "v": "\u{030C}", "H": "\u{030B}", "c": "\u{0327}", "r": "\u{030A}",
    ]

    /// Text commands that stand for characters.
    private static let textSymbols: [String: String] = [
        "$": "$", "%": "%", "&": "&", "#": "#", "_": "_", "{": "{", "}": "}",
        ",": thinSpace, ";": "\u{2005}", ":": "\u{205F}", ">": "\u{205F}", " ": " ", "!": "", "\\": " ",
        "quad": "\u{2003}", "qquad": "\u{2003}\u{2003}", "ldots": "…", "dots": "…", "textellipsis": "…",
        "textbackslash": "\\", "textasciitilde": "~", "textasciicircum": "^", "textendash": "–", "textemdash": "—",
        "textbar": "|", "textless": "<", "textgreater": ">", "S": "§", "P": "¶", "dag": "†", "ddag": "‡",
        "copyright": "©", "pounds": "£", "textdegree": "°", "TeX": "TeX", "LaTeX": "LaTeX", "i": "ı", "j": "ȷ",
        "ss": "ß", "ae": "æ", "AE": "Æ", "o": "ø", "O": "Ø", "aa": "å", "AA": "Å", "l": "ł", "L": "Ł",
        "newline": " ", "linebreak": " ", "par": " ", "ignorespaces": "", "relax": "", "/": "",
    ]

    /// `\text{…}` (or a font variant) after `token`: `.text`, or a row of text pieces and the
    /// math of `$…$` inside. The font applies to the text pieces only, as in LaTeX.
    mutating func parseTextArgument(after token: TeXToken, font: MathDecoration.TextFont?) throws(TeXError) -> MathNode {
        skipSpaces()
        guard let open = next(), open.kind == .openBrace else {
            throw TeXError(offset: token.offset, message: "'\(Self.spelling(token))' needs a braced argument")
        }
        var pieces: [MathNode] = []
        try parseTextContent(into: &pieces, font: font, open: open)
        return pieces.isEmpty ? .text("") : Self.wrap(pieces)
    }

    /// Text up to the brace that closes `open`, appended to `pieces`.
    private mutating func parseTextContent(into pieces: inout [MathNode], font: MathDecoration.TextFont?,
                                           open: TeXToken) throws(TeXError) {
        try descend(at: open.offset)
        defer { depth -= 1 }
        var text = ""
        func flush(_ pieces: inout [MathNode]) {
            guard !text.isEmpty else { return }
            pieces.append(font.map { .decorated(.text(text), .textFont($0)) } ?? .text(text))
            text = ""
        }
        var level = 0
        while let t = next() {
            try spend(at: t.offset)
            switch t.kind {
            case .openBrace:
                level += 1
            case .closeBrace:
                if level == 0 { flush(&pieces); return }
                level -= 1
            case .space:
                text += " "
            case .character("$"):
                flush(&pieces)
                pieces.append(try parseMathInText(opening: t, closing: .character("$")))
            case .character("~"):
                text += "\u{A0}"
            case .character(let c):
                text.unicodeScalars.append(c)
            case .prime: text += "’"
            case .superscriptMark: text += "^"
            case .subscriptMark: text += "_"
            case .alignment: text += "&"
            case .command("("):
                flush(&pieces)
                pieces.append(try parseMathInText(opening: t, closing: .command(")")))
            case .command(let name):
                if let inner = Self.textFonts[name] {
                    flush(&pieces)
                    skipSpaces()
                    guard let innerOpen = next(), innerOpen.kind == .openBrace else {
                        throw TeXError(offset: t.offset, message: "'\\\(name)' needs a braced argument")
                    }
                    try parseTextContent(into: &pieces, font: Self.combine(font, inner), open: innerOpen)
                } else if let mark = Self.textAccents[name] {
                    skipSpaces()
                    var letter = ""
                    if let b = peek(), b.kind == .openBrace {
                        letter = try rawGroup(after: t, textMode: true)
                    } else if let c = peek(), case .character(let s) = c.kind {
                        position += 1
                        letter = String(s)
                    }
                    text += letter
                    text.unicodeScalars.append(mark)
                } else if let symbol = Self.textSymbols[name] {
                    text += symbol
                } else {
                    // Unknown text commands are shown as written rather than refused.
                    text += "\\" + name
                }
            }
        }
        throw TeXError(offset: open.offset, message: "unbalanced braces: '{' is never closed")
    }

    /// `$…$` or `\(…\)` inside text: inline math, as one node.
    private mutating func parseMathInText(opening: TeXToken, closing: TeXToken.Kind) throws(TeXError) -> MathNode {
        textMathDepth += 1
        let nodes = try parseList()
        textMathDepth -= 1
        guard let close = next(), close.kind == closing else {
            throw TeXError(offset: opening.offset, message: "math '\(Self.spelling(opening))' inside text is never closed")
        }
        return Self.wrap(nodes)
    }

    private static func combine(_ outer: MathDecoration.TextFont?, _ inner: MathDecoration.TextFont?) -> MathDecoration.TextFont? {
        switch (outer, inner) {
        case (.bold?, .italic?), (.italic?, .bold?), (.boldItalic?, _), (_, .boldItalic?): return .boldItalic
        case (_, nil): return outer
        default: return inner
        }
    }
}
