import XCTest
import DocgenDiagnostics
@testable import DocgenMarkup

final class RenderingTests: XCTestCase {
    func testDirectiveHTMLReplacesTheFenceAndExperimentsRenderNothing() {
        let r = render("Before\n\n```{experiment} e1\nmodel: lasso\n```\n\n```{figure} path\nexperiment: e1\n```\n\nAfter\n")
        XCTAssertEqual(r.html, "<p>Before</p>\n<figure id=\"path\"></figure>\n<p>After</p>\n")
    }

    func testKnownRoleIsReplacedByResolverHTML() {
        let r = render("Cross-validation picks α = {value}`cv.alpha_min`, nice.\n")
        XCTAssertEqual(r.html, "<p>Cross-validation picks α = <span class=\"value\">0.0123</span>, nice.</p>\n")
        XCTAssertEqual(r.resolver.roles.first?.at, SourceLocation(file: "ch.md", line: 1, column: 28))
        XCTAssertEqual(r.diagnostics, [])
    }

    func testUnknownRoleIsReportedAtItsBraceAndLeftAsWritten() {
        let r = render("Line one\nand {value}`cv.nope` then {bogus}`x`.\n")
        XCTAssertEqual(r.diagnostics.map(\.location), [
            SourceLocation(file: "ch.md", line: 2, column: 5),
            SourceLocation(file: "ch.md", line: 2, column: 27),
        ])
        XCTAssertEqual(r.diagnostics.map(\.message), ["unknown value 'cv.nope'", "unknown role 'bogus'"])
        XCTAssertTrue(r.html.contains("{value}<code>cv.nope</code>"))
    }

    func testCrossReferencesBecomeLinksAndUnknownOnesAreLocated() {
        let r = render("# T\n\nSee @fig-path. Also @tbl-missing, and mail ann@fig-x.org.\n")
        XCTAssertEqual(r.html, "<h1 id=\"t\">T</h1>\n<p>See <a class=\"xref\" href=\"#fig-path\">Figure 1.1</a>. Also @tbl-missing, and mail <a href=\"mailto:ann@fig-x.org\">ann@fig-x.org</a>.</p>\n")
        XCTAssertEqual(r.resolver.references.map(\.label), ["fig-path", "tbl-missing"])
        XCTAssertEqual(r.diagnostics.map(\.location), [SourceLocation(file: "ch.md", line: 3, column: 21)])
    }

    func testSameReferenceTwiceInAParagraphIsLocatedAtEachOccurrence() {
        let r = render("@tbl-a and\n*again* @tbl-a\n")
        XCTAssertEqual(r.diagnostics.map(\.location), [
            SourceLocation(file: "ch.md", line: 1, column: 1),
            SourceLocation(file: "ch.md", line: 2, column: 9),
        ])
    }

    func testInlineLocationsInsideTablesQuotedListsAndFootnotesAreExact() {
        let r = render("| a | b |\n|---|---|\n| x | see @tbl-zz |\n\n> - item\n>   and {value}`bad`\n\nText[^n].\n\n[^n]: foot @fig-qq\n")
        XCTAssertEqual(r.diagnostics.map(\.location), [
            SourceLocation(file: "ch.md", line: 3, column: 11),
            SourceLocation(file: "ch.md", line: 6, column: 9),
            SourceLocation(file: "ch.md", line: 10, column: 12),
        ])
    }

    func testLinksAreRewrittenAndBrokenOnesLocatedAtTheDestination() {
        let r = render("Read [the lasso](lasso.md#path) or [this](gone.md) or <https://example.org>.\n")
        XCTAssertEqual(r.html, "<p>Read <a href=\"lasso.html#path\">the lasso</a> or <a href=\"gone.md\">this</a> or <a href=\"https://example.org\">https://example.org</a>.</p>\n")
        XCTAssertEqual(r.diagnostics.map(\.location), [SourceLocation(file: "ch.md", line: 1, column: 43)])
    }

    func testHeadingsCarryUniqueSlugIDs() {
        let r = render("# Ridge\n\n## Ridge\n\n### *Ridge* again\n")
        XCTAssertEqual(r.html, "<h1 id=\"ridge\">Ridge</h1>\n<h2 id=\"ridge-1\">Ridge</h2>\n<h3 id=\"ridge-again\"><em>Ridge</em> again</h3>\n")
    }

    func testGitHubAlertsBecomeCallouts() {
        let r = render("> [!WARNING]\n> Standardize **first**.\n\n> [!tip] Choosing α\n> Use CV.\n\n> [!NOPE]\n> plain quote\n")
        XCTAssertEqual(r.html, """
        <div class="callout callout-warning">
        <p class="callout-title">Warning</p>
        <p>Standardize <strong>first</strong>.</p>
        </div>
        <div class="callout callout-tip">
        <p class="callout-title">Choosing α</p>
        <p>Use CV.</p>
        </div>
        <blockquote>
        <p>[!NOPE]
        plain quote</p>
        </blockquote>

        """)
    }

    func testMathInACustomAlertTitleIsRendered() {
        let html = render("> [!NOTE] Choosing $\\alpha$\n> Body.\n").html
        let alpha = (try? TeX.mathML("\\alpha", display: false, at: SourceLocation(file: "x", line: 1, column: 1))) ?? "ERROR"
        XCTAssertTrue(html.contains("<p class=\"callout-title\">Choosing \(alpha)</p>"), html)
    }

    func testEveryAlertKindHasItsClassAndTitle() {
        for (kind, title) in [("NOTE", "Note"), ("TIP", "Tip"), ("IMPORTANT", "Important"), ("WARNING", "Warning"), ("CAUTION", "Caution")] {
            let html = render("> [!\(kind)]\n> body\n").html
            XCTAssertTrue(html.hasPrefix("<div class=\"callout callout-\(kind.lowercased())\">\n<p class=\"callout-title\">\(title)</p>"), html)
        }
    }

    func testRawHTMLPassesThrough() {
        let r = render("<div class=\"x\">\n<script>var a = 1;</script>\n</div>\n\nText <kbd>Ctrl</kbd>.\n")
        XCTAssertEqual(r.html, "<div class=\"x\">\n<script>var a = 1;</script>\n</div>\n<p>Text <kbd>Ctrl</kbd>.</p>\n")
    }

    func testGFMTablesStrikethroughTaskListsAndFootnotes() {
        let r = render("| a | b |\n|---|--:|\n| 1 | 2 |\n\n~~old~~\n\n- [x] done\n- [ ] todo\n\nClaim[^1].\n\n[^1]: Source.\n")
        XCTAssertTrue(r.html.contains("<table>"), r.html)
        XCTAssertTrue(r.html.contains("<td align=\"right\">2</td>"), r.html)
        XCTAssertTrue(r.html.contains("<del>old</del>"), r.html)
        XCTAssertTrue(r.html.contains("<input type=\"checkbox\" checked=\"\" disabled=\"\" /> done"), r.html)
        XCTAssertTrue(r.html.contains("<input type=\"checkbox\" disabled=\"\" /> todo"), r.html)
        XCTAssertTrue(r.html.contains("<section class=\"footnotes\""), r.html)
        XCTAssertTrue(r.html.contains("href=\"#fn-1\""), r.html)
    }
}

final class LabelsAndNestingTests: XCTestCase {
    func testHeadingLabelBecomesItsIDAndLeavesTheText() {
        let doc = MarkdownDocument(source: "## Setup {#sec-setup}\n\n## Setup\n", file: "h.md")
        XCTAssertEqual(doc.headings.map(\.text), ["Setup", "Setup"])
        XCTAssertEqual(doc.headings.map(\.label), ["sec-setup", nil])
        XCTAssertEqual(doc.headings.map(\.slug), ["sec-setup", "setup"])
        XCTAssertEqual(doc.renderHTML(resolver: TestResolver()).html, "<h2 id=\"sec-setup\">Setup</h2>\n<h2 id=\"setup\">Setup</h2>\n")
    }

    func testLabelledDisplayEquationGetsAnIDAndIsListed() {
        let source = "Text\n\n$$\nx^2\n$$ {#eq-square}\n\n$$y$$\n"
        let doc = MarkdownDocument(source: source, file: "e.md")
        XCTAssertEqual(doc.equations, [EquationLabel(label: "eq-square", location: SourceLocation(file: "e.md", line: 3, column: 1), index: 0)])
        let html = doc.renderHTML(resolver: TestResolver()).html
        XCTAssertTrue(html.contains("<div class=\"math-display\" id=\"eq-square\"><math xmlns=\"http://www.w3.org/1998/Math/MathML\" display=\"block\">"), html)
        XCTAssertFalse(html.contains("{#eq-square}"), html)
        XCTAssertTrue(html.contains("</math><span class=\"equation-number\">(2.1)</span></div>"), html)
    }

    func testMathAndReferencesInImageAltTextBecomePlainText() {
        let r = render("![alt $x_1$ and @fig-path](a.png)\n")
        XCTAssertEqual(r.html, "<p><img src=\"a.png\" alt=\"alt x_1 and Figure 1.1\" /></p>\n")
    }

    func testReferenceInsideALinkDoesNotNestLinks() {
        let r = render("[see @fig-path](lasso.md)\n")
        XCTAssertEqual(r.html, "<p><a href=\"lasso.html\">see Figure 1.1</a></p>\n")
    }
}
