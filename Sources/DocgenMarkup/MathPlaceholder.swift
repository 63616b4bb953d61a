/// The placeholder tokens standing for math in the protected text: U+E000, the span's
/// index in decimal, U+E001. Private-use characters are plain text to cmark, so the token
/// survives parsing unchanged and is neither punctuation nor space for emphasis rules.
enum MathPlaceholder {
    enum Piece {
        case text(String)
        case math(Int)
    }

    static func token(_ index: Int) -> String {
        "\(MathScanner.placeholderOpen)\(index)\(MathScanner.placeholderClose)"
    }

    /// Splits text into literal runs and math placeholders (indices checked against `count`).
    static func split(_ text: String, count: Int) -> [Piece] {
        guard text.unicodeScalars.contains(MathScanner.placeholderOpen) else { return [.text(text)] }
        var pieces: [Piece] = []
        var current = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            if scalars[i] == MathScanner.placeholderOpen {
                var j = i + 1
                var digits = ""
                while j < scalars.count, ("0"..."9").contains(scalars[j]) {
                    digits.unicodeScalars.append(scalars[j]); j += 1
                }
                if j < scalars.count, scalars[j] == MathScanner.placeholderClose, let index = Int(digits), index < count {
                    if !current.isEmpty { pieces.append(.text(String(current))); current = .init() }
                    pieces.append(.math(index))
                    i = j + 1
                    continue
                }
            }
            current.append(scalars[i])
            i += 1
        }
        if !current.isEmpty { pieces.append(.text(String(current))) }
        return pieces
    }

    /// Replaces each placeholder with `replacement(span)`.
    static func restore(_ text: String, math: [MathSpan], _ replacement: (MathSpan) -> String) -> String {
        split(text, count: math.count).map { piece in
            switch piece {
            case .text(let t): return t
            case .math(let i): return replacement(math[i])
            }
        }.joined()
    }
}
