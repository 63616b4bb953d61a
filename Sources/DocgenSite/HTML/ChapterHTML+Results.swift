import DocgenMarkup

/// The blocks directives produce: numbered figures and numbered tables of results.
extension ChapterHTML {
    /// `<figure class="docgen-figure">` with the light image, the dark one when drawn, and a
    /// caption "Figure N …" ending with a download link to the figure's data and, when there is one, to the script
    /// that reproduces its experiment in Python.
    mutating func figure(_ figure: Figure) {
        out.put("<figure class=\"docgen-figure\" id=\"")
        out.attribute(anchors.id(figure.id))
        out.put("\">\n")
        image(figure.image, narrow: figure.narrow?.image, cssClass: "fig-light", figure: figure)
        if let dark = figure.darkImage {
            image(dark, narrow: figure.narrow?.darkImage ?? figure.narrow?.image, cssClass: "fig-dark", figure: figure)
        }
        out.put("<figcaption><span class=\"figure-number\">Figure ")
        out.plainText(figure.number)
        out.put("</span> ")
        inlines(figure.caption)
        if let data = figure.dataFile {
            out.put(" <a class=\"figure-data\" href=\"")
            out.attribute(data)
            out.put("\" download>Data (CSV)</a>")
        }
        if let script = figure.reproduceScript {
            out.put(" <a class=\"figure-reproduce\" href=\"")
            out.attribute(script)
            out.put("\" download>Reproduce in Python</a>")
        }
        out.put("</figcaption>\n</figure>\n")
    }

    /// A figure as the printable edition shows it: the light image only, loaded at once (a lazy
    /// image may still be missing when the page is printed), and the caption without the data link.
    mutating func printedFigure(_ figure: Figure) {
        out.put("<figure class=\"docgen-figure\" id=\"")
        out.attribute(anchors.id(figure.id))
        out.put("\">\n<img src=\"")
        out.attribute(figure.image)
        out.put("\" width=\"\(figure.width)\" height=\"\(figure.height)\" alt=\"")
        out.attribute(figure.alt)
        out.put("\">\n<figcaption><span class=\"figure-number\">Figure ")
        out.plainText(figure.number)
        out.put("</span> ")
        inlines(figure.caption)
        out.put("</figcaption>\n</figure>\n")
    }

    /// One theme's image, a link to itself at full size (the PNG holds 2.5 device pixels per CSS pixel); with a
    /// narrow variant, a `<picture>` whose source is taken on screens narrower than 40rem (never in print).
    private mutating func image(_ source: String, narrow: String?, cssClass: String, figure: Figure) {
        out.put("<a class=\"figure-full \(cssClass)\" href=\"")
        out.attribute(source)
        out.put("\" title=\"Open the figure at full size\">")
        if let narrow, let size = figure.narrow {
            out.put("<picture><source media=\"screen and (max-width: 40rem)\" srcset=\"")
            out.attribute(narrow)
            out.put("\" width=\"\(size.width)\" height=\"\(size.height)\">")
        }
        out.put("<img src=\"")
        out.attribute(source)
        out.put("\" width=\"\(figure.width)\" height=\"\(figure.height)\" alt=\"")
        out.attribute(figure.alt)
        out.put("\" loading=\"lazy\">")
        if figure.narrow != nil && narrow != nil { out.put("</picture>") }
        out.put("</a>\n")
    }

    /// `<figure class="docgen-table">` with the caption "Table N …" and the table in its scrolling
    /// `<div class="table-wrap">`; body cells of numeric columns are `<td class="num">`.
    mutating func numberedTable(_ table: NumberedTable) {
        out.put("<figure class=\"docgen-table\" id=\"")
        out.attribute(anchors.id(table.id))
        out.put("\">\n<figcaption><span class=\"table-number\">Table ")
        out.plainText(table.number)
        out.put("</span> ")
        inlines(table.caption)
        out.put("</figcaption>\n<div class=\"table-wrap\">\n<table>\n<thead><tr>")
        for cell in table.header {
            out.put("<th>")
            headerCell(cell)
            out.put("</th>")
        }
        out.put("</tr></thead>\n<tbody>\n")
        for row in table.rows {
            out.put("<tr>")
            for (column, cell) in row.enumerated() {
                let numeric = column < table.numericColumns.count && table.numericColumns[column]
                out.put(numeric ? "<td class=\"num\">" : "<td>")
                inlines(cell)
                out.put("</td>")
            }
            out.put("</tr>\n")
        }
        out.put("</tbody>\n</table>\n</div>\n</figure>\n")
    }
}
