import DocgenMarkup

/// Renders a chapter's structured page to the HTML of its body (without the title, which the page
/// template shows): for the chapter's own page, or for the printable edition, where every chapter
/// shares one page (ids prefixed, links between chapters made in-page, figures in their light
/// variant only, no data links or heading anchors; see `Anchors`).
///
/// Conventions, those of cmark-gfm's HTML renderer wherever Markdown constructs are concerned
/// (block tags on lines of their own, `<p>` dropped in tight lists, GitHub's footnote and table
/// markup), plus docgen's own:
/// - a heading is `<hN id="…">…<a class="anchor" href="#…" aria-label="Link to this section"></a></hN>`;
/// - math is MathML; a display formula `<div class="math-display" id="eq-…">` with
///   `<span class="equation-number">(2.1)</span>`; a TeX error shows the source in
///   `<code class="math-error">` (`<pre>` for display math);
/// - code blocks `<pre><code class="language-x">` with `<span class="tok-…">` tokens;
/// - alerts `<div class="callout callout-KIND"><p class="callout-title">…</p>…</div>`;
/// - cross-references `<a class="xref">`, roles `<span class="NAME" title="ARGUMENT">`;
/// - figures and numbered tables as `<figure class="docgen-figure">` / `<figure class="docgen-table">`.
/// The result ends without a line break.
struct ChapterHTML {
    var out: HTMLWriter
    /// How ids and link targets are written: `.page`, or the printable edition's.
    let anchors: Anchors

    private init(capacity: Int, anchors: Anchors) {
        out = HTMLWriter(capacity: capacity)
        self.anchors = anchors
    }

    /// The body for the chapter's own page, or with `anchors` of the printable edition for that.
    static func body(of page: ChapterPage, anchors: Anchors = .page) -> String {
        var renderer = ChapterHTML(capacity: 16 * 1024, anchors: anchors)
        renderer.blocks(page.blocks, tight: false)
        renderer.footnotes(page.footnotes)
        renderer.out.trimTrailingNewlines()
        return renderer.out.string
    }

    // MARK: Blocks

    /// `tight`: the blocks are an item of a tight list, whose paragraphs lose their `<p>`.
    mutating func blocks(_ blocks: [Block], tight: Bool) {
        for block in blocks { self.block(block, tight: tight) }
    }

    mutating func block(_ block: Block, tight: Bool = false) {
        switch block {
        case .paragraph(let inlines):
            paragraph(inlines, tight: tight)
        case .heading(let heading):
            out.cr()
            out.put("<h\(heading.level) id=\"")
            out.attribute(anchors.id(heading.id))
            out.put("\">")
            inlines(heading.content)
            if !anchors.isPrintable {
                out.put("<a class=\"anchor\" href=\"#")
                out.attribute(heading.id)
                out.put("\" aria-label=\"Link to this section\"></a>")
            }
            out.put("</h\(heading.level)>")
            out.cr()
        case .list(let list):
            self.list(list)
        case .blockQuote(let blocks):
            out.cr()
            out.put("<blockquote>\n")
            self.blocks(blocks, tight: false)
            out.cr()
            out.put("</blockquote>\n")
        case .callout(let callout):
            out.cr()
            out.put("<div class=\"callout callout-\(callout.kind.rawValue)\">\n<p class=\"callout-title\">")
            if let title = callout.title { inlines(title) } else { out.plainText(callout.kind.defaultTitle) }
            out.put("</p>")
            out.cr()
            blocks(callout.blocks, tight: false)
            out.cr()
            out.put("</div>")
            out.cr()
        case .code(let code):
            out.cr()
            if code.language.isEmpty {
                out.put("<pre><code>")
            } else {
                out.put("<pre><code class=\"language-")
                out.attribute(code.language)
                out.put("\">")
            }
            out.put(Highlighter.html(tokens: code.tokens))
            out.put("</code></pre>")
            out.cr()
        case .math(let math):
            displayMath(math)
        case .thematicBreak:
            out.cr()
            out.put("<hr />\n")
        case .table(let table):
            self.table(table)
        case .html(let html):
            out.cr()
            out.put(html)
            out.cr()
        case .figure(let figure):
            out.cr()
            if anchors.isPrintable { printedFigure(figure) } else { self.figure(figure) }
        case .numberedTable(let table):
            out.cr()
            numberedTable(table)
        }
    }

    /// `trailer` is markup placed before `</p>` (a footnote's links back to its references).
    private mutating func paragraph(_ content: [Inline], tight: Bool, trailer: String? = nil) {
        if tight {
            inlines(content)
            return
        }
        out.cr()
        out.put("<p>")
        inlines(content)
        if let trailer { out.put(trailer) }
        out.put("</p>\n")
    }

    private mutating func list(_ list: ListBlock) {
        out.cr()
        if !list.isOrdered {
            out.put("<ul>\n")
        } else if list.start == 1 {
            out.put("<ol>\n")
        } else {
            out.put("<ol start=\"\(list.start)\">\n")
        }
        for item in list.items {
            out.cr()
            out.put("<li>")
            switch item.isChecked {
            case true?: out.put("<input type=\"checkbox\" checked=\"\" disabled=\"\" /> ")
            case false?: out.put("<input type=\"checkbox\" disabled=\"\" /> ")
            case nil: break
            }
            blocks(item.blocks, tight: list.isTight)
            out.put("</li>\n")
        }
        out.put(list.isOrdered ? "</ol>\n" : "</ul>\n")
    }

    private mutating func displayMath(_ math: DisplayMath) {
        out.cr()
        out.put("<div class=\"math-display\"")
        if let id = math.id {
            out.put(" id=\"")
            out.attribute(anchors.id(id))
            out.put("\"")
        }
        out.put(">")
        formula(math.formula, errorTag: "pre")
        if let number = math.number {
            out.put("<span class=\"equation-number\">(")
            out.plainText(number)
            out.put(")</span>")
        }
        out.put("</div>")
        out.cr()
    }

    /// MathML, or the escaped source in `<errorTag class="math-error">` when the TeX is invalid.
    mutating func formula(_ formula: Formula, errorTag: String) {
        if let mathML = formula.mathML {
            out.put(mathML)
        } else {
            out.put("<\(errorTag) class=\"math-error\">")
            out.plainText(formula.tex)
            out.put("</\(errorTag)>")
        }
    }

    /// The cr() calls follow cmark-gfm's table extension exactly; docgen adds the
    /// `<div class="table-wrap">` around the table, the box that scrolls when the table is too wide
    /// (`scroll-regions.js` makes it a named, focusable region then).
    private mutating func table(_ table: TextTable) {
        out.cr()
        out.put("<div class=\"table-wrap\">")
        out.cr()
        out.put("<table>")
        out.cr()
        out.put("<thead>")
        out.cr()
        row(table.header, cellTag: "th", alignments: table.alignments)
        out.cr()
        out.put("</thead>")
        for (index, cells) in table.rows.enumerated() {
            out.cr()
            if index == 0 {
                out.put("<tbody>")
                out.cr()
            }
            row(cells, cellTag: "td", alignments: table.alignments)
        }
        if !table.rows.isEmpty {
            out.cr()
            out.put("</tbody>")
            out.cr()
        }
        out.cr()
        out.put("</table>")
        out.cr()
        out.put("</div>")
        out.cr()
    }

    private mutating func row(_ cells: [TextTable.Cell], cellTag: String, alignments: [TextTable.Alignment?]) {
        out.put("<tr>")
        for (column, cell) in cells.enumerated() {
            out.cr()
            out.put("<\(cellTag)")
            switch column < alignments.count ? alignments[column] : nil {
            case .left?: out.put(" align=\"left\"")
            case .center?: out.put(" align=\"center\"")
            case .right?: out.put(" align=\"right\"")
            case nil: break
            }
            out.put(">")
            if cellTag == "th" { headerCell(cell) } else { inlines(cell) }
            out.put("</\(cellTag)>")
        }
        out.cr()
        out.put("</tr>")
    }

    /// A header cell's content. A cell that holds nothing but math would have no text a checker or
    /// a table navigator can name the column by (axe-core's `empty-table-header`): its formulas are
    /// shown as MathML hidden from assistive technology, followed by their plain text, visually
    /// hidden, which names the column ("α", "‖β‖₁").
    mutating func headerCell(_ cell: [Inline]) {
        let formulas = cell.compactMap { inline -> Formula? in
            if case .math(let formula) = inline, formula.mathML != nil { return formula }
            return nil
        }
        let onlyMath = !formulas.isEmpty && cell.allSatisfy { inline in
            switch inline {
            case .math: return true
            case .softBreak: return true
            case .text(let text): return text.allSatisfy(\.isWhitespace)
            default: return false
            }
        }
        guard onlyMath else {
            inlines(cell)
            return
        }
        for formula in formulas {
            guard let mathML = formula.mathML else { continue }
            out.put(mathML.hasPrefix("<math") ? "<math aria-hidden=\"true\"" + mathML.dropFirst("<math".count) : mathML)
        }
        out.put("<span class=\"visually-hidden\">")
        out.text(formulas.map(\.plainText).joined(separator: " "))
        out.put("</span>")
    }

    // MARK: Footnotes

    /// GitHub's footnote section: each footnote's links back to its references go at the end of
    /// its last paragraph, or on a line of their own when it ends with another block.
    private mutating func footnotes(_ footnotes: [Footnote]) {
        guard !footnotes.isEmpty else { return }
        out.put("<section class=\"footnotes\" data-footnotes>\n<ol>\n")
        for footnote in footnotes {
            out.put("<li id=\"")
            out.attribute(anchors.idPrefix)
            out.put("fn-")
            out.href(footnote.label)
            out.put("\">\n")
            let backReferences = Self.backReferences(footnote, idPrefix: anchors.idPrefix)
            if case .paragraph(let last)? = footnote.blocks.last {
                blocks(Array(footnote.blocks.dropLast()), tight: false)
                paragraph(last, tight: false, trailer: " " + backReferences)
            } else {
                blocks(footnote.blocks, tight: false)
                out.put(backReferences + "\n")
            }
            out.put("</li>\n")
        }
        out.put("</ol>\n</section>\n")
    }

    private static func backReferences(_ footnote: Footnote, idPrefix: String) -> String {
        var writer = HTMLWriter()
        for k in 1...max(1, footnote.referenceCount) {
            writer.put(k == 1 ? "<a href=\"#" : " <a href=\"#")
            writer.attribute(idPrefix)
            writer.put("fnref-")
            writer.href(footnote.label)
            if k > 1 { writer.put("-\(k)") }
            writer.put("\" class=\"footnote-backref\" data-footnote-backref aria-label=\"Back to content\">↩")
            if k > 1 { writer.put("<sup class=\"footnote-ref\">\(k)</sup>") }
            writer.put("</a>")
        }
        return writer.string
    }
}
