extension ChapterPage {
    /// Every formula the page shows, in reading order: in paragraphs, headings, lists, quotes,
    /// callouts, tables, figure and table captions, numbered tables and footnotes (not in image
    /// alt text, which is shown as plain text).
    public var formulas: [Formula] {
        var found: [Formula] = []
        for block in blocks { block.collectFormulas(into: &found) }
        for footnote in footnotes { for block in footnote.blocks { block.collectFormulas(into: &found) } }
        return found
    }
}

extension Block {
    func collectFormulas(into found: inout [Formula]) {
        switch self {
        case .paragraph(let content): content.collectFormulas(into: &found)
        case .heading(let heading): heading.content.collectFormulas(into: &found)
        case .list(let list): for item in list.items { for block in item.blocks { block.collectFormulas(into: &found) } }
        case .blockQuote(let blocks): for block in blocks { block.collectFormulas(into: &found) }
        case .callout(let callout):
            callout.title?.collectFormulas(into: &found)
            for block in callout.blocks { block.collectFormulas(into: &found) }
        case .math(let math): found.append(math.formula)
        case .table(let table):
            for cell in table.header { cell.collectFormulas(into: &found) }
            for row in table.rows { for cell in row { cell.collectFormulas(into: &found) } }
        case .figure(let figure): figure.caption.collectFormulas(into: &found)
        case .numberedTable(let table):
            table.caption.collectFormulas(into: &found)
            for cell in table.header { cell.collectFormulas(into: &found) }
            for row in table.rows { for cell in row { cell.collectFormulas(into: &found) } }
        case .code, .thematicBreak, .html: break
        }
    }
}

extension Array where Element == Inline {
    func collectFormulas(into found: inout [Formula]) {
        for inline in self {
            switch inline {
            case .math(let formula): found.append(formula)
            case .emphasis(let content), .strong(let content), .strikethrough(let content): content.collectFormulas(into: &found)
            case .link(let link): link.content.collectFormulas(into: &found)
            case .role(let role): role.content.collectFormulas(into: &found)
            case .text, .code, .image, .crossReference, .html, .softBreak, .lineBreak, .footnoteReference: break
            }
        }
    }
}
