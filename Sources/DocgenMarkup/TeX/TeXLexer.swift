/// A token of TeX math, with its offset (in Unicode scalars) into the TeX source.
struct TeXToken: Equatable {
    enum Kind: Equatable {
        /// `\name` (letters) or `\x` (one non-letter, e.g. `\,` `\{` `\|` `\\`); name without `\`.
        case command(String)
        case openBrace, closeBrace
        case superscriptMark, subscriptMark
        /// `&`, the column separator of environments.
        case alignment
        /// `'`, a prime.
        case prime
        /// Spaces, tabs and newlines (ignored in math, kept in `\text`).
        case space
        /// Any other single character: letters, digits, operators, brackets.
        case character(Unicode.Scalar)
    }
    var kind: Kind
    var offset: Int
}

/// Splits TeX math into tokens. Never fails: a lone trailing `\` becomes the command "".
struct TeXLexer {
    static func tokens(_ source: [Unicode.Scalar]) -> [TeXToken] {
        var tokens: [TeXToken] = []
        var i = 0
        while i < source.count {
            let c = source[i]
            let start = i
            switch c {
            case "\\":
                i += 1
                if i < source.count, isLetter(source[i]) {
                    var name = ""
                    while i < source.count, isLetter(source[i]) { name.unicodeScalars.append(source[i]); i += 1 }
                    tokens.append(TeXToken(kind: .command(name), offset: start))
                } else if i < source.count {
                    tokens.append(TeXToken(kind: .command(String(source[i])), offset: start))
                    i += 1
                } else {
                    tokens.append(TeXToken(kind: .command(""), offset: start))
                }
                continue
            case "{": tokens.append(TeXToken(kind: .openBrace, offset: start))
            case "}": tokens.append(TeXToken(kind: .closeBrace, offset: start))
            case "^": tokens.append(TeXToken(kind: .superscriptMark, offset: start))
            case "_": tokens.append(TeXToken(kind: .subscriptMark, offset: start))
            case "&": tokens.append(TeXToken(kind: .alignment, offset: start))
            case "'": tokens.append(TeXToken(kind: .prime, offset: start))
            case " ", "\t", "\n", "\r":
                if tokens.last?.kind != .space { tokens.append(TeXToken(kind: .space, offset: start)) }
            case "%":
                // A TeX comment runs to the end of the line.
                while i < source.count, source[i] != "\n" { i += 1 }
                continue
            default: tokens.append(TeXToken(kind: .character(c), offset: start))
            }
            i += 1
        }
        return tokens
    }

    static func isLetter(_ c: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(c) || ("A"..."Z").contains(c)
    }
}
