import DocgenDiagnostics

extension MarkdownDocument {
    /// The chapter as a structured page (see `ChapterPage`).
    ///
    /// Directive fences become `resolver.block(for:)`; roles, cross-references and links go
    /// through the resolver; math is parsed into `Formula`s; code blocks are highlighted; headings
    /// get `id`s equal to `headings[i].slug`; GitHub alerts become `Callout`s. Raw HTML passes
    /// through unchanged. The diagnostics are the ones found while building (TeX errors, unknown
    /// references, roles and broken links); parse problems are in `diagnostics`.
    public func page(resolver: some MarkdownResolver) -> (page: ChapterPage, diagnostics: [Diagnostic]) {
        guard let tree = CMarkTree(markdown: protected.string) else { return (ChapterPage(blocks: []), []) }
        var builder = PageBuilder(document: self, resolver: resolver)
        let page = builder.page(tree.document)
        return (page, builder.diagnostics)
    }

    /// Short Markdown such as a caption, as inline content: the paragraphs' inlines, joined by a
    /// soft break when there are several; a display formula becomes inline math and any other
    /// block its plain text.
    public func inlineContent(resolver: some MarkdownResolver) -> (content: [Inline], diagnostics: [Diagnostic]) {
        let (page, diagnostics) = page(resolver: resolver)
        var content: [Inline] = []
        let blocks = (page.title.map { [Block.heading($0)] } ?? []) + page.blocks
        for block in blocks {
            if !content.isEmpty { content.append(.softBreak) }
            switch block {
            case .paragraph(let inlines): content += inlines
            case .heading(let heading): content += heading.content
            case .math(let math): content.append(.math(math.formula))
            default: content.append(.text(block.plainText))
            }
        }
        return (content, diagnostics)
    }
}

/// Builds a `ChapterPage` from a cmark tree of the math-protected text, asking the resolver for
/// what depends on the rest of the course and recording diagnostics at their original locations.
struct PageBuilder {
    /// Containers (quotes, lists, callouts; emphasis, links) nested deeper than this are flattened
    /// into their parent, so no walk over the page goes deeper than about twice this.
    static let maximumDepth = 64

    let document: MarkdownDocument
    let resolver: any MarkdownResolver
    var diagnostics: [Diagnostic] = []
    /// How far `locate` has got inside each block, keyed by the block's start offset.
    private var cursor: [Int: Int] = [:]
    /// Where the next search behind the cursor starts, for a needle found before the cursor (keyed by block
    /// start and needle), and the needles a block does not hold at all: each searched at most once more.
    private var behindCursor: [NeedleKey: Int] = [:]
    private var missing: Set<NeedleKey> = []

    private struct NeedleKey: Hashable {
        var block: Int
        var needle: String
    }
    /// The next entry of `document.headings` (cmark finds the headings in the same order).
    private var headingIndex = 0
    /// Labels of the footnote definitions, which cmark moves to the end of the document in
    /// reference order; a reference's number `n` points at the `n`th.
    private var footnoteLabels: [String] = []
    /// References seen so far to each footnote number.
    var footnoteReferenceCounts: [Int: Int] = [:]

    /// The chapter's directives by the line of their fence.
    private let directivesByLine: [Int: DirectiveBlock]

    init(document: MarkdownDocument, resolver: any MarkdownResolver) {
        self.document = document
        self.resolver = resolver
        directivesByLine = Dictionary(document.directives.map { ($0.location.line, $0) }, uniquingKeysWith: { first, _ in first })
    }

    mutating func page(_ root: CMarkNode) -> ChapterPage {
        let children = root.children
        footnoteLabels = children.filter { $0.kind == .footnoteDefinition }.map(footnoteLabel(of:))
        var blocks: [Block] = []
        var definitions: [(label: String, blocks: [Block])] = []
        for child in children {
            if child.kind == .footnoteDefinition {
                definitions.append((footnoteLabel(of: child),
                                    self.blocks(of: child, range: range(of: child, inherited: nil), depth: 1)))
            } else {
                appendBlock(child, inherited: nil, depth: 0, into: &blocks)
            }
        }
        let footnotes = definitions.enumerated().map { index, definition in
            Footnote(label: definition.label, number: index + 1,
                     referenceCount: footnoteReferenceCounts[index + 1] ?? 0, blocks: definition.blocks)
        }
        var title: PageHeading?
        if case .heading(let heading)? = blocks.first, heading.level == 1 {
            title = heading
            blocks.removeFirst()
        }
        return ChapterPage(title: title, blocks: blocks, footnotes: footnotes)
    }

    // MARK: Blocks

    private mutating func blocks(of node: CMarkNode, range: Range<Int>?, depth: Int) -> [Block] {
        var blocks: [Block] = []
        for child in node.children { appendBlock(child, inherited: range, depth: depth, into: &blocks) }
        return blocks
    }

    private mutating func appendBlock(_ node: CMarkNode, inherited: Range<Int>?, depth: Int, into blocks: inout [Block]) {
        let range = range(of: node, inherited: inherited)
        switch node.kind {
        case .paragraph:
            blocks.append(contentsOf: splittingNumberedEquations(paragraph(node.children, range: range)))
        case .heading:
            blocks.append(.heading(heading(node, range: range)))
        case .blockQuote, .list, .item, .customBlock, .footnoteDefinition, .document:
            guard depth < Self.maximumDepth else {
                appendFlattened(node, inherited: inherited, into: &blocks)
                return
            }
            blocks.append(contentsOf: container(node, range: range, depth: depth + 1))
        case .codeBlock:
            if let block = codeBlock(node, range: range) { blocks.append(block) }
        case .htmlBlock:
            blocks.append(.html(restored(node.literal) ?? node.literal))
        case .thematicBreak:
            blocks.append(.thematicBreak)
        case .other("table"):
            blocks.append(.table(table(node, range: range)))
        default:
            for child in node.children { appendBlock(child, inherited: range, depth: depth, into: &blocks) }
        }
    }

    /// A quote, callout or list as one block; a bare item or other container as its blocks.
    private mutating func container(_ node: CMarkNode, range: Range<Int>?, depth: Int) -> [Block] {
        switch node.kind {
        case .blockQuote:
            if let callout = callout(node, range: range, depth: depth) { return [.callout(callout)] }
            return [.blockQuote(blocks(of: node, range: range, depth: depth))]
        case .list:
            let items = node.children.map { item in
                ListItem(blocks: blocks(of: item, range: self.range(of: item, inherited: range), depth: depth),
                         isChecked: item.taskChecked)
            }
            let ordered = node.isOrderedList
            return [.list(ListBlock(isOrdered: ordered, start: ordered ? node.listStart : 1,
                                    isTight: node.isTightList, items: items))]
        default:
            return blocks(of: node, range: range, depth: depth)
        }
    }

    /// The leaf blocks under a too-deeply nested container, in order, without recursion.
    private mutating func appendFlattened(_ node: CMarkNode, inherited: Range<Int>?, into blocks: inout [Block]) {
        var stack: [(node: CMarkNode, inherited: Range<Int>?)] = [(node, inherited)]
        while let (next, outer) = stack.popLast() {
            switch next.kind {
            case .blockQuote, .list, .item, .customBlock, .footnoteDefinition, .document:
                let range = range(of: next, inherited: outer)
                for child in next.children.reversed() { stack.append((child, range)) }
            default:
                appendBlock(next, inherited: outer, depth: Self.maximumDepth, into: &blocks)
            }
        }
    }

    /// A paragraph holding a numbered display equation among its text, as the text before it, the equation as a
    /// block (its number at its right, as for an equation standing alone) and the text after; any other block as is.
    func splittingNumberedEquations(_ block: Block) -> [Block] {
        guard case .paragraph(let inlines) = block,
              inlines.contains(where: { if case .math(let f) = $0 { return f.isDisplay && f.label != nil }; return false })
        else { return [block] }
        var blocks: [Block] = [], current: [Inline] = []
        func flush() {
            let text = Self.trimmed(current)
            if !text.isEmpty { blocks.append(.paragraph(text)) }
            current = []
        }
        for inline in inlines {
            if case .math(let formula) = inline, formula.isDisplay, let label = formula.label,
               let number = resolver.equationNumber(for: label) {
                flush()
                blocks.append(.math(DisplayMath(formula: formula, number: number)))
            } else {
                current.append(inline)
            }
        }
        flush()
        return blocks
    }

    /// Inline content without the breaks and spaces at its ends (where an equation was cut out).
    private static func trimmed(_ inlines: [Inline]) -> [Inline] {
        var out = inlines
        func blank(_ i: Inline) -> Bool {
            switch i {
            case .softBreak, .lineBreak: return true
            case .text(let t): return t.allSatisfy { $0 == " " || $0 == "\t" }
            default: return false
            }
        }
        while let first = out.first, blank(first) { out.removeFirst() }
        while let last = out.last, blank(last) { out.removeLast() }
        if case .text(let t)? = out.first { out[0] = .text(String(t.drop { $0 == " " || $0 == "\t" })) }
        if case .text(let t)? = out.last {
            out[out.count - 1] = .text(String(t.reversed().drop { $0 == " " || $0 == "\t" }.reversed()))
        }
        return out
    }

    /// A paragraph, or a display formula when the paragraph is nothing but one.
    private mutating func paragraph(_ children: [CMarkNode], range: Range<Int>?) -> Block {
        if children.count == 1, children[0].kind == .text,
           children[0].literal.unicodeScalars.first == MathScanner.placeholderOpen,
           case let pieces = MathPlaceholder.split(children[0].literal, count: document.math.count), pieces.count == 1,
           case .math(let index) = pieces[0], document.math[index].display {
            let number = document.math[index].label.flatMap { resolver.equationNumber(for: $0) }
            return .math(DisplayMath(formula: formula(index), number: number))
        }
        return .paragraph(inlines(children, range: range))
    }

    private mutating func heading(_ node: CMarkNode, range: Range<Int>?) -> PageHeading {
        let known = headingIndex < document.headings.count ? document.headings[headingIndex] : nil
        headingIndex += 1
        var content = inlines(node.children, range: range)
        // `## Setup {#sec-setup}`: the label becomes the id and leaves the text.
        if known?.label != nil, node.children.last?.kind == .text, case .text(let last)? = content.last {
            let text = Heading.splitLabel(last).text
            content.removeLast()
            // splitLabel trims both ends; only the end is the label's.
            if !text.isEmpty { content.append(.text(String(last.prefix { $0 == " " || $0 == "\t" }) + text)) }
        }
        return PageHeading(level: max(1, min(6, node.headingLevel)),
                           id: known?.slug ?? Slug.make(content.plainText), content: content)
    }

    /// A block quote whose first line is an alert marker, as a callout.
    private mutating func callout(_ quote: CMarkNode, range: Range<Int>?, depth: Int) -> Callout? {
        guard let paragraph = quote.firstChild, paragraph.kind == .paragraph,
              let first = paragraph.firstChild, first.kind == .text,
              let (kind, title) = Alerts.marker(first.literal) else { return nil }
        // The marker must be alone on its line (apart from a title): the text node ends there.
        let afterMarker = first.next
        if let afterMarker, afterMarker.kind != .softBreak && afterMarker.kind != .lineBreak { return nil }
        let paragraphRange = self.range(of: paragraph, inherited: range)
        var titleContent: [Inline]?
        if let title {
            var content: [Inline] = []
            appendText(title, range: paragraphRange, context: InlineContext(), into: &content)
            titleContent = content
        }
        var blocks: [Block] = []
        let rest = Array(paragraph.children.dropFirst(afterMarker == nil ? 1 : 2))
        if !rest.isEmpty { blocks.append(self.paragraph(rest, range: paragraphRange)) }
        for child in quote.children.dropFirst() { appendBlock(child, inherited: range, depth: depth, into: &blocks) }
        return Callout(kind: kind, title: titleContent, blocks: blocks)
    }

    /// A code block, or what the resolver shows for a directive fence (nil for nothing).
    private mutating func codeBlock(_ node: CMarkNode, range: Range<Int>?) -> Block? {
        // Math placeholders go back to their source: code shows exactly what was written.
        let code = restored(node.literal) ?? node.literal
        let info = restored(node.fenceInfo) ?? node.fenceInfo
        let location = blockLocation(range)
        if node.fence != nil, DirectiveBlock.parseInfo(info) != nil,
           let directive = directivesByLine[location.line] {
            return resolver.block(for: directive)
        }
        let language = info.split(separator: " ").first.map(String.init) ?? ""
        return .code(CodeBlock(code: code, language: language.lowercased()))
    }

    private mutating func table(_ node: CMarkNode, range: Range<Int>?) -> TextTable {
        let alignments: [TextTable.Alignment?] = node.tableAlignments.map {
            switch $0 {
            case "l": .left
            case "c": .center
            case "r": .right
            default: nil
            }
        }
        var header: [TextTable.Cell] = []
        var rows: [[TextTable.Cell]] = []
        // cmark-gfm names the header row "table_header", the others "table_row".
        for row in node.children where row.kind == .other("table_header") || row.kind == .other("table_row") {
            let rowRange = self.range(of: row, inherited: range)
            let cells = row.children.map { cell in inlines(cell.children, range: self.range(of: cell, inherited: rowRange)) }
            if row.kind == .other("table_header") || row.isTableHeaderRow { header = cells } else { rows.append(cells) }
        }
        return TextTable(alignments: alignments, header: header, rows: rows)
    }

    // MARK: Math

    /// The formula of math span `index`; a TeX error is reported at its exact place (unless
    /// `report` is false) and gives an invalid formula.
    mutating func formula(_ index: Int, report: Bool = true) -> Formula {
        let span = document.math[index]
        switch TeX.parse(span.tex, display: span.display) {
        case .success(let nodes):
            return Formula(tex: span.tex, isDisplay: span.display, label: span.label, nodes: nodes)
        case .failure(let error):
            if report {
                let origin = error.offset < span.scalarOrigins.count ? span.scalarOrigins[error.offset]
                    : span.scalarOrigins.last.map { $0 + 1 } ?? span.start
                diagnostics.append(.error(error.message, at: document.source.location(ofByte: origin)))
            }
            return Formula(tex: span.tex, isDisplay: span.display, label: span.label, nodes: nil)
        }
    }

    // MARK: Locations

    /// The byte range of the protected text a block spans; inline nodes (and blocks cmark gives
    /// no position) inherit the range of the block around them.
    func range(of node: CMarkNode, inherited: Range<Int>?) -> Range<Int>? {
        guard node.startLine > 0, node.kind != .document, !node.isInline else { return inherited }
        let start = document.protected.offset(line: node.startLine, byteColumn: node.startColumn)
        let end = max(start, document.protected.offset(line: node.endLine, byteColumn: node.endColumn + 1))
        return start..<end
    }

    /// The original location of a block's start.
    func blockLocation(_ range: Range<Int>?) -> SourceLocation {
        document.source.location(ofByte: document.offsetMap.original(range?.lowerBound ?? 0))
    }

    /// Finds `needle` in the block after the previous hit, and returns its original location
    /// (or the block's start when it cannot be found).
    ///
    /// Inline nodes come in source order, so the next occurrence after the cursor is almost always
    /// the one. When it is not there, the search goes on behind the cursor from where the same
    /// needle's last such search stopped, and a needle the block does not hold is remembered: every
    /// byte of a block is read a bounded number of times per needle, however many nodes ask.
    ///
    /// `window` bounds the search to that many bytes after the cursor, for needles that may not be
    /// written in the block at all (the destination of a reference link or of a `www.` autolink):
    /// such a miss then costs the window, not the rest of the block.
    mutating func locate(_ needle: String, in range: Range<Int>?, window: Int? = nil) -> SourceLocation {
        guard let range else { return blockLocation(nil) }
        let key = NeedleKey(block: range.lowerBound, needle: needle)
        if missing.contains(key) { return blockLocation(range) }
        let from = cursor[range.lowerBound] ?? range.lowerBound
        let bytes = Array(needle.utf8)
        let end = window.map { min(range.upperBound, from + $0) } ?? range.upperBound
        if let hit = document.protected.find(bytes, from: from, to: end) {
            cursor[range.lowerBound] = hit + bytes.count
            return document.source.location(ofByte: document.offsetMap.original(hit))
        }
        if window != nil { return blockLocation(range) }
        let behind = behindCursor[key] ?? range.lowerBound
        guard let hit = document.protected.find(bytes, from: behind, to: min(range.upperBound, from + bytes.count - 1))
                ?? (behind > range.lowerBound ? document.protected.find(bytes, from: range.lowerBound, to: range.upperBound) : nil)
        else {
            missing.insert(key)
            return blockLocation(range)
        }
        behindCursor[key] = hit + bytes.count
        return document.source.location(ofByte: document.offsetMap.original(hit))
    }

    /// `text` with math placeholders put back as written, or nil when it has none. Used where
    /// math cannot be rendered (URLs, titles, raw HTML, code) so the author's text survives.
    func restored(_ text: String) -> String? {
        guard text.unicodeScalars.contains(MathScanner.placeholderOpen) else { return nil }
        return MathPlaceholder.restore(text, math: document.math) { $0.original(in: document.source) }
    }

    /// The label of a footnote definition as written (`[^label]:`), read from the source since
    /// cmark-gfm's API does not give it. cmark positions the definition at its content, so the
    /// label is the last `[^…]:` before that, on the same line or the one before.
    private func footnoteLabel(of definition: CMarkNode) -> String {
        let text = document.protected
        let bytes = text.bytes
        let end = text.offset(line: definition.startLine, byteColumn: definition.startColumn)
        let start = text.lineStarts[max(0, min(definition.startLine, text.lineStarts.count) - 2)]
        var close = end - 1
        while close > start, !(bytes[close - 1] == UInt8(ascii: "]") && bytes[close] == UInt8(ascii: ":")) { close -= 1 }
        var open = close - 2
        while open >= start, !(bytes[open] == UInt8(ascii: "[") && bytes[open + 1] == UInt8(ascii: "^")) { open -= 1 }
        guard close > start, open >= start, open + 2 <= close - 1 else { return "" }
        return String(decoding: bytes[(open + 2)..<(close - 1)], as: UTF8.self)
    }

    /// The label of footnote number `number` (1-based).
    func footnoteLabel(_ number: Int) -> String? {
        number >= 1 && number <= footnoteLabels.count ? footnoteLabels[number - 1] : nil
    }
}

extension CMarkNode {
    var isInline: Bool {
        switch kind {
        case .text, .softBreak, .lineBreak, .code, .htmlInline, .customInline, .emphasis, .strong,
             .link, .image, .footnoteReference: return true
        case .other(let name): return name == "strikethrough"
        default: return false
        }
    }
}
