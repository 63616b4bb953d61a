import DocgenDiagnostics

/// Where inline content sits: inside a link no nested links; inside an image's alt text only
/// text survives (and TeX errors there are not reported: the alt text shows the formula as text).
struct InlineContext {
    var insideLink = false
    var insideImage = false
    var depth = 0
}

extension PageBuilder {
    /// The inline content of a block's children.
    mutating func inlines(_ nodes: [CMarkNode], range: Range<Int>?, context: InlineContext = InlineContext()) -> [Inline] {
        var out: [Inline] = []
        for node in nodes { appendInline(node, range: range, context: context, into: &out) }
        return out
    }

    private mutating func appendInline(_ node: CMarkNode, range: Range<Int>?, context: InlineContext, into out: inout [Inline]) {
        var inner = context
        inner.depth += 1
        switch node.kind {
        case .text:
            reportUnformedRoles(node, range: range)
            appendText(node.literal, range: range, context: context, into: &out)
        case .softBreak:
            out.append(.softBreak)
        case .lineBreak:
            out.append(.lineBreak)
        case .code:
            appendCode(node, range: range, into: &out)
        case .htmlInline:
            out.append(.html(restored(node.literal) ?? node.literal))
        case .emphasis, .strong, .other("strikethrough"), .link, .image, .customInline:
            guard context.depth < Self.maximumDepth else {
                appendFlattened(node, range: range, context: context, into: &out)
                return
            }
            switch node.kind {
            case .emphasis: out.append(.emphasis(inlines(node.children, range: range, context: inner)))
            case .strong: out.append(.strong(inlines(node.children, range: range, context: inner)))
            case .other("strikethrough"): out.append(.strikethrough(inlines(node.children, range: range, context: inner)))
            case .link: out.append(.link(link(node, range: range, context: inner)))
            case .image:
                inner.insideImage = true
                let source = restored(node.url) ?? node.url
                let location = source.isEmpty ? blockLocation(range)
                    : locate(source, in: range, window: Self.sourceWindow(of: node, destination: source))
                var resolved = source
                switch resolver.image(source, at: location) {
                case .success(let rewritten): resolved = rewritten
                case .failure(let diagnostic): diagnostics.append(diagnostic)
                }
                out.append(.image(Image(source: resolved, title: restored(node.title) ?? node.title,
                                        alt: inlines(node.children, range: range, context: inner))))
            default:
                for child in node.children { appendInline(child, range: range, context: inner, into: &out) }
            }
        case .footnoteReference:
            let number = Int(node.literal) ?? 0
            let occurrence = (footnoteReferenceCounts[number] ?? 0) + 1
            footnoteReferenceCounts[number] = occurrence
            out.append(.footnoteReference(FootnoteReference(label: footnoteLabel(number) ?? node.literal,
                                                            number: number, occurrence: occurrence)))
        default:
            for child in node.children { appendInline(child, range: range, context: inner, into: &out) }
        }
    }

    /// The leaves under too deeply nested inline containers, in order, without recursion.
    private mutating func appendFlattened(_ node: CMarkNode, range: Range<Int>?, context: InlineContext, into out: inout [Inline]) {
        var stack = [node]
        while let next = stack.popLast() {
            switch next.kind {
            case .emphasis, .strong, .other("strikethrough"), .link, .image, .customInline:
                stack.append(contentsOf: next.children.reversed())
            default:
                appendInline(next, range: range, context: context, into: &out)
            }
        }
    }

    /// A link, its destination checked and rewritten by the resolver; a broken one keeps its
    /// destination as written.
    private mutating func link(_ node: CMarkNode, range: Range<Int>?, context: InlineContext) -> Link {
        let title = restored(node.title) ?? node.title
        let destination = restored(node.url) ?? node.url
        let location = destination.isEmpty ? blockLocation(range)
            : locate(destination, in: range, window: Self.sourceWindow(of: node, destination: destination))
        var resolved = destination
        switch resolver.link(destination, at: location) {
        case .success(let rewritten): resolved = rewritten
        case .failure(let diagnostic): diagnostics.append(diagnostic)
        }
        var inner = context
        inner.insideLink = true
        return Link(destination: resolved, title: title, content: inlines(node.children, range: range, context: inner))
    }

    /// How far after the previous located node a link's destination can be written: its text (with room
    /// for the markup around it), its title and the destination itself.
    static func sourceWindow(of node: CMarkNode, destination: String) -> Int {
        var length = 0
        var stack = node.children
        while let next = stack.popLast() {
            length += next.literal.utf8.count + next.url.utf8.count + next.title.utf8.count
            stack.append(contentsOf: next.children)
        }
        return 4 * (length + node.title.utf8.count) + 2 * destination.utf8.count + 256
    }

    /// A code span, or a role when the text before it ends with `{name}`.
    private mutating func appendCode(_ node: CMarkNode, range: Range<Int>?, into out: inout [Inline]) {
        // Math placeholders go back to their source: code shows exactly what was written.
        let code = restored(node.literal) ?? node.literal
        if let previous = node.previous, previous.kind == .text,
           let name = RoleSyntax.trailingRoleName(previous.literal),
           case .text(let before)? = out.last, before.hasSuffix("{\(name)}") {
            switch resolver.role(name, code, at: locate("{\(name)}", in: range)) {
            case .success(let result):
                out.removeLast()
                let kept = String(before.unicodeScalars.dropLast(name.unicodeScalars.count + 2))
                if !kept.isEmpty { out.append(.text(kept)) }
                out.append(.role(result))
                return
            case .failure(let diagnostic):
                diagnostics.append(diagnostic)
            }
        }
        out.append(.code(code))
    }

    /// Text with math placeholders and cross-references: math becomes formulas, references go
    /// through the resolver (an unknown one stays as written, with a diagnostic).
    mutating func appendText(_ literal: String, range: Range<Int>?, context: InlineContext, into out: inout [Inline]) {
        guard literal.unicodeScalars.contains(MathScanner.placeholderOpen) || literal.contains("@") else {
            Self.appendPlain(literal, into: &out)
            return
        }
        for piece in MathPlaceholder.split(literal, count: document.math.count) {
            switch piece {
            case .math(let index):
                out.append(.math(formula(index, report: !context.insideImage)))
            case .text(let text):
                for segment in CrossReferenceScanner.split(text) {
                    switch segment {
                    case .text(let t):
                        Self.appendPlain(t, into: &out)
                    case .reference(let label):
                        switch resolver.reference(label, at: locate("@" + label, in: range)) {
                        case .success(let reference):
                            if context.insideLink || context.insideImage {
                                Self.appendPlain(reference.text, into: &out)
                            } else {
                                out.append(.crossReference(reference))
                            }
                        case .failure(let diagnostic):
                            diagnostics.append(diagnostic)
                            Self.appendPlain("@" + label, into: &out)
                        }
                    }
                }
            }
        }
    }

    /// `{name}` followed by backticks that made no code span (`{value}```, or a span never closed) is a role the
    /// author meant and did not get: an error, rather than the text shown as written without a word.
    private mutating func reportUnformedRoles(_ node: CMarkNode, range: Range<Int>?) {
        let literal = node.literal
        var names: [String] = []
        if literal.hasPrefix("`"), let previous = node.previous, previous.kind == .text,
           let name = RoleSyntax.trailingRoleName(previous.literal) {
            names.append(name)
        }
        if literal.contains("}`") { names += RoleSyntax.rolesBeforeBackticks(literal) }
        for name in names {
            diagnostics.append(.error("{\(name)} needs a code span right after it, as in {\(name)}`experiment.field`; "
                                      + "this one is empty or never closed", at: locate("{\(name)}", in: range)))
        }
    }

    /// Appends text, merged into a text run that `out` ends with.
    private static func appendPlain(_ text: String, into out: inout [Inline]) {
        guard !text.isEmpty else { return }
        // Take the run out of the array first, so it is the string's only reference and grows in place:
        // a run built from thousands of pieces costs their total length, not its square.
        if case .text(var run)? = out.last {
            out.removeLast()
            run += text
            out.append(.text(run))
        } else {
            out.append(.text(text))
        }
    }
}
