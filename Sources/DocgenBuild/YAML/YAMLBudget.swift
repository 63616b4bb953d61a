/// A cheap lexical pass over YAML text, run before libyaml and Yams see it, that refuses what
/// docgen never needs and what could take the parser down: anchors and aliases (a chain of
/// aliases expands exponentially: the "billion laughs"), nesting deeper than `maximumDepth`
/// (Yams composes nodes recursively, so 200,000 nested `[` would overflow a worker thread's
/// stack), and text longer than `maximumBytes`.
///
/// The pass knows just enough YAML to be exact where it matters: quoted scalars (`'…'` with
/// `''`, `"…"` with backslash escapes, both across lines), comments, block scalars (`|`, `>`:
/// their content lines are text), and where a node can start (line start after indentation,
/// after `- `, `? `, `: `, and after `[`, `{`, `,` in flow context). Depth is counted as the open
/// flow collections plus the open block indentation levels plus the compact `- - -` indicators
/// of the line, which is an upper bound of the nesting Yams will build for valid YAML (and
/// within a factor of two of it), so legitimate options, nested a few levels, are never refused.
enum YAMLBudget {
    /// Nesting levels of collections; docgen's deepest option is about four.
    static let maximumDepth = 64
    /// Bytes of one YAML text (a directive body or docgen.yml): about 100,000 listed numbers.
    static let maximumBytes = 1 << 20
    /// Nodes of one YAML text, counted while converting: a second guard against blow-ups.
    static let maximumNodes = 200_000

    /// A refusal at a 1-based line and column (in Unicode scalars) of the text.
    struct Refusal: Equatable {
        var message: String
        var line: Int
        var column: Int
    }

    private enum Quote { case none, single, double }

    /// The first problem in `text`, or nil when the parser may read it.
    static func check(_ text: String) -> Refusal? {
        let bytes = Array(text.utf8)
        if bytes.count > maximumBytes {
            return Refusal(message: "YAML text is \(bytes.count / 1024) KiB; the limit is \(maximumBytes / 1024) KiB",
                           line: 1, column: 1)
        }
        var quote = Quote.none
        var flowDepth = 0
        var indentStack: [Int] = []
        /// The indentation of the line that opened a block scalar, while its content lines are skipped.
        var blockScalarParent: Int?
        var lineNumber = 0
        var lineStart = 0
        while lineStart <= bytes.count {
            lineNumber += 1
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            defer { lineStart = lineEnd + 1 }
            var indent = 0
            while lineStart + indent < lineEnd, bytes[lineStart + indent] == 0x20 { indent += 1 }
            let firstContent = lineStart + indent
            let isBlank = (firstContent..<lineEnd).allSatisfy { bytes[$0] == 0x20 || bytes[$0] == 0x09 || bytes[$0] == 0x0D }
            if let parent = blockScalarParent {
                if isBlank || indent > parent { continue }
                blockScalarParent = nil
            }
            if quote == .none && flowDepth == 0 {
                if isBlank || bytes[firstContent] == UInt8(ascii: "#") { continue }
                while let top = indentStack.last, top > indent { indentStack.removeLast() }
                if indentStack.last != indent { indentStack.append(indent) }
            }
            var compact = 0
            var nodeStart = quote == .none
            var i = firstContent
            func column(_ offset: Int) -> Int {
                (lineStart..<offset).reduce(1) { $0 + (bytes[$1] & 0xC0 != 0x80 ? 1 : 0) }
            }
            func isSpace(_ k: Int) -> Bool { k >= lineEnd || bytes[k] == 0x20 || bytes[k] == 0x09 || bytes[k] == 0x0D }
            while i < lineEnd {
                let c = bytes[i]
                switch quote {
                case .double:
                    if c == UInt8(ascii: "\\") { i += 2; continue }
                    if c == UInt8(ascii: "\"") { quote = .none }
                    i += 1
                    continue
                case .single:
                    if c == UInt8(ascii: "'") {
                        if i + 1 < lineEnd, bytes[i + 1] == UInt8(ascii: "'") { i += 2; continue }
                        quote = .none
                    }
                    i += 1
                    continue
                case .none:
                    break
                }
                if c == 0x20 || c == 0x09 || c == 0x0D { i += 1; continue }
                if c == UInt8(ascii: "#"), i == lineStart || isSpace(i - 1) { break }
                if nodeStart {
                    switch c {
                    case UInt8(ascii: "&"), UInt8(ascii: "*"):
                        if !isSpace(i + 1) {
                            let what = c == UInt8(ascii: "&") ? "anchors ('&name')" : "aliases ('*name')"
                            return Refusal(message: "\(what) are not allowed in docgen's YAML; write the value out "
                                           + "(and quote text that starts with '*' or '&')",
                                           line: lineNumber, column: column(i))
                        }
                    case UInt8(ascii: "-"), UInt8(ascii: "?"):
                        if flowDepth == 0 && isSpace(i + 1) {
                            compact += 1
                            i += 1
                            continue
                        }
                    case UInt8(ascii: "!"):
                        while i < lineEnd, !isSpace(i) { i += 1 }
                        continue
                    case UInt8(ascii: "\""):
                        quote = .double
                        nodeStart = false
                        i += 1
                        continue
                    case UInt8(ascii: "'"):
                        quote = .single
                        nodeStart = false
                        i += 1
                        continue
                    case UInt8(ascii: "|"), UInt8(ascii: ">"):
                        if flowDepth == 0 {
                            var k = i + 1
                            while k < lineEnd, bytes[k] == UInt8(ascii: "-") || bytes[k] == UInt8(ascii: "+")
                                    || (bytes[k] >= UInt8(ascii: "0") && bytes[k] <= UInt8(ascii: "9")) { k += 1 }
                            while k < lineEnd, isSpace(k) { k += 1 }
                            if k == lineEnd || bytes[k] == UInt8(ascii: "#") {
                                blockScalarParent = indent
                                i = lineEnd
                                continue
                            }
                        }
                    default:
                        break
                    }
                }
                switch c {
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    if nodeStart || flowDepth > 0 {
                        flowDepth += 1
                        let depth = flowDepth + indentStack.count + compact
                        if depth > maximumDepth {
                            return Refusal(message: "YAML is nested more than \(maximumDepth) levels deep",
                                           line: lineNumber, column: column(i))
                        }
                        nodeStart = true
                        i += 1
                        continue
                    }
                case UInt8(ascii: "]"), UInt8(ascii: "}"):
                    if flowDepth > 0 { flowDepth -= 1 }
                case UInt8(ascii: ","):
                    if flowDepth > 0 { nodeStart = true; i += 1; continue }
                case UInt8(ascii: ":"):
                    if isSpace(i + 1) || flowDepth > 0 { nodeStart = true; i += 1; continue }
                default:
                    break
                }
                nodeStart = false
                i += 1
            }
            if indentStack.count + compact + flowDepth > maximumDepth {
                return Refusal(message: "YAML is nested more than \(maximumDepth) levels deep",
                               line: lineNumber, column: indent + 1)
            }
        }
        return nil
    }
}
