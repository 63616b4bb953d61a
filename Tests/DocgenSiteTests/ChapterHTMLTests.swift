import CCmarkGFM
import DocgenMarkup
import DocgenTestSupport
import Foundation
import XCTest
@testable import DocgenSite

/// The body HTML the site renders for `markdown`.
private func html(_ markdown: String, resolver: SiteTestResolver = SiteTestResolver()) -> String {
    ChapterHTML.body(of: resolver.page(markdown))
}

private func math(_ tex: String, display: Bool = false) -> String {
    Formula(tex: tex, isDisplay: display).mathML ?? "INVALID"
}

/// The chapter body as HTML: docgen's own conventions, exactly.
final class ChapterHTMLTests: XCTestCase {
    private let figure = Figure(number: "1.1", id: "fig-path", image: "figures/fig-path.png",
                                darkImage: "figures/fig-path-dark.png", width: 400, height: 250, alt: "Paths 'shrink'",
                                caption: [.text("As "), .math(Formula(tex: "\\alpha", isDisplay: false)), .text(" grows.")],
                                dataFile: "figures/fig-path.csv")

    func testFigureDirectiveBecomesAFigureWithBothThemesCaptionAndDataLinkAndExperimentsShowNothing() {
        let resolver = SiteTestResolver(figures: ["path": figure])
        XCTAssertEqual(html("Before\n\n```{experiment} e1\nmodel: lasso\n```\n\n```{figure} path\n```\n\nAfter\n", resolver: resolver), """
            <p>Before</p>
            <figure class="docgen-figure" id="fig-path">
            <a class="figure-full fig-light" href="figures/fig-path.png" title="Open the figure at full size"><img src="figures/fig-path.png" width="400" height="250" alt="Paths &#39;shrink&#39;" loading="lazy"></a>
            <a class="figure-full fig-dark" href="figures/fig-path-dark.png" title="Open the figure at full size"><img src="figures/fig-path-dark.png" width="400" height="250" alt="Paths &#39;shrink&#39;" loading="lazy"></a>
            <figcaption><span class="figure-number">Figure 1.1</span> As \(math("\\alpha")) grows. <a class="figure-data" href="figures/fig-path.csv" download>Data (CSV)</a></figcaption>
            </figure>
            <p>After</p>
            """)
    }

    func testAFigureOfSeveralPanelsOffersItsStackedVariantToNarrowScreensOnly() {
        var wide = figure
        wide.narrow = Figure.NarrowVariant(image: "figures/fig-path-narrow.png", darkImage: "figures/fig-path-narrow-dark.png",
                                           width: 360, height: 620)
        let body = html("```{figure} path\n```\n", resolver: SiteTestResolver(figures: ["path": wide]))
        XCTAssertTrue(body.contains("""
            <a class="figure-full fig-light" href="figures/fig-path.png" title="Open the figure at full size"><picture><source media="screen and (max-width: 40rem)" srcset="figures/fig-path-narrow.png" width="360" height="620"><img src="figures/fig-path.png" width="400" height="250"
            """), body)
        XCTAssertTrue(body.contains("srcset=\"figures/fig-path-narrow-dark.png\""), "the dark theme has its own narrow variant")
        XCTAssertEqual(body.components(separatedBy: "</picture></a>").count, 3, "both themes")
    }

    func testAHeaderCellHoldingOnlyMathIsNamedByItsPlainText() {
        let body = html("| $\\alpha$ | $\\|\\beta\\|_1$ and more | count |\n|---|---|---|\n| 1 | 2 | 3 |\n")
        let alpha = math("\\alpha")
        XCTAssertTrue(body.contains("<th>" + alpha.replacingOccurrences(of: "<math", with: "<math aria-hidden=\"true\"")
                                    + "<span class=\"visually-hidden\">α</span></th>"), body)
        XCTAssertTrue(body.contains("<th>\(math("\\|\\beta\\|_1")) and more</th>"), "text beside the formula names the column")
        XCTAssertTrue(body.contains("<td>1</td>"), "body cells are left alone")
    }

    func testMarkdownTablesAreInTheirScrollingBox() {
        XCTAssertTrue(html("| a |\n|---|\n| 1 |\n").hasPrefix("<div class=\"table-wrap\">\n<table>\n"))
    }

    func testNumberedTableMarksNumericBodyCells() {
        let table = NumberedTable(number: "2.1", id: "tbl-cv", caption: [.text("CV.")],
                                  header: [[.text("Rule")], [.text("α")]],
                                  rows: [[[.emphasis([.text("min")])], [.text("0.1")]]], numericColumns: [false, true])
        XCTAssertEqual(html("```{table} cv\n```\n", resolver: SiteTestResolver(tables: ["cv": table])), """
            <figure class="docgen-table" id="tbl-cv">
            <figcaption><span class="table-number">Table 2.1</span> CV.</figcaption>
            <div class="table-wrap">
            <table>
            <thead><tr><th>Rule</th><th>α</th></tr></thead>
            <tbody>
            <tr><td><em>min</em></td><td class="num">0.1</td></tr>
            </tbody>
            </table>
            </div>
            </figure>
            """)
    }

    func testRolesBecomeSpansNamedAfterTheRoleAndPlaceholdersAreMarkedMissing() {
        let resolver = SiteTestResolver(values: ["cv.alpha_min": "0.0123"])
        XCTAssertEqual(html("α = {value}`cv.alpha_min`, or {value}`failed.n`.\n", resolver: resolver),
                       "<p>α = <span class=\"value\" title=\"cv.alpha_min\">0.0123</span>, or <span class=\"value value-missing\">?</span>.</p>")
    }

    func testCrossReferencesBecomeXrefLinksButNotInsideLinks() {
        XCTAssertEqual(html("See @fig-path and [see @fig-path](x.html).\n"),
                       "<p>See <a class=\"xref\" href=\"#fig-path\">Figure 1.1</a> and <a href=\"x.html\">see Figure 1.1</a>.</p>")
    }

    func testHeadingsCarryTheirIDAndAnAnchorLinkAndTheTitleIsNotInTheBody() {
        XCTAssertEqual(html("# Ridge\n\n## Ridge\n\n### *Ridge* again {#sec-x}\n"), """
            <h2 id="ridge-1">Ridge<a class="anchor" href="#ridge-1" aria-label="Link to this section"></a></h2>
            <h3 id="sec-x"><em>Ridge</em> again<a class="anchor" href="#sec-x" aria-label="Link to this section"></a></h3>
            """)
    }

    func testGitHubAlertsBecomeCallouts() {
        XCTAssertEqual(html("> [!WARNING]\n> Standardize **first**.\n\n> [!tip] Choosing $\\alpha$\n> Use CV.\n\n> [!NOPE]\n> plain quote\n"), """
            <div class="callout callout-warning">
            <p class="callout-title">Warning</p>
            <p>Standardize <strong>first</strong>.</p>
            </div>
            <div class="callout callout-tip">
            <p class="callout-title">Choosing \(math("\\alpha"))</p>
            <p>Use CV.</p>
            </div>
            <blockquote>
            <p>[!NOPE]
            plain quote</p>
            </blockquote>
            """)
    }

    func testDisplayMathCarriesItsLabelAndNumberAndInlineMathIsMathML() {
        XCTAssertEqual(html("Take $a_1 * b_2$.\n\n$$\nx^2\n$$ {#eq-square}\n\n$$y$$\n"), """
            <p>Take \(math("a_1 * b_2")).</p>
            <div class="math-display" id="eq-square">\(math("\nx^2\n", display: true))<span class="equation-number">(2.1)</span></div>
            <div class="math-display">\(math("y", display: true))</div>
            """)
        XCTAssertEqual(html("In text $$z$$ {#eq-z} here.\n"),
                       "<p>In text <span id=\"eq-z\">\(math("z", display: true))</span> here.</p>")
    }

    func testInvalidTeXShowsItsSource() {
        XCTAssertEqual(html("Let $\\alpha + \\bogus$ be.\n\n$$\n\\frac{1}{\n$$\n"), """
            <p>Let <code class="math-error">\\alpha + \\bogus</code> be.</p>
            <div class="math-display"><pre class="math-error">
            \\frac{1}{
            </pre></div>
            """)
    }

    func testImageAltTextIsPlainWithMathReadAsText() {
        XCTAssertEqual(html("![alt $x_1$ and @fig-path](a.png)\n"), "<p><img src=\"a.png\" alt=\"alt x₁ and Figure 1.1\" /></p>")
    }

    func testCodeBlocksAreHighlightedWithTheirLanguageClass() {
        XCTAssertEqual(html("```Python\nx = 1\n```\n\n```\nplain <b>\n```\n"),
                       "<pre><code class=\"language-python\">x = <span class=\"tok-num\">1</span>\n</code></pre>\n<pre><code>plain &lt;b&gt;\n</code></pre>")
    }

    func testRawHTMLPassesThrough() {
        XCTAssertEqual(html("<div class=\"x\">\n<script>var a = 1;</script>\n</div>\n\nText <kbd>Ctrl</kbd>.\n"),
                       "<div class=\"x\">\n<script>var a = 1;</script>\n</div>\n<p>Text <kbd>Ctrl</kbd>.</p>")
    }
}

/// For Markdown without docgen's syntax (no math, roles, references or headings), the site writes
/// exactly what cmark-gfm's own HTML renderer writes: the chapters kept their bytes when pages
/// became structured.
final class CMarkCompatibilityTests: XCTestCase {
    private func cmarkHTML(_ markdown: String) -> String {
        cmark_gfm_core_extensions_ensure_registered()
        let options = Int32(CMARK_OPT_FOOTNOTES) | Int32(CMARK_OPT_UNSAFE)
        guard let parser = cmark_parser_new(options) else { return "" }
        defer { cmark_parser_free(parser) }
        for name in ["table", "strikethrough", "autolink", "tasklist"] {
            if let ext = cmark_find_syntax_extension(name) { cmark_parser_attach_syntax_extension(parser, ext) }
        }
        cmark_parser_feed(parser, markdown, markdown.utf8.count)
        guard let root = cmark_parser_finish(parser) else { return "" }
        defer { cmark_node_free(root) }
        guard let html = cmark_render_html(root, options, cmark_parser_get_syntax_extensions(parser)) else { return "" }
        defer { free(html) }
        return String(cString: html)
    }

    private static let samples = [
        "Plain *em* **strong** `code <b>` ~~del~~ text with \"quotes\", 'apostrophes' & <span>inline</span> HTML.\n",
        "Line one\nline two  \nhard break\\\nbackslash break\n",
        "- a\n- b\n  - nested\n  - list\n\n1. x\n2. y\n\n7) seven\n8) eight\n",
        "* loose\n\n* list\n\n  with two paragraphs\n",
        "- [x] done\n- [ ] todo\n- [ ]\n-\n- b\n",
        "> quote\n>\n> > nested\n> - list in quote\n\n> lazy\ncontinuation\n",
        "```\nplain <b> & 'q'\n```\n\n    indented code\n\n~~~\n~~~\n",
        "---\n\n***\n\nText\n\n___\n",
        "| a | b | c |\n|:--|--:|:-:|\n| 1 | 2 |\n| `x\\|y` | **b** | |\n\n| h |\n|---|\n",
        "[link](<http://x.org/a b?c=1&d=é'()>) [titled](/u 'a \"t\"') [ref][r] <https://example.org/x_y> www.example.com http://a.b/c.\n\n[r]: /url \"T\"\n",
        "![alt *em* `c` <b>](img.png \"t\") ![](empty.png) [![in link](i.png)](/l)\n",
        "<div class=\"x\">\n*raw*\n</div>\n\nText <kbd>Ctrl</kbd> <!-- c -->.\n\n<!-- block comment -->\n",
        "Claim[^1] and[^b] again[^1], missing[^zz].\n\n[^1]: Source \"q\".\n\n    more\n[^b]: Two.\n\n    > quoted\n[^unused]: never\n",
        "&amp; &copy; &#945; \\* \\_ &nbsp;x < y > z\n",
        "1. one\n\n   para\n2. two\n   - sub\n\n     loose sub\n",
    ]

    private func compare(_ markdown: String, file: StaticString = #filePath, line: UInt = #line) {
        var ours = ChapterHTML.body(of: SiteTestResolver().page(markdown))
        // Headings are the one intended difference: docgen gives them an id and an anchor link.
        ours = ours.replacingOccurrences(of: #"<h([1-6]) id="[^"]*">"#, with: "<h$1>", options: .regularExpression)
        ours = ours.replacingOccurrences(of: ##"<a class="anchor" href="#[^"]*" aria-label="Link to this section"></a></h"##,
                                         with: "</h", options: .regularExpression)
        // And tables: docgen wraps each in the box that scrolls when it is too wide.
        ours = ours.replacingOccurrences(of: "<div class=\"table-wrap\">\n<table>", with: "<table>")
            .replacingOccurrences(of: "</table>\n</div>", with: "</table>")
        var theirs = cmarkHTML(markdown)
        while theirs.hasSuffix("\n") { theirs.removeLast() }
        // docgen's own: a code block's class is its first space-separated word, lower-cased and
        // attribute-escaped (tested with the highlighting); cmark's differs in the edge cases.
        let codeClass = #"<code class="language-[^"]*">"#
        ours = ours.replacingOccurrences(of: codeClass, with: "<code>", options: .regularExpression)
        theirs = theirs.replacingOccurrences(of: codeClass, with: "<code>", options: .regularExpression)
        XCTAssertEqual(ours, theirs, markdown.debugDescription, file: file, line: line)
    }

    func testPlainMarkdownRendersAsCMarkRendersIt() {
        for sample in Self.samples { compare(sample) }
    }

    /// Random documents from Markdown's building blocks (without docgen's syntax, `#` and `=`,
    /// whose headings would be the chapter title, `"`, which docgen's code highlighting leaves
    /// unescaped in code blocks, and repeated footnote definitions: cmark counts references inside
    /// the ones it drops). Half the documents end with a footnote definition.
    func testThousandsOfRandomDocumentsRenderAsCMarkRendersThem() {
        let pieces = ["> ", "- ", "* ", "1. ", "2) ", "    ", "\t", "```", "~~~", "*", "_", "**", "__", "`", "``", "~~",
                      "[link](u)", "[x](", "](", "<div>", "</div>", "<!--", "-->", "|", "|---|", "| a |", ":-:", "\n",
                      "\n\n", "word", " ", "é", "😀", "[^1]", "[^b]", "- [ ] ", "- [x] ", "<https://a.b>",
                      "![alt](i.png 't')", "[a](u 't')", "<span title='", "'>", "&amp;", "&lt;", "\\", "***", "---",
                      "  \n", "<", ">", "(", ")", "[", "]", "!", "www.x.org", "a@b.org"]
        var rng = SeededGenerator(state: 20261204)
        for _ in 0..<2000 {
            var markdown = ""
            for _ in 0..<Int.random(in: 1...40, using: &rng) { markdown += pieces.randomElement(using: &rng) ?? "" }
            if Bool.random(using: &rng) { markdown += "\n\n[^1]: The note.\n" }
            compare(markdown)
        }
    }
}

/// Pages are rendered from their structure; nothing in the site reads HTML back.
final class NoHTMLParsingTests: XCTestCase {
    func testNothingInTheSiteOrThePageStageReadsHTMLBack() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let folders = ["Sources/DocgenSite", "Sources/DocgenBuild/Render"]
        // Signs of reading markup: searching text for tags, decoding entities, the old scanners.
        let markers = ["range(of: \"<", "firstIndex(of: \"<", "find(\"<", "components(separatedBy: \"<",
                       "split(separator: \"<", "decodeEntities", "HeadingScanner", "HTMLText", "fromHTML",
                       "bodyHTML", "removingTitleHeading", "ASCIISearch"]
        var checked = 0
        for folder in folders {
            let url = root.appendingPathComponent(folder)
            let files = try XCTUnwrap(FileManager.default.enumerator(atPath: url.path)).compactMap { $0 as? String }
            for file in files where file.hasSuffix(".swift") {
                let text = try String(contentsOf: url.appendingPathComponent(file), encoding: .utf8)
                for marker in markers {
                    XCTAssertFalse(text.contains(marker), "\(folder)/\(file) contains \(marker)")
                }
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 10, "the sources were found")
    }
}
