import DocgenDiagnostics

/// One Markdown chapter, parsed: its directives, title and headings, plus everything needed to
/// build its structured page later with a `MarkdownResolver` (`page(resolver:)`).
///
/// Parsing never fails: problems (an unclosed directive fence, unclosed display math)
/// become `diagnostics`, located at `file:line:column` with 1-based lines and columns
/// counted in Unicode scalars.
///
/// Syntax beyond GitHub-flavoured Markdown (tables, strikethrough, autolinks, task lists,
/// footnotes; raw HTML passes through):
/// - Directives: a fenced block whose info string is `{name} argument`.
/// - Roles: `{name}` immediately followed by a code span, e.g. {value}`cv.alpha_min`.
/// - Cross-references: `@fig-…`, `@tbl-…`, `@eq-…`, `@sec-…` not preceded by a letter, digit,
///   `.`, `_` or `-` (so e-mail addresses are not references).
/// - Labels: `## Heading {#sec-x}` (becomes the heading's id); `$$ … $$ {#eq-x}`.
/// - Alerts: a block quote starting `[!NOTE]`, `[!TIP]`, `[!IMPORTANT]`, `[!WARNING]`, `[!CAUTION]`.
/// - Math, in paragraphs, headings and tables only: `$…$` and `\(…\)` inline, `$$…$$` and
///   `\[…\]` display. An opening `$` needs a non-space after it; a closing `$` a non-space
///   before it and no digit after it ("$5 and $10" is text). `\$` is a dollar. Math never
///   crosses a blank line; code spans and code blocks are never math.
public struct MarkdownDocument: Sendable {
    /// The path shown in diagnostics.
    public let file: String
    /// The text of the first level-1 heading, if any.
    public let title: String?
    /// Directive blocks in source order.
    public let directives: [DirectiveBlock]
    /// All headings in source order, with unique slugs.
    public let headings: [Heading]
    /// Labelled display equations in source order.
    public let equations: [EquationLabel]
    /// Problems found while parsing (building the page may add more).
    public let diagnostics: [Diagnostic]

    let source: SourceText
    /// The source with math swapped for placeholders, and the way back.
    let protected: SourceText
    let offsetMap: OffsetMap
    let math: [MathSpan]

    /// Parses `source`; `file` is the path diagnostics show (e.g. `Content/lasso.md`).
    public init(source text: String, file: String) {
        self.file = file
        let source = SourceText(text, file: file)
        self.source = source
        var diagnostics: [Diagnostic] = []

        // Pass 1, on the original text: directives, and the blocks holding inline text (paragraphs,
        // headings, tables), the only places math is looked for.
        var textBlocks: [Range<Int>] = []
        var directives: [DirectiveBlock] = []
        if let tree = CMarkTree(markdown: source.string) {
            for node in tree.allNodes() {
                switch node.kind {
                case .codeBlock:
                    Self.inspectCodeBlock(node, source: source, directives: &directives, diagnostics: &diagnostics)
                case .paragraph, .heading, .other("table"):
                    let start = source.offset(line: node.startLine, byteColumn: node.startColumn)
                    let end = source.offset(line: node.endLine, byteColumn: node.endColumn + 1)
                    if start < end { textBlocks.append(start..<end) }
                default:
                    break
                }
            }
        }
        textBlocks.sort { $0.lowerBound < $1.lowerBound }
        self.directives = directives

        // Protect math, then pass 2 on the protected text for headings.
        let scan = MathScanner(source: source, regions: textBlocks).scan()
        diagnostics += scan.diagnostics
        self.protected = SourceText(bytes: scan.protected, file: file)
        self.offsetMap = scan.map
        self.math = scan.spans
        self.diagnostics = diagnostics
        self.equations = scan.spans.filter { $0.label != nil }.enumerated().map { index, span in
            EquationLabel(label: span.label ?? "", location: source.location(ofByte: span.start), index: index)
        }

        var headings: [Heading] = []
        var slugs = Slug.Registry()
        if let tree = CMarkTree(markdown: protected.string) {
            for node in tree.allNodes() where node.kind == .heading {
                let (text, label) = Heading.splitLabel(Self.inlineText(of: node, math: scan.spans, source: source))
                let location = Self.location(line: node.startLine, byteColumn: node.startColumn,
                                             protected: protected, map: scan.map, source: source)
                headings.append(Heading(level: node.headingLevel, text: text,
                                        slug: slugs.unique(label ?? text, verbatim: label != nil),
                                        label: label, location: location))
            }
        }
        self.headings = headings
        self.title = headings.first { $0.level == 1 }?.text
    }

    // MARK: Pass 1 helpers

    private static func inspectCodeBlock(_ node: CMarkNode, source: SourceText,
                                         directives: inout [DirectiveBlock], diagnostics: inout [Diagnostic]) {
        guard let fence = node.fence else { return }
        let location = source.location(ofByte: source.offset(line: node.startLine, byteColumn: node.startColumn))
        let closed = node.endLine > node.startLine
            && isClosingFence(source.lineBytes(node.endLine), character: fence.character, length: fence.length)
        if let (name, argument) = DirectiveBlock.parseInfo(node.fenceInfo) {
            if !closed {
                diagnostics.append(.error("unterminated directive: the '{\(name)}' fence opened here is never closed",
                                          at: location))
            }
            directives.append(DirectiveBlock(
                name: name, argument: argument, body: node.literal, location: location,
                bodyLocation: location.offset(lines: 1), index: directives.count))
        } else if !closed {
            diagnostics.append(.warning("unterminated code block: the fence opened here is never closed, so the rest of the chapter is code",
                                        at: location))
        }
    }

    /// Whether a line (possibly inside block quotes) is a closing fence of at least `length`.
    private static func isClosingFence(_ line: ArraySlice<UInt8>, character: UInt8, length: Int) -> Bool {
        var rest = line.drop { $0 == 0x20 || $0 == 0x09 || $0 == UInt8(ascii: ">") }
        var run = 0
        while rest.first == character { run += 1; rest = rest.dropFirst() }
        return run >= length && rest.allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }

    // MARK: Shared helpers

    /// A cmark position in the protected text, as a location in the original chapter.
    static func location(line: Int, byteColumn: Int, protected: SourceText, map: OffsetMap,
                         source: SourceText) -> SourceLocation {
        source.location(ofByte: map.original(protected.offset(line: line, byteColumn: byteColumn)))
    }

    /// The plain text of a node's inline descendants.
    static func inlineText(of node: CMarkNode, math: [MathSpan], source: SourceText) -> String {
        var text = ""
        var stack = node.children.reversed() as [CMarkNode]
        while let n = stack.popLast() {
            switch n.kind {
            case .text: text += MathPlaceholder.restore(n.literal, math: math) { $0.tex }
            case .code: text += MathPlaceholder.restore(n.literal, math: math) { $0.original(in: source) }
            case .softBreak, .lineBreak: text += " "
            default: stack.append(contentsOf: n.children.reversed())
            }
        }
        return text.trimmingCharacters(in: " ")
    }
}
