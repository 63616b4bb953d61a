import DocgenDiagnostics

/// One piece of math found in a chapter, before conversion.
struct MathSpan: Sendable {
    /// The TeX between the delimiters (blockquote markers of continuation lines removed).
    var tex: String
    var display: Bool
    /// Original byte offset of each Unicode scalar of `tex`, to locate TeX errors exactly.
    var scalarOrigins: [Int]
    /// Original byte offset of the opening delimiter.
    var start: Int
    /// Original byte offset just past the span (closing delimiter and any label).
    var end: Int = 0
    /// `eq-…` from a `{#eq-…}` written right after display math's closing delimiter.
    var label: String?

    /// The span exactly as written in the chapter, delimiters included.
    func original(in source: SourceText) -> String {
        let b = source.bytes
        return String(decoding: b[min(start, b.count)..<min(max(end, start), b.count)], as: UTF8.self)
    }
}

/// Finds math in Markdown source and swaps each span for an inert placeholder token, so
/// cmark never sees `_`, `*` or `|` inside math.
///
/// Delimiter rules (Pandoc's `tex_math_dollars`, plus the LaTeX forms):
/// - `$…$` is inline math when the opening `$` has a non-space character right after it and
///   the closing `$` has a non-space character right before it and no digit right after it;
///   so "costs $5 and $10" stays text. It may not cross a blank line.
/// - `$$…$$` is display math and may span lines, but not a blank line; an unclosed `$$` is an error.
/// - `\(…\)` is inline, `\[…\]` display (an unclosed `\[` is an error, an unclosed `\(` stays text).
/// - `\$` is a literal dollar; code spans are skipped, and only paragraphs, headings and
///   tables are scanned (so never code blocks or raw HTML blocks); math cannot cross them.
/// - Display math may be followed on the same line by `{#eq-label}`, which labels it.
struct MathScanner {
    static let placeholderOpen: Unicode.Scalar = "\u{E000}"
    static let placeholderClose: Unicode.Scalar = "\u{E001}"

    struct Result {
        var protected: [UInt8]
        var map: OffsetMap
        var spans: [MathSpan]
        var diagnostics: [Diagnostic]
    }

    let source: SourceText
    /// The byte ranges scanned (blocks of inline text), sorted and disjoint.
    let regions: [Range<Int>]
    /// What each closer search found from each position it passed, so a paragraph of a thousand
    /// unclosed openers is read once per kind of closer, not once per opener.
    private let memo = WalkMemo()

    init(source: SourceText, regions: [Range<Int>]) {
        self.source = source
        self.regions = regions
    }

    /// Results of `walk` by kind of closer and position: the closer's offset, or −1 for none.
    private final class WalkMemo {
        var limit = -1
        var results: [[Int: Int]] = Array(repeating: [:], count: 4)
        /// Per line start: whether a `>` comes before a given offset (the offset of the line's first `>`, or −1).
        var firstQuote: [Int: Int] = [:]
    }

    func scan() -> Result {
        let b = source.bytes
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var map = OffsetMap()
        var spans: [MathSpan] = []
        var diagnostics: [Diagnostic] = []
        var i = 0
        var copiedUpTo = 0
        var regionIndex = 0

        func emit(span: MathSpan, end: Int, limit: Int) {
            var span = span
            var end = end
            if span.display, let (label, labelEnd) = equationLabel(after: end, limit: limit) {
                span.label = label
                end = labelEnd
            }
            span.end = end
            out.append(contentsOf: b[copiedUpTo..<span.start])
            let token = Array("\(Self.placeholderOpen)\(spans.count)\(Self.placeholderClose)".utf8)
            map.replacements.append(.init(protectedStart: out.count, protectedLength: token.count,
                                          originalStart: span.start, originalLength: end - span.start))
            out.append(contentsOf: token)
            spans.append(span)
            copiedUpTo = end
        }

        while regionIndex < regions.count {
            let region = regions[regionIndex]
            if i < region.lowerBound { i = region.lowerBound }
            guard i < region.upperBound else { regionIndex += 1; continue }
            let limit = min(region.upperBound, b.count)
            switch b[i] {
            case UInt8(ascii: "\\"):
                let next = i + 1 < limit ? b[i + 1] : 0
                if (next == UInt8(ascii: "(") || next == UInt8(ascii: "[")) && !onFenceLikeLine(i) {
                    let display = next == UInt8(ascii: "[")
                    let closer = display ? UInt8(ascii: "]") : UInt8(ascii: ")")
                    if let close = findBackslashCloser(closer, from: i + 2, limit: limit) {
                        emit(span: span(i, contentStart: i + 2, contentEnd: close, display: display), end: close + 2, limit: limit)
                        i = copiedUpTo
                        continue
                    }
                    if display {
                        diagnostics.append(.error("unterminated display math: '\\[' has no matching '\\]' before the paragraph ends",
                                                  at: source.location(ofByte: i)))
                    }
                }
                i += 2
            case UInt8(ascii: "`"):
                i = skipCodeSpan(at: i, limit: limit)
            case UInt8(ascii: "$") where onFenceLikeLine(i):
                i += 1
            case UInt8(ascii: "$"):
                if i + 1 < limit && b[i + 1] == UInt8(ascii: "$") {
                    if let close = findDisplayDollarCloser(from: i + 2, limit: limit) {
                        emit(span: span(i, contentStart: i + 2, contentEnd: close, display: true), end: close + 2, limit: limit)
                        i = copiedUpTo
                    } else {
                        diagnostics.append(.error("unterminated display math: '$$' has no closing '$$' before the paragraph ends",
                                                  at: source.location(ofByte: i)))
                        i += 2
                    }
                } else if let close = findInlineDollarCloser(openingAt: i, limit: limit) {
                    emit(span: span(i, contentStart: i + 1, contentEnd: close, display: false), end: close + 1, limit: limit)
                    i = close + 1
                } else {
                    i += 1
                }
            default:
                i += 1
            }
        }
        out.append(contentsOf: b[copiedUpTo...])
        return Result(protected: out, map: map, spans: spans, diagnostics: diagnostics)
    }

    // MARK: Closers

    /// Whether the line of `i` starts (after indentation and `>` markers) with ``` or ~~~.
    /// Such a line is text only because its info string holds a backtick; removing math
    /// from it could turn it into a code fence, so math is not looked for there.
    private func onFenceLikeLine(_ i: Int) -> Bool {
        let b = source.bytes
        var j = source.lineStarts[source.line(ofByte: i) - 1]
        while j < i && (b[j] == 0x20 || b[j] == 0x09 || b[j] == UInt8(ascii: ">")) { j += 1 }
        guard j + 3 <= b.count else { return false }
        return b[j..<(j + 3)].allSatisfy { $0 == UInt8(ascii: "`") } || b[j..<(j + 3)].allSatisfy { $0 == UInt8(ascii: "~") }
    }

    /// `{#eq-name}` (after optional spaces) starting at `from`: the label and the offset after it.
    private func equationLabel(after from: Int, limit: Int) -> (String, Int)? {
        let b = source.bytes
        var j = from
        while j < limit && (b[j] == 0x20 || b[j] == 0x09) { j += 1 }
        let prefix = Array("{#eq-".utf8)
        guard j + prefix.count <= limit, Array(b[j..<(j + prefix.count)]) == prefix else { return nil }
        var k = j + 2
        while k < limit, b[k] != UInt8(ascii: "}"), b[k] != 0x0A, b[k] != 0x20 { k += 1 }
        guard k < limit, b[k] == UInt8(ascii: "}"), k > j + prefix.count else { return nil }
        return (String(decoding: b[(j + 2)..<k], as: UTF8.self), k + 1)
    }

    private func isBlankLine(startingAt j: Int, limit: Int) -> Bool {
        var k = j
        let b = source.bytes
        while k < limit && b[k] != 0x0A {
            if b[k] != 0x20 && b[k] != 0x09 && b[k] != UInt8(ascii: ">") { return false }
            k += 1
        }
        return true
    }

    /// Walks forward from `from`, honouring backslash escapes, until `found` accepts a
    /// position; gives up at a blank line or `limit`. `found` must depend on the position only:
    /// the result is remembered for every position passed (under `kind`), and a later walk that
    /// reaches one of them stops there with the same answer.
    private func walk(_ kind: Int, from: Int, limit: Int, _ found: (Int) -> Bool) -> Int? {
        let b = source.bytes
        if memo.limit != limit {
            memo.limit = limit
            memo.results = Array(repeating: [:], count: memo.results.count)
        }
        var visited: [Int] = []
        var result: Int?
        var j = from
        while j < limit {
            if let known = memo.results[kind][j] {
                result = known >= 0 ? known : nil
                break
            }
            visited.append(j)
            if b[j] == 0x0A && (j + 1 >= limit || isBlankLine(startingAt: j + 1, limit: limit)) { break }
            if found(j) { result = j; break }
            j += b[j] == UInt8(ascii: "\\") ? 2 : 1
        }
        for v in visited { memo.results[kind][v] = result ?? -1 }
        return result
    }

    private func findBackslashCloser(_ closer: UInt8, from: Int, limit: Int) -> Int? {
        let b = source.bytes
        return walk(closer == UInt8(ascii: "]") ? 0 : 1, from: from, limit: limit) { j in
            b[j] == UInt8(ascii: "\\") && j + 1 < limit && b[j + 1] == closer
        }
    }

    private func findDisplayDollarCloser(from: Int, limit: Int) -> Int? {
        let b = source.bytes
        return walk(2, from: from, limit: limit) { j in
            b[j] == UInt8(ascii: "$") && j + 1 < limit && b[j + 1] == UInt8(ascii: "$")
        }
    }

    private func findInlineDollarCloser(openingAt i: Int, limit: Int) -> Int? {
        let b = source.bytes
        guard i + 1 < limit, !isSpace(b[i + 1]) else { return nil }
        // The character after the opener is never the closer (it is not a space, and `$$` opens display
        // math); from the next one on, whether a position closes depends on that position alone.
        return walk(3, from: i + 1 + (b[i + 1] == UInt8(ascii: "\\") ? 2 : 1), limit: limit) { j in
            guard b[j] == UInt8(ascii: "$"), !isSpace(b[j - 1]) else { return false }
            if j + 1 < limit && b[j + 1] >= UInt8(ascii: "0") && b[j + 1] <= UInt8(ascii: "9") { return false }
            return true
        }
    }

    private func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A }

    /// Returns the index after a code span starting at a backtick run, or after the run
    /// itself when no closing run of the same length follows in the paragraph.
    private func skipCodeSpan(at i: Int, limit: Int) -> Int {
        let b = source.bytes
        var runEnd = i
        while runEnd < limit && b[runEnd] == UInt8(ascii: "`") { runEnd += 1 }
        let length = runEnd - i
        var j = runEnd
        while j < limit {
            if b[j] == 0x0A && (j + 1 >= limit || isBlankLine(startingAt: j + 1, limit: limit)) { return runEnd }
            if b[j] == UInt8(ascii: "`") {
                var k = j
                while k < limit && b[k] == UInt8(ascii: "`") { k += 1 }
                if k - j == length { return k }
                j = k
            } else {
                j += 1
            }
        }
        return runEnd
    }

    // MARK: Content

    /// Builds a span, removing blockquote markers from continuation lines when the math
    /// opened inside a blockquote.
    private func span(_ start: Int, contentStart: Int, contentEnd: Int, display: Bool) -> MathSpan {
        let b = source.bytes
        let lineStart = source.lineStarts[source.line(ofByte: start) - 1]
        // Whether a `>` comes before the span on its line: the line's first `>` is found once per line.
        let firstQuote = memo.firstQuote[lineStart] ?? {
            let end = source.index.lineRange(source.line(ofByte: start)).upperBound
            let found = b[lineStart..<end].firstIndex(of: UInt8(ascii: ">")) ?? -1
            memo.firstQuote[lineStart] = found
            return found
        }()
        let quoted = firstQuote >= 0 && firstQuote < start
        var content: [UInt8] = []
        var origins: [Int] = []
        var j = contentStart
        while j < contentEnd {
            content.append(b[j])
            origins.append(j)
            if b[j] == 0x0A && quoted {
                j += 1
                while j < contentEnd && (b[j] == 0x20 || b[j] == 0x09) { j += 1 }
                while j < contentEnd && b[j] == UInt8(ascii: ">") {
                    j += 1
                    if j < contentEnd && b[j] == 0x20 { j += 1 }
                }
                continue
            }
            j += 1
        }
        let tex = String(decoding: content, as: UTF8.self)
        var scalarOrigins: [Int] = []
        scalarOrigins.reserveCapacity(content.count)
        for (k, byte) in content.enumerated() where byte & 0xC0 != 0x80 { scalarOrigins.append(origins[k]) }
        return MathSpan(tex: tex, display: display, scalarOrigins: scalarOrigins, start: start)
    }
}
