import DocgenMarkup

extension ChapterHTML {
    mutating func inlines(_ content: [Inline]) {
        for inline in content { self.inline(inline) }
    }

    private mutating func inline(_ inline: Inline) {
        switch inline {
        case .text(let text):
            out.text(text)
        case .emphasis(let content):
            wrapped("em", content)
        case .strong(let content):
            wrapped("strong", content)
        case .strikethrough(let content):
            wrapped("del", content)
        case .code(let code):
            out.put("<code>")
            out.text(code)
            out.put("</code>")
        case .link(let link):
            out.put("<a href=\"")
            out.href(anchors.target(link.destination))
            if !link.title.isEmpty {
                out.put("\" title=\"")
                out.text(link.title)
            }
            out.put("\">")
            inlines(link.content)
            out.put("</a>")
        case .image(let image):
            out.put("<img src=\"")
            out.href(image.source)
            out.put("\" alt=\"")
            altText(image.alt)
            if !image.title.isEmpty {
                out.put("\" title=\"")
                out.text(image.title)
            }
            out.put("\" />")
        case .math(let formula):
            if let label = formula.label {
                out.put("<span id=\"")
                out.attribute(anchors.id(label))
                out.put("\">")
                self.formula(formula, errorTag: "code")
                out.put("</span>")
            } else {
                self.formula(formula, errorTag: "code")
            }
        case .crossReference(let reference):
            out.put("<a class=\"xref\" href=\"")
            out.attribute(anchors.target(reference.href))
            out.put("\">")
            out.plainText(reference.text)
            out.put("</a>")
        case .html(let html):
            out.put(html)
        case .softBreak:
            out.put("\n")
        case .lineBreak:
            out.put("<br />\n")
        case .role(let role):
            out.put("<span class=\"")
            out.attribute(role.name)
            if role.isPlaceholder {
                out.put(" ")
                out.attribute(role.name)
                out.put("-missing\">")
            } else {
                out.put("\" title=\"")
                out.attribute(role.argument)
                out.put("\">")
            }
            inlines(role.content)
            out.put("</span>")
        case .footnoteReference(let reference):
            out.put("<sup class=\"footnote-ref\"><a href=\"#")
            out.attribute(anchors.idPrefix)
            out.put("fn-")
            out.href(reference.label)
            out.put("\" id=\"")
            out.attribute(anchors.idPrefix)
            out.put("fnref-")
            out.href(reference.label)
            if reference.occurrence > 1 { out.put("-\(reference.occurrence)") }
            out.put("\" data-footnote-ref>\(reference.number)</a></sup>")
        }
    }

    private mutating func wrapped(_ tag: String, _ content: [Inline]) {
        out.put("<\(tag)>")
        inlines(content)
        out.put("</\(tag)>")
    }

    /// Alt text as cmark writes it: only the text, escaped; a line break is a space; math reads
    /// as text.
    private mutating func altText(_ content: [Inline]) {
        for inline in content {
            switch inline {
            case .text(let text), .code(let text), .html(let text): out.text(text)
            case .softBreak, .lineBreak: out.put(" ")
            case .emphasis(let children), .strong(let children), .strikethrough(let children): altText(children)
            case .link(let link): altText(link.content)
            case .image(let image): altText(image.alt)
            case .math(let formula): out.text(formula.plainText)
            case .crossReference(let reference): out.text(reference.text)
            case .role(let role): altText(role.content)
            case .footnoteReference: break
            }
        }
    }
}
