import DocgenDiagnostics

extension MarkdownDocument {
    /// Renders the chapter's body to HTML (no `<html>`/`<body>` wrapper).
    ///
    /// Directive blocks become `resolver.html(for:)`, roles, cross-references and links go
    /// through the resolver, math becomes MathML, code blocks are highlighted, headings get
    /// `id`s equal to `headings[i].slug`, GitHub alerts become `<div class="callout callout-KIND">`.
    /// Raw HTML passes through unchanged. The diagnostics are the rendering ones only
    /// (parse problems are in `diagnostics`).
    public func renderHTML(resolver: some MarkdownResolver) -> (html: String, diagnostics: [Diagnostic]) {
        guard let tree = CMarkTree(markdown: protected.string) else { return ("", []) }
        var renderer = ChapterRenderer(document: self, tree: tree)
        renderer.rewrite(resolver: resolver)
        return (tree.renderHTML(), renderer.diagnostics)
    }
}

/// Rewrites a freshly parsed cmark tree of the protected text in place, then cmark renders it.
struct ChapterRenderer {
    let document: MarkdownDocument
    let tree: CMarkTree
    var diagnostics: [Diagnostic] = []
    /// For each block with a source position: the byte range it spans in the protected text,
    /// and how far inline searches have got inside it.
    private var blockRange: [CMarkNode: Range<Int>] = [:]
    private var cursor: [Int: Int] = [:]
    private var headingIndex = 0

    init(document: MarkdownDocument, tree: CMarkTree) {
        self.document = document
        self.tree = tree
    }

    mutating func rewrite(resolver: some MarkdownResolver) {
        let nodes = tree.allNodes()
        // Remember each node's enclosing positioned block before any edit moves it.
        for node in nodes {
            if node.startLine > 0, node.kind != .document, !node.isInline {
                let start = document.protected.offset(line: node.startLine, byteColumn: node.startColumn)
                let end = max(start, document.protected.offset(line: node.endLine, byteColumn: node.endColumn + 1))
                blockRange[node] = start..<end
            } else if let parent = node.parent, let range = blockRange[parent] {
                blockRange[node] = range
            }
        }
        for node in nodes {
            switch node.kind {
            case .codeBlock:
                restoreCode(node)
                rewriteCodeBlock(node, resolver: resolver)
            case .heading: rewriteHeading(node)
            case .blockQuote:
                Alerts.rewrite(node, in: tree) { title in
                    MathPlaceholder.split(title, count: document.math.count).map { piece in
                        switch piece {
                        case .text(let t): return HTMLEscape.text(t)
                        case .math(let index): return mathHTML(index, block: false)
                        }
                    }.joined()
                }
            case .text: rewriteText(node, resolver: resolver)
            case .code:
                restoreCode(node)
                rewriteRole(node, resolver: resolver)
            case .link:
                if let title = restored(node.title) { node.title = title }
                rewriteLink(node, resolver: resolver)
            case .htmlInline, .htmlBlock:
                if let literal = restored(node.literal) { node.literal = literal }
            case .image:
                if let url = restored(node.url) { node.url = url }
                if let title = restored(node.title) { node.title = title }
            default: break
            }
        }
    }

    // MARK: Locations

    /// The original location of a node's block start.
    private func blockLocation(_ node: CMarkNode) -> SourceLocation {
        let offset = blockRange[node]?.lowerBound ?? 0
        return document.source.location(ofByte: document.offsetMap.original(offset))
    }

    /// Finds `needle` in the node's block after the previous hit, and returns its original
    /// location (or the block's start when it cannot be found).
    private mutating func locate(_ needle: String, in node: CMarkNode) -> SourceLocation {
        guard let range = blockRange[node] else { return blockLocation(node) }
        let from = cursor[range.lowerBound] ?? range.lowerBound
        let bytes = Array(needle.utf8)
        guard let hit = document.protected.find(bytes, from: from, to: range.upperBound)
                ?? document.protected.find(bytes, from: range.lowerBound, to: range.upperBound) else {
            return blockLocation(node)
        }
        cursor[range.lowerBound] = hit + bytes.count
        return document.source.location(ofByte: document.offsetMap.original(hit))
    }

    private func originalText(_ span: MathSpan) -> String { span.original(in: document.source) }

    /// `text` with math placeholders put back as written, or nil when it has none. Used where
    /// math cannot be rendered (URLs, titles, raw HTML, code) so the author's text survives.
    private func restored(_ text: String) -> String? {
        guard text.unicodeScalars.contains(MathScanner.placeholderOpen) else { return nil }
        return MathPlaceholder.restore(text, math: document.math) { originalText($0) }
    }

    /// Puts back the source of any math placeholder in code (cmark may see a code span where
    /// the math scanner did not), so code always shows exactly what was written.
    private func restoreCode(_ node: CMarkNode) {
        if let literal = restored(node.literal) { node.literal = literal }
        if node.kind == .codeBlock, let info = restored(node.fenceInfo) { node.fenceInfo = info }
    }

    // MARK: Blocks

    private mutating func rewriteCodeBlock(_ node: CMarkNode, resolver: some MarkdownResolver) {
        let location = blockLocation(node)
        if node.fence != nil, DirectiveBlock.parseInfo(node.fenceInfo) != nil,
           let directive = document.directives.first(where: { $0.location.line == location.line }) {
            let html = resolver.html(for: directive)
            if html.isEmpty {
                node.unlink()
            } else if let block = tree.makeHTML(html, block: true) {
                node.replace(with: block)
            }
            return
        }
        let language = node.fenceInfo.split(separator: " ").first.map(String.init) ?? ""
        let html = Highlighter.codeBlock(node.literal, language: language)
        if let block = tree.makeHTML(html, block: true) { node.replace(with: block) }
    }

    private mutating func rewriteHeading(_ node: CMarkNode) {
        guard headingIndex < document.headings.count else { return }
        let heading = document.headings[headingIndex]
        headingIndex += 1
        let level = max(1, min(6, node.headingLevel))
        guard let outer = tree.makeCustom(enter: "", exit: "", block: true),
              let inner = tree.makeCustom(enter: "<h\(level) id=\"\(HTMLEscape.attribute(heading.slug))\">",
                                          exit: "</h\(level)>", block: false) else { return }
        if heading.label != nil, let last = node.children.last, last.kind == .text {
            let (text, _) = Heading.splitLabel(last.literal)
            last.literal = text
            if text.isEmpty { last.unlink() }
        }
        for child in node.children { inner.appendChild(child) }
        outer.appendChild(inner)
        node.replace(with: outer)
    }

    // MARK: Inlines

    private mutating func rewriteText(_ node: CMarkNode, resolver: some MarkdownResolver) {
        let literal = node.literal
        let hasMath = literal.unicodeScalars.contains(MathScanner.placeholderOpen)
        guard hasMath || literal.contains("@") else { return }

        // A paragraph that is just one display formula becomes a block of its own.
        if case let pieces = MathPlaceholder.split(literal, count: document.math.count), pieces.count == 1,
           case .math(let index) = pieces[0], document.math[index].display,
           let paragraph = node.parent, paragraph.kind == .paragraph, paragraph.children.count == 1 {
            let number = document.math[index].label.flatMap { resolver.equationNumber(for: $0) }
            let html = mathHTML(index, block: true, number: number)
            if let block = tree.makeHTML(html, block: true) { paragraph.replace(with: block) }
            return
        }
        // Inside a link no nested links; inside an image's alt text only plain text survives.
        var insideLink = false, insideImage = false
        var ancestor = node.parent
        while let a = ancestor, !(insideLink && insideImage) {
            if a.kind == .link { insideLink = true }
            if a.kind == .image { insideImage = true }
            ancestor = a.parent
        }

        var replacements: [CMarkNode] = []
        var changed = false
        for piece in MathPlaceholder.split(literal, count: document.math.count) {
            switch piece {
            case .math(let index):
                changed = true
                if insideImage {
                    if let n = tree.makeText(document.math[index].tex) { replacements.append(n) }
                } else if let html = tree.makeHTML(mathHTML(index, block: false), block: false) {
                    replacements.append(html)
                }
            case .text(let text):
                for segment in CrossReferenceScanner.split(text) {
                    switch segment {
                    case .text(let t):
                        if let n = tree.makeText(t) { replacements.append(n) }
                    case .reference(let label):
                        let location = locate("@" + label, in: node)
                        switch resolver.reference(label, at: location) {
                        case .success(let ref):
                            changed = true
                            let html = "<a class=\"xref\" href=\"\(HTMLEscape.attribute(ref.href))\">\(HTMLEscape.text(ref.text))</a>"
                            if insideLink || insideImage {
                                if let n = tree.makeText(ref.text) { replacements.append(n) }
                            } else if let n = tree.makeHTML(html, block: false) {
                                replacements.append(n)
                            }
                        case .failure(let diagnostic):
                            diagnostics.append(diagnostic)
                            if let n = tree.makeText("@" + label) { replacements.append(n) }
                        }
                    }
                }
            }
        }
        guard changed else { return }
        for replacement in replacements { node.insertBefore(replacement) }
        node.unlink()
    }

    /// MathML for a formula. Display math standing as its own block is wrapped in
    /// `<div class="math-display">` (which scrolls when wide), carrying the `id` of its
    /// `{#eq-…}` label and, when the resolver gives one, the equation number after the formula;
    /// a labelled display formula inside a paragraph gets `<span id>`.
    /// A TeX error gives a located diagnostic and the escaped source instead.
    private mutating func mathHTML(_ index: Int, block: Bool, number: String? = nil) -> String {
        let span = document.math[index]
        var html: String
        switch TeX.convert(span.tex, display: span.display) {
        case .success(let mathML):
            html = mathML
        case .failure(let error):
            let origin = error.offset < span.scalarOrigins.count ? span.scalarOrigins[error.offset]
                : span.scalarOrigins.last.map { $0 + 1 } ?? span.start
            diagnostics.append(.error(error.message, at: document.source.location(ofByte: origin)))
            let tag = block ? "pre" : "code"
            html = "<\(tag) class=\"math-error\">\(HTMLEscape.text(span.tex))</\(tag)>"
        }
        let id = span.label.map { " id=\"\(HTMLEscape.attribute($0))\"" } ?? ""
        if block {
            let numberHTML = number.map { "<span class=\"equation-number\">(\(HTMLEscape.text($0)))</span>" } ?? ""
            return "<div class=\"math-display\"\(id)>\(html)\(numberHTML)</div>"
        }
        return id.isEmpty ? html : "<span\(id)>\(html)</span>"
    }

    private mutating func rewriteRole(_ node: CMarkNode, resolver: some MarkdownResolver) {
        guard let previous = node.previous, previous.kind == .text,
              let name = RoleSyntax.trailingRoleName(previous.literal) else { return }
        let location = locate("{\(name)}", in: node)
        switch resolver.role(name, node.literal, at: location) {
        case .success(let html):
            let text = previous.literal
            previous.literal = String(text.unicodeScalars.dropLast(name.unicodeScalars.count + 2))
            if previous.literal.isEmpty { previous.unlink() }
            if let n = tree.makeHTML(html, block: false) { node.replace(with: n) }
        case .failure(let diagnostic):
            diagnostics.append(diagnostic)
        }
    }

    private mutating func rewriteLink(_ node: CMarkNode, resolver: some MarkdownResolver) {
        let destination = restored(node.url) ?? node.url
        let location = destination.isEmpty ? blockLocation(node) : locate(destination, in: node)
        switch resolver.link(destination, at: location) {
        case .success(let rewritten): node.url = rewritten
        case .failure(let diagnostic):
            diagnostics.append(diagnostic)
            node.url = destination
        }
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
