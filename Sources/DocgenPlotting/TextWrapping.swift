import Foundation

extension Canvas {
    /// The lines of `markup` (RichText markup) no wider than `maxWidth` at `size`, at most `maxLines` of them.
    ///
    /// Lines break between words (spaces outside `{…}` groups); a lone `·` separates items of a key, and a break
    /// there drops it rather than starting a line with it. A single word wider than the line stays whole (the caller
    /// fits it), and the words beyond `maxLines` join the last line (which the caller then cuts with an ellipsis).
    func wrapped(_ markup: String, size: Double, maxWidth: Double, weight: FontWeight = .normal,
                 maxLines: Int = .max) -> [String] {
        let words = Self.words(markup)
        guard !words.isEmpty else { return [] }
        var lines: [String] = []
        var line = ""
        var separated = false
        for word in words {
            if word == "·" { separated = !line.isEmpty; continue }
            if line.isEmpty { line = word; separated = false; continue }
            let candidate = line + (separated ? " · " : " ") + word
            if lines.count + 1 >= maxLines || measure(RichText(markup: candidate), size: size, weight: weight).width <= maxWidth {
                line = candidate
            } else {
                lines.append(line)
                line = word
            }
            separated = false
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    /// `markup` split at spaces that are not inside a `{…}` group (nor escaped).
    static func words(_ markup: String) -> [String] {
        var words: [String] = [], current = ""
        var depth = 0, escaped = false
        for c in markup {
            if escaped { current.append(c); escaped = false; continue }
            switch c {
            case "\\": escaped = true; current.append(c)
            case "{": depth += 1; current.append(c)
            case "}": depth = max(0, depth - 1); current.append(c)
            case " " where depth == 0:
                if !current.isEmpty { words.append(current); current = "" }
            default: current.append(c)
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }
}
